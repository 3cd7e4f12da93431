package schema

import "strings"

// Helpers the applicant UI needs beyond validation. They read the call; they decide nothing new.

// SectionShown reports whether section id is part of the form for these answers: it exists and
// its `when`, if any, holds. The UI uses it to build the list of steps.
func (c *Call) SectionShown(a Answers, id string) bool {
	s := c.sectionByID[id]
	if s == nil {
		return false
	}
	return (&evalCtx{}).sectionShown(s, env{map[string]any(a)})
}

// HasRule reports whether the field's rules name tag, alone or as one alternative of an OR
// ("pec|email"). The UI uses it to say, beside every PEC address, what a check can know.
func (f *Field) HasRule(tag string) bool {
	if f.rule == nil {
		return false
	}
	for _, st := range f.rule.steps {
		for alt := range strings.SplitSeq(st.tag, "|") {
			if alt == tag {
				return true
			}
		}
	}
	return false
}
