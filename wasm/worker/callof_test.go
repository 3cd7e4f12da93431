package main

import (
	"strings"
	"testing"

	"bando/app/draft"
	"bando/app/job"
	"bando/schema"
)

// TestJobWithCallText: a draft of a call that is not shipped (published by the server, or
// opened from a file) gets its PDF from the call text the page sends, with that call's hash
// in it; a text of another call is refused.
func TestJobWithCallText(t *testing.T) {
	src, err := schema.ShippedSource(schema.DefaultCallID)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(src), `"id": "toscana-fami-2024"`, `"id": "comune-prova-2026"`, 1)
	c, err := schema.Load([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	d := draft.New(c, "test", finalised)
	d.Answers = schema.Sample(c, func(*schema.Field) int { return 1 })
	raw, err := draft.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	w := newWorker()
	none := func(int) ([]byte, error) { return nil, nil }
	res, _ := w.run(job.Request{Op: job.OpDraftPDF, Lang: schema.IT, Draft: raw}, none, func(int, int) {})
	if res.Error == nil {
		t.Fatal("a draft of a call the worker does not have was accepted without its text")
	}
	res, pdf := w.run(job.Request{Op: job.OpDraftPDF, Lang: schema.IT, Draft: raw, Call: []byte(text)}, none, func(int, int) {})
	if res.Error != nil || res.PDF == nil || len(pdf) == 0 {
		t.Fatalf("with the call's text: %+v", res.Error)
	}
	res, _ = w.run(job.Request{Op: job.OpDraftPDF, Lang: schema.IT, Draft: raw, Call: src}, none, func(int, int) {})
	if res.Error == nil || res.Error.Key != "job.call" {
		t.Fatalf("another call's text: %+v", res.Error)
	}
}
