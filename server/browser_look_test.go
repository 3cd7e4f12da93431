package main

import (
	"strings"
	"testing"
	"time"

	"bando/app/ui"
	"bando/schema"

	"github.com/chromedp/chromedp"
)

// TestBrowserPurgedStylesheetKeepsTheLook: the pages link the part of Bootstrap Italia that
// scripts/purgecss keeps, and every element of every page — pseudo-elements included — gets
// the same computed style as with the whole stylesheet. Shown with the FAMI errors example
// (error messages, the error summary, every step with content) and on a phone-sized screen
// for the responsive rules. A page changed to use a class whose rules were cut fails here.
func TestBrowserPurgedStylesheetKeepsTheLook(t *testing.T) {
	app := startApp(t, "test")
	c, err := schema.Shipped("toscana-fami-2024")
	if err != nil {
		t.Fatal(err)
	}
	desktop := []string{ui.PathHome, ui.PathReview, ui.PathSign, ui.PathHelpdesk, ui.PathAccessibility}
	for _, s := range c.Sections {
		desktop = append(desktop, "/sezione/"+s.ID)
	}
	// The phone's own rules (stacked layouts, the stepper) on the pages that have them. Each
	// width has its own tab: the tab's time budget is per tab, and a page's comparison reads
	// every property of every element twice.
	phone := []string{ui.PathHome, "/sezione/ats", "/sezione/budget", ui.PathReview}
	for _, run := range []struct {
		width int
		pages []string
	}{{1280, desktop}, {375, phone}} {
		b := newTab(t, "")
		b.do(chromedp.EmulateViewport(int64(run.width), 900))
		b.importDraft(app.url, "../schema/calls/examples/toscana-fami-2024.errors.bando.json")
		for _, p := range run.pages {
			b.navigateInApp(p)
			ready := `!!document.querySelector("main")`
			if p == ui.PathHelpdesk { // served by the staff program: the page loads it first
				ready = `!!document.getElementById("helpdesk-load")`
			}
			b.waitFor(`location.pathname === `+jsString(p)+` && `+ready, time.Minute)
			time.Sleep(300 * time.Millisecond) // let the page settle: not a measurement
			if diffs := eval[[]string](b, compareWithWholeStylesheet); len(diffs) > 0 {
				t.Errorf("%s at %d px: the purged stylesheet changes the look:\n%s", p, run.width, strings.Join(diffs, "\n"))
			}
		}
		b.close()
	}
}

// compareWithWholeStylesheet takes every element's computed style with the purged stylesheet,
// links the whole one in its place, takes them again, puts the purged one back, and returns
// the first differences.
const compareWithWholeStylesheet = `(async () => {
	const snap = () => {
		const out = new Map();
		document.querySelectorAll("body *").forEach((el, i) => {
			const name = i + ":" + el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
				(el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
			for (const pseudo of ["", "::before", "::after"]) {
				const cs = getComputedStyle(el, pseudo || null);
				if (pseudo && cs.content === "none") continue;
				let s = "";
				for (let j = 0; j < cs.length; j++) s += cs[j] + ":" + cs.getPropertyValue(cs[j]) + ";";
				out.set(name + pseudo, s);
			}
		});
		return out;
	};
	const purged = document.querySelector('link[href*="bootstrap-italia.bando.css"]');
	if (!purged) return ["the page does not link bootstrap-italia.bando.css"];
	// every subtree laid out (.group-item has content-visibility: auto), so that sizes compare
	const visible = document.createElement("style");
	visible.textContent = "* { content-visibility: visible !important }";
	document.head.append(visible);
	await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
	const before = snap();
	const whole = document.createElement("link");
	whole.rel = "stylesheet";
	whole.href = "/web/bootstrap-italia/css/bootstrap-italia.min.css";
	await new Promise((ok, fail) => { whole.onload = ok; whole.onerror = fail; purged.before(whole); });
	purged.disabled = true;
	await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
	const after = snap();
	purged.disabled = false;
	whole.remove();
	visible.remove();
	const diffs = [];
	for (const [k, v] of after) {
		const w = before.get(k);
		if (w === v) continue;
		if (w === undefined) { diffs.push(k + ": only with the whole stylesheet"); continue; }
		const a = new Map(w.split(";").map(d => [d.slice(0, d.indexOf(":")), d.slice(d.indexOf(":") + 1)]));
		for (const d of v.split(";")) {
			const p = d.slice(0, d.indexOf(":")), val = d.slice(d.indexOf(":") + 1);
			if (a.get(p) !== val) diffs.push(k + " " + p + ": purged " + JSON.stringify(a.get(p)) + ", whole " + JSON.stringify(val));
		}
		if (diffs.length > 40) break;
	}
	return diffs.slice(0, 40);
})()`
