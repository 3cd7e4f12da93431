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
//   - Code of the UI panics on the UI goroutine. safely recovers at the boundary of the work
//     handed to run (autosave results, storage answers) and in the event handlers that defer
//     recovered; the page stays alive, an alert says what happened and offers the export.

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
	if s.d == nil || s.mode != "" {
		return nil
	}
	return s.save.err
}

// safely runs f and turns a panic into the crash alert instead of a dead page.
func (s *session) safely(f func()) {
	defer s.recovered()
	f()
}

// recovered, deferred at the top of an event handler, turns a panic of the handler into the
// crash alert. go-app cannot recover for us: a panic on its loop ends the program. (Handlers
// are not wrapped in a closure instead: go-app tells handlers apart by their code pointer, so
// every wrapped handler would look the same to it and a stale one could stay attached.)
func (s *session) recovered() {
	r := recover()
	if r == nil {
		return
	}
	s.crash = fmt.Sprint(r)
	if s.crash == "" {
		s.crash = "panic"
	}
	if !app.IsServer && s.started {
		app.Log("bando: recovered panic:", r, string(debug.Stack()))
		s.shell.Dispatch(func(app.Context) {}) // render the shell, which shows the alert
	}
}

// failureExport is the export button of the alerts: its own id, since the step below may show
// the regular one too.
func failureExport(l schema.Lang, id string) app.UI {
	return app.Button().Type("button").Class("btn btn-danger").ID(id).
		Text(tr(l, "nav.export")).OnClick(func(ctx app.Context, e app.Event) {
		defer sess.recovered()
		if err := sess.export(); err != nil {
			sess.mu.Lock()
			sess.save.err = err
			sess.mu.Unlock()
		}
	})
}

// saveFailedBanner tells that storage refused the draft, until a write succeeds.
func saveFailedBanner(l schema.Lang, err error) app.UI {
	return app.Div().ID("save-failed").Class("alert alert-danger d-flex flex-wrap gap-3 align-items-center").
		Attr("role", "alert").Body(
		app.Div().Class("flex-grow-1").Body(
			app.P().Class("mb-1 fw-bold").Text(tr(l, "save.failed")),
			app.P().Class("mb-0 small").Text(tr(l, "save.failed.why", err.Error())),
		),
		failureExport(l, "save-failed-export"),
	)
}

// crashBanner tells that the app recovered from a panic.
func crashBanner(l schema.Lang, withDraft bool) app.UI {
	return app.Div().ID("app-crash").Class("alert alert-danger d-flex flex-wrap gap-3 align-items-center").
		Attr("role", "alert").Body(
		app.P().Class("flex-grow-1 mb-0").Text(tr(l, "crash.text")),
		slot(withDraft, func() app.UI { return failureExport(l, "crash-export") }),
	)
}
