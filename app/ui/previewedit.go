package ui

import (
	"strings"

	"bando/app/draft"
	"bando/schema"
)

// The builder's preview after an edit. Putting the edited call on the preview as a new draft
// (PreviewCall, enterScratch) renders every field of the call again: with the FAMI call, a few
// hundred milliseconds a keystroke on a slow machine. Most edits change one field (its label,
// a rule, an option) or the order of fields: the editor finds which (package builder,
// previewdiff.go) and puts the call here in place; only the changed fields render again.

// PreviewEdit puts c, an edit of old that changed only the fields at the answer paths changed
// (and maybe their order), on the builder's preview in place of old: the answers stay, and the
// messages of the changed fields go. It reports false, doing nothing, when old is not the call
// on the preview. The editor gives each changed field a new version (Preview.Vers).
func PreviewEdit(old, c *schema.Call, changed []string) bool {
	s := sess
	if s.scratch.mode != "builder" || s.open.call != old || s.open.d == nil || s.open.d.Call != c.ID {
		return false
	}
	d := draft.New(c, s.appVersion, s.open.d.CreatedAt)
	d.Answers = s.open.d.Answers
	seedGroups(c, d.Answers)
	c.AssignItemIDs(d.Answers)
	s.mu.Lock()
	s.open.call, s.open.d = c, d
	s.mu.Unlock()
	s.open.condNames = conditionNames(c)
	s.live = newLiveValues(c)
	for _, p := range changed {
		for k := range s.ui { // its messages were about the field as it was
			if k == p || strings.HasPrefix(k, p+".") || strings.HasPrefix(k, p+"[") {
				delete(s.ui, k)
			}
		}
	}
	return true
}

// seedGroups gives every group of c the items its minimum asks for.
func seedGroups(c *schema.Call, a schema.Answers) {
	for _, sec := range c.Sections {
		for _, f := range sec.Fields {
			if f.Type == schema.TypeGroup {
				seedGroup(a, f, sec.ID+"."+f.ID)
			}
		}
	}
}
