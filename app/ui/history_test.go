package ui

import (
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/schema"
)

// TestHistoryPage: the history lists what happened newest first, with the answers each event
// changed named as the form names them and Rome time; restoring brings the answers from before
// an event back, records the restore with the answers it replaced (so it can be undone), and
// an event whose answers were dropped, or an import, offers no restore.
func TestHistoryPage(t *testing.T) {
	c := testCall(t)
	s := withDraft(t, c, complete(), schema.IT)
	before := complete()
	before["progetto"].(map[string]any)["sintesi"] = "Teatro nei cortili"
	at := time.Date(2024, 2, 20, 9, 30, 0, 0, time.UTC) // 10:30 in Rome
	if err := draft.AddEvent(s.open.d,
		draft.Event{At: at, Kind: draft.EventImport, From: "bozza.bando.json"},
		draft.Event{At: at.Add(time.Hour), Kind: draft.EventMerge, From: "Beta ODV", Fields: []string{"progetto.sintesi"}, Before: draft.Snapshot(before), CallVersion: c.Version},
		draft.Event{At: at.Add(2 * time.Hour), Kind: draft.EventMerge, From: "Gamma", Dropped: true},
	); err != nil {
		t.Fatal(err)
	}
	page := rendered(&historyPage{Lang: schema.IT})
	for _, want := range []string{"Unione della scheda partner", "Origine: Beta ODV", "20/02/2024 11:30, ora italiana", "Risposte cambiate: 1",
		"Importazione da file", "Origine: bozza.bando.json", "non sono più conservate", `id="history-restore-1"`} {
		if !strings.Contains(page, want) {
			t.Errorf("history page lacks %q", want)
		}
	}
	if strings.Contains(page, "history-restore-0") || strings.Contains(page, "history-restore-2") {
		t.Error("a restore is offered for an import or for dropped answers")
	}
	if strings.Index(page, "Origine: Gamma") > strings.Index(page, "Origine: Beta ODV") {
		t.Error("the history is not newest first")
	}

	ver := s.ver
	if err := s.restoreVersion(1); err != nil {
		t.Fatal(err)
	}
	if s.saver.timer != nil {
		s.saver.timer.Stop()
	}
	if got := s.open.answers().Get("progetto.sintesi"); got != "Teatro nei cortili" || s.ver == ver {
		t.Errorf("after restoring: sintesi %v, ver %d→%d", got, ver, s.ver)
	}
	events, err := draft.Events(s.open.d)
	if err != nil || len(events) != 4 || events[3].Kind != draft.EventRestore {
		t.Fatalf("the restore is not recorded: %v %+v", err, events)
	}
	if err := s.restoreVersion(3); err != nil { // the restore undone
		t.Fatal(err)
	}
	if got := s.open.answers().Get("progetto.sintesi"); got != "Teatro nei quartieri" {
		t.Errorf("undoing the restore: sintesi %v", got)
	}
	if err := s.restoreVersion(2); err == nil {
		t.Error("restored an event whose answers were dropped")
	}
}
