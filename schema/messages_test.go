package schema

import (
	"strings"
	"testing"

	"bando/schema/itid"
)

// TestMessagesTranslated fails when a key lacks its Italian or English text.
func TestMessagesTranslated(t *testing.T) {
	for _, k := range MessageKeys() {
		m := messages[k]
		if strings.TrimSpace(m[0]) == "" || strings.TrimSpace(m[1]) == "" {
			t.Errorf("message %q lacks a language", k)
		}
		if strings.Count(m[0], "{") != strings.Count(m[1], "{") {
			t.Errorf("message %q: the two languages use different parameters", k)
		}
	}
}

// TestEveryReasonHasAMessage: whatever itid answers, the applicant gets a specific message.
func TestEveryReasonHasAMessage(t *testing.T) {
	inputs := []string{"", "x", "0", "00000000000", "AAAAAAAAAAAAAAAA", "IT00X", "12345678901234567890123456789012345",
		"ab@", "Z/1", "B/0", "ZZ", "!!", "RSSMCL99M07F205Z", "RSSMCL99Z07F205Y", "00743110158", "00743119990",
		"IT60X0542811101000000123457", "XX60X0542811101000000123457", "J14E2000001000", "j14e20000010001", "1234A"}
	for tag, check := range ownTags {
		for _, in := range inputs {
			err := check(in)
			if err == nil {
				continue
			}
			ie, ok := err.(*itid.Error)
			if !ok {
				t.Fatalf("%s(%q): %T", tag, in, err)
			}
			key := tag + "." + ie.Reason
			if !HasMessage(key) {
				t.Errorf("no message for %s (from %q)", key, in)
			}
		}
	}
}

func TestMessageParams(t *testing.T) {
	got := Message(IT, "repeat.min", map[string]string{"min": "2", "n": "1", "item": "membro"})
	if got != "Servono almeno 2 voci «membro»: ora sono 1." {
		t.Fatal(got)
	}
	if got := Message(EN, "no.such.key", nil); !strings.Contains(got, "no.such.key") {
		t.Fatal(got)
	}
}

// TestMessageFillsAsReplace: Message fills every message of the catalogue in one pass exactly
// as replacing each parameter in turn would, with parameters named in the text, parameters it
// does not name, and none.
func TestMessageFillsAsReplace(t *testing.T) {
	replace := func(s string, params map[string]string) string {
		for k, v := range params {
			s = strings.ReplaceAll(s, "{"+k+"}", v)
		}
		return s
	}
	for _, k := range MessageKeys() {
		for _, lang := range []Lang{IT, EN} {
			s := messages[k][0]
			if lang == EN {
				s = messages[k][1]
			}
			for _, params := range []map[string]string{
				nil,
				{"param": "5", "n": "12", "max": "3", "item": "Membro 2", "value": "x}y", "other": "z"},
				{"item": "", "n": "}"},
				{"value": "{x}", "n": "3"}, // a value with a brace takes the slow way: the same text
			} {
				if got, want := Message(lang, k, params), replace(s, params); got != want {
					t.Errorf("Message(%s, %q, %v) = %q, want %q", lang, k, params, got, want)
				}
			}
		}
	}
}
