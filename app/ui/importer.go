package ui

import (
	"strings"
	"time"

	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Drafts travel as .bando.json files: export writes the open draft through a Blob URL, import
// reads a file chosen or dropped. An import is checked whole before anything changes, and it
// always becomes a new draft: the draft open before, and every other, stays as it was.

// importBox is the file picker and drop zone of the home page.
func (h *homePage) importBox(l schema.Lang) app.UI {
	var msg app.UI
	if h.msg != "" {
		if h.msgBad {
			msg = app.Div().ID("import-message").Class("alert alert-danger mt-3").Attr("role", "alert").Text(h.msg)
		} else {
			msg = app.Div().ID("import-message").Class("alert alert-success mt-3").Attr("role", "status").Text(h.msg)
		}
	}
	zone := fileZone{id: "import", class: "p-4 mt-4", titled: "import-title", dragging: &h.dragging,
		input: "import-file", help: "import-help", choose: tr(l, "import.choose"), button: "btn btn-outline-primary",
		accept: ".json,application/json",
		take:   oneFile(l, func(msg string) { h.msg, h.msgBad = msg, true }, h.importFile)}
	return zone.render([]app.UI{
		app.H2().Class("h3").ID("import-title").Text(tr(l, "import.title")),
		app.P().ID("import-help").Text(tr(l, "import.help")),
	}, msg)
}

// importFile reads file and imports it; the outcome is shown in the import box.
func (h *homePage) importFile(ctx app.Context, file app.Value) {
	name := file.Get("name").String()
	fail := func(msg string) { h.msg, h.msgBad = tr(h.Lang, "import.error", name, msg), true }
	if err := draft.CheckSize(int64(file.Get("size").Int())); err != nil {
		fail(errorText(err, h.Lang))
		return
	}
	readPicked(ctx, h.Lang, file, fail, func(ctx app.Context, data []byte) {
		if err := sess.importData(data, name); err != nil {
			if strings.Contains(string(data), `"bando-partner"`) {
				// a partner sheet (issue 15): it is filled on its own page, in the staff
				// program, which opens the sheet handed over with the tab (partnerpage.go)
				// (a tab that refuses sessionStorage: that page asks for the file again)
				sessionSet(keySheetFile, string(data))
				ctx.Navigate(PathPartner)
				return
			}
			fail(errorText(err, h.Lang))
			return
		}
		ctx.Navigate(PathReview)
	})
}

// importData checks a draft file (named name) and makes it the open draft, stored under a new
// id; its history records the import.
func (s *session) importData(data []byte, name string) error {
	d, err := draft.Decode(data)
	if err != nil {
		return err
	}
	c, rep, err := s.callFor(d)
	if err != nil {
		return err
	}
	if err := draft.AddEvent(d, draft.Event{At: time.Now().UTC(), Kind: draft.EventImport, From: name}); err != nil {
		return err
	}
	s.use(draft.NewID(time.Now()), c, d)
	s.migrated(rep)
	s.changed()
	s.saveNow()
	return nil
}

// export downloads the open draft as a .bando.json file. A scratch draft is not exported
// (scratch.go).
func (s *session) export() error {
	if s.scratch.mode != "" {
		return errScratch
	}
	if s.open.d == nil {
		return nil
	}
	s.mu.Lock()
	now := time.Now()
	s.open.d.SavedAt = now
	if s.appVersion != "" && s.open.d.FinalisedAt == nil { // a finalised draft keeps its version: see finalise
		s.open.d.AppVersion = s.appVersion
	}
	data, err := draft.Encode(s.open.d)
	name := draft.ExportName(s.open.call, s.open.d, now)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	return download(name, "application/json", data)
}

// close forgets the open draft (it was deleted).
func (s *session) close() {
	s.mu.Lock()
	s.open.id, s.open.d = "", nil
	s.mu.Unlock()
	s.ui = map[string]*fieldUI{}
	s.ver++
	localSet(keyCurrent, "")
}

// exportButton is the export action shown under every step and on the review page; while a
// scratch draft is on screen, a message instead (scratch.go).
func exportButton(l schema.Lang) app.UI {
	if sess.scratch.mode != "" {
		return app.P().ID("export-unavailable").Class("small text-muted mb-0 align-self-center").Text(tr(l, "scratch.export"))
	}
	return app.Button().Type("button").Class("btn btn-outline-primary").ID("export").
		Text(tr(l, "nav.export")).OnClick(func(ctx app.Context, e app.Event) {
		defer sess.guard.recovered()
		if err := sess.export(); err != nil {
			sess.mu.Lock()
			sess.saver.err = err
			sess.mu.Unlock()
		}
	})
}
