package partner

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"bando/app/draft"
	"bando/schema"
)

// TestMerge: field by field against the sheet's base, what the member changed is a change,
// what both changed differently a conflict, everything else nothing to do; applying takes the
// member's answers, records the merge with the answers replaced, and merging again changes
// nothing.
func TestMerge(t *testing.T) {
	c := fami(t)
	cases := []struct {
		name      string
		member    func(item map[string]any, a schema.Answers) // the partner's edits of its sheet
		capofila  func(item map[string]any)                   // the capofila's edits of the draft meanwhile
		changes   []string                                    // "path" or "path !" for a conflict
		wantAfter map[string]any                              // draft answers after taking every change
	}{
		{"nothing changed", nil, nil, nil, map[string]any{"ats.membri[1].cf": "92056781005"}},
		{"member changes its phone", func(it map[string]any, _ schema.Answers) { it["telefono"] = "+39 0574 000000" }, nil,
			[]string{"ats.membri[1].telefono"}, map[string]any{"ats.membri[1].telefono": "+39 0574 000000"}},
		{"member adds an answer", func(it map[string]any, _ schema.Answers) { it["email"] = "info@mediazione.it" }, nil,
			[]string{"ats.membri[1].email"}, map[string]any{"ats.membri[1].email": "info@mediazione.it"}},
		{"member clears an answer", func(it map[string]any, _ schema.Answers) { delete(it, "telefono") }, nil,
			[]string{"ats.membri[1].telefono"}, map[string]any{"ats.membri[1].telefono": nil}},
		{"only the capofila changed", nil, func(it map[string]any) { it["telefono"] = "+39 055 1" },
			nil, map[string]any{"ats.membri[1].telefono": "+39 055 1"}},
		{"both changed alike", func(it map[string]any, _ schema.Answers) { it["rl_carica"] = "Legale rappresentante" },
			func(it map[string]any) { it["rl_carica"] = "Legale rappresentante" }, nil, map[string]any{"ats.membri[1].rl_carica": "Legale rappresentante"}},
		{"both changed differently: a conflict", func(it map[string]any, _ schema.Answers) { it["rl_carica"] = "Presidente e legale rappresentante" },
			func(it map[string]any) { it["rl_carica"] = "Vicepresidente" },
			[]string{"ats.membri[1].rl_carica !"}, map[string]any{"ats.membri[1].rl_carica": "Presidente e legale rappresentante"}},
		{"a field the member does not fill is left alone", func(it map[string]any, _ schema.Answers) { it["capofila"] = true }, nil,
			nil, map[string]any{"ats.membri[1].capofila": false}},
		{"another section in the sheet is left alone", func(_ map[string]any, a schema.Answers) { a["azioni"] = map[string]any{"titolo": "x"} }, nil,
			nil, map[string]any{"azioni.titolo": "Toscana Insieme – Servizi accessibili e partecipazione per i cittadini di Paesi terzi"}},
		{"member accepts two declarations", func(_ map[string]any, a schema.Answers) {
			a["dichiarazioni"].(map[string]any)["dpr445"] = true
			a["dichiarazioni"].(map[string]any)["privacy"] = true
		}, nil, []string{"dichiarazioni.dpr445", "dichiarazioni.privacy"},
			map[string]any{"ats.membri[1]._declared": []any{"dichiarazioni.dpr445", "dichiarazioni.privacy"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := openComplete(t, c)
			s, err := Export(d, c, 1, exportedAt)
			if err != nil {
				t.Fatal(err)
			}
			if tc.member != nil {
				tc.member(Item(partOf(t, c), s.Answers), s.Answers)
			}
			s = roundTrip(t, s)
			if tc.capofila != nil {
				tc.capofila(d.Answers.Items("ats.membri")[1].(map[string]any))
			}
			m, err := Plan(d, c, s)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, ch := range m.Changes {
				g := ch.Path
				if ch.Conflict {
					g += " !"
				}
				got = append(got, g)
			}
			if strings.Join(got, ",") != strings.Join(tc.changes, ",") {
				t.Fatalf("changes %v, want %v", got, tc.changes)
			}
			before := d.Answers.Clone()
			changed, err := Apply(d, c, m, func(Change) bool { return true }, "scheda.bando-partner.json", mergedAt)
			if err != nil {
				t.Fatal(err)
			}
			if len(changed) != len(tc.changes) {
				t.Fatalf("changed %v, want %v", changed, tc.changes)
			}
			for path, want := range tc.wantAfter {
				if got := d.Answers.Get(path); !draft.SameValue(got, want) {
					t.Errorf("%s = %v, want %v", path, got, want)
				}
			}
			hist, err := draft.Events(d)
			if err != nil {
				t.Fatal(err)
			}
			if len(changed) == 0 {
				if len(hist) != 0 {
					t.Fatalf("a merge that changed nothing was recorded: %+v", d.History)
				}
				return
			}
			// The merge is in the history, with everything it replaced.
			e := hist[len(hist)-1]
			if e.Kind != draft.EventMerge || e.From != "scheda.bando-partner.json" || !e.At.Equal(mergedAt) || fmt.Sprint(e.Fields) != fmt.Sprint(changed) {
				t.Fatalf("history %+v", e)
			}
			if was, err := schema.DecodeAnswers(e.Before); err != nil || !draft.SameValue(map[string]any(was), map[string]any(before)) {
				t.Fatal("the history does not keep the answers the merge replaced")
			}
			// Merging the same sheet again changes nothing.
			m2, err := Plan(d, c, s)
			if err != nil {
				t.Fatal(err)
			}
			if len(m2.Changes) != 0 {
				t.Fatalf("second merge plans %+v", m2.Changes)
			}
			if again, _ := Apply(d, c, m2, func(Change) bool { return true }, "x", mergedAt); again != nil || len(events(t, d)) != 1 {
				t.Fatalf("second merge changed %v", again)
			}
			// Restoring the version before the merge gives the draft back as it was.
			if err := draft.Restore(d, c, 0, mergedAt); err != nil {
				t.Fatal(err)
			}
			if !draft.SameValue(map[string]any(d.Answers), map[string]any(before)) {
				t.Fatal("restore did not give back the answers before the merge")
			}
		})
	}
}

// TestMergeConflictKeepsOurs: a conflict declined keeps the draft's answer and records nothing.
func TestMergeConflictKeepsOurs(t *testing.T) {
	c := fami(t)
	d := openComplete(t, c)
	s, _ := Export(d, c, 1, exportedAt)
	Item(partOf(t, c), s.Answers)["rl_carica"] = "Presidente e legale rappresentante"
	d.Answers.Items("ats.membri")[1].(map[string]any)["rl_carica"] = "Vicepresidente"
	m, err := Plan(d, c, s)
	if err != nil || m.Conflicts() != 1 {
		t.Fatalf("%v, %d conflicts", err, m.Conflicts())
	}
	ch, _ := Apply(d, c, m, func(ch Change) bool { return !ch.Conflict }, "x", mergedAt)
	if ch != nil || d.Answers.Get("ats.membri[1].rl_carica") != "Vicepresidente" || len(events(t, d)) != 0 {
		t.Fatalf("changed %v, %v", ch, d.Answers.Get("ats.membri[1].rl_carica"))
	}
}

// TestMergeRefuses: a sheet of another proposal or of a member removed since is refused, and
// the draft is left as it was.
func TestMergeRefuses(t *testing.T) {
	c := fami(t)
	cases := []struct {
		name string
		edit func(d *draft.Draft, s *Sheet)
		key  string
	}{
		{"another proposal", func(d *draft.Draft, s *Sheet) { d.CreatedAt = d.CreatedAt.Add(1) }, "partner.other_proposal"},
		{"member removed", func(d *draft.Draft, s *Sheet) {
			if err := d.Answers.RemoveItem("ats.membri", 1); err != nil {
				t.Fatal(err)
			}
		}, "partner.member_gone"},
		{"another call", func(d *draft.Draft, s *Sheet) { s.Call = "altro" }, "partner.other_call"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := openComplete(t, c)
			s, _ := Export(d, c, 1, exportedAt)
			Item(partOf(t, c), s.Answers)["telefono"] = "1"
			tc.edit(d, s)
			was := d.Answers.Clone()
			if _, err := Plan(d, c, s); errKey(err) != tc.key {
				t.Fatalf("got %v, want %s", err, tc.key)
			}
			if !draft.SameValue(map[string]any(d.Answers), map[string]any(was)) {
				t.Fatal("a refused merge changed the draft")
			}
		})
	}
}

// TestMergeMovedMember: the member is found by its id, wherever it is now.
func TestMergeMovedMember(t *testing.T) {
	c := fami(t)
	d := openComplete(t, c)
	s, _ := Export(d, c, 1, exportedAt)
	Item(partOf(t, c), s.Answers)["telefono"] = "1"
	if err := d.Answers.MoveItem("ats.membri", 1, 3); err != nil {
		t.Fatal(err)
	}
	m, err := Plan(d, c, s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(d, c, m, func(Change) bool { return true }, "x", mergedAt); err != nil {
		t.Fatal(err)
	}
	if d.Answers.Get("ats.membri[3].telefono") != "1" || d.Answers.Get("ats.membri[3]._id") != "i2" {
		t.Fatalf("merged into the wrong member: %v", d.Answers.Items("ats.membri")[3])
	}
}

func events(t *testing.T, d *draft.Draft) []draft.Event {
	t.Helper()
	h, err := draft.Events(d)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestAsideTravels: a sheet of an older call version holding an answer of a field the update
// removed is migrated when opened (Check); the answer is kept aside in the sheet, stays there
// when the member saves and sends it back (the file), and the merge keeps it in the draft's
// Aside at the member's own path — nothing the member typed is lost to a call update.
func TestAsideTravels(t *testing.T) {
	c := fami(t)
	if c.Version < 2 {
		t.Skip("the FAMI call has one version")
	}
	d := openComplete(t, c)
	s, err := Export(d, c, 1, exportedAt)
	if err != nil {
		t.Fatal(err)
	}
	p := partOf(t, c)
	// as a sheet of version 1: the RUNTS registration was one text, version 2 splits it and removes it
	s.CallVersion = c.Version - 1
	Item(p, s.Answers)["runts"] = "A/104587"
	s = roundTrip(t, s)
	if err := Check(s, c); err != nil {
		t.Fatal(err)
	}
	key := "v" + strconv.Itoa(c.Version-1) + ":ats.membri[0].runts"
	if s.Aside[key] != "A/104587" || Item(p, s.Answers)["runts"] != nil {
		t.Fatalf("migrated, the sheet keeps aside %v", s.Aside)
	}
	back := roundTrip(t, s) // saved on the member's computer, sent back
	if err := Check(back, c); err != nil {
		t.Fatal(err)
	}
	if back.Aside[key] != "A/104587" {
		t.Fatalf("sent back, the sheet keeps aside %v", back.Aside)
	}
	m, err := Plan(d, c, back)
	if err != nil {
		t.Fatal(err)
	}
	changed, err := Apply(d, c, m, func(Change) bool { return true }, "membro2"+Ext, mergedAt)
	if err != nil {
		t.Fatal(err)
	}
	want := "v" + strconv.Itoa(c.Version-1) + ":ats.membri[1].runts"
	if d.Aside[want] != "A/104587" || !slices.Contains(changed, want) {
		t.Errorf("merged, the draft keeps aside %v (changed %v)", d.Aside, changed)
	}
	again, err := Plan(d, c, back)
	if err != nil {
		t.Fatal(err)
	}
	if changed, err := Apply(d, c, again, func(Change) bool { return true }, "membro2"+Ext, mergedAt); err != nil || len(changed) != 0 {
		t.Errorf("merged twice, it changes %v (%v)", changed, err)
	}
}
