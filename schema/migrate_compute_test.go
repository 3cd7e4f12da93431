package schema

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// runtsV2 is mini.json as version 2: the member's RUNTS registration ("B/104587"), one text
// field in version 1, is a section (a choice) and a number, computed from the old answer.
func runtsV2(t *testing.T, compute string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/mini.json")
	if err != nil {
		t.Fatal(err)
	}
	s := replaceOnce(t, string(data), `"id": "mini", "version": 1,`, `"id": "mini", "version": 2,
  "migrations": [{"version": 2, "compute": [`+compute+`], "removed": ["ats.membri.runts"],
    "note": {"it": "La registrazione RUNTS è ora divisa in sezione e numero."}}],`)
	s = replaceOnce(t, s, `{"id": "runts", "type": "text", "label": {"it": "RUNTS"}, "when": "ets == true", "rules": "required,runts"},`,
		`{"id": "runts_sezione", "type": "choice", "label": {"it": "Sezione RUNTS"}, "options": ["A", "B", "C", "D", "E", "F", "G"], "when": "ets == true", "rules": "required"},
        {"id": "runts_numero", "type": "text", "label": {"it": "Numero RUNTS"}, "when": "ets == true", "rules": "required,numeric"},
        {"id": "anno", "type": "number", "label": {"it": "Anno"}},`)
	return []byte(s)
}

const runtsCompute = `{"path": "ats.membri.runts_sezione", "expr": "upper(trim(before(runts, \"/\")))"},
  {"path": "ats.membri.runts_numero", "expr": "trim(after(runts, \"/\"))"}`

// TestMigrateCompute: "B/104587" becomes section "B" and number "104587", reported like moves;
// an answer already there is never overwritten; no answer computed is no answer written; the
// old answer is set aside as for any removed field; the input is not modified.
func TestMigrateCompute(t *testing.T) {
	c, err := Load(runtsV2(t, runtsCompute+`, {"path": "ats.membri.anno", "expr": "year(date(\"2024-03-04\")) - 1"}`))
	if err != nil {
		t.Fatal(err)
	}
	v1, err := DecodeAnswers([]byte(`{"ats": {"stato": "costituenda", "membri": [
	  {"denominazione": "Alfa APS", "ets": true, "runts": " b / 104587 "},
	  {"denominazione": "Beta ODV", "ets": true, "runts": "A/12", "runts_sezione": "C", "anno": 2020},
	  {"denominazione": "Gamma coop", "ets": false},
	  {"denominazione": "Delta", "ets": true, "runts": "104587"}
	]}}`))
	if err != nil {
		t.Fatal(err)
	}
	before, _ := json.Marshal(v1)
	got, rep, err := c.Migrate(v1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := json.Marshal(v1); string(after) != string(before) {
		t.Fatal("Migrate modified its input")
	}
	want := []struct {
		path string
		val  any
	}{
		{"ats.membri[0].runts_sezione", "B"},
		{"ats.membri[0].runts_numero", "104587"},
		{"ats.membri[0].anno", int64(2023)},
		{"ats.membri[1].runts_sezione", "C"}, // the applicant's own answer stays
		{"ats.membri[1].runts_numero", "12"},
		{"ats.membri[1].anno", int64(2020)},
		{"ats.membri[2].runts_sezione", nil},        // no runts: before() is no answer
		{"ats.membri[2].anno", int64(2023)},         // a constant still fills every item
		{"ats.membri[3].runts_sezione", nil},        // no "/": no answer rather than a guess
		{"ats.membri[3].runts", nil},                // removed, set aside below
		{"ats.membri[0].denominazione", "Alfa APS"}, // the rest untouched
	}
	for _, w := range want {
		if g := got.Get(w.path); !reflect.DeepEqual(g, w.val) {
			t.Errorf("%s = %#v, want %#v", w.path, g, w.val)
		}
	}
	var computed []string
	for _, m := range rep.Moved {
		if !m.Computed {
			t.Errorf("a move that is not computed: %+v", m)
		}
		computed = append(computed, m.To+" ← "+m.From)
	}
	wantComputed := []string{
		`ats.membri[0].runts_sezione ← upper(trim(before(runts, "/")))`,
		`ats.membri[0].runts_numero ← trim(after(runts, "/"))`,
		`ats.membri[1].runts_numero ← trim(after(runts, "/"))`,
		`ats.membri[0].anno ← year(date("2024-03-04")) - 1`,
		`ats.membri[2].anno ← year(date("2024-03-04")) - 1`,
		`ats.membri[3].anno ← year(date("2024-03-04")) - 1`,
	}
	if !reflect.DeepEqual(computed, wantComputed) {
		t.Errorf("computed:\n%s\nwant:\n%s", strings.Join(computed, "\n"), strings.Join(wantComputed, "\n"))
	}
	if moved, n := rep.Counts(); moved != 0 || n != 6 {
		t.Errorf("counts: %d moved, %d computed", moved, n)
	}
	var aside []string
	for _, a := range rep.SetAside {
		aside = append(aside, a.Path+"="+a.Value.(string))
	}
	if want := []string{"ats.membri[0].runts= b / 104587 ", "ats.membri[1].runts=A/12", "ats.membri[3].runts=104587"}; !reflect.DeepEqual(aside, want) {
		t.Errorf("set aside %v, want %v", aside, want)
	}
	if !rep.Changed() || len(rep.Notes) != 1 {
		t.Errorf("report %+v", rep)
	}
	// Computed answers are answers like any other: the migrated member validates.
	if is := c.Validate(got, IT).At("ats.membri[0].runts_numero"); len(is) != 0 {
		t.Errorf("computed number refused: %v", is)
	}
}

// TestMigrateComputeLint: the target exists in this version and can hold an answer; the
// expression parses and its functions exist. Each problem at its JSON position, it and en.
func TestMigrateComputeLint(t *testing.T) {
	cases := []struct {
		name, compute, key, path, at string
	}{
		{"unknown target", `{"path": "ats.membri.runts_sez", "expr": "before(runts, \"/\")"}`, "lint.unknown_path", "$.migrations[0].compute[0].path", `"ats.membri.runts_sez"`},
		{"a group as target", `{"path": "ats.membri", "expr": "runts"}`, "lint.migration_compute", "$.migrations[0].compute[0].path", `"path": "ats.membri",`},
		{"missing expression", `{"path": "ats.membri.runts_numero"}`, "lint.required", "$.migrations[0].compute[0].expr", `{"path": "ats.membri.runts_numero"}`},
		{"syntax error", `{"path": "ats.membri.runts_numero", "expr": "after(runts, \"/\""}`, "lint.expr", "$.migrations[0].compute[0].expr", `after(runts`},
		{"unknown function", `{"path": "ats.membri.runts_numero", "expr": "split(runts, \"/\")"}`, "lint.expr", "$.migrations[0].compute[0].expr", `split(runts`},
		{"this outside an item", `{"path": "ats.membri.runts_numero", "expr": "this.runts"}`, "lint.expr", "$.migrations[0].compute[0].expr", `this.runts`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := runtsV2(t, tc.compute)
			_, err := Load(data)
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("want a LoadError, got %v", err)
			}
			for _, p := range le.Problems {
				if p.Key == tc.key && p.Path == tc.path {
					if want := lineOf(data, tc.at); p.Pos.Line != want {
						t.Fatalf("line %d, want %d: %s", p.Pos.Line, want, p.Format(EN))
					}
					if p.Msg.IT == "" || p.Msg.EN == "" || p.Msg.IT == p.Msg.EN {
						t.Fatalf("messages: %+v", p.Msg)
					}
					return
				}
			}
			t.Fatalf("no %s at %s:\n%s", tc.key, tc.path, le.Format(EN))
		})
	}
}
