// Package profile keeps organisations on the applicant's device ("I miei enti"): an
// organisation and its legal representative saved once, from a member's answers, and used to
// fill a member of any call whose fields name the same facts (the call schema's "profile" keys,
// schema/profile.go). It knows nothing of the DOM: the browser keeps the profiles' file text in
// localStorage, and moves it between machines as a .bando-enti.json file.
//
// Filling never replaces an answer the applicant gave unless asked to, and says what it did
// field by field: filled, kept (the answer differs from the profile's), skipped (the call does
// not offer the profile's choice). Saving a member as a profile updates the profile with the
// same codice fiscale, or adds one.
package profile

import (
	"strings"
	"time"

	"bando/schema"
)

// Profile is one organisation: its name as the list shows it, and its facts by profile key
// (text as typed, dates as 2006-01-02, choices as the option's value).
type Profile struct {
	ID     string            `json:"id"`
	Name   string            `json:"name"`
	Values map[string]string `json:"values"`
	Saved  time.Time         `json:"saved"`
}

// Key is the profile's identity across saves: the organisation's codice fiscale, or its name
// when the codice fiscale is not known yet.
func (p Profile) Key() string {
	if cf := strings.ToUpper(strings.TrimSpace(p.Values["ente.cf"])); cf != "" {
		return "cf:" + cf
	}
	return "name:" + strings.ToLower(strings.TrimSpace(p.Name))
}

// Extract reads the profile facts of one member: item is the item's answer path
// ("ats.membri[2]") or a section's id, fields the fields that path holds. Empty answers are left
// out; the name is the organisation's name, or the item's path when it has none yet.
func Extract(fields []*schema.Field, a schema.Answers, item string) Profile {
	p := Profile{Values: map[string]string{}}
	for _, f := range schema.ProfileFields(fields) {
		if s, ok := a.Get(item + "." + f.ID).(string); ok {
			if s = strings.TrimSpace(s); s != "" {
				p.Values[f.Profile] = s
			}
		}
	}
	p.Name = p.Values["ente.denominazione"]
	if p.Name == "" {
		p.Name = item
	}
	return p
}

// Outcome says what filling did to one field.
type Outcome int

const (
	Filled  Outcome = iota // the field was empty (or replace was asked) and now holds the profile's value
	Same                   // the field already held the profile's value
	Kept                   // the field holds another answer, kept because replace was not asked
	Skipped                // the call does not offer the profile's choice: nothing was written
)

// Change is the outcome for one field of the member.
type Change struct {
	Path    string // answer path, "ats.membri[2].cf"
	Field   *schema.Field
	Key     string
	Outcome Outcome
	Had     string // the answer before
	Value   string // the profile's value
}

// Fill writes the profile's facts into the member at item. Only fields with a profile key the
// profile knows are touched; a choice is written only when the call offers the value. With
// replace false, an answer already given is kept and reported (Kept).
func Fill(fields []*schema.Field, a schema.Answers, item string, p Profile, replace bool) []Change {
	var out []Change
	for _, f := range schema.ProfileFields(fields) {
		v, ok := p.Values[f.Profile]
		if !ok || v == "" {
			continue
		}
		path := item + "." + f.ID
		had, _ := a.Get(path).(string)
		c := Change{Path: path, Field: f, Key: f.Profile, Had: had, Value: v}
		switch {
		case f.Type == schema.TypeChoice && !offered(f, v):
			c.Outcome = Skipped
		case had == v:
			c.Outcome = Same
		case strings.TrimSpace(had) != "" && !replace:
			c.Outcome = Kept
		default:
			c.Outcome = Filled
			if err := a.Set(path, v); err != nil {
				c.Outcome = Skipped
			}
		}
		out = append(out, c)
	}
	return out
}

func offered(f *schema.Field, v string) bool {
	_, ok := f.Option(v)
	return ok
}

// Count tells how many changes had outcome o.
func Count(cs []Change, o Outcome) int {
	n := 0
	for _, c := range cs {
		if c.Outcome == o {
			n++
		}
	}
	return n
}

// Save adds p to ps, or updates the profile with the same Key (keeping its id and the facts p
// does not know: a call that asks fewer facts never erases the others). It returns the new
// list, newest first, and the saved profile.
func Save(ps []Profile, p Profile, now time.Time, newID func() string) ([]Profile, Profile) {
	p.Saved = now.UTC()
	for i, old := range ps {
		if old.Key() != p.Key() {
			continue
		}
		merged := Profile{ID: old.ID, Name: p.Name, Values: map[string]string{}, Saved: p.Saved}
		for k, v := range old.Values {
			merged.Values[k] = v
		}
		for k, v := range p.Values {
			merged.Values[k] = v
		}
		rest := append(append([]Profile{}, ps[:i]...), ps[i+1:]...)
		return append([]Profile{merged}, rest...), merged
	}
	p.ID = newID()
	return append([]Profile{p}, ps...), p
}

// Remove drops the profile with that id.
func Remove(ps []Profile, id string) []Profile {
	out := ps[:0:0]
	for _, p := range ps {
		if p.ID != id {
			out = append(out, p)
		}
	}
	return out
}
