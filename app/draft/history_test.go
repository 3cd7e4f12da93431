package draft

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"bando/schema"
)

// TestHistoryTravelsInTheFile: the history is written with the draft and read back exactly,
// amounts in cents included.
func TestHistoryTravelsInTheFile(t *testing.T) {
	d := readDraftFile(t, complete)
	addEvent(t, d, Event{At: testNow, Kind: EventMerge, From: "scheda.bando-partner.json", Fields: []string{"ats.membri[1].telefono"},
		Before: Snapshot(schema.Answers{"azioni": map[string]any{"linee": []any{map[string]any{"importo": int64(123456789012345)}}}}), CallVersion: 2})
	b, err := Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	h := events(t, got)
	before, err := schema.DecodeAnswers(h[0].Before)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 1 || before.Get("azioni.linee[0].importo") != int64(123456789012345) ||
		h[0].Kind != EventMerge || !h[0].At.Equal(testNow) {
		t.Fatalf("history read back as %+v", h)
	}
}

// TestHistoryBounds: however many events, the history stays within MaxHistory events and its
// answers within half a draft; the oldest lose their answers first, and the draft stays a file
// Decode accepts.
func TestHistoryBounds(t *testing.T) {
	c := fami(t)
	cases := []struct {
		name        string
		members     int
		events      int
		wantEvents  int
		wantDropped bool
	}{
		{"a few merges keep everything", 5, 3, 3, false},
		{"past MaxHistory the oldest go", 2, MaxHistory + 20, MaxHistory, false},
		{"40 members, 40 merges: values bound the answers kept", 40, 40, 40, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := schema.Sample(c, sized(tc.members))
			d := New(c, "test", testNow)
			d.Answers = a
			for i := range tc.events {
				addEvent(t, d, Event{At: testNow.Add(time.Duration(i) * time.Minute), Kind: EventMerge, From: "n" + strings.Repeat("x", i%3), Before: Snapshot(a)})
			}
			h := events(t, d)
			if len(h) != tc.wantEvents {
				t.Fatalf("%d events, want %d", len(h), tc.wantEvents)
			}
			if last := h[len(h)-1]; last.Before == nil || last.Dropped {
				t.Fatal("the newest event lost its answers")
			}
			dropped := false
			for i, e := range h {
				if e.Dropped != (e.Before == nil) {
					t.Fatalf("event %d: dropped %v with answers %v", i, e.Dropped, e.Before != nil)
				}
				if e.Dropped && i > 0 && !h[i-1].Dropped {
					t.Fatalf("event %d lost its answers before an older one", i)
				}
				dropped = dropped || e.Dropped
			}
			if dropped != tc.wantDropped {
				t.Fatalf("dropped %v, want %v", dropped, tc.wantDropped)
			}
			b, err := Encode(d)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Decode(b); err != nil {
				t.Fatalf("the draft with its history cannot be read back (%d bytes): %v", len(b), err)
			}
		})
	}
}

// TestRestore: restoring gives the answers before the event back, is itself recorded with the
// answers it replaced, and a dropped version is refused with a message.
func TestRestore(t *testing.T) {
	c := fami(t)
	d := readDraftFile(t, complete)
	if _, err := Open(d, c); err != nil {
		t.Fatal(err)
	}
	old := d.Answers.Clone()
	addEvent(t, d, Event{At: testNow, Kind: EventMerge, From: "x", Before: Snapshot(old)})
	d.Answers.Items("ats.membri")[0].(map[string]any)["telefono"] = "000"
	edited := d.Answers.Clone()
	if err := Restore(d, c, 0, testNow.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if d.Answers.Get("ats.membri[0].telefono") != old.Get("ats.membri[0].telefono") {
		t.Fatal("not restored")
	}
	e := events(t, d)[1]
	was, _ := schema.DecodeAnswers(e.Before)
	if e.Kind != EventRestore || len(e.Fields) != 1 || e.Fields[0] != "ats.membri[0].telefono" || was.Get("ats.membri[0].telefono") != edited.Get("ats.membri[0].telefono") {
		t.Fatalf("restore recorded as %+v", e)
	}
	h := events(t, d)
	h[0].Before, h[0].Dropped = nil, true
	d.History, _ = json.Marshal(h)
	for i, key := range map[int]string{0: "history.dropped", 7: "history.unknown", -1: "history.unknown"} {
		err := Restore(d, c, i, testNow)
		if e, ok := err.(*Error); !ok || e.Key != key || e.Msg.EN == "" {
			t.Errorf("restore %d: %v, want %s", i, err, key)
		}
	}
}

func addEvent(t *testing.T, d *Draft, e Event) {
	t.Helper()
	if err := AddEvent(d, e); err != nil {
		t.Fatal(err)
	}
}

func events(t *testing.T, d *Draft) []Event {
	t.Helper()
	h, err := Events(d)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestHistoryUnreadable: a history edited into something else is reported, never replaced.
func TestHistoryUnreadable(t *testing.T) {
	d := readDraftFile(t, complete)
	d.History = json.RawMessage(`{"not": "a list"}`)
	err := AddEvent(d, Event{Kind: EventMerge})
	if e, ok := err.(*Error); !ok || e.Key != "history.unreadable" || string(d.History) != `{"not": "a list"}` {
		t.Fatalf("%v; history now %s", err, d.History)
	}
}

func historyOf(e ...Event) json.RawMessage {
	b, _ := json.Marshal(e)
	return b
}

// TestMigrationEvent: a migration is recorded with the answers as they were, which restore
// brings back (migrated again).
func TestMigrationEvent(t *testing.T) {
	c := fami(t)
	d := readDraftFile(t, complete)
	d.CallVersion = 1
	d.Answers.Items("ats.membri")[0].(map[string]any)["runts"] = "A/12345"
	old := d.Answers.Clone()
	rep, err := Open(d, c)
	if err != nil {
		t.Fatal(err)
	}
	addEvent(t, d, MigrationEvent(old, rep, testNow))
	h := events(t, d)
	if len(h) != 1 || h[0].Kind != EventMigration || h[0].From != "v1" || h[0].CallVersion != 1 || len(h[0].Fields) == 0 {
		t.Fatalf("history %+v", h)
	}
	if was, _ := schema.DecodeAnswers(h[0].Before); was.Get("ats.membri[0].runts") != "A/12345" {
		t.Fatal("the answers before the migration are not kept")
	}
	if err := Restore(d, c, 0, testNow); err != nil {
		t.Fatal(err)
	}
	if d.CallVersion != c.Version || d.Answers.Get("ats.membri[0].runts") != nil {
		t.Fatalf("a restored older version must be migrated again: %v", d.Answers.Get("ats.membri[0].runts"))
	}
}
