package pec

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"bando/schema"
)

var base64Std = base64.StdEncoding

func TestDeadline(t *testing.T) {
	tests := []struct {
		name string
		s    schema.Submission
		want string
	}{
		{"no hour: end of day, winter", schema.Submission{Deadline: "2024-03-04"}, "2024-03-04T22:59:59Z"},
		{"no hour: end of day, summer", schema.Submission{Deadline: "2024-07-31", Timezone: "Europe/Rome"}, "2024-07-31T21:59:59Z"},
		{"hour given", schema.Submission{Deadline: "2024-03-04", Time: "12:00"}, "2024-03-04T11:00:00Z"},
		{"hour with seconds", schema.Submission{Deadline: "2024-10-27", Time: "13:30:15"}, "2024-10-27T12:30:15Z"},
		{"another zone", schema.Submission{Deadline: "2024-03-04", Timezone: "UTC"}, "2024-03-04T23:59:59Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			at, err := Deadline(tc.s)
			if err != nil {
				t.Fatal(err)
			}
			if got := at.UTC().Format(time.RFC3339); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	for _, bad := range []schema.Submission{{Deadline: "4/3/2024"}, {Deadline: "2024-03-04", Time: "mezzogiorno"}, {Deadline: "2024-03-04", Timezone: "Mars/Olympus"}} {
		if _, err := Deadline(bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

func TestCheckDeadline(t *testing.T) {
	s := schema.Submission{Deadline: "2024-03-04", Timezone: "Europe/Rome"}
	tests := []struct {
		name           string
		now            time.Time
		passed, urgent bool
		it             string
	}{
		{"days left", time.Date(2024, 3, 1, 17, 0, 0, 0, time.UTC), false, false, "Scadenza: 4 marzo 2024 alle 23:59, ora italiana. Mancano 3 giorni e 5 ore."},
		{"hours left", time.Date(2024, 3, 4, 20, 30, 0, 0, time.UTC), false, true, "Mancano 2 ore e 29 minuti. Invia subito"},
		{"the last second counts", time.Date(2024, 3, 4, 22, 59, 59, 0, time.UTC), false, true, "Mancano 0 ore e 0 minuti"},
		{"one second late", time.Date(2024, 3, 4, 23, 0, 0, 0, time.UTC), true, false, "è passata"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, err := CheckDeadline(s, tc.now)
			if err != nil {
				t.Fatal(err)
			}
			if st.Passed != tc.passed || st.Urgent != tc.urgent || !strings.Contains(st.Message.IT, tc.it) || st.Message.EN == "" {
				t.Errorf("passed %v urgent %v %q", st.Passed, st.Urgent, st.Message.IT)
			}
		})
	}
}

func TestCheckSize(t *testing.T) {
	tests := []struct {
		name string
		n    int64
		want SizeLevel
	}{
		{"small", 2_000_000, SizeOK},
		{"at 20 MB", WarnSize, SizeOK},
		{"over 20 MB", WarnSize + 1, SizeWarn},
		{"at 30 MB", MaxSize, SizeWarn},
		{"over 30 MB", MaxSize + 1, SizeRefuse},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := CheckSize(tc.n)
			if c.Level != tc.want || c.Message.IT == "" || c.Message.EN == "" {
				t.Errorf("%+v", c)
			}
		})
	}
}

// TestSizeAfterEncoding: 22 MB of files make a message over 30 MB once base64 encoded.
func TestSizeAfterEncoding(t *testing.T) {
	m := Message{To: "a@pec.it", Subject: "x", Files: []File{{Name: "big.pdf", Data: make([]byte, 22_000_000)}}}
	if c := CheckSize(m.Size(sentDate)); c.Level != SizeRefuse {
		t.Errorf("22 MB of files: %d bytes encoded, level %s", c.Bytes, c.Level)
	}
}

func TestChecklist(t *testing.T) {
	proposalFixture(t)
	c, a := fixture.call, fixture.draft.Answers
	required := map[string]bool{}
	for _, at := range c.RequiredAttachments(a) {
		if at.Required {
			required[at.ID] = true
		}
	}
	if len(required) == 0 {
		t.Fatal("the example asks for no required attachment")
	}
	var all []File
	for id := range required {
		all = append(all, File{Name: id + ".pdf", For: id})
	}
	tests := []struct {
		name     string
		files    []File
		complete bool
	}{
		{"nothing given", nil, false},
		{"every required attachment", all, true},
		{"one required missing", all[1:], false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, complete := Checklist(c, a, tc.files)
			if complete != tc.complete || len(items) != len(c.RequiredAttachments(a)) {
				t.Errorf("complete %v, %d items", complete, len(items))
			}
			for _, it := range items {
				if it.Done != (!it.Attachment.Required || len(it.Files) > 0) {
					t.Errorf("%s: done %v with files %v", it.Attachment.ID, it.Done, it.Files)
				}
			}
		})
	}
}

func TestNewMessageAndGuide(t *testing.T) {
	m, c := sampleMessage(t)
	if m.To != c.Submission.To || m.Subject != c.Submission.Subject || len(m.Files) != 4 || !strings.HasSuffix(m.Files[0].Name, ".p7m") {
		t.Fatalf("%+v", m)
	}
	for _, f := range m.Files[1:] {
		if !strings.Contains(m.Body, f.Name) {
			t.Errorf("body does not list %s", f.Name)
		}
	}
	st, err := CheckDeadline(c.Submission, time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []schema.Lang{schema.IT, schema.EN} {
		g := Guide(m, st, lang)
		for _, want := range []string{c.Submission.To, c.Submission.Subject, m.Files[0].Name, m.Files[3].Name, "30 MB", st.Message.In(lang)} {
			if !strings.Contains(g, want) {
				t.Errorf("%s guide lacks %q", lang, want)
			}
		}
	}
}
