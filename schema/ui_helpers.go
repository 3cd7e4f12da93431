package schema

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
