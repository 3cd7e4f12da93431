package draft

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"time"

	"bando/schema"
)

// The draft's history: every import, merge of a partner sheet, migration to a new call version
// and restore is an Event, kept in the draft file (so it travels with the proposal) with the
// answers as they were just before it, which "restore this version" brings back. Nothing a
// merge or a restore replaces is lost while its event keeps its answers.
//
// The history is bounded, so that a draft that records many merges stays a file the app can
// open: at most MaxHistory events (the oldest go first), and the answers they keep together
// at most half of what a draft may hold, in bytes and in values (shape.go), less what the
// draft's own answers take. Past that, the oldest events lose their answers first, and say so
// (Event.Dropped): the record of what happened stays.

// Kinds of event.
const (
	EventImport    = "import"    // the draft came from a file
	EventMerge     = "merge"     // a partner sheet was merged
	EventMigration = "migration" // the draft was brought to a newer version of its call
	EventRestore   = "restore"   // an earlier version was restored
)

// MaxHistory bounds the events of a draft's history.
const MaxHistory = 50

// Event is one entry of a draft's history.
type Event struct {
	At   time.Time `json:"at"`
	Kind string    `json:"kind"`
	// From says where the change came from: a file's name, a partner sheet's member, the
	// call version migrated from, the time of the version restored.
	From string `json:"from,omitempty"`
	// Fields are the answer paths the event changed ("ats.membri[2].cf").
	Fields []string `json:"fields,omitempty"`
	// Before are the answers just before the event, under call version CallVersion, as JSON:
	// what "restore this version" brings back. Kept as written (never decoded until restored)
	// so that carrying a history costs the app nothing but its bytes. Empty for an import.
	Before      json.RawMessage `json:"before,omitempty"`
	CallVersion int             `json:"callVersion,omitempty"`
	// Dropped: Before was dropped to keep the history within its bounds.
	Dropped bool `json:"dropped,omitempty"`
}

// Snapshot is answers as an Event keeps them.
func Snapshot(a schema.Answers) json.RawMessage {
	b, err := json.Marshal(a)
	if err != nil {
		return nil
	}
	return b
}

// MigrationEvent is the event of opening a draft of an older call version (draft.Open): before
// are the answers as they were, rep what Open reported. The app shows the report when it
// migrates; the tools that write a draft back (bando partner merge) record it.
func MigrationEvent(before schema.Answers, rep *schema.MigrationReport, now time.Time) Event {
	var fields []string
	for _, m := range rep.Moved {
		fields = append(fields, m.To)
	}
	for _, a := range rep.SetAside {
		fields = append(fields, a.Path)
	}
	return Event{At: now, Kind: EventMigration, From: "v" + strconv.Itoa(rep.From), Fields: fields, Before: Snapshot(before), CallVersion: rep.From}
}

// Events reads d's history. The browser never does on an applicant's visit: it keeps the
// history as the JSON it is (Draft.History), so carrying it costs the first download nothing.
func Events(d *Draft) ([]Event, error) {
	if len(d.History) == 0 || string(d.History) == "null" {
		return nil, nil
	}
	var h []Event
	if err := json.Unmarshal(d.History, &h); err != nil {
		return nil, errf("history.unreadable", err, "La cronologia della bozza non è leggibile: il file è stato modificato a mano o è danneggiato.", "The draft's history cannot be read: the file was edited by hand or is damaged.")
	}
	return h, nil
}

// AddEvent appends e to d's history and trims the history to its bounds: at most MaxHistory
// events; the answers they keep, newest first, within half of what a draft may hold (bytes
// and values, see shape.go) less what d's own answers take. A history that cannot be read is
// not thrown away: AddEvent refuses.
//
// Several events are best added at once: the history is read and written once per call.
func AddEvent(d *Draft, e ...Event) error {
	h, err := Events(d)
	if err != nil {
		return err
	}
	h = append(h, e...)
	if n := len(h) - MaxHistory; n > 0 {
		h = h[n:]
	}
	own := Snapshot(d.Answers)
	bytes, values := MaxSize/2-len(own), MaxValues/2-measureShape(own, draftLimits).values
	for i := len(h) - 1; i >= 0; i-- {
		if h[i].Before == nil {
			continue
		}
		bytes -= len(h[i].Before)
		values -= measureShape(h[i].Before, draftLimits).values
		if bytes < 0 || values < 0 {
			h[i].Before, h[i].Dropped = nil, true
		}
	}
	b, err := json.Marshal(h)
	if err != nil {
		return err
	}
	d.History = b
	return nil
}

// Restore brings back the answers as they were before event i of d's history, migrated to
// call c's version, and records the restore (with the answers it replaces, so a restore can
// itself be undone). Item ids are assigned as Open does.
func Restore(d *Draft, c *schema.Call, i int, now time.Time) error {
	h, err := Events(d)
	if err != nil {
		return err
	}
	if i < 0 || i >= len(h) {
		return errf("history.unknown", nil, "Questa versione non è nella cronologia della bozza.", "This version is not in the draft's history.")
	}
	e := h[i]
	if e.Before == nil {
		return errf("history.dropped", nil, "Le risposte di questa versione non sono più conservate: la cronologia tiene solo le più recenti.", "The answers of this version are no longer kept: the history keeps only the most recent ones.")
	}
	from := e.CallVersion
	if from == 0 {
		from = d.CallVersion
	}
	before, err := schema.DecodeAnswers(e.Before)
	if err != nil {
		return errf("history.unreadable", err, "Le risposte di questa versione non sono leggibili: il file è stato modificato a mano o è danneggiato.", "The answers of this version cannot be read: the file was edited by hand or is damaged.")
	}
	answers, _, err := c.Migrate(before, from)
	if err != nil {
		return errf("history.migrate", err, "Non riesco a portare questa versione alla versione %d del bando: %v", "Cannot bring this version to version %d of the call: %v", c.Version, err)
	}
	c.AssignItemIDs(answers)
	if err := AddEvent(d, Event{At: now, Kind: EventRestore, From: e.At.Format(time.RFC3339), Fields: changedPaths(d.Answers, answers),
		Before: Snapshot(d.Answers), CallVersion: d.CallVersion}); err != nil {
		return err
	}
	d.Answers = answers
	d.Edited()
	return nil
}

// changedPaths lists the answer paths where a and b differ, down to the fields of group items.
func changedPaths(a, b schema.Answers) []string {
	var out []string
	diffInto(&out, "", map[string]any(a), map[string]any(b))
	return out
}

func diffInto(out *[]string, at string, a, b any) {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if aok && bok {
		keys := map[string]bool{}
		for k := range am {
			keys[k] = true
		}
		for k := range bm {
			keys[k] = true
		}
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			p := k
			if at != "" {
				p = at + "." + k
			}
			diffInto(out, p, am[k], bm[k])
		}
		return
	}
	al, aok := a.([]any)
	bl, bok := b.([]any)
	if aok && bok && len(al) == len(bl) && isItems(al) && isItems(bl) {
		for i := range al {
			diffInto(out, at+"["+strconv.Itoa(i)+"]", al[i], bl[i])
		}
		return
	}
	if !SameValue(a, b) {
		*out = append(*out, at)
	}
}

// isItems reports whether a list holds a group's items (objects), not a multichoice's values.
func isItems(l []any) bool {
	for _, v := range l {
		if _, ok := v.(map[string]any); !ok {
			return false
		}
	}
	return len(l) > 0
}

// SameValue reports whether two answers are the same: numbers by value whatever their Go type
// (a file read back gives int64 where the form gave float64), lists and objects element by
// element.
func SameValue(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case []string:
		l := make([]any, len(x))
		for i, v := range x {
			l[i] = v
		}
		return SameValue(l, b)
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !SameValue(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if ys, isStrings := b.([]string); isStrings {
			return SameValue(ys, x)
		}
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !SameValue(x[i], y[i]) {
				return false
			}
		}
		return true
	}
	if fa, ok := number(a); ok {
		fb, ok := number(b)
		return ok && fa == fb
	}
	return a == b
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}
