package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/ui"
	"bando/schema"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The whole road of a new call, as issue 14 tells it: a call author with no JSON knowledge
// builds it in /builder with the keyboard alone, downloads it, publishes it with one command
// (`bando serve --calls DIR`, the real program), and an applicant finds it on the start page,
// fills it offline and gets the PDF. No Go build in between.

// e2eCallID is the id the author gives the new call.
const e2eCallID = "soci-ats-2026"

// TestBrowserCallEndToEnd: see above. The author's browser is reloaded and then killed while
// the call is being edited: the call is still there in a new browser on the same profile.
func TestBrowserCallEndToEnd(t *testing.T) {
	app := startApp(t, "test")
	profile := t.TempDir()
	b := newTab(t, profile)
	b.acceptDialogs()
	b.open(app.url + ui.PathBuilder)
	start := time.Now()
	authorCall(b)
	t.Logf("%v: the call built", time.Since(start))

	// A reload, then a killed browser: the call is still being edited, the last change too.
	b.do(chromedp.Reload())
	b.waitReady()
	b.waitFor(`!!document.getElementById("node-3.0.0") && document.getElementById("builder-source").value.includes('"`+e2eCallID+`"')`, 20*time.Second)
	b.tabTo("#prop-title-en") // the call, selected after the reload
	b.typeOver("#prop-title-en", "Grants to temporary associations")
	b.waitSaved("Grants to temporary associations")
	b.kill()
	b = newTab(t, profile)
	b.open(app.url + ui.PathBuilder)
	b.waitFor(`document.getElementById("builder-source").value.includes("Grants to temporary associations")`, 20*time.Second)
	b.waitFor(`!!document.getElementById("builder-ok")`, 10*time.Second)

	t.Logf("%v: reloaded and killed", time.Since(start))
	// Downloaded: the file is the JSON view to the byte, and `bando lint` accepts it.
	shown := eval[string](b, `document.getElementById("builder-source").value`)
	b.tabTo("#builder-download")
	b.keys(kb.Enter)
	data := b.downloaded("*.bando-call.json", 0)
	if string(data) != shown {
		t.Fatalf("the downloaded call differs from the JSON view:\n%s\n---\n%s", data, shown)
	}
	c, err := schema.Load(data)
	if err != nil {
		t.Fatalf("the downloaded call does not load: %v", err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, e2eCallID+".bando-call.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bandoBinary(t), "lint", file).CombinedOutput(); err != nil {
		t.Fatalf("bando lint refuses the downloaded call: %v\n%s", err, out)
	}

	// Published with one command, the real program.
	serve := startBando(t, "serve", "--addr", "127.0.0.1:0", "--web", app.web, "--calls", dir)
	site := serveURL(t, serve)
	app.srv.Close() // the author's site is not the applicant's

	// The applicant, in a browser of their own: the call is on the start page with its hash.
	a := newTab(t, "")
	a.open(site + ui.PathHome)
	a.waitFor(`!!document.getElementById("new-`+e2eCallID+`")`, 30*time.Second)
	hash := eval[string](a, `(() => { const el = document.getElementById("new-`+e2eCallID+`").closest(".call-card").querySelector(".call-hash-short"); return el ? el.title : "" })()`)
	if hash != c.Hash() {
		t.Fatalf("the start page shows the call's hash %q, want %q", hash, c.Hash())
	}
	t.Logf("%v: published, on the applicant's start page", time.Since(start))
	a.waitOfflineReady()
	a.waitFor(`caches.match("/calls/`+e2eCallID+`.json").then(Boolean)`, 60*time.Second)

	// Offline from here on, and the server gone.
	a.goOffline()
	serve.cmd.Process.Kill()
	<-serve.done
	a.open(site + ui.PathHome)
	a.waitFor(`!!document.getElementById("new-`+e2eCallID+`")`, 30*time.Second)
	a.press("#new-" + e2eCallID)
	a.waitFor(`location.pathname === "/sezione/ente" && !!document.getElementById(`+strconv.Quote(ui.FieldID("ente.denominazione"))+`)`, 15*time.Second)
	t.Logf("%v: offline", time.Since(start))
	applicantFills(a, c)
	t.Logf("%v: filled", time.Since(start))

	// The PDF: the answers typed and the call's hash, as the start page showed it.
	a.toSignPage()
	a.makePDF()
	a.click("pdf-download")
	pdf := a.downloaded("*.pdf", 0)
	text := pdfText(t, pdf)
	for _, want := range []string{"Associazione Ponti", e2eMemberCF, "Contributi alle ATS", "Impronta SHA-256 del bando: " + c.Hash()} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

// authorCall builds the call from the blank template with the keyboard alone: a section of
// members, a repeating group with a required codice fiscale, shown on a condition written with
// the picker, and a rule across answers (at least one member with a tax code).
func authorCall(b *tab) {
	t := b.t
	b.tabTo("#builder-template")
	b.keys(kb.Enter)
	b.waitFor(`!!document.getElementById("builder-ok") && !!document.getElementById("node-0")`, 20*time.Second)

	// The call's own parts: its id, title and deadline.
	b.typeOver("#prop-id", e2eCallID)
	b.typeOver("#prop-title-it", "Contributi alle ATS")
	b.typeOver("#prop-title-en", "Grants to ATS")
	b.tabTo("#prop-submission-deadline")
	b.keys("11112030") // 11/11/2030 whichever the order of day and month
	b.waitFor(`JSON.parse(document.getElementById("builder-source").value).submission.deadline === "2030-11-11"`, 5*time.Second)

	// A new section after the last one.
	b.tabTo(byID("node-2"))
	b.keys(kb.Enter) // select it
	b.tabTo("#tree-add-section")
	b.keys(kb.Enter)
	b.waitFor(`!!document.getElementById("node-3") && document.activeElement.id === "node-3"`, 10*time.Second)
	b.typeOver("#prop-id", "soci")
	b.typeOver("#prop-title-it", "Soci")
	b.typeOver("#prop-title-en", "Members")

	// A repeating group in it, shown when the applicant is a third-sector body.
	b.tabTo("#tree-new-type")
	b.keys("g") // "gruppo ripetibile"
	b.waitFor(`document.getElementById("tree-new-type").value === "group"`, 5*time.Second)
	b.tabTo("#tree-add-field")
	b.keys(kb.Enter)
	b.waitFor(`!!document.getElementById("node-3.0.0")`, 10*time.Second)
	b.typeOver("#prop-id", "membri")
	b.typeOver("#prop-label-it", "Membri dell'ATS")
	b.typeOver("#prop-label-en", "ATS members")
	b.typeOver("#prop-repeat-min", "0") // none asked for: the rule below says at least one
	b.tabTo("#builder-cond-picker > summary")
	b.keys(kb.Enter) // opens the picker
	b.tabTo("#cond-field")
	b.keys("ente.et") // ente.ets
	b.waitFor(`document.getElementById("cond-field").value === "ente.ets"`, 5*time.Second)
	b.typeOver("#cond-value", "true")
	b.tabTo("#cond-write")
	b.keys(kb.Enter)
	b.waitFor(`document.getElementById("prop-when").value === "ente.ets == true"`, 5*time.Second)

	// Its field: a required codice fiscale of a person.
	b.tabTo(byID("node-3.0"))
	b.keys(kb.ArrowDown)
	b.waitFor(`document.activeElement && document.activeElement.id === "node-3.0.0"`, 5*time.Second)
	// Boxes the group's form had, with text, are empty for its field (go-app would leave the
	// text in them: syncBoxes).
	for _, id := range []string{"prop-help-it", "prop-when", "cond-value"} {
		if v := eval[string](b, `document.getElementById("`+id+`").value`); v != "" {
			t.Errorf("the new field's %s shows %q", id, v)
		}
	}
	b.typeOver("#prop-id", "cf")
	b.typeOver("#prop-label-it", "Codice fiscale")
	b.typeOver("#prop-label-en", "Tax code")
	b.tabTo("#rule-required")
	b.keys(" ")
	b.tabTo("#rule-id")
	b.keys("c") // "codice fiscale di una persona"
	b.waitFor(`document.getElementById("rule-generated").textContent === "required,cf"`, 5*time.Second)

	// The JSON view has it all, lint is happy, the preview shows it.
	b.waitFor(`!!document.getElementById("builder-ok")`, 10*time.Second)
	doc := b.editorJSON()
	secs := doc["sections"].([]any)
	soci := secs[len(secs)-1].(map[string]any)
	group := soci["fields"].([]any)[0].(map[string]any)
	cf := group["fields"].([]any)[0].(map[string]any)
	if soci["id"] != "soci" || group["type"] != "group" || group["when"] != "ente.ets == true" || cf["id"] != "cf" || cf["rules"] != "required,cf" {
		t.Fatalf("the JSON view holds %v", soci)
	}
	b.waitFor(`document.getElementById("builder-preview").innerText.includes("Soci")`, 10*time.Second)
	b.checkAxe("editor with a field selected")

	// A rule across answers, with the pickers: at least one member with a tax code, its
	// message shown at the group.
	b.tabTo("#node-call")
	b.keys(kb.Enter)
	b.waitFor(`!!document.getElementById("builder-checks-add")`, 10*time.Second)
	n := strconv.Itoa(len(doc["checks"].([]any)))
	b.tabTo("#builder-checks-add")
	b.keys(kb.Enter)
	b.waitFor(`!!document.getElementById("check-`+n+`-picker")`, 10*time.Second)
	b.tabTo("#check-" + n + "-picker > summary")
	b.keys(kb.Enter) // opens the picker
	b.tabTo("#check-" + n + "-group")
	b.keys("s") // soci.membri
	b.waitFor(`[...document.getElementById("check-`+n+`-field").options].some(o => o.value === "cf")`, 10*time.Second)
	b.tabTo("#check-" + n + "-field")
	b.keys("s") // soci.membri.cf
	b.waitFor(`document.getElementById("check-`+n+`-field").value === "cf"`, 10*time.Second)
	b.tabTo("#check-" + n + "-op")
	b.keys("!") // !=
	b.tabTo("#check-" + n + "-write")
	b.keys(kb.Enter)
	rule := `count(soci.membri[cf != ""]) >= 1`
	b.waitFor(`JSON.parse(document.getElementById("builder-source").value).checks[`+n+`].rule === `+strconv.Quote(rule), 10*time.Second)
	b.typeOver("#prop-checks-"+n+"-id", "almeno_un_membro")
	b.typeOver("#prop-checks-"+n+"-path", "soci.membri")
	b.typeOver("#prop-checks-"+n+"-message-it", e2eCheckIT)
	b.typeOver("#prop-checks-"+n+"-message-en", "Give at least one member with their tax code.")
	b.waitFor(`!!document.getElementById("builder-ok")`, 10*time.Second)
	b.checkAxe("editor with the call's parts")

	// Moved by the keyboard: the field out of its group and back; undo, redo.
	b.tabTo(byID("node-3.0.0"))
	b.keys(kb.ArrowLeft, chromedp.KeyModifiers(chromedp.ModifierAlt))
	b.waitFor(`!!document.getElementById("node-3.1") && !document.getElementById("node-3.0.0") && document.activeElement.id === "node-3.1"`, 10*time.Second)
	b.keys(kb.ArrowRight, chromedp.KeyModifiers(chromedp.ModifierAlt))
	b.waitFor(`!!document.getElementById("node-3.0.0") && !document.getElementById("node-3.1") && document.activeElement.id === "node-3.0.0"`, 10*time.Second)
	before := eval[string](b, `document.getElementById("builder-source").value`)
	b.keys("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	b.waitFor(`!!document.getElementById("node-3.1") && document.activeElement.classList.contains("builder-node")`, 10*time.Second)
	b.keys("y", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	b.waitFor(`!!document.getElementById("node-3.0.0")`, 10*time.Second)
	if after := eval[string](b, `document.getElementById("builder-source").value`); after != before {
		t.Error("undo then redo is not the same call")
	}
}

// e2eCheckIT is the Italian message of the author's rule.
const e2eCheckIT = "Indica almeno un membro con il codice fiscale."

// The applicant's answers: e2eMemberCF is a valid codice fiscale, e2eWrongCF the same with a
// wrong check letter.
const (
	e2eMemberCF = "BRTGLU78E54D612D"
	e2eWrongCF  = "BRTGLU78E54D612X"
)

// applicantFills answers the new call: every step but the members first, so that the review
// shows the author's rule unmet; then a member with a wrong tax code (its error shown), put
// right; the review has no problem left. The group is shown only once the applicant says the
// organisation is a third-sector body (the author's condition).
func applicantFills(a *tab, c *schema.Call) {
	t := a.t
	ans := schema.Answers{}
	for path, v := range map[string]any{
		"ente.denominazione": "Associazione Ponti", "ente.cf": "00743110157", "ente.ets": true, "ente.runts": "B/12345",
		"ente.pec":            "ponti@pec.example.it",
		"ente.rappresentanti": []any{map[string]any{"nome": "Giulia Bartolini", "cf": e2eMemberCF}},
		"progetto.titolo":     "Sportello per le famiglie", "progetto.sintesi": "Uno sportello aperto due giorni a settimana.",
		"progetto.voci":        []any{map[string]any{"descrizione": "Affitto della sede", "importo": int64(120000)}},
		"dichiarazioni.dpr445": true,
		"soci.membri":          []any{map[string]any{"cf": e2eMemberCF}},
	} {
		if err := ans.Set(path, v); err != nil {
			t.Fatal(err)
		}
	}
	if is := c.Validate(ans, schema.IT); len(is.Errors()) != 0 {
		t.Fatalf("the test answers are not valid:\n%v", is)
	}
	group := ui.FieldID("soci.membri")
	if eval[bool](a, `!!document.getElementById(`+strconv.Quote(group)+`)`) {
		t.Error("the members are shown before the applicant answers ente.ets")
	}
	for _, sec := range c.Sections[:3] {
		a.navigateInApp("/sezione/" + sec.ID)
		a.waitFor(`location.pathname === "/sezione/`+sec.ID+`"`, 10*time.Second)
		a.fillSection(c, ans, sec)
	}

	// The members' step, now shown: the review names the author's rule, unmet.
	a.navigateInApp(ui.PathReview)
	a.waitFor(`location.pathname === "/riepilogo" && document.body.innerText.includes(`+strconv.Quote(e2eCheckIT)+`)`, 15*time.Second)
	a.navigateInApp("/sezione/soci")
	a.waitFor(`!!document.getElementById(`+strconv.Quote(group)+`)`, 10*time.Second)
	if n := a.items("soci.membri"); n != 0 {
		t.Fatalf("the group starts with %d members", n)
	}
	a.press("#" + group + "-add")
	cf := "soci.membri[0].cf"
	a.typeIn(cf, e2eWrongCF)
	a.keys(kb.Tab)
	errID := strconv.Quote(ui.FieldID(cf) + "-err")
	a.waitFor(`(document.getElementById(`+errID+`)?.textContent || "") !== ""`, 10*time.Second)
	a.typeOver(byID(ui.FieldID(cf)), e2eMemberCF)
	a.keys(kb.Tab)
	a.waitFor(`(document.getElementById(`+errID+`)?.textContent || "") === ""`, 10*time.Second)
	if v := a.value(cf); v != e2eMemberCF {
		t.Fatalf("the member's tax code is %q", v)
	}
	a.navigateInApp(ui.PathReview)
	a.waitFor(`!!document.getElementById("review-ok")`, 15*time.Second)
}

// serveURL waits for `bando serve` to say where it listens.
func serveURL(t *testing.T, c *child) string {
	t.Helper()
	re := regexp.MustCompile(`in ascolto su (http://\S+)`)
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if m := re.FindStringSubmatch(c.stdout.String()); m != nil {
			return m[1]
		}
		select {
		case <-c.done:
			t.Fatalf("bando serve ended: %v\n%s", c.waitErr, c.stderr.String())
		default:
		}
	}
	t.Fatalf("bando serve did not start:\n%s%s", c.stdout.String(), c.stderr.String())
	return ""
}

// pdfText is what pdftotext reads in pdf.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "proposta.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// tabTo moves the keyboard focus to the element selector finds with Tab (or Shift+Tab when it
// comes before the focus), as a keyboard user does: an element Tab never reaches fails the
// test, as it would stop them.
func (b *tab) tabTo(selector string) {
	b.t.Helper()
	sel := strconv.Quote(selector)
	b.waitFor(`!!document.querySelector(`+sel+`)`, 10*time.Second)
	// 0: there already; 1: after the focus; -1: before it.
	where := `(() => { const el = document.querySelector(` + sel + `), at = document.activeElement;
		if (el === at) return 0;
		if (!at || at === document.body) return 1;
		return at.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING ? 1 : -1 })()`
	dir, turns := eval[int](b, where), 0
	for range 200 {
		if dir == 0 {
			return
		}
		var opts []chromedp.KeyOption
		if dir < 0 {
			opts = append(opts, chromedp.KeyModifiers(chromedp.ModifierShift))
		}
		b.keys(kb.Tab, opts...)
		d := eval[int](b, where)
		if d != 0 && d != dir {
			// Past it: the focus started elsewhere than document order says (on nothing,
			// after its element was removed); back once, and a second time means it takes no
			// focus.
			if turns++; turns > 1 {
				break
			}
		}
		dir = d
	}
	if dir != 0 {
		b.t.Fatalf("Tab does not reach %s (the focus is on %s)", selector, eval[string](b, `document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : ""`))
	}
}

// typeOver replaces the text of the input selector finds by text, typed: Tab to it, select
// everything in it (Ctrl+A), type.
func (b *tab) typeOver(selector, text string) {
	b.t.Helper()
	b.tabTo(selector)
	b.keys("a", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	b.keys(text)
	if got := eval[string](b, `document.querySelector(`+strconv.Quote(selector)+`).value`); got != text {
		b.t.Fatalf("%s holds %q after typing %q", selector, got, text)
	}
}

// waitSaved waits until the editor's IndexedDB copy of the call holds text (store.go).
func (b *tab) waitSaved(text string) {
	b.t.Helper()
	b.waitFor(fmt.Sprintf(`new Promise(res => {
		const r = indexedDB.open("bando-builder", 1);
		r.onerror = () => res(false);
		r.onsuccess = () => { try {
			const g = r.result.transaction("kv").objectStore("kv").get("bando.builder.source");
			g.onsuccess = () => { res(typeof g.result === "string" && g.result.includes(%s)); r.result.close() };
			g.onerror = () => res(false);
		} catch (e) { res(false) } };
	})`, strconv.Quote(text)), 10*time.Second)
}

// byID is the CSS selector of the element with that id, whatever characters it holds.
func byID(id string) string { return `[id="` + id + `"]` }
