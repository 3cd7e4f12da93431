package schema

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
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
	Note    Text     `json:"note,omitempty"`
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

// Move is one answer moved, with answer paths ("ats.membri[1].rl_nome").
type Move struct{ From, To string }

// Aside is one answer set aside, at its old answer path.
type Aside struct {
	Path  string `json:"path"`
	Value any    `json:"value"`
}

// Changed reports whether the migration moved or set aside anything.
func (r *MigrationReport) Changed() bool { return len(r.Moved)+len(r.SetAside) > 0 }

// Migrate brings answers saved under call version `from` to this version. a is not modified.
func (c *Call) Migrate(a Answers, from int) (Answers, *MigrationReport, error) {
	if from > c.Version {
		return nil, nil, fmt.Errorf("answers of version %d are newer than the call (%d)", from, c.Version)
	}
	out := a.Clone()
	rep := &MigrationReport{From: from, To: c.Version}
	migs := append([]Migration(nil), c.Migrations...)
	sort.SliceStable(migs, func(i, j int) bool { return migs[i].Version < migs[j].Version })
	for _, m := range migs {
		if m.Version <= from || m.Version > c.Version {
			continue
		}
		for _, r := range m.Renamed {
			for _, p := range expandPath(out, r.From) {
				v := out.Get(p)
				to := retarget(p, r.From, r.To)
				if err := out.Set(to, v); err != nil {
					return nil, nil, err
				}
				_ = out.Set(p, nil)
				rep.Moved = append(rep.Moved, Move{p, to})
			}
		}
		for _, path := range m.Removed {
			for _, p := range expandPath(out, path) {
				rep.SetAside = append(rep.SetAside, Aside{p, out.Get(p)})
				_ = out.Set(p, nil)
			}
		}
		if !m.Note.IsZero() {
			rep.Notes = append(rep.Notes, m.Note)
		}
	}
	return out, rep, nil
}

// expandPath lists the answer paths holding an answer for schema path p, every item included:
// "ats.membri.fax" → "ats.membri[0].fax", "ats.membri[3].fax"… It follows the answers, not the
// call, because the field may no longer exist in the call.
func expandPath(a Answers, p string) []string {
	parts := strings.Split(p, ".")
	var out []string
	var walk func(v any, i int, prefix string)
	walk = func(v any, i int, prefix string) {
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		child, ok := m[parts[i]]
		if !ok {
			return
		}
		path := prefix + parts[i]
		if i == len(parts)-1 {
			out = append(out, path)
			return
		}
		if items, ok := child.([]any); ok {
			for k, it := range items {
				walk(it, i+1, path+"["+strconv.Itoa(k)+"].")
			}
			return
		}
		walk(child, i+1, path+".")
	}
	walk(map[string]any(a), 0, "")
	return out
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
