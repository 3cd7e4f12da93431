package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Paths of the app's pages. Every one is listed for the service worker so that deep links
// open offline.
const (
	PathHome = "/"
)

// Pages lists every route path, for the server's cacheable resources and the static build.
func Pages() []string { return []string{PathHome} }

// Routes registers every page with go-app. The Wasm main and the server both call it.
func Routes() {
	app.Route(PathHome, func() app.Composer { return &Home{} })
}
