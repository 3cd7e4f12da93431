package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/ui"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserItalianFormatsEnUSPhone: in a browser set to English-US on a phone-sized screen,
// dates are typed and shown as gg/mm/aaaa (our own input, not the browser's mm/dd/yyyy), an
// impossible day is refused with a message, "-5" in an amount is refused and never becomes
// "-€ 5,00", the save time names Italy's zone, and a group at its minimum cannot lose a member.
func TestBrowserItalianFormatsEnUSPhone(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "", chromedp.Flag("lang", "en-US"), chromedp.WindowSize(390, 844))
	if _, err := chromedp.Call(b.ctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "en-US"}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(b.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 390, Height: 844, DeviceScaleFactor: 3, Mobile: true}); err != nil {
		t.Fatal(err)
	}
	b.open(app.url + "/sezione/ats")
	if loc := eval[string](b, `Intl.DateTimeFormat().resolvedOptions().locale`); loc != "en-US" {
		t.Fatalf("the browser's locale is %q", loc)
	}

	path := "ats.membri[0].rl_nascita_data"
	id := ui.FieldID(path)
	if typ := eval[string](b, `document.getElementById(`+strconv.Quote(id)+`).type`); typ != "text" {
		t.Fatalf("the date input is type=%s: the browser's own follows its locale", typ)
	}
	b.typeIn(path, "31/02/1980")
	b.do(chromedp.KeyEvent(kb.Tab))
	b.waitFor(messageShown(id+"-err"), 5*time.Second)
	eval[string](b, `window.__bandoFill(`+strconv.Quote(id)+`, "text", "4/3/1980")`) // typed, then left
	b.waitFor(`document.getElementById(`+strconv.Quote(id)+`).value === "04/03/1980" && !`+messageShown(id+"-err"), 5*time.Second)

	b.waitFor(`document.getElementById("save-status").textContent.includes("ora italiana")`, 5*time.Second)

	remove := `document.querySelector('[data-path="ats.membri[0]"] .item-remove')`
	if !eval[bool](b, remove+`.disabled`) || !strings.Contains(eval[string](b, remove+`.title`), "almeno 2") {
		t.Fatalf("a member of a group at its minimum can be removed: %q", eval[string](b, remove+`.title`))
	}

	b.navigateInApp("/sezione/azioni")
	amount := "azioni.linee[0].importo"
	b.waitFor(`!!document.getElementById(`+strconv.Quote(ui.FieldID(amount))+`)`, 10*time.Second)
	b.typeIn(amount, "-5")
	b.do(chromedp.KeyEvent(kb.Tab))
	b.waitFor(messageShown(ui.FieldID(amount)+"-err"), 5*time.Second)
	if v := b.value(amount); strings.Contains(v, "€") {
		t.Fatalf("the amount reads %q", v)
	}
	if msg := eval[string](b, `document.getElementById(`+strconv.Quote(ui.FieldID(amount)+"-err")+`).textContent`); !strings.Contains(msg, "negativo") {
		t.Fatalf("message: %q", msg)
	}
}
