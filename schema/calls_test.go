package schema

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShippedCallsLoad: every call under calls/ loads without a lint problem.
func TestShippedCallsLoad(t *testing.T) {
	ids := ShippedIDs()
	if _, err := Shipped(DefaultCallID); err != nil {
		t.Fatalf("the default call does not load: %v", err)
	}
	if len(ids) == 0 {
		t.Fatal("no shipped calls")
	}
}

// exampleDraft is the part of a .bando.json draft these tests need; package draft owns the format.
type exampleDraft struct {
	Format      string          `json:"format"`
	Call        string          `json:"call"`
	CallVersion int             `json:"callVersion"`
	Answers     json.RawMessage `json:"answers"`
}

func loadExample(t *testing.T, path string) (*Call, Answers) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d exampleDraft
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if d.Format != "bando-draft" {
		t.Fatalf("%s: format %q", path, d.Format)
	}
	c, err := Shipped(d.Call)
	if err != nil {
		t.Fatal(err)
	}
	if d.CallVersion != c.Version {
		t.Fatalf("%s: callVersion %d, call is at %d", path, d.CallVersion, c.Version)
	}
	a, err := DecodeAnswers(d.Answers)
	if err != nil {
		t.Fatal(err)
	}
	return c, a
}

// TestCompleteExamplesValid: every *.complete.bando.json validates with no issue.
func TestCompleteExamplesValid(t *testing.T) {
	files, _ := filepath.Glob("calls/examples/*.complete.bando.json")
	if len(files) == 0 {
		t.Fatal("no complete examples")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			c, a := loadExample(t, f)
			if is := c.Validate(a, IT); len(is) != 0 {
				t.Fatalf("want no issues, got:\n%v", is)
			}
			if s := c.RequiredSigners(a); len(s) == 0 {
				t.Fatal("no required signers")
			}
		})
	}
}

// TestFAMIErrorsExample: the errors example shows the typical mistakes the issue names.
func TestFAMIErrorsExample(t *testing.T) {
	c, a := loadExample(t, "calls/examples/toscana-fami-2024.errors.bando.json")
	is := c.Validate(a, IT)
	keys := map[string]bool{}
	for _, x := range is {
		keys[x.Key] = true
		if x.Message == "" || strings.Contains(x.Message, "{") {
			t.Errorf("bad message for %+v", x)
		}
	}
	for _, want := range []string{"cf.checksum", "check.one_capofila", "check.budget_within_call"} {
		if !keys[want] {
			t.Errorf("errors example: no %s issue; got:\n%v", want, is)
		}
	}
}
