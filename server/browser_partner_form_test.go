package main

import (
	"os"
	"path/filepath"
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

// TestBrowserPartnerForm: a member of an ATS fills its partner sheet in Bando (issue 15, item
// 2). Its first visit is /scheda, online; it opens the sheet the capofila exported and types;
// offline, a reload of /scheda brings the sheet back as it was kept on this device; closed, the
// sheet is in the list, and continues from there; a legal representative's tax code of another
// birth date shows the call's item-level check, beside the field and in the summary; fixed, the
// declarations accepted, the sheet is exported. The exported file reads back with no problem,
// and merged into the capofila's draft it brings exactly the member's changes. axe checks the
// list and the form with its problems.
func TestBrowserPartnerForm(t *testing.T) {
	app := startApp(t, "test")
	c, d, sheet, raw, file := famiPartnerSheet(t)
	t.Logf("the sheet of one FAMI member: %d bytes", len(raw))

	const (
		cf    = "ats.membri[0].rl_cf"
		birth = "ats.membri[0].rl_nascita_data"
	)
	b := newTab(t, "")
	b.open(app.url + ui.PathPartner)
	b.waitFor(`!!document.getElementById("psheet-file")`, time.Minute)
	b.do(chromedp.SetUploadFiles(chromedp.ID("psheet-file"), []string{file}))
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID(cf))+`)`, 30*time.Second)
	if got := b.value("ats.membri[0].denominazione"); got != sheet.Name {
		t.Fatalf("the form shows the member %q, want %q", got, sheet.Name)
	}
	for _, absent := range []string{"#" + ui.FieldID("ats.membri[0].capofila"), "#" + ui.FieldID("ats.stato"),
		".item-remove", ".group-add", "#" + ui.FieldID("dichiarazioni.luogo")} {
		if eval[bool](b, `!!document.querySelector(`+strconv.Quote(absent)+`)`) {
			t.Errorf("the reduced form shows %s", absent)
		}
	}
	b.waitFor(`document.getElementById("psheet-status").innerText.startsWith("Scheda salvata")`, 10*time.Second)
	b.waitFor(builderCached, time.Minute) // the staff program and its pages, for offline use
	b.click("page-title")                 // the page gets the focus, as a partner's first click gives it: inputs then blur
	b.fill(c, "ats.membri[0].telefono", "+39 0574 111222")

	// offline, the reload brings the sheet back as it was kept; closed, it is in the list
	app.srv.Close()
	b.goOffline()
	b.do(chromedp.Navigate(app.url + ui.PathPartner))
	b.waitReady()
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID(cf))+`)`, 30*time.Second)
	if got := b.value("ats.membri[0].telefono"); got != "+39 0574 111222" {
		t.Errorf("after the reload the telephone is %q", got)
	}
	b.press("#psheet-close")
	b.waitFor(`document.querySelectorAll(".psheet-continue").length === 1`, 30*time.Second)
	b.checkAxe("the list of partner sheets")
	if title := eval[string](b, `document.querySelector(".psheet-kept-title").innerText`); !strings.HasPrefix(title, sheet.Name+" — ") {
		t.Errorf("the sheet is listed as %q", title)
	}
	b.press(".psheet-continue")
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID(cf))+`)`, 30*time.Second)
	b.click("page-title")

	// a tax code of 1986 for a representative born in 1985: the call's per-item check
	orig := b.value(cf)
	b.fill(c, cf, strings.Replace(orig, "85", "86", 1)[:15]+cfCheck(strings.Replace(orig, "85", "86", 1)[:15]))
	b.waitFor(`(document.getElementById(`+strconv.Quote(ui.FieldID(birth)+"-err")+`) || {}).innerText?.includes("codice fiscale")`, 10*time.Second)
	b.click("psheet-check")
	b.waitFor(`!!document.querySelector(`+strconv.Quote(`#error-summary a[data-target="`+ui.FieldID(birth)+`"]`)+`)`, 10*time.Second)
	b.checkAxe("a partner sheet with its problems")
	b.fill(c, cf, orig)
	b.waitFor(`!(document.getElementById(`+strconv.Quote(ui.FieldID(birth)+"-err")+`) || {}).innerText`, 10*time.Second)

	p, err := c.PartnerPart()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range p.DeclarationFields() {
		b.fill(c, f.Path(), true)
	}
	b.click("psheet-check")
	b.waitFor(`!!document.getElementById("psheet-done") && !document.getElementById("error-summary")`, 10*time.Second)
	before := b.count("*" + partner.Ext)
	b.click("psheet-export")
	out := b.downloaded("*"+partner.Ext, before)

	t.Logf("the sheet filled in and exported: %d bytes", len(out))
	back, err := partner.Decode(out)
	if err != nil {
		t.Fatalf("the exported sheet does not read back: %v", err)
	}
	if err := partner.Check(back, c); err != nil {
		t.Fatal(err)
	}
	if is := partner.Validate(back, c, schema.IT); len(is) != 0 {
		t.Errorf("the exported sheet has problems: %v", is)
	}
	if !back.SavedAt.After(sheet.SavedAt) {
		t.Errorf("saved at %v, exported at %v", back.SavedAt, sheet.SavedAt)
	}
	m, err := partner.Plan(d, c, back)
	if err != nil {
		t.Fatal(err)
	}
	changed := map[string]any{}
	for _, ch := range m.Changes {
		changed[ch.Path] = ch.Theirs
	}
	if len(changed) != 1+len(p.DeclarationFields()) || changed["ats.membri[1].telefono"] != "+39 0574 111222" || m.Conflicts() != 0 {
		t.Errorf("merged, the sheet changes %v", changed)
	}
	for _, f := range p.DeclarationFields() {
		if changed[f.Path()] != true {
			t.Errorf("the declaration %s is not accepted in the merge: %v", f.Path(), changed[f.Path()])
		}
	}
}

// famiPartnerSheet is the sheet of the second member of the complete FAMI example, as `bando
// partner export --member 2` writes it, with the call, the capofila's draft (open), the file's
// bytes and the file.
func famiPartnerSheet(t *testing.T) (*schema.Call, *draft.Draft, *partner.Sheet, []byte, string) {
	t.Helper()
	data, err := os.ReadFile(famiExample)
	if err != nil {
		t.Fatal(err)
	}
	d, err := draft.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	c, err := schema.Shipped(d.Call)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := draft.Open(d, c); err != nil {
		t.Fatal(err)
	}
	sheet, err := partner.Export(d, c, 1, time.Now().UTC()) // as `bando partner export --member 2`
	if err != nil {
		t.Fatal(err)
	}
	raw, err := partner.Encode(sheet)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), partner.FileName(sheet))
	if err := os.WriteFile(file, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return c, d, sheet, raw, file
}

// TestBrowserPartnerSheetOnStartPage: a sheet given to the start page's import box (which takes
// drafts) is not refused as a broken draft: the tab goes to the page of sheets, which loads the
// staff program and opens it.
func TestBrowserPartnerSheetOnStartPage(t *testing.T) {
	app := startApp(t, "test")
	_, _, sheet, _, file := famiPartnerSheet(t)
	b := newTab(t, "")
	b.open(app.url + ui.PathHome)
	b.do(chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{file}))
	b.waitFor(`location.pathname === `+strconv.Quote(ui.PathPartner)+` && !!document.getElementById(`+strconv.Quote(ui.FieldID("ats.membri[0].cf"))+`)`, time.Minute)
	if got := b.value("ats.membri[0].denominazione"); got != sheet.Name {
		t.Errorf("the page opened the member %q, want %q", got, sheet.Name)
	}
}

// cfCheck is the check character of the first 15 characters of a codice fiscale (DM 23
// dicembre 1976).
func cfCheck(s string) string {
	odd := []int{1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23}
	sum := 0
	for i, r := range s {
		v := 0
		switch {
		case r >= '0' && r <= '9':
			v = int(r - '0')
			if i%2 == 0 {
				v = odd[v]
			}
		default:
			v = int(r - 'A')
			if i%2 == 0 {
				v = odd[v]
			}
		}
		sum += v
	}
	return string(rune('A' + sum%26))
}
