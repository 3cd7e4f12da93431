package draft

import (
	"errors"
	"os"
	"reflect"
	"testing"

	"bando/schema"
)

func TestOpenMigrates(t *testing.T) {
	data, err := os.ReadFile("../../schema/testdata/toscana-fami-2024.v3.json")
	if err != nil {
		t.Fatal(err)
	}
	v3, err := schema.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(complete)
	d, err := Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	ctx := d.Answers.Get("azioni.contesto")
	rep, err := Open(d, v3)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Changed() || d.CallVersion != 3 || d.Aside["v2:azioni.contesto"] != ctx {
		t.Fatalf("report %+v, aside %v", rep, d.Aside)
	}
	// The aside survives a save and a reload.
	b, _ := Encode(d)
	d2, err := Decode(b)
	if err != nil || d2.Aside["v2:azioni.contesto"] != ctx {
		t.Fatalf("aside lost: %v %v", err, d2.Aside)
	}
	if is := v3.Validate(d2.Answers, schema.IT); len(is) != 0 {
		t.Fatal(is)
	}
}

func TestOpenRefusesOtherCall(t *testing.T) {
	c, _ := schema.Shipped(schema.DefaultCallID)
	d := &Draft{Call: "altro", CallVersion: 1, Answers: schema.Answers{"x": map[string]any{"y": "z"}}}
	var de *Error
	if _, err := Open(d, c); !errors.As(err, &de) || de.Key != "draft.other_call" || d.Answers.Get("x.y") != "z" {
		t.Fatalf("%v", err)
	}
}

// A draft saved before items had ids opens with ids on every item of every group; saving and
// opening it again changes nothing, and its verdicts are those it had without ids.
func TestOpenAssignsItemIDs(t *testing.T) {
	c, err := schema.Shipped(schema.DefaultCallID)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(complete)
	old, err := Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	before := c.Validate(old.Answers.Clone(), schema.IT)
	d, _ := Decode(raw)
	if _, err := Open(d, c); err != nil {
		t.Fatal(err)
	}
	var walk func(path string, v any)
	items := 0
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(path+"."+k, e)
			}
		case []any:
			seen := map[any]bool{}
			for i, e := range x {
				m, ok := e.(map[string]any)
				if !ok {
					continue
				}
				id, _ := m[schema.ItemID].(string)
				if id == "" || seen[id] {
					t.Errorf("%s[%d]: id %q missing or repeated", path, i, id)
				}
				seen[id] = true
				items++
				walk(path, m)
			}
		}
	}
	walk("", map[string]any(d.Answers))
	if items < 3 {
		t.Fatalf("only %d items in the example draft", items)
	}
	if got := c.Validate(d.Answers, schema.IT); !reflect.DeepEqual(got, before) {
		t.Fatalf("ids changed the verdicts:\n%v\nwas\n%v", got, before)
	}
	b, err := Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	d2, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(d2, c); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d2.Answers, d.Answers) {
		t.Fatal("a saved and reopened draft got other ids")
	}
}
