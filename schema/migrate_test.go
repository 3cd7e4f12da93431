package schema

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// TestMigrateFixtureV3: a complete version 2 draft opens under the version 3 fixture (a field
// renamed, one removed) with every answer either moved or set aside, and version 3 finds it
// complete.
func TestMigrateFixtureV3(t *testing.T) {
	v3 := loadTestCall(t, "toscana-fami-2024.v3.json")
	_, v2answers := loadExample(t, "calls/examples/toscana-fami-2024.complete.bando.json")
	before, _ := json.Marshal(v2answers)

	got, rep, err := v3.Migrate(v2answers, 2)
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := json.Marshal(v2answers); string(after) != string(before) {
		t.Fatal("Migrate modified its input")
	}
	members := len(v2answers.Items("ats.membri"))
	phones := 0
	for i := range members {
		if v2answers.Get(pathf("ats.membri[%d].telefono", i)) != nil {
			phones++
			if got.Get(pathf("ats.membri[%d].recapito_telefonico", i)) != v2answers.Get(pathf("ats.membri[%d].telefono", i)) {
				t.Fatalf("member %d: phone not moved", i)
			}
			if got.Get(pathf("ats.membri[%d].telefono", i)) != nil {
				t.Fatalf("member %d: old phone left behind", i)
			}
		}
	}
	if phones == 0 || len(rep.Moved) != phones {
		t.Fatalf("moved %d, want %d phones: %+v", len(rep.Moved), phones, rep.Moved)
	}
	ctx := v2answers.Get("azioni.contesto")
	if ctx == nil {
		t.Fatal("fixture: the example has no azioni.contesto to set aside")
	}
	if len(rep.SetAside) != 1 || rep.SetAside[0].Path != "azioni.contesto" || rep.SetAside[0].Value != ctx {
		t.Fatalf("set aside: %+v", rep.SetAside)
	}
	if got.Get("azioni.contesto") != nil || len(rep.Notes) != 1 || !rep.Changed() {
		t.Fatalf("report: %+v", rep)
	}
	if is := v3.Validate(got, IT); len(is) != 0 {
		t.Fatalf("migrated draft has issues:\n%v", is)
	}
	if _, _, err := v3.Migrate(v2answers, 4); err == nil {
		t.Fatal("want an error for a newer version")
	}
	// Already at version 3: nothing happens.
	if _, rep, _ := v3.Migrate(got, 3); rep.Changed() {
		t.Fatalf("v3 → v3 changed: %+v", rep)
	}
}

// TestMigrateFAMIv1ToV2: a complete draft made under the FAMI call as first shipped opens
// under version 2 with the RUNTS registration split into section and number (computed from the
// one text version 1 asked for), the free-text members of each action line and the old
// registration kept aside, and nothing else to do but pick each line's members from the list.
func TestMigrateFAMIv1ToV2(t *testing.T) {
	v2, err := Shipped("toscana-fami-2024")
	if err != nil {
		t.Fatal(err)
	}
	_, v1answers := loadExampleAt(t, "testdata/toscana-fami-2024.v1.complete.bando.json", 1)
	got, rep, err := v2.Migrate(v1answers, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range [][2]any{{"b", "104587"}, {"a", "87231"}, {nil, nil}, {nil, nil}, {"g", "215506"}} {
		sec, num := got.Get(pathf("ats.membri[%d].runts_sezione", i)), got.Get(pathf("ats.membri[%d].runts_numero", i))
		if sec != want[0] || num != want[1] {
			t.Errorf("member %d: RUNTS %v / %v, want %v / %v", i, sec, num, want[0], want[1])
		}
		if got.Get(pathf("ats.membri[%d].runts", i)) != nil {
			t.Errorf("member %d: the old registration is still an answer", i)
		}
	}
	aside := map[string]bool{}
	for _, x := range rep.SetAside {
		aside[x.Path] = true
	}
	for _, p := range []string{"ats.membri[0].runts", "ats.membri[1].runts", "ats.membri[4].runts", "azioni.linee[0].membri", "azioni.linee[4].membri"} {
		if !aside[p] {
			t.Errorf("%s not set aside: %+v", p, rep.SetAside)
		}
	}
	var left []string
	for _, is := range v2.Validate(got, IT) {
		left = append(left, is.Path+" "+is.Key)
	}
	want := []string{}
	for i := range len(got.Items("azioni.linee")) {
		want = append(want, pathf("azioni.linee[%d].membri_coinvolti required.choice", i))
	}
	// The version 1 example claims the stamp-duty exemption with a member that is not an ETS:
	// version 2 warns about it (and the version 2 example pays the stamp duty instead).
	want = append(want, "dichiarazioni.bollo check.bollo_esenzione_membri")
	if fmt.Sprint(left) != fmt.Sprint(want) {
		t.Fatalf("after the migration:\n%v\nwant:\n%v", left, want)
	}
}

func TestMigrationLint(t *testing.T) {
	data, err := os.ReadFile("testdata/toscana-fami-2024.v3.json")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, old, new, key string }{
		{"rename to a missing field", `"to": "ats.membri.recapito_telefonico"`, `"to": "ats.membri.recapito"`, "lint.unknown_path"},
		{"removed field still there", `"removed": ["azioni.contesto"]`, `"removed": ["azioni.titolo"]`, "lint.migration_exists"},
		{"version out of range", `"version": 3,
      "renamed"`, `"version": 5,
      "renamed"`, "lint.migration_version"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := replaceOnce(t, string(data), tc.old, tc.new)
			_, err := Load([]byte(s))
			le, ok := err.(*LoadError)
			if !ok {
				t.Fatalf("want problems, got %v", err)
			}
			for _, p := range le.Problems {
				if p.Key == tc.key {
					return
				}
			}
			t.Fatalf("no %s in:\n%s", tc.key, le.Format(EN))
		})
	}
}

func pathf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
