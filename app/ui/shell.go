package ui

import (
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// shell is the root component of every route: header, banners, and the page of the current
// path. It stays mounted for the life of the tab (see Routes), reads the URL on every
// navigation and hears about new versions of the app.
type shell struct {
	app.Compo

	r        route
	fragment string
	navs     int  // navigations seen; the first one is the page load
	server   bool // drawn by the server for a request (serverpage_other.go)
}

// guard is the crash guard of the shell's boundaries: the session's, but on the server, whose
// requests never read the session (serverpage_other.go), a guard of the request's own.
func (sh *shell) guard() *crashGuard {
	if sh.server {
		return &crashGuard{alert: func() app.UI { return app.Div() }}
	}
	return &sess.guard
}

// OnPreRender: the server learns the route it draws.
func (sh *shell) OnPreRender(ctx app.Context) { sh.r = parseRoute(ctx.Page().URL().Path) }

func (sh *shell) OnMount(ctx app.Context) {
	defer sess.guard.recovered()
	sess.start(ctx)
	if ctx.AppUpdateAvailable() {
		sess.updateAvailable = true
	}
	sh.onURL(ctx)
}

func (sh *shell) OnNav(ctx app.Context) {
	defer sh.guard().recovered()
	if app.IsServer {
		return // server-side rendering shares this package between requests: touch no session
	}
	sh.onURL(ctx)
}

// OnAppUpdate: go-app's service worker has installed a newer version. The prompt does not
// block: the applicant reloads when it suits them, and reloading saves first.
func (sh *shell) OnAppUpdate(ctx app.Context) {
	defer sess.guard.recovered()
	sess.updateAvailable = true
}

func (sh *shell) onURL(ctx app.Context) {
	u := ctx.Page().URL()
	r, frag := parseRoute(u.Path), u.Fragment
	if r == sh.r && frag == sh.fragment && sh.navs > 0 {
		return
	}
	sh.r, sh.fragment = r, frag
	sh.navs++
	sess.route = r
	sess.scratchFollows(r)
	sess.ensureDraft()
	switch {
	case frag != "":
		sess.focusLater(ctx, frag)
	case sh.navs > 1:
		// A new step: move focus to its heading, as a page load would for a screen reader.
		sess.focusLater(ctx, "page-title")
		app.Window().Call("scrollTo", 0, 0)
	default:
		sess.focusLater(ctx, "")
	}
}

func (sh *shell) Render() (ui app.UI) {
	defer sh.guard().renderRecovered(&ui)
	if sh.server {
		return serverPage(sh.r)
	} // a bug here must not kill the page (resilience.go)
	l := sess.lang
	return app.Div().Class("bando-app").Body(
		app.A().Class("visually-hidden-focusable skip-link").Href("#main").Text(tr(l, "app.skip")),
		sh.header(l),
		slot(sess.updateAvailable, func() app.UI { return updateBanner(l) }),
		app.Main().ID("main").Class("container py-4").Body(
			slot(sess.guard.crash != "", func() app.UI {
				return crashBanner{Lang: l, WithDraft: sess.exportable(), Guard: &sess.guard}.ui()
			}),
			slot(sess.ready && sess.saveFailed() != nil, func() app.UI { return saveFailedBanner(l, sess.saveFailed(), &sess.guard) }),
			slot(sess.tabs.conflict != nil && sess.open.d != nil, func() app.UI {
				return conflictBanner{Lang: l, Tabs: &sess.tabs, Guard: &sess.guard}.ui()
			}),
			slot(sess.tabs.otherTab && sess.tabs.conflict == nil && sess.open.d != nil && sess.scratch.mode == "", func() app.UI {
				return otherTabNotice{Lang: l, Tabs: &sess.tabs, Guard: &sess.guard}.ui()
			}),
			slot(sess.scratch.mode == "helpdesk", func() app.UI {
				return helpdeskBanner{Lang: l, Scratch: &sess.scratch, Guard: &sess.guard}.ui()
			}),
			slot(sess.open.call != nil && sess.origin(sess.open.call.ID) == originFile && sh.r.page != "home", func() app.UI { return fileCallBanner(sess.open.call, l) }),
			slot(sess.open.note != "" && sh.r.page != "home", func() app.UI {
				return app.Div().Class("alert alert-info d-flex gap-3 align-items-start migration-note").Attr("role", "status").Body(
					app.Span().Class("flex-grow-1").Text(sess.open.note),
					app.Button().Type("button").Class("btn btn-sm btn-outline-primary").Text("OK").
						OnClick(func(ctx app.Context, e app.Event) {
							defer sess.guard.recovered()
							sess.open.note = ""
						}),
				)
			}),
			sh.page(l),
		),
		app.Footer().Class("bando-footer container py-3 small").Body(
			app.A().ID("a11y-link").Href(PathAccessibility).Text(tr(l, "footer.a11y")),
		),
	)
}

func (sh *shell) header(l schema.Lang) app.UI {
	status := saveStatus{Lang: l, Saver: &sess.saver, Ask: sess.ready && sess.open.d != nil,
		Scratch: sess.scratch.mode != ""}
	title, name := "", ""
	if sess.open.call != nil {
		title = sess.open.call.Title.In(l)
	}
	if sess.open.d != nil && sess.scratch.mode == "" {
		name = sess.open.title(l)
	}
	if p := sh.r.page; p == "helpdesk" || p == "builder" || p == "partner" && sess.scratch.mode != "partner" {
		// pages of the office, and the page of sheets before one is open: the applicant's
		// draft is not what they are about
		title, name = "", ""
		status.Hidden = true
	}
	other := schema.EN
	if l == schema.EN {
		other = schema.IT
	}
	return app.Header().Class("bando-header").Body(
		app.Div().Class("container d-flex flex-wrap align-items-center gap-3 py-2").Body(
			app.A().Class("bando-brand").Href(PathHome).Body(
				// decorative: the link says "Bando". go-app drops an empty alt in the browser, so the
				// role says it instead.
				app.Img().Src("/web/icon.svg").Alt("").Attr("role", "presentation").Width(32).Height(32),
				app.Span().Text("Bando"),
			),
			app.Span().Class("bando-call-title flex-grow-1").Body(
				app.Span().Text(title),
				app.If(name != "", func() app.UI { return app.Span().ID("draft-name").Class("d-block small").Text(name) }),
			),
			status.ui(),
			app.Button().Type("button").ID("lang-switch").Class("btn btn-sm btn-outline-light lang-switch").
				Attr("lang", string(other)).Aria("label", tr(l, "lang.switch")).
				Text(tr(l, "lang.other")).OnClick(sh.switchLang),
		),
	)
}

func (sh *shell) switchLang(ctx app.Context, e app.Event) {
	defer sess.guard.recovered() // a bug here must not kill the page (resilience.go)
	if sess.lang == schema.EN {
		sess.setLang(schema.IT)
	} else {
		sess.setLang(schema.EN)
	}
	setDocumentLang(sess.lang)
	sess.focusLater(ctx, "") // the tab's title follows the heading, now in the other language
}

func updateBanner(l schema.Lang) app.UI {
	return app.Div().Class("update-banner").Aria("live", "polite").Body(
		app.Div().Class("container d-flex align-items-center gap-3 py-2").Body(
			app.Span().Text(tr(l, "update.text")),
			app.Button().Type("button").Class("btn btn-sm btn-primary").ID("update-reload").
				Text(tr(l, "update.reload")).OnClick(reload),
		),
	)
}

// reload saves what was typed, then loads the new version.
func reload(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	sess.flush(func() { ctx.Reload() })
}

func (sh *shell) page(l schema.Lang) app.UI {
	if !sess.ready {
		return app.P().Class("loading").Aria("busy", "true").Text(tr(l, "loading"))
	}
	if sess.scratch.mode == "helpdesk" && (sh.r.page == "section" || sh.r.page == "review") {
		// Helpdesk mode: the applicant's screen, every input and button disabled.
		return app.FieldSet().ID("helpdesk-readonly").Class("helpdesk-readonly border-0 p-0 m-0 min-w-0").Disabled(true).Body(sh.pageFor(l, sh.r))
	}
	return sh.pageFor(l, sh.r)
}

// pageFor is the page of route r.
func (sh *shell) pageFor(l schema.Lang, r route) app.UI {
	switch r.page {
	case "helpdesk", "builder", "partner", "merge":
		return staffPageUI(l, r.page) // the page, or its loader in the applicant's program (builderhost.go)
	case "accessibility":
		return &accessibilityPage{Lang: l}
	case "profiles":
		return &profilesPage{Lang: l}
	case "home":
		return &homePage{Lang: l, Ver: sess.ver}
	case "review":
		if sess.open.d == nil {
			return &homePage{Lang: l, Ver: sess.ver}
		}
		return &reviewPage{Lang: l, Ver: sess.ver, CondVer: sess.condVer}
	case "sign":
		if sess.open.d == nil {
			return &homePage{Lang: l, Ver: sess.ver}
		}
		return &signPage{Lang: l, Ver: sess.ver}
	case "history":
		if sess.open.d == nil {
			return &homePage{Lang: l, Ver: sess.ver}
		}
		return &historyPage{Lang: l, Ver: sess.ver}
	case "section":
		if sess.open.d == nil {
			return &homePage{Lang: l, Ver: sess.ver}
		}
		return &formPage{Lang: l, Section: r.section, Ver: sess.ver, CondVer: sess.condVer, SummaryVer: sess.summaryVer}
	}
	return app.P().Text(tr(l, "notfound"))
}

// focusLater moves the focus to the element id once the next render is done ("" only marks
// the page ready). Elements rendered after the draft loads are found then.
func (s *session) focusLater(ctx app.Context, id string) {
	s.focusAfter = id
	ctx.Defer(func(app.Context) {
		defer s.guard.recovered()
		s.afterRender()
	})
}

func (s *session) afterRender() {
	if !s.ready {
		return
	}
	if s.focusAfter != "" && focusID(s.focusAfter) {
		s.focusAfter = ""
	}
	titleFromHeading()
	markReady()
	s.scheduleEarlyPage()
}
