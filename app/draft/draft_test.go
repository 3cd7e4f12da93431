package draft

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"bando/schema"
)

const complete = "../../schema/calls/examples/toscana-fami-2024.complete.bando.json"

func TestDecodeComplete(t *testing.T) {
	data, err := os.ReadFile(complete)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := schema.Shipped(d.Call)
	if err := CheckCall(d, c); err != nil {
		t.Fatal(err)
	}
	// Encode then Decode gives the same answers.
	b, err := Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	d2, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := Encode(d2)
	if string(b) != string(b2) {
		t.Fatal("encode/decode is not stable")
	}
}

func TestDecodeRefuses(t *testing.T) {
	cases := []struct {
		name, in, key string
	}{
		{"empty", "  ", "draft.empty"},
		{"truncated", `{"format":"bando-draft","formatVersion":1,"call":"x","answers":{"a":`, "draft.syntax"},
		{"a call schema", `{"id":"x","sections":[]}`, "draft.is_call"},
		{"a call schema with its title", `{"format":"bando-call","id":"x","title":{"it":"Bando"},"sections":[]}`, "draft.is_call"},
		{"a title not a text", `{"format":"bando-draft","formatVersion":1,"call":"x","title":{"it":"x"}}`, "draft.title"},
		{"another format", `{"format":"other","formatVersion":1}`, "draft.format"},
		{"newer format", `{"format":"bando-draft","formatVersion":99,"call":"x"}`, "draft.newer"},
		{"no call", `{"format":"bando-draft","formatVersion":1}`, "draft.no_call"},
		{"answers not an object", `{"format":"bando-draft","formatVersion":1,"call":"x","answers":[1]}`, "draft.answers"},
		{"bad date", `{"format":"bando-draft","formatVersion":1,"call":"x","savedAt":"ieri"}`, "draft.syntax"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.in))
			var de *Error
			if !errors.As(err, &de) || de.Key != tc.key {
				t.Fatalf("want %s, got %v", tc.key, err)
			}
			if de.Message(schema.IT) == "" || de.Message(schema.EN) == "" || de.Message(schema.IT) == de.Message(schema.EN) {
				t.Fatalf("messages: %q / %q", de.Message(schema.IT), de.Message(schema.EN))
			}
		})
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	_, err := Decode([]byte("{\n  \"format\": \"bando-draft\",\n  \"call\" \"x\"\n}"))
	if err == nil || !strings.Contains(err.Error(), "riga 3") {
		t.Fatalf("want line 3: %v", err)
	}
}

func TestCheckCall(t *testing.T) {
	c, _ := schema.Shipped(schema.DefaultCallID)
	d := New(c, "test", time.Date(2024, 2, 1, 10, 0, 0, 0, time.UTC))
	if err := CheckCall(d, c); err != nil {
		t.Fatal(err)
	}
	d.Call = "altro-bando"
	var de *Error
	if err := CheckCall(d, c); !errors.As(err, &de) || de.Key != "draft.other_call" {
		t.Fatalf("other call: %v", err)
	}
	d.Call, d.CallVersion = c.ID, c.Version+1
	if err := CheckCall(d, c); !errors.As(err, &de) || de.Key != "draft.call_newer" {
		t.Fatalf("newer call: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	if data, err := os.ReadFile(complete); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"format":"bando-draft","formatVersion":1,"call":"toscana-fami-2024","answers":{}}`))
	for _, data := range hostileCorpus(f) {
		f.Add(data)
	}
	// Issue 11: more members than repeat.max (40), answers the own decoder must read like
	// encoding/json (escapes, invalid UTF-8, huge numbers, a repeated key), "{}]" after them.
	env := `{"format":"bando-draft","formatVersion":1,"call":"toscana-fami-2024","callVersion":1,"answers":`
	f.Add([]byte(env + `{"ats":{"membri":[` + strings.Repeat(`{"cf":"x"},`, 60) + `{}]}}}`))
	f.Add([]byte(env + "{\"ats\":{\"stato\":\"\\u00e8\\ud800\xff\",\"n\":1e999,\"n\":-0,\"m\":9007199254740993}}}"))
	f.Add([]byte(env + `{}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Decode(data)
		if err != nil {
			var de *Error
			if !errors.As(err, &de) || de.Msg.IT == "" {
				t.Fatalf("unclear error: %v", err)
			}
			return
		}
		if _, err := Encode(d); err != nil {
			t.Fatal(err)
		}
	})
}
