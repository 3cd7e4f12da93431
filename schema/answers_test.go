package schema

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestAnswersPaths(t *testing.T) {
	a := Answers{}
	steps := []struct {
		name string
		do   func() error
	}{
		{"set creates section", func() error { return a.Set("ats.stato", "costituenda") }},
		{"append item", func() error { return a.Set("ats.membri[0].denominazione", "Alfa") }},
		{"add item", func() error { _, err := a.AddItem("ats.membri"); return err }},
		{"set in new item", func() error { return a.Set("ats.membri[1].denominazione", "Beta") }},
		{"add third", func() error { _, err := a.AddItem("ats.membri"); return err }},
		{"name third", func() error { return a.Set("ats.membri[2].denominazione", "Gamma") }},
		{"move last first", func() error { return a.MoveItem("ats.membri", 2, 0) }},
		{"remove middle", func() error { return a.RemoveItem("ats.membri", 1) }},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
	}
	var names []string
	for _, it := range a.Items("ats.membri") {
		names = append(names, it.(map[string]any)["denominazione"].(string))
	}
	if !reflect.DeepEqual(names, []string{"Gamma", "Beta"}) {
		t.Fatalf("items: %v", names)
	}
	if a.Get("ats.membri[1].denominazione") != "Beta" || a.Get("ats.membri[5].x") != nil || a.Get("nope") != nil {
		t.Fatal("Get")
	}
	if err := a.Set("ats.membri[9].x", 1); err == nil {
		t.Fatal("want an error for an index past the end")
	}
	if err := a.Set("ats.membri[0].denominazione", nil); err != nil || a.Get("ats.membri[0].denominazione") != nil {
		t.Fatal("nil removes")
	}
	c := a.Clone()
	c.Set("ats.stato", "costituita")
	if a.Get("ats.stato") != "costituenda" {
		t.Fatal("Clone shares state")
	}
}

func TestDecodeAnswersKeepsCentsExact(t *testing.T) {
	a, err := DecodeAnswers([]byte(`{"b":{"x":246400000,"y":1.5,"z":9007199254740993}}`))
	if err != nil {
		t.Fatal(err)
	}
	if a.Get("b.x") != int64(246400000) || a.Get("b.y") != 1.5 || a.Get("b.z") != int64(9007199254740993) {
		t.Fatalf("%#v", a)
	}
}

func FuzzDecodeAnswers(f *testing.F) {
	f.Add([]byte(`{"ats":{"stato":"costituenda","membri":[{"cf":"00743110157","capofila":true}]}}`))
	f.Add([]byte(`{"a":1e999}`))
	f.Add([]byte(`null`))
	c, err := Shipped(DefaultCallID)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := DecodeAnswers(data)
		if err != nil {
			return
		}
		// Any answers, however wrong, validate without panicking and round-trip as JSON.
		_ = c.Validate(a, IT)
		if _, err := json.Marshal(a); err != nil {
			t.Fatal(err)
		}
	})
}
