package draft

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"bando/schema"
)

func TestMemoryStore(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2024, 2, 20, 9, 0, 0, 0, time.UTC)
	rec := func(id string, saved time.Time, name string) Record {
		d := &Draft{Format: Format, FormatVersion: FormatVersion, Call: "mini", CallVersion: 1,
			CreatedAt: t0, SavedAt: saved, Answers: schema.Answers{"s": map[string]any{"nome": name}}}
		r, err := NewRecord(id, d, name)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	tests := []struct {
		name string
		do   func(t *testing.T, m *Memory)
	}{
		{"get of an unknown id is ErrNotFound", func(t *testing.T, m *Memory) {
			if _, err := m.Get(ctx, "nope"); !errors.Is(err, ErrNotFound) {
				t.Fatalf("err = %v, want ErrNotFound", err)
			}
		}},
		{"put then get gives the same draft back", func(t *testing.T, m *Memory) {
			if err := m.Put(ctx, rec("a", t0, "Alfa APS")); err != nil {
				t.Fatal(err)
			}
			r, err := m.Get(ctx, "a")
			if err != nil {
				t.Fatal(err)
			}
			d, err := r.Draft()
			if err != nil {
				t.Fatal(err)
			}
			if got := d.Answers.Get("s.nome"); got != "Alfa APS" || r.Call != "mini" || r.Name != "Alfa APS" {
				t.Fatalf("got %v / %+v", got, r)
			}
		}},
		{"list is most recent first", func(t *testing.T, m *Memory) {
			_ = m.Put(ctx, rec("old", t0, "A"))
			_ = m.Put(ctx, rec("new", t0.Add(time.Hour), "B"))
			_ = m.PutSync(rec("mid", t0.Add(time.Minute), "C"))
			if got := listed(t, m); got != "new,mid,old" {
				t.Fatalf("order %s", got)
			}
		}},
		{"a tie goes to the draft started last", func(t *testing.T, m *Memory) {
			_ = m.Put(ctx, rec(NewID(t0), t0.Add(time.Hour), "first"))
			_ = m.Put(ctx, rec(NewID(t0.Add(time.Minute)), t0.Add(time.Hour), "second"))
			if rs, _ := m.List(ctx); rs[0].Name != "second" {
				t.Fatalf("%s listed first", rs[0].Name)
			}
		}},
		{"delete removes only that draft", func(t *testing.T, m *Memory) {
			_ = m.Put(ctx, rec("a", t0, "A"))
			_ = m.Put(ctx, rec("b", t0, "B"))
			_ = m.Delete(ctx, "a")
			rs, _ := m.List(ctx)
			if len(rs) != 1 || rs[0].ID != "b" {
				t.Fatalf("left %+v", rs)
			}
		}},
		{"a cancelled context stops a call", func(t *testing.T, m *Memory) {
			c, cancel := context.WithCancel(ctx)
			cancel()
			if err := m.Put(c, rec("a", t0, "A")); !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.do(t, NewMemory()) })
	}
}

func listed(t *testing.T, s Store) string {
	t.Helper()
	rs, err := s.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, ",")
}

func TestNewer(t *testing.T) {
	t0 := time.Date(2024, 2, 20, 9, 0, 0, 0, time.UTC)
	a := Record{ID: "x", Name: "a", SavedAt: t0}
	tests := []struct {
		name string
		b    Record
		want string
	}{
		{"later rescue copy wins", Record{ID: "x", Name: "b", SavedAt: t0.Add(time.Second)}, "b"},
		{"older rescue copy loses", Record{ID: "x", Name: "b", SavedAt: t0.Add(-time.Second)}, "a"},
		{"a tie keeps the regular copy", Record{ID: "x", Name: "b", SavedAt: t0}, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Newer(a, tt.b).Name; got != tt.want {
				t.Fatalf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestNewIDSortsByTimeAndIsUnique(t *testing.T) {
	t0 := time.Date(2024, 2, 20, 9, 0, 0, 0, time.UTC)
	a, b := NewID(t0), NewID(t0)
	if a == b {
		t.Fatalf("two ids in the same instant collide: %s", a)
	}
	if c := NewID(t0.Add(time.Millisecond)); !(c > a && c > b) {
		t.Fatalf("later id %s does not sort after %s", c, a)
	}
}

// storeContract checks what every Store promises about PutIfUnchanged, the check that keeps
// two tabs from overwriting each other's work. Memory runs it here; the browser's store in
// localStorage mode runs it under GOOS=js (store_js_test.go).
func storeContract(t *testing.T, open func(t *testing.T) Store) {
	ctx := context.Background()
	t0 := time.Date(2024, 2, 20, 9, 0, 0, 0, time.UTC)
	rec := func(name string, saved time.Time) Record {
		return Record{ID: "d1", Call: "mini", Name: name, SavedAt: saved, Data: `{"name":"` + name + `"}`}
	}
	tests := []struct {
		name         string
		stored       *Record // what is stored before the write, if anything
		write        Record
		base         time.Time
		wantConflict bool
		wantStored   string // Name of the stored draft after the write
	}{
		{"a draft not stored yet is written", nil, rec("mine", t0.Add(time.Second)), time.Time{}, false, "mine"},
		{"the version this tab opened is overwritten", ptr(rec("opened", t0)), rec("mine", t0.Add(time.Second)), t0, false, "mine"},
		{"an older version is overwritten", ptr(rec("older", t0.Add(-time.Minute))), rec("mine", t0.Add(time.Second)), t0, false, "mine"},
		{"a version saved after base by another tab is kept", ptr(rec("theirs", t0.Add(time.Millisecond))), rec("mine", t0.Add(time.Second)), t0, true, "theirs"},
		{"a tab that never saw the stored version does not overwrite it", ptr(rec("theirs", t0)), rec("mine", t0.Add(time.Second)), time.Time{}, true, "theirs"},
		{"their version newer than mine still wins", ptr(rec("theirs", t0.Add(time.Hour))), rec("mine", t0.Add(time.Second)), t0, true, "theirs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			if tt.stored != nil {
				if err := s.Put(ctx, *tt.stored); err != nil {
					t.Fatal(err)
				}
			}
			cur, conflict, err := s.PutIfUnchanged(ctx, tt.write, tt.base)
			if err != nil {
				t.Fatal(err)
			}
			if conflict != tt.wantConflict {
				t.Fatalf("conflict = %v, want %v", conflict, tt.wantConflict)
			}
			if conflict && (cur.Name != tt.stored.Name || !cur.SavedAt.Equal(tt.stored.SavedAt) || cur.Data != tt.stored.Data) {
				t.Fatalf("the conflict returned %+v, want the stored %+v", cur, *tt.stored)
			}
			got, err := s.Get(ctx, "d1")
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != tt.wantStored {
				t.Fatalf("stored %q, want %q", got.Name, tt.wantStored)
			}
		})
	}
	t.Run("where the draft stands is kept with it", func(t *testing.T) {
		s := open(t)
		r := rec("mine", t0)
		r.State, r.Errors = StateProgress, 22
		if err := s.Put(ctx, r); err != nil {
			t.Fatal(err)
		}
		got, err := s.Get(ctx, "d1")
		if err != nil || got.State != StateProgress || got.Errors != 22 {
			t.Fatalf("stored %+v, %v", got, err)
		}
		if l, err := s.List(ctx); err != nil || len(l) != 1 || l[0].State != StateProgress || l[0].Errors != 22 {
			t.Fatalf("listed %+v, %v", l, err)
		}
	})
	t.Run("two tabs from the same version: the first write wins, the second conflicts", func(t *testing.T) {
		s := open(t)
		_ = s.Put(ctx, rec("opened", t0))
		if _, conflict, err := s.PutIfUnchanged(ctx, rec("tab A", t0.Add(2*time.Second)), t0); conflict || err != nil {
			t.Fatalf("tab A: conflict %v, err %v", conflict, err)
		}
		cur, conflict, err := s.PutIfUnchanged(ctx, rec("tab B", t0.Add(time.Second)), t0)
		if err != nil || !conflict || cur.Name != "tab A" {
			t.Fatalf("tab B: conflict %v with %q, err %v", conflict, cur.Name, err)
		}
		// Tab A goes on from the version it wrote.
		if _, conflict, err := s.PutIfUnchanged(ctx, rec("tab A again", t0.Add(3*time.Second)), t0.Add(2*time.Second)); conflict || err != nil {
			t.Fatalf("tab A again: conflict %v, err %v", conflict, err)
		}
	})
	t.Run("other drafts are not looked at", func(t *testing.T) {
		s := open(t)
		other := rec("other", t0.Add(time.Hour))
		other.ID = "d2"
		_ = s.Put(ctx, other)
		if _, conflict, err := s.PutIfUnchanged(ctx, rec("mine", t0), t0); conflict || err != nil {
			t.Fatalf("conflict %v, err %v", conflict, err)
		}
		if got := listed(t, s); got != "d2,d1" {
			t.Fatalf("listed %s", got)
		}
	})
	t.Run("a cancelled context writes nothing", func(t *testing.T) {
		s := open(t)
		c, cancel := context.WithCancel(ctx)
		cancel()
		if _, _, err := s.PutIfUnchanged(c, rec("mine", t0), time.Time{}); !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v", err)
		}
		if _, err := s.Get(ctx, "d1"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("stored after a cancelled write: %v", err)
		}
	})
}

func ptr[T any](v T) *T { return &v }

func TestMemoryPutIfUnchanged(t *testing.T) {
	storeContract(t, func(*testing.T) Store { return NewMemory() })
}

// TestMemoryPutIfUnchangedIsAtomic: tabs that all opened the same version and write at once;
// exactly one write goes in, every other one is told about it.
func TestMemoryPutIfUnchangedIsAtomic(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2024, 2, 20, 9, 0, 0, 0, time.UTC)
	m := NewMemory()
	_ = m.Put(ctx, Record{ID: "d1", SavedAt: t0, Name: "opened"})
	const tabs = 32
	var wg sync.WaitGroup
	wins := make(chan string, tabs)
	for i := range tabs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := Record{ID: "d1", SavedAt: t0.Add(time.Duration(i+1) * time.Millisecond), Name: fmt.Sprint("tab ", i)}
			_, conflict, err := m.PutIfUnchanged(ctx, r, t0)
			if err != nil {
				t.Error(err)
			}
			if !conflict {
				wins <- r.Name
			}
		}()
	}
	wg.Wait()
	close(wins)
	var won []string
	for w := range wins {
		won = append(won, w)
	}
	if len(won) != 1 {
		t.Fatalf("%d writes went in (%v), want exactly one", len(won), won)
	}
	if got, _ := m.Get(ctx, "d1"); got.Name != won[0] {
		t.Fatalf("stored %q, but %q was told it won", got.Name, won[0])
	}
}
