package draft

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"bando/schema"
)

var testNow = time.Date(2024, 3, 3, 22, 45, 0, 0, time.UTC)

// errorsBundle is the bundle of the errors example, with a fixed salt.
func errorsBundle(t testing.TB, include bool) (*Bundle, []byte) {
	t.Helper()
	b, err := NewBundle(fami(t), readDraftFile(t, errorsExample), BundleOptions{
		AppVersion: "1.4.0", Screen: "/sezione/ats", Lang: schema.EN, Now: testNow,
		Browser: Browser{UserAgent: "Mozilla/5.0 (X11; Linux x86_64)\x1b[31m", Language: "it-IT",
			StorageUsage: "1.2 MB", StorageQuota: "300 MB", StoragePersisted: "true"},
		IncludePersonalData: include, Salt: []byte("test"),
	})
	if err != nil {
		t.Fatal(err)
	}
	data, err := EncodeBundle(b)
	if err != nil {
		t.Fatal(err)
	}
	return b, data
}

func TestNewBundle(t *testing.T) {
	b, data := errorsBundle(t, false)
	switch {
	case b.Format != BundleFormat || b.FormatVersion != 1 || b.Call != "toscana-fami-2024" || b.CallVersion != 2:
		t.Fatalf("envelope: %+v", b)
	case b.AppVersion != "1.4.0" || b.Screen != "/sezione/ats" || b.Lang != "en" || !b.CreatedAt.Equal(testNow):
		t.Fatalf("facts: %+v", b)
	case !b.Redacted || b.NotKept != nil:
		t.Fatalf("redaction: redacted=%v notKept=%v", b.Redacted, b.NotKept)
	case len(b.Verdicts) != 22 || b.Verdicts[3].String() != "ats.membri[1].rl_cf: cf.checksum" || b.Verdicts[3].Params["n"] != "16":
		t.Fatalf("verdicts: %+v", b.Verdicts)
	case b.Browser.UserAgent != "Mozilla/5.0 (X11; Linux x86_64) [31m":
		t.Fatalf("control characters must not reach the bundle: %q", b.Browser.UserAgent)
	}
	// The file reads back as it was written.
	back, err := DecodeBundle(data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := EncodeBundle(back)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Fatalf("decode/encode changed the bundle:\n%s\n---\n%s", data, again)
	}
	// The same salt gives the same file: a golden comparison is possible, and the salt is
	// nowhere in it.
	if _, data2 := errorsBundle(t, false); !bytes.Equal(data, data2) {
		t.Fatal("same salt, different bundle")
	}
}

// TestBundleWithPersonalData: only the applicant's explicit choice keeps the answers, and the
// bundle says so.
func TestBundleWithPersonalData(t *testing.T) {
	b, data := errorsBundle(t, true)
	d := readDraftFile(t, errorsExample)
	want, _ := Encode(d)
	got, _ := Encode(b.Draft)
	if b.Redacted || !bytes.Equal(want, got) || !bytes.Contains(data, []byte(`"redacted": false`)) {
		t.Fatalf("redacted=%v; the answers must be the applicant's own", b.Redacted)
	}
}

func TestNewBundleRefuses(t *testing.T) {
	c := fami(t)
	cases := []struct {
		name string
		edit func(*Draft, *BundleOptions)
		key  string
	}{
		{"another call", func(d *Draft, _ *BundleOptions) { d.Call = "altro-bando" }, "draft.other_call"},
		{"a URL as screen", func(_ *Draft, o *BundleOptions) { o.Screen = "https://example.org/" }, "draft.bundle_screen"},
		{"no time", func(_ *Draft, o *BundleOptions) { o.Now = time.Time{} }, "draft.bundle_missing"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := readDraftFile(t, errorsExample)
			o := BundleOptions{Now: testNow, Screen: "/"}
			tc.edit(d, &o)
			_, err := NewBundle(c, d, o)
			var de *Error
			if !errors.As(err, &de) || de.Key != tc.key {
				t.Fatalf("want %s, got %v", tc.key, err)
			}
		})
	}
}

func TestDecodeBundleRefuses(t *testing.T) {
	_, good := errorsBundle(t, false)
	edit := func(old, new string) string {
		t.Helper()
		s := strings.Replace(string(good), old, new, 1)
		if s == string(good) {
			t.Fatalf("%q is not in the bundle", old)
		}
		return s
	}
	draftFile, _ := os.ReadFile(complete)
	const minimal = `{"format":"bando-support","formatVersion":1,"createdAt":"2024-01-01T00:00:00Z","call":"x","lang":"it","verdicts":[]}`
	cases := []struct{ name, in, key string }{
		{"empty", " \n", "draft.bundle_empty"},
		{"too large", strings.Repeat(" ", MaxBundleSize+1), "draft.bundle_too_large"},
		{"truncated", string(good[:len(good)/2]), "draft.bundle_syntax"},
		{"a draft", string(draftFile), "draft.bundle_is_draft"},
		{"a call schema", `{"format":"bando-call","id":"x","sections":[]}`, "draft.bundle_format"},
		{"no format", `{"call":"x"}`, "draft.bundle_format"},
		{"newer format", edit(`"formatVersion": 1,`, `"formatVersion": 2,`), "draft.bundle_newer"},
		{"format version 0", edit(`"formatVersion": 1,`, `"formatVersion": 0,`), "draft.bundle_format"},
		{"unknown field", edit(`"redacted": true,`, `"redacted": true, "password": "x",`), "draft.bundle_unknown_field"},
		{"unknown browser field", edit(`"language": "it-IT",`, `"language": "it-IT", "cookies": "x",`), "draft.bundle_unknown_field"},
		{"data after the end", string(good) + "{}", "draft.bundle_syntax"},
		{"wrong type", edit(`"redacted": true,`, `"redacted": "yes",`), "draft.bundle_syntax"},
		{"no draft", minimal, "draft.bundle_missing"},
		{"draft null", strings.Replace(minimal, `"verdicts"`, `"draft": null, "verdicts"`, 1), "draft.bundle_missing"},
		{"no time", edit(`"createdAt": "2024-03-03T22:45:00Z",`, ``), "draft.bundle_missing"},
		{"no verdicts", strings.Replace(minimal, `"verdicts":[]`, `"draft":{"format":"bando-draft","formatVersion":1,"call":"x"}`, 1), "draft.bundle_missing"},
		{"broken draft inside", edit(`"format": "bando-draft"`, `"format": "bando-bozza"`), "draft.bundle_draft"},
		{"draft of another call", edit(`"call": "toscana-fami-2024",`, `"call": "lazio-2025",`), "draft.bundle_mismatch"},
		{"screen on another site", edit(`"screen": "/sezione/ats"`, `"screen": "//evil.example/x"`), "draft.bundle_screen"},
		{"screen with a scheme", edit(`"screen": "/sezione/ats"`, `"screen": "javascript:alert(1)"`), "draft.bundle_screen"},
		{"screen with a backslash", edit(`"screen": "/sezione/ats"`, `"screen": "/\\\\evil.example"`), "draft.bundle_screen"},
		{"unknown language", edit(`"lang": "en"`, `"lang": "fr"`), "draft.bundle_value"},
		{"control character", edit(`"appVersion": "1.4.0"`, `"appVersion": "1.4.0\u001b[2J"`), "draft.bundle_value"},
		{"verdict without key", edit(`"key": "cf.checksum"`, `"key": ""`), "draft.bundle_value"},
		{"verdict with a bad path", edit(`"path": "ats.membri[1].rl_cf"`, `"path": "ats..x["`), "draft.bundle_value"},
		{"verdict with an unknown severity", edit(`"key": "cf.checksum"`, `"key": "cf.checksum", "severity": "fatal"`), "draft.bundle_value"},
		{"too many verdicts", edit(`"verdicts": [`, `"verdicts": [`+strings.Repeat(`{"path":"","key":"k"},`, MaxVerdicts+1)), "draft.bundle_too_many"},
		{"verdicts at the bound, each of many values", edit(`"verdicts": [`, `"verdicts": [`+strings.Repeat(`[0,0,0,0,0,0,0,0,0,0,0,0,0,0],`, MaxVerdicts-10)), "draft.bundle_too_many"},
		{"a verdict with too many parameters", edit(`"key": "cf.checksum"`, `"key": "cf.checksum", "params": {"1":"","2":"","3":"","4":"","5":"","6":"","7":"","8":"","9":""}`), "draft.bundle_value"},
		{"a draft beyond the bounds inside", edit(`"answers": {`, `"answers": {"x": [`+strings.Repeat("0,", MaxItems)+`0],`), "draft.bundle_draft"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeBundle([]byte(tc.in))
			var de *Error
			if !errors.As(err, &de) || de.Key != tc.key {
				t.Fatalf("want %s, got %v", tc.key, err)
			}
			if it, en := de.Message(schema.IT), de.Message(schema.EN); it == "" || en == "" || it == en {
				t.Fatalf("messages: %q / %q", it, en)
			}
		})
	}
}

func TestCompareVerdicts(t *testing.T) {
	v := func(path, key string, params ...string) Verdict {
		x := Verdict{Path: path, Key: key}
		if len(params) > 0 {
			x.Params = map[string]string{params[0]: params[1]}
		}
		return x
	}
	cases := []struct {
		name        string
		was, now    []Verdict
		gone, added []int
	}{
		{"same", []Verdict{v("a", "required"), v("", "check.x")}, []Verdict{v("a", "required"), v("", "check.x")}, nil, nil},
		{"order does not matter", []Verdict{v("a", "k"), v("b", "k")}, []Verdict{v("b", "k"), v("a", "k")}, nil, nil},
		{"fixed", []Verdict{v("a", "required"), v("b", "required")}, []Verdict{v("b", "required")}, []int{0}, nil},
		{"new", []Verdict{v("b", "required")}, []Verdict{v("a", "required"), v("b", "required")}, nil, []int{0}},
		{"other key", []Verdict{v("a", "cf.length")}, []Verdict{v("a", "cf.checksum")}, []int{0}, []int{0}},
		{"other parameter", []Verdict{v("a", "max.string", "param", "200")}, []Verdict{v("a", "max.string", "param", "100")}, []int{0}, []int{0}},
		{"twice then once", []Verdict{v("a", "k"), v("a", "k")}, []Verdict{v("a", "k")}, []int{1}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gone, added := CompareVerdicts(tc.was, tc.now)
			if !slices.Equal(gone, tc.gone) || !slices.Equal(added, tc.added) {
				t.Fatalf("gone %v, added %v; want %v, %v", gone, added, tc.gone, tc.added)
			}
		})
	}
}

func FuzzDecodeBundle(f *testing.F) {
	_, good := errorsBundle(f, false)
	f.Add(good)
	f.Add([]byte(`{"format":"bando-support","formatVersion":1,"createdAt":"2024-01-01T00:00:00Z","call":"x","lang":"it","verdicts":[],"draft":{"format":"bando-draft","formatVersion":1,"call":"x","answers":{}}}`))
	f.Add([]byte(`{"format":"bando-support","formatVersion":1,"screen":"//x"}`))
	f.Add([]byte(`{"format":"bando-draft"}`))
	for _, data := range hostileCorpus(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := DecodeBundle(data)
		if err != nil {
			var de *Error
			if !errors.As(err, &de) || !strings.HasPrefix(de.Key, "draft.bundle_") || de.Msg.IT == "" || de.Msg.EN == "" {
				t.Fatalf("unclear error: %#v", err)
			}
			return
		}
		out, err := EncodeBundle(b)
		if err != nil {
			t.Fatalf("a bundle that was read cannot be written: %v", err)
		}
		back, err := DecodeBundle(out)
		if err != nil {
			t.Fatalf("a bundle written from a read one cannot be read: %v\n%s", err, out)
		}
		again, _ := EncodeBundle(back)
		if !bytes.Equal(out, again) {
			t.Fatalf("not stable:\n%s\n---\n%s", out, again)
		}
	})
}

// TestVerdictsKeepSeverity: a bundle records which problems were warnings, and reads them back.
func TestVerdictsKeepSeverity(t *testing.T) {
	is := schema.Issues{
		{Path: "ats.membri[1].cf", Key: "unique", Params: map[string]string{"n": "1"}},
		{Path: "ats.membri[1].rl_cf", Key: "unique", Severity: schema.SeverityWarning},
	}
	vs := Verdicts(is)
	if vs[0].Severity != "" || vs[1].Severity != schema.SeverityWarning {
		t.Fatalf("verdicts %+v", vs)
	}
	_, good := errorsBundle(t, false)
	s := strings.Replace(string(good), `"key": "cf.checksum"`, `"key": "cf.checksum", "severity": "warning"`, 1)
	b, err := DecodeBundle([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	if b.Verdicts[3].Severity != schema.SeverityWarning {
		t.Fatalf("read back %+v", b.Verdicts[3])
	}
	asError := vs[1]
	asError.Severity = ""
	if gone, added := CompareVerdicts([]Verdict{asError}, vs[1:]); len(gone) != 1 || len(added) != 1 {
		t.Fatalf("an error and a warning compare equal: %v %v", gone, added)
	}
}
