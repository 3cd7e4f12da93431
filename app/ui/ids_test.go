package ui

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"bando/schema"
)

func TestFieldID(t *testing.T) {
	tests := []struct{ name, path, want string }{
		{"section field", "budget.note", "f-budget--note"},
		{"item field", "ats.membri[2].cf", "f-ats--membri-2--cf"},
		{"nested group", "a.g[10].sub[0].x", "f-a--g-10--sub-0--x"},
		{"group itself", "ats.membri", "f-ats--membri"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FieldID(tt.path); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestReindexFollowsAnswers checks reindex against the schema's own RemoveItem and MoveItem:
// after each operation the state of every item is still beside that item's answers.
func TestReindexFollowsAnswers(t *testing.T) {
	tests := []struct {
		name string
		op   func(a schema.Answers) error
		idx  func(int) int
	}{
		{"remove first", func(a schema.Answers) error { return a.RemoveItem("s.g", 0) }, afterRemove(0)},
		{"remove middle", func(a schema.Answers) error { return a.RemoveItem("s.g", 2) }, afterRemove(2)},
		{"remove last", func(a schema.Answers) error { return a.RemoveItem("s.g", 4) }, afterRemove(4)},
		{"move down one", func(a schema.Answers) error { return a.MoveItem("s.g", 1, 2) }, afterMove(1, 2)},
		{"move up one", func(a schema.Answers) error { return a.MoveItem("s.g", 3, 2) }, afterMove(3, 2)},
		{"move first to last", func(a schema.Answers) error { return a.MoveItem("s.g", 0, 4) }, afterMove(0, 4)},
		{"move last to first", func(a schema.Answers) error { return a.MoveItem("s.g", 4, 0) }, afterMove(4, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := schema.Answers{}
			state := map[string]string{"s.other": "keep"}
			for i := range 5 {
				name := fmt.Sprintf("item%d", i)
				if err := a.Set(fmt.Sprintf("s.g[%d].n", i), name); err != nil {
					t.Fatal(err)
				}
				state[fmt.Sprintf("s.g[%d].n", i)] = name
				state[fmt.Sprintf("s.g[%d].sub[1].x", i)] = name + "/sub"
			}
			if err := tt.op(a); err != nil {
				t.Fatal(err)
			}
			reindex(state, "s.g", tt.idx)
			if state["s.other"] != "keep" {
				t.Fatalf("state outside the group changed: %v", state)
			}
			for i := range a.Items("s.g") {
				want := a.Get(fmt.Sprintf("s.g[%d].n", i))
				if got := state[fmt.Sprintf("s.g[%d].n", i)]; got != want {
					t.Errorf("item %d: state %q beside answer %q", i, got, want)
				}
				if got := state[fmt.Sprintf("s.g[%d].sub[1].x", i)]; got != fmt.Sprint(want)+"/sub" {
					t.Errorf("item %d nested: state %q", i, got)
				}
			}
			if n := len(a.Items("s.g")); len(state) != 1+2*n {
				t.Errorf("%d items but state keys %v", n, slices.Sorted(maps.Keys(state)))
			}
		})
	}
}

// TestReindexAfterDuplicate: the copy inserted after item 1 starts with no display state, and
// every other item keeps its own.
func TestReindexAfterDuplicate(t *testing.T) {
	a := schema.Answers{}
	state := map[string]string{}
	for i := range 4 {
		name := fmt.Sprintf("item%d", i)
		_ = a.Set(fmt.Sprintf("s.g[%d].n", i), name)
		state[fmt.Sprintf("s.g[%d].n", i)] = name
	}
	at, err := a.DuplicateItem("s.g", 1)
	if err != nil {
		t.Fatal(err)
	}
	reindex(state, "s.g", afterInsert(at))
	for i := range a.Items("s.g") {
		got, ok := state[fmt.Sprintf("s.g[%d].n", i)]
		if i == at {
			if ok {
				t.Errorf("the copy inherited state %q", got)
			}
			continue
		}
		if want := a.Get(fmt.Sprintf("s.g[%d].n", i)); got != want {
			t.Errorf("item %d: state %q beside answer %q", i, got, want)
		}
	}
}
