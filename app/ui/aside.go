package ui

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Answers set aside by a call update. When a new version of a call removes a field, draft.Open
// keeps the applicant's answer in draft.Aside under "v<old version>:<old path>" instead of
// dropping it. Kept in the file is not enough: the applicant must see it, to copy the text
// where the new version wants it (the v2 fixture, for example, moves the local context into
// the summary). So "check your answers" lists every one of them, with its old place and
// version, read-only: the values are no longer part of the application.

func init() {
	texts["aside.title"] = [2]string{"Risposte conservate da una versione precedente del bando", "Answers kept from an earlier version of the call"}
	texts["aside.intro"] = [2]string{
		"Il bando è stato aggiornato e queste domande non ci sono più. Le tue risposte non sono perse e non fanno parte della domanda: se servono, copiale dove il bando ora le chiede.",
		"The call was updated and these questions no longer exist. Your answers are not lost and are not part of the application: if needed, copy them where the call now asks for them.",
	}
	texts["aside.where"] = [2]string{"%s (versione %d del bando)", "%s (version %d of the call)"}
}

// asideEntry is one answer kept aside, decoded from its draft.Aside key.
type asideEntry struct {
	Path    string
	Version int
	Value   string
}

// asideEntries lists the answers in aside in a stable order: by old version, then path. A key
// that does not follow the "v<n>:<path>" shape (a hand-edited file) is still shown, as is.
func asideEntries(aside map[string]any) []asideEntry {
	out := make([]asideEntry, 0, len(aside))
	for key, v := range aside {
		e := asideEntry{Path: key, Value: asideValue(v)}
		if ver, path, ok := strings.Cut(key, ":"); ok && strings.HasPrefix(ver, "v") {
			if n, err := strconv.Atoi(ver[1:]); err == nil {
				e.Path, e.Version = path, n
			}
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Version != out[j].Version {
			return out[i].Version < out[j].Version
		}
		return out[i].Path < out[j].Path
	})
	return out
}

// asideValue shows an answer of a field that no longer exists, so without its type: text as
// typed, anything else (numbers, choices, whole group items) as compact JSON.
func asideValue(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(schema.WithoutItemIDs(v))
	if err != nil {
		return ""
	}
	return string(b)
}

// asidePlace names where an answer kept aside was, for people: the step's title and the labels
// of the groups still in the call, then the removed field's own id (its label went with it),
// e.g. "Proposta progettuale e linee d'azione › contesto" or "… › membro 2 › telefono".
func asidePlace(c *schema.Call, path string, l schema.Lang) string {
	parts := strings.Split(path, ".")
	if c == nil || len(parts) < 2 || c.Section(parts[0]) == nil {
		return path
	}
	out := []string{c.Section(parts[0]).Title.In(l)}
	prefix := parts[0]
	for _, p := range parts[1:] {
		name, index, hasIndex := strings.Cut(p, "[")
		prefix += "." + name
		label := name
		f := c.Field(prefix)
		if f != nil && !f.Label.IsZero() {
			label = f.Label.In(l)
		}
		if n, err := strconv.Atoi(strings.TrimSuffix(index, "]")); hasIndex && err == nil {
			if f != nil && !f.ItemLabel.IsZero() {
				label = f.ItemLabel.In(l) // "membro 2" rather than "Membri dell'ATS 2"
			}
			label += " " + strconv.Itoa(n+1)
		}
		out = append(out, label)
	}
	return strings.Join(out, " › ")
}

// asideBlock is the review page's list of answers kept aside; nothing when there are none.
func asideBlock(c *schema.Call, aside map[string]any, l schema.Lang) app.UI {
	entries := asideEntries(aside)
	if len(entries) == 0 {
		return nil
	}
	rows := make([]app.UI, 0, 2*len(entries))
	for _, e := range entries {
		where := asidePlace(c, e.Path, l)
		if e.Version > 0 {
			where = tr(l, "aside.where", where, e.Version)
		}
		rows = append(rows,
			app.Dt().Class("review-label").Text(where),
			app.Dd().Class("review-value aside-value").Style("white-space", "pre-wrap").Text(e.Value),
		)
	}
	return app.Section().ID("aside").Class("review-section mb-5 aside-answers").Aria("labelledby", "aside-title").Body(
		app.H2().Class("h3").ID("aside-title").Text(tr(l, "aside.title")),
		app.P().Text(tr(l, "aside.intro")),
		app.Dl().Class("review-list").Body(rows...),
	)
}
