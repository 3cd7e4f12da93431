package ui

import (
	"context"
	"runtime/debug"
	"strconv"
	"time"

	"bando/app/draft"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The call editor (/builder) is not part of this program. It is its own wasm, web/builder.wasm
// (wasm/builder: this package plus the editor, package app/builder), which the server sends
// only for /builder: an applicant never downloads it. Here /builder is builderLoader, which
// loads the page again from the server (or the service worker), which answers it with the
// editor's program. The editor's program registers its page with RoutesWithBuilder; the
// exported functions below are what it uses of this package: the preview made of the
// applicant's own components, the panic boundary, and a few browser bridges.

// PathBuilder is the call editor's page.
const PathBuilder = "/builder"

// BuilderScript and BuilderWasm are the editor's loader (go-app's app.js loading BuilderWasm
// instead of app.wasm; the server derives it) and its program.
const (
	BuilderScript = "/builder.js"
	BuilderWasm   = "/web/builder.wasm"
)

// PathPartner is the page where a member of an ATS fills its partner sheet, PathMerge the one
// where the capofila merges the returned sheets into the draft (issue 15). Like the editor and
// the helpdesk they are the staff program's: an applicant who never fills or merges a sheet
// never downloads them.
const (
	PathPartner = "/scheda"
	PathMerge   = "/unisci"
)

// staffPage is a page of the staff program: its path, its route's page name and the prefix of
// the texts its loader shows in the applicant's program (prefix+".title", ".loading",
// ".noload", ".offline", in init).
type staffPage struct{ path, page, texts string }

// staffPages are every page of the staff program. Adding one: a line here, its texts, and its
// maker in RoutesWithBuilder; the server sends the staff program for it (server/builderpage.go)
// and the staff program keeps it offline (BuilderFiles).
var staffPages = [...]staffPage{
	{PathBuilder, "builder", "builder"},
	{PathHelpdesk, "helpdesk", "helpdesk.load"},
	{PathPartner, "partner", "partner.load"},
	{PathMerge, "merge", "merge.load"},
}

// StaffPaths are the paths of the staff program's pages.
func StaffPaths() []string {
	out := make([]string, len(staffPages))
	for i, p := range staffPages {
		out[i] = p.path
	}
	return out
}

// staffPageWhere is the staff page for which match is true.
func staffPageWhere(match func(staffPage) bool) (staffPage, bool) {
	for _, p := range staffPages {
		if match(p) {
			return p, true
		}
	}
	return staffPage{}, false
}

// isStaffPath reports whether path is a page of the staff program.
func isStaffPath(path string) bool {
	_, ok := staffPageWhere(func(p staffPage) bool { return p.path == path })
	return ok
}

// BuilderFiles are what the staff program needs offline. It puts them in the service worker's
// cache when it starts (cacheForOffline); applicants never fetch them.
func BuilderFiles() []string { return append(StaffPaths(), BuilderScript, BuilderWasm) }

// BuilderPage makes the editor's page, in the interface language l; ver changes when every
// part must render again.
type BuilderPage func(l schema.Lang, ver int) app.UI

// staffMakers make the staff program's pages, by route page name; empty in the applicant's
// program, where every staff page is a builderLoader. Set once, by RoutesWithBuilder.
var staffMakers map[string]BuilderPage

// resumeHelpdesk is the helpdesk (helpdesk.go) in the staff program, nil in the applicant's:
// reading support bundles and showing their verdicts cost applicants 24 KB of brotli on their
// first visit, for a page only helpdesk operators open.
var resumeHelpdesk func(s *session)

// RoutesWithBuilder registers every page as Routes does, with p as the page of /builder and the
// other staff pages (the helpdesk, the partner sheet, the merge). Only the staff program
// (wasm/builder) calls it, once, before app.RunWhenOnBrowser.
func RoutesWithBuilder(p BuilderPage) {
	staffMakers = map[string]BuilderPage{
		"builder":  p,
		"helpdesk": func(l schema.Lang, ver int) app.UI { return &helpdeskView{Lang: l, Ver: ver} },
		"partner": func(l schema.Lang, ver int) app.UI {
			return &partnerView{Lang: l, Ver: ver, CondVer: sess.condVer, SummaryVer: sess.summaryVer, Status: sheetStatus(sess, l)}
		},
		"merge": func(l schema.Lang, ver int) app.UI { return &mergePage{Lang: l, Ver: ver} },
	}
	mergeTexts()
	resumeHelpdesk = (*session).resumeKept
	partnerTexts()
	saveSheet = saveSheetNow
	onHide(func() { saveSheetNow(sess) }) // at once: the page may be going away (flushSync is the drafts')
	Routes()
}

// staffPageUI is the page of the staff page named name: the page itself in the staff
// program, the loader of the staff program in the applicant's.
func staffPageUI(l schema.Lang, name string) app.UI {
	if make := staffMakers[name]; make != nil {
		return make(l, sess.ver)
	}
	p, _ := staffPageWhere(func(p staffPage) bool { return p.page == name })
	return &builderLoader{Lang: l, Texts: p.texts}
}

func init() {
	texts["builder.title"] = [2]string{"Editor dei bandi", "Call builder"}
	texts["builder.loading"] = [2]string{"Caricamento dell'editor dei bandi…", "Loading the call builder…"}
	texts["builder.noload"] = [2]string{
		"L'editor dei bandi non si è caricato. La prima volta serve la connessione: collegati e ricarica la pagina.",
		"The call builder did not load. The first time it needs a connection: connect and reload the page.",
	}
	texts["builder.offline"] = [2]string{
		"L'editor dei bandi non è ancora su questo computer: la prima volta serve la connessione. Le bozze restano come sono.",
		"The call builder is not on this computer yet: the first time it needs a connection. Drafts stay as they are.",
	}
	texts["builder.retry"] = [2]string{"Riprova", "Try again"}
	texts["helpdesk.load.title"] = [2]string{"Assistenza", "Helpdesk"}
	texts["helpdesk.load.loading"] = [2]string{"Caricamento della pagina dell'assistenza…", "Loading the helpdesk page…"}
	texts["helpdesk.load.noload"] = [2]string{
		"La pagina dell'assistenza non si è caricata. La prima volta serve la connessione: collegati e ricarica la pagina.",
		"The helpdesk page did not load. The first time it needs a connection: connect and reload the page.",
	}
	texts["helpdesk.load.offline"] = [2]string{
		"La pagina dell'assistenza non è ancora su questo computer: la prima volta serve la connessione. Le bozze restano come sono.",
		"The helpdesk page is not on this computer yet: the first time it needs a connection. Drafts stay as they are.",
	}
	texts["partner.load.title"] = [2]string{"Scheda del partner", "Partner sheet"}
	texts["partner.load.loading"] = [2]string{"Caricamento della pagina delle schede dei partner…", "Loading the partner sheet page…"}
	texts["partner.load.noload"] = [2]string{
		"La pagina delle schede dei partner non si è caricata. La prima volta serve la connessione: collegati e ricarica la pagina.",
		"The partner sheet page did not load. The first time it needs a connection: connect and reload the page.",
	}
	texts["partner.load.offline"] = [2]string{
		"La pagina delle schede dei partner non è ancora su questo computer: la prima volta serve la connessione. Le bozze restano come sono.",
		"The partner sheet page is not on this computer yet: the first time it needs a connection. Drafts stay as they are.",
	}
	texts["merge.load.title"] = [2]string{"Unisci le schede dei partner", "Merge the partner sheets"}
	texts["merge.load.loading"] = [2]string{"Caricamento della pagina per unire le schede…", "Loading the page to merge sheets…"}
	texts["merge.load.noload"] = [2]string{
		"La pagina per unire le schede non si è caricata. La prima volta serve la connessione: collegati e ricarica la pagina.",
		"The page to merge sheets did not load. The first time it needs a connection: connect and reload the page.",
	}
	texts["merge.load.offline"] = [2]string{
		"La pagina per unire le schede non è ancora su questo computer: la prima volta serve la connessione. Le bozze restano come sono.",
		"The page to merge sheets is not on this computer yet: the first time it needs a connection. Drafts stay as they are.",
	}
}

// keyBuilderLoad remembers, for this tab, when builderLoader last loaded the page: if the page
// that comes back is this program again (a host that answers every path with the start page),
// it says so instead of loading it again and again.
const keyBuilderLoad = "bando.builder.load"

// builderLoader is every staff page in the applicant's program: it saves what was typed and
// loads the page again, to get the staff program.
type builderLoader struct {
	app.Compo
	Lang  schema.Lang
	Texts string // its page's texts (staffPage.texts)
	msg   string
}

// text is the loader's text of key for its page.
func (b *builderLoader) text(key string) string { return tr(b.Lang, b.Texts+"."+key) }

func (b *builderLoader) OnMount(ctx app.Context) {
	defer sess.guard.recovered()
	if app.IsServer {
		return
	}
	if t, err := strconv.ParseInt(sessionGet(keyBuilderLoad), 10, 64); err == nil && time.Since(time.UnixMilli(t)) < 30*time.Second {
		sessionDel(keyBuilderLoad)
		b.msg = b.text("noload")
		return
	}
	ctx.Async(func() {
		defer sess.guard.background()
		ok := online() || cachedFile(BuilderWasm)
		ctx.Dispatch(func(ctx app.Context) {
			defer sess.guard.recovered()
			if !ok {
				b.msg = b.text("offline")
				return
			}
			sessionSet(keyBuilderLoad, strconv.FormatInt(time.Now().UnixMilli(), 10))
			sess.flush(func() { ctx.Reload() })
		})
	})
}

func (b *builderLoader) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui)
	l := b.Lang
	if b.msg == "" {
		return app.Div().Class("builder").Body(
			app.H1().ID("page-title").TabIndex(-1).Text(b.text("title")),
			app.P().Class("loading").Aria("busy", "true").Text(b.text("loading")),
		)
	}
	return app.Div().Class("builder").Body(
		app.H1().ID("page-title").TabIndex(-1).Text(b.text("title")),
		app.Div().ID("builder-unavailable").Class("alert alert-warning").Attr("role", "alert").Body(
			app.P().Text(b.msg),
			app.Button().Type("button").ID("builder-retry").Class("btn btn-primary").Text(tr(l, "builder.retry")).
				OnClick(func(ctx app.Context, e app.Event) {
					defer sess.guard.recovered()
					sess.flush(func() { ctx.Reload() })
				}),
		),
	)
}

// online reports what the browser believes of its connection.
func online() bool {
	on := true
	_ = jsTry(func() { on = app.Window().Get("navigator").Get("onLine").Bool() })
	return on
}

// cachedFile reports whether the service worker's caches hold url. Call it from a goroutine.
func cachedFile(url string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var p app.Value
	if jsTry(func() { p = app.Window().Get("caches").Call("match", url) }) != nil {
		return false
	}
	v, err := awaitPromise(ctx, p)
	return err == nil && v != nil && v.Truthy()
}

// What the editor's program uses of this package.

// Crashed shows the crash alert for a panic r recovered on the UI goroutine, as every event
// handler of this package does (resilience.go). The editor's handlers defer their own function
// that calls recover and hands the result here.
func Crashed(r any, stack []byte) { sess.guard.crashed(r, stack, true) }

// CrashedInBackground is Crashed for a panic recovered on a goroutine or a JavaScript callback.
func CrashedInBackground(r any, stack []byte) {
	if !app.IsServer && sess.started {
		sess.shell.Dispatch(func(app.Context) {
			defer sess.guard.recovered()
			sess.guard.crashed(r, stack, true)
		})
	}
}

// RenderCrashed is what a Render that panicked with r draws instead (see renderRecovered).
func RenderCrashed(r any, stack []byte) app.UI {
	if recordRenderPanics {
		sess.guard.crashed(r, stack, sess.guard.crash == "")
	}
	return crashAlert(sess.lang, false, "", "", &sess.guard)
}

// Stack is the stack of the calling goroutine, for Crashed.
func Stack() []byte { return debug.Stack() }

// Confirmed asks a yes/no question with the browser's own dialog.
func Confirmed(question string) bool { return confirmed(question) }

// Download hands data to the browser as a file named name.
func Download(name, mime string, data []byte) error { return download(name, mime, data) }

// PickedFile is the file chosen in the file input of event e.
func PickedFile(e app.Event) (app.Value, bool) { return pickedFile(e) }

// ReadFile reads a File whole; call it from a goroutine.
func ReadFile(ctx context.Context, file app.Value) ([]byte, error) { return readFile(ctx, file) }

// LocalGet and LocalSet read and write localStorage; LocalSet reports whether the browser took it.
func LocalGet(key string) string { return localGet(key) }

func LocalSet(key, value string) bool {
	return jsTry(func() { app.Window().Get("localStorage").Call("setItem", key, value) }) == nil
}

// JSTry runs f, turning a JavaScript exception into an error.
func JSTry(f func()) error { return jsTry(f) }

// PreviewCall puts call c on the preview with a scratch draft (never saved): the answers given
// so far are kept when c is the same call as the one on the preview. Every field renders again;
// PreviewEdit renders only those an edit changed.
func PreviewCall(c *schema.Call) {
	d := draft.New(c, sess.appVersion, time.Now())
	if sess.scratch.mode == "builder" && sess.open.d != nil && sess.open.d.Call == c.ID {
		d.Answers = sess.open.d.Answers.Clone()
	}
	seedGroups(c, d.Answers)
	c.AssignItemIDs(d.Answers)
	sess.enterScratch("builder", c, d)
}
