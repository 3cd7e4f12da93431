//go:build !js

package ui

import (
	"strconv"
	"strings"
	"testing"
)

// TestServerPagesBounded: paths a client makes up share one page; only the default call's
// steps have pages of their own, drawn as a new draft's empty form.
func TestServerPagesBounded(t *testing.T) {
	for i := range 50 {
		serverPageHTML(route{page: "section", section: "made-up-" + strconv.Itoa(i)})
	}
	serverPageHTML(route{page: "home"})
	serverPageHTML(route{page: "section", section: "ats"})
	serverPages.Lock()
	n := len(serverPages.html)
	serverPages.Unlock()
	if n > 3 {
		t.Errorf("%d pages kept after 50 made-up steps, home and one step: want ≤ 3", n)
	}
	if h := serverPageHTML(route{page: "section", section: "ats"}); !strings.Contains(h, `data-early="fresh"`) {
		t.Error("the ATS step is not drawn as the early form")
	}
	if h := serverPageHTML(route{page: "section", section: "made-up-1"}); strings.Contains(h, "data-early") {
		t.Error("a made-up step is drawn as an early form")
	}
}
