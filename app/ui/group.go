package ui

import (
	"strconv"
	"strings"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// groupView is a repeating group (the members of an ATS, the budget lines): its items, each
// with move and remove buttons, and a button to add one. A keystroke in an item renders the
// group again, which only compares its items' small props; only the item typed in renders.
type groupView struct {
	app.Compo
	Path    string
	Lang    schema.Lang
	Ver     int
	CondVer int

	keys   app.Func  // the keydown listener of a table (table_keys.go)
	keysEl app.Value // the element it listens on

	upTo  int  // while a long group is drawn in batches, how many items are drawn; 0: all (batches.go)
	began bool // the first render chose whether to draw it in batches
}

func (g *groupView) OnMount(ctx app.Context) {
	defer sess.guard.recovered()
	g.listenKeys(ctx)
	g.nextBatch(ctx)
}

func (g *groupView) OnDismount() {
	defer sess.guard.recovered()
	g.stopKeys()
}

func (g *groupView) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	def := sess.open.call.Field(g.Path)
	if def == nil {
		return app.Div()
	}
	l := g.Lang
	n := len(sess.open.answers().Items(g.Path))
	max := 0
	if def.Repeat != nil {
		max = def.Repeat.Max
	}
	// Items past repeat.max are neither validated nor printed (schema.Call.Validate), and a
	// hostile file may hold a million: they are not rendered either, only counted.
	shown := n
	if max > 0 && n > max {
		shown = max
	}
	items := make([]app.UI, g.drawn(def, shown))
	for i := range items {
		items[i] = &itemView{Path: itemPath(g.Path, i), Index: i, Count: shown, Lang: l, Ver: g.Ver, CondVer: g.CondVer,
			Full: max > 0 && n >= max}
	}
	if def.IsTable() {
		items = []app.UI{g.table(def, items)}
	}
	var u *fieldUI = sess.ui[g.Path]
	p := fieldProps{def: def, path: g.Path, lang: l, ui: u}
	count := strconv.Itoa(n)
	if max > 0 {
		count = tr(l, "group.count", n, max)
	}
	titleID := FieldID(g.Path) + "-title"
	cls := "bando-group mb-5"
	if g.upTo > 0 {
		cls += " group-drawing" // batches to come (batches.go); the early form's snapshot waits for them
	}
	switch is := p.issue(); {
	case is == nil:
	case is.IsWarning():
		cls += " field-warned"
	default:
		cls += " field-invalid"
	}
	return app.Div().Class(cls).ID(FieldID(g.Path)).TabIndex(-1).Attr("role", "group").
		Aria("labelledby", titleID).Aria("describedby", groupDescribedBy(p)).DataSet("path", g.Path).Body(
		app.H2().Class("h4 group-title").ID(titleID).Body(
			app.Text(def.Label.In(l)+" "),
			app.Span().Class("group-count badge bg-light text-dark").Text(count),
		),
		helpText(p),
		groupError(p),
		slot(n == 0, func() app.UI { return app.P().Class("group-empty").Text(tr(l, "group.empty")) }),
		// a table has its rows, even none: its header says what a row will hold
		app.Div().Class("group-items").Body(items...),
		app.If(n > shown, func() app.UI {
			return app.P().Class("group-past-max alert alert-warning").Text(tr(l, "group.pastmax", n-shown, max))
		}),
		app.If(max == 0 || n < max, func() app.UI {
			return app.Button().Type("button").Class("btn btn-outline-primary group-add").ID(FieldID(g.Path) + "-add").
				Text(tr(l, "group.add", itemName(def, l))).OnClick(g.add)
		}),
		mergeLink(g.Path, l),
	)
}

// mergeLink is, under the call's partner group, the link to the staff program's page where
// the members' sheets come back (merge.go).
func mergeLink(path string, l schema.Lang) app.UI {
	if !partnerGroup(path) {
		return placeholder()
	}
	return app.A().Class("btn btn-link group-merge").ID("merge-link").Href(PathMerge).Text(tr(l, "merge.load.title"))
}

// groupDescribedBy ties the group to its help and, when shown, its message.
func groupDescribedBy(p fieldProps) string {
	var ids []string
	if hasHelp(p) {
		ids = append(ids, helpID(p.path))
	}
	if p.issue() != nil {
		ids = append(ids, errorID(p.path))
	}
	return strings.Join(ids, " ")
}

// itemName is what one item of the group is called: "membro", "voce di spesa".
func itemName(def *schema.Field, l schema.Lang) string {
	if s := def.ItemLabel.In(l); s != "" {
		return s
	}
	return def.Label.In(l)
}

func (g *groupView) add(ctx app.Context, e app.Event) {
	defer sess.guard.recovered() // a bug here must not kill the page (resilience.go)
	def := sess.open.call.Field(g.Path)
	i := -1
	sess.edit(func(a schema.Answers) { i = addItem(a, def, g.Path) })
	if u := sess.ui[g.Path]; u != nil && u.showing {
		sess.check(g.Path)
	}
	if i >= 0 {
		focus := itemHeadingID(itemPath(g.Path, i))
		if def.IsTable() { // straight into the first cell of the new row
			focus = FieldID(itemPath(g.Path, i) + "." + def.Fields[0].ID)
		}
		sess.focusLater(ctx, focus)
	}
}

func itemHeadingID(item string) string { return FieldID(item) + "-title" }

// itemView is one item of a group: its heading, its buttons, its fields.
type itemView struct {
	app.Compo
	Path    string // "ats.membri[2]"
	Index   int
	Count   int
	Lang    schema.Lang
	Ver     int
	CondVer int
	Full    bool // the group has its maximum of items: none can be duplicated

	sheetRunning bool   // the worker is making this member's partner sheet (sheet.go)
	sheetMsg     string // why it could not
}

func (it *itemView) group() string { return it.Path[:strings.LastIndexByte(it.Path, '[')] }

func (it *itemView) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	def := sess.open.call.Field(it.group())
	if def == nil {
		return app.Div()
	}
	l := it.Lang
	a := sess.open.answers()
	title := tr(l, "group.item", capitalize(itemName(def, l)), it.Index+1)
	if name := itemTitle(def, a, it.Path); name != "" {
		title += " — " + name
	}
	headID := itemHeadingID(it.Path)
	// at the group's minimum an item cannot go: the button says why (its title)
	atMin, why := def.Repeat != nil && it.Count <= def.Repeat.Min, ""
	if atMin {
		why = tr(l, "group.atmin", def.Repeat.Min, def.Label.In(l))
	}
	table := def.IsTable()
	cls := "group-item card card-bg mb-4"
	if table {
		cls = "bando-row"
	}
	var is *schema.Issue // a check on the whole item ("each" without a field)
	if u := sess.ui[it.Path]; u != nil && u.issue != nil {
		is = u.issue
		cls += " item-invalid"
		if is.IsWarning() {
			cls = strings.Replace(cls, "item-invalid", "item-warned", 1)
		}
	}
	buttons := []app.UI{
		app.Button().Type("button").Class("btn btn-sm btn-outline-secondary item-up").
			Disabled(it.Index == 0).Aria("label", tr(l, "group.up")+": "+title).
			Text(tr(l, "group.up")).OnClick(it.moveUp),
		app.Button().Type("button").Class("btn btn-sm btn-outline-secondary item-down").
			Disabled(it.Index == it.Count-1).Aria("label", tr(l, "group.down")+": "+title).
			Text(tr(l, "group.down")).OnClick(it.moveDown),
		slot(!it.Full, func() app.UI {
			return app.Button().Type("button").Class("btn btn-sm btn-outline-secondary item-duplicate").
				Aria("label", tr(l, "group.duplicate")+": "+title).
				Text(tr(l, "group.duplicate")).OnClick(it.duplicate)
		}),
		app.Button().Type("button").Class("btn btn-sm btn-outline-danger item-remove").
			Aria("label", tr(l, "group.remove")+": "+title).Disabled(atMin).Title(why).
			Text(tr(l, "group.remove")).OnClick(it.remove),
	}
	if sheet := it.sheetButton(l, title); sheet != nil {
		buttons = append(buttons, sheet)
	}
	if table { // a row of a table (table.go): its number, a cell per question, its buttons
		return app.Div().Attr("role", "row").Class(cls).DataSet("path", it.Path).DataSet("index", it.Index).Body(
			append(append([]app.UI{app.Div().Attr("role", "rowheader").Class("row-head").ID(headID).TabIndex(-1).Body(
				app.Span().Class("visually-hidden").Text(capitalize(itemName(def, l))+" "),
				app.Text(it.Index+1),
			)}, cells(def.Fields, it.Path+".", l, it.Ver)...),
				app.Div().Attr("role", "cell").Class("row-actions").Body(messageBox(it.Path, is), app.Div().Body(buttons...)))...)
	}
	return app.Section().Class(cls).Aria("labelledby", headID).DataSet("path", it.Path).Body(
		app.Div().Class("card-body").Body(
			app.Div().Class("d-flex flex-wrap align-items-center gap-2 mb-3 item-head").Body(
				append([]app.UI{app.H3().Class("h5 flex-grow-1 mb-0 item-title").ID(headID).TabIndex(-1).Text(title)}, buttons...)...),
			messageBox(it.Path, is),
			app.If(it.sheetMsg != "", func() app.UI {
				return app.Div().Class("alert alert-danger item-sheet-error").Attr("role", "alert").Text(it.sheetMsg)
			}),
			slot(len(schema.ProfileFields(def.Fields)) > 0, func() app.UI { return &profileBar{Path: it.Path, Lang: l, Ver: it.Ver} }),
			app.Div().Class("item-fields").Body(questions(def.Fields, it.Path+".", l, it.Ver, it.CondVer)...),
		),
	)
}

// OnMount and OnUpdate paint the item's message, as fieldView does for a question's.
func (it *itemView) OnMount(ctx app.Context) {
	defer sess.guard.recovered()
	if u := sess.ui[it.Path]; u != nil && u.issue != nil {
		ctx.Defer(func(app.Context) {
			defer sess.guard.recovered()
			it.paint()
		})
	}
}

func (it *itemView) OnUpdate(ctx app.Context) {
	defer sess.guard.recovered()
	ctx.Defer(func(app.Context) {
		defer sess.guard.recovered()
		it.paint()
	})
}

func (it *itemView) paint() {
	var is *schema.Issue
	if u := sess.ui[it.Path]; u != nil {
		is = u.issue
	}
	paintMessage(it.Path, is, it.Lang)
}

// itemTitle names an item by its first text answer ("Membro 2 — Alfa APS"), so that a long
// list stays readable and the move buttons say what they move.
func itemTitle(def *schema.Field, a schema.Answers, item string) string {
	for _, sub := range def.Fields {
		if sub.Type == schema.TypeText {
			if s, ok := a.Get(item + "." + sub.ID).(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (it *itemView) moveUp(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	it.move(ctx, it.Index-1)
}
func (it *itemView) moveDown(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	it.move(ctx, it.Index+1)
}

func (it *itemView) move(ctx app.Context, to int) {
	it.moveTo(ctx, to, itemHeadingID(itemPath(it.group(), to)))
}

// moveTo moves the item to index to and then puts the focus on the element with id focus.
func (it *itemView) moveTo(ctx app.Context, to int, focus string) {
	from, group := it.Index, it.group()
	if to < 0 || to >= it.Count {
		return
	}
	sess.edit(func(a schema.Answers) { _ = a.MoveItem(group, from, to) })
	sess.restructured(group, afterMove(from, to))
	sess.focusLater(ctx, focus)
}

// duplicate inserts a copy of the item after it (a budget line like the one before): the
// copy gets a new id, so choices naming the original still name the original.
func (it *itemView) duplicate(ctx app.Context, e app.Event) {
	defer sess.guard.recovered() // a bug here must not kill the page (resilience.go)
	i, group := it.Index, it.group()
	at := -1
	sess.edit(func(a schema.Answers) { at, _ = a.DuplicateItem(group, i) })
	if at < 0 {
		return
	}
	sess.restructured(group, afterInsert(at))
	sess.focusLater(ctx, itemHeadingID(itemPath(group, at)))
}

func (it *itemView) remove(ctx app.Context, e app.Event) {
	defer sess.guard.recovered() // a bug here must not kill the page (resilience.go)
	i, group := it.Index, it.group()
	def := sess.open.call.Field(group)
	title := tr(it.Lang, "group.item", itemName(def, it.Lang), i+1)
	if name := itemTitle(def, sess.open.answers(), it.Path); name != "" {
		title += " — " + name
	}
	if hasAnswers(sess.open.answers().Get(it.Path)) && !confirmed(tr(it.Lang, "group.remove.confirm", title)) {
		return
	}
	sess.edit(func(a schema.Answers) { _ = a.RemoveItem(group, i) })
	sess.restructured(group, afterRemove(i))
	next := FieldID(group) + "-add"
	if i < it.Count-1 {
		next = itemHeadingID(itemPath(group, i))
	} else if i > 0 {
		next = itemHeadingID(itemPath(group, i-1))
	}
	sess.focusLater(ctx, next)
}

// restructured moves the display state along with items that were removed or reordered,
// renders every field again, and checks the group's own count if it showed an error.
func (s *session) restructured(group string, newIndex func(int) int) {
	reindex(s.ui, group, newIndex)
	// A check's message names its item ("Partner 3"): it follows the item's new number.
	for path, u := range s.ui {
		if u.issue != nil && strings.HasPrefix(path, group+"[") && strings.HasPrefix(u.issue.Key, "check.") {
			is := *u.issue
			is.Path = path
			is.Message = issueText(s.open.call, is, s.formLang())
			u.issue = &is
		}
	}
	s.summary, s.summaryFor = nil, ""
	s.summaryVer++
	s.ver++
	if u := s.ui[group]; u != nil && u.showing {
		s.check(group)
	}
}
