package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"bando/schema"
)

var verb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)

// TestTextsComplete: every interface text exists in both languages with the same arguments.
func TestTextsComplete(t *testing.T) {
	for key, tx := range texts {
		if tx[0] == "" || tx[1] == "" {
			t.Errorf("%s: missing a language", key)
		}
		if it, en := verb.FindAllString(tx[0], -1), verb.FindAllString(tx[1], -1); strings.Join(it, " ") != strings.Join(en, " ") {
			t.Errorf("%s: arguments %v in Italian, %v in English", key, it, en)
		}
	}
}

// TestTextsUsedExist: every key the code asks tr for has a text (tr shows an unknown key as
// itself, which a reader would see).
func TestTextsUsedExist(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	call := regexp.MustCompile(`\btr\([^,()]+, "([a-z.]+)"\s*[,)]`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			n++
			if _, ok := texts[m[1]]; !ok {
				t.Errorf("%s: tr(…, %q) has no text", f, m[1])
			}
		}
	}
	if n < 50 {
		t.Fatalf("found only %d uses of tr: the pattern is wrong", n)
	}
}

func TestTr(t *testing.T) {
	tests := []struct {
		name string
		lang schema.Lang
		key  string
		args []any
		want string
	}{
		{"italian with arguments", schema.IT, "step.of", []any{2, 6}, "Passo 2 di 6"},
		{"english", schema.EN, "step.of", []any{2, 6}, "Step 2 of 6"},
		{"unknown key shows itself", schema.IT, "no.such.key", nil, "no.such.key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tr(tt.lang, tt.key, tt.args...); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}
