package main

// The browser tests drive real headless Chromium (chromedp) against the real handler on a
// random loopback port. This file is their harness: the wasm built once per run, the server,
// a browser per test with its network log, screenshots on failure, and helpers that fill the
// form the way the applicant does, finding each input by its ui.FieldID.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"bando/app/ui"
	"bando/schema"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browserWeb is the web folder the browser tests serve: $BANDO_WEB (make test builds the wasm
// into web/ first), else a temporary copy of web/ with a wasm built once for the whole run (a
// wasm build takes ~40 s). The copy keeps file times, so the server's own rule applies: a
// compressed copy older than its wasm (or than a wasm built here) is never served.
// wasmTags are the Makefile's WASMTAGS, for the builds the tests make themselves.
const wasmTags = "validator_novalidatefn"

var wasmMod struct {
	once sync.Once
	path string
	err  error
}

// buildWasm builds a wasm program as make wasm does: against the trimmed modules of
// scripts/wasmoverlay, with wasmTags and extra tags.
func buildWasm(out, pkg string, tags ...string) error {
	wasmMod.once.Do(func() {
		dir, err := os.MkdirTemp("", "bando-wasmmod-")
		if err != nil {
			wasmMod.err = err
			return
		}
		cmd := exec.Command("go", "run", "../scripts/wasmoverlay", "-out", dir)
		res, err := cmd.Output()
		if err != nil {
			wasmMod.err = fmt.Errorf("scripts/wasmoverlay: %v", err)
			return
		}
		wasmMod.path = strings.TrimSpace(string(res))
	})
	if wasmMod.err != nil {
		return wasmMod.err
	}
	cmd := exec.Command("go", "build", "-modfile", wasmMod.path, "-tags", strings.Join(append([]string{wasmTags}, tags...), ","),
		"-trimpath", "-ldflags=-s -w", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if res, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building %s: %v\n%s", pkg, err, res)
	}
	return nil
}

var browserWeb struct {
	once sync.Once
	dir  string
	err  error
}

func browserWebDir(t *testing.T) string {
	t.Helper()
	skipBrowserIfShort(t)
	browserWeb.once.Do(func() {
		src := os.Getenv("BANDO_WEB")
		build := src == ""
		if build {
			src = "../web"
		}
		dir, err := os.MkdirTemp("", "bando-browser-web-")
		if err != nil {
			browserWeb.err = err
			return
		}
		if _, err := copyTree(context.Background(), src, dir); err != nil {
			browserWeb.err = err
			return
		}
		// the app, the signing worker it starts (wasm/worker) and the call editor (wasm/builder)
		for name, pkg := range map[string]string{"app.wasm": "../wasm", "worker.wasm": "../wasm/worker", "builder.wasm": "../wasm/builder"} {
			wasm := filepath.Join(dir, name)
			if build {
				if err := buildWasm(wasm, pkg); err != nil {
					browserWeb.err = err
					return
				}
			}
			if _, err := os.Stat(wasm); err != nil {
				browserWeb.err = fmt.Errorf("%s has no %s (run make wasm): %w", src, name, err)
				return
			}
		}
		browserWeb.dir = dir
	})
	if browserWeb.err != nil {
		t.Fatal(browserWeb.err)
	}
	return browserWeb.dir
}

// skipBrowserIfShort skips a browser test under go test -short, the quick loop: a browser test
// needs two wasm builds (~40 s each) and Chromium. make test never passes -short, so it runs
// them all. Every browser test reaches browserWebDir or chromium before doing anything.
func skipBrowserIfShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped with -short (make test runs it)")
	}
}

// chromium finds the browser, or skips the test loudly: a machine without it must not pass
// the browser tests by accident.
func chromium(t *testing.T) string {
	t.Helper()
	skipBrowserIfShort(t)
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("\n*** BROWSER TEST SKIPPED: no Chromium on this machine. Install it with ./scripts/deps.sh (make test does). ***")
	return ""
}

var routesOnce sync.Once

// testApp is the real server on a random loopback port. deploy swaps in a new version of the
// app, as a deployment does.
type testApp struct {
	srv    *httptest.Server
	url    string
	origin string
	web    string
	h      atomic.Pointer[http.Handler]
}

func startApp(t *testing.T, version string) *testApp {
	t.Helper()
	a := &testApp{web: browserWebDir(t)}
	routesOnce.Do(ui.Routes)
	a.deploy(version)
	a.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		(*a.h.Load()).ServeHTTP(w, r)
	}))
	a.url, a.origin = a.srv.URL, a.srv.URL
	t.Cleanup(a.srv.Close)
	return a
}

func (a *testApp) deploy(version string) { a.deployFrom(version, a.web) }

// fixtureWeb is a copy of the test web folder whose wasm programs come from a fixture build
// (a build tag that ships another call): make test builds them once into the folder named by
// an environment variable; without it the test builds them itself (~40 s each).
type fixtureWeb struct {
	once sync.Once
	dir  string
	err  error
}

// get returns the folder, made on first use: programs maps each file name of the folder
// ("app.wasm") to its package ("../wasm"), built with tag unless $env holds it already.
func (f *fixtureWeb) get(t *testing.T, env, tag string, programs map[string]string) string {
	t.Helper()
	base := browserWebDir(t)
	f.once.Do(func() {
		dir, err := os.MkdirTemp("", "bando-browser-web-"+tag+"-")
		if err == nil {
			_, err = copyTree(context.Background(), base, dir)
		}
		for name, pkg := range programs {
			if err != nil {
				break
			}
			wasm := filepath.Join(dir, name)
			// The compressed copies are of the normal build: they must not be served for this one.
			for _, old := range []string{wasm + ".br", wasm + ".gz"} {
				if rerr := os.Remove(old); rerr != nil && !os.IsNotExist(rerr) {
					err = rerr
				}
			}
			if src := os.Getenv(env); src != "" {
				var data []byte
				if data, err = os.ReadFile(filepath.Join(src, name)); err == nil {
					err = os.WriteFile(wasm, data, 0o644)
				}
			} else if err == nil {
				err = buildWasm(wasm, pkg, tag)
			}
		}
		f.dir, f.err = dir, err
	})
	if f.err != nil {
		t.Fatal(f.err)
	}
	return f.dir
}

// deployFrom swaps in the app built into web, as a deployment of another build does.
func (a *testApp) deployFrom(version, web string) {
	var h http.Handler = appHandler(version, web, "")
	a.h.Store(&h)
}

// tab is one headless Chromium with one tab.
type tab struct {
	t        *testing.T
	ctx      context.Context
	cancel   context.CancelFunc
	profile  string
	download string

	mu       sync.Mutex
	requests []string // every URL the page asked for
	console  []string // errors the page logged
	dialogs  []string // confirm() questions, answered "yes"
}

// newTab starts Chromium on profile (a fresh one when ""), as root-friendly and quiet as
// possible: no sandbox (tests run as root), no background networking of any kind.
func newTab(t *testing.T, profile string, flags ...chromedp.ExecAllocatorOption) *tab {
	t.Helper()
	exe := chromium(t)
	if profile == "" {
		profile = t.TempDir()
	}
	b := &tab{t: t, profile: profile, download: t.TempDir()}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.NoSandbox,
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 1000),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
	)
	opts = append(opts, flags...)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(b.listen))
	// A guard against a hung browser, not a figure: the longest tests (filling every field
	// of the FAMI call, then a second browser) took 80 s on a quiet machine and went past
	// 3 minutes on a clean-clone CI run sharing two cores; go test's -timeout bounds the whole.
	ctx, tcancel := context.WithTimeout(ctx, 6*time.Minute)
	b.ctx = ctx
	b.cancel = func() { tcancel(); cancel(); acancel() }
	t.Cleanup(b.close)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: b.download,
	}); err != nil {
		t.Fatalf("download folder: %v", err)
	}
	// Bootstrap scrolls smoothly; a click could then land on whatever scrolled under the
	// pointer between mouse down and up. Applicants who ask for reduced motion get this too.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
	}); err != nil {
		t.Fatalf("reduced motion: %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fillJS}); err != nil {
		t.Fatalf("test helpers: %v", err)
	}
	return b
}

func (b *tab) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, e.Request.URL)
	case *cdpruntime.EventExceptionThrown:
		b.console = append(b.console, "exception: "+e.ExceptionDetails.Text+" "+exceptionDescription(e))
	case *cdpruntime.EventConsoleAPICalled:
		if e.Type == cdpruntime.ConsoleAPICalledTypeError || e.Type == cdpruntime.ConsoleAPICalledTypeWarning {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			b.console = append(b.console, string(e.Type)+": "+strings.Join(parts, " "))
		}
	}
}

func exceptionDescription(e *cdpruntime.EventExceptionThrown) string {
	if e.ExceptionDetails.Exception != nil {
		return e.ExceptionDetails.Exception.Description
	}
	return ""
}

// acceptDialogs answers "OK" to every confirm() the page asks, and keeps the questions.
func (b *tab) acceptDialogs() {
	events := chromedp.Events(b.ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.dialogs = append(b.dialogs, ev.Message)
			b.mu.Unlock()
			_, _ = chromedp.Call(b.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
}

// lastDialog is the last question the page asked.
func (b *tab) lastDialog() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.dialogs) == 0 {
		return ""
	}
	return b.dialogs[len(b.dialogs)-1]
}

// dropFile drops a file with that name and content on the element with id, as dragging it
// from the desktop does.
func (b *tab) dropFile(id, name string, content []byte) {
	b.t.Helper()
	js, _ := json.Marshal([]string{id, name, string(content)})
	eval[bool](b, `((id, name, text) => {
		const dt = new DataTransfer();
		dt.items.add(new File([text], name, {type: "application/json"}));
		const el = document.getElementById(id);
		el.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
		el.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true })(...`+string(js)+`)`)
}

// close takes a screenshot first when the test failed, so the failure can be seen.
func (b *tab) close() {
	if b.t.Failed() && b.ctx.Err() == nil {
		if png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100)); err == nil {
			dir, _ := os.MkdirTemp("", "bando-failure-")
			name := filepath.Join(dir, strings.ReplaceAll(b.t.Name(), "/", "_")+".png")
			if os.WriteFile(name, png, 0o644) == nil {
				b.t.Logf("screenshot of the failure: %s", name)
			}
			b.mu.Lock()
			b.t.Logf("console errors:\n%s", strings.Join(b.console, "\n"))
			b.mu.Unlock()
		}
	}
	b.cancel()
}

// do runs actions and fails the test on error, or after 30 s: a selector that never matches
// must fail the test, not hang it.
func (b *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

// eval evaluates JavaScript (awaiting a promise) and decodes the result into T.
func eval[T any](b *tab, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it is truthy. A page that reloads meanwhile
// (the condition may be "the new page is ready") is polled again.
func (b *tab) waitFor(js string, timeout time.Duration) {
	b.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		_, err := chromedp.Run(b.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(time.Until(deadline))))
		if err == nil {
			return
		}
		// Both errors mean the page went away under the poll: a reload is under way.
		reloading := strings.Contains(err.Error(), "navigated or closed") || strings.Contains(err.Error(), "Cannot find context with specified id")
		if time.Now().After(deadline) || b.ctx.Err() != nil || !reloading {
			b.t.Fatalf("waiting for %s: %v", js, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// open loads a page of the app and waits until it can take input.
func (b *tab) open(u string) {
	b.t.Helper()
	b.do(chromedp.Navigate(u))
	b.waitReady()
}

func (b *tab) waitReady() {
	b.t.Helper()
	b.waitFor(`document.body.dataset.ready === "1"`, 60*time.Second)
}

// waitOffline waits until the service worker holds every file of the app.
func (b *tab) waitOfflineReady() {
	b.t.Helper()
	b.waitFor(`(async () => {
		const reg = await navigator.serviceWorker.ready;
		if (!reg.active || reg.active.state !== "activated") return false;
		const keys = await caches.keys();
		if (keys.length === 0) return false;
		const c = await caches.open(keys[0]);
		return (await c.keys()).length >= 10 && !!(await c.match("/web/app.wasm"));
	})()`, 60*time.Second)
	// and what the page caches once the form takes input: every page, the signing worker
	b.waitFor(workerCached, 60*time.Second)
}

// goOffline cuts the tab, its service worker included, off the network.
func (b *tab) goOffline() {
	b.t.Helper()
	if _, err := chromedp.Call(b.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: new(true),
		MatchedNetworkConditions:    []*network.Conditions{{Offline: true}},
	}); err != nil {
		b.t.Fatal(err)
	}
	if _, err := chromedp.Call(b.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true}); err != nil {
		b.t.Fatal(err)
	}
}

// navigateInApp follows an in-app link, as clicking one does.
func (b *tab) navigateInApp(path string) {
	b.t.Helper()
	eval[bool](b, `(() => { const a = document.createElement("a"); a.href = `+strconv.Quote(path)+`; document.body.appendChild(a); a.click(); a.remove(); return true })()`)
}

// click clicks the element with that id.
func (b *tab) click(id string) {
	b.t.Helper()
	b.do(chromedp.Click(chromedp.ID(id), chromedp.NodeVisible))
}

// press activates the button that selector finds, as Enter on a focused button does. Items of
// a long group are laid out only when in view (content-visibility), so a mouse click computed
// while one scrolls into view can land beside its button.
func (b *tab) press(selector string) {
	b.t.Helper()
	if !eval[bool](b, `(() => { const el = document.querySelector(`+strconv.Quote(selector)+`); if (!el) return false; el.focus(); el.click(); return true })()`) {
		b.t.Fatalf("no %s", selector)
	}
}

// typeIn types text into the input answering path, key by key.
func (b *tab) typeIn(path, text string) {
	b.t.Helper()
	b.do(chromedp.SendKeys(chromedp.ID(ui.FieldID(path)), text, chromedp.NodeVisible))
}

// value reads the input that answers path.
func (b *tab) value(path string) string {
	b.t.Helper()
	return eval[string](b, `document.getElementById(`+strconv.Quote(ui.FieldID(path))+`).value`)
}

// fillJS sets an input as a user would (events and all). Long texts are set at once: typing
// them key by key only makes the tests slow, and typing itself is tested elsewhere.
const fillJS = `window.__bandoFill = (id, kind, value) => {
  const el = document.getElementById(id);
  if (!el) return "no element #" + id;
  const byValue = v => document.querySelector('input[name="' + id + '"][value="' + CSS.escape(v) + '"]');
  switch (kind) {
  case "text":
    el.focus(); el.value = value;
    el.dispatchEvent(new Event("input", {bubbles: true}));
    el.blur();
    return "";
  case "select":
    el.value = value; el.dispatchEvent(new Event("change", {bubbles: true}));
    return "";
  case "radio": {
    const r = byValue(value); if (!r) return "no option " + value + " in #" + id;
    r.click(); return "";
  }
  case "checks":
    for (const v of value) {
      const c = byValue(v); if (!c) return "no option " + v + " in #" + id;
      if (!c.checked) c.click();
    }
    return "";
  case "check":
    if (!el.checked) el.click();
    return "";
  }
  return "unknown kind " + kind;
};`

// fill answers the field at path with v, in the way its input takes it.
func (b *tab) fill(c *schema.Call, path string, v any) {
	b.t.Helper()
	f := c.Field(path)
	id := ui.FieldID(path)
	b.waitFor(`!!document.getElementById(`+strconv.Quote(id)+`)`, 10*time.Second)
	kind, arg := "text", any(nil)
	inTable := false // a table shows choices and yes/no as selects (app/ui/table.go)
	if i := strings.LastIndexByte(path, '['); i > 0 {
		inTable = c.Field(path[:i]) != nil && c.Field(path[:i]).IsTable()
	}
	switch f.Type {
	case schema.TypeMoney:
		arg = strings.TrimPrefix(schema.FormatMoney(v.(int64), schema.IT), "€ ")
	case schema.TypeNumber:
		arg = fmt.Sprint(v)
	case schema.TypeChoice:
		kind, arg = "radio", v
		if len(f.Options) > 6 || inTable {
			kind = "select"
		}
	case schema.TypeBoolean:
		kind, arg = "radio", fmt.Sprint(v)
		if inTable {
			kind = "select"
		}
	case schema.TypeMultiChoice:
		kind, arg = "checks", v
	case schema.TypeDeclaration:
		kind = "check"
	default:
		arg = v
	}
	js, _ := json.Marshal([]any{id, kind, arg})
	if msg := eval[string](b, `window.__bandoFill(...`+string(js)+`)`); msg != "" {
		b.t.Fatalf("filling %s: %s", path, msg)
	}
}

// fillSection answers every field of one section from a, in the call's order so that a field
// a `when` shows appears before it is filled; groups get the items a has.
func (b *tab) fillSection(c *schema.Call, a schema.Answers, sec *schema.Section) {
	b.t.Helper()
	b.fillFields(c, a, sec.Fields, sec.ID+".")
}

func (b *tab) fillFields(c *schema.Call, a schema.Answers, fields []*schema.Field, prefix string) {
	b.t.Helper()
	for _, f := range fields {
		path := prefix + f.ID
		v := a.Get(path)
		if f.Type != schema.TypeGroup {
			if v != nil {
				b.fill(c, path, v)
			}
			continue
		}
		want := len(a.Items(path))
		for n := b.items(path); n < want; n++ {
			b.press("#" + ui.FieldID(path) + "-add")
			b.waitFor(fmt.Sprintf(`document.querySelectorAll('[data-path^="%s["]:is(.group-item, .bando-row)').length >= %d`, path, n+1), 10*time.Second)
		}
		for i := range want {
			b.fillFields(c, a, f.Fields, fmt.Sprintf("%s[%d].", path, i))
		}
	}
}

// items counts the items of the group at path on screen: cards, or rows of a table.
func (b *tab) items(path string) int {
	return eval[int](b, fmt.Sprintf(`document.querySelectorAll(':is(.group-item, .bando-row)[data-path^="%s["]').length`, path))
}

// exported waits for the download of an exported draft and returns its bytes.
func (b *tab) exported(before int) []byte {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		files, _ := filepath.Glob(filepath.Join(b.download, "*.bando.json"))
		if len(files) > before {
			time.Sleep(100 * time.Millisecond) // the file is renamed into place when complete
			data, err := os.ReadFile(files[len(files)-1])
			if err == nil && json.Valid(data) {
				return data
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.t.Fatal("no exported draft in the downloads folder")
	return nil
}

func (b *tab) downloads() int {
	files, _ := filepath.Glob(filepath.Join(b.download, "*.bando.json"))
	return len(files)
}

// foreignRequests lists the requests to any origin but the app's own.
func (b *tab) foreignRequests(origin string) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, r := range b.requests {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Scheme != "blob" && u.Scheme+"://"+u.Host != origin) {
			out = append(out, r)
		}
	}
	return out
}

// kill ends the browser process outright, as a power cut or a crash would.
func (b *tab) kill() {
	b.t.Helper()
	p := chromedp.FromContext(b.ctx).Browser.Process()
	if p == nil {
		b.t.Fatal("no browser process")
	}
	if err := p.Kill(); err != nil {
		b.t.Fatal(err)
	}
	_, _ = p.Wait()
	b.cancel()
}

// famiAnswers is the complete FAMI example cut to n members and one action line, with no
// budget lines (the call allows none): a proposal with no error.
func famiAnswers(t *testing.T, members int) (*schema.Call, schema.Answers) {
	t.Helper()
	c, a := exampleAnswers(t)
	_ = a.Set("ats.membri", a.Items("ats.membri")[:members])
	_ = a.Set("azioni.linee", a.Items("azioni.linee")[:1])
	_ = a.Set("budget.voci", nil)
	inOptionOrder(c.Sections, a)
	if is := c.Validate(a, schema.IT); len(is) != 0 {
		t.Fatalf("the test answers are not valid:\n%v", is)
	}
	return c, a
}

// exampleAnswers are the answers of the complete FAMI example, whole.
func exampleAnswers(t testing.TB) (*schema.Call, schema.Answers) {
	t.Helper()
	c, err := schema.Shipped("toscana-fami-2024")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../schema/calls/examples/toscana-fami-2024.complete.bando.json")
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Answers json.RawMessage `json:"answers"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	a, err := schema.DecodeAnswers(d.Answers)
	if err != nil {
		t.Fatal(err)
	}
	return c, a
}

// inOptionOrder puts multichoice answers in the call's option order, the order in which the
// form stores ticked boxes whatever order they were ticked in.
func inOptionOrder(secs []*schema.Section, a schema.Answers) {
	var walk func(fs []*schema.Field, prefix string)
	walk = func(fs []*schema.Field, prefix string) {
		for _, f := range fs {
			p := prefix + f.ID
			switch f.Type {
			case schema.TypeGroup:
				for i := range a.Items(p) {
					walk(f.Fields, fmt.Sprintf("%s[%d].", p, i))
				}
			case schema.TypeMultiChoice:
				has := map[any]bool{}
				for _, v := range a.Items(p) {
					has[v] = true
				}
				var out []any
				for _, o := range f.Options {
					if has[o.Value] {
						out = append(out, o.Value)
					}
				}
				if out != nil {
					_ = a.Set(p, out)
				}
			}
		}
	}
	for _, s := range secs {
		walk(s.Fields, s.ID+".")
	}
}
