package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/partner"
	"bando/schema"
)

// TestBrowserPartnerSheet: on the members step the capofila downloads one member's partner
// sheet (made by the signing worker); it is that member's, named by the one naming scheme,
// holds nothing of the other members, and `bando partner merge` takes it back into the draft.
func TestBrowserPartnerSheet(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "")
	b.importDraft(app.url, famiExample)
	b.open(app.url + "/sezione/ats")
	if n := eval[int](b, `document.querySelectorAll(".item-sheet").length`); n < 2 {
		t.Fatalf("%d sheet buttons on the members step", n)
	}
	if eval[int](b, `document.querySelectorAll(".bando-row .item-sheet").length`) != 0 {
		t.Error("a sheet button outside the partner group")
	}
	before := b.count("*" + partner.Ext)
	b.press(`[data-path="ats.membri[1]"] .item-sheet`)
	b.waitFor(`typeof window.__bandoWorkerReady === "number"`, 2*time.Minute)
	raw := b.downloaded("*"+partner.Ext, before)
	s, err := partner.Decode(raw)
	if err != nil {
		t.Fatalf("the sheet does not read back: %v", err)
	}
	data, _ := os.ReadFile(famiExample)
	d, _ := draft.Decode(data)
	c, _ := schema.Shipped(d.Call)
	if _, err := draft.Open(d, c); err != nil {
		t.Fatal(err)
	}
	items := d.Answers.Items("ats.membri")
	second, first := items[1].(map[string]any), items[0].(map[string]any)
	if s.Member != second[schema.ItemID] || s.Name != second["denominazione"] {
		t.Errorf("the sheet is of %s (%s), want the second member %v", s.Member, s.Name, second["denominazione"])
	}
	if name, _ := first["denominazione"].(string); name != "" && strings.Contains(string(raw), name) {
		t.Errorf("the sheet of %s holds the first member's name %q", s.Name, name)
	}
	dir := t.TempDir()
	draftFile, sheetFile, merged := dir+"/bozza"+draft.Ext, dir+"/scheda"+partner.Ext, dir+"/unita"+draft.Ext
	if err := os.WriteFile(draftFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(sheetFile, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errs, code := cli(t, "partner", "merge", draftFile, sheetFile, "-o", merged); code != 0 {
		t.Errorf("bando partner merge of the browser's sheet: %d\n%s%s", code, out, errs)
	}
}
