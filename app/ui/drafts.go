package ui

import (
	"context"
	"strings"
	"time"

	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The list of drafts on the start page: each says its title (draft.Title: the applicant's own,
// else the proposal's, the ATS's or the capofila's; else "untitled" and a short id), the call
// it answers, where it stands and when it was saved, in Italian time whatever the browser's
// zone. Where it stands comes from its record (draft.Record.State), kept at each save: the
// list decodes and validates nothing. Each can be opened, exported, renamed, duplicated (a new
// proposal from an old one: draft.Copy) and deleted after a confirmation.

// draftTitle is how the list names r.
func draftTitle(r draft.Record, l schema.Lang) string {
	if r.Name != "" {
		return r.Name
	}
	return tr(l, "home.untitled") + " · " + draft.ShortID(r.ID)
}

// stateText says where the draft of r stands.
func stateText(r draft.Record, l schema.Lang) (text, badge string) {
	switch r.State {
	case draft.StateSigned:
		return tr(l, "home.state.signed"), "badge bg-success"
	case draft.StateFinal:
		return tr(l, "home.state.final"), "badge bg-primary"
	case draft.StateReady:
		return tr(l, "home.state.ready"), ""
	}
	switch {
	case r.Errors == 1:
		return tr(l, "home.state.progress1"), ""
	case r.Errors > 1:
		return tr(l, "home.state.progress", r.Errors), ""
	}
	return tr(l, "home.state.progress0"), ""
}

// savedText is when r was saved, in Italian time with the zone named.
func savedText(t time.Time, l schema.Lang) string {
	r := schema.InRome(t)
	return tr(l, "home.saved", tr(l, "time.rome", tr(l, "home.at", longDate(r, l), r.Format("15:04"))))
}

func (h *homePage) draftList(l schema.Lang) app.UI {
	switch {
	case !h.loaded:
		return app.P().Text(tr(l, "loading"))
	case h.listErr != nil:
		return app.Div().Class("alert alert-danger").Attr("role", "alert").Text(h.listErr.Error())
	}
	items := make([]app.UI, len(h.records))
	for i, r := range h.records {
		items[i] = h.draftItem(r, l)
	}
	return app.Div().Body(
		app.If(len(h.records) == 0, func() app.UI { return app.P().Class("no-drafts").Text(tr(l, "home.nodrafts")) }),
		app.Ul().Class("list-group draft-list").Body(items...),
		// always there, so that what rename, duplicate and delete did is announced
		app.P().ID("drafts-status").Class("mt-2").Attr("role", "status").Text(h.listMsg),
	)
}

func (h *homePage) draftItem(r draft.Record, l schema.Lang) app.UI {
	name := draftTitle(r, l)
	callTitle := r.Call
	if c, err := sess.lookupCall(r.Call); err == nil {
		callTitle = c.Title.In(l)
	} else {
		callTitle += " (" + tr(l, "home.unknowncall") + ")"
	}
	state, badge := stateText(r, l)
	current := r.ID == sess.open.id && sess.open.d != nil
	button := func(cls, key string, f app.EventHandler) app.UI {
		return app.Button().Type("button").Class("btn btn-sm "+cls).DataSet("id", r.ID).
			Aria("label", tr(l, key)+": "+name).Text(tr(l, key)).OnClick(f)
	}
	var rename app.UI = placeholder()
	if h.renaming == r.ID {
		// a div, not a form: go-app's form element alone would add ~100 KB to app.wasm;
		// Enter in the field saves as a form's submit would (renameKey)
		rename = app.Div().Class("draft-rename w-100 d-flex flex-wrap align-items-end gap-2").Body(
			app.Div().Class("flex-grow-1").Body(
				app.Label().For("rename-input").Class("form-label").Text(tr(l, "home.rename.label")),
				app.Input().Type("text").ID("rename-input").Class("form-control").MaxLength(200).
					Value(h.renameText).Aria("describedby", "rename-help").OnInput(h.renameTyped).OnKeyDown(h.renameKey),
				app.Small().ID("rename-help").Text(tr(l, "home.rename.help")),
			),
			app.Button().Type("button").ID("rename-save").Class("btn btn-sm btn-primary").Text(tr(l, "home.rename.save")).OnClick(h.renameSave),
			app.Button().Type("button").ID("rename-cancel").Class("btn btn-sm btn-outline-primary").Text(tr(l, "home.rename.cancel")).OnClick(h.renameCancel),
		)
	}
	return app.Li().Class("list-group-item draft-item d-flex flex-wrap align-items-center gap-2").DataSet("id", r.ID).DataSet("state", r.State).Body(
		app.Div().Class("flex-grow-1").Body(
			app.Strong().Class("draft-name").Text(name),
			app.If(current, func() app.UI {
				return app.Span().Class("badge bg-primary ms-2").Text(tr(l, "home.current"))
			}),
			app.Br(),
			app.Span().Class("draft-call").Text(callTitle),
			app.Br(),
			app.Small().Body(
				app.Span().Class("draft-state "+badge).Text(state),
				app.Text(" · "),
				app.Span().Class("draft-saved").Text(savedText(r.SavedAt, l)),
			),
		),
		app.Div().Class("draft-actions d-flex flex-wrap gap-2").Body(
			button("btn-primary draft-open", "home.open", h.open),
			button("btn-outline-primary draft-export", "home.export", h.export),
			button("btn-outline-primary draft-rename-start", "home.rename", h.renameStart),
			button("btn-outline-primary draft-duplicate", "home.duplicate", h.duplicate),
			button("btn-outline-danger draft-delete", "home.delete", h.delete),
		),
		rename,
	)
}

// renameStart shows the field to rename a draft, holding the title the applicant gave it.
func (h *homePage) renameStart(ctx app.Context, e app.Event) {
	defer sess.guard.recovered() // a bug here must not kill the page (resilience.go)
	id := dataID(e)
	h.renaming, h.renameText = id, ""
	if r, ok := h.record(id); ok {
		h.renameText = r.Name
	}
	sess.focusLater(ctx, "rename-input")
}

func (h *homePage) renameTyped(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	h.renameText = ctx.JSSrc().Get("value").String()
	ctx.PreventUpdate() // the input shows it already
}

func (h *homePage) renameKey(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	switch e.Get("key").String() {
	case "Escape":
		h.renameCancel(ctx, e)
	case "Enter":
		h.renameSave(ctx, e)
	}
}

func (h *homePage) renameCancel(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	id := h.renaming
	h.renaming = ""
	h.focusAction(ctx, id, "draft-rename-start")
}

// focusAction brings the focus back to a button of the draft id, once the list shows it.
func (h *homePage) focusAction(ctx app.Context, id, cls string) {
	ctx.Defer(func(app.Context) {
		defer sess.guard.recovered()
		_ = jsTry(func() {
			if b := app.Window().Get("document").Call("querySelector", `li[data-id="`+id+`"] .`+cls); b.Truthy() {
				b.Call("focus")
			}
		})
	})
}

// renameSave gives the draft the title typed (empty: the one its answers give). The open
// draft is renamed through the session, which saves it; another is rewritten in storage,
// unless another tab saved it meanwhile. A title is no answer: a finalised or signed draft
// stays so.
func (h *homePage) renameSave(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	e.PreventDefault()
	id, title := h.renaming, strings.TrimSpace(h.renameText)
	h.renaming = ""
	r, ok := h.record(id)
	if !ok {
		return
	}
	l := h.Lang
	h.changeRecord(ctx, r, func(c *schema.Call, d *draft.Draft) {
		d.Title = title
	}, func(name string) string { return tr(l, "home.renamed", name) }, "draft-rename-start")
}

// duplicate starts a new proposal from a draft: draft.Copy, titled "Copy of …", saved at once
// and listed; the original is untouched.
func (h *homePage) duplicate(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	r, ok := h.record(dataID(e))
	if !ok {
		return
	}
	l := h.Lang
	h.changeRecord(ctx, r, nil, func(name string) string { return tr(l, "home.duplicated", name) }, "draft-duplicate")
}

// changeRecord rewrites the draft of r with change, or, without change, saves a copy of it
// (duplicate); then it lists the drafts again and says done(title).
func (h *homePage) changeRecord(ctx app.Context, r draft.Record, change func(*schema.Call, *draft.Draft), done func(string) string, focus string) {
	l := h.Lang
	fail := func(err error) { h.listMsg = tr(l, "home.failed", errorText(err, l)) }
	if change != nil && r.ID == sess.open.id && sess.open.d != nil && sess.scratch.mode == "" {
		sess.mu.Lock()
		change(sess.open.call, sess.open.d)
		sess.mu.Unlock()
		sess.changed()
		sess.saveNow()
		name := draft.Title(sess.open.call, sess.open.d)
		for i := range h.records { // the save is on its way: the list shows it at once
			if h.records[i].ID == r.ID {
				h.records[i].Name = name
			}
		}
		h.listMsg = done(name)
		h.focusAction(ctx, r.ID, focus)
		return
	}
	d, err := r.Draft()
	var c *schema.Call
	if err == nil {
		c, err = sess.lookupCall(d.Call)
	}
	if err != nil {
		fail(err)
		return
	}
	now := time.Now()
	id, base := r.ID, r.SavedAt
	if change != nil {
		change(c, d)
		d.SavedAt = now
	} else {
		if r.ID == sess.open.id && sess.open.d != nil && sess.scratch.mode == "" {
			sess.mu.Lock()
			d = draft.Copy(c, sess.open.d, sess.appVersion, now)
			sess.mu.Unlock()
		} else {
			d = draft.Copy(c, d, sess.appVersion, now)
		}
		d.Title = tr(l, "home.copyof", draftTitle(r, l))
		id, base = draft.NewID(now), time.Time{}
	}
	rec, err := draft.NewRecord(id, d, draft.Title(c, d))
	if err != nil {
		fail(err)
		return
	}
	rec.State, rec.Errors = d.State(-1), -1
	if change != nil {
		rec.State, rec.Errors = r.State, r.Errors // a title changes no answer
	}
	st := sess.saver.store
	ctx.Async(func() {
		defer sess.guard.background()
		cx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, conflict, err := st.PutIfUnchanged(cx, rec, base)
		cancel()
		ctx.Dispatch(func(ctx app.Context) {
			defer sess.guard.recovered()
			switch {
			case err != nil:
				fail(err)
			case conflict:
				h.listMsg = tr(l, "home.changed")
			default:
				announceDraft(rec.ID, rec.SavedAt)
				sess.earlyWrote(-1)
				h.listMsg = done(rec.Name)
			}
			h.focusNext = id + " " + focus // once listed again
			h.refresh(ctx)
		})
	})
}
