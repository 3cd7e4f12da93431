package draft

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"sort"
	"time"
)

// Record is one draft as a Store keeps it: the draft file's bytes, exactly what export hands
// out, plus what the list of drafts shows without decoding every file.
type Record struct {
	ID      string    `json:"id"`
	Call    string    `json:"call"`
	Name    string    `json:"name"` // the organisation or title the applicant typed, for the list
	SavedAt time.Time `json:"savedAt"`
	Data    string    `json:"data"` // the .bando.json text
	// State and Errors say where the draft stood when saved (Draft.State): the list of drafts
	// shows them without decoding or validating every draft. Empty in records of older apps.
	State  string `json:"state,omitempty"`
	Errors int    `json:"errors,omitempty"`
}

// Store keeps the drafts of this machine. Several proposals may share one computer (an office
// that applies for several associations), so drafts have ids and a list. In the browser it is
// IndexedDB, or localStorage where IndexedDB is missing (store_js.go); tests use Memory.
// Calls may block until the browser answers: never call them on a JavaScript callback.
type Store interface {
	Put(ctx context.Context, r Record) error
	// PutIfUnchanged writes r unless the stored draft with its id was saved after base (by
	// another tab: base is the SavedAt of the version this tab last opened or wrote). Then
	// nothing is written, and it returns that stored version and conflict. The read and the
	// write are one atomic step: two tabs that write the same draft at the same moment cannot
	// both pass the check (IndexedDB: one readwrite transaction; localStorage: the same
	// JavaScript turn; Memory: its mutex). A draft not stored yet is simply written.
	PutIfUnchanged(ctx context.Context, r Record, base time.Time) (cur Record, conflict bool, err error)
	// Get returns ErrNotFound when there is no draft with that id.
	Get(ctx context.Context, id string) (Record, error)
	// List returns every draft, most recently saved first.
	List(ctx context.Context) ([]Record, error)
	Delete(ctx context.Context, id string) error
}

// SyncPutter is a Store that can also write at once, before returning, for a page that is
// being hidden or closed (pagehide): a write that waits for a callback may never finish then.
type SyncPutter interface {
	PutSync(r Record) error
}

// ErrNotFound is the error of Get for an unknown id.
var ErrNotFound = errors.New("draft not found")

// NewRecord encodes d as the record id, named name.
func NewRecord(id string, d *Draft, name string) (Record, error) {
	b, err := Encode(d)
	if err != nil {
		return Record{}, err
	}
	return Record{ID: id, Call: d.Call, Name: name, SavedAt: d.SavedAt, Data: string(b)}, nil
}

// Draft decodes the record's file with the same checks as an imported file: storage written
// by an older or newer app, or damaged, gets the same clear message.
func (r Record) Draft() (*Draft, error) { return Decode([]byte(r.Data)) }

// NewID returns a fresh draft id: the creation time, so ids sort by age, and random bits, so
// two tabs that start a draft in the same millisecond do not collide.
func NewID(now time.Time) string {
	var b [6]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return now.UTC().Format("20060102T150405.000Z") + "-" + hex.EncodeToString(b[:])
}

// changedSince reports whether the stored version cur (found says there is one) was saved
// after base, so that writing over it would lose another tab's work: the check of
// PutIfUnchanged, the same for every Store.
func changedSince(cur Record, found bool, base time.Time) bool {
	return found && cur.SavedAt.After(base)
}

// SortRecent orders records most recently saved first. Browsers give the time to the
// millisecond, so a draft saved as another is started can tie with it: ties go to the draft
// started last (ids begin with their creation time), and the list is stable.
func SortRecent(rs []Record) {
	sort.Slice(rs, func(i, j int) bool {
		if !rs[i].SavedAt.Equal(rs[j].SavedAt) {
			return rs[i].SavedAt.After(rs[j].SavedAt)
		}
		return rs[i].ID > rs[j].ID
	})
}

// Newer returns the record saved later; a tie keeps a. A copy written in haste when the page
// was closing may be newer than the last regular save, or older than one that finished later.
func Newer(a, b Record) Record {
	if b.SavedAt.After(a.SavedAt) {
		return b
	}
	return a
}
