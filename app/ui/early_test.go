package ui

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestEarlyScriptKeys: web/early.js reads the storage keys this package writes, by name; a key
// renamed here and not there would show an early form of the wrong draft, or in a scratch tab.
func TestEarlyScriptKeys(t *testing.T) {
	js, err := os.ReadFile("../../web/early.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{keyCurrent, keyLang, KeyHelpdesk, keySheetOpen} {
		if !strings.Contains(string(js), strconv.Quote(key)) {
			t.Errorf("web/early.js does not read %q", key)
		}
	}
}
