package ui

import (
	"strings"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Values that follow other answers while the applicant types: computed fields (a total, what
// is left under the ceiling) and choices whose options are a group's items (the members of the
// ATS). A keystroke must not cost work in proportion to the form, so neither re-renders the
// step: a computed value on screen is written into its <output> from the keystroke's handler
// (like paintMessage), and only when the answer typed is one its expression reads; a choice fed
// by items renders again, alone, when an item is added, removed or moved, or when the field
// that names the items changes.

func init() {
	texts["computed.none"] = [2]string{"—", "—"}
	texts["choice.gone.short"] = [2]string{"(voce non più presente)", "(entry no longer present)"}
	texts["choice.gone"] = [2]string{"Voce non più presente: togli la spunta", "Entry no longer present: untick it"}
}

// liveValues is what the open call needs to keep those values current.
type liveValues struct {
	// deps: the names each computed field reads, through other computed fields too (a
	// superset: function names and path steps are in it, which only costs a recomputation).
	deps map[*schema.Field]map[string]bool
	// local: computed fields inside a group that read only their own item's fields; a change
	// in another item leaves them as they are.
	local map[*schema.Field]bool
	// labels: the fields that name the items of a choice fed by items.
	labels map[string]bool
	// shown: the values on screen, by element id (the field's own <output>, or its copy in the
	// totals box), with the text they show.
	shown map[string]liveOutput
}

// liveOutput is a value on screen: a computed field, or an amount typed elsewhere on the page
// and repeated in the totals box (totals.go).
type liveOutput struct {
	f    *schema.Field
	path string
	item string // the item holding it, "budget.voci[2]", for local fields
	text string
}

// show records the value of field f at path shown in element id, and returns its text.
func (lv *liveValues) show(id string, f *schema.Field, path string, l schema.Lang) string {
	text := liveText(f, path, l)
	item := ""
	if i := strings.LastIndexByte(path, '.'); i >= 0 && strings.HasSuffix(path[:i], "]") {
		item = path[:i]
	}
	if lv.shown == nil {
		lv.shown = map[string]liveOutput{}
	}
	lv.shown[id] = liveOutput{f: f, path: path, item: item, text: text}
	return text
}

// liveText is a value as the form shows it: a computed field's, or an answer's.
func liveText(f *schema.Field, path string, l schema.Lang) string {
	if f.Type == schema.TypeComputed {
		return computedText(sess.open.call, sess.open.answers(), f, path, l)
	}
	if s := displayValue(f, sess.open.answers().Get(path), l); s != "" {
		return s
	}
	return tr(l, "computed.none")
}

func newLiveValues(c *schema.Call) liveValues {
	lv := liveValues{deps: map[*schema.Field]map[string]bool{}, local: map[*schema.Field]bool{}, labels: map[string]bool{}, shown: map[string]liveOutput{}}
	if c == nil {
		return lv
	}
	byID := map[string][]*schema.Field{}
	groupOf := map[*schema.Field]*schema.Field{}
	var walk func(fs []*schema.Field, g *schema.Field)
	walk = func(fs []*schema.Field, g *schema.Field) {
		for _, f := range fs {
			switch {
			case f.Type == schema.TypeComputed:
				names := map[string]bool{}
				addIdents(names, f.Expr)
				lv.deps[f] = names
				byID[f.ID] = append(byID[f.ID], f)
				groupOf[f] = g
			case f.OptionsFrom != nil:
				lv.labels[f.OptionsFrom.Label] = true
			}
			walk(f.Fields, f)
		}
	}
	for _, s := range c.Sections {
		walk(s.Fields, nil)
	}
	for f, names := range lv.deps {
		if g := groupOf[f]; g != nil {
			local := true
			for n := range names {
				if !hasChild(g, n) || len(byID[n]) > 0 {
					local = false
				}
			}
			lv.local[f] = local
		}
	}
	// Close the names over computed fields read by other computed fields; the call has no
	// cycles (lint), so this ends.
	for changed := true; changed; {
		changed = false
		for _, names := range lv.deps {
			for n := range names {
				for _, g := range byID[n] {
					for m := range lv.deps[g] {
						if !names[m] {
							names[m], changed = true, true
						}
					}
				}
			}
		}
	}
	return lv
}

func hasChild(g *schema.Field, id string) bool {
	for _, f := range g.Fields {
		if f.ID == id {
			return true
		}
	}
	return false
}

// computedText is the value of the computed field at path as the form shows it.
func computedText(c *schema.Call, a schema.Answers, f *schema.Field, path string, l schema.Lang) string {
	if s := schema.FormatComputed(f, c.Computed(a, path), l); s != "" {
		return s
	}
	return tr(l, "computed.none")
}

// computedField is a read-only value: its label, its help, and an <output> that screen
// readers announce politely when it changes.
func computedField(p fieldProps) app.UI {
	id := FieldID(p.path)
	text := sess.live.show(id, p.def, p.path, p.lang)
	out := app.Output().ID(id).Class("computed-value").Aria("live", "polite").Text(text)
	if !p.def.Help.IsZero() {
		out = out.Aria("describedby", helpID(p.path))
	}
	return group(p,
		app.Label().For(id).Class("field-label").Text(p.def.Label.In(p.lang)),
		helpText(p),
		app.Div().Class("computed-box").Body(out),
	)
}

// mountLive remembers a choice fed by items, so that it can render again on its own.
func (s *session) mountLive(f *fieldView, ctx app.Context) {
	if s.open.call == nil {
		return
	}
	if def := s.open.call.Field(f.Path); def != nil && def.OptionsFrom != nil {
		if s.liveChoices == nil {
			s.liveChoices = map[*fieldView]app.Context{}
		}
		s.liveChoices[f] = ctx
	}
}

// refreshLive brings the values on screen up to date after the answer at path (whose field
// id is name) changed; all of them when the change is structural (items added, removed or
// moved) or may show or hide fields (cond).
func (s *session) refreshLive(path, name string, all bool) {
	if s.open.call == nil || s.open.d == nil {
		return
	}
	if all || s.live.labels[name] {
		for f, ctx := range s.liveChoices {
			if f.Mounted() {
				ctx.Update()
			} else {
				delete(s.liveChoices, f)
			}
		}
	}
	if len(s.live.shown) == 0 {
		return
	}
	l := s.formLang()
	for id, o := range s.live.shown {
		switch {
		case all:
		case o.f.Type != schema.TypeComputed: // an answer repeated in the totals box
			if o.path != path {
				continue
			}
		case !s.live.deps[o.f][name], s.live.local[o.f] && !strings.HasPrefix(path, o.item+"."):
			continue
		}
		text := liveText(o.f, o.path, l)
		if text == o.text {
			continue
		}
		if !paintOutput(id, text) {
			delete(s.live.shown, id) // no longer on screen
			continue
		}
		o.text = text
		s.live.shown[id] = o
	}
}

// paintOutput writes text into the <output> id, through the text node go-app made, so that
// go-app's own later renders keep updating the same node. False when it is not on screen.
func paintOutput(id, text string) bool {
	found := false
	_ = jsTry(func() {
		el := app.Window().Get("document").Call("getElementById", id)
		if !el.Truthy() {
			return
		}
		found = true
		if n := el.Get("firstChild"); n.Truthy() && n.Get("nodeType").Int() == 3 {
			n.Set("nodeValue", text)
			return
		}
		el.Set("textContent", text)
	})
	return found
}

// answerText is the answer at path as the review page shows it: a computed field's value, the
// names of the items a choice fed by items names, any other answer as displayValue writes it.
func answerText(c *schema.Call, a schema.Answers, f *schema.Field, path string, l schema.Lang) string {
	switch {
	case f.Type == schema.TypeComputed:
		return schema.FormatComputed(f, c.Computed(a, path), l)
	case f.OptionsFrom != nil:
		name := func(s string) string {
			if t := c.OptionText(a, path, s, l); t != s {
				return t
			}
			return tr(l, "choice.gone.short") // an id means nothing to anyone
		}
		switch v := a.Get(path).(type) {
		case string:
			return name(v)
		case []any:
			names := make([]string, 0, len(v))
			for _, x := range v {
				s, _ := x.(string)
				names = append(names, name(s))
			}
			return strings.Join(names, "; ")
		}
	}
	return displayValue(f, a.Get(path), l)
}
