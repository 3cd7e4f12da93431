package draft

import (
	"context"
	"errors"
	"strings"
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
