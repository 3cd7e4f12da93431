package partner

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"bando/app/draft"
	"bando/schema"
)

// Change is one field a sheet changes: what it was when the sheet was exported (Base), what the
// member answered (Theirs) and what the draft holds now (Ours); nil is no answer. A conflict is
// a field both changed, differently, since the export: it is never decided without someone
// choosing.
type Change struct {
	// Path is the answer path in the draft: "ats.membri[2].cf", or for a declaration its
	// path ("dichiarazioni.dpr445") and the values are whether the member accepts it.
	Path  string
	Field *schema.Field
	// Declaration: the change is the member's acceptance of the declaration Field.
	Declaration bool
	Base        any
	Theirs      any
	Ours        any
	Conflict    bool
}

// Merge is what merging one sheet into a draft would change.
type Merge struct {
	Sheet *Sheet
	// Index is the member's position in the draft's group when the plan was made.
	Index   int
	Changes []Change
}

// Conflicts counts the conflicts of m.
func (m *Merge) Conflicts() int {
	n := 0
	for _, ch := range m.Changes {
		if ch.Conflict {
			n++
		}
	}
	return n
}

// Plan compares a sheet with the draft it came from, field by field against the sheet's base
// (a three-way merge): a field the member changed and the draft did not is a change; one both
// changed to different answers is a conflict; one both changed alike, or only the draft
// changed, is nothing to do. Fields the member does not fill (schema.Partner.Fields) are left
// out, whatever the sheet holds. A sheet of another proposal, of a member no longer in the
// draft, or of another call is refused with a message saying which. d must be open with c.
func Plan(d *draft.Draft, c *schema.Call, s *Sheet) (*Merge, error) {
	p, err := part(c)
	if err != nil {
		return nil, err
	}
	if d.Call != s.Call {
		return nil, errf("partner.other_call", "Questa scheda è per un altro bando (%s), non per «%s».", "This sheet is for another call (%s), not for “%s”.", s.Call, c.Title.IT)
	}
	if err := Check(s, c); err != nil {
		return nil, err
	}
	if s.Proposal != ProposalID(d) {
		return nil, errf("partner.other_proposal", "La scheda di «%s» viene da un'altra domanda, non da questa bozza: uniscila alla bozza da cui è stata esportata.", "The sheet of “%s” comes from another proposal, not from this draft: merge it into the draft it was exported from.", s.Name)
	}
	items := d.Answers.Items(p.Group().Path())
	i := memberIndex(items, s.Member)
	if i < 0 {
		return nil, errf("partner.member_gone", "Il membro «%s» di questa scheda non è più nella domanda: è stato tolto dopo l'esportazione.", "The member “%s” of this sheet is no longer in the proposal: it was removed after the export.", s.Name)
	}
	ours, _ := items[i].(map[string]any)
	theirs, base := Item(p, s.Answers), Item(p, s.Base)
	m := &Merge{Sheet: s, Index: i}
	at := p.Group().Path() + "[" + strconv.Itoa(i) + "]."
	for _, f := range p.MemberFields() {
		m.add(Change{Path: at + f.ID, Field: f, Base: base[f.ID], Theirs: theirs[f.ID], Ours: ours[f.ID]})
	}
	declared := declaredOf(ours)
	for _, f := range p.DeclarationFields() {
		m.add(Change{Path: f.Path(), Field: f, Declaration: true,
			Base: s.Base.Get(f.Path()) == true, Theirs: s.Answers.Get(f.Path()) == true, Ours: slices.Contains(declared, f.Path())})
	}
	return m, nil
}

// add keeps ch when the member changed the field and the draft does not already agree.
func (m *Merge) add(ch Change) {
	if blank(ch.Base) && blank(ch.Theirs) || draft.SameValue(ch.Base, ch.Theirs) || draft.SameValue(ch.Ours, ch.Theirs) {
		return
	}
	ch.Conflict = !draft.SameValue(ch.Ours, ch.Base) && !(blank(ch.Ours) && blank(ch.Base))
	m.Changes = append(m.Changes, ch)
}

// blank is no answer: nil, or an empty text or list, as the form leaves a field cleared.
func blank(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	}
	return false
}

// Apply writes into d the changes of m that take (called once per change) accepts, and records
// the merge in d's history with the answers it replaced, from says what was merged (the
// sheet's file name). It returns the paths changed: none when the draft already holds every
// accepted answer, and then nothing is recorded, so merging a sheet twice changes nothing.
// Answers of fields a call update removed, found in an older sheet, go to d.Aside. The member
// is found again by its id, so the draft may have changed since Plan.
func Apply(d *draft.Draft, c *schema.Call, m *Merge, take func(Change) bool, from string, now time.Time) ([]string, error) {
	p, err := part(c)
	if err != nil {
		return nil, err
	}
	if _, err := draft.Events(d); err != nil {
		return nil, err // before anything changes: the merge could not be recorded
	}
	a, err := apply(d, p, m, take)
	if err != nil || len(a.paths) == 0 {
		return nil, err
	}
	return a.paths, draft.AddEvent(d, a.event(d, from, now))
}

// ApplyAll merges several sheets in turn, each planned against the draft as the ones before
// it left it (two sheets of one member never overwrite each other unseen), taking what take
// accepts of sheets[k] (take is told k: a declaration has the same path in every member's
// sheet, so the app's choices are per sheet), from[k] naming the file of sheets[k]. It records the merges in the history at once:
// 40 sheets cost 40 merges, not 40 rewrites of a growing history. It returns each sheet's plan
// and the paths it changed; on an error (a sheet of another proposal) d may be half merged,
// so the caller drops it.
func ApplyAll(d *draft.Draft, c *schema.Call, sheets []*Sheet, take func(k int, ch Change) bool, from []string, now time.Time) ([]*Merge, [][]string, error) {
	p, err := part(c)
	if err != nil {
		return nil, nil, err
	}
	if _, err := draft.Events(d); err != nil {
		return nil, nil, err
	}
	ms := make([]*Merge, len(sheets))
	changed := make([][]string, len(sheets))
	var events []draft.Event
	for k, s := range sheets {
		if ms[k], err = Plan(d, c, s); err != nil {
			return nil, nil, err
		}
		a, err := apply(d, p, ms[k], func(ch Change) bool { return take(k, ch) })
		if err != nil {
			return nil, nil, err
		}
		if len(a.paths) > 0 {
			changed[k] = a.paths
			events = append(events, a.event(d, from[k], now))
		}
	}
	if len(events) > 0 {
		if err := draft.AddEvent(d, events...); err != nil {
			return nil, nil, err
		}
	}
	return ms, changed, nil
}

func (a applied) event(d *draft.Draft, from string, now time.Time) draft.Event {
	return draft.Event{At: now, Kind: draft.EventMerge, From: from, Fields: a.paths, Before: a.before, CallVersion: d.CallVersion}
}

// applied is what apply changed, and the answers before.
type applied struct {
	paths  []string
	before json.RawMessage
}

// apply writes the changes of m that take accepts into d.
func apply(d *draft.Draft, p *schema.Partner, m *Merge, take func(Change) bool) (applied, error) {
	items := d.Answers.Items(p.Group().Path())
	i := memberIndex(items, m.Sheet.Member)
	if i < 0 {
		return applied{}, errf("partner.member_gone", "Il membro «%s» di questa scheda non è più nella domanda: è stato tolto dopo l'esportazione.", "The member “%s” of this sheet is no longer in the proposal: it was removed after the export.", m.Sheet.Name)
	}
	before := draft.Snapshot(d.Answers)
	item := items[i].(map[string]any)
	at := p.Group().Path() + "[" + strconv.Itoa(i) + "]."
	var changed []string
	declared := declaredOf(item)
	for _, ch := range m.Changes {
		if !take(ch) {
			continue
		}
		if ch.Declaration {
			has := slices.Contains(declared, ch.Field.Path())
			if want := ch.Theirs == true; want != has {
				if want {
					declared = append(declared, ch.Field.Path())
				} else {
					declared = slices.DeleteFunc(declared, func(s string) bool { return s == ch.Field.Path() })
				}
				changed = append(changed, ch.Path)
			}
			continue
		}
		if draft.SameValue(item[ch.Field.ID], ch.Theirs) {
			continue
		}
		if ch.Theirs == nil {
			delete(item, ch.Field.ID)
		} else {
			item[ch.Field.ID] = map[string]any(schema.Answers{"v": ch.Theirs}.Clone())["v"]
		}
		changed = append(changed, at+ch.Field.ID)
	}
	if len(changed) > 0 {
		d.Edited() // a finalised proposal is out of date once a member's answers change
		slices.Sort(declared)
		if len(declared) == 0 {
			delete(item, Declared)
		} else {
			l := make([]any, len(declared))
			for j, s := range declared {
				l[j] = s
			}
			item[Declared] = l
		}
	}
	for _, kept := range slices.Sorted(maps.Keys(m.Sheet.Aside)) { // sorted: the history's fields in one order
		// As draft.Open keeps them: "v<version>:<path>", the path the member's own.
		version, path, ok := strings.Cut(kept, ":")
		if !ok {
			continue
		}
		if rest, ok := strings.CutPrefix(path, p.Group().Path()+"[0]"); ok {
			path = p.Group().Path() + "[" + strconv.Itoa(i) + "]" + rest
		}
		key := version + ":" + path
		if d.Aside == nil {
			d.Aside = map[string]any{}
		}
		if _, ok := d.Aside[key]; !ok {
			d.Aside[key] = m.Sheet.Aside[kept]
			changed = append(changed, key)
		}
	}
	return applied{paths: changed, before: before}, nil
}
