package ui

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/partner"
	"bando/schema"
)

// The merge page's texts are added by the staff program (RoutesWithBuilder); the tests of this
// package see them as that program does.
func init() { mergeTexts() }

// famiDraft is the complete FAMI example, opened (its members have their ids).
func famiDraft(t *testing.T) (*schema.Call, *draft.Draft) {
	t.Helper()
	c, err := schema.Shipped("toscana-fami-2024")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../schema/calls/examples/toscana-fami-2024.complete.bando.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := draft.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := draft.Open(d, c); err != nil {
		t.Fatal(err)
	}
	return c, d
}

// sheetFile is member i's sheet exported from d, changed by edit, as the file the member
// sends back.
func sheetFile(t *testing.T, d *draft.Draft, c *schema.Call, i int, edit func(item map[string]any, a schema.Answers)) []byte {
	t.Helper()
	s, err := partner.Export(d, c, i, testTime)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := c.PartnerPart()
	if edit != nil {
		edit(partner.Item(p, s.Answers), s.Answers)
	}
	data, err := partner.Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func rowOf(s *mergeSheet, field string) *mergeRow {
	for i := range s.rows {
		if strings.HasSuffix(s.rows[i].ch.Path, "."+field) {
			return &s.rows[i]
		}
	}
	return nil
}

// TestMergeRows: a sheet's changes as the page shows them — the form's labels, answers as the
// form writes them (dates gg/mm/aaaa, yes/no, choices by label, declarations), no answer as
// "(vuoto)" — changes ticked, a conflict undecided and counted as such.
func TestMergeRows(t *testing.T) {
	c, d := famiDraft(t)
	data := sheetFile(t, d, c, 1, func(it map[string]any, a schema.Answers) {
		it["telefono"] = "+39 0574 111222"
		it["rl_nascita_data"] = "1985-11-04"
		it["ets"] = false
		it["forma_giuridica"] = "aps"
		delete(it, "rl_carica")
		it["cf"] = "92056781006" // the capofila changes it too, below: a conflict
		_ = a.Set("dichiarazioni.dpr445", true)
	})
	_ = d.Answers.Set("ats.membri[1].cf", "92056781007")
	s, bad := planSheet(d, c, "odv.bando-partner.json", data, schema.IT, schema.IT)
	if bad != nil {
		t.Fatalf("refused: %s", bad.msg)
	}
	tests := []struct {
		field, label, ours, theirs string
		conflict                   bool
	}{
		{"telefono", "Telefono", "+39 0574 765432", "+39 0574 111222", false},
		{"rl_nascita_data", "Legale rappresentante: data di nascita", "03/11/1985", "04/11/1985", false},
		{"ets", "È un ente del Terzo settore iscritto al RUNTS?", "Sì", "No", false},
		{"forma_giuridica", "Forma giuridica", "Organizzazione di volontariato (ODV)", "Associazione di promozione sociale (APS)", false},
		{"rl_carica", "Legale rappresentante: carica", "", "(vuoto)", false},
		{"cf", "Codice fiscale dell'ente", "92056781007", "92056781006", true},
		{"dpr445", "Dichiarazione sostitutiva (DPR 445/2000)", "Dichiarazione non accettata", "Dichiarazione accettata", false},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			r := rowOf(s, tt.field)
			if r == nil {
				t.Fatalf("no row for %s among %d", tt.field, len(s.rows))
			}
			if r.label != tt.label || r.theirs != tt.theirs || (tt.ours != "" && r.ours != tt.ours) {
				t.Errorf("row %q: %q → %q, want %q: %q → %q", r.ch.Path, r.label, r.ours+" → "+r.theirs, tt.label, tt.ours, tt.theirs)
			}
			if r.ch.Conflict != tt.conflict || r.take == tt.conflict || r.choice != "" {
				t.Errorf("conflict %v, ticked %v, choice %q", r.ch.Conflict, r.take, r.choice)
			}
		})
	}
	if r := rowOf(s, "cf"); r.base != "92056781005" {
		t.Errorf("the conflict's answer when exported is %q", r.base)
	}
	if len(s.rows) != len(tests) {
		t.Errorf("%d rows, want %d", len(s.rows), len(tests))
	}
	en, _ := planSheet(d, c, "odv.bando-partner.json", data, schema.EN, schema.EN)
	if r := rowOf(en, "ets"); r.label == rowOf(s, "ets").label || r.theirs != "No" {
		t.Errorf("in English: %q %q", r.label, r.theirs)
	}

	sheets := []*mergeSheet{s}
	if chosen, undecided := mergeCounts(sheets); chosen != len(tests)-1 || undecided != 1 {
		t.Errorf("chosen %d, undecided %d", chosen, undecided)
	}
	rowOf(s, "telefono").take = false
	acceptChanges(s) // ticks every change, decides no conflict
	if chosen, undecided := mergeCounts(sheets); chosen != len(tests)-1 || undecided != 1 {
		t.Errorf("after accept all: chosen %d, undecided %d", chosen, undecided)
	}
	rowOf(s, "cf").choice = keepOurs
	if chosen, undecided := mergeCounts(sheets); chosen != len(tests)-1 || undecided != 0 {
		t.Errorf("the conflict kept: chosen %d, undecided %d", chosen, undecided)
	}
}

// TestPlanSheetRefused: what cannot be merged says why, in the interface language, and
// the draft is not touched.
func TestPlanSheetRefused(t *testing.T) {
	c, d := famiDraft(t)
	good := sheetFile(t, d, c, 2, nil)
	other := func() []byte { // the same call, another proposal
		o := *d
		o.CreatedAt = o.CreatedAt.Add(time.Hour)
		return sheetFile(t, &o, c, 0, nil)
	}()
	gone := sheetFile(t, d, c, 4, nil)
	newer := strings.Replace(string(good), `"callVersion": 2`, `"callVersion": 9`, 1)
	draftFile, _ := os.ReadFile("../../schema/calls/examples/toscana-fami-2024.complete.bando.json")

	fewer := *d
	fewer.Answers = d.Answers.Clone()
	_ = fewer.Answers.Set("ats.membri", fewer.Answers.Items("ats.membri")[:4])
	before := draft.Snapshot(fewer.Answers)

	tests := []struct {
		name string
		data []byte
		lang schema.Lang
		want string
	}{
		{"another proposal", other, schema.IT, "viene da un'altra domanda"},
		{"another proposal, English", other, schema.EN, "comes from another proposal"},
		{"member removed", gone, schema.IT, "non è più nella domanda"},
		{"newer call version", []byte(newer), schema.IT, "versione più recente del bando"},
		{"a draft", draftFile, schema.IT, "è una bozza di domanda"},
		{"not JSON", []byte("%PDF-1.7"), schema.IT, "non è una scheda partner leggibile"},
		{"empty", nil, schema.IT, "vuoto"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, bad := planSheet(&fewer, c, "x.bando-partner.json", tt.data, tt.lang, tt.lang)
			if s != nil || bad == nil {
				t.Fatalf("not refused: %+v", s)
			}
			if !strings.Contains(bad.msg, tt.want) || bad.file != "x.bando-partner.json" {
				t.Errorf("message %q, want it to say %q", bad.msg, tt.want)
			}
		})
	}
	if string(draft.Snapshot(fewer.Answers)) != string(before) {
		t.Error("a refused sheet changed the draft")
	}
}

// TestMergeInto: what the capofila chose is merged, the rest is not; each sheet merged is in
// the history with its file, its fields and the answers it replaced (restore brings them
// back); the same sheets merged again change nothing.
func TestMergeInto(t *testing.T) {
	c, d := famiDraft(t)
	first := sheetFile(t, d, c, 0, func(it map[string]any, a schema.Answers) {
		it["telefono"] = "+39 055 7654321"
		it["pec"] = "ponti@pec.example.it"
		_ = a.Set("dichiarazioni.privacy", true)
	})
	second := sheetFile(t, d, c, 1, func(it map[string]any, a schema.Answers) {
		it["cf"] = "92056781006"
		it["telefono"] = "+39 0574 000000"
	})
	third := sheetFile(t, d, c, 2, func(it map[string]any, a schema.Answers) {
		it["rl_carica"] = "Presidente del CdA"
	})
	_ = d.Answers.Set("ats.membri[1].cf", "92056781007") // the capofila's own fix: a conflict
	old := d.Answers.Clone()

	var sheets []*mergeSheet
	for _, f := range []struct {
		name string
		data []byte
	}{{"ponti.bando-partner.json", first}, {"odv.bando-partner.json", second}, {"crocevia.bando-partner.json", third}} {
		s, bad := planSheet(d, c, f.name, f.data, schema.IT, schema.IT)
		if bad != nil {
			t.Fatal(bad.msg)
		}
		sheets = addSheets(sheets, s)
	}
	rowOf(sheets[0], "pec").take = false       // not this one
	rowOf(sheets[1], "cf").choice = takeTheirs // the member's code wins
	rowOf(sheets[2], "rl_carica").take = false // nothing of the third
	changed, err := mergeInto(d, c, sheets, testTime)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"ats.membri[0].telefono", "dichiarazioni.privacy"},
		{"ats.membri[1].cf", "ats.membri[1].telefono"},
		nil,
	}
	for k := range want {
		got := slices.Clone(changed[k])
		slices.Sort(got)
		if !slices.Equal(got, want[k]) {
			t.Errorf("sheet %d changed %v, want %v", k, got, want[k])
		}
	}
	for path, v := range map[string]any{
		"ats.membri[0].telefono":  "+39 055 7654321",
		"ats.membri[0].pec":       old.Get("ats.membri[0].pec"),
		"ats.membri[1].cf":        "92056781006",
		"ats.membri[2].rl_carica": old.Get("ats.membri[2].rl_carica"),
	} {
		if got := d.Answers.Get(path); got != v {
			t.Errorf("%s = %v, want %v", path, got, v)
		}
	}
	events, err := draft.Events(d)
	if err != nil || len(events) != 2 {
		t.Fatalf("history %v, %v: want the two sheets merged", events, err)
	}
	if e := events[1]; e.Kind != draft.EventMerge || e.From != "odv.bando-partner.json" || !slices.Contains(e.Fields, "ats.membri[1].cf") {
		t.Errorf("the second merge is recorded as %+v", e)
	}
	// nothing replaced is lost: restoring the version before the first merge brings it all back
	restored := *d
	restored.Answers = d.Answers.Clone()
	if err := draft.Restore(&restored, c, 0, testTime); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"ats.membri[0].telefono", "ats.membri[1].cf", "ats.membri[1].telefono"} {
		if !draft.SameValue(restored.Answers.Get(path), old.Get(path)) {
			t.Errorf("restored %s = %v, want %v", path, restored.Answers.Get(path), old.Get(path))
		}
	}

	// The same files again: only what was left out is offered, and merging nothing changes nothing.
	history := string(d.History)
	for k, f := range [][]byte{first, second, third} {
		s, bad := planSheet(d, c, "again.bando-partner.json", f, schema.IT, schema.IT)
		if bad != nil {
			t.Fatal(bad.msg)
		}
		var left []string
		for _, r := range s.rows {
			left = append(left, r.ch.Path)
		}
		if wantLeft := [][]string{{"ats.membri[0].pec"}, nil, {"ats.membri[2].rl_carica"}}[k]; !slices.Equal(left, wantLeft) {
			t.Errorf("sheet %d again offers %v, want %v", k, left, wantLeft)
		}
		for i := range s.rows {
			s.rows[i].take = false
		}
		if changed, err := mergeInto(d, c, []*mergeSheet{s}, testTime); err != nil || len(changed[0]) != 0 {
			t.Errorf("merging sheet %d again changed %v (%v)", k, changed, err)
		}
	}
	if string(d.History) != history {
		t.Error("merging the same sheets again added to the history")
	}
}

// TestMergeIntoNeverUnseen: two sheets of one member changing the same field — the second is
// a conflict only once the first is merged, so it is not merged unseen; a sheet whose member
// was removed after it was planned fails the whole merge and the draft is as it was.
func TestMergeIntoNeverUnseen(t *testing.T) {
	c, d := famiDraft(t)
	a := sheetFile(t, d, c, 0, func(it map[string]any, _ schema.Answers) { it["telefono"] = "+39 055 1111111" })
	b := sheetFile(t, d, c, 0, func(it map[string]any, _ schema.Answers) { it["telefono"] = "+39 055 2222222" })
	sa, _ := planSheet(d, c, "a.bando-partner.json", a, schema.IT, schema.IT)
	sb, _ := planSheet(d, c, "b.bando-partner.json", b, schema.IT, schema.IT)
	if _, err := mergeInto(d, c, []*mergeSheet{sa, sb}, testTime); err != nil {
		t.Fatal(err)
	}
	if got := d.Answers.Get("ats.membri[0].telefono"); got != "+39 055 1111111" {
		t.Errorf("the phone is %v: the second sheet overwrote the first unseen", got)
	}
	again, _ := planSheet(d, c, "b.bando-partner.json", b, schema.IT, schema.IT)
	if r := rowOf(again, "telefono"); r == nil || !r.ch.Conflict {
		t.Errorf("the second sheet's phone is not offered as a conflict: %+v", r)
	}

	c, d = famiDraft(t)
	ok := sheetFile(t, d, c, 0, func(it map[string]any, _ schema.Answers) { it["telefono"] = "+39 055 3333333" })
	last := sheetFile(t, d, c, 4, func(it map[string]any, _ schema.Answers) { it["telefono"] = "+39 055 4444444" })
	s1, _ := planSheet(d, c, "ok.bando-partner.json", ok, schema.IT, schema.IT)
	s2, _ := planSheet(d, c, "last.bando-partner.json", last, schema.IT, schema.IT)
	_ = d.Answers.Set("ats.membri", d.Answers.Items("ats.membri")[:4])
	before := string(draft.Snapshot(d.Answers))
	if _, err := mergeInto(d, c, []*mergeSheet{s1, s2}, testTime); err == nil {
		t.Fatal("a sheet of a member removed merged")
	}
	if string(draft.Snapshot(d.Answers)) != before || len(d.History) != 0 {
		t.Error("a failed merge left the draft half merged")
	}
}

// TestAddSheets: a file dropped again replaces its earlier copy; others are added in order.
func TestAddSheets(t *testing.T) {
	a, b, a2 := &mergeSheet{file: "a"}, &mergeSheet{file: "b"}, &mergeSheet{file: "a"}
	got := addSheets(addSheets(nil, a, b), a2)
	if len(got) != 2 || got[0] != a2 || got[1] != b {
		t.Errorf("got %v", got)
	}
}

// TestMergePageRender: the page as a screen reader meets it — a table per sheet with its
// caption and headers, every checkbox and radio labelled with its field, a conflict with
// neither answer chosen, and the merge button disabled, saying why, until it is decided;
// a refused file listed with its message; no draft open says so with the way home.
func TestMergePageRender(t *testing.T) {
	c, d := famiDraft(t)
	s := withDraft(t, c, d.Answers, schema.IT)
	data := sheetFile(t, s.open.d, c, 1, func(it map[string]any, _ schema.Answers) {
		it["telefono"] = "+39 0574 111222"
		it["cf"] = "92056781006"
	})
	_ = s.open.d.Answers.Set("ats.membri[1].cf", "92056781007")
	ms, bad := planSheet(s.open.d, c, "odv.bando-partner.json", data, schema.IT, schema.IT)
	if bad != nil {
		t.Fatal(bad.msg)
	}
	p := &mergePage{Lang: schema.IT, sheets: []*mergeSheet{ms}, refused: []refusedSheet{{"altra.bando-partner.json", "viene da un'altra domanda"}}}
	html := flat(rendered(p))
	for _, want := range []string{
		`<caption>Che cosa cambia la scheda di «Mediazione Insieme ODV»</caption>`,
		`<th scope="col">Nella bozza</th>`, `<th scope="row">Telefono</th>`,
		`<label class="visually-hidden" for="merge-0-1">Unisci: Telefono</label>`,
		`<span class="visually-hidden">Codice fiscale dell&#39;ente: tieni la risposta della bozza: </span>92056781007`,
		`<span class="visually-hidden">Codice fiscale dell&#39;ente: prendi la risposta della scheda: </span>92056781006`,
		`All&#39;esportazione: 92056781005`,
		`Resta un conflitto da decidere`,
		`altra.bando-partner.json: viene da un&#39;altra domanda`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Count(html, `checked="false"`) != 2 || strings.Count(html, `<input checked class`) != 1 {
		t.Errorf("a conflict has an answer chosen by default, or the change is not ticked")
	}
	if !strings.Contains(html, `disabled id="merge-actions-merge"`) {
		t.Errorf("the merge button is not disabled:\n%s", html)
	}
	rowOf(ms, "cf").choice = keepOurs
	if html := rendered(p); strings.Contains(html, "Resta un conflitto") || strings.Contains(html, `disabled id="merge-actions-merge"`) {
		t.Errorf("decided, the merge is still blocked")
	}

	s.open.d = nil
	if html := rendered(&mergePage{Lang: schema.IT}); !strings.Contains(html, "Non c&#39;è una bozza aperta") || !strings.Contains(html, `href="/"`) {
		t.Errorf("no draft open: %s", html)
	}
}

// flat is HTML without the indentation between tags.
func flat(html string) string {
	return regexp.MustCompile(`\s*\n\s*`).ReplaceAllString(html, "")
}

// TestMergePageFolds: up to foldAbove sheets, every change is shown; past it, a sheet without
// conflicts says how many changes it brings and shows them on request, still ticked, while a
// sheet with a conflict stays open.
func TestMergePageFolds(t *testing.T) {
	c, d := famiDraft(t)
	s := withDraft(t, c, d.Answers, schema.IT)
	plain := sheetFile(t, s.open.d, c, 2, func(it map[string]any, _ schema.Answers) { it["telefono"] = "+39 050 111222" })
	conflict := sheetFile(t, s.open.d, c, 1, func(it map[string]any, _ schema.Answers) { it["telefono"] = "+39 0574 111222" })
	_ = s.open.d.Answers.Set("ats.membri[1].telefono", "+39 0574 999999")
	sheet := func(data []byte) *mergeSheet {
		ms, bad := planSheet(s.open.d, c, "scheda.bando-partner.json", data, schema.IT, schema.IT)
		if bad != nil {
			t.Fatal(bad.msg)
		}
		return ms
	}
	p := &mergePage{Lang: schema.IT}
	for range foldAbove {
		p.sheets = append(p.sheets, sheet(plain))
	}
	if html := rendered(p); strings.Contains(html, "merge-show") || strings.Count(html, `class="table table-sm merge-changes"`) != foldAbove {
		t.Errorf("%d sheets: some are folded", foldAbove)
	}
	p.sheets = append(p.sheets, sheet(conflict))
	html := flat(rendered(p))
	if n := strings.Count(html, `class="btn btn-sm btn-link px-0 merge-show"`); n != foldAbove {
		t.Errorf("%d sheets without conflicts folded, want %d", n, foldAbove)
	}
	if !strings.Contains(html, `id="merge-sheet-10-changes"`) || !strings.Contains(html, "Mostra le modifiche (1)") {
		t.Errorf("the sheet with a conflict is not open, or a folded one does not count its changes")
	}
	if !strings.Contains(html, "Unisci le modifiche scelte (10)") {
		t.Errorf("the folded sheets' changes are not chosen: %s", html)
	}
	p.sheets[3].shown = true
	if html := rendered(p); !strings.Contains(html, `id="merge-sheet-3-changes"`) {
		t.Errorf("a sheet asked to show its changes stays folded")
	}
}
