package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"bando/app/ui"
)

// TestFontFilesExist: every font the stylesheet, the preloads and the later cache name is in
// web/ (the faces are split by scripts/subset-fonts.sh: a name left over from before a split
// would 404 online and be missing offline), and every font in web/ is named somewhere.
func TestFontFilesExist(t *testing.T) {
	css, err := os.ReadFile("../web/fonts/titillium-web.css")
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]string{}
	for _, m := range regexp.MustCompile(`url\("([^"]+)"\)`).FindAllStringSubmatch(string(css), -1) {
		named["/web/fonts/"+m[1]] = "titillium-web.css"
	}
	for _, f := range preloadFonts {
		named[strings.Fields(f)[0]] += " preload"
	}
	later := map[string]bool{}
	for _, p := range ui.CachedLater() {
		if strings.HasSuffix(p, ".woff2") {
			later[p] = true
			named[p] += " CachedLater"
		}
	}
	for p, where := range named {
		if _, err := os.Stat(filepath.Join("..", p)); err != nil {
			t.Errorf("%s (named in%s): %v", p, where, err)
		}
		if !strings.Contains(where, "titillium-web.css") {
			t.Errorf("%s is preloaded or cached but the stylesheet does not name it", p)
		}
		if !strings.Contains(where, "preload") && !later[p] {
			t.Errorf("%s is neither preloaded nor cached later: missing offline", p)
		}
	}
	files, _ := filepath.Glob("../web/fonts/titillium-web/*.woff2")
	if len(files) == 0 {
		t.Fatal("no fonts in web/fonts/titillium-web")
	}
	for _, f := range files {
		if p := "/web/fonts/titillium-web/" + filepath.Base(f); named[p] == "" {
			t.Errorf("%s is in web/ but nothing names it", p)
		}
	}
}
