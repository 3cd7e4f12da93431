package schema

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

// want is one issue a case expects, or must not see (absent).
type want struct {
	path, key string
	severity  Severity
	message   string // a part of the message, when it matters
}

// TestItemChecksUniqueSeverity: per-item checks ("each"), unique fields and warnings on the
// test call testdata/checks.json, whose answers testdata/checks.answers.json are complete.
func TestItemChecksUniqueSeverity(t *testing.T) {
	c := loadTestCall(t, "checks.json")
	cases := []struct {
		name   string
		set    map[string]any
		lang   Lang
		want   []want
		absent []want
		clean  bool // no errors (warnings allowed)
	}{
		{name: "complete draft", clean: true},
		{
			name: "S.r.l. capofila reported at its legal form",
			set:  map[string]any{"ats.membri[1].forma": "srl", "ats.membri[1].capofila": true, "ats.membri[0].capofila": false},
			want: []want{{path: "ats.membri[1].forma", key: "check.capofila_srl", message: "Partner 2: una S.r.l. non può essere capofila."}},
			absent: []want{
				{path: "ats.membri[0].forma", key: "check.capofila_srl"},
				{path: "ats.membri", key: "check.capofila_srl"},
			},
		},
		{
			name: "the message in English names the item in English",
			set:  map[string]any{"ats.membri[0].forma": "srl"},
			lang: EN,
			want: []want{{path: "ats.membri[0].forma", key: "check.capofila_srl", message: "Partner 1: an S.r.l. cannot be the lead partner."}},
		},
		{
			name:   "a check without path reports at the item",
			set:    map[string]any{"ats.membri[1].quota": 60},
			want:   []want{{path: "ats.membri[1]", key: "check.quota_max", message: "La quota di Partner 2 supera il 50%."}},
			absent: []want{{path: "ats.membri[0]", key: "check.quota_max"}},
		},
		{
			name:   "a field the check names but the item hides: reported at the item",
			set:    map[string]any{"ats.membri[0].forma": "srl", "ats.membri[0].capofila": false, "ats.membri[0].denominazione": "Esempio"},
			want:   []want{{path: "ats.membri[0]", key: "check.srl_sito"}},
			absent: []want{{path: "ats.membri[0].sito", key: "check.srl_sito"}},
		},
		{
			name:  "a warning check is a warning and the draft stays clean",
			set:   map[string]any{"ats.membri[1].sito": ""},
			want:  []want{{path: "ats.membri[1].sito", key: "check.sito_odv", severity: SeverityWarning}},
			clean: true,
		},
		{
			name:  "a call-level warning alone leaves the draft clean",
			set:   map[string]any{"ats.membri": []any{map[string]any{"denominazione": "Alfa APS", "cf": "00743110157", "forma": "aps", "capofila": true}}},
			want:  []want{{path: "ats.membri", key: "check.pochi_membri", severity: SeverityWarning}},
			clean: true,
		},
		{
			name:   "nested each: a voce reads its linea's ceiling, reported at the voce",
			set:    map[string]any{"azioni.linee[1].voci[0].importo": 60000},
			want:   []want{{path: "azioni.linee[1].voci[0].importo", key: "check.voce_tetto", message: "Voce 1: l'importo supera il tetto della linea."}, {path: "azioni.linee[1]", key: "check.linea_totale", message: "Le voci di Linea 2 superano il tetto."}},
			absent: []want{{path: "azioni.linee[0].voci[0].importo", key: "check.voce_tetto"}, {path: "azioni.linee[0]", key: "check.linea_totale"}},
		},
		{
			name:   "items of a hidden group are not checked",
			set:    map[string]any{"azioni.linee[1].tetto": 0, "azioni.linee[1].voci[0].importo": 60000},
			absent: []want{{path: "azioni.linee[1].voci[0].importo", key: "check.voce_tetto"}},
			clean:  true,
		},
		{
			name:   "items of a hidden section are not checked nor compared",
			absent: []want{{path: "extra.soci[0].eta", key: "check.socio_eta"}, {path: "extra.soci[1].nome", key: "unique"}},
			clean:  true,
		},
		{
			name: "items of a shown section are checked and compared",
			set:  map[string]any{"ats.stato": "costituita"},
			want: []want{
				{path: "extra.soci[0].eta", key: "check.socio_eta"},
				{path: "extra.soci[1].eta", key: "check.socio_eta"},
				{path: "extra.soci[1].nome", key: "unique", message: "Lo stesso valore è già indicato per Socio 1."},
			},
			absent: []want{{path: "extra.soci[0].nome", key: "unique"}},
		},
		{
			name:   "duplicate codice fiscale at the later item, trimmed",
			set:    map[string]any{"ats.membri[1].cf": " 00743110157 "},
			want:   []want{{path: "ats.membri[1].cf", key: "unique", message: "Lo stesso valore è già indicato per Partner 1."}},
			absent: []want{{path: "ats.membri[0].cf", key: "unique"}},
		},
		{
			name: "duplicate in English",
			set:  map[string]any{"ats.membri[1].cf": "00743110157"},
			lang: EN,
			want: []want{{path: "ats.membri[1].cf", key: "unique", message: "The same value is already given for Partner 1."}},
		},
		{
			name:  "a duplicate legal representative in other case is a warning",
			set:   map[string]any{"ats.membri[1].rl_cf": "rssmcl99m07f205y"},
			want:  []want{{path: "ats.membri[1].rl_cf", key: "unique", severity: SeverityWarning}},
			clean: true,
		},
		{
			name:   "unique compares within one list: the same voce in two linee is fine",
			absent: []want{{path: "azioni.linee[1].voci[0].descrizione", key: "unique"}},
			clean:  true,
		},
		{
			name: "unique within one linea",
			set:  map[string]any{"azioni.linee[0].voci[1].descrizione": "personale"},
			want: []want{{path: "azioni.linee[0].voci[1].descrizione", key: "unique", message: "Voce 1"}},
		},
		{
			name:   "an answer with its own error is not also a duplicate",
			set:    map[string]any{"ats.membri[0].cf": "00743110158", "ats.membri[1].cf": "00743110158"},
			want:   []want{{path: "ats.membri[1].cf", key: "cf_ente.checksum"}},
			absent: []want{{path: "ats.membri[1].cf", key: "unique"}},
		},
		{
			name:   "empty answers are never duplicates",
			set:    map[string]any{"ats.membri[0].rl_cf": "", "ats.membri[1].rl_cf": ""},
			absent: []want{{path: "ats.membri[1].rl_cf", key: "unique"}},
			clean:  true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := loadTestAnswers(t, "checks.answers.json")
			for p, v := range tc.set {
				if err := a.Set(p, v); err != nil {
					t.Fatal(err)
				}
			}
			lang := tc.lang
			if lang == "" {
				lang = IT
			}
			is := c.Validate(a, lang)
			for _, w := range tc.want {
				found := false
				for _, x := range is.At(w.path) {
					if x.Key == w.key {
						found = true
						if x.Severity != w.severity {
							t.Errorf("%s %s: severity %q, want %q", w.path, w.key, x.Severity, w.severity)
						}
						if !strings.Contains(x.Message, w.message) {
							t.Errorf("%s %s: message %q, want it to hold %q", w.path, w.key, x.Message, w.message)
						}
					}
				}
				if !found {
					t.Errorf("no %s at %s; got:\n%v", w.key, w.path, is)
				}
			}
			for _, w := range tc.absent {
				for _, x := range is.At(w.path) {
					if x.Key == w.key {
						t.Errorf("unexpected %s at %s: %s", w.key, w.path, x.Message)
					}
				}
			}
			if errs := is.Errors(); tc.clean != (len(errs) == 0) {
				t.Errorf("clean = %v, want %v; errors:\n%v", len(errs) == 0, tc.clean, errs)
			}
			if len(is.Errors())+len(is.Warnings()) != len(is) {
				t.Errorf("Errors and Warnings do not split the issues")
			}
		})
	}
}

// TestValidateItemMatchesValidate: what the keystroke path says about the per-item checks of
// the item typed in is what the whole validation says, field by field.
func TestValidateItemMatchesValidate(t *testing.T) {
	c := loadTestCall(t, "checks.json")
	cases := []struct {
		name string
		set  map[string]any
		path string // the answer typed in
		keys []string
	}{
		{"member field", map[string]any{"ats.membri[1].forma": "srl", "ats.membri[1].capofila": true}, "ats.membri[1].capofila",
			[]string{"check.capofila_srl", "check.quota_max", "check.srl_sito", "check.sito_odv"}},
		{"member item itself", map[string]any{"ats.membri[0].quota": 70}, "ats.membri[0]",
			[]string{"check.capofila_srl", "check.quota_max", "check.srl_sito", "check.sito_odv"}},
		{"voce: its own checks and its linea's", map[string]any{"azioni.linee[0].voci[1].importo": 200000}, "azioni.linee[0].voci[1].importo",
			[]string{"check.linea_totale", "check.voce_tetto"}},
		{"linea field: only the linea's", nil, "azioni.linee[1].tetto", []string{"check.linea_totale"}},
		{"hidden section: checks listed, none failing", nil, "extra.soci[0].eta", []string{"check.socio_eta"}},
		{"section field: no item", nil, "ats.stato", nil},
		{"item past the end", nil, "ats.membri[7].cf", nil},
		{"malformed path", nil, "ats.membri[x", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := loadTestAnswers(t, "checks.answers.json")
			for p, v := range tc.set {
				if err := a.Set(p, v); err != nil {
					t.Fatal(err)
				}
			}
			all := c.Validate(a, IT)
			rs := c.ValidateItem(a, tc.path, IT)
			var keys []string
			for _, r := range rs {
				keys = append(keys, r.Key)
				var full []Issue // what Validate says for this check on this item
				for _, x := range all {
					if x.Key == r.Key && (x.Path == r.Item || x.Path == r.Field) {
						full = append(full, x)
					}
				}
				switch {
				case r.Issue == nil && len(full) > 0:
					t.Errorf("%s on %s: ValidateItem holds, Validate says %v", r.Key, r.Item, full)
				case r.Issue != nil && (len(full) != 1 || !reflect.DeepEqual(full[0], *r.Issue)):
					t.Errorf("%s on %s: ValidateItem says %+v, Validate %+v", r.Key, r.Item, *r.Issue, full)
				}
				if r.Field != "" && !strings.HasPrefix(r.Field, r.Item+".") {
					t.Errorf("field %s outside item %s", r.Field, r.Item)
				}
			}
			if !reflect.DeepEqual(keys, tc.keys) {
				t.Errorf("checks run: %v, want %v", keys, tc.keys)
			}
		})
	}
}

// TestReword: a message on screen switches language with the applicant, items named in the
// new language.
func TestReword(t *testing.T) {
	c := loadTestCall(t, "checks.json")
	a := loadTestAnswers(t, "checks.answers.json")
	_ = a.Set("ats.membri[1].cf", "00743110157")
	_ = a.Set("azioni.linee[1].voci[0].importo", 60000)
	it := c.Validate(a, IT)
	en := c.Validate(a, EN)
	if len(it) != len(en) || len(it) == 0 {
		t.Fatalf("IT %d issues, EN %d", len(it), len(en))
	}
	for i := range it {
		if got := c.Reword(it[i], EN); got != en[i].Message {
			t.Errorf("%s %s: reworded %q, want %q", it[i].Path, it[i].Key, got, en[i].Message)
		}
		if got := c.Reword(en[i], IT); got != it[i].Message {
			t.Errorf("%s %s: reworded %q, want %q", en[i].Path, en[i].Key, got, it[i].Message)
		}
	}
}

// TestLoadItemChecksAndUnique: what lint says about each, path, severity and unique.
func TestLoadItemChecksAndUnique(t *testing.T) {
	base, err := os.ReadFile("testdata/checks.json")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, old, new string
		key, path      string
		it, en         string // parts of the message
	}{
		{"each names no group", `"each": "ats.membri", "rule": "!answered(quota)`, `"each": "ats.membr", "rule": "!answered(quota)`,
			"lint.each", "$.checks[1].each", `forse "ats.membri"?`, `did you mean "ats.membri"?`},
		{"each names a plain field", `"each": "ats.membri", "rule": "!answered(quota)`, `"each": "ats.stato", "rule": "!answered(quota)`,
			"lint.each", "$.checks[1].each", `"ats.stato" non è un gruppo ripetuto`, `"ats.stato" is not a repeating group`},
		{"path not a field of the item", `"path": "forma"`, `"path": "frma"`,
			"lint.unknown_path", "$.checks[0].path", `forse "forma"?`, `did you mean "forma"?`},
		{"path written in full", `"path": "forma"`, `"path": "ats.membri.forma"`,
			"lint.unknown_path", "$.checks[0].path", "è un campo di una voce di ats.membri", "is a field of an item of ats.membri"},
		{"unknown name in the item's scope", `"rule": "importo <= tetto"`, `"rule": "importo <= teto"`,
			"lint.expr", "$.checks[5].rule", `forse "tetto"?`, `did you mean "tetto"?`},
		{"item field outside each", `"rule": "count(ats.membri) >= 2"`, `"rule": "count(ats.membri) >= 2 && forma == \"aps\""`,
			"lint.expr", "$.checks[4].rule", `"forma"`, `"forma"`},
		{"bad severity", `"path": "ats.membri", "severity": "warning"`, `"path": "ats.membri", "severity": "avviso"`,
			"lint.severity", "$.checks[4].severity", `"avviso" non prevista`, `"avviso" not supported`},
		{"{item} without each", `"it": "Con un solo partner`, `"it": "{item}: con un solo partner`,
			"lint.item_placeholder", "$.checks[4].message", "{item}", "{item}"},
		{"unique outside a group", `"options": ["costituita", "costituenda"], "rules": "required"`, `"options": ["costituita", "costituenda"], "rules": "required", "unique": true`,
			"lint.unique", "$.sections[0].fields[0].unique", "solo per un campo dentro un gruppo", "only to a field inside a repeating group"},
		{"unique on a yes/no", `"label": {"it": "Capofila"}}`, `"label": {"it": "Capofila"}, "unique": true}`,
			"lint.unique", "$.sections[0].fields[1].fields[3].unique", "boolean", "boolean"},
		{"unique on a group", `"when": "tetto > 0",`, `"when": "tetto > 0", "unique": true,`,
			"lint.unique", "$.sections[1].fields[0].fields[2].unique", "group", "group"},
		{"unique with a wrong word", `"unique": "warning"`, `"unique": "avviso"`,
			"lint.unique", "$.sections[0].fields[1].fields[4].unique", `non "avviso"`, `not "avviso"`},
		{"unique of the wrong kind", `"unique": "warning"`, `"unique": 1`,
			"json.type", "$.sections[0].fields[1].fields[4].unique", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := string(base)
			if strings.Count(s, tc.old) != 1 {
				t.Fatalf("mutation %q matches %d times", tc.old, strings.Count(s, tc.old))
			}
			data := []byte(strings.Replace(s, tc.old, tc.new, 1))
			_, err := Load(data)
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("want a LoadError, got %v", err)
			}
			for _, p := range le.Problems {
				if p.Key == tc.key && p.Path == tc.path {
					if !strings.Contains(p.Msg.IT, tc.it) || !strings.Contains(p.Msg.EN, tc.en) {
						t.Errorf("messages %q / %q, want %q / %q", p.Msg.IT, p.Msg.EN, tc.it, tc.en)
					}
					if tc.it != tc.en && strings.Contains(p.Msg.EN, tc.it) {
						t.Errorf("the English message carries the Italian one: %q", p.Msg.EN)
					}
					if want := lineOf(data, tc.new); p.Pos.Line != want {
						t.Errorf("problem at line %d, want %d", p.Pos.Line, want)
					}
					return
				}
			}
			t.Fatalf("no %s at %s; got:\n%s", tc.key, tc.path, le.Format(EN))
		})
	}
}

// TestUniqueJSON: the setting reads and writes as the call author writes it.
func TestUniqueJSON(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Unique
	}{{"true", uniqueError}, {"false", uniqueOff}, {`"warning"`, uniqueWarning}, {`"error"`, uniqueError}} {
		var u Unique
		if err := u.UnmarshalJSON([]byte(tc.in)); err != nil || u != tc.want {
			t.Errorf("%s: got %q, %v", tc.in, u, err)
		}
		out, _ := u.MarshalJSON()
		var back Unique
		if err := back.UnmarshalJSON(out); err != nil || back != u {
			t.Errorf("%s: round trip %s gives %q", tc.in, out, back)
		}
	}
	var u Unique
	if err := u.UnmarshalJSON([]byte("1")); err == nil {
		t.Error("a number is not a unique setting")
	}
}

// BenchmarkValidateItem: the keystroke's cost (ValidateField and the per-item checks of the
// item typed in) on the test call of per-item checks, in its largest proposal (40 members, 6
// lines of 20 voci) and in its smallest (one of each): the same cost, whatever the form's size.
// Goal ≤ 50 µs.
func BenchmarkValidateItem(b *testing.B) {
	c := loadTestCall(b, "checks.json")
	for _, size := range []string{"largest", "smallest"} {
		a := Sample(c, func(g *Field) int {
			if size == "smallest" {
				return 1
			}
			return g.Repeat.Max
		})
		last := func(g string) int { return len(a.Items(g)) - 1 }
		for _, p := range []string{
			fmt.Sprintf("ats.membri[%d].capofila", last("ats.membri")),
			fmt.Sprintf("azioni.linee[%d].voci[%d].importo", last("azioni.linee"), last(fmt.Sprintf("azioni.linee[%d].voci", last("azioni.linee")))),
		} {
			b.Run(size+"/"+p[:strings.IndexByte(p, '.')], func(b *testing.B) {
				if a.Get(p) == nil {
					b.Fatalf("no answer at %s", p)
				}
				b.ReportAllocs()
				for b.Loop() {
					c.ValidateField(a, p, IT)
					c.ValidateItem(a, p, IT)
				}
			})
		}
	}
}

func ExampleCall_ValidateItem() {
	data, _ := os.ReadFile("testdata/checks.json")
	c, _ := Load(data)
	a, _ := DecodeAnswers([]byte(`{"ats": {"membri": [{"forma": "srl", "capofila": true}]}}`))
	for _, r := range c.ValidateItem(a, "ats.membri[0].capofila", EN) {
		if r.Issue != nil {
			fmt.Printf("%s: %s (%s)\n", r.Issue.Path, r.Issue.Message, r.Key)
		}
	}
	// Output: ats.membri[0].forma: Partner 1: an S.r.l. cannot be the lead partner. (check.capofila_srl)
}
