package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/ui"
)

// TestBrowserHistory: a draft whose history records a partner sheet merged is imported; the
// history page shows the import and the merge, newest first; restoring the answers from
// before the merge brings them back on the form, is recorded at the top of the history, and
// survives a reload. The page passes axe.
func TestBrowserHistory(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "")
	b.acceptDialogs()

	data, err := os.ReadFile(famiExample)
	if err != nil {
		t.Fatal(err)
	}
	d, err := draft.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	before := d.Answers.Clone()
	before["azioni"].(map[string]any)["titolo"] = "Titolo di prima dell'unione"
	if err := draft.AddEvent(d, draft.Event{At: time.Date(2024, 2, 20, 9, 30, 0, 0, time.UTC), Kind: draft.EventMerge, From: "Beta ODV",
		Fields: []string{"azioni.titolo"}, Before: draft.Snapshot(before), CallVersion: d.CallVersion}); err != nil {
		t.Fatal(err)
	}
	raw, err := draft.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "unita.bando.json")
	if err := os.WriteFile(file, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	b.importDraft(app.url, file)

	b.click("history-link")
	b.waitFor(`location.pathname === "`+ui.PathHistory+`" && !!document.getElementById("history-events")`, 20*time.Second)
	kinds := func() string {
		return eval[string](b, `[...document.querySelectorAll("#history-events .history-event")].map(e => e.dataset.kind).join(",")`)
	}
	if got := kinds(); got != "import,merge" {
		t.Fatalf("history %q, want the import then the merge", got)
	}
	if page := b.text("history-events"); !strings.Contains(page, "unita.bando.json") || !strings.Contains(page, "20/02/2024 10:30, ora italiana") {
		t.Errorf("the history does not say where from and when (Rome time): %q", page)
	}
	b.checkAccessible()

	b.press("#history-restore-0")
	b.waitFor(`!!document.getElementById("history-message")`, 20*time.Second)
	if msg := b.text("history-message"); !strings.Contains(msg, "ripristinate") {
		t.Fatalf("restore: %q", msg)
	}
	if got := kinds(); got != "restore,import,merge" {
		t.Errorf("after the restore the history is %q", got)
	}
	b.waitFor(`/salvata/i.test(document.getElementById("save-status").innerText)`, 10*time.Second)
	b.open(app.url + "/sezione/azioni")
	if got := b.value("azioni.titolo"); got != "Titolo di prima dell'unione" {
		t.Errorf("the restored title is %q", got)
	}
	b.open(app.url + ui.PathHistory) // the restore was saved with the draft
	if got := kinds(); got != "restore,import,merge" {
		t.Errorf("after a reload the history is %q", got)
	}
}
