package ui

import (
	"context"
	"maps"
	"net/url"
	"strconv"
	"strings"
	"time"

	"bando/app/draft"
	"bando/app/job"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Helpdesk mode (/helpdesk): an operator loads the .bando-support.json bundle an applicant
// sent and sees the applicant's screen, with the same answers (redacted unless the applicant
// chose otherwise) and the errors the applicant saw, read-only. The bundle's draft is a scratch
// draft (scratch.go): nothing of it is saved, and the drafts of this browser are left alone.
// The page also shows the bundle's facts and how today's verdicts differ from the recorded
// ones, as `bando replay` does (draft.CompareVerdicts).
//
// The mode survives a reload of the tab: the bundle file is kept in sessionStorage (keepBundle)
// and, when the tab loads again on a page of the mode, opened again on the same screen
// (resumeKept). sessionStorage belongs to this one tab and goes when the tab closes (a
// browser that restores its tabs after a restart may bring it back with the tab, as it would
// the page itself): the bundle never reaches the applicant's drafts nor another tab. That is
// acceptable for a redacted bundle, whose personal data are fakes. An unredacted bundle (the
// applicant ticked "include my personal data") is kept only because the operator chose to open
// it; it lives no longer than the tab, and "Chiudi modalità assistenza" (or any other way out
// of the mode) removes it at once.
//
// The helpdesk is not in the applicant's program: like the call editor, it is in the staff
// program (web/builder.wasm, builderhost.go), which the server sends for /helpdesk. A tab in
// helpdesk mode loads the staff program on every page, whatever the page: go-app's /app.js
// picks builder.wasm while this tab keeps a bundle (server/builderpage.go), so a reload stays
// in the mode.

// PathHelpdesk is the helpdesk page.
const PathHelpdesk = "/helpdesk"

// KeyHelpdesk is the sessionStorage key of the bundle open in helpdesk mode: while it is set,
// go-app's /app.js loads the staff program (server/builderpage.go).
const KeyHelpdesk = "bando.helpdesk.bundle"

func init() { maps.Copy(texts, helpdeskTexts) }

var helpdeskTexts = map[string][2]string{
	"helpdesk.title":       {"Assistenza: apri un pacchetto", "Helpdesk: open a bundle"},
	"helpdesk.help":        {"Scegli un file .bando-support.json inviato da chi compila la domanda, oppure trascinalo in questo riquadro. Il pacchetto si apre in sola lettura: le bozze di questo computer non vengono toccate.", "Choose a .bando-support.json file sent by the applicant, or drop it on this box. The bundle opens read-only: the drafts on this computer are not touched."},
	"helpdesk.choose":      {"Scegli il pacchetto di assistenza", "Choose the support bundle"},
	"helpdesk.error":       {"Il file «%s» non è stato aperto. %s", "The file “%s” was not opened. %s"},
	"helpdesk.banner":      {"Modalità assistenza — sola lettura", "Helpdesk mode — read-only"},
	"helpdesk.banner.more": {"Stai vedendo la domanda del pacchetto di assistenza: nulla viene salvato.", "You are looking at the support bundle's application: nothing is saved."},
	"helpdesk.details":     {"Dettagli del pacchetto", "Bundle details"},
	"helpdesk.leave":       {"Chiudi modalità assistenza", "Close helpdesk mode"},
	"helpdesk.noreload":    {"Il pacchetto è troppo grande per restare aperto se ricarichi la pagina.", "The bundle is too large to stay open if you reload the page."},
	"helpdesk.open":        {"Apri la schermata del richiedente", "Open the applicant's screen"},
	"helpdesk.facts":       {"Il pacchetto", "The bundle"},
	"helpdesk.created":     {"Creato il", "Created on"},
	"helpdesk.call":        {"Bando", "Call"},
	"helpdesk.callver":     {"Versione del bando", "Call version"},
	"helpdesk.appver":      {"Versione dell'app", "App version"},
	"helpdesk.thennow":     {"%s allora, %s ora", "%s then, %s now"},
	"helpdesk.screen":      {"Schermata", "Screen"},
	"helpdesk.lang":        {"Lingua", "Language"},
	"helpdesk.data":        {"Dati personali", "Personal data"},
	"helpdesk.redacted":    {"sostituiti da valori fittizi con gli stessi esiti", "replaced by fakes with the same verdicts"},
	"helpdesk.coarsened":   {"sostituiti da valori fittizi con gli stessi esiti, anche anno di nascita, sesso, provincia e CAP", "replaced by fakes with the same verdicts, birth year, sex, provincia and postcode too"},
	"helpdesk.personal":    {"ATTENZIONE: il pacchetto contiene i dati personali della domanda", "WARNING: the bundle holds the application's personal data"},
	"helpdesk.ua":          {"Browser", "Browser"},
	"helpdesk.blang":       {"Lingua del browser", "Browser language"},
	"helpdesk.storage":     {"Spazio usato / disponibile", "Storage used / quota"},
	"helpdesk.persisted":   {"Archiviazione persistente", "Persistent storage"},
	"helpdesk.unknown":     {"(non indicato)", "(not given)"},
	"helpdesk.recorded":    {"Errori registrati nel pacchetto (%d)", "Errors recorded in the bundle (%d)"},
	"helpdesk.norecorded":  {"Nessun errore registrato nel pacchetto.", "No error recorded in the bundle."},
	"helpdesk.same":        {"Nessuna differenza dagli esiti registrati nel pacchetto.", "No difference from the verdicts recorded in the bundle."},
	"helpdesk.diff":        {"Differenze dagli esiti registrati (+ nuovo, − non più segnalato)", "Differences from the recorded verdicts (+ new, − no longer reported)"},
	"helpdesk.notkept":     {"Per questi esiti i valori fittizi non equivalgono agli originali:", "For these verdicts the fakes are not equivalent to the originals:"},
	"helpdesk.toolarge":    {"Il file è troppo grande (%d MB, al massimo %d MB).", "The file is too large (%d MB, at most %d MB)."},
	"helpdesk.wholeform":   {"(domanda)", "(application)"},

	"support.title":    {"Invia all'assistenza", "Send to the helpdesk"},
	"support.help":     {"Crea un file .bando-support.json da allegare alla richiesta di assistenza. I dati personali (nomi, codici fiscali, IBAN, indirizzi, testi liberi) sono sostituiti da valori fittizi che danno gli stessi errori.", "Make a .bando-support.json file to attach to your request for help. Personal data (names, tax codes, IBAN, addresses, free text) is replaced by fakes that give the same errors."},
	"support.coarsen":  {"Riduci anche anno di nascita, sesso, provincia e CAP (di solito restano: aiutano l'assistenza e da soli non identificano nessuno)", "Also replace birth year, sex, provincia and postcode (usually kept: they help the helpdesk and alone identify no one)"},
	"support.personal": {"Includi i miei dati personali (solo se l'assistenza lo chiede)", "Include my personal data (only if the helpdesk asks for it)"},
	"support.export":   {"Crea il pacchetto per l'assistenza", "Make the support bundle"},
	"support.error":    {"Il pacchetto non è stato creato: %s", "The bundle was not made: %s"},
}

// helpdeskView loads a bundle, then shows its facts and verdicts.
type helpdeskView struct {
	app.Compo
	Lang schema.Lang
	Ver  int

	msg      string
	dragging bool
}

func (h *helpdeskView) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	l := h.Lang
	body := []app.UI{
		app.H1().ID("page-title").TabIndex(-1).Text(tr(l, "helpdesk.title")),
		h.loadBox(l),
	}
	if b := sess.scratch.bundle; b != nil && sess.scratch.mode == "helpdesk" {
		body = append(body, bundleFacts(b, l), bundleVerdicts(b, l),
			app.Div().Class("d-flex flex-wrap gap-3 mt-4").Body(
				app.A().ID("helpdesk-open").Class("btn btn-primary").Href(bundleScreen(b, sess.open.call)).Text(tr(l, "helpdesk.open")),
				leaveHelpdeskButton(l, "helpdesk-leave", &sess.scratch, &sess.guard),
			))
	}
	return app.Div().Class("helpdesk").Body(body...)
}

func (h *helpdeskView) loadBox(l schema.Lang) app.UI {
	zone := fileZone{id: "helpdesk-load", class: "p-4 mt-4", titled: "helpdesk-load-title", dragging: &h.dragging,
		input: "helpdesk-file", help: "helpdesk-help", choose: tr(l, "helpdesk.choose"), button: "btn btn-outline-primary",
		accept: ".json,application/json",
		take:   oneFile(l, func(msg string) { h.msg = msg }, h.load)}
	return zone.render([]app.UI{
		app.P().ID("helpdesk-load-title").Class("fw-bold mb-1").Text(tr(l, "helpdesk.choose")),
		app.P().ID("helpdesk-help").Text(tr(l, "helpdesk.help")),
	}, slot(h.msg != "", func() app.UI {
		return app.Div().ID("helpdesk-message").Class("alert alert-danger mt-3").Attr("role", "alert").Text(h.msg)
	}))
}

// load reads a bundle file and, when it is a good one, opens the applicant's screen.
func (h *helpdeskView) load(ctx app.Context, file app.Value) {
	name := file.Get("name").String()
	fail := func(msg string) { h.msg = tr(h.Lang, "helpdesk.error", name, msg) }
	if size := int64(file.Get("size").Int()); size > draft.MaxBundleSize {
		fail(tr(h.Lang, "helpdesk.toolarge", size>>20, draft.MaxBundleSize>>20))
		return
	}
	readPicked(ctx, h.Lang, file, fail, func(ctx app.Context, data []byte) {
		screen, err := sess.openBundle(data)
		if err != nil {
			fail(errorText(err, h.Lang))
			return
		}
		h.msg = ""
		ctx.Navigate(screen)
	})
}

// openBundle checks a bundle file and puts its draft on screen in helpdesk mode, with the
// errors it records shown at their fields. It returns the path of the applicant's screen.
func (s *session) openBundle(data []byte) (string, error) {
	b, err := draft.DecodeBundle(data)
	if err != nil {
		return "", err
	}
	c, err := schema.Shipped(b.Call)
	if err != nil {
		return "", err
	}
	if err := draft.CheckCall(b.Draft, c); err != nil {
		return "", err
	}
	d := *b.Draft
	d.Answers = b.Draft.Answers.Clone()
	c.AssignItemIDs(d.Answers) // a bundle made before items had ids
	s.enterScratch("helpdesk", c, &d)
	s.scratch.bundle = b
	s.scratch.bundleKept = keepBundle(data)
	screen := bundleScreen(b, c)
	sid := ""
	if r := parseRoute(screen); r.page == "section" {
		sid = r.section
	}
	var paths []string
	for _, v := range b.Verdicts {
		if v.Path == "" {
			continue
		}
		is := schema.Issue{Path: v.Path, Key: v.Key, Params: v.Params, Severity: v.Severity}
		is.Message = issueText(c, is, s.lang)
		u := s.fieldUI(v.Path)
		if u.issue == nil {
			u.issue = &is
			if sid != "" && sectionOf(v.Path) == sid {
				paths = append(paths, v.Path)
			}
		}
		u.showing = true
	}
	s.summary, s.summaryFor = paths, sid
	s.summaryVer++
	return screen, nil
}

// keepBundle keeps the bundle file open in helpdesk mode for a reload of this tab (see the
// top of this file). It reports false when sessionStorage refuses it (too large, or disabled):
// the mode then ends with the page, and the banner says so.
func keepBundle(data []byte) bool { return sessionSet(KeyHelpdesk, string(data)) }

// forgetBundle removes the kept bundle: the operator left helpdesk mode.
func forgetBundle() { sessionDel(KeyHelpdesk) }

// resumeKept opens again, after a reload, the bundle this tab had open in helpdesk mode,
// on the page the tab reloaded (a step, the review, /firma or /helpdesk itself). Landing on any
// other page means the mode was left: the kept bundle goes. It runs once storage has opened
// and before ensureDraft, which would otherwise start an applicant's draft on a step.
func (s *session) resumeKept() {
	data := sessionGet(KeyHelpdesk)
	if data == "" || s.scratch.mode != "" {
		return
	}
	switch s.route.page {
	case "helpdesk", "section", "review", "sign":
	default:
		forgetBundle()
		return
	}
	if _, err := s.openBundle([]byte(data)); err != nil {
		forgetBundle() // an app update that reads it no more: the operator opens it again
	}
}

// bundleScreen is the app path of the bundle's screen when it is a step of c or the review,
// else c's first step.
func bundleScreen(b *draft.Bundle, c *schema.Call) string {
	p := b.Screen
	if u, err := url.Parse(p); err == nil {
		p = u.Path
	}
	switch r := parseRoute(p); {
	case r.page == "review":
		return PathReview
	case r.page == "section" && c.Section(r.section) != nil:
		return sectionPath(r.section)
	}
	if len(c.Sections) > 0 {
		return sectionPath(c.Sections[0].ID)
	}
	return PathHelpdesk
}

// leaveHelpdeskButton leaves helpdesk mode (sc.leave) for the start page.
func leaveHelpdeskButton(l schema.Lang, id string, sc *scratchMode, g *crashGuard) app.UI {
	return app.Button().Type("button").ID(id).Class("btn btn-outline-secondary").Text(tr(l, "helpdesk.leave")).
		OnClick(func(ctx app.Context, e app.Event) {
			defer g.recovered()
			sc.leave()
			ctx.Navigate(PathHome)
		})
}

// helpdeskBanner marks every screen of helpdesk mode. It needs the scratch mode alone, which
// it leaves (a view: see sess).
type helpdeskBanner struct {
	Lang    schema.Lang
	Scratch *scratchMode
	Guard   *crashGuard
}

func (b helpdeskBanner) ui() app.UI {
	l := b.Lang
	return app.Div().ID("helpdesk-banner").Class("alert alert-warning d-flex flex-wrap gap-3 align-items-center helpdesk-banner").
		Attr("role", "status").Body(
		app.Strong().Class("flex-grow-1").Body(
			app.Text(tr(l, "helpdesk.banner")),
			app.Span().Class("d-block small fw-normal").Text(tr(l, "helpdesk.banner.more")),
			slot(!b.Scratch.bundleKept, func() app.UI {
				return app.Span().ID("helpdesk-noreload").Class("d-block small fw-normal").Text(tr(l, "helpdesk.noreload"))
			}),
		),
		app.A().ID("helpdesk-details").Class("btn btn-sm btn-outline-dark").Href(PathHelpdesk).Text(tr(l, "helpdesk.details")),
		leaveHelpdeskButton(l, "helpdesk-leave-banner", b.Scratch, b.Guard),
	)
}

func factRow(label, value string) app.UI {
	return app.Div().Class("row py-1").Body(
		app.Dt().Class("col-sm-4").Text(label),
		app.Dd().Class("col-sm-8 mb-0").Text(value),
	)
}

func orUnknown(s string, l schema.Lang) string {
	if s == "" {
		return tr(l, "helpdesk.unknown")
	}
	return s
}

// bundleFacts: versions then and now, screen, redaction, browser facts.
func bundleFacts(b *draft.Bundle, l schema.Lang) app.UI {
	callNow := "?"
	if sess.open.call != nil {
		callNow = strconv.Itoa(sess.open.call.Version)
	}
	data := tr(l, "helpdesk.redacted")
	switch {
	case !b.Redacted:
		data = tr(l, "helpdesk.personal")
	case b.Coarsened:
		data = tr(l, "helpdesk.coarsened")
	}
	storage := ""
	if b.Browser.StorageUsage != "" || b.Browser.StorageQuota != "" {
		storage = orUnknown(b.Browser.StorageUsage, l) + " / " + orUnknown(b.Browser.StorageQuota, l)
	}
	return app.Section().Class("mt-4").Aria("labelledby", "bundle-facts-title").Body(
		app.H2().Class("h3").ID("bundle-facts-title").Text(tr(l, "helpdesk.facts")),
		app.Dl().ID("bundle-facts").Class("bundle-facts").Body(
			factRow(tr(l, "helpdesk.created"), tr(l, "time.rome", schema.InRome(b.CreatedAt).Format("02/01/2006 15:04"))),
			factRow(tr(l, "helpdesk.call"), b.Call),
			factRow(tr(l, "helpdesk.callver"), tr(l, "helpdesk.thennow", strconv.Itoa(b.CallVersion), callNow)),
			factRow(tr(l, "helpdesk.appver"), tr(l, "helpdesk.thennow", orUnknown(b.AppVersion, l), orUnknown(sess.appVersion, l))),
			factRow(tr(l, "helpdesk.screen"), orUnknown(b.Screen, l)),
			factRow(tr(l, "helpdesk.lang"), orUnknown(b.Lang, l)),
			factRow(tr(l, "helpdesk.data"), data),
			factRow(tr(l, "helpdesk.ua"), orUnknown(b.Browser.UserAgent, l)),
			factRow(tr(l, "helpdesk.blang"), orUnknown(b.Browser.Language, l)),
			factRow(tr(l, "helpdesk.storage"), orUnknown(storage, l)),
			factRow(tr(l, "helpdesk.persisted"), orUnknown(b.Browser.StoragePersisted, l)),
		),
	)
}

// bundleVerdicts lists the recorded errors and the difference from today's, as bando replay.
func bundleVerdicts(b *draft.Bundle, l schema.Lang) app.UI {
	c := sess.open.call
	label := func(p string) string {
		if p == "" {
			return tr(l, "helpdesk.wholeform")
		}
		return pathLabel(c, p, l)
	}
	var recorded app.UI = app.P().ID("bundle-recorded").Text(tr(l, "helpdesk.norecorded"))
	if len(b.Verdicts) > 0 {
		items := make([]app.UI, len(b.Verdicts))
		for i, v := range b.Verdicts {
			msg := issueText(c, schema.Issue{Path: v.Path, Key: v.Key, Params: v.Params}, l)
			if v.Severity == schema.SeverityWarning {
				msg = tr(l, "field.warning") + " " + msg
			}
			items[i] = app.Li().Text(labelled(label(v.Path), msg))
		}
		recorded = app.Div().Body(
			app.H2().Class("h3 mt-4").Text(tr(l, "helpdesk.recorded", len(b.Verdicts))),
			app.Ul().ID("bundle-recorded").Body(items...),
		)
	}
	// Compared as recorded (parameters worded in Italian); Validate gives the same list, in the
	// same order, in every language, so an index of one is an index of the other.
	nowIssues := c.Validate(sess.open.answers(), l)
	gone, added := draft.CompareVerdicts(b.Verdicts, draft.RecordedVerdicts(c, sess.open.answers()))
	var diff app.UI
	if gone == nil && added == nil {
		diff = app.P().ID("bundle-diff").Class("alert alert-success").Text(tr(l, "helpdesk.same"))
	} else {
		var items []app.UI
		for _, i := range added {
			items = append(items, app.Li().Class("diff-added").Text("+ "+label(nowIssues[i].Path)+": "+nowIssues[i].Message))
		}
		for _, i := range gone {
			v := b.Verdicts[i]
			items = append(items, app.Li().Class("diff-gone").Text("− "+label(v.Path)+": "+
				issueText(c, schema.Issue{Path: v.Path, Key: v.Key, Params: v.Params}, l)))
		}
		diff = app.Div().ID("bundle-diff").Class("alert alert-warning").Body(
			app.P().Class("fw-bold").Text(tr(l, "helpdesk.diff")),
			app.Ul().Body(items...),
		)
	}
	var notKept app.UI
	if len(b.NotKept) > 0 {
		items := make([]app.UI, len(b.NotKept))
		for i, s := range b.NotKept {
			items[i] = app.Li().Text(s)
		}
		notKept = app.Div().Class("small").Body(app.P().Text(tr(l, "helpdesk.notkept")), app.Ul().Body(items...))
	}
	return app.Div().Body(recorded, diff, notKept)
}

// supportBox is the applicant's "send to the helpdesk" action: it downloads a support bundle
// of the open draft, redacted unless the applicant ticks the box.
type supportBox struct {
	app.Compo
	Lang schema.Lang

	personal bool
	coarsen  bool
	running  bool // the worker is making the bundle
	msg      string
}

func (sb *supportBox) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	l := sb.Lang
	if sess.scratch.mode != "" {
		return app.P().ID("support-unavailable").Class("small text-muted mt-4").Text(tr(l, "scratch.support"))
	}
	if sess.open.d == nil {
		return app.Div().ID("support-slot")
	}
	return app.Section().ID("support").Class("support-box p-3 mt-4 border rounded").Aria("labelledby", "support-title").Body(
		app.H2().Class("h4").ID("support-title").Text(tr(l, "support.title")),
		app.P().ID("support-help").Text(tr(l, "support.help")),
		app.Div().Class("form-check mb-2").Body(
			app.Input().Type("checkbox").Class("form-check-input").ID("support-coarsen").Checked(sb.coarsen).
				Disabled(sb.personal).
				OnChange(func(ctx app.Context, e app.Event) {
					defer sess.guard.recovered()
					sb.coarsen = e.Get("target").Get("checked").Bool()
				}),
			app.Label().Class("form-check-label").For("support-coarsen").Text(tr(l, "support.coarsen")),
		),
		app.Div().Class("form-check mb-2").Body(
			app.Input().Type("checkbox").Class("form-check-input").ID("support-personal").Checked(sb.personal).
				OnChange(func(ctx app.Context, e app.Event) {
					defer sess.guard.recovered()
					sb.personal = e.Get("target").Get("checked").Bool()
				}),
			app.Label().Class("form-check-label").For("support-personal").Text(tr(l, "support.personal")),
		),
		app.Button().Type("button").ID("support-export").Class("btn btn-outline-primary").
			Aria("describedby", "support-help").Disabled(sb.running).Text(tr(l, "support.export")).OnClick(sb.export),
		slot(sb.msg != "", func() app.UI {
			return app.Div().ID("support-message").Class("alert alert-danger mt-3").Attr("role", "alert").Text(sb.msg)
		}),
	)
}

// export asks the signing worker for the bundle (job.OpBundle: the redaction stays out of
// this program) and downloads it.
func (sb *supportBox) export(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	if sb.running {
		return
	}
	screen := ctx.Page().URL().Path
	personal, coarsen := sb.personal, sb.coarsen
	sb.running = true
	startWorker() // it loads while the browser answers
	ctx.Async(func() {
		defer sess.guard.background()
		br := browserFacts()
		ctx.Dispatch(func(ctx app.Context) {
			defer sess.guard.recovered()
			if sess.open.d == nil || sess.scratch.mode != "" {
				sb.running = false
				return
			}
			raw, err := sess.encoded()
			if err != nil {
				sb.running = false
				sb.msg = tr(sb.Lang, "support.error", errorText(err, sb.Lang))
				return
			}
			req := job.Request{Op: job.OpBundle, Lang: sess.lang, Draft: raw, Support: &job.Support{
				AppVersion: sess.appVersion, Screen: screen, Personal: personal, Coarsen: coarsen,
				UserAgent: br.UserAgent, Language: br.Language,
				StorageUsage: br.StorageUsage, StorageQuota: br.StorageQuota, StoragePersisted: br.StoragePersisted,
			}}
			runJob(ctx, req, nil, nil, func(r jobResult) {
				sb.running = false
				if r.Error != nil || r.Bundle == nil {
					sb.msg = tr(sb.Lang, "support.error", orFailure(r).Text.In(sb.Lang))
					return
				}
				if err := downloadBlob(r.Bundle.FileName, blobOf(r.Data, "application/json")); err != nil {
					sb.msg = tr(sb.Lang, "support.error", err.Error())
					return
				}
				sb.msg = ""
			})
		})
	})
}

// browserFacts reads what the browser says about itself and its storage. It waits for
// promises: call it from a goroutine.
func browserFacts() draft.Browser {
	var br draft.Browser
	var storage app.Value
	_ = jsTry(func() {
		nav := app.Window().Get("navigator")
		br.UserAgent = nav.Get("userAgent").String()
		br.Language = nav.Get("language").String()
		if st := nav.Get("storage"); st.Truthy() {
			storage = st
		}
	})
	if storage == nil {
		return br
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	var p app.Value
	if jsTry(func() {
		if storage.Get("estimate").Truthy() {
			p = storage.Call("estimate")
		}
	}) == nil && p != nil {
		if v, err := awaitPromise(ctx, p); err == nil && v != nil && v.Truthy() {
			_ = jsTry(func() {
				br.StorageUsage = humanBytes(v.Get("usage").Float())
				br.StorageQuota = humanBytes(v.Get("quota").Float())
			})
		}
	}
	p = nil
	if jsTry(func() {
		if storage.Get("persisted").Truthy() {
			p = storage.Call("persisted")
		}
	}) == nil && p != nil {
		if v, err := awaitPromise(ctx, p); err == nil && v != nil {
			_ = jsTry(func() { br.StoragePersisted = strconv.FormatBool(v.Truthy()) })
		}
	}
	return br
}

// humanBytes writes a size as "1.2 MB", "1,2 MB" in Italian.
func humanBytes(n float64) string {
	units := []string{"B", "kB", "MB", "GB", "TB"}
	i := 0
	for n >= 1000 && i < len(units)-1 {
		n /= 1000
		i++
	}
	if i == 0 {
		return strconv.FormatFloat(n, 'f', 0, 64) + " " + units[i]
	}
	s := strconv.FormatFloat(n, 'f', 1, 64) + " " + units[i]
	if sess.lang == schema.IT {
		s = strings.Replace(s, ".", ",", 1) // "0,1 MB" in Italian text
	}
	return s
}
