// Command builder is the staff program (GOOS=js GOARCH=wasm, web/builder.wasm): the
// applicant's app (package ui, every page) with the call editor as the page of /builder and the
// helpdesk's page at /helpdesk. The server sends it only for those two pages (and for any page
// of a tab in helpdesk mode), so neither enters the applicant's download (wasm).
package main

import (
	"bando/app/builder"
	"bando/app/ui"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	ui.RoutesWithBuilder(builder.Page)
	app.RunWhenOnBrowser()
}
