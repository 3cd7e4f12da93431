package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileWeb is a web folder with what must never be served nor copied beside what must:
// hidden files and folders, links to files and folders outside it, a link inside it.
func hostileWeb(t *testing.T) (web, secret string) {
	t.Helper()
	web, _ = testWebDir(t)
	outside := t.TempDir()
	secret = "SEGRETO-" + filepath.Base(outside)
	write := func(dir, name, content string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(web, name)); err != nil {
			t.Fatal(err)
		}
	}
	write(outside, "passwd", secret)
	write(outside, "dir/key.pem", secret)
	write(web, "style.css", "body{color:#06c}")
	write(web, "fonts/a.css", "p{}")
	write(web, ".env", secret)
	write(web, ".git/config", secret)
	write(web, "fonts/.DS_Store", secret)
	link(filepath.Join(outside, "passwd"), "passwd.css")
	link(filepath.Join(outside, "dir"), "outside")
	link("style.css", "alias.css") // inside web: fine
	return web, secret
}

// TestWebFiles: /web/ serves files and nothing else (issue 12: it listed directories and
// served dotfiles and what symbolic links pointed to outside web/).
func TestWebFiles(t *testing.T) {
	web, secret := hostileWeb(t)
	srv := httptest.NewServer(appHandler("test", web, ""))
	defer srv.Close()
	cases := []struct {
		path   string
		status int
		body   string
	}{
		{"/web/style.css", 200, "body{color:#06c}"},
		{"/web/fonts/a.css", 200, "p{}"},
		{"/web/alias.css", 200, "body{color:#06c}"},
		{"/web/", 404, ""},
		{"/web/fonts/", 404, ""},
		{"/web/fonts", 404, ""},
		{"/web/.env", 404, ""},
		{"/web/.git/config", 404, ""},
		{"/web/.git/", 404, ""},
		{"/web/fonts/.DS_Store", 404, ""},
		{"/web/%2eenv", 404, ""},
		{"/web/passwd.css", 404, ""},
		{"/web/outside/key.pem", 404, ""},
		{"/web/outside/", 404, ""},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			res, err := http.Get(srv.URL + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.status || tc.body != "" && string(body) != tc.body {
				t.Fatalf("%d %q, want %d %q", res.StatusCode, body, tc.status, tc.body)
			}
			if strings.Contains(string(body), secret) || strings.Contains(string(body), "<a href") {
				t.Fatalf("leaks: %q", body)
			}
		})
	}
}

// TestStaticSkipsHiddenAndOutside: static copies web/ as serve serves it, and says what it left out.
func TestStaticSkipsHiddenAndOutside(t *testing.T) {
	web, secret := hostileWeb(t)
	out := filepath.Join(t.TempDir(), "dist")
	_, errs, code := cli(t, "static", "--out", out, "--web", web)
	if code != 0 {
		t.Fatalf("static: %s", errs)
	}
	for _, f := range []string{"web/style.css", "web/fonts/a.css", "web/alias.css", "web/app.wasm"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	for _, f := range []string{"web/.env", "web/.git", "web/fonts/.DS_Store", "web/passwd.css", "web/outside"} {
		if _, err := os.Lstat(filepath.Join(out, f)); err == nil {
			t.Errorf("%s was copied", f)
		}
		if !strings.Contains(errs, strings.TrimPrefix(f, "web/")+": non copiato") {
			t.Errorf("not told that %s was left out:\n%s", f, errs)
		}
	}
	_ = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, _ := os.ReadFile(p); strings.Contains(string(data), secret) {
				t.Errorf("%s holds what was outside web/", p)
			}
		}
		return nil
	})
}
