package ui

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"bando/app/draft"
	"bando/app/partner"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The merge page (PathMerge, issue 15 item 3): the capofila drops the partner sheets its
// members sent back on the open draft; the page shows, sheet by sheet and field by field, what
// each changes (the draft's answer now, the sheet's), ticked by default, and each conflict — a
// field changed on both sides since the export — side by side with no default: the merge
// waits until every one is decided. A sheet of another proposal, of a member no longer in the
// draft, of another call or call version (one of an older version is migrated), or a file
// that is not a sheet is listed with its message and changes nothing. The merge is recorded in
// the draft's history with the answers it replaced (restore from /cronologia), then saved.
//
// It is a page of the staff program (builderhost.go): the applicant's program links to it and
// never holds app/partner. Its texts are added by mergeTexts, called from RoutesWithBuilder,
// for the same reason (an init of this package would be in the applicant's program).

// mergeTexts adds the merge page's texts. Called once, by RoutesWithBuilder (and the tests).
func mergeTexts() {
	for k, v := range map[string][2]string{
		"merge.title":      {"Unisci le schede dei partner", "Merge the partner sheets"},
		"merge.intro":      {"Trascina qui le schede (.bando-partner.json) che i membri dell'ATS ti hanno rimandato. Per ogni scheda vedi, campo per campo, che cosa cambia nella bozza: scegli che cosa unire. Le risposte sostituite restano nella cronologia della bozza.", "Drop here the sheets (.bando-partner.json) the members of the ATS sent back. For each sheet you see, field by field, what it changes in the draft: choose what to merge. The answers replaced stay in the draft's history."},
		"merge.draft":      {"Bozza: %s", "Draft: %s"},
		"merge.nodraft":    {"Non c'è una bozza aperta: apri dalla pagina iniziale la bozza della domanda in cui unire le schede, poi torna qui.", "No draft is open: open, from the start page, the draft to merge the sheets into, then come back here."},
		"merge.nopartner":  {"Il bando di questa bozza non prevede schede per i membri.", "The call of this draft has no partner sheets."},
		"merge.choose":     {"Scegli le schede dei partner", "Choose the partner sheets"},
		"merge.help":       {"Puoi sceglierne o trascinarne più di una insieme. Nulla cambia finché non premi «Unisci».", "You can choose or drop several at once. Nothing changes until you press “Merge”."},
		"merge.reading":    {"Lettura delle schede…", "Reading the sheets…"},
		"merge.refused":    {"Schede non unite", "Sheets not merged"},
		"merge.refusedone": {"%s: %s", "%s: %s"},
		"merge.show":       {"Mostra le modifiche (%d)", "Show the changes (%d)"},
		"merge.toomany":    {"Non letta: al più %d schede alla volta, quanti i membri che il bando ammette.", "Not read: at most %d sheets at a time, as many as the members the call allows."},
		"merge.toolarge":   {"Il file è troppo grande per essere una scheda partner.", "The file is too large to be a partner sheet."},
		"merge.sheet":      {"Scheda di «%s»", "Sheet of “%s”"},
		"merge.file":       {"File: %s", "File: %s"},
		"merge.count":      {"Modifiche: %d, di cui conflitti: %d.", "Changes: %d, of which conflicts: %d."},
		"merge.nothing":    {"Niente da unire: la bozza ha già le risposte di questa scheda.", "Nothing to merge: the draft already holds this sheet's answers."},
		"merge.caption":    {"Che cosa cambia la scheda di «%s»", "What the sheet of “%s” changes"},
		"merge.col.take":   {"Unisci", "Merge"},
		"merge.col.field":  {"Campo", "Field"},
		"merge.col.ours":   {"Nella bozza", "In the draft"},
		"merge.col.theirs": {"Nella scheda", "In the sheet"},
		"merge.take":       {"Unisci: %s", "Merge: %s"},
		"merge.conflict":   {"Conflitto", "Conflict"},
		"merge.base":       {"All'esportazione: %s", "When exported: %s"},
		"merge.keep":       {"%s: tieni la risposta della bozza", "%s: keep the draft's answer"},
		"merge.takeit":     {"%s: prendi la risposta della scheda", "%s: take the sheet's answer"},
		"merge.empty":      {"(vuoto)", "(empty)"},
		"merge.all":        {"Accetta tutte le modifiche di questa scheda", "Accept every change of this sheet"},
		"merge.allall":     {"Accetta tutte le modifiche", "Accept every change"},
		"merge.remove":     {"Togli questa scheda", "Remove this sheet"},
		"merge.button":     {"Unisci le modifiche scelte (%d)", "Merge the changes chosen (%d)"},
		"merge.undecided":  {"Restano %d conflitti da decidere: per ciascuno scegli la risposta della bozza o quella della scheda.", "%d conflicts are still to decide: for each, choose the draft's answer or the sheet's."},
		"merge.undecided1": {"Resta un conflitto da decidere: scegli la risposta della bozza o quella della scheda.", "One conflict is still to decide: choose the draft's answer or the sheet's."},
		"merge.nochoice":   {"Nessuna modifica scelta.", "No change chosen."},
		"merge.done":       {"Unione fatta", "Merge done"},
		"merge.merged":     {"%s («%s»): %d risposte unite.", "%s (“%s”): %d answers merged."},
		"merge.unchanged":  {"%s («%s»): nessuna risposta cambiata.", "%s (“%s”): no answer changed."},
		"merge.saving":     {"Salvataggio della bozza…", "Saving the draft…"},
		"merge.saved":      {"La bozza è salvata. Le risposte di prima sono nella cronologia: da lì puoi ripristinarle.", "The draft is saved. The answers from before are in the history: you can restore them from there."},
		"merge.failed":     {"Le schede non sono state unite, la bozza non è cambiata: %s", "The sheets were not merged, the draft did not change: %s"},
		"merge.members":    {"Vai ai membri dell'ATS", "Go to the members of the ATS"},
		"merge.history":    {"Apri la cronologia", "Open the history"},
	} {
		texts[k] = v
	}
}

// mergePage is the page: the drop zone, the refused files, the sheets and their rows, the
// merge button, and the outcome of the last merge.
type mergePage struct {
	app.Compo
	Lang schema.Lang
	Ver  int

	dragging bool
	reading  bool
	sheets   []*mergeSheet
	refused  []refusedSheet
	outcome  *mergeOutcome
}

// mergeOutcome is what the last merge did.
type mergeOutcome struct {
	lines []string // one per sheet
	err   string
	saved bool
}

func (p *mergePage) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	l := p.Lang
	body := []app.UI{app.H1().ID("page-title").TabIndex(-1).Text(tr(l, "merge.title"))}
	part, _ := sess.open.call.PartnerPart()
	switch {
	case sess.open.d == nil || sess.scratch.mode != "":
		return app.Div().Class("merge").Body(append(body,
			app.Div().ID("merge-nodraft").Class("alert alert-warning").Attr("role", "alert").Body(
				app.P().Text(tr(l, "merge.nodraft")),
				app.A().Href(PathHome).Text(tr(l, "nav.home"))))...)
	case part == nil:
		return app.Div().Class("merge").Body(append(body,
			app.Div().ID("merge-nodraft").Class("alert alert-warning").Attr("role", "alert").Text(tr(l, "merge.nopartner")))...)
	}
	body = append(body,
		app.P().Class("lead").Text(tr(l, "merge.intro")),
		app.P().ID("merge-draft").Text(tr(l, "merge.draft", draft.Title(sess.open.call, sess.open.d))),
		p.outcomeBox(l, part),
		p.zone(l),
	)
	if len(p.sheets) > 0 {
		body = append(body, p.actions(l, "merge-actions-top"))
		for k, s := range p.sheets {
			body = append(body, p.sheetView(l, k, s))
		}
		body = append(body, p.actions(l, "merge-actions"))
	}
	return app.Div().Class("merge").Body(body...)
}

// zone is the drop zone, then the files refused from the last drop.
func (p *mergePage) zone(l schema.Lang) app.UI {
	z := fileZone{id: "merge-load", class: "p-4 mt-4", titled: "merge-load-title", dragging: &p.dragging,
		input: "merge-file", help: "merge-help", choose: tr(l, "merge.choose"), button: "btn btn-outline-primary",
		accept: ".json,application/json", multiple: true, take: p.take}
	return z.render([]app.UI{
		app.P().ID("merge-load-title").Class("fw-bold mb-1").Text(tr(l, "merge.choose")),
		app.P().ID("merge-help").Text(tr(l, "merge.help")),
	},
		slot(p.reading, func() app.UI {
			return app.P().ID("merge-reading").Class("mt-3").Attr("role", "status").Text(tr(l, "merge.reading"))
		}),
		slot(len(p.refused) > 0, func() app.UI {
			items := make([]app.UI, len(p.refused))
			for i, r := range p.refused {
				items[i] = app.Li().Text(tr(l, "merge.refusedone", r.file, r.msg))
			}
			return app.Div().ID("merge-refused").Class("alert alert-danger mt-3").Attr("role", "alert").Body(
				app.P().Class("fw-bold mb-1").Text(tr(l, "merge.refused")),
				app.Ul().Class("mb-0").Body(items...))
		}))
}

// take reads the files dropped or picked, all of them before the page renders again (one
// render for 40 sheets, not 40), and plans each against the open draft.
func (p *mergePage) take(ctx app.Context, files []app.Value) {
	l := p.Lang
	p.reading, p.outcome = true, nil
	most := maxSheets(sess.open.call)
	type read struct {
		name string
		data []byte
		msg  string
	}
	ctx.Async(func() {
		defer sess.guard.background()
		reads := make([]read, len(files))
		var wg sync.WaitGroup // the browser reads them all at once: 40 files, not 40 waits in turn
		for i, f := range files {
			reads[i].name = f.Get("name").String()
			if i >= most {
				reads[i].msg = tr(l, "merge.toomany", most)
				continue
			}
			if f.Get("size").Int() > partner.MaxSize {
				reads[i].msg = tr(l, "merge.toolarge")
				continue
			}
			wg.Go(func() {
				defer sess.guard.background()
				c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				data, err := readFile(c, f)
				cancel()
				if err != nil {
					reads[i].msg = tr(l, "import.read")
				}
				reads[i].data = data
			})
		}
		wg.Wait()
		ctx.Dispatch(func(ctx app.Context) {
			defer sess.guard.recovered()
			p.reading, p.refused = false, nil
			if sess.open.d == nil || sess.scratch.mode != "" {
				return
			}
			var add []*mergeSheet
			for _, r := range reads {
				if r.msg != "" {
					p.refused = append(p.refused, refusedSheet{r.name, r.msg})
					continue
				}
				s, bad := planSheet(sess.open.d, sess.open.call, r.name, r.data, l, sess.formLang())
				if bad != nil {
					p.refused = append(p.refused, *bad)
					continue
				}
				add = append(add, s)
			}
			p.sheets = addSheets(p.sheets, add...)
			switch {
			case len(p.refused) > 0:
				sess.focusLater(ctx, "merge-refused")
			case len(add) > 0:
				sess.focusLater(ctx, "merge-sheet-"+strconv.Itoa(len(p.sheets)-len(add))+"-title")
			}
		})
	})
}

// maxSheets bounds the sheets read from one drop: one per member the call allows (its
// group's repeat.max, at most schema.MaxRepeat). A drop of thousands of files would otherwise
// read them all, up to partner.MaxSize each, into the tab's memory; the files past it are
// listed as refused, unread.
func maxSheets(c *schema.Call) int {
	if part, _ := c.PartnerPart(); part != nil && part.Group().Repeat != nil && part.Group().Repeat.Max > 0 {
		return part.Group().Repeat.Max
	}
	return schema.MaxRepeat
}

// foldAbove is the number of sheets up to which every sheet's changes are shown at once. Past
// it, sheets without conflicts are folded: 40 sheets are 280 rows, a page too long to read and
// a third of a second to draw, while what needs the capofila — the conflicts — stays open.
const foldAbove = 10

// sheetView is one sheet: its member, its file, what it changes, and its buttons.
func (p *mergePage) sheetView(l schema.Lang, k int, s *mergeSheet) app.UI {
	id := "merge-sheet-" + strconv.Itoa(k)
	conflicts := 0
	for i := range s.rows {
		if s.rows[i].ch.Conflict {
			conflicts++
		}
	}
	var content app.UI
	switch {
	case len(s.rows) == 0:
		content = app.P().ID(id + "-nothing").Class("merge-nothing").Text(tr(l, "merge.nothing"))
	case conflicts == 0 && !s.shown && len(p.sheets) > foldAbove:
		// many sheets: one without conflicts says how many changes it brings and shows them on
		// request; its changes stay chosen as ticked (the merge button counts them)
		content = app.Button().Type("button").ID(id+"-show").Class("btn btn-sm btn-link px-0 merge-show").
			Aria("expanded", "false").DataSet("sheet", k).Text(tr(l, "merge.show", len(s.rows))).OnClick(p.show)
	default:
		rows := make([]app.UI, len(s.rows))
		for i := range s.rows {
			rows[i] = p.row(l, k, i, &s.rows[i])
		}
		content = app.Div().Class("table-responsive").Body(
			app.Table().ID(id+"-changes").Class("table table-sm merge-changes").TabIndex(-1).Body(
				app.Caption().Text(tr(l, "merge.caption", s.sheet.Name)),
				app.THead().Body(app.Tr().Body(
					app.Th().Scope("col").Text(tr(l, "merge.col.take")),
					app.Th().Scope("col").Text(tr(l, "merge.col.field")),
					app.Th().Scope("col").Text(tr(l, "merge.col.ours")),
					app.Th().Scope("col").Text(tr(l, "merge.col.theirs")),
				)),
				app.TBody().Body(rows...),
			))
	}
	return app.Section().ID(id).Class("card card-bg mb-4 merge-sheet").Aria("labelledby", id+"-title").DataSet("member", s.sheet.Member).Body(
		app.Div().Class("card-body").Body(
			app.H2().ID(id+"-title").Class("h4").TabIndex(-1).Text(tr(l, "merge.sheet", s.sheet.Name)),
			app.P().Class("small mb-1").Text(tr(l, "merge.file", s.file)),
			slot(len(s.rows) > 0, func() app.UI {
				return app.P().ID(id + "-count").Text(tr(l, "merge.count", len(s.rows), conflicts))
			}),
			content,
			app.Div().Class("d-flex flex-wrap gap-3").Body(
				slot(len(s.rows) > conflicts, func() app.UI {
					return app.Button().Type("button").ID(id+"-all").Class("btn btn-sm btn-outline-primary").
						DataSet("sheet", k).Text(tr(l, "merge.all")).OnClick(p.acceptSheet)
				}),
				app.Button().Type("button").ID(id+"-remove").Class("btn btn-sm btn-outline-secondary").
					DataSet("sheet", k).Aria("label", tr(l, "merge.remove")+": "+s.file).Text(tr(l, "merge.remove")).OnClick(p.remove),
			),
		),
	)
}

// row is one change: a checkbox for a change, for a conflict the two answers side by side,
// each with its radio (none chosen until the capofila chooses).
func (p *mergePage) row(l schema.Lang, k, i int, r *mergeRow) app.UI {
	id := "merge-" + strconv.Itoa(k) + "-" + strconv.Itoa(i)
	if !r.ch.Conflict {
		return app.Tr().DataSet("path", r.ch.Path).Body(
			// as few elements as a labelled checkbox needs: 40 sheets are 280 rows to render
			app.Td().Body(
				app.Input().Type("checkbox").Class("form-check-input").ID(id).Checked(r.take).
					DataSet("sheet", k).DataSet("row", i).OnChange(p.tick),
				app.Label().Class("visually-hidden").For(id).Text(tr(l, "merge.take", r.label)),
			),
			app.Th().Scope("row").Text(r.label),
			app.Td().Class("merge-ours").Text(r.ours),
			app.Td().Class("merge-theirs").Text(r.theirs),
		)
	}
	radio := func(side, value, label string) app.UI {
		rid := id + "-" + side
		return app.Div().Class("form-check").Body(
			app.Input().Type("radio").Class("form-check-input").ID(rid).Name(id).Value(side).Checked(r.choice == side).
				DataSet("sheet", k).DataSet("row", i).OnChange(p.choose),
			app.Label().Class("form-check-label").For(rid).Body(
				app.Span().Class("visually-hidden").Text(label+": "),
				app.Text(value)),
		)
	}
	return app.Tr().Class("merge-conflict").DataSet("path", r.ch.Path).Body(
		app.Td().Body(app.Span().Class("badge bg-warning").Text(tr(l, "merge.conflict"))),
		app.Th().Scope("row").Body(
			app.Span().Text(r.label),
			app.Br(),
			app.Span().Class("small").Text(tr(l, "merge.base", r.base)),
		),
		app.Td().Class("merge-ours").Body(radio(keepOurs, r.ours, tr(l, "merge.keep", r.label))),
		app.Td().Class("merge-theirs").Body(radio(takeTheirs, r.theirs, tr(l, "merge.takeit", r.label))),
	)
}

// actions are "accept every change" and the merge button, disabled with the reason while a
// conflict is undecided or nothing is chosen.
func (p *mergePage) actions(l schema.Lang, id string) app.UI {
	chosen, undecided := mergeCounts(p.sheets)
	why := ""
	switch {
	case undecided == 1:
		why = tr(l, "merge.undecided1")
	case undecided > 1:
		why = tr(l, "merge.undecided", undecided)
	case chosen == 0:
		why = tr(l, "merge.nochoice")
	}
	return app.Div().ID(id).Class("d-flex flex-wrap align-items-center gap-3 mt-3 mb-4").Body(
		app.Button().Type("button").ID(id+"-all").Class("btn btn-outline-primary").Text(tr(l, "merge.allall")).OnClick(p.acceptEvery),
		app.Button().Type("button").ID(id+"-merge").Class("btn btn-primary").Disabled(why != "").
			Aria("describedby", id+"-why").Text(tr(l, "merge.button", chosen)).OnClick(p.merge),
		app.P().ID(id+"-why").Class("mb-0").Text(why),
	)
}

// outcomeBox is what the last merge did, with the ways on: the members, the history.
func (p *mergePage) outcomeBox(l schema.Lang, part *schema.Partner) app.UI {
	o := p.outcome
	if o == nil {
		return placeholder()
	}
	if o.err != "" {
		return app.Div().ID("merge-result").Class("alert alert-danger").Attr("role", "alert").TabIndex(-1).Text(o.err)
	}
	lines := make([]app.UI, len(o.lines))
	for i, s := range o.lines {
		lines[i] = app.Li().Text(s)
	}
	status := tr(l, "merge.saving")
	if o.saved {
		status = tr(l, "merge.saved")
	}
	section, _, _ := strings.Cut(part.Group().Path(), ".")
	return app.Div().ID("merge-result").Class("alert alert-success").Attr("role", "status").TabIndex(-1).DataSet("saved", o.saved).Body(
		app.H2().Class("h4").Text(tr(l, "merge.done")),
		app.Ul().Body(lines...),
		app.P().ID("merge-saved").Text(status),
		app.Div().Class("d-flex flex-wrap gap-3").Body(
			app.A().ID("merge-to-members").Class("btn btn-sm btn-outline-primary").Href(sectionPath(section)).Text(tr(l, "merge.members")),
			app.A().ID("merge-to-history").Class("btn btn-sm btn-outline-primary").Href(PathHistory).Text(tr(l, "merge.history")),
		),
	)
}

// target is the row of the event's element (its data-sheet and data-row).
func (p *mergePage) target(e app.Event) (*mergeSheet, *mergeRow) {
	ds := e.Get("currentTarget").Get("dataset")
	k, err1 := strconv.Atoi(ds.Get("sheet").String())
	i, err2 := strconv.Atoi(ds.Get("row").String())
	if err1 != nil || k < 0 || k >= len(p.sheets) {
		return nil, nil
	}
	s := p.sheets[k]
	if err2 != nil || i < 0 || i >= len(s.rows) {
		return s, nil
	}
	return s, &s.rows[i]
}

func (p *mergePage) tick(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	if _, r := p.target(e); r != nil {
		r.take = e.Get("currentTarget").Get("checked").Bool()
	}
}

func (p *mergePage) choose(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	if _, r := p.target(e); r != nil && e.Get("currentTarget").Get("checked").Bool() {
		r.choice = e.Get("currentTarget").Get("value").String()
	}
}

func (p *mergePage) acceptSheet(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	if s, _ := p.target(e); s != nil {
		acceptChanges(s)
	}
}

// show unfolds a sheet's changes, and moves the focus to them.
func (p *mergePage) show(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	k := e.Get("currentTarget").Get("dataset").Get("sheet").String()
	if s, _ := p.target(e); s != nil {
		s.shown = true
		sess.focusLater(ctx, "merge-sheet-"+k+"-changes") // the table, where the button was
	}
}

func (p *mergePage) acceptEvery(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	acceptChanges(p.sheets...)
}

func (p *mergePage) remove(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	if s, _ := p.target(e); s != nil {
		for k := range p.sheets {
			if p.sheets[k] == s {
				p.sheets = append(p.sheets[:k:k], p.sheets[k+1:]...)
				break
			}
		}
		sess.focusLater(ctx, "merge-load-title")
	}
}

// merge merges what was chosen into the open draft, saves it, and plans every sheet again
// against the merged draft: a sheet merged whole now has nothing to merge.
func (p *mergePage) merge(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	l := p.Lang
	if chosen, undecided := mergeCounts(p.sheets); chosen == 0 || undecided > 0 || sess.open.d == nil || sess.scratch.mode != "" {
		return
	}
	sess.mu.Lock()
	changed, err := mergeInto(sess.open.d, sess.open.call, p.sheets, time.Now().UTC())
	sess.mu.Unlock()
	defer sess.focusLater(ctx, "merge-result")
	if err != nil {
		p.outcome = &mergeOutcome{err: tr(l, "merge.failed", errorText(err, l))}
		return
	}
	o := &mergeOutcome{}
	merged := false
	for k, s := range p.sheets {
		if n := len(changed[k]); n > 0 {
			merged = true
			o.lines = append(o.lines, tr(l, "merge.merged", s.file, s.sheet.Name, n))
		} else {
			o.lines = append(o.lines, tr(l, "merge.unchanged", s.file, s.sheet.Name))
		}
	}
	p.outcome = o
	p.replan()
	if !merged {
		o.saved = true
		return
	}
	sess.redrawAll()
	sess.condVer++
	sess.progressChanged()
	sess.changed()
	sess.flush(func() {
		ctx.Dispatch(func(ctx app.Context) {
			defer sess.guard.recovered()
			o.saved = true
		})
	})
}

// replan plans every listed sheet again against the open draft.
func (p *mergePage) replan() {
	l := p.Lang
	var kept []*mergeSheet
	p.refused = nil
	for _, s := range p.sheets {
		m, err := partner.Plan(sess.open.d, sess.open.call, s.sheet)
		if err != nil {
			p.refused = append(p.refused, refusedSheet{s.file, errorText(err, l)})
			continue
		}
		kept = append(kept, &mergeSheet{file: s.file, sheet: s.sheet, rows: mergeRows(m, l, sess.formLang())})
	}
	p.sheets = kept
}
