package schema

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"bando/schema/expr"
)

// Migration lists what changed in a call when it reached Version: fields renamed (their
// answers move) and fields removed (their answers are set aside, never dropped: the applicant
// sees them and may copy them elsewhere). Paths are schema paths such as "ats.membri.rl_nome".
// A renamed field stays in the same repeating group (or outside any group): moving answers
// between groups has no single right meaning, so a call author removes and adds instead.
type Migration struct {
	Version int      `json:"version"`
	Renamed []Rename `json:"renamed,omitempty"`
	Removed []string `json:"removed,omitempty"`
	// Compute fills new fields from the answers as they were saved, before this step's renames
	// and removals: "B/104587" split into a RUNTS section and number.
	Compute []Compute `json:"compute,omitempty"`
	Note    Text      `json:"note,omitempty"`
}

// Compute gives the new field at schema path Path the value of Expr, evaluated in the
// container the answer goes in (each item, for a field of a group) over the answers as saved:
// names are those of the older version, looked up at run time, innermost container first
// (see compileLoose). It never overwrites an answer, and no answer (nil) leaves the field
// empty. Each value computed is reported like a move.
type Compute struct {
	Path string `json:"path"`
	Expr string `json:"expr"`

	expr *Expr
}

// Rename moves the answers of From to To.
type Rename struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// MigrationReport says what Migrate did, for the applicant to read.
type MigrationReport struct {
	From, To int
	Moved    []Move  // answers moved to a renamed field
	SetAside []Aside // answers of removed fields, kept aside
	Notes    []Text  // the call author's notes of each version crossed
}

// Move is one answer moved, with answer paths ("ats.membri[1].rl_nome"). For an answer
// computed by a migration, From is the expression that computed it.
type Move struct {
	From, To string
	Computed bool // To was computed from the answers by the expression From
}

// Aside is one answer set aside, at its old answer path.
type Aside struct {
	Path  string `json:"path"`
	Value any    `json:"value"`
}

// Changed reports whether the migration moved or set aside anything.
func (r *MigrationReport) Changed() bool { return len(r.Moved)+len(r.SetAside) > 0 }

// Counts returns how many answers moved to renamed fields and how many were computed from the
// answers as saved, for the note the applicant reads.
func (r *MigrationReport) Counts() (moved, computed int) {
	for _, m := range r.Moved {
		if m.Computed {
			computed++
		} else {
			moved++
		}
	}
	return moved, computed
}

// Migrate brings answers saved under call version `from` to this version. a is not modified:
// the result shares every part of a that no step changes (copy on write), so opening a draft
// costs what its migration moves, not what the draft weighs.
func (c *Call) Migrate(a Answers, from int) (Answers, *MigrationReport, error) {
	if from > c.Version {
		return nil, nil, fmt.Errorf("answers of version %d are newer than the call (%d)", from, c.Version)
	}
	out := map[string]any(a)
	if out == nil {
		out = map[string]any{}
	}
	rep := &MigrationReport{From: from, To: c.Version}
	migs := append([]Migration(nil), c.Migrations...)
	sort.SliceStable(migs, func(i, j int) bool { return migs[i].Version < migs[j].Version })
	for _, m := range migs {
		if m.Version <= from || m.Version > c.Version {
			continue
		}
		for _, cp := range m.Compute {
			out = c.compute(out, cp, rep)
		}
		for _, r := range m.Renamed {
			var err error
			if out, err = rename(out, r, rep); err != nil {
				return nil, nil, err
			}
		}
		for _, path := range m.Removed {
			parts := strings.Split(path, ".")
			key := parts[len(parts)-1]
			out = editContainers(out, parts, func(m map[string]any, at []byte, _ env) map[string]any {
				v, ok := m[key]
				if !ok {
					return nil
				}
				rep.SetAside = append(rep.SetAside, Aside{string(at) + key, v})
				m = maps.Clone(m)
				delete(m, key)
				return m
			})
		}
		if !m.Note.IsZero() {
			rep.Notes = append(rep.Notes, m.Note)
		}
	}
	return Answers(out), rep, nil
}

// compute fills cp.Path, in every container that holds no answer there yet.
func (c *Call) compute(root map[string]any, cp Compute, rep *MigrationReport) map[string]any {
	if cp.expr == nil {
		return root // a call built without Load: nothing was compiled
	}
	f := c.index[cp.Path]
	if f == nil {
		f = &Field{} // the field of an older version, gone since: see answerOf
	}
	parts := strings.Split(cp.Path, ".")
	key := parts[len(parts)-1]
	return editContainers(root, parts, func(m map[string]any, at []byte, e env) map[string]any {
		if !isEmpty(m[key]) {
			return nil // never overwrite what the applicant wrote
		}
		v := answerOf(f, cp.expr.eval(e))
		if v == nil {
			return nil
		}
		m = maps.Clone(m)
		m[key] = v
		rep.Moved = append(rep.Moved, Move{From: cp.Expr, To: string(at) + key, Computed: true})
		return m
	})
}

// answerOf turns a value an expression computed into an answer of field f, as the form would
// store it; nil when it is none or does not fit (a list computed for a text field).
func answerOf(f *Field, v any) any {
	if d, ok := v.(expr.Day); ok {
		v = d.String()
	}
	switch f.Type {
	case TypeNumber:
		if n, ok := toNum(v); ok && !math.IsNaN(n) && !math.IsInf(n, 0) {
			if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
				return int64(n)
			}
			return n
		}
	case TypeMoney:
		if n, ok := toNum(v); ok && n == math.Trunc(n) && math.Abs(n) < 1<<53 {
			return int64(n)
		}
	case TypeBoolean:
		if b, ok := v.(bool); ok {
			return b
		}
	case TypeMultiChoice:
		if l, ok := v.([]any); ok && len(l) > 0 {
			for _, x := range l {
				if _, ok := x.(string); !ok {
					return nil
				}
			}
			return l
		}
	case TypeGroup, TypeDeclaration, TypeComputed:
	case "": // a field of an older version, gone since: the value as the expression gave it
		switch x := v.(type) {
		case float64:
			if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
				return int64(x)
			}
			return x
		case string, bool, []any:
			return x
		}
	default:
		switch x := v.(type) {
		case string:
			if strings.TrimSpace(x) != "" {
				return x
			}
		case float64:
			return strconv.FormatFloat(x, 'f', -1, 64)
		}
	}
	return nil
}

// rename moves the answers of r.From to r.To. Inside a group both name fields of the same
// item (lint sees to it), so each item is edited on its own; between sections there is one
// answer, taken out of one section and put into the other.
func rename(root map[string]any, r Rename, rep *MigrationReport) (map[string]any, error) {
	from, to := strings.Split(r.From, "."), strings.Split(r.To, ".")
	fromKey, toKey := from[len(from)-1], to[len(to)-1]
	same := groupOf(r.From) == groupOf(r.To)
	var taken []Aside
	root = editContainers(root, from, func(m map[string]any, at []byte, _ env) map[string]any {
		v, ok := m[fromKey]
		if !ok {
			return nil
		}
		m = maps.Clone(m)
		delete(m, fromKey)
		if !same {
			taken = append(taken, Aside{string(at) + fromKey, v})
			return m
		}
		if v == nil {
			delete(m, toKey)
		} else {
			m[toKey] = v
		}
		rep.Moved = append(rep.Moved, Move{From: string(at) + fromKey, To: string(at) + toKey})
		return m
	})
	if len(taken) == 0 {
		return root, nil
	}
	out := Answers(maps.Clone(root))
	for _, t := range taken {
		dest := retarget(t.Path, r.From, r.To)
		if err := setCopying(out, dest, t.Value); err != nil {
			return nil, err
		}
		rep.Moved = append(rep.Moved, Move{From: t.Path, To: dest})
	}
	return out, nil
}

// setCopying is Answers.Set on a root whose sections may be shared with the input of
// Migrate: the section maps on the path are copied before they are written.
func setCopying(a Answers, path string, v any) error {
	p, err := ParsePath(path)
	if err != nil {
		return err
	}
	m := map[string]any(a)
	for _, e := range p[:len(p)-1] {
		if e.Index >= 0 {
			return fmt.Errorf("path %q: answers cannot move into a group item", path)
		}
		next, ok := m[e.Name].(map[string]any)
		if !ok && m[e.Name] != nil {
			return fmt.Errorf("path %q: %s is not a section or item", path, e.Name)
		}
		next = maps.Clone(next)
		if next == nil {
			next = map[string]any{}
		}
		m[e.Name] = next
		m = next
	}
	last := p[len(p)-1].Name
	if v == nil {
		delete(m, last)
	} else {
		m[last] = v
	}
	return nil
}

// editContainers calls edit for every container of schema path parts in root — the section's
// answers, or every item of the enclosing groups — with the container's answer path followed
// by a dot ("ats.membri[3].") and the containers from root down to it. edit returns the new
// container, or nil when it leaves it as it is; only the maps and lists on the way to a
// changed container are copied. The walk follows the answers, not the call, since the field
// may no longer exist in the call, and builds no string per item: a million-item draft costs
// one pass. The env passed to edit is reused from one container to the next: edit must not
// keep it.
func editContainers(root map[string]any, parts []string, edit func(m map[string]any, at []byte, e env) map[string]any) map[string]any {
	if nm := editIn(append(make(env, 0, 8), root), parts, make([]byte, 0, 64), edit); nm != nil {
		return nm
	}
	return root
}

func editIn(e env, parts []string, at []byte, edit func(map[string]any, []byte, env) map[string]any) map[string]any {
	m := e[len(e)-1]
	if len(parts) == 1 {
		return edit(m, at, e)
	}
	child, ok := m[parts[0]]
	if !ok {
		return nil
	}
	at = append(at, parts[0]...)
	var changed any
	switch x := child.(type) {
	case map[string]any:
		if nc := editIn(append(e, x), parts[1:], append(at, '.'), edit); nc != nil {
			changed = nc
		}
	case []any:
		var nl []any
		for i, it := range x {
			im, ok := it.(map[string]any)
			if !ok {
				continue
			}
			if nc := editIn(append(e, im), parts[1:], append(strconv.AppendInt(append(at, '['), int64(i), 10), "]."...), edit); nc != nil {
				if nl == nil {
					nl = slices.Clone(x)
				}
				nl[i] = nc
			}
		}
		if nl != nil {
			changed = nl
		}
	}
	if changed == nil {
		return nil
	}
	m = maps.Clone(m)
	m[parts[0]] = changed
	return m
}

// retarget maps an answer path of schema path from onto schema path to, keeping item indices:
// ("ats.membri[2].fax", "ats.membri.fax", "ats.membri.telefax") → "ats.membri[2].telefax".
func retarget(answerPath, from, to string) string {
	fromParts, toParts := strings.Split(from, "."), strings.Split(to, ".")
	ap := strings.Split(answerPath, ".")
	for i := range toParts {
		if i < len(fromParts)-1 && i < len(ap) && toParts[i] == fromParts[i] {
			toParts[i] = ap[i] // keep "membri[2]"
		}
	}
	return strings.Join(toParts, ".")
}

// lintMigrations checks that migrations name paths that make sense against this version.
func (l *linter) migrations(c *Call, n *jsonNode) {
	mn := n.get("migrations")
	seen := map[int]bool{}
	for i, m := range c.Migrations {
		node := mn.at(i)
		p := fmt.Sprintf("$.migrations[%d]", i)
		if m.Version < 2 || m.Version > c.Version || seen[m.Version] {
			l.problem(orNode(node.get("version"), node), p+".version", "lint.migration_version",
				"versione %d non valida: una migrazione porta alla versione 2…%d, una volta sola", "invalid version %d: a migration leads to version 2…%d, once", m.Version, c.Version)
		}
		seen[m.Version] = true
		for j, r := range m.Renamed {
			rp := fmt.Sprintf("%s.renamed[%d]", p, j)
			rn := node.get("renamed").at(j)
			to := c.index[r.To]
			switch {
			case m.Version == c.Version && to == nil:
				l.problem(orNode(rn.get("to"), rn), rp+".to", "lint.unknown_path", "il campo %q non esiste in questa versione", "field %q does not exist in this version", r.To)
			case to != nil && to.Type == TypeGroup:
				l.problem(orNode(rn.get("to"), rn), rp+".to", "lint.migration_group", "%q è un gruppo: non si rinomina, si rinominano i suoi campi", "%q is a group: rename its fields instead", r.To)
			case groupOf(r.From) != groupOf(r.To) && (strings.Contains(groupOf(r.From), ".") || strings.Contains(groupOf(r.To), ".")):
				l.problem(rn, rp, "lint.migration_group", "%q e %q non stanno nello stesso gruppo ripetuto", "%q and %q are not in the same repeating group", r.From, r.To)
			}
			if m.Version == c.Version && c.index[r.From] != nil {
				l.problem(orNode(rn.get("from"), rn), rp+".from", "lint.migration_exists", "il campo %q esiste ancora: la rinomina non avrebbe effetto", "field %q still exists: the rename would do nothing", r.From)
			}
		}
		for j := range m.Compute {
			cp := &c.Migrations[i].Compute[j]
			cpp := fmt.Sprintf("%s.compute[%d]", p, j)
			cn := node.get("compute").at(j)
			f := c.index[cp.Path]
			switch {
			case cp.Path == "":
				l.problem(cn, cpp+".path", "lint.required", "manca path: il campo da calcolare", "path is missing: the field to compute")
			case m.Version == c.Version && f == nil:
				l.problem(orNode(cn.get("path"), cn), cpp+".path", "lint.unknown_path", "il campo %q non esiste in questa versione", "field %q does not exist in this version", cp.Path)
			case f != nil && (f.Type == TypeGroup || f.Type == TypeComputed || f.Type == TypeDeclaration):
				l.problem(orNode(cn.get("path"), cn), cpp+".path", "lint.migration_compute",
					"%q è di tipo %s: una migrazione calcola risposte di testo, numeri, importi, date, scelte o sì/no", "%q is a %s field: a migration computes answers of text, numbers, amounts, dates, choices or yes/no", cp.Path, f.Type)
			}
			if strings.TrimSpace(cp.Expr) == "" {
				l.problem(cn, cpp+".expr", "lint.required", "manca expr: l'espressione che calcola il valore", "expr is missing: the expression that computes the value")
				continue
			}
			x, err := compileLoose(cp.Expr, c)
			if err != nil {
				l.exprProblem(err, cp.Expr, cn.get("expr"), cpp+".expr")
				continue
			}
			cp.expr = x
		}
		for j, path := range m.Removed {
			if m.Version == c.Version && c.index[path] != nil {
				l.problem(node.get("removed").at(j), fmt.Sprintf("%s.removed[%d]", p, j), "lint.migration_exists",
					"il campo %q esiste ancora in questa versione", "field %q still exists in this version", path)
			}
		}
	}
}

// groupOf is the schema path of the container of p: "ats.membri.cf" → "ats.membri".
func groupOf(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}
