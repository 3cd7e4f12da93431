package schema

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// valuesAnswers is a complete, valid proposal for testdata/values.json: two partners, two
// lines, three budget items (€ 300 + € 200 + € 500).
func valuesAnswers(t *testing.T) Answers {
	t.Helper()
	a, err := DecodeAnswers([]byte(`{
	  "ats": {"membri": [
	    {"_id": "i1", "denominazione": "Alfa APS", "capofila": true},
	    {"_id": "i2", "denominazione": "Beta ODV"}
	  ], "referente": "i2"},
	  "progetto": {"linee": [
	    {"_id": "i1", "titolo": "Accoglienza", "coinvolti": ["i1", "i2"]},
	    {"_id": "i2", "titolo": "Lavoro", "coinvolti": ["i2"]}
	  ]},
	  "budget": {"voci": [
	    {"_id": "i1", "linea": "i1", "importo": 30000},
	    {"_id": "i2", "linea": "i2", "importo": 20000},
	    {"_id": "i3", "linea": "i2", "importo": 50000}
	  ]}
	}`))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAssignItemIDs(t *testing.T) {
	c := loadTestCall(t, "values.json")
	cases := []struct {
		name    string
		answers string
		want    map[string][]any // answer path of a list → the ids of its items
		changed bool
	}{
		{"fresh draft", `{"ats": {"membri": [{"denominazione": "A"}, {}, {"denominazione": "C"}]}}`,
			map[string][]any{"ats.membri": {"i1", "i2", "i3"}}, true},
		{"ids kept, new ones above", `{"ats": {"membri": [{"_id": "i4"}, {}, {"_id": "i2"}]}}`,
			map[string][]any{"ats.membri": {"i4", "i5", "i2"}}, true},
		{"nothing to do", `{"ats": {"membri": [{"_id": "i1"}, {"_id": "i2"}]}}`,
			map[string][]any{"ats.membri": {"i1", "i2"}}, false},
		{"repeated id kept on the first item only", `{"ats": {"membri": [{"_id": "i1"}, {"_id": "i1"}]}}`,
			map[string][]any{"ats.membri": {"i1", "i2"}}, true},
		{"an id of another shape is kept", `{"ats": {"membri": [{"_id": "alfa"}, {}]}}`,
			map[string][]any{"ats.membri": {"alfa", "i1"}}, true},
		{"a number is not an id", `{"ats": {"membri": [{"_id": 7}]}}`,
			map[string][]any{"ats.membri": {"i1"}}, true},
		{"each list counts on its own", `{"ats": {"membri": [{}]}, "progetto": {"linee": [{}, {}]}}`,
			map[string][]any{"ats.membri": {"i1"}, "progetto.linee": {"i1", "i2"}}, true},
		{"an id a choice still names is not given again", `{"ats": {"membri": [{"_id": "i1"}, {}], "referente": "i3"}}`,
			map[string][]any{"ats.membri": {"i1", "i4"}}, true},
		{"a multichoice in an item counts too", `{"ats": {"membri": [{}]}, "progetto": {"linee": [{"_id": "i1", "coinvolti": ["i1", "i6"]}]}}`,
			map[string][]any{"ats.membri": {"i7"}, "progetto.linee": {"i1"}}, true},
		{"items that are not objects are left alone", `{"ats": {"membri": ["x", {}]}}`,
			map[string][]any{"ats.membri": {nil, "i1"}}, true},
		{"no answers", `{}`, nil, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := DecodeAnswers([]byte(tc.answers))
			if err != nil {
				t.Fatal(err)
			}
			if got := c.AssignItemIDs(a); got != tc.changed {
				t.Errorf("changed = %v, want %v", got, tc.changed)
			}
			for list, want := range tc.want {
				var got []any
				for _, it := range a.Items(list) {
					m, _ := it.(map[string]any)
					got = append(got, m[ItemID])
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s ids = %v, want %v", list, got, want)
				}
			}
			if c.AssignItemIDs(a) {
				t.Error("a second pass changed the answers again: ids are not stable")
			}
		})
	}
}

func TestItemIDsStableUnderReorderAndRemove(t *testing.T) {
	c := loadTestCall(t, "values.json")
	a := valuesAnswers(t)
	if err := a.MoveItem("ats.membri", 1, 0); err != nil {
		t.Fatal(err)
	}
	if c.AssignItemIDs(a) {
		t.Fatal("moving an item changed ids")
	}
	if is := c.Validate(a, IT); len(is) != 0 {
		t.Fatalf("after a move the choices must still hold:\n%v", is)
	}
	if got := c.OptionText(a, "ats.referente", "i2", IT); got != "Beta ODV" {
		t.Fatalf("referente = %q after the move, want Beta ODV", got)
	}
	// Remove Beta (now first): the next partner added must not take its id, which the
	// choices still name.
	if err := a.RemoveItem("ats.membri", 0); err != nil {
		t.Fatal(err)
	}
	if id := c.NewItemID(a, "ats.membri"); id != "i3" {
		t.Fatalf("NewItemID after removing i2 = %q, want i3", id)
	}
	is := c.Validate(a, IT).At("ats.referente")
	if len(is) != 1 || is[0].Key != "choice.item" {
		t.Fatalf("a choice naming a removed partner: want choice.item, got %v", is)
	}
}

func TestOptionsFromItems(t *testing.T) {
	c := loadTestCall(t, "values.json")
	a := valuesAnswers(t)
	_ = a.Set("ats.membri[1].denominazione", "  ")
	got := c.Options(a, "progetto.linee[1].coinvolti")
	want := []Option{{Value: "i1", Label: Text{IT: "Alfa APS", EN: "Alfa APS"}}, {Value: "i2", Label: Text{IT: "Partner 2", EN: "Partner 2"}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Options = %+v, want %+v", got, want)
	}
	if got := c.OptionText(a, "budget.voci[2].linea", "i2", EN); got != "Lavoro" {
		t.Fatalf("OptionText = %q, want Lavoro", got)
	}
	if got := c.OptionText(a, "budget.voci[2].linea", "i9", EN); got != "i9" {
		t.Fatalf("OptionText of a missing item = %q, want the value itself", got)
	}
	if got := ItemsList(c.Field("budget.voci.linea"), "budget.voci[2].linea"); got != "progetto.linee" {
		t.Fatalf("ItemsList = %q", got)
	}
}

func TestValidateOptionsFrom(t *testing.T) {
	c := loadTestCall(t, "values.json")
	cases := []struct {
		name   string
		edit   func(a Answers)
		at     string
		key    string // "" for no issue at `at`
		params map[string]string
	}{
		{"valid", func(Answers) {}, "ats.referente", "", nil},
		{"missing item", func(a Answers) { _ = a.Set("ats.referente", "i9") }, "ats.referente", "choice.item", map[string]string{"value": "i9", "item": "partner"}},
		{"missing item in a multichoice", func(a Answers) { _ = a.Set("progetto.linee[1].coinvolti", []any{"i2", "i5"}) }, "progetto.linee[1].coinvolti", "choice.item", map[string]string{"value": "i5", "item": "partner"}},
		{"item not yet given an id", func(a Answers) {
			m := a.Get("ats.membri[1]").(map[string]any)
			delete(m, ItemID)
		}, "ats.referente", "choice.item", nil},
		{"required still applies", func(a Answers) { _ = a.Set("ats.referente", nil) }, "ats.referente", "required.choice", nil},
		{"renamed item keeps the choice", func(a Answers) { _ = a.Set("ats.membri[1].denominazione", "Beta ETS") }, "ats.referente", "", nil},
		{"line chosen by a budget item removed", func(a Answers) { _ = a.RemoveItem("progetto.linee", 1) }, "budget.voci[1].linea", "choice.item", map[string]string{"value": "i2", "item": "linea"}},
		{"wrong kind of answer", func(a Answers) { _ = a.Set("ats.referente", true) }, "ats.referente", "type", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := valuesAnswers(t)
			tc.edit(a)
			for _, lang := range []Lang{IT, EN} {
				is := c.Validate(a, lang).At(tc.at)
				if tc.key == "" {
					if len(is) != 0 {
						t.Fatalf("want no issue at %s, got %v", tc.at, is)
					}
					continue
				}
				if len(is) != 1 || is[0].Key != tc.key {
					t.Fatalf("%s: want %s at %s, got %v", lang, tc.key, tc.at, is)
				}
				for k, v := range tc.params {
					if lang == IT && is[0].Params[k] != v {
						t.Errorf("param %s = %q, want %q", k, is[0].Params[k], v)
					}
				}
				if strings.Contains(is[0].Message, "{") {
					t.Errorf("message with a placeholder left: %q", is[0].Message)
				}
				// the keystroke check agrees with the full validation
				one := c.ValidateField(a, tc.at, lang)
				if one == nil || one.Key != tc.key || one.Message != is[0].Message {
					t.Fatalf("ValidateField = %v, want %v", one, is[0])
				}
			}
		})
	}
}

// A group hidden by its section's `when` offers nothing: a choice naming one of its items is
// reported as naming a hidden item.
func TestOptionsFromHiddenGroup(t *testing.T) {
	data, err := os.ReadFile("testdata/values.json")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(data), `{"id": "progetto", "title": {"it": "Progetto"}, "fields"`, `{"id": "progetto", "title": {"it": "Progetto"}, "when": "ats.referente == ats.referente && count(ats.membri) > 5", "fields"`, 1)
	c, err := Load([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a := valuesAnswers(t)
	if got := c.Options(a, "budget.voci[0].linea"); len(got) != 0 {
		t.Fatalf("a hidden group offers %v", got)
	}
	is := c.Validate(a, IT).At("budget.voci[0].linea")
	if len(is) != 1 || is[0].Key != "choice.item" {
		t.Fatalf("want choice.item for a hidden item, got %v", is)
	}
}

func TestComputedValues(t *testing.T) {
	c := loadTestCall(t, "values.json")
	cases := []struct {
		name string
		edit func(a Answers)
		path string
		want any
		text string // FormatComputed in Italian
	}{
		{"total", func(Answers) {}, "budget.totale", int64(100000), "€ 1.000,00"},
		{"per item", func(Answers) {}, "budget.voci[1].iva", int64(4400), "€ 44,00"},
		{"rounded to the cent", func(a Answers) { _ = a.Set("budget.voci[0].importo", int64(12345)) }, "budget.voci[0].iva", int64(2716), "€ 27,16"},
		{"sum of per-item values", func(Answers) {}, "budget.totale_iva", int64(22000), "€ 220,00"},
		{"computed from computed", func(Answers) {}, "budget.residuo", int64(9900000), "€ 99.000,00"},
		{"number", func(Answers) {}, "ats.n_membri", float64(2), "2"},
		{"per item, with this", func(Answers) {}, "progetto.linee[1].subtotale", int64(70000), "€ 700,00"},
		{"per item, follows the chosen line", func(a Answers) { _ = a.Set("budget.voci[2].linea", "i1") }, "progetto.linee[0].subtotale", int64(80000), "€ 800,00"},
		{"per item, kept across a move", func(a Answers) { _ = a.MoveItem("progetto.linee", 1, 0) }, "progetto.linee[0].subtotale", int64(70000), "€ 700,00"},
		{"an item without an amount", func(a Answers) { _ = a.Set("budget.voci[0].importo", nil) }, "budget.voci[0].iva", nil, ""},
		{"a stored value is ignored", func(a Answers) { _ = a.Set("budget.totale", int64(1)) }, "budget.totale", int64(100000), "€ 1.000,00"},
		{"hidden section", func(a Answers) { _ = a.Set("ats.membri", nil) }, "budget.totale", nil, ""},
		{"not a computed field", func(Answers) {}, "budget.voci[0].importo", nil, ""},
		{"no such item", func(Answers) {}, "budget.voci[7].iva", nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := valuesAnswers(t)
			tc.edit(a)
			got := c.Computed(a, tc.path)
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("Computed(%s) = %#v, want %#v", tc.path, got, tc.want)
			}
			if f := c.Field(tc.path); f != nil {
				if s := FormatComputed(f, got, IT); s != tc.text {
					t.Fatalf("FormatComputed = %q, want %q", s, tc.text)
				}
			}
		})
	}
}

func TestFormatComputed(t *testing.T) {
	cases := []struct {
		format string
		v      any
		it, en string
	}{
		{"money", int64(123456), "€ 1.234,56", "€1,234.56"},
		{"money", int64(-5000), "-€ 50,00", "-€50.00"},
		{"number", float64(1234.5), "1.234,5", "1,234.5"},
		{"number", float64(2.0 / 3), "0,67", "0.67"},
		{"number", float64(-1234567), "-1.234.567", "-1,234,567"},
		{"text", "B", "B", "B"},
		{"date", "2024-03-04", "04/03/2024", "4 Mar 2024"},
		{"date", "not a date", "not a date", "not a date"},
	}
	for _, tc := range cases {
		f := &Field{Type: TypeComputed, Format: tc.format}
		if got := FormatComputed(f, tc.v, IT); got != tc.it {
			t.Errorf("%s %v IT = %q, want %q", tc.format, tc.v, got, tc.it)
		}
		if got := FormatComputed(f, tc.v, EN); got != tc.en {
			t.Errorf("%s %v EN = %q, want %q", tc.format, tc.v, got, tc.en)
		}
	}
}

func TestComputedInChecks(t *testing.T) {
	c := loadTestCall(t, "values.json")
	a := valuesAnswers(t)
	if is := c.Validate(a, IT); len(is) != 0 {
		t.Fatalf("valid proposal: got\n%v", is)
	}
	_ = a.Set("budget.voci[2].importo", int64(9990000)) // total € 100.400,00: over the ceiling
	is := c.Validate(a, EN)
	if len(is) != 1 || is[0].Key != "check.massimale" || is[0].Path != "budget.totale" {
		t.Fatalf("want check.massimale at budget.totale, got %v", is)
	}
	// a per-item check reads the item's computed subtotal: a line with no budget item
	_ = a.Set("budget.voci[2].importo", int64(50000))
	_ = a.Set("budget.voci[0].linea", "i2")
	is = c.Validate(a, IT)
	if len(is) != 1 || is[0].Key != "check.linea_finanziata" || is[0].Path != "progetto.linee[0].subtotale" {
		t.Fatalf("want check.linea_finanziata at progetto.linee[0].subtotale, got %v", is)
	}
	_ = a.Set("budget.voci[0].linea", "i1")
	// a stored answer of a computed field is neither checked nor reported, nor printed
	_ = a.Set("budget.voci[2].importo", int64(50000))
	_ = a.Set("budget.totale", "whatever")
	if is := c.Validate(a, IT); len(is) != 0 {
		t.Fatalf("a stored computed answer must be ignored, got %v", is)
	}
	if v := c.Visible(a).Get("budget.totale"); v != nil {
		t.Fatalf("Visible keeps the stored computed answer %v", v)
	}
}

func TestLoadValuesProblems(t *testing.T) {
	data, err := os.ReadFile("testdata/values.json")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, old, new string
		key, path      string
		words          string // in the English message
	}{
		{"options with optionsFrom",
			`"optionsFrom": {"items": "ats.membri", "label": "denominazione"}, "rules": "required"}
    ]},`, `"options": ["a"], "optionsFrom": {"items": "ats.membri", "label": "denominazione"}, "rules": "required"}
    ]},`, "lint.options_from", "$.sections[0].fields[2].optionsFrom", "exclude each other"},
		{"optionsFrom on a text", `{"id": "titolo", "type": "text", "label": {"it": "Titolo"}, "rules": "required"}`,
			`{"id": "titolo", "type": "text", "label": {"it": "Titolo"}, "optionsFrom": {"items": "ats.membri", "label": "denominazione"}}`, "lint.options_from", "$.sections[1].fields[0].fields[0].optionsFrom", "only choice"},
		{"items is not a group", `"optionsFrom": {"items": "progetto.linee", "label": "titolo"}`, `"optionsFrom": {"items": "progetto.line", "label": "titolo"}`,
			"lint.options_from_items", "$.sections[2].fields[0].fields[0].optionsFrom.items", `did you mean "progetto.linee"`},
		{"items names a field", `"optionsFrom": {"items": "progetto.linee", "label": "titolo"}`, `"optionsFrom": {"items": "budget.note", "label": "titolo"}`,
			"lint.options_from_items", "$.sections[2].fields[0].fields[0].optionsFrom.items", "ats.membri, budget.voci, progetto.linee"},
		{"label typo", `"optionsFrom": {"items": "progetto.linee", "label": "titolo"}`, `"optionsFrom": {"items": "progetto.linee", "label": "titoli"}`,
			"lint.options_from_label", "$.sections[2].fields[0].fields[0].optionsFrom.label", `did you mean "titolo"`},
		{"label not a text", `"optionsFrom": {"items": "ats.membri", "label": "denominazione"}, "rules": "required"}
    ]},`, `"optionsFrom": {"items": "ats.membri", "label": "capofila"}, "rules": "required"}
    ]},`, "lint.options_from_label", "$.sections[0].fields[2].optionsFrom.label", "boolean field"},
		{"label missing", `"optionsFrom": {"items": "progetto.linee", "label": "titolo"}`, `"optionsFrom": {"items": "progetto.linee"}`,
			"lint.required", "$.sections[2].fields[0].fields[0].optionsFrom.label", "label is missing"},
		{"a condition compares item ids with a text", `"when": "count(ats.membri) > 0"`, `"when": "ats.referente == \"Alfa APS\""`,
			"lint.expr", "$.sections[2].when", "makes no sense"},
		{"computed without expr", `"expr": "count(membri)", "format": "number"`, `"format": "number"`,
			"lint.required", "$.sections[0].fields[1].expr", "expression (expr)"},
		{"computed with a bad format", `"expr": "count(membri)", "format": "number"`, `"expr": "count(membri)", "format": "euro"`,
			"lint.computed_format", "$.sections[0].fields[1].format", "money, number, text, date"},
		{"computed with rules", `"expr": "count(membri)", "format": "number"`, `"expr": "count(membri)", "format": "number", "rules": "required"`,
			"lint.computed_rules", "$.sections[0].fields[1].rules", "takes no rules"},
		{"computed of the wrong type", `"expr": "count(membri)", "format": "number"`, `"expr": "count(membri) > 1", "format": "number"`,
			"lint.expr_type", "$.sections[0].fields[1].expr", "true/false"},
		{"computed with an unknown name", `"expr": "sum(voci[].importo)"`, `"expr": "sum(voci[].importi)"`,
			"lint.expr", "$.sections[2].fields[1].expr", `did you mean "importo"`},
		{"expr on another field", `{"id": "titolo", "type": "text", "label": {"it": "Titolo"}, "rules": "required"}`,
			`{"id": "titolo", "type": "text", "label": {"it": "Titolo"}, "expr": "1", "format": "number"}`, "lint.computed", "$.sections[1].fields[0].fields[0].expr", "only to computed"},
		{"computed cycle", `"expr": "10000000 - totale"`, `"expr": "residuo + 1"`,
			"lint.cycle", "$", "budget.residuo depends on itself"},
		{"computed cycle through another", `"expr": "sum(voci[].importo)"`, `"expr": "residuo"`,
			"lint.cycle", "$", "depends on itself"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if strings.Count(string(data), tc.old) != 1 {
				t.Fatalf("mutation matches %d times", strings.Count(string(data), tc.old))
			}
			_, err := Load([]byte(strings.Replace(string(data), tc.old, tc.new, 1)))
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("want a LoadError, got %v", err)
			}
			for _, p := range le.Problems {
				if p.Key == tc.key && p.Path == tc.path {
					if !strings.Contains(p.Msg.EN, tc.words) || p.Msg.IT == "" {
						t.Fatalf("message %q lacks %q (or Italian)", p.Msg.EN, tc.words)
					}
					return
				}
			}
			t.Fatalf("no %s at %s; got:\n%s", tc.key, tc.path, le.Format(EN))
		})
	}
}

// Old drafts (no ids) and drafts with ids both survive a JSON round trip unchanged in meaning.
func TestItemIDsRoundTrip(t *testing.T) {
	c := loadTestCall(t, "values.json")
	a := valuesAnswers(t)
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeAnswers(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, back) || c.AssignItemIDs(back) {
		t.Fatal("ids changed through a round trip")
	}
}

// A duplicated item is a new item: the copy gets the next id, the original keeps its own, so
// choices naming the original still do.
func TestDuplicateItemGetsANewID(t *testing.T) {
	c := loadTestCall(t, "values.json")
	a := valuesAnswers(t)
	at, err := a.DuplicateItem("budget.voci", 0)
	if err != nil || at != 1 {
		t.Fatalf("DuplicateItem = %d, %v", at, err)
	}
	if !c.AssignItemIDs(a) {
		t.Fatal("the copy got no id")
	}
	var ids []any
	for _, it := range a.Items("budget.voci") {
		ids = append(ids, it.(map[string]any)[ItemID])
	}
	if want := []any{"i1", "i4", "i2", "i3"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("ids %v, want %v", ids, want)
	}
	if a.Get("budget.voci[1].importo") != int64(30000) || a.Get("budget.voci[1].linea") != "i1" {
		t.Fatalf("the copy lost answers: %v", a.Get("budget.voci[1]"))
	}
	_ = a.Set("budget.voci[1].importo", int64(1))
	if a.Get("budget.voci[0].importo") != int64(30000) {
		t.Fatal("the copy shares its answers with the original")
	}
	if got := c.Computed(a, "budget.totale"); got != int64(100001) {
		t.Fatalf("total with the copy = %v", got)
	}
	if _, err := a.DuplicateItem("budget.voci", 9); err == nil {
		t.Fatal("duplicating a missing item succeeded")
	}
}

// Items past repeat.max (a hostile file may hold a million) get no id and are offered by no
// choice: opening such a draft costs what opening a full one does.
func TestItemIDsWithinMax(t *testing.T) {
	c := loadTestCall(t, "values.json")
	items := make([]any, 100_000)
	for i := range items {
		items[i] = map[string]any{}
	}
	a := Answers{"ats": map[string]any{"membri": items, "referente": "i11"}}
	c.AssignItemIDs(a)
	for i, it := range items {
		_, has := it.(map[string]any)[ItemID]
		if has != (i < 10) { // repeat.max of ats.membri is 10
			t.Fatalf("item %d: has an id = %v", i, has)
		}
	}
	if n := len(c.Options(a, "ats.referente")); n != 10 {
		t.Fatalf("%d options, want the 10 items within repeat.max", n)
	}
	if is := c.Validate(a, IT).At("ats.referente"); len(is) != 1 || is[0].Key != "choice.item" {
		t.Fatalf("a choice naming an item past max: want choice.item, got %v", is)
	}
}
