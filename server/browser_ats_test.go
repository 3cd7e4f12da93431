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

// TestBrowserATSTogether is issue 15 as an ATS lives it, each organisation on its own computer
// (a browser profile of its own): the capofila imports its proposal and downloads, from the
// members step, the sheets of its three partners. Each partner opens Bando's page of sheets
// once online, then goes offline and, with the three browsers open at the same time, opens
// its sheet, fills its part (the phone, a declaration accepted), and exports it. Meanwhile the
// capofila changes the second partner's phone in its draft: a conflict. The capofila drops the
// three returned sheets on the merge page, decides the conflict by hand for its own answer,
// merges; the proposal validates and makes the PDF; the history shows each merge, and a restore
// brings back the answers from before.
func TestBrowserATSTogether(t *testing.T) {
	app := startApp(t, "test")
	c, err := schema.Shipped("toscana-fami-2024")
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.PartnerPart()
	if err != nil {
		t.Fatal(err)
	}
	partners := []int{1, 2, 3} // the members after the capofila (member 0)
	phone := func(i int) string { return "+39 0574 10000" + strconv.Itoa(i) }
	const ourPhone2 = "+39 055 2222222" // the capofila's own change to the second partner's phone

	// The capofila: its proposal, and a sheet for each partner.
	lead := newTab(t, "")
	lead.acceptDialogs()
	lead.importDraft(app.url, famiExample)
	lead.navigateInApp("/sezione/ats")
	lead.waitFor(`document.querySelectorAll(".item-sheet").length >= 4`, 20*time.Second)
	names := map[int]string{}
	sheets := map[int]string{} // member → sheet file, as the capofila sends it
	outbox := t.TempDir()
	for _, i := range partners {
		names[i] = lead.value("ats.membri[" + strconv.Itoa(i) + "].denominazione")
		before := lead.downloadedNames("*" + partner.Ext)
		lead.press(`[data-path="ats.membri[` + strconv.Itoa(i) + `]"] .item-sheet`)
		raw, name := lead.newDownload("*"+partner.Ext, before, 2*time.Minute)
		s, err := partner.Decode(raw)
		if err != nil || s.Name != names[i] {
			t.Fatalf("the sheet for member %d (%s) is of %v: %v", i, names[i], s, err)
		}
		sheets[i] = filepath.Join(outbox, name)
		if err := os.WriteFile(sheets[i], raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	oldPhones := map[int]string{}
	for _, i := range partners {
		oldPhones[i] = lead.value("ats.membri[" + strconv.Itoa(i) + "].telefono")
	}
	// after the export, the capofila changes what the second partner will change too
	lead.fill(c, "ats.membri[2].telefono", ourPhone2)
	lead.waitFor(`/salvata/i.test(document.getElementById("save-status").innerText)`, 10*time.Second)

	// The partners, three computers: the first visit online, then offline, all open at once.
	tabs := map[int]*tab{}
	for _, i := range partners {
		b := newTab(t, "")
		b.open(app.url + ui.PathPartner)
		b.waitFor(`!!document.getElementById("psheet-file")`, time.Minute)
		b.waitFor(builderCached, time.Minute)
		tabs[i] = b
	}
	for _, i := range partners {
		b := tabs[i]
		b.goOffline()
		b.do(chromedp.Navigate(app.url + ui.PathPartner))
		b.waitReady()
		b.waitFor(`!!document.getElementById("psheet-file")`, time.Minute)
		b.do(chromedp.SetUploadFiles(chromedp.ID("psheet-file"), []string{sheets[i]}))
	}
	decl := p.DeclarationFields()
	if len(decl) == 0 {
		t.Fatal("the FAMI call declares no declarations a member makes")
	}
	for _, i := range partners { // each partner's own answers, in turn on the open browsers
		b := tabs[i]
		b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID("ats.membri[0].telefono"))+`)`, 30*time.Second)
		if got := b.value("ats.membri[0].denominazione"); got != names[i] {
			t.Fatalf("partner %d sees the member %q, want %q", i, got, names[i])
		}
		b.click("page-title")
		b.fill(c, "ats.membri[0].telefono", phone(i))
		for _, f := range decl {
			b.fill(c, f.Path(), true)
		}
	}
	returned := make([]string, 0, len(partners))
	for _, i := range partners {
		b := tabs[i]
		b.click("psheet-check")
		b.waitFor(`!!document.getElementById("psheet-done") && !document.getElementById("error-summary")`, 10*time.Second)
		before := b.downloadedNames("*" + partner.Ext)
		b.click("psheet-export")
		raw, name := b.newDownload("*"+partner.Ext, before, 30*time.Second)
		file := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(file, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		returned = append(returned, file)
	}

	// The capofila merges the three sheets; the conflict is decided by hand.
	lead.navigateInApp("/sezione/ats") // the link is under the members, beside their sheets' buttons
	lead.waitFor(`!!document.getElementById("merge-link")`, 20*time.Second)
	lead.press("#merge-link")
	lead.waitFor(`location.pathname === "`+ui.PathMerge+`" && !!document.getElementById("merge-file")`, time.Minute)
	lead.dropSheets(returned...)
	lead.waitFor(`!!document.getElementById("merge-sheet-2")`, 30*time.Second)
	if n := eval[int](lead, `document.querySelectorAll("tr.merge-conflict").length`); n != 1 {
		t.Fatalf("%d conflicts shown, want 1 (the second partner's phone)", n)
	}
	if got := eval[string](lead, `document.querySelector("tr.merge-conflict").innerText`); !strings.Contains(got, ourPhone2) || !strings.Contains(got, phone(2)) {
		t.Errorf("the conflict does not show both phones: %q", got)
	}
	if !eval[bool](lead, `document.getElementById("merge-actions-merge").disabled`) {
		t.Error("the merge is offered with the conflict undecided")
	}
	lead.press("#merge-actions-all")
	lead.press(`tr.merge-conflict input[value="ours"]`)
	lead.waitFor(`!document.getElementById("merge-actions-merge").disabled`, 5*time.Second)
	lead.press("#merge-actions-merge")
	lead.waitFor(`(document.getElementById("merge-result") || {dataset: {}}).dataset.saved === "true"`, 20*time.Second)

	// The proposal: every partner's answers, the conflict as decided, valid, and its PDF.
	lead.navigateInApp("/sezione/ats")
	lead.waitFor(`location.pathname === "/sezione/ats"`, 10*time.Second)
	for _, i := range partners {
		want := phone(i)
		if i == 2 {
			want = ourPhone2
		}
		if got := lead.value("ats.membri[" + strconv.Itoa(i) + "].telefono"); got != want {
			t.Errorf("member %d's phone is %q after the merge, want %q", i, got, want)
		}
	}
	lead.navigateInApp(ui.PathReview)
	lead.waitFor(`!!document.getElementById("export")`, 10*time.Second)
	before := lead.downloads()
	lead.click("export")
	merged, err := draft.Decode(lead.exported(before))
	if err != nil {
		t.Fatal(err)
	}
	if is := c.Validate(merged.Answers, schema.IT); len(is.Errors()) > 0 {
		t.Errorf("the merged proposal does not validate: %v", is.Errors())
	}
	for _, i := range partners {
		got, _ := merged.Answers.Get("ats.membri[" + strconv.Itoa(i) + "]." + partner.Declared).([]any)
		for _, f := range decl {
			if !slices.Contains(got, any(f.Path())) {
				t.Errorf("member %d's declarations are %v, without %s", i, got, f.Path())
			}
		}
	}
	lead.toSignPage()
	if _, size := lead.makePDF(); size <= 0 {
		t.Error("no PDF")
	}

	// The history shows each merge; restoring the version before the first brings back the
	// phones from before.
	events, err := draft.Events(merged)
	if err != nil {
		t.Fatal(err)
	}
	first, merges := -1, 0
	for n, e := range events {
		if e.Kind == draft.EventMerge {
			merges++
			if first < 0 {
				first = n
			}
		}
	}
	if merges != len(partners) {
		t.Fatalf("the history records %d merges, want %d", merges, len(partners))
	}
	lead.navigateInApp(ui.PathHistory)
	lead.waitFor(`!!document.getElementById("history-events")`, 20*time.Second)
	shown := lead.text("history-events")
	for _, f := range returned {
		if !strings.Contains(shown, filepath.Base(f)) {
			t.Errorf("the history does not show the merge of %s:\n%s", filepath.Base(f), shown)
		}
	}
	lead.press("#history-restore-" + strconv.Itoa(first))
	lead.waitFor(`!!document.getElementById("history-message")`, 20*time.Second)
	lead.waitFor(`/salvata/i.test(document.getElementById("save-status").innerText)`, 10*time.Second)
	lead.navigateInApp("/sezione/ats")
	// members past the second come in the next batch (app/ui/batches.go)
	lead.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID("ats.membri[2].telefono"))+`)`, 10*time.Second)
	if got := lead.value("ats.membri[1].telefono"); got != oldPhones[1] {
		t.Errorf("after the restore the first partner's phone is %q, want %q", got, oldPhones[1])
	}
	if got := lead.value("ats.membri[2].telefono"); got != ourPhone2 {
		t.Errorf("after the restore the second partner's phone is %q, want the capofila's %q", got, ourPhone2)
	}
}

// downloadedNames are the files matching pattern in the tab's downloads folder.
func (b *tab) downloadedNames(pattern string) []string {
	files, _ := filepath.Glob(filepath.Join(b.download, pattern))
	return files
}

// newDownload waits for a file matching pattern that was not among before, complete, and
// returns its bytes and its name. Unlike downloaded it does not assume the new file sorts last.
func (b *tab) newDownload(pattern string, before []string, wait time.Duration) ([]byte, string) {
	b.t.Helper()
	for end := time.Now().Add(wait); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		for _, f := range b.downloadedNames(pattern) {
			if slices.Contains(before, f) {
				continue
			}
			time.Sleep(200 * time.Millisecond) // Chromium renames the file into place when complete
			if data, err := os.ReadFile(f); err == nil && len(data) > 0 {
				return data, filepath.Base(f)
			}
		}
	}
	b.t.Fatalf("no new %s in the downloads folder", pattern)
	return nil, ""
}
