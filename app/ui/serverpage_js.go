package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// serverPage is drawn by the server only (serverpage_other.go); the program never is one.
func serverPage(route) app.UI { return app.Div() }
