package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPurgedStylesheetUpToDate: the stylesheet the pages link is the one the sources make. A
// UI change that uses a Bootstrap Italia class for the first time fails here until the file
// is rewritten — otherwise the class would silently have no style.
func TestPurgedStylesheetUpToDate(t *testing.T) {
	want, err := build("../..")
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile(filepath.Join("../..", purgedCSS))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, want) {
		t.Fatalf("%s is out of date: run `go run ./scripts/purgecss` at the repository's root (make wasm does it) and commit it", purgedCSS)
	}
}

func TestSelectorClasses(t *testing.T) {
	tests := []struct {
		sel  string
		want []string
	}{
		{"body", nil},
		{".btn", []string{"btn"}},
		{".btn-primary:hover", []string{"btn-primary"}},
		{".card .card-body>p", []string{"card", "card-body"}},
		{".btn:not(.disabled)", []string{"btn"}},
		{":is(.a,.b) .c", []string{"c"}},
		{`a[href$=".pdf"]`, nil},
		{`.ratio-16x9`, []string{"ratio-16x9"}},
		{`.\31 0`, []string{"10"}},
		{`.w-50\%`, []string{"w-50%"}},
		{`.g-col-md-\:6`, []string{"g-col-md-:6"}},
		{"input.form-control::placeholder", []string{"form-control"}},
	}
	for _, tt := range tests {
		got := selectorClasses(tt.sel)
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("selectorClasses(%q) = %q, want %q", tt.sel, got, tt.want)
		}
	}
}

func TestPurge(t *testing.T) {
	k := keeper{used: map[string]bool{"btn": true, "alert": true, "spin": true}, prefixes: []string{"alert-"}}
	tests := []struct {
		name, in, want string
	}{
		{"element rules stay", `body{margin:0}`, `body{margin:0}`},
		{"unused class goes", `.video{color:red}`, ``},
		{"list trimmed", `.btn,.video{color:red}body{x:1}`, ".btn{color:red}\nbody{x:1}"},
		{"prefix keeps", `.alert-danger{color:red}`, `.alert-danger{color:red}`},
		{"descendant needs both", `.btn .video{color:red}`, ``},
		{"not() ignored", `.btn:not(.video){color:red}`, `.btn:not(.video){color:red}`},
		{"empty media goes", `@media (min-width:576px){.video{x:1}}`, ``},
		{"media trimmed", `@media (min-width:576px){.video{x:1}.btn{y:2}.alert{z:3}}`, "@media (min-width:576px){.btn{y:2}\n.alert{z:3}}"},
		{"brace in string", `.btn::after{content:"}"}.video{x:1}`, `.btn::after{content:"}"}`},
		{"keyframes named stay", `@keyframes spin{to{x:1}}@keyframes fade{to{x:1}}.btn{animation:spin 1s}`, "@keyframes spin{to{x:1}}\n.btn{animation:spin 1s}"},
		{"font of a dropped rule goes", `@font-face{font-family:VideoJS;src:url(data:font/woff;base64,AA==)}.vjs{font-family:VideoJS}`, ``},
		{"font of a kept rule stays", `@font-face{font-family:Icons;src:url(x.woff2)}.btn{font-family:Icons}`, "@font-face{font-family:Icons;src:url(x.woff2)}\n.btn{font-family:Icons}"},
		{"licence comment kept", "/*! licence */.btn{x:1}", "/*! licence */\n.btn{x:1}"},
		{"comments dropped", `/* a */.btn{x:1}/* b */`, `.btn{x:1}`},
		{"statement kept", `@charset "UTF-8";.video{x:1}`, `@charset "UTF-8";`},
		{"truncated input", `.btn{x:1}.video{`, `.btn{x:1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.TrimSuffix(purge(tt.in, k), "\n")
			if got != tt.want {
				t.Errorf("purge(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestPurgedKeepsWhatTheAppUses: a few classes the pages are built of, with the rules that
// give them their look.
func TestPurgedKeepsWhatTheAppUses(t *testing.T) {
	css, err := os.ReadFile(filepath.Join("../..", purgedCSS))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{".btn-primary", ".form-control", ".alert-danger", ".invalid-feedback", ":root{"} {
		if !bytes.Contains(css, []byte(want)) {
			t.Errorf("the purged stylesheet lost %s", want)
		}
	}
	if bytes.Contains(css, []byte("VideoJS")) {
		t.Error("the purged stylesheet keeps the VideoJS data: font, which the Content-Security-Policy refuses")
	}
}
