package partner

import (
	"os"
	"testing"
	"time"

	"bando/app/draft"
	"bando/schema"
)

const complete = "../../schema/calls/examples/toscana-fami-2024.complete.bando.json"

var (
	exportedAt = time.Date(2024, 2, 20, 9, 0, 0, 0, time.UTC)
	mergedAt   = time.Date(2024, 2, 25, 18, 0, 0, 0, time.UTC)
)

// fami is the shipped FAMI call.
func fami(t testing.TB) *schema.Call {
	t.Helper()
	c, err := schema.Shipped("toscana-fami-2024")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// openComplete is the complete FAMI example, opened (its members have their ids).
func openComplete(t testing.TB, c *schema.Call) *draft.Draft {
	t.Helper()
	data, err := os.ReadFile(complete)
	if err != nil {
		t.Fatal(err)
	}
	d, err := draft.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := draft.Open(d, c); err != nil {
		t.Fatal(err)
	}
	return d
}

// roundTrip encodes and decodes s, as a file sent by e-mail would be.
func roundTrip(t testing.TB, s *Sheet) *Sheet {
	t.Helper()
	b, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// errKey is the key of a *draft.Error, or the error's text.
func errKey(err error) string {
	if e, ok := err.(*draft.Error); ok {
		return e.Key
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// partOf is the call's partner part.
func partOf(t testing.TB, c *schema.Call) *schema.Partner {
	t.Helper()
	p, err := c.PartnerPart()
	if err != nil || p == nil {
		t.Fatalf("no partner part: %v", err)
	}
	return p
}
