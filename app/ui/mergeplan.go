package ui

import (
	"maps"
	"time"

	"bando/app/draft"
	"bando/app/partner"
	"bando/schema"
)

// The model of the merge page (merge.go, issue 15 item 3), without the DOM: the sheets dropped
// on the page, each with its plan (partner.Plan) as rows the capofila decides one by one. A
// change the member made is ticked by default; a conflict — a field both the member and the
// capofila changed since the export — has no default: nothing merges until each is decided.
//
// Only the staff program (web/builder.wasm) reaches this code (RoutesWithBuilder makes the
// page): app/partner stays out of the applicant's program.

// Choices of a conflict row.
const (
	keepOurs   = "ours"   // keep the draft's answer
	takeTheirs = "theirs" // take the sheet's
)

// mergeRow is one change of a sheet as the page shows it.
type mergeRow struct {
	ch partner.Change
	// label names the field in the form's language; ours, theirs and base are the answers
	// as the form shows them (mergeValue): in the draft now, in the sheet, when exported.
	label, ours, theirs, base string
	take                      bool   // a change: merge it
	choice                    string // a conflict: "" undecided, keepOurs or takeTheirs
}

// accepted reports whether the capofila chose to merge the row.
func (r *mergeRow) accepted() bool {
	if r.ch.Conflict {
		return r.choice == takeTheirs
	}
	return r.take
}

// mergeSheet is one sheet dropped on the page: its file, the sheet and its rows.
type mergeSheet struct {
	file  string
	sheet *partner.Sheet
	rows  []mergeRow
	shown bool // its changes were asked for while folded (see foldAbove)
}

// refusedSheet is a file that cannot be merged, and why, in the interface language.
type refusedSheet struct{ file, msg string }

// planSheet reads one dropped file and plans its merge into d: a sheet, refused with its
// message in l when it is not one, is broken, or belongs to another proposal, member or call.
func planSheet(d *draft.Draft, c *schema.Call, file string, data []byte, l, form schema.Lang) (*mergeSheet, *refusedSheet) {
	s, err := partner.Decode(data)
	var m *partner.Merge
	if err == nil {
		m, err = partner.Plan(d, c, s) // checks the sheet against the call (partner.Check) first
	}
	if err != nil {
		return nil, &refusedSheet{file: file, msg: errorText(err, l)}
	}
	return &mergeSheet{file: file, sheet: s, rows: mergeRows(m, l, form)}, nil
}

// mergeRows are the rows of plan m: labels and values in the form's language form, texts of
// the interface (empty, accepted) in l.
func mergeRows(m *partner.Merge, l, form schema.Lang) []mergeRow {
	rows := make([]mergeRow, len(m.Changes))
	for i, ch := range m.Changes {
		rows[i] = mergeRow{ch: ch, label: ch.Field.Label.In(form),
			ours: mergeValue(ch, ch.Ours, l, form), theirs: mergeValue(ch, ch.Theirs, l, form), base: mergeValue(ch, ch.Base, l, form),
			take: !ch.Conflict}
	}
	return rows
}

// mergeValue is an answer of a change as the form shows it: amounts in euro, dates gg/mm/aaaa,
// yes/no, choices by their label; a declaration accepted or not; "(vuoto)" for no answer.
func mergeValue(ch partner.Change, v any, l, form schema.Lang) string {
	if ch.Declaration {
		if v == true {
			return tr(l, "review.accepted")
		}
		return tr(l, "review.notaccepted")
	}
	s := ""
	if ch.Field.Type == schema.TypeDate {
		s = inputText(ch.Field, v, form) // gg/mm/aaaa, as the form's input shows it
	} else {
		s = displayValue(ch.Field, v, form)
	}
	if s == "" {
		return tr(l, "merge.empty")
	}
	return s
}

// mergeCounts are the page's totals: rows chosen, conflicts left undecided.
func mergeCounts(sheets []*mergeSheet) (chosen, undecided int) {
	for _, s := range sheets {
		for i := range s.rows {
			r := &s.rows[i]
			switch {
			case r.accepted():
				chosen++
			case r.ch.Conflict && r.choice == "":
				undecided++
			}
		}
	}
	return chosen, undecided
}

// acceptChanges ticks every change of sheets; conflicts stay as decided (never decided here).
func acceptChanges(sheets ...*mergeSheet) {
	for _, s := range sheets {
		for i := range s.rows {
			if !s.rows[i].ch.Conflict {
				s.rows[i].take = true
			}
		}
	}
}

// addSheets adds the sheets planned to the page's list: a file of the same name as one
// already listed replaces it (dropped again after the member sent a corrected one).
func addSheets(list []*mergeSheet, add ...*mergeSheet) []*mergeSheet {
	for _, s := range add {
		replaced := false
		for i, old := range list {
			if old.file == s.file {
				list[i], replaced = s, true
				break
			}
		}
		if !replaced {
			list = append(list, s)
		}
	}
	return list
}

// taker is what partner.ApplyAll merges of sheets[k]: the rows the capofila accepted, and only
// as they were shown. ApplyAll plans each sheet again against the draft as the sheets before
// it left it: a change that is a conflict only now (two sheets of one member), or whose
// answers are not those shown, is left for the capofila to see, never merged unseen.
func taker(sheets []*mergeSheet) func(k int, ch partner.Change) bool {
	return func(k int, ch partner.Change) bool {
		for i := range sheets[k].rows {
			r := &sheets[k].rows[i]
			if r.ch.Path == ch.Path && r.ch.Declaration == ch.Declaration {
				return r.accepted() && r.ch.Conflict == ch.Conflict &&
					draft.SameValue(r.ch.Theirs, ch.Theirs) && draft.SameValue(r.ch.Ours, ch.Ours)
			}
		}
		return false
	}
}

// mergeInto merges the rows accepted of sheets into d, recording each sheet merged in d's
// history with the answers it replaced (partner.ApplyAll). d changes only when every sheet
// merged: ApplyAll may leave a draft half merged on an error, so it works on a copy. It
// returns, per sheet, the answer paths it changed.
func mergeInto(d *draft.Draft, c *schema.Call, sheets []*mergeSheet, now time.Time) ([][]string, error) {
	cp := *d
	cp.Answers = d.Answers.Clone()
	cp.Aside = maps.Clone(d.Aside) // merges only add to it
	ss := make([]*partner.Sheet, len(sheets))
	from := make([]string, len(sheets))
	for k, s := range sheets {
		ss[k], from[k] = s.sheet, s.file
	}
	_, changed, err := partner.ApplyAll(&cp, c, ss, taker(sheets), from, now)
	if err != nil {
		return nil, err
	}
	*d = cp
	return changed, nil
}
