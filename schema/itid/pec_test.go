package itid

import (
	"strings"
	"testing"
)

func TestPEC(t *testing.T) {
	local64 := strings.Repeat("a", 64)
	label63 := strings.Repeat("b", 63)
	// 254 characters, the longest address: a 64-character local part, "@" and a 189-character
	// domain (labels of 62, 61 and 61 characters, then ".it").
	long := local64 + "@" + strings.Repeat("c", 62) + "." + strings.Repeat("d", 61) + "." + strings.Repeat("e", 61) + ".it"
	if len(long) != 254 {
		t.Fatalf("test setup: len(long) = %d", len(long))
	}
	runCases(t, KindPEC, PEC, []tcase{
		{"simple", "associazione@pec.it", ""},
		{"dotted local part", "mario.rossi@legalmail.it", ""},
		{"subdomains", "protocollo@pec.comune.roma.it", ""},
		{"upper case", "INFO@PEC.IT", ""},
		{"surrounding spaces", "  info@pec.it\n", ""},
		{"atext specials", "o'brien+ets_1-a{b}@pec.it", ""},
		{"hyphen in domain", "info@pec.aruba-pec.it", ""},
		{"punycode domain", "info@xn--caf-dma.it", ""},
		{"digits in labels", "ente123@pec123.it", ""},
		{"64-char local part", local64 + "@pec.it", ""},
		{"63-char label", "a@" + label63 + ".it", ""},
		{"254 chars", long, ""},

		{"empty", "", ReasonLength},
		{"no @", "info.pec.it", ReasonFormat},
		{"two @", "info@ente@pec.it", ReasonFormat},
		{"empty local part", "@pec.it", ReasonFormat},
		{"empty domain", "info@", ReasonFormat},
		{"no dot in domain", "info@localhost", ReasonFormat},
		{"trailing dot", "info@pec.it.", ReasonFormat},
		{"leading dot in domain", "info@.pec.it", ReasonFormat},
		{"double dot in domain", "info@pec..it", ReasonFormat},
		{"label starts with hyphen", "info@-pec.it", ReasonFormat},
		{"label ends with hyphen", "info@pec-.it", ReasonFormat},
		{"numeric TLD", "info@192.168.0.1", ReasonFormat},
		{"one-letter TLD", "info@pec.i", ReasonFormat},
		{"leading dot in local part", ".info@pec.it", ReasonFormat},
		{"trailing dot in local part", "info.@pec.it", ReasonFormat},
		{"double dot in local part", "mario..rossi@pec.it", ReasonFormat},
		{"quoted local part", `"mario rossi"@pec.it`, ReasonCharset},
		{"quoted local part without space", `"mario"@pec.it`, ReasonFormat},
		{"comment", "mario(ufficio)@pec.it", ReasonFormat},
		{"65-char local part", local64 + "a@pec.it", ReasonLength},
		{"64-char label", "a@" + label63 + "b.it", ReasonLength},
		{"255 chars", long[:65] + "c" + long[65:], ReasonLength},
		{"inner space", "mario rossi@pec.it", ReasonCharset},
		{"accented local part", "niccolò@pec.it", ReasonCharset},
		{"IDN domain not in punycode", "info@caffè.it", ReasonCharset},
		{"comma", "a,b@pec.it", ReasonCharset},
		{"underscore in domain", "info@pec_ente.it", ReasonCharset},
		{"address literal", "info@[192.168.0.1]", ReasonCharset},
		{"control character", "info\x00@pec.it", ReasonCharset},
		{"display name form", "Ente <info@pec.it>", ReasonCharset},
	})
}
