package draft

import (
	"errors"
	"os"
	"testing"

	"bando/schema"
)

func TestOpenMigrates(t *testing.T) {
	data, err := os.ReadFile("../../schema/testdata/toscana-fami-2024.v3.json")
	if err != nil {
		t.Fatal(err)
	}
	v2, err := schema.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(complete)
	d, err := Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	ctx := d.Answers.Get("azioni.contesto")
	rep, err := Open(d, v2)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Changed() || d.CallVersion != 2 || d.Aside["v1:azioni.contesto"] != ctx {
		t.Fatalf("report %+v, aside %v", rep, d.Aside)
	}
	// The aside survives a save and a reload.
	b, _ := Encode(d)
	d2, err := Decode(b)
	if err != nil || d2.Aside["v1:azioni.contesto"] != ctx {
		t.Fatalf("aside lost: %v %v", err, d2.Aside)
	}
	if is := v2.Validate(d2.Answers, schema.IT); len(is) != 0 {
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
