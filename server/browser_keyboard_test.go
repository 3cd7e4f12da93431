package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"bando/app/ui"
	"bando/schema"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserKeyboardWholeForm completes the whole FAMI proposal with the keyboard alone
// (issue #7): from the start page, Tab to "Nuova proposta" and Enter; on every step, Tab
// through the page and answer each input as it takes the focus (typing, Space, arrow keys),
// add the third member with Enter on the group's "add" button, and Enter on "Salva e
// continua"; the review then shows no error. The test never clicks and never sets a value by
// JavaScript: JavaScript only reads the page (the focused element, values, the location).
func TestBrowserKeyboardWholeForm(t *testing.T) {
	app := startApp(t, "test")
	b := newTab(t, "")
	c, a := famiAnswers(t, 3)
	k := &keyDriver{b: b, c: c, a: a}

	b.open(app.url + ui.PathHome)
	k.tabTo("new-"+c.ID, 60)
	b.do(chromedp.KeyEvent(kb.Enter))

	steps := c.Sections
	for i, sec := range steps {
		want := ui.PathReview
		if i+1 < len(steps) {
			want = "/sezione/" + steps[i+1].ID
		}
		k.step(sec, want)
	}
	b.waitFor(`!!document.getElementById("review-ok")`, 10*time.Second)
	text := eval[string](b, `document.querySelector("main").innerText`)
	for _, want := range []string{"Ponti di Parole APS", "Mediazione Insieme ODV", "Il Crocevia Società Cooperativa Sociale", "€ 320.000,00"} {
		if !strings.Contains(text, want) {
			t.Errorf("the review does not show %q", want)
		}
	}
}

// keyDriver answers a call's form with key presses only, driven by the call schema and the
// answers: it maps the focused element back to the answer path it holds (ui.FieldID, and the
// "-N" suffix of a radio's or checkbox's other options) and presses the keys that input takes.
type keyDriver struct {
	b *tab
	c *schema.Call
	a schema.Answers

	dateOrder []string // the segments of a date input, in the browser locale's order
}

// keyTarget is one input the keyboard must answer on the current step.
type keyTarget struct {
	path string
	def  *schema.Field
	want any
	done bool
}

// focused is what document.activeElement is.
type focused struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Tag     string   `json:"tag"`
	Type    string   `json:"type"`
	Value   string   `json:"value"`
	Checked bool     `json:"checked"`
	Text    string   `json:"text"`
	Options []string `json:"options"` // a select's option values
	Index   int      `json:"index"`   // a select's selected index
}

const focusedJS = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body) return {tag: "body"};
	return {id: e.id || "", name: e.getAttribute("name") || "", tag: e.tagName.toLowerCase(), type: e.type || "",
		value: typeof e.value === "string" ? e.value : "", checked: !!e.checked,
		text: (e.innerText || e.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ").slice(0, 40),
		options: e.tagName === "SELECT" ? [...e.options].map(o => o.value) : null,
		index: e.tagName === "SELECT" ? e.selectedIndex : -1};
})()`

func (f focused) String() string {
	switch {
	case f.ID != "":
		return "#" + f.ID
	case f.Name != "":
		return f.Tag + "[name=" + f.Name + "]"
	case f.Text != "":
		return f.Tag + " " + strconv.Quote(f.Text)
	}
	return f.Tag
}

func (k *keyDriver) focused() focused { return eval[focused](k.b, focusedJS) }

func (k *keyDriver) key(keys string) { k.b.do(chromedp.KeyEvent(keys)) }

// tabTo presses Tab until the element with that id has the focus.
func (k *keyDriver) tabTo(id string, max int) {
	k.b.t.Helper()
	var reached []string
	for range max {
		k.key(kb.Tab)
		f := k.focused()
		if f.ID == id {
			return
		}
		reached = append(reached, f.String())
	}
	k.b.t.Fatalf("%d presses of Tab never reached #%s; reached: %s", max, id, strings.Join(reached, ", "))
}

// targets are the inputs of section sec that the answers fill, in the form's order, and the
// number of items each group must have.
func (k *keyDriver) targets(sec *schema.Section) ([]*keyTarget, map[string]int) {
	var out []*keyTarget
	groups := map[string]int{}
	var walk func(fs []*schema.Field, prefix string)
	walk = func(fs []*schema.Field, prefix string) {
		for _, f := range fs {
			path := prefix + f.ID
			if !k.c.Shown(k.a, path) {
				continue
			}
			if f.Type == schema.TypeGroup {
				n := len(k.a.Items(path))
				groups[path] = n
				for i := range n {
					walk(f.Fields, fmt.Sprintf("%s[%d].", path, i))
				}
				continue
			}
			if v := k.a.Get(path); v != nil {
				out = append(out, &keyTarget{path: path, def: f, want: v})
			}
		}
	}
	walk(sec.Fields, sec.ID+".")
	return out, groups
}

// step answers one step by keyboard and presses "Salva e continua", which must lead to want.
func (k *keyDriver) step(sec *schema.Section, want string) {
	b := k.b
	b.t.Helper()
	path := "/sezione/" + sec.ID
	// The app moves the focus to the step's heading once the step is drawn: start from there.
	b.waitFor(`location.pathname === `+strconv.Quote(path)+` && document.activeElement && document.activeElement.id === "page-title"`, 15*time.Second)

	targets, groups := k.targets(sec)
	byName := map[string]*keyTarget{}
	for _, tg := range targets {
		byName[ui.FieldID(tg.path)] = tg
	}
	addButtons := map[string]string{}
	for g := range groups {
		addButtons[ui.FieldID(g)+"-add"] = g
	}
	// Generous for the page's links and buttons, each item's buttons and the segments of dates
	// (Tab moves from one to the next inside a date input); a focus trap stops far sooner.
	maxTabs := 3*len(targets) + 10*len(groups) + 80
	var reached []string
	start := time.Now()
	for tabs := 1; tabs <= maxTabs; tabs++ {
		k.key(kb.Tab)
		f := k.focused()
		reached = append(reached, f.String())
		switch {
		case f.ID == "next":
			var missing []string
			for _, tg := range targets {
				if !tg.done {
					missing = append(missing, tg.path)
				}
			}
			for g, n := range groups {
				if has := b.items(g); has != n {
					missing = append(missing, fmt.Sprintf("%s: %d items of %d", g, has, n))
				}
			}
			if len(missing) > 0 {
				b.t.Fatalf("step %s: Tab reached \"Salva e continua\" with these not answered: %s\nreached: %s",
					sec.ID, strings.Join(missing, ", "), strings.Join(reached, ", "))
			}
			b.t.Logf("step %s: %d answers in %d presses of Tab, %s", sec.ID, len(targets), tabs, time.Since(start).Round(time.Millisecond))
			k.key(kb.Enter)
			b.waitFor(`location.pathname === `+strconv.Quote(want)+` || !!document.getElementById("error-summary")`, 15*time.Second)
			if p := eval[string](b, `location.pathname`); p != want {
				b.t.Fatalf("step %s completed by keyboard has errors:\n%s", sec.ID, eval[string](b, `document.getElementById("error-summary").innerText`))
			}
			return
		case addButtons[f.ID] != "":
			g := addButtons[f.ID]
			n := b.items(g)
			if n >= groups[g] {
				continue
			}
			k.key(kb.Enter)
			b.waitFor(fmt.Sprintf(`document.querySelectorAll(':is(.group-item, .bando-row)[data-path^="%s["]').length === %d`, g, n+1), 10*time.Second)
			// The focus must land on the new item, so that Tab goes on into its fields: a
			// card's heading, or the first cell of a table's new row.
			head := ui.FieldID(fmt.Sprintf("%s[%d]", g, n)) + "-title"
			table := k.c.Field(g).IsTable()
			if table {
				head = ui.FieldID(fmt.Sprintf("%s[%d].%s", g, n, k.c.Field(g).Fields[0].ID))
			}
			deadline := time.Now().Add(5 * time.Second)
			for f = k.focused(); f.ID != head; f = k.focused() {
				if time.Now().After(deadline) {
					b.t.Fatalf("after adding an item to %s by keyboard the focus is on %s, not on the new item's heading #%s", g, f, head)
				}
				time.Sleep(20 * time.Millisecond)
			}
			reached = append(reached, f.String())
			if tg := byName[f.Name]; table && tg != nil && !tg.done {
				k.answer(tg, f)
				k.settle(targets, tg)
			}
		default:
			tg := byName[f.Name]
			if tg == nil || tg.done {
				continue
			}
			k.answer(tg, f)
			k.settle(targets, tg)
		}
	}
	b.t.Fatalf("step %s: %d presses of Tab never reached \"Salva e continua\" (a focus trap?); reached: %s",
		sec.ID, maxTabs, strings.Join(reached, ", "))
}

// settle waits, briefly, for the next target after tg to be on the page: an answer may show
// the questions that follow it (a `when`), and the app draws them at its next frame.
func (k *keyDriver) settle(targets []*keyTarget, tg *keyTarget) {
	i := slices.Index(targets, tg)
	if i < 0 || i+1 >= len(targets) {
		return
	}
	next := targets[i+1].path
	// The next question may be in an item not yet added: the "add" button comes first.
	if item := next[:max(strings.LastIndexByte(next, ']')+1, 0)]; item != "" &&
		!eval[bool](k.b, `!!document.querySelector(':is(.group-item, .bando-row)[data-path="`+item+`"]')`) {
		return
	}
	id := strconv.Quote(ui.FieldID(next))
	for range 50 {
		if eval[bool](k.b, `!!document.getElementById(`+id+`)`) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// answer answers tg, whose input (or one of whose options) has the focus.
func (k *keyDriver) answer(tg *keyTarget, f focused) {
	b := k.b
	b.t.Helper()
	name := ui.FieldID(tg.path)
	switch tg.def.Type {
	case schema.TypeChoice, schema.TypeBoolean:
		var opts []string
		want := fmt.Sprint(tg.want)
		if tg.def.Type == schema.TypeBoolean {
			opts = []string{"true", "false"}
		} else {
			for _, o := range tg.def.Options {
				opts = append(opts, o.Value)
			}
		}
		if f.Tag == "select" {
			k.choose(tg, f, want)
			break
		}
		k.radio(tg, f, name, opts, want)
	case schema.TypeMultiChoice:
		// Each box is its own Tab stop: this one is ticked or left as the answer says. The
		// target is done when the last box has had its turn.
		var wants []string
		for _, v := range tg.want.([]any) {
			wants = append(wants, fmt.Sprint(v))
		}
		if slices.Contains(wants, f.Value) != f.Checked {
			k.key(" ")
			k.expect(tg, fmt.Sprintf(`document.activeElement.checked === %v`, !f.Checked))
		}
		// The boxes on the page, not the call's options: a choice among a group's items
		// (optionsFrom) has a box per item.
		last := eval[string](b, `(l => l.length ? l[l.length-1].id : "")(document.querySelectorAll('input[name="`+name+`"]'))`)
		if f.ID == last {
			k.expect(tg, fmt.Sprintf(`JSON.stringify([...document.querySelectorAll('input[name="%s"]:checked')].map(e => e.value)) === %s`,
				name, strconv.Quote(jsonList(wants))))
			tg.done = true
		}
		return
	case schema.TypeDeclaration:
		if !f.Checked {
			k.key(" ")
		}
		k.expect(tg, `document.activeElement.checked === true`)
	case schema.TypeDate:
		k.date(tg, f)
	default:
		var text string
		switch tg.def.Type {
		case schema.TypeMoney:
			text = strings.TrimPrefix(schema.FormatMoney(tg.want.(int64), schema.IT), "€ ")
		default:
			text = fmt.Sprint(tg.want)
		}
		if f.Value != text {
			if f.Value != "" { // select what is there, and type over it
				b.do(chromedp.KeyEvent("a", chromedp.KeyModifiers(ctrlModifier)), chromedp.KeyEvent(kb.Backspace))
			}
			k.typeText(text)
		}
		k.expect(tg, `document.activeElement.value === `+strconv.Quote(text))
	}
	tg.done = true
}

const ctrlModifier = chromedp.ModifierCtrl

// typeText types text key by key, in pieces so that no single action runs long.
func (k *keyDriver) typeText(text string) {
	r := []rune(text)
	for len(r) > 0 {
		n := min(len(r), 64)
		k.key(string(r[:n]))
		r = r[n:]
	}
}

// radio selects want in a group of radios with the arrow keys (which move the focus and the
// choice together), or with Space when the focused radio is the one.
func (k *keyDriver) radio(tg *keyTarget, f focused, name string, opts []string, want string) {
	k.b.t.Helper()
	cur, to := slices.Index(opts, f.Value), slices.Index(opts, want)
	if cur < 0 || to < 0 {
		k.b.t.Fatalf("%s: the focused radio %s (value %q) or the answer %q is not among the options %v", tg.path, f, f.Value, want, opts)
	}
	// The radio's id is the field's for its first option, and "-N" after it for the others.
	if wantID := ui.FieldID(tg.path) + optionSuffix(cur); f.ID != wantID {
		k.b.t.Fatalf("%s: the focused radio is #%s, want #%s for option %q", tg.path, f.ID, wantID, f.Value)
	}
	switch {
	case to > cur:
		k.key(strings.Repeat(kb.ArrowDown, to-cur))
	case to < cur:
		k.key(strings.Repeat(kb.ArrowUp, cur-to))
	case !f.Checked:
		k.key(" ")
	}
	k.expect(tg, fmt.Sprintf(`((e) => !!e && e.value === %s && e === document.activeElement)(document.querySelector('input[name="%s"]:checked'))`,
		strconv.Quote(want), name))
}

func optionSuffix(i int) string {
	if i == 0 {
		return ""
	}
	return "-" + strconv.Itoa(i)
}

// choose picks want in a focused select with the arrow keys, which change a closed select's
// choice directly.
func (k *keyDriver) choose(tg *keyTarget, f focused, want string) {
	k.b.t.Helper()
	to := slices.Index(f.Options, want)
	if to < 0 {
		k.b.t.Fatalf("%s: the select has no option %q: %v", tg.path, want, f.Options)
	}
	switch {
	case to > f.Index:
		k.key(strings.Repeat(kb.ArrowDown, to-f.Index))
	case to < f.Index:
		k.key(strings.Repeat(kb.ArrowUp, f.Index-to))
	}
	k.expect(tg, `document.activeElement.value === `+strconv.Quote(want))
}

// date types a date: into Bando's own date input as gg/mm/aaaa, or into a browser's date input
// segment by segment in the order its locale shows them (Chrome moves to the next segment once
// one is complete).
func (k *keyDriver) date(tg *keyTarget, f focused) {
	k.b.t.Helper()
	want := fmt.Sprint(tg.want) // yyyy-mm-dd
	if f.Value == want {
		return
	}
	ymd := strings.Split(want, "-")
	if len(ymd) != 3 {
		k.b.t.Fatalf("%s: %q is not a date", tg.path, want)
	}
	if f.Type != "date" {
		// Bando's own date input: typed and shown as gg/mm/aaaa whatever the browser's locale.
		shown := ymd[2] + "/" + ymd[1] + "/" + ymd[0]
		if f.Value != shown {
			k.key(shown)
		}
		k.expect(tg, `document.activeElement.value === `+strconv.Quote(shown))
		return
	}
	if k.dateOrder == nil {
		k.dateOrder = eval[[]string](k.b, `new Intl.DateTimeFormat(navigator.language, {year: "numeric", month: "2-digit", day: "2-digit"})
			.formatToParts(new Date(2024, 10, 23)).filter(p => p.type !== "literal").map(p => p.type)`)
	}
	seg := map[string]string{"year": ymd[0], "month": ymd[1], "day": ymd[2]}
	for i, part := range k.dateOrder {
		k.key(seg[part])
		if part == "year" && i < len(k.dateOrder)-1 {
			k.key(kb.ArrowRight) // a year may have more digits: it does not move on by itself
		}
	}
	k.expect(tg, `document.activeElement.value === `+strconv.Quote(want))
}

// expect waits for a JavaScript condition that says the input took the answer.
func (k *keyDriver) expect(tg *keyTarget, js string) {
	k.b.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !eval[bool](k.b, js) {
		if time.Now().After(deadline) {
			k.b.t.Fatalf("%s: the keyboard did not give the answer %v: the focus is on %s, whose value is %q",
				tg.path, tg.want, k.focused(), k.focused().Value)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func jsonList(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = strconv.Quote(x)
	}
	return "[" + strings.Join(q, ",") + "]"
}
