package draft

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"bando/schema"
)

const (
	errorsExample = "../../schema/calls/examples/toscana-fami-2024.errors.bando.json"
	miniCall      = "../../schema/testdata/mini.json"
	miniAnswers   = "../../schema/testdata/mini.answers.json"
)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func readDraftFile(t testing.TB, name string) *Draft {
	t.Helper()
	d, err := Decode(readFile(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func fami(t testing.TB) *schema.Call {
	t.Helper()
	c, err := schema.Shipped("toscana-fami-2024")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// loadCall loads a call schema file, changed by the replacements old1, new1, old2, new2…
func loadCall(t testing.TB, name string, replace ...string) *schema.Call {
	t.Helper()
	src := string(readFile(t, name))
	for i := 0; i+1 < len(replace); i += 2 {
		if !strings.Contains(src, replace[i]) {
			t.Fatalf("%q is not in %s", replace[i], name)
		}
		src = strings.Replace(src, replace[i], replace[i+1], 1)
	}
	c, err := schema.Load([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func readAnswers(t testing.TB, name string) schema.Answers {
	t.Helper()
	a, err := schema.DecodeAnswers(readFile(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// sized makes schema.Sample fill every group with n items.
func sized(n int) func(*schema.Field) int { return func(*schema.Field) int { return n } }

// mutated returns a copy of a with the answers at the given paths replaced.
func mutated(t testing.TB, a schema.Answers, set map[string]any) schema.Answers {
	t.Helper()
	out := a.Clone()
	for p, v := range set {
		if err := out.Set(p, v); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// redactCases are answers whose every verdict (path, key and parameters) redaction must keep:
// the shipped examples, generated proposals, and answers broken on purpose in each way an
// Italian identifier can be wrong.
func redactCases(t testing.TB) []struct {
	name string
	call *schema.Call
	a    schema.Answers
} {
	f, mini := fami(t), loadCall(t, miniCall)
	complete := readDraftFile(t, complete).Answers
	miniA := readAnswers(t, miniAnswers)
	type tc = struct {
		name string
		call *schema.Call
		a    schema.Answers
	}
	return []tc{
		{"complete example", f, complete},
		{"errors example", f, readDraftFile(t, errorsExample).Answers},
		{"sample with 1 item per group", f, schema.Sample(f, sized(1))},
		{"sample with 3 items per group", f, schema.Sample(f, sized(3))},
		{"sample with 40 items per group", f, schema.Sample(f, sized(40))},
		{"identifiers broken every way", f, mutated(t, complete, map[string]any{
			"ats.membri[0].rl_cf":                "rssmcl 99m07 f205z",           // checksum, typed loosely
			"ats.membri[1].rl_cf":                "RSSMCL99B31F205Y",             // impossible date
			"ats.membri[2].rl_cf":                "RSSMCL99M07F2O5Y",             // O for 0
			"ats.membri[3].rl_cf":                "RSSMCL99M07F20",               // short
			"ats.membri[0].cf":                   "00743110158",                  // checksum
			"ats.membri[1].cf":                   "00000000000",                  // zero
			"ats.membri[2].piva":                 "12345678903",                  // office
			"ats.membri[3].piva":                 "IT00743110157",                // prefix, valid
			"ats.membri[0].pec":                  "segreteria@@pec.it",           // two @
			"ats.membri[1].pec":                  "mediazione@pec.123",           // numeric TLD
			"ats.membri[2].email":                "info@esempio",                 // one label
			"ats.membri[0].runts":                "H/123",                        // section
			"ats.membri[1].runts":                "A/000",                        // zero
			"ats.membri[1].rl_nascita_data":      "1985-02-30",                   // impossible birth date
			"ats.membri[0].sede_cap":             "5O124",                        // kept: CAP
			"ats.membri[0].denominazione":        strings.Repeat("Società ", 26), // over max=200
			"ats.membri[1].ruolo":                strings.Repeat("è", 1001),      // over maxChars
			"ats.membri[2].telefono":             "   ",                          // blank
			"ats.membri[3].rl_nome":              42,                             // wrong type
			"azioni.linee[0].destinatari_numero": "molti",                        // wrong type in a kept field
			"dichiarazioni.bollo_id":             "0123456789012",                // len=14
		})},
		{"mini call", mini, miniA},
		{"mini call broken", mini, mutated(t, miniA, map[string]any{
			"budget.iban":                 "IT60X0542811101000000123457",
			"budget.id":                   "RSSMCL99M07F205Y", // cf|piva: a valid CF
			"budget.note":                 "ok",               // min=3
			"budget.voci[0].descrizione":  strings.Repeat("x", 31),
			"ats.membri[0].rl_cf":         "RSSMCL99M07F205Z",
			"ats.membri[1].denominazione": "Una denominazione troppo lunga",
		})},
		{"mini call OR-list with a partita IVA", mini, mutated(t, miniA, map[string]any{"budget.id": "00743110157"})},
		{"mini call OR-list with neither", mini, mutated(t, miniA, map[string]any{"budget.id": "00743110158"})},
	}
}

func TestRedactKeepsEveryVerdict(t *testing.T) {
	for _, tc := range redactCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			want := Verdicts(tc.call.Validate(tc.a, schema.IT))
			if strings.Contains(tc.name, "broken") && len(want) < 5 {
				t.Fatalf("the case breaks too little: %v", want)
			}
			for salt := range 20 {
				r := Redact(tc.call, tc.a, []byte{byte(salt)})
				got := Verdicts(tc.call.Validate(r, schema.IT))
				if d := diffVerdicts(want, got); d != nil {
					t.Fatalf("salt %d: verdicts changed: %q", salt, d)
				}
			}
		})
	}
}

// personalStrings returns every string answer of a that the issue calls personal: answers of
// fields marked personal and of text, textarea and email fields, except those whose rules are
// CAP or provincia (kept on purpose, see redact.go). public holds the other string answers:
// the same date may be a birth date in one place and the date of a deed in another.
func personalStrings(c *schema.Call, a schema.Answers) (personal []string, public map[string]bool) {
	public = map[string]bool{}
	var walk func(fs []*schema.Field, m map[string]any)
	walk = func(fs []*schema.Field, m map[string]any) {
		for _, f := range fs {
			switch v := m[f.ID].(type) {
			case []any:
				for _, it := range v {
					if im, ok := it.(map[string]any); ok {
						walk(f.Fields, im)
					}
				}
			case string:
				textual := f.Type == schema.TypeText || f.Type == schema.TypeTextArea || f.Type == schema.TypeEmail
				kept := strings.Contains(f.Rules, "cap") || strings.Contains(f.Rules, "provincia")
				if (f.Personal || textual) && !kept {
					personal = append(personal, v)
				} else {
					public[v] = true
				}
			}
		}
	}
	for _, s := range c.Sections {
		m, _ := a[s.ID].(map[string]any)
		walk(s.Fields, m)
	}
	return personal, public
}

// TestBundleHoldsNoPersonalValue searches the whole bundle file for every personal answer of
// at least four characters, as JSON writes it.
func TestBundleHoldsNoPersonalValue(t *testing.T) {
	for _, tc := range redactCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			d := &Draft{Format: Format, FormatVersion: FormatVersion, Call: tc.call.ID, CallVersion: tc.call.Version,
				Answers: tc.a, Aside: map[string]any{"vecchio_campo": "Mario Rossi, via Roma 1", "n": int64(3331234567)},
				// The history keeps earlier answers and file names: redacted like the answers.
				History: historyOf(Event{At: testNow, Kind: EventMerge, From: "Mario Rossi.bando-partner.json", Before: Snapshot(tc.a), Fields: []string{"ats.membri[0].cf"}})}
			b, err := NewBundle(tc.call, d, BundleOptions{AppVersion: "test", Now: testNow, Screen: "/sezione/ats", Salt: []byte(tc.name)})
			if err != nil {
				t.Fatal(err)
			}
			data, err := EncodeBundle(b)
			if err != nil {
				t.Fatal(err)
			}
			personal, public := personalStrings(tc.call, tc.a)
			checked := 0
			for _, v := range append(personal, "Mario Rossi", "3331234567") {
				if len([]rune(v)) < 4 || fakeText(v, nil) == v || public[v] {
					continue // too short to identify anyone, nothing in it to hide, or also a public answer
				}
				checked++
				js, _ := json.Marshal(v)
				if bytes.Contains(data, js[1:len(js)-1]) {
					t.Errorf("the bundle still holds %q", v)
				}
			}
			if checked < 3 {
				t.Fatalf("only %d personal values checked", checked)
			}
		})
	}
}

// TestRedactSalt: the same salt gives the same fakes, another salt other fakes, and equal
// values get equal fakes within one redaction (the sample repeats codes across members).
func TestRedactSalt(t *testing.T) {
	c := fami(t)
	a := schema.Sample(c, sized(4))
	r1, r2, r3 := Redact(c, a, []byte("uno")), Redact(c, a, []byte("uno")), Redact(c, a, []byte("due"))
	j := func(x schema.Answers) string { b, _ := json.Marshal(x); return string(b) }
	if j(r1) != j(r2) {
		t.Fatal("same salt, different fakes")
	}
	if j(r1) == j(r3) {
		t.Fatal("another salt, same fakes")
	}
	cf := func(r schema.Answers, i int) any { return r.Get(fmt.Sprintf("ats.membri[%d].rl_cf", i)) }
	if a.Get("ats.membri[0].rl_cf") != a.Get("ats.membri[2].rl_cf") || cf(r1, 0) != cf(r1, 2) || cf(r1, 0) == cf(r1, 1) {
		t.Fatalf("equal codes must get equal fakes: %v %v %v", cf(r1, 0), cf(r1, 1), cf(r1, 2))
	}
	if Redact(c, a, nil).Get("ats.membri[0].rl_cf") == Redact(c, a, nil).Get("ats.membri[0].rl_cf") {
		t.Fatal("no salt must mean a fresh random salt")
	}
}

// TestRedactLeavesTheOriginal: the draft the applicant is working on is not touched.
func TestRedactLeavesTheOriginal(t *testing.T) {
	c := fami(t)
	a := readDraftFile(t, complete).Answers
	before, _ := json.Marshal(a)
	Redact(c, a, nil)
	after, _ := json.Marshal(a)
	if !bytes.Equal(before, after) {
		t.Fatal("Redact changed its input")
	}
}

// TestRedactWhatIsKept: each kind of answer the redaction keeps or replaces, on the complete
// example.
func TestRedactWhatIsKept(t *testing.T) {
	c := fami(t)
	a := mutated(t, readDraftFile(t, complete).Answers, map[string]any{"ats.vecchio": "Mario Rossi", "extra": map[string]any{"x": 12.5}, "ats.membri[0]._id": "i1"})
	r := Redact(c, a, []byte("salt"))
	cases := []struct {
		path string
		kept bool
	}{
		{"ats.stato", true},                      // choice
		{"ats.membri[0].capofila", true},         // boolean
		{"ats.membri[0]._id", true},              // an item's id
		{"ats.membri[0].sede_cap", true},         // CAP
		{"ats.membri[0].sede_provincia", true},   // provincia
		{"azioni.linee[0].importo", true},        // money
		{"azioni.linee[0].territori", true},      // multichoice
		{"dichiarazioni.data", true},             // a date that is not personal
		{"ats.membri[0].rl_nascita_data", false}, // a date of birth
		{"ats.membri[0].denominazione", false},   // name
		{"ats.membri[0].cf", false},              // codice fiscale ente
		{"ats.membri[0].pec", false},             // PEC
		{"ats.membri[0].telefono", false},        // phone
		{"azioni.titolo", false},                 // free text, not marked personal
		{"dichiarazioni.luogo", false},           // free text, not marked personal
		{"ats.vecchio", false},                   // a field the call does not know
		{"extra", false},                         // a section the call does not know
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			was, _ := json.Marshal(a.Get(tc.path))
			now, _ := json.Marshal(r.Get(tc.path))
			if a.Get(tc.path) == nil {
				t.Fatalf("no answer at %s", tc.path)
			}
			if kept := bytes.Equal(was, now); kept != tc.kept {
				t.Fatalf("%s: %s → %s, kept=%v, want %v", tc.path, was, now, kept, tc.kept)
			}
		})
	}
}

// TestRedactReportsWhatItCannotKeep: a rule no fake can satisfy the same way (a text that
// must contain given letters) shows up in the bundle's NotKept, not as a silent difference.
func TestRedactReportsWhatItCannotKeep(t *testing.T) {
	c := loadCall(t, miniCall, `"rules": "min=3"`, `"rules": "contains=ab"`)
	a := mutated(t, readAnswers(t, miniAnswers), map[string]any{"budget.note": "abete"})
	d := &Draft{Format: Format, FormatVersion: FormatVersion, Call: c.ID, CallVersion: c.Version, Answers: a}
	// A fixed salt: with a random one, one of the random fakes tried may contain "ab" by chance
	// (the test failed so, now and then).
	b, err := NewBundle(c, d, BundleOptions{Now: testNow, Salt: []byte("s")})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.NotKept) != 1 || !strings.HasPrefix(b.NotKept[0], "budget.note: ") {
		t.Fatalf("NotKept = %q", b.NotKept)
	}
	if got := b.Draft.Answers.Get("budget.note"); got != "xxxxx" {
		t.Fatalf("the note must still be masked, got %q", got)
	}
}

// TestConditionTextKeepsEquality: text a check compares is faked with the same fake for the
// same value, so the check's verdict holds both ways.
func TestConditionTextKeepsEquality(t *testing.T) {
	c := loadCall(t, miniCall,
		`"checks": [`, `"checks": [{"id": "two_notes", "rule": "budget.note != budget.note2", "message": {"it": "Note ripetute.", "en": "Repeated notes."}},`,
		`{"id": "iban",`, `{"id": "note2", "type": "text", "label": {"it": "Altre note"}}, {"id": "iban",`)
	base := readAnswers(t, miniAnswers)
	for _, note := range []string{"Giulia Bartolini", "Giulia Bartolina"} {
		a := mutated(t, base, map[string]any{"budget.note2": "Giulia Bartolini", "budget.note": note})
		want := Verdicts(c.Validate(a, schema.IT))
		got := Verdicts(c.Validate(Redact(c, a, []byte("x")), schema.IT))
		if d := diffVerdicts(want, got); d != nil {
			t.Fatalf("note %q: verdicts changed: %q", note, d)
		}
	}
}
