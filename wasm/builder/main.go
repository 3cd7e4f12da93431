// Command builder is the call editor's program (GOOS=js GOARCH=wasm, web/builder.wasm): the
// applicant's app (package ui, every page) with the editor as the page of /builder. The server
// sends it only for /builder, so the editor never enters the applicant's download (wasm).
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
