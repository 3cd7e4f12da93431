package ui

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

var testTime = time.Date(2024, 2, 20, 9, 0, 0, 0, time.UTC)

var update = flag.Bool("update", false, "rewrite the golden files of rendered HTML in testdata/")

// testCall is a call with every kind of question (testdata/alltypes.json).
func testCall(t *testing.T) *schema.Call {
	t.Helper()
	data, err := os.ReadFile("testdata/alltypes.json")
	if err != nil {
		t.Fatal(err)
	}
	c, err := schema.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// withDraft replaces the tab's session, for one test, by one with a draft of c holding a.
// The session is not started: nothing is saved and no timer runs.
func withDraft(t *testing.T, c *schema.Call, a schema.Answers, lang schema.Lang) *session {
	t.Helper()
	old := sess
	d := draft.New(c, "test", testTime)
	d.Answers = a
	sess = newSession(lang)
	sess.ready = true
	sess.use("test-draft", c, d)
	t.Cleanup(func() { sess = old })
	return sess
}

var (
	startTag = regexp.MustCompile(`<([a-zA-Z0-9]+)((?:\s+[a-zA-Z0-9-]+(?:="[^"]*")?)+)\s*>`)
	attr     = regexp.MustCompile(`\s+[a-zA-Z0-9-]+(?:="[^"]*")?`)
)

// rendered is the HTML of ui with the attributes of every tag sorted: go-app writes them in map
// order.
func rendered(ui app.UI) string {
	return startTag.ReplaceAllStringFunc(app.HTMLString(ui), func(tag string) string {
		m := startTag.FindStringSubmatch(tag)
		attrs := attr.FindAllString(m[2], -1)
		for i := range attrs {
			attrs[i] = strings.TrimSpace(attrs[i])
		}
		sort.Strings(attrs)
		return "<" + m[1] + " " + strings.Join(attrs, " ") + ">"
	})
}

// golden compares got with testdata/name.golden.html, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", name+".golden.html")
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs from the golden file at line %d:\n got %s\nwant %s\n(go test -update rewrites it)", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s: %d lines, golden file %d (go test -update rewrites it)", name, len(gl), len(wl))
	}
}
