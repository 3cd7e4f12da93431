package ui

import (
	"errors"
	"strings"
	"testing"

	"bando/app/draft"
	"bando/schema"
)

// TestOpenCallFile: a call file an applicant opens is linted (its problems listed, at most
// maxCallProblems of them, in the applicant's language), may not stand in for a call of the
// site, and once accepted is on the start page, marked as coming from a file, and drafts of it
// open with it.
func TestOpenCallFile(t *testing.T) {
	fami, err := schema.ShippedSource(schema.DefaultCallID)
	if err != nil {
		t.Fatal(err)
	}
	newCall := strings.Replace(string(fami), `"id": "toscana-fami-2024"`, `"id": "comune-prova-2026"`, 1)
	newer := strings.Replace(newCall, `"version": 2,`, `"version": 3,`, 1)
	newer = strings.Replace(newer, `"migrations": [`, `"migrations": [{"version": 3},`, 1)
	typos := strings.Replace(newCall, `"id": "comune-prova-2026",`, `"id": "comune-prova-2026",`+strings.Repeat(`"tipo": 1,`, 50), 1)

	withDraft(t, testCall(t), schema.Answers{}, schema.IT)
	cases := []struct {
		name, text string
		lang       schema.Lang
		want       string // in the message; "" when accepted
		problems   int
	}{
		{"bad JSON", `{"id": `, schema.IT, "il bando non è valido (1 problemi)", 1},
		{"deep nesting", strings.Repeat("[", 5000) + strings.Repeat("]", 5000), schema.IT, "il bando non è valido", 1},
		{"many problems", typos, schema.EN, "the call is not valid (50 problems)", maxCallProblems + 1},
		{"the shipped call again", string(fami), schema.IT, "è già disponibile", 0},
		{"an altered shipped call", strings.Replace(string(fami), `"Codice fiscale`, `"Codice fiscale!`, 1), schema.EN, "cannot be replaced by a file", 0},
		{"a new call", newCall, schema.IT, "", 0},
		{"its newer version", newer, schema.IT, "", 0},
		{"its older version again", newCall, schema.EN, "it is version 2, but this browser has version 3", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sess.lang = tc.lang
			c, err := sess.openCallFile([]byte(tc.text))
			var ce *callFileError
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want == "":
				if sess.origin(c.ID) != originFile || !strings.Contains(string(sess.callSource(c)), `"comune-prova-2026"`) {
					t.Fatalf("not kept as a call from a file")
				}
			case !errors.As(err, &ce) || !strings.Contains(ce.msg, tc.want):
				t.Fatalf("message %v, want %q", err, tc.want)
			case len(ce.problems) != tc.problems:
				t.Fatalf("%d problems listed, want %d: %q", len(ce.problems), tc.problems, ce.problems)
			}
		})
	}
	c, err := sess.lookupCall("comune-prova-2026")
	if err != nil || c.Version != 3 {
		t.Fatalf("lookup: %v", err)
	}
	found := false
	for _, a := range sess.allCalls() {
		found = found || a == c
	}
	if !found {
		t.Fatal("the call from a file is not on the start page")
	}
	// The start page marks it, with its hash.
	sess.lang = schema.IT
	html := rendered((&homePage{Lang: schema.IT}).callCard(c, schema.IT))
	for _, want := range []string{"call-from-file", "Aperto da un file", schema.ShortHash(c.Hash()), c.Hash()} {
		if !strings.Contains(html, want) {
			t.Errorf("the card lacks %q", want)
		}
	}
	// A draft of it opens with it (and would migrate to a newer one, as any call).
	d := draft.New(c, "test", testTime)
	got, _, err := sess.callFor(d)
	if err != nil || got != c {
		t.Fatalf("callFor: %v", err)
	}
	// Its pages carry the banner; a shipped call's do not.
	sess.use("x", c, d)
	if html := rendered(fileCallBanner(c, schema.EN)); !strings.Contains(html, "does not come from") || !strings.Contains(html, c.Hash()) {
		t.Errorf("banner: %s", html)
	}
}

// TestShippedCardShowsHash: every call's card on the start page shows its hash.
func TestShippedCardShowsHash(t *testing.T) {
	withDraft(t, testCall(t), schema.Answers{}, schema.IT)
	c, _ := schema.Shipped(schema.DefaultCallID)
	html := rendered((&homePage{Lang: schema.EN}).callCard(c, schema.EN))
	if !strings.Contains(html, "Call hash:") || !strings.Contains(html, c.Hash()) || strings.Contains(html, "call-from-file") {
		t.Errorf("card: %s", html)
	}
}
