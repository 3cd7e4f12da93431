package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/partner"
	"bando/app/ui"
	"bando/schema"

	"github.com/chromedp/chromedp"
)

// newMergeFixture is an ATS of members (the FAMI example's, and copies of its last when it
// needs more) as the capofila's draft, opened, and the sheets its members send back, made with
// partner.Export, changed by edit as each member would, written in dir.
func newMergeFixture(t *testing.T, members int, edit func(i int, item map[string]any, a schema.Answers)) (*draft.Draft, *schema.Call, string, []string) {
	t.Helper()
	c, a := famiAnswers(t, min(members, 5))
	for len(a.Items("ats.membri")) < members { // more members: copies of the last, renamed
		items := a.Items("ats.membri")
		it := map[string]any(schema.Answers(items[len(items)-1].(map[string]any)).Clone())
		delete(it, schema.ItemID)
		it["denominazione"] = "Ente numero " + strconv.Itoa(len(items)+1)
		_ = a.Set("ats.membri", append(items, it))
	}
	d := draft.New(c, "test", time.Date(2024, 2, 20, 9, 0, 0, 0, time.UTC))
	d.Answers = a
	if _, err := draft.Open(d, c); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p, _ := c.PartnerPart()
	var files []string
	for i := range members {
		s, err := partner.Export(d, c, i, time.Date(2024, 2, 21, 9, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		edit(i, partner.Item(p, s.Answers), s.Answers)
		data, err := partner.Encode(s)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(dir, "membro"+strconv.Itoa(i+1)+partner.Ext)
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	return d, c, dir, files
}

// writeDraft writes d as the file the capofila imports.
func writeDraft(t *testing.T, d *draft.Draft, dir string) string {
	t.Helper()
	data, err := draft.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "ats.bando.json")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// dropSheets gives the merge page files with its picker, as choosing several does.
func (b *tab) dropSheets(files ...string) {
	b.t.Helper()
	b.do(chromedp.SetUploadFiles(chromedp.ID("merge-file"), files))
}

// TestBrowserMerge: the capofila of a three-member ATS imports its draft, opens «Unisci le
// schede dei partner» from the members step and drops the three sheets its members sent back
// and one of another proposal. The page lists the refused sheet with its message and, per
// sheet, what it changes; the conflict (a field both changed since the export) has no answer
// chosen and blocks the merge until the capofila takes the member's. After the merge, saved,
// the draft holds the answers chosen, its history records each sheet merged, the same sheets
// dropped again have nothing to merge, and restoring the version before the merge from the
// history brings the old answers back. The page passes axe.
func TestBrowserMerge(t *testing.T) {
	const phone0, role1, pec2, ourRole1 = "+39 055 7777777", "Vicepresidente delegata", "crocevia@pec.example.it", "Legale rappresentante pro tempore"
	d, c, dir, sheets := newMergeFixture(t, 3, func(i int, it map[string]any, a schema.Answers) {
		switch i {
		case 0:
			it["telefono"] = phone0
			_ = a.Set("dichiarazioni.privacy", true)
		case 1:
			it["rl_carica"] = role1
		case 2:
			it["pec"] = pec2
		}
	})
	oldPhone0 := d.Answers.Get("ats.membri[0].telefono")
	other := func() string { // the same call and members, another proposal
		o := *d
		o.CreatedAt = o.CreatedAt.Add(time.Hour)
		s, err := partner.Export(&o, c, 0, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		data, _ := partner.Encode(s)
		name := filepath.Join(dir, "altra"+partner.Ext)
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return name
	}()
	_ = d.Answers.Set("ats.membri[1].rl_carica", ourRole1) // the capofila's change since the export
	draftFile := writeDraft(t, d, dir)

	app := startApp(t, "test")
	b := newTab(t, "")
	b.acceptDialogs()
	b.importDraft(app.url, draftFile)
	b.open(app.url + "/sezione/ats")
	b.press("#merge-link") // below the members: see press
	b.waitFor(`location.pathname === "`+ui.PathMerge+`" && !!document.getElementById("merge-file")`, 60*time.Second)

	b.dropSheets(append(slices.Clone(sheets), other)...)
	b.waitFor(`!!document.getElementById("merge-sheet-2") && !!document.getElementById("merge-refused")`, 20*time.Second)
	if msg := b.text("merge-refused"); !strings.Contains(msg, "altra"+partner.Ext) || !strings.Contains(msg, "un'altra domanda") {
		t.Errorf("the sheet of another proposal is refused with %q", msg)
	}
	rows := func(sel string) int { return eval[int](b, `document.querySelectorAll(`+jsString(sel)+`).length`) }
	if n := rows("#merge-sheet-0 tbody tr"); n != 2 { // the phone and the declaration
		t.Errorf("the first sheet shows %d changes, want 2", n)
	}
	if n := rows("tr.merge-conflict"); n != 1 {
		t.Fatalf("%d conflicts shown, want 1", n)
	}
	if got := b.text("merge-sheet-1-changes"); !strings.Contains(got, ourRole1) || !strings.Contains(got, role1) {
		t.Errorf("the conflict does not show both answers side by side: %q", got)
	}
	if rows("tr.merge-conflict input:checked") != 0 {
		t.Error("the conflict has an answer chosen by default")
	}
	if !eval[bool](b, `document.getElementById("merge-actions-merge").disabled`) || !strings.Contains(b.text("merge-actions-why"), "conflitto") {
		t.Errorf("an undecided conflict does not block the merge: %q", b.text("merge-actions-why"))
	}
	b.checkAccessible()
	b.checkAxe("merge page")

	b.press("#merge-actions-all")
	b.press(`tr.merge-conflict input[value="theirs"]`)
	b.waitFor(`!document.getElementById("merge-actions-merge").disabled`, 5*time.Second)
	b.press("#merge-actions-merge")
	b.waitFor(`(document.getElementById("merge-result") || {dataset: {}}).dataset.saved === "true"`, 20*time.Second)
	if id := eval[string](b, `document.activeElement.id`); id != "merge-result" {
		t.Errorf("the focus is on %q after the merge, not on its outcome", id)
	}
	if got := b.text("merge-result"); !strings.Contains(got, "membro2"+partner.Ext) || !strings.Contains(got, "salvata") {
		t.Errorf("the outcome says %q", got)
	}
	if got := eval[string](b, `[...document.querySelectorAll("#merge-result a")].map(a => a.getAttribute("href")).join(" ")`); got != "/sezione/ats "+ui.PathHistory {
		t.Errorf("the outcome leads to %q, want the members step and the history", got)
	}
	if n := rows(".merge-nothing"); n != 3 {
		t.Errorf("after the merge %d sheets have nothing left to merge, want 3", n)
	}

	// The same sheets again: nothing to merge.
	b.dropSheets(sheets...)
	b.waitFor(`!document.getElementById("merge-reading") || document.getElementById("merge-reading").classList.contains("d-none")`, 20*time.Second)
	b.waitFor(`document.querySelectorAll(".merge-nothing").length === 3`, 20*time.Second)
	if !eval[bool](b, `document.getElementById("merge-actions-merge").disabled`) {
		t.Error("the same sheets again offer something to merge")
	}

	// The draft as saved: the answers chosen, one history entry per sheet.
	b.navigateInApp("/sezione/ats")
	b.waitFor(`location.pathname === "/sezione/ats"`, 10*time.Second)
	if got := b.value("ats.membri[0].telefono"); got != phone0 {
		t.Errorf("the first member's phone is %q, want %q", got, phone0)
	}
	if got := b.value("ats.membri[1].rl_carica"); got != role1 {
		t.Errorf("the conflict settled for the sheet gives %q, want %q", got, role1)
	}
	b.navigateInApp(ui.PathReview)
	b.waitFor(`!!document.getElementById("export")`, 10*time.Second)
	before := b.downloads()
	b.click("export")
	merged, err := draft.Decode(b.exported(before))
	if err != nil {
		t.Fatal(err)
	}
	if got := merged.Answers.Get("ats.membri[2].pec"); got != pec2 {
		t.Errorf("the third member's PEC is %v", got)
	}
	if got, _ := merged.Answers.Get("ats.membri[0]._declared").([]any); !slices.Contains(got, any("dichiarazioni.privacy")) {
		t.Errorf("the first member's declarations are %v", got)
	}
	events, err := draft.Events(merged)
	if err != nil {
		t.Fatal(err)
	}
	var from []string
	for _, e := range events {
		if e.Kind == draft.EventMerge {
			from = append(from, e.From)
			if len(e.Fields) == 0 || e.Before == nil {
				t.Errorf("the merge of %s records no fields or no answers from before", e.From)
			}
		}
	}
	if want := []string{"membro1" + partner.Ext, "membro2" + partner.Ext, "membro3" + partner.Ext}; !slices.Equal(from, want) {
		t.Errorf("the history records merges of %v, want %v", from, want)
	}

	// Nothing replaced is lost: the version before the first merge comes back.
	b.click("history-link")
	b.waitFor(`location.pathname === "`+ui.PathHistory+`" && !!document.getElementById("history-events")`, 20*time.Second)
	first := -1
	for i, e := range events {
		if e.Kind == draft.EventMerge && first < 0 {
			first = i
		}
	}
	b.press("#history-restore-" + strconv.Itoa(first))
	b.waitFor(`!!document.getElementById("history-message")`, 20*time.Second)
	b.waitFor(`/salvata/i.test(document.getElementById("save-status").innerText)`, 10*time.Second)
	b.navigateInApp("/sezione/ats")
	b.waitFor(`!!document.getElementById(`+jsString(ui.FieldID("ats.membri[0].telefono"))+`)`, 10*time.Second)
	if got := b.value("ats.membri[0].telefono"); got != oldPhone0 {
		t.Errorf("after the restore the first member's phone is %q, want %v", got, oldPhone0)
	}
	if got := b.value("ats.membri[1].rl_carica"); got != ourRole1 {
		t.Errorf("after the restore the role is %q, want the capofila's %q", got, ourRole1)
	}
}

// TestBrowserMergeBoundsTheDrop: a drop of more sheets than the call allows members (FAMI: 40)
// reads only that many; the others are listed as not read, with the bound, and cost nothing.
func TestBrowserMergeBoundsTheDrop(t *testing.T) {
	d, _, dir, sheets := newMergeFixture(t, 2, func(int, map[string]any, schema.Answers) {})
	data, err := os.ReadFile(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	var many []string
	for i := range 45 {
		name := filepath.Join(dir, "copia"+strconv.Itoa(i)+partner.Ext)
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		many = append(many, name)
	}
	app := startApp(t, "test")
	b := newTab(t, "")
	b.importDraft(app.url, writeDraft(t, d, dir))
	// the page of sheets, no sheet open, is not about the applicant's draft: its header says nothing of it
	b.open(app.url + ui.PathPartner)
	b.waitFor(`!!document.getElementById("psheet-file")`, time.Minute)
	if got := eval[string](b, `document.querySelector(".bando-call-title").innerText + document.getElementById("save-status").innerText`); strings.TrimSpace(got) != "" {
		t.Errorf("/scheda's header shows the applicant's draft: %q", got)
	}
	b.open(app.url + ui.PathMerge)
	b.waitFor(`!!document.getElementById("merge-file")`, time.Minute)
	b.dropSheets(many...)
	b.waitFor(`!!document.getElementById("merge-refused")`, 30*time.Second)
	refused := eval[int](b, `document.querySelectorAll("#merge-refused li").length`)
	if refused != 5 || !strings.Contains(b.text("merge-refused"), "al più 40 schede") {
		t.Errorf("%d sheets refused, want the 5 past 40: %q", refused, b.text("merge-refused"))
	}
}
