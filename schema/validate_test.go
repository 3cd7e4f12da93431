package schema

import (
	"os"
	"strings"
	"testing"
)

func loadTestCall(t testing.TB, name string) *Call {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(data)
	if err != nil {
		t.Fatalf("Load(%s):\n%v", name, err)
	}
	return c
}

func loadTestAnswers(t testing.TB, name string) Answers {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	a, err := DecodeAnswers(data)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestValidateMiniValid(t *testing.T) {
	c := loadTestCall(t, "mini.json")
	a := loadTestAnswers(t, "mini.answers.json")
	if is := c.Validate(a, IT); len(is) != 0 {
		t.Fatalf("want no issues, got:\n%v", is)
	}
}

func TestValidateMiniCases(t *testing.T) {
	c := loadTestCall(t, "mini.json")
	cases := []struct {
		name    string
		path    string
		value   any
		wantAt  string
		wantKey string
	}{
		{"wrong person CF", "ats.membri[0].rl_cf", "RSSMCL99M07F205Z", "ats.membri[0].rl_cf", "cf.checksum"},
		{"short person CF", "ats.membri[1].rl_cf", "RSSMCL99", "ats.membri[1].rl_cf", "cf.length"},
		{"wrong ente CF", "ats.membri[1].cf", "00743110158", "ats.membri[1].cf", "cf_ente.checksum"},
		{"missing name", "ats.membri[1].denominazione", "  ", "ats.membri[1].denominazione", "required"},
		{"name too long", "ats.membri[1].denominazione", "Una denominazione troppo lunga", "ats.membri[1].denominazione", "max.string"},
		{"two capofila", "ats.membri[1].capofila", true, "ats.membri", "check.one_capofila"},
		{"visible runts invalid", "ats.membri[1].ets", true, "ats.membri[1].runts", "runts.format"},
		{"unknown choice", "ats.stato", "sciolta", "ats.stato", "choice.unknown"},
		{"budget line over", "budget.voci[0].importo", int64(10000001), "budget.voci[0].importo", "lte.money"},
		{"money not integral", "budget.voci[0].importo", 12.5, "budget.voci[0].importo", "money.format"},
		{"money negative", "budget.voci[0].importo", int64(-500), "budget.voci[0].importo", "money.negative"},
		{"textarea too long", "budget.voci[0].descrizione", "una descrizione decisamente troppo lunga", "budget.voci[0].descrizione", "maxchars"},
		{"declaration refused", "budget.ok", false, "budget.ok", "declaration.required"},
		{"optional min", "budget.note", "ab", "budget.note", "min.string"},
		{"iban bad", "budget.iban", "IT60X0542811101000000123457", "budget.iban", "iban.checksum"},
		{"or rule", "budget.id", "123", "budget.id", "rule.or"},
		{"or rule ok piva", "budget.id", "00743110157", "", ""},
		{"or rule ok cf", "budget.id", "rssmcl99m07f205y", "", ""},
		{"type mismatch", "ats.membri[1].ets", "sì", "ats.membri[1].ets", "type"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := loadTestAnswers(t, "mini.answers.json")
			if err := a.Set(tc.path, tc.value); err != nil {
				t.Fatal(err)
			}
			is := c.Validate(a, IT)
			if tc.wantKey == "" {
				if len(is) != 0 {
					t.Fatalf("want no issues, got %v", is)
				}
				return
			}
			got := is.At(tc.wantAt)
			if len(got) != 1 || got[0].Key != tc.wantKey {
				t.Fatalf("want %s at %s, got %+v", tc.wantKey, tc.wantAt, is)
			}
			if got[0].Message == "" || got[0].Message == tc.wantKey {
				t.Fatalf("no message for %s: %+v", tc.wantKey, got[0])
			}
			if len(is) != 1 {
				t.Fatalf("want exactly one issue, got %v", is)
			}
			if f := c.ValidateField(a, tc.path, EN); !strings.HasPrefix(tc.wantKey, "check.") && tc.wantAt == tc.path && (f == nil || f.Key != tc.wantKey) {
				t.Fatalf("ValidateField(%s) = %+v, want %s", tc.path, f, tc.wantKey)
			}
		})
	}
}

func TestSigners(t *testing.T) {
	c := loadTestCall(t, "mini.json")
	a := loadTestAnswers(t, "mini.answers.json")
	if s := c.RequiredSigners(a); len(s) != 2 || s[1].Name != "Anna Neri" || s[1].Path != "ats.membri[1]" {
		t.Fatalf("costituenda: %+v", s)
	}
	a.Set("ats.stato", "costituita")
	if s := c.RequiredSigners(a); len(s) != 1 || s[0].Name != "Mario Rossi" || s[0].CF != "RSSMCL99M07F205Y" {
		t.Fatalf("costituita: %+v", s)
	}
	if at := c.RequiredAttachments(a); len(at) != 2 {
		t.Fatalf("attachments: %+v", at)
	}
}
