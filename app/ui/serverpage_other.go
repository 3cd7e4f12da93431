//go:build !js

package ui

import (
	"strings"
	"sync"
	"time"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// What the server draws for a page, before any program runs (go-app renders each route on the
// server; the program then draws its own page in its place).
//
// A step of the default call is drawn as a browser that never opened a draft will show it: the
// empty form of a new draft (ensureDraft), marked data-early="fresh". On a first visit
// web/early.js lets the applicant type in it while the program downloads and starts, and
// hands what was typed to the program's fields (docs/early-form.md). Every other page is
// drawn as before the draft is loaded ("Caricamento della bozza…").
//
// Server-side rendering runs requests concurrently and the form's components read the global
// session, so a request never renders them: each page is drawn once a day (the deadline's
// wording moves with the date), by serverPageHTML under serverPages' lock, with a session of its
// own put in sess for the while, and then served as text. The server's shell (newShell) reads
// nothing of sess.

// serverPages holds the pages drawn for the server, by route and day: at most one per page
// kind and one per step of the default call.
var serverPages struct {
	sync.Mutex
	day  string
	html map[route]string
}

// serverPage is the page of route r as the server serves it.
func serverPage(r route) app.UI { return app.Raw(serverPageHTML(r)) }

func serverPageHTML(r route) string {
	serverPages.Lock()
	defer serverPages.Unlock()
	if day := schema.InRome(time.Now()).Format(time.DateOnly); day != serverPages.day || serverPages.html == nil {
		serverPages.day, serverPages.html = day, map[route]string{}
	}
	c, err := schema.Shipped(schema.DefaultCallID)
	fresh := r.page == "section" && err == nil && c.Section(r.section) != nil
	if !fresh {
		// Every other page is the same while the draft loads, whatever the path says: one
		// copy, so that the paths a client makes up (/sezione/anything) cost no memory.
		r = route{page: r.page}
	}
	if h, ok := serverPages.html[r]; ok {
		return h
	}
	s := newSession(schema.IT)
	if fresh {
		s.ready, s.route = true, r
		id, d := freshDraft(c, time.Now())
		s.use(id, c, d)
	}
	kept := sess
	sess = s
	defer func() { sess = kept }()
	h := app.HTMLString(&shell{r: r, navs: 1})
	if fresh {
		h = strings.Replace(h, "<main ", `<main data-early="fresh" `, 1)
	}
	serverPages.html[r] = h
	return h
}
