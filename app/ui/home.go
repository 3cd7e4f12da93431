package ui

import (
	"context"
	"strings"
	"time"

	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// homePage is the start page: each call with its deadline, the drafts saved on this machine
// (several associations may share one office computer), a new draft, and import.
type homePage struct {
	app.Compo
	Lang schema.Lang
	Ver  int

	now      time.Time
	records  []draft.Record
	listErr  error
	loaded   bool
	stop     chan struct{}
	msg      string // outcome of the last import
	msgBad   bool
	dragging bool

	// the list of drafts (drafts.go): the outcome of the last change, the draft being renamed
	// and the title typed, the button to focus once the list is read again ("id class")
	listMsg              string
	renaming, renameText string
	focusNext            string

	// the outcome of the last call file opened (callfile.go)
	callMsg      string
	callBad      bool
	callDragging bool
}

func (h *homePage) OnMount(ctx app.Context) {
	defer sess.guard.recovered()
	h.now = time.Now()
	h.refresh(ctx)
	h.stop = make(chan struct{})
	stop := h.stop
	ctx.Async(func() { // the countdown moves while the page is open
		defer sess.guard.background()
		t := time.NewTicker(30 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case now := <-t.C:
				ctx.Dispatch(func(app.Context) {
					defer sess.guard.recovered()
					h.now = now
				})
			}
		}
	})
}

func (h *homePage) OnDismount() {
	defer sess.guard.recovered()
	if h.stop != nil {
		close(h.stop)
		h.stop = nil
	}
}

// refresh reads the list of drafts again.
func (h *homePage) refresh(ctx app.Context) {
	st := sess.saver.store
	ctx.Async(func() {
		defer sess.guard.background()
		c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		rs, err := st.List(c)
		cancel()
		ctx.Dispatch(func(ctx app.Context) {
			defer sess.guard.recovered()
			h.records, h.listErr, h.loaded = rs, err, true
			if id, cls, ok := strings.Cut(h.focusNext, " "); ok {
				h.focusNext = ""
				h.focusAction(ctx, id, cls)
			}
		})
	})
}

func (h *homePage) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	l := h.Lang
	var calls []app.UI
	for _, c := range sess.allCalls() {
		calls = append(calls, h.callCard(c, l))
	}
	return app.Div().Class("home").Body(
		app.H1().ID("page-title").TabIndex(-1).Text(tr(l, "home.title")),
		app.If(sess.open.openErr != "", func() app.UI {
			return app.Div().Class("alert alert-danger").Attr("role", "alert").Text(sess.open.openErr)
		}),
		app.If(sess.callErr != "", func() app.UI {
			return app.Div().Class("alert alert-warning catalogue-error").Attr("role", "alert").Text(sess.callErr)
		}),
		app.Div().Class("row g-4").Body(calls...),
		app.H2().Class("h3 mt-5").Text(tr(l, "home.drafts")),
		h.draftList(l),
		h.importBox(l),
		h.callFileBox(l),
		app.P().Class("mt-4").Body(app.A().ID("link-profiles").Href(PathProfiles).Text(tr(l, "profiles.home"))),
		staffLinks(l),
	)
}

func (h *homePage) callCard(c *schema.Call, l schema.Lang) app.UI {
	dlText := deadlineText(c.Submission, l)
	var when app.UI
	if dl, err := deadline(c.Submission); err == nil && !h.now.IsZero() && !h.now.Before(dl) {
		when = app.Div().Class("alert alert-warning mt-3 deadline-past").Attr("role", "note").Body(
			app.Strong().Text(tr(l, "deadline.past", dlText)), app.Text(" "),
			app.Span().Text(tr(l, "deadline.past.more")),
		)
	} else {
		left := ""
		if err == nil && !h.now.IsZero() {
			left = countdown(h.now, dl, l)
		}
		when = app.P().Class("deadline").Body(
			app.Strong().Text(tr(l, "deadline.label")+": "), app.Text(dlText+". "),
			app.Span().Class("countdown").Text(left),
		)
	}
	authority := c.Authority.Name.In(l)
	if o := c.Authority.Office.In(l); o != "" {
		authority += " — " + o
	}
	return app.Div().Class("col-12").Body(
		app.Div().Class("card card-bg call-card").Body(app.Div().Class("card-body").Body(
			app.H2().Class("h4 card-title").Text(c.Title.In(l)),
			app.If(sess.origin(c.ID) == originFile, func() app.UI {
				return app.P().Class("badge bg-warning text-dark call-from-file text-wrap").Text(tr(l, "call.fromfile", siteHost()))
			}),
			app.P().Class("authority").Body(app.Strong().Text(tr(l, "home.authority")+": "), app.Text(authority)),
			app.If(!c.Summary.IsZero(), func() app.UI { return app.P().Class("summary").Text(c.Summary.In(l)) }),
			when,
			callHashLine(c, l),
			app.Button().Type("button").Class("btn btn-primary").ID("new-"+c.ID).DataSet("call", c.ID).
				Text(tr(l, "home.new")).OnClick(h.newDraft),
			app.If(sess.origin(c.ID) == originFile, func() app.UI {
				return app.Button().Type("button").Class("btn btn-outline-danger ms-2").ID("remove-"+c.ID).DataSet("call", c.ID).
					Text(tr(l, "callfile.remove")).OnClick(h.removeCall)
			}),
		)),
	)
}

// dataID is the data-id of the element an event handler is attached to. Handlers read it
// instead of capturing a loop variable: go-app reuses handlers of nodes that change places.
func dataID(e app.Event) string {
	return e.Get("currentTarget").Get("dataset").Get("id").String()
}

func (h *homePage) record(id string) (draft.Record, bool) {
	for _, r := range h.records {
		if r.ID == id {
			return r, true
		}
	}
	return draft.Record{}, false
}

func (h *homePage) newDraft(ctx app.Context, e app.Event) {
	defer sess.guard.recovered() // a bug here must not kill the page (resilience.go)
	c, err := sess.lookupCall(e.Get("currentTarget").Get("dataset").Get("call").String())
	if err != nil {
		h.msg, h.msgBad = err.Error(), true
		return
	}
	sess.newDraft(c)
	ctx.Navigate(sectionPath(c.Sections[0].ID))
}

func (h *homePage) open(ctx app.Context, e app.Event) {
	defer sess.guard.recovered() // a bug here must not kill the page (resilience.go)
	id := dataID(e)
	if id == sess.open.id && sess.open.d != nil {
		ctx.Navigate(sectionPath(sess.open.call.Sections[0].ID))
		return
	}
	st := sess.saver.store
	ctx.Async(func() {
		defer sess.guard.background()
		c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		r, err := st.Get(c, id)
		cancel()
		ctx.Dispatch(func(ctx app.Context) {
			defer sess.guard.recovered()
			if err != nil {
				h.msg, h.msgBad = err.Error(), true
				return
			}
			if sess.openRecord(r) {
				ctx.Navigate(sectionPath(sess.open.call.Sections[0].ID))
			}
		})
	})
}

func (h *homePage) export(ctx app.Context, e app.Event) {
	defer sess.guard.recovered() // a bug here must not kill the page (resilience.go)
	id := dataID(e)
	if id == sess.open.id && sess.open.d != nil {
		if err := sess.export(); err != nil {
			h.msg, h.msgBad = err.Error(), true
		}
		return
	}
	r, ok := h.record(id)
	if !ok {
		return
	}
	d, err := r.Draft()
	var c *schema.Call
	if err == nil {
		c, err = sess.lookupCall(d.Call)
	}
	if err != nil {
		h.msg, h.msgBad = errorText(err, h.Lang), true
		return
	}
	if err := download(draft.ExportName(c, d, time.Now()), "application/json", []byte(r.Data)); err != nil {
		h.msg, h.msgBad = err.Error(), true
	}
}

func (h *homePage) delete(ctx app.Context, e app.Event) {
	defer sess.guard.recovered() // a bug here must not kill the page (resilience.go)
	id := dataID(e)
	r, ok := h.record(id)
	if !ok {
		return
	}
	name := draftTitle(r, h.Lang)
	if !confirmed(tr(h.Lang, "home.delete.confirm", name)) {
		return
	}
	if id == sess.open.id {
		sess.close()
	}
	st := sess.saver.store
	ctx.Async(func() {
		defer sess.guard.background()
		c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := st.Delete(c, id)
		cancel()
		ctx.Dispatch(func(ctx app.Context) {
			defer sess.guard.recovered()
			sess.earlyWrote(-1) // its answers must not show in the next load's early form
			h.listMsg = tr(h.Lang, "home.deleted", name)
			if err != nil {
				h.listMsg = tr(h.Lang, "home.failed", errorText(err, h.Lang))
			}
			h.refresh(ctx)
		})
	})
}
