package draft

import (
	"strings"
	"testing"
	"time"

	"bando/schema"
)

func TestFileName(t *testing.T) {
	day := schema.RomeDate(2026, 12, 3, 11, 45, 0)
	long := "Toscana Insieme – Servizi accessibili e partecipazione per i cittadini di Paesi terzi"
	cases := []struct {
		name, call, title string
		day               time.Time
		ext, want         string
	}{
		{"accents and apostrophes", "toscana-fami-2024", "Società L'Orto Solidale APS", day, Ext,
			"toscana-fami-2024_societa-lorto-solidale-aps_2026-12-03.bando.json"},
		{"typographic apostrophe, capitals", "toscana-fami-2024", "DELL’ÀRTE È Più", day, ".pdf",
			"toscana-fami-2024_dellarte-e-piu_2026-12-03.pdf"},
		{"very long title cut at a word", "toscana-fami-2024", long, day, "_bozza.pdf",
			"toscana-fami-2024_toscana-insieme-servizi-accessibili-e_2026-12-03_bozza.pdf"},
		{"one long word cut at the bound", "c", strings.Repeat("a", 60), day, ".eml",
			"c_" + strings.Repeat("a", 40) + "_2026-12-03.eml"},
		{"empty title", "toscana-fami-2024", "", day, Ext, "toscana-fami-2024_bozza_2026-12-03.bando.json"},
		{"only punctuation", "toscana-fami-2024", " ¿…! ", day, Ext, "toscana-fami-2024_bozza_2026-12-03.bando.json"},
		{"path characters", "toscana-fami-2024", `../../etc/passwd C:\x:y*?"<>|`, day, ".pdf",
			"toscana-fami-2024_etc-passwd-c-x-y_2026-12-03.pdf"},
		{"underscores never inside a part", "my_call", "a_b", day, ".pdf", "my-call_a-b_2026-12-03.pdf"},
		{"letters with no ASCII form dropped", "c", "Łódź Ωmega", day, ".pdf", "c_od-mega_2026-12-03.pdf"},
		{"no date", "toscana-fami-2024", "Mario Rossi", time.Time{}, ".bando-partner.json",
			"toscana-fami-2024_mario-rossi.bando-partner.json"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := FileName(tc.call, tc.title, tc.day, tc.ext)
			if got != tc.want {
				t.Errorf("FileName(%q, %q) = %q, want %q", tc.call, tc.title, got, tc.want)
			}
			if strings.ContainsAny(got, `/\:*?"<>| '`) {
				t.Errorf("%q has a character unsafe in file names", got)
			}
		})
	}
}

func TestTitle(t *testing.T) {
	c, err := schema.Shipped("toscana-fami-2024")
	if err != nil {
		t.Fatal(err)
	}
	full := readDraftFile(t, complete)
	set := func(d *Draft, path string, v any) *Draft {
		d = &Draft{Call: d.Call, Title: d.Title, Answers: d.Answers.Clone()}
		if err := d.Answers.Set(path, v); err != nil {
			t.Fatal(err)
		}
		return d
	}
	noTitle := set(full, "azioni.titolo", nil)
	noATS := set(noTitle, "ats.denominazione_ats", "  ")
	noLead := set(noATS, "ats.membri[0].capofila", false)
	renamed := set(full, "azioni.titolo", "x")
	renamed.Title = "  Domanda per Firenze "
	cases := []struct {
		name string
		d    *Draft
		want string
	}{
		{"the applicant's own title first", renamed, "Domanda per Firenze"},
		{"the proposal's title", full, "Toscana Insieme – Servizi accessibili e partecipazione per i cittadini di Paesi terzi"},
		{"else the ATS name", noTitle, "ATS Toscana Insieme"},
		{"else the capofila", set(noATS, "ats.membri[2].capofila", true), "Il Crocevia Società Cooperativa Sociale"},
		{"else the first member", noLead, "Ponti di Parole APS"},
		{"nothing answered", &Draft{Answers: schema.Answers{}}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// the first capofila wins: member 0 is one in the example, so take it away there
			d := tc.d
			if tc.name == "else the capofila" {
				d = set(d, "ats.membri[0].capofila", false)
			}
			if got := Title(c, d); got != tc.want {
				t.Errorf("Title = %q, want %q", got, tc.want)
			}
		})
	}
	if got := ShortID("20261203T114500.000Z-a1b2c3d4e5f6"); got != "a1b2" {
		t.Errorf("ShortID = %q", got)
	}
}

func TestState(t *testing.T) {
	at := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	fresh := func() *Draft { return &Draft{Answers: schema.Answers{}} }
	final := func() *Draft { d := fresh(); d.Finalise(at); return d }
	signed := func() *Draft {
		d := final()
		if !d.MarkSigned("abc", "domanda.pdf.p7m", at.Add(time.Hour)) {
			t.Fatal("MarkSigned refused a final draft")
		}
		return d
	}
	edited := func(d *Draft) *Draft { d.Edited(); return d }
	cases := []struct {
		name   string
		d      *Draft
		errors int
		want   string
		stale  bool
	}{
		{"errors open", fresh(), 3, StateProgress, false},
		{"count not known", fresh(), -1, StateProgress, false},
		{"no error", fresh(), 0, StateReady, false},
		{"finalised", final(), 0, StateFinal, false},
		{"signed and verified", signed(), 0, StateSigned, false},
		{"finalised then edited", edited(final()), 2, StateProgress, true},
		{"signed then edited: the marker goes", edited(signed()), 0, StateReady, true},
		{"finalised again after an edit", func() *Draft { d := edited(signed()); d.Finalise(at.Add(time.Hour)); return d }(), 0, StateFinal, false},
		{"an edit before finalising is no staleness", edited(fresh()), 1, StateProgress, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.d.State(tc.errors); got != tc.want {
				t.Errorf("State = %q, want %q", got, tc.want)
			}
			if tc.d.Stale() != tc.stale {
				t.Errorf("Stale = %v, want %v", tc.d.Stale(), tc.stale)
			}
		})
	}
	if d := edited(final()); d.MarkSigned("abc", "", at) || d.Signed != nil {
		t.Error("a changed draft was marked signed")
	}
	if fresh().MarkSigned("abc", "", at) {
		t.Error("a draft never finalised was marked signed")
	}
}

func TestCopy(t *testing.T) {
	c, err := schema.Shipped("toscana-fami-2024")
	if err != nil {
		t.Fatal(err)
	}
	d := readDraftFile(t, complete)
	d.Title = "Domanda 2024"
	d.Finalise(time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC))
	d.MarkSigned("abc", "x.p7m", time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC))
	d.History = []byte(`[{"at":"2024-03-01T09:00:00Z","kind":"import"}]`)
	before, _ := Encode(d)
	now := time.Date(2026, 12, 3, 11, 45, 0, 0, time.UTC)
	cp := Copy(c, d, "v2", now)

	if after, _ := Encode(d); string(after) != string(before) {
		t.Error("Copy changed the original")
	}
	if cp.FinalisedAt != nil || cp.Signed != nil || cp.EditedAfterFinal || cp.History != nil || cp.Title != "" {
		t.Errorf("the copy keeps state of the original: %+v", cp)
	}
	if !cp.CreatedAt.Equal(now) || !cp.SavedAt.Equal(now) || cp.AppVersion != "v2" || cp.Call != d.Call || cp.CallVersion != d.CallVersion {
		t.Errorf("envelope: %+v", cp)
	}
	gone := []string{"dichiarazioni.dpr445", "dichiarazioni.privacy", "dichiarazioni.data", "dichiarazioni.bollo_id", "dichiarazioni.bollo_data"}
	for _, p := range gone {
		if v := cp.Answers.Get(p); v != nil {
			t.Errorf("%s copied: %v", p, v)
		}
		if d.Answers.Get(p) == nil {
			t.Errorf("%s: the example lacks it, the test proves nothing", p)
		}
	}
	kept := []string{"dichiarazioni.bollo", "dichiarazioni.luogo", "azioni.titolo", "ats.membri[4].rl_cf", "budget.voci[0].importo"}
	for _, p := range kept {
		if v := cp.Answers.Get(p); v == nil || v != d.Answers.Get(p) {
			t.Errorf("%s: %v, want %v", p, v, d.Answers.Get(p))
		}
	}
	if err := cp.Answers.Set("ats.membri[0].denominazione", "Altra"); err != nil || d.Answers.Get("ats.membri[0].denominazione") == "Altra" {
		t.Error("the copy shares answers with the original")
	}
}
