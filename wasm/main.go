// Command wasm is the browser side of Bando (GOOS=js GOARCH=wasm). It registers the same
// routes as the server and hands control to go-app. Keep server and CLI code out of here:
// every imported package ends up in the download of applicants on slow connections.
package main

import (
	"bando/app/ui"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	ui.Routes()
	app.RunWhenOnBrowser()
}
