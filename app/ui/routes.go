package ui

import (
	"sort"
	"strings"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Paths of the app's pages. A step's path names its section ("/sezione/ats"); which draft is
// open is remembered by the browser, not written in the URL, so the set of paths is finite and
// the service worker can keep every one of them for offline use (deep links included).
const (
	PathHome      = "/"
	PathReview    = "/riepilogo"
	sectionPrefix = "/sezione/"
)

// sectionPath is the path of the step that shows section id.
func sectionPath(id string) string { return sectionPrefix + id }

// Pages lists every route path, for the server's cacheable resources and the static build:
// home, review, signing, helpdesk, builder, accessibility statement, and one step per section
// of every shipped call.
func Pages() []string {
	seen := map[string]bool{PathHome: true, PathReview: true, PathSign: true, PathHistory: true, PathAccessibility: true, PathProfiles: true}
	for _, p := range StaffPaths() {
		seen[p] = true
	}
	for _, id := range schema.ShippedIDs() {
		c, err := schema.Shipped(id)
		if err != nil {
			continue
		}
		for _, s := range c.Sections {
			seen[sectionPath(s.ID)] = true
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Routes registers every page with go-app. The Wasm main and the server both call it. Every
// route makes the same root component: go-app then keeps the mounted one across navigations,
// so the session always has a mounted component to run its work on (see session.run).
func Routes() {
	app.Route(PathHome, newShell)
	app.Route(PathReview, newShell)
	app.Route(PathSign, newShell)
	app.Route(PathHistory, newShell)
	for _, p := range StaffPaths() {
		app.Route(p, newShell)
	}
	app.Route(PathAccessibility, newShell)
	app.Route(PathProfiles, newShell)
	app.RouteWithRegexp("^"+sectionPrefix+"[A-Za-z0-9_-]+$", newShell)
}

// newShell is the root component of a page. On the server, it draws the page serverPage keeps
// for its route, and reads nothing of the session: requests run concurrently.
func newShell() app.Composer { return &shell{server: app.IsServer} }

// route is a parsed page path.
type route struct {
	page    string // "home", "review", "section", or "" when unknown
	section string
}

func parseRoute(path string) route {
	if p, ok := staffPageWhere(func(p staffPage) bool { return p.path == path }); ok {
		return route{page: p.page}
	}
	switch {
	case path == PathHome || path == "":
		return route{page: "home"}
	case path == PathReview:
		return route{page: "review"}
	case path == PathSign:
		return route{page: "sign"}
	case path == PathHistory:
		return route{page: "history"}
	case path == PathAccessibility:
		return route{page: "accessibility"}
	case path == PathProfiles:
		return route{page: "profiles"}
	case strings.HasPrefix(path, sectionPrefix) && len(path) > len(sectionPrefix):
		return route{page: "section", section: path[len(sectionPrefix):]}
	}
	return route{}
}

// CachedLater are the files the app needs offline but not to take input: the signing
// worker's program (2 MB), the italic face (no page needs it at once), and every
// page but the start page (go-app renders each route as the same small page; the one being
// visited is already there). The page adds them to the service worker's cache once the form
// takes input and the browser is idle (cacheWorkerWasm); listed with the server's cacheable
// resources instead, the service worker would fetch them during the first visit, alongside
// app.wasm, whose budget is 2.0 MB until the form takes input.
func CachedLater() []string {
	later := []string{
		"/web/worker.wasm",
		"/web/fonts/titillium-web/titillium-web-v10-latin-italic.woff2",
		// the faces' Central European letters (web/fonts/titillium-web.css), for a partner's name
		"/web/fonts/titillium-web/titillium-web-v10-latin-ext-regular.woff2",
		"/web/fonts/titillium-web/titillium-web-v10-latin-ext-600.woff2",
		"/web/fonts/titillium-web/titillium-web-v10-latin-ext-italic.woff2",
	}
	for _, p := range Pages() {
		if p != PathHome && !isStaffPath(p) { // the staff program caches its own pages (BuilderFiles)
			later = append(later, p)
		}
	}
	return later
}
