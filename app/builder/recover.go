package builder

import (
	"bando/app/ui"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The panic boundary of package ui, for this package's entries (TestEveryEntryRecovers checks
// the source): every event handler and function given to ctx.Dispatch, ctx.Defer or ctx.After
// starts with `defer recovered()`, every goroutine with `defer background()`, every Render
// with `defer renderRecovered(&ui)`. recover only works called by the deferred function
// itself, hence these three instead of calls into package ui.

func recovered() {
	if r := recover(); r != nil {
		ui.Crashed(r, ui.Stack())
	}
}

func background() {
	if r := recover(); r != nil {
		ui.CrashedInBackground(r, ui.Stack())
	}
}

func renderRecovered(out *app.UI) {
	if r := recover(); r != nil {
		*out = ui.RenderCrashed(r, ui.Stack())
	}
}
