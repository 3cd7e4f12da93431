package ui

import (
	"bytes"
	"encoding/json"
	"strings"

	"bando/app/partner"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The page of partner sheets (/scheda, PathPartner; partnerform.go says how the mode works).
// Without a sheet open it offers to open one (picker or drop) and lists the sheets kept on this
// device; with one open, the reduced form: the member's item (drawn here, not by the group's
// components: no buttons to add, remove or move items, only the fields the member fills, so
// the applicant's program needs no filter), then the declarations it makes, nothing else of
// the call; a check that shows the problems beside their fields and in a
// summary; the export back to a .bando-partner.json.
//
// Its texts are registered by partnerTexts, which RoutesWithBuilder calls: an init of this
// package would put them in the applicant's program too, which never shows them.

// keySheetFile is the sessionStorage key of a sheet the applicant's start page was given (it
// takes drafts, not sheets): the page of sheets, in the staff program, opens it at once.
const keySheetFile = "bando.sheet.file"

// keySheetOpen is the sessionStorage key of the sheet this tab has open (its sheetKey): a
// reload of the tab, or coming back to the page, opens it again as it was kept.
const keySheetOpen = "bando.sheet.open"

// partnerView is the page of partner sheets.
type partnerView struct {
	app.Compo
	Lang       schema.Lang
	Ver        int
	CondVer    int
	SummaryVer int
	Status     string // how the sheet is saved (sheetStatus): the header leaves it to this page

	msg      string // why the last sheet given was not opened
	done     string // the outcome of the last check or export
	doneBad  bool
	dragging bool
}

func (v *partnerView) OnMount(ctx app.Context) {
	defer sess.guard.recovered()
	v.paintItem(ctx)
	if data := sessionGet(keySheetFile); data != "" { // handed over by the start page
		sessionDel(keySheetFile)
		v.open(ctx, []byte(data), "", true)
		return
	}
	if key := sessionGet(keySheetOpen); key != "" && sheetOf(sess) == nil {
		sessionDel(keySheetOpen) // set again once open: a sheet that no longer opens is not retried
		if data := sheetShelf.get(key); data != "" {
			v.open(ctx, []byte(data), "", false)
		}
	}
}

// OnUpdate paints the message of the member's item, as itemView does for an item of a group.
func (v *partnerView) OnUpdate(ctx app.Context) {
	defer sess.guard.recovered()
	v.paintItem(ctx)
}

func (v *partnerView) paintItem(ctx app.Context) {
	if o := sheetOf(sess); o != nil {
		item := itemPath(o.p.Group().Path(), 0)
		ctx.Defer(func(app.Context) {
			defer sess.guard.recovered()
			var is *schema.Issue
			if u := sess.ui[item]; u != nil {
				is = u.issue
			}
			paintMessage(item, is, v.Lang)
		})
	}
}

func (v *partnerView) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	if sheetOf(sess) != nil {
		return v.form(v.Lang)
	}
	return v.start(v.Lang)
}

// start is the page without a sheet open: open one, or continue one kept here.
func (v *partnerView) start(l schema.Lang) app.UI {
	zone := fileZone{id: "psheet-load", class: "p-4 mt-4", titled: "psheet-load-title", dragging: &v.dragging,
		input: "psheet-file", help: "psheet-help", choose: tr(l, "psheet.choose"), button: "btn btn-outline-primary",
		accept: ".json,application/json",
		take: oneFile(l, func(msg string) { v.msg = msg }, func(ctx app.Context, file app.Value) {
			name := file.Get("name").String()
			if size := file.Get("size").Int(); size > partner.MaxSize {
				v.msg = tr(l, "psheet.error", name, tr(l, "psheet.toolarge", size>>10, partner.MaxSize>>10))
				return
			}
			readPicked(ctx, l, file, func(msg string) { v.msg = tr(l, "psheet.error", name, msg) },
				func(ctx app.Context, data []byte) { v.open(ctx, data, name, true) })
		})}
	kept := keptSheets(sess, l)
	var list app.UI = app.P().ID("psheet-none").Text(tr(l, "psheet.none"))
	if len(kept) > 0 {
		items := make([]app.UI, len(kept))
		for i, e := range kept {
			key, title := e.key, e.title
			items[i] = app.Li().Class("psheet-kept d-flex flex-wrap align-items-center gap-2 py-2 border-top").Body(
				app.Span().Class("flex-grow-1").Body(
					app.Strong().Class("psheet-kept-title").Text(title),
					app.Span().Class("d-block small").Text(tr(l, "psheet.saved", tr(l, "time.rome", schema.InRome(e.saved).Format("02/01/2006 15:04")))),
				),
				app.Button().Type("button").Class("btn btn-sm btn-primary psheet-continue").
					Aria("label", tr(l, "psheet.continue")+": "+title).Text(tr(l, "psheet.continue")).
					OnClick(func(ctx app.Context, e app.Event) {
						defer sess.guard.recovered()
						v.open(ctx, []byte(sheetShelf.get(key)), title, false)
					}),
				app.Button().Type("button").Class("btn btn-sm btn-outline-danger psheet-delete").
					Aria("label", tr(l, "psheet.delete")+": "+title).Text(tr(l, "psheet.delete")).
					OnClick(func(ctx app.Context, e app.Event) {
						defer sess.guard.recovered()
						if confirmed(tr(l, "psheet.delete.confirm", title)) {
							sheetShelf.del(key)
						}
					}),
			)
		}
		list = app.Ul().ID("psheet-list").Class("list-unstyled").Body(items...)
	}
	return app.Div().Class("psheet").Body(
		app.H1().ID("page-title").TabIndex(-1).Text(tr(l, "partner.load.title")),
		app.P().Class("lead").Text(tr(l, "psheet.intro")),
		zone.render([]app.UI{
			app.P().ID("psheet-load-title").Class("fw-bold mb-1").Text(tr(l, "psheet.choose")),
			app.P().ID("psheet-help").Text(tr(l, "psheet.help")),
		}, slot(v.msg != "", func() app.UI {
			return app.Div().ID("psheet-message").Class("alert alert-danger mt-3").Attr("role", "alert").Text(v.msg)
		})),
		app.Section().Class("mt-5").Aria("labelledby", "psheet-kept-title").Body(
			app.H2().Class("h3").ID("psheet-kept-title").Text(tr(l, "psheet.kept")),
			list,
		),
	)
}

// form is the reduced form of the open sheet.
func (v *partnerView) form(l schema.Lang) app.UI {
	o, c, a := sheetOf(sess), sess.open.call, sess.open.answers()
	def, item := o.p.Group(), itemPath(o.p.Group().Path(), 0)
	cls := "group-item card card-bg mt-4"
	var is *schema.Issue // a check on the whole item
	if u := sess.ui[item]; u != nil && u.issue != nil {
		is, cls = u.issue, cls+" item-invalid"
		if is.IsWarning() {
			cls = strings.Replace(cls, "item-invalid", "item-warned", 1)
		}
	}
	var decls []app.UI
	for _, f := range o.p.DeclarationFields() {
		if c.Shown(a, f.Path()) {
			decls = append(decls, &fieldView{Path: f.Path(), Lang: l, Ver: v.Ver})
		}
	}
	var summary app.UI
	if sess.summaryFor == sheetSummary {
		var errs, warns []app.UI
		for _, path := range sess.summary {
			if u := sess.ui[path]; u != nil && u.issue != nil {
				li := app.Li().Body(summaryLink(path, "#"+targetID(path), labelled(pathLabel(c, path, l), u.issue.Message)))
				if u.issue.IsWarning() {
					warns = append(warns, li)
				} else {
					errs = append(errs, li)
				}
			}
		}
		if len(errs)+len(warns) > 0 {
			summary = summaryBox(errs, warns, l)
		}
	}
	return app.Div().Class("psheet").Body(
		app.H1().ID("page-title").TabIndex(-1).Text(tr(l, "psheet.of", sheetName(o.s, nil, l))),
		app.P().ID("psheet-call").Text(tr(l, "psheet.call", c.Title.In(l), c.Version)),
		app.P().ID("psheet-fill-help").Text(tr(l, "psheet.fill")),
		app.P().ID("psheet-status").Class("small").Aria("live", "polite").Text(v.Status),
		slot(summary != nil, func() app.UI { return summary }),
		app.Section().Class(cls).Aria("labelledby", itemHeadingID(item)).DataSet("path", item).Body(
			app.Div().Class("card-body").Body(
				app.H2().Class("h3 item-title").ID(itemHeadingID(item)).TabIndex(-1).Text(tr(l, "psheet.member")),
				messageBox(item, is),
				slot(len(schema.ProfileFields(def.Fields)) > 0, func() app.UI { return &profileBar{Path: item, Lang: l, Ver: v.Ver} }),
				app.Div().Class("item-fields").Body(questions(o.p.MemberFields(), item+".", l, v.Ver, v.CondVer)...),
			),
		),
		slot(len(decls) > 0, func() app.UI {
			return app.Section().Class("mt-4").Aria("labelledby", "psheet-decl-title").Body(
				append([]app.UI{
					app.H2().Class("h3").ID("psheet-decl-title").Text(tr(l, "psheet.declarations")),
					app.P().Text(tr(l, "psheet.declarations.help")),
				}, decls...)...)
		}),
		app.Div().Class("form-nav d-flex flex-wrap gap-3 mt-5 pt-4").Body(
			app.Button().Type("button").ID("psheet-check").Class("btn btn-outline-primary").Text(tr(l, "psheet.check")).OnClick(v.check),
			app.Button().Type("button").ID("psheet-export").Class("btn btn-primary").Text(tr(l, "psheet.export")).OnClick(v.export),
			app.Button().Type("button").ID("psheet-close").Class("btn btn-link ms-auto").Text(tr(l, "psheet.close")).OnClick(v.close),
		),
		slot(v.done != "", func() app.UI {
			cls, role := "alert alert-success mt-3", "status"
			if v.doneBad {
				cls, role = "alert alert-warning mt-3", "alert"
			}
			return app.Div().ID("psheet-done").Class(cls).Attr("role", role).Text(v.done)
		}),
	)
}

// open opens sheet data (a file named name, or a sheet kept here). A file of a sheet this
// device keeps with other answers asks first: replacing them would lose what was typed here.
func (v *partnerView) open(ctx app.Context, data []byte, name string, fromFile bool) {
	l := v.Lang
	sh, c, err := readSheet(sess, data)
	if err != nil {
		v.msg = tr(l, "psheet.error", name, errorText(err, l))
		return
	}
	if fromFile {
		if kept := sheetShelf.get(sheetKey(sh)); kept != "" {
			if k, kc, err := readSheet(sess, []byte(kept)); err == nil && !sameAnswers(k.Answers, sh.Answers) &&
				!confirmed(tr(l, "psheet.replace", sheetTitle(k, kc, l), tr(l, "time.rome", schema.InRome(k.SavedAt).Format("02/01/2006 15:04")))) {
				sh, c = k, kc
			}
		}
	}
	if err := showSheet(sess, sh, c); err != nil {
		v.msg = tr(l, "psheet.error", name, errorText(err, l))
		return
	}
	v.msg, v.done = "", ""
	sessionSet(keySheetOpen, sheetKey(sh))
	sess.focusLater(ctx, "page-title")
}

// sameAnswers reports whether two sets of answers are equal (their JSON: maps in key order).
func sameAnswers(a, b schema.Answers) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

func (v *partnerView) check(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	if checkSheet(sess) > 0 {
		v.done = ""
		sess.focusLater(ctx, "error-summary")
		return
	}
	v.done, v.doneBad = tr(v.Lang, "psheet.ok"), false
	sess.focusLater(ctx, "psheet-done")
}

// export downloads the sheet with the answers given. A sheet with problems is exported too,
// with a word about them: the member may not know everything yet, and the capofila sees the
// same problems once the sheet is merged (partner.Validate's rules are the proposal's).
func (v *partnerView) export(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	l := v.Lang
	errs := checkSheet(sess)
	data, name, err := exportSheet(sess)
	if err == nil {
		err = download(name, "application/json", data)
	}
	switch {
	case err != nil:
		v.done, v.doneBad = tr(l, "psheet.export.error", errorText(err, l)), true
	case errs > 0:
		v.done, v.doneBad = tr(l, "psheet.exported.problems", name, errs), true
	default:
		v.done, v.doneBad = tr(l, "psheet.exported", name), false
	}
	sess.focusLater(ctx, "psheet-done")
}

func (v *partnerView) close(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	sess.leaveScratch() // saves the sheet first
	sessionDel(keySheetOpen)
	v.done = ""
	sess.focusLater(ctx, "page-title")
}

// partnerTexts registers the page's texts (see the top of this file).
func partnerTexts() {
	for k, t := range map[string][2]string{
		"psheet.intro":    {"Il capofila dell'ATS ti ha inviato una scheda (un file .bando-partner.json) con la parte della domanda che riguarda il tuo ente. Aprila qui: la compili anche senza connessione, viene salvata su questo computer mentre scrivi e alla fine la esporti per rimandarla al capofila. Non serve la domanda intera.", "The lead partner of the ATS sent you a sheet (a .bando-partner.json file) with the part of the application about your organisation. Open it here: you can fill it in offline, it is saved on this computer as you type, and when you are done you export it and send it back to the lead partner. You do not need the whole application."},
		"psheet.choose":   {"Scegli la scheda partner", "Choose the partner sheet"},
		"psheet.help":     {"Scegli un file .bando-partner.json oppure trascinalo in questo riquadro.", "Choose a .bando-partner.json file or drop it on this box."},
		"psheet.error":    {"Il file «%s» non è stato aperto. %s", "The file “%s” was not opened. %s"},
		"psheet.toolarge": {"Il file è troppo grande per essere una scheda partner (%d KB, al massimo %d).", "The file is too large to be a partner sheet (%d KB, at most %d)."},
		"psheet.kept":     {"Schede su questo computer", "Sheets on this computer"},
		"psheet.none":     {"Nessuna scheda su questo computer.", "No sheet on this computer."},
		"psheet.saved":    {"Salvata il %s", "Saved on %s"},
		"psheet.continue": {"Continua", "Continue"},
		"psheet.delete":   {"Elimina", "Delete"},
		"psheet.delete.confirm": {"Eliminare da questo computer la scheda «%s»? Se non l'hai esportata, le risposte date si perdono.",
			"Delete the sheet “%s” from this computer? If you have not exported it, the answers given are lost."},
		"psheet.replace": {"Su questo computer c'è già la scheda «%s» (salvata il %s) con risposte diverse da quelle del file. Sostituirle con quelle del file? Annulla per continuare la scheda di questo computer.",
			"This computer already has the sheet “%s” (saved on %s) with other answers than the file's. Replace them with the file's? Cancel to continue the sheet on this computer."},
		"psheet.noname":            {"Membro senza nome", "Unnamed member"},
		"psheet.of":                {"Scheda partner: %s", "Partner sheet: %s"},
		"psheet.call":              {"Bando: %s (versione %d).", "Call: %s (version %d)."},
		"psheet.fill":              {"Compila i dati del tuo ente e accetta le dichiarazioni del legale rappresentante. La scheda viene salvata su questo computer mentre scrivi; quando hai finito, esportala e inviala al capofila.", "Fill in your organisation's data and accept the legal representative's declarations. The sheet is saved on this computer as you type; when you are done, export it and send it to the lead partner."},
		"psheet.member":            {"I dati del tuo ente", "Your organisation's data"},
		"psheet.declarations":      {"Dichiarazioni del legale rappresentante", "Declarations of the legal representative"},
		"psheet.declarations.help": {"Il legale rappresentante del tuo ente le rende per l'ente che rappresenta (DPR 445/2000).", "Your organisation's legal representative makes them for the organisation they represent (DPR 445/2000)."},
		"psheet.check":             {"Controlla la scheda", "Check the sheet"},
		"psheet.ok":                {"Nessun problema nella scheda: puoi esportarla.", "No problem in the sheet: you can export it."},
		"psheet.export":            {"Esporta la scheda compilata", "Export the filled-in sheet"},
		"psheet.exported":          {"Scheda esportata: %s. Inviala al capofila.", "Sheet exported: %s. Send it to the lead partner."},
		"psheet.exported.problems": {"Scheda esportata: %s. Problemi ancora da correggere: %d (elencati sopra); il capofila li vedrà quando la unisce alla domanda. Puoi correggerli ed esportarla di nuovo.", "Sheet exported: %s. Problems still to fix: %d (listed above); the lead partner will see them when merging it into the application. You can fix them and export it again."},
		"psheet.export.error":      {"La scheda non è stata esportata: %s", "The sheet was not exported: %s"},
		"psheet.close":             {"Chiudi la scheda", "Close the sheet"},
		// the autosave's line (sheetStatus)
		"psheet.saved.at": {"Scheda salvata su questo computer alle %s", "Sheet saved on this computer at %s"},
		"psheet.pending":  {"Salvataggio automatico della scheda attivo", "Autosave of the sheet is on"},
		"psheet.notsaved": {"Scheda non salvata (%s): esportala come file per non perderla.", "Sheet not saved (%s): export it as a file so that nothing is lost."},
	} {
		texts[k] = t
	}
}
