package ui

import (
	"fmt"
	"runtime/debug"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// No loss, no crash. Two failures must never cost the applicant the answers on screen:
//
//   - Storage refuses a write (a full quota, QuotaExceededError, or any other error). The
//     answers stay in memory, a persistent alert says so with an export button, and the next
//     change tries the write again (autosave.go: the change counter stays ahead of saved).
//   - Code of the UI panics. go-app ends the program on a panic anywhere on its loop, so every
//     way into this package's code has its boundary (crashGuard): every event handler, and
//     every function handed to ctx.Dispatch, ctx.Defer or ctx.After, starts with
//     `defer sess.guard.recovered()`; every goroutine (ctx.Async) and JavaScript callback
//     with `defer sess.guard.background()`, which hands the panic to the UI goroutine; every
//     component's Render with `defer sess.guard.renderRecovered(&ui)`, which puts the crash
//     alert in the place of what it failed to draw. The page stays alive, an alert says what
//     happened and offers the export.
//     TestEveryEntryRecovers checks the source for the three rules.

func init() {
	texts["save.failed"] = [2]string{
		"Il browser non riesce più a salvare: esporta subito la bozza come file. Le risposte restano in questa pagina e il salvataggio viene ritentato alla prossima modifica.",
		"The browser can no longer save: export the draft as a file now. The answers stay on this page and saving is tried again at the next change.",
	}
	texts["save.failed.why"] = [2]string{"Motivo: %s", "Reason: %s"}
	texts["crash.text"] = [2]string{
		"Si è verificato un errore imprevisto nell'app. Le risposte non sono perse: esporta subito la bozza come file, poi ricarica la pagina.",
		"Something unexpected went wrong in the app. The answers are not lost: export the draft as a file now, then reload the page.",
	}
}

// saveFailed is the error of the last write of the open draft, when it failed and the draft
// is the applicant's own (scratch modes never save).
func (s *session) saveFailed() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.open.d == nil || s.scratch.mode != "" {
		return nil
	}
	return s.saver.err
}

// crashGuard keeps a panic of the UI code from ending the program: it owns the boundaries
// (recovered, background, renderRecovered) and the crash they recorded, which the shell shows
// as an alert. It is its own part so that a component can be safe holding it alone: what it
// needs of the rest of the session (the shell to render, what to draw in place of a failed
// component, the export) it was handed when the session was made (newSession) or started.
type crashGuard struct {
	crash string // a panic recovered on the UI goroutine
	// shell is the shell's context, to render the alert, once the session has started
	shell   app.Context
	started bool
	// alert is what a render boundary draws in place of the component that panicked
	alert func() app.UI
	// export is the alerts' export button: the answers on screen, as a file
	export func()
}

// safely runs f and turns a panic into the crash alert instead of a dead page.
func (g *crashGuard) safely(f func()) {
	defer g.recovered()
	f()
}

// recovered, deferred at the top of an event handler, turns a panic of the handler into the
// crash alert. go-app cannot recover for us: a panic on its loop ends the program. (Handlers
// are not wrapped in a closure instead: go-app tells handlers apart by their code pointer, so
// every wrapped handler would look the same to it and a stale one could stay attached.)
func (g *crashGuard) recovered() {
	if r := recover(); r != nil {
		g.crashed(r, debug.Stack(), true)
	}
}

// background, deferred at the top of a goroutine (ctx.Async) or of a JavaScript callback,
// turns a panic there into the crash alert too: the session belongs to the UI goroutine, so
// the panic is handed to it.
func (g *crashGuard) background() {
	r := recover()
	if r == nil {
		return
	}
	stack := debug.Stack()
	if !app.IsServer && g.started {
		g.shell.Dispatch(func(app.Context) {
			defer g.recovered()
			g.crashed(r, stack, true)
		})
	}
}

// renderRecovered, deferred at the top of a component's Render with the result named ui,
// turns a panic of Render into the crash alert, drawn where the component would be: the rest
// of the page keeps working, and the applicant can export the answers.
func (g *crashGuard) renderRecovered(ui *app.UI) {
	r := recover()
	if r == nil {
		return
	}
	if recordRenderPanics {
		// Render again only for a first crash: the shell's own Render could panic every time.
		g.crashed(r, debug.Stack(), g.crash == "")
	}
	*ui = g.alert()
}

// recordRenderPanics is false on the server: its pre-rendering shares this package between
// requests, and one request's panic must not show in the next one's page.
var recordRenderPanics = !app.IsServer

// crashed records a recovered panic for the alert and, in the browser, renders the shell.
func (g *crashGuard) crashed(r any, stack []byte, render bool) {
	g.crash = fmt.Sprint(r)
	if g.crash == "" {
		g.crash = "panic"
	}
	if !app.IsServer && g.started {
		app.Log("bando: recovered panic:", r, string(stack))
		if render {
			g.shell.Dispatch(func(app.Context) {}) // render the shell, which shows the alert
		}
	}
}

// exportable reports whether the alerts offer the export: a draft of the applicant's own is
// open (scratch drafts are not exported).
func (s *session) exportable() bool { return s.open.d != nil && s.scratch.mode == "" }

// exportFromAlert is the export of the alerts' button: when it fails too, the save alert says
// why.
func (s *session) exportFromAlert() {
	if err := s.export(); err != nil {
		s.mu.Lock()
		s.saver.err = err
		s.mu.Unlock()
	}
}

// failureExport is the export button of the alerts: its own id, since the step below may show
// the regular one too.
func failureExport(l schema.Lang, id string, g *crashGuard) app.UI {
	b := app.Button().Type("button").Class("btn btn-danger failure-export")
	if id != "" {
		b = b.ID(id)
	}
	return b.Text(tr(l, "nav.export")).OnClick(func(ctx app.Context, e app.Event) {
		defer g.recovered()
		g.export()
	})
}

// saveFailedBanner tells that storage refused the draft, until a write succeeds.
func saveFailedBanner(l schema.Lang, err error, g *crashGuard) app.UI {
	return app.Div().ID("save-failed").Class("alert alert-danger d-flex flex-wrap gap-3 align-items-center").
		Attr("role", "alert").Body(
		app.Div().Class("flex-grow-1").Body(
			app.P().Class("mb-1 fw-bold").Text(tr(l, "save.failed")),
			app.P().Class("mb-0 small").Text(tr(l, "save.failed.why", err.Error())),
		),
		failureExport(l, "save-failed-export", g),
	)
}

// crashBanner tells that the app recovered from a panic. It needs the guard alone: its export
// button is the guard's (a view: see sess).
type crashBanner struct {
	Lang      schema.Lang
	WithDraft bool // a draft of the applicant's own is open: the banner offers its export
	Guard     *crashGuard
}

func (b crashBanner) ui() app.UI {
	return crashAlert(b.Lang, b.WithDraft, "app-crash", "crash-export", b.Guard)
}

// crashAlert is the crash alert, with the export button when there is a draft to export. The
// copies a render boundary draws in place of a component (renderRecovered) have no ids, as
// there may be several on a page: data-crash="render" tells them apart.
func crashAlert(l schema.Lang, withDraft bool, id, exportID string, g *crashGuard) app.UI {
	div := app.Div().DataSet("crash", "render")
	if id != "" {
		div = app.Div().ID(id)
	}
	return div.Class("alert alert-danger d-flex flex-wrap gap-3 align-items-center app-crash").
		Attr("role", "alert").Body(
		app.P().Class("flex-grow-1 mb-0").Text(tr(l, "crash.text")),
		slot(withDraft, func() app.UI { return failureExport(l, exportID, g) }),
	)
}
