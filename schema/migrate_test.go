package schema

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// TestMigrateFAMIv1ToV2: a complete v1 draft opens under the v2 fixture with every answer
// either moved or set aside, and v2 finds it complete.
func TestMigrateFAMIv1ToV2(t *testing.T) {
	v2 := loadTestCall(t, "toscana-fami-2024.v3.json")
	_, v1answers := loadExample(t, "calls/examples/toscana-fami-2024.complete.bando.json")
	before, _ := json.Marshal(v1answers)

	got, rep, err := v2.Migrate(v1answers, 1)
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := json.Marshal(v1answers); string(after) != string(before) {
		t.Fatal("Migrate modified its input")
	}
	members := len(v1answers.Items("ats.membri"))
	phones := 0
	for i := range members {
		if v1answers.Get(pathf("ats.membri[%d].telefono", i)) != nil {
			phones++
			if got.Get(pathf("ats.membri[%d].recapito_telefonico", i)) != v1answers.Get(pathf("ats.membri[%d].telefono", i)) {
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
	ctx := v1answers.Get("azioni.contesto")
	if ctx == nil {
		t.Fatal("fixture: the example has no azioni.contesto to set aside")
	}
	if len(rep.SetAside) != 1 || rep.SetAside[0].Path != "azioni.contesto" || rep.SetAside[0].Value != ctx {
		t.Fatalf("set aside: %+v", rep.SetAside)
	}
	if got.Get("azioni.contesto") != nil || len(rep.Notes) != 1 || !rep.Changed() {
		t.Fatalf("report: %+v", rep)
	}
	if is := v2.Validate(got, IT); len(is) != 0 {
		t.Fatalf("migrated draft has issues:\n%v", is)
	}
	if _, _, err := v2.Migrate(v1answers, 3); err == nil {
		t.Fatal("want an error for a newer version")
	}
	// Already at v2: nothing happens.
	if _, rep, _ := v2.Migrate(got, 2); rep.Changed() {
		t.Fatalf("v2 → v2 changed: %+v", rep)
	}
}

func TestMigrationLint(t *testing.T) {
	data, err := os.ReadFile("testdata/toscana-fami-2024.v3.json")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, old, new, key string }{
		{"rename to a missing field", `"to": "ats.membri.recapito_telefonico"`, `"to": "ats.membri.recapito"`, "lint.unknown_path"},
		{"removed field still there", `"removed": [
        "azioni.contesto"`, `"removed": [
        "azioni.titolo"`, "lint.migration_exists"},
		{"version out of range", `"version": 2,
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
