package ui

import (
	"strconv"
	"time"

	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The open draft's history (issue 15, item 4): what draft.AddEvent recorded — imports, merges
// of partner sheets, migrations to a newer call version, restores — newest first, each with
// the answers it changed and "restore the version before this". A restore is itself recorded
// with the answers it replaces, so it can be undone the same way: nothing is lost.

// PathHistory is the history page.
const PathHistory = "/cronologia"

func init() {
	for k, v := range map[string][2]string{
		"history.title":     {"Cronologia della bozza", "Draft history"},
		"history.intro":     {"Ogni importazione, unione di una scheda partner, aggiornamento del bando e ripristino resta registrato qui, nel file della bozza. Puoi riportare le risposte a come erano prima di ciascun evento: anche il ripristino viene registrato e si può annullare.", "Every import, merge of a partner sheet, call update and restore is recorded here, in the draft file. You can bring the answers back to how they were before each event: the restore is recorded too and can be undone."},
		"history.empty":     {"La cronologia è vuota: questa bozza non è stata importata, unita né aggiornata.", "The history is empty: this draft has not been imported, merged or updated."},
		"history.import":    {"Importazione da file", "Imported from a file"},
		"history.merge":     {"Unione della scheda partner", "Partner sheet merged"},
		"history.migration": {"Aggiornamento alla nuova versione del bando", "Updated to the new version of the call"},
		"history.restore":   {"Ripristino di una versione precedente", "Earlier version restored"},
		"history.from":      {"Origine: %s", "From: %s"},
		"history.fields":    {"Risposte cambiate: %d", "Answers changed: %d"},
		"history.button":    {"Ripristina le risposte di prima", "Restore the answers from before"},
		"history.confirm":   {"Riportare le risposte a come erano prima di questo evento (%s)? Le risposte di adesso restano nella cronologia.", "Bring the answers back to how they were before this event (%s)? The current answers stay in the history."},
		"history.dropped":   {"Le risposte di prima non sono più conservate: la cronologia tiene solo le più recenti.", "The answers from before are no longer kept: the history keeps only the most recent ones."},
		"history.done":      {"Risposte ripristinate: controlla il riepilogo. Il ripristino è in cima alla cronologia.", "Answers restored: check the review. The restore is at the top of the history."},
		"history.link":      {"Cronologia", "History"},
	} {
		texts[k] = v
	}
}

// historyPage lists the open draft's history.
type historyPage struct {
	app.Compo
	Lang schema.Lang
	Ver  int

	msg string // the outcome of the last restore
	bad bool
}

func (h *historyPage) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	l := h.Lang
	body := []app.UI{
		app.H1().ID("page-title").TabIndex(-1).Text(tr(l, "history.title")),
		app.P().Class("lead").Text(tr(l, "history.intro")),
	}
	if h.msg != "" {
		class, role := "alert alert-success", "status"
		if h.bad {
			class, role = "alert alert-danger", "alert"
		}
		body = append(body, app.Div().ID("history-message").Class(class).Attr("role", role).Text(h.msg))
	}
	events, err := draft.Events(sess.open.d)
	switch {
	case err != nil:
		body = append(body, app.Div().ID("history-error").Class("alert alert-danger").Attr("role", "alert").Text(errorText(err, l)))
	case len(events) == 0:
		body = append(body, app.P().ID("history-empty").Text(tr(l, "history.empty")))
	default:
		items := make([]app.UI, 0, len(events))
		for i := len(events) - 1; i >= 0; i-- { // newest first
			items = append(items, h.event(i, events[i], l))
		}
		body = append(body, app.Ol().ID("history-events").Class("list-unstyled").Attr("reversed", true).Body(items...))
	}
	body = append(body, app.A().Class("btn btn-link").Href(PathReview).Text(tr(l, "nav.review")))
	return app.Div().Class("history").Body(body...)
}

// event is one entry: what happened and when (Rome time), where from, the answers it changed
// (named as the form names them), and the restore button.
func (h *historyPage) event(i int, e draft.Event, l schema.Lang) app.UI {
	when := tr(l, "time.rome", schema.InRome(e.At).Format("02/01/2006 15:04"))
	from := e.From
	if t, err := time.Parse(time.RFC3339, from); err == nil { // a restore names the version's time
		from = tr(l, "time.rome", schema.InRome(t).Format("02/01/2006 15:04"))
	}
	fields := make([]app.UI, len(e.Fields))
	for j, p := range e.Fields {
		fields[j] = app.Li().Text(pathLabel(sess.open.call, p, l))
	}
	var restore app.UI
	switch {
	case e.Kind == draft.EventImport:
		restore = placeholder() // nothing came before an import
	case e.Before == nil:
		restore = app.P().Class("small text-muted mb-0").Text(tr(l, "history.dropped"))
	default:
		restore = app.Button().Type("button").Class("btn btn-sm btn-outline-primary").ID("history-restore-"+strconv.Itoa(i)).
			DataSet("index", i).Disabled(sess.scratch.mode != "").Aria("label", tr(l, "history.button")+": "+when).
			Text(tr(l, "history.button")).OnClick(h.restore)
	}
	return app.Li().Class("card card-bg mb-3 history-event").DataSet("kind", e.Kind).Body(
		app.Div().Class("card-body").Body(
			app.H2().Class("h5").Text(tr(l, "history."+e.Kind)),
			app.P().Class("mb-1").Body(app.Time().DateTime(e.At.UTC().Format(time.RFC3339)).Text(when)),
			slot(from != "", func() app.UI { return app.P().Class("mb-1").Text(tr(l, "history.from", from)) }),
			slot(len(fields) > 0, func() app.UI {
				return app.Details().Class("mb-2").Body(
					app.Summary().Text(tr(l, "history.fields", len(fields))),
					app.Ul().Body(fields...))
			}),
			restore,
		),
	)
}

func (h *historyPage) restore(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	i, err := strconv.Atoi(e.Get("currentTarget").Get("dataset").Get("index").String())
	if err != nil {
		return
	}
	events, _ := draft.Events(sess.open.d)
	if i < 0 || i >= len(events) || !confirmed(tr(h.Lang, "history.confirm", tr(h.Lang, "time.rome", schema.InRome(events[i].At).Format("02/01/2006 15:04")))) {
		return
	}
	if err := sess.restoreVersion(i); err != nil {
		h.msg, h.bad = errorText(err, h.Lang), true
		return
	}
	h.msg, h.bad = tr(h.Lang, "history.done"), false
}

// restoreVersion brings back the answers from before event i of the open draft's history
// (draft.Restore), renders every field again and saves at once.
func (s *session) restoreVersion(i int) error {
	if s.open.d == nil || s.scratch.mode != "" {
		return errScratch
	}
	s.mu.Lock()
	err := draft.Restore(s.open.d, s.open.call, i, time.Now().UTC())
	s.mu.Unlock()
	if err != nil {
		return err
	}
	s.redrawAll()
	s.condVer++
	s.progressChanged()
	s.changed()
	s.saveNow()
	return nil
}
