package schema

// Two read-only views of a loaded call for code that rewrites answers and must not change any
// verdict: the redaction of support bundles (app/draft) replaces personal values with fakes and
// needs to know which answers other verdicts depend on, and what one value alone makes
// Validate say. Neither decides anything new: both answer from the same compiled rules.

// CheckAnswer returns the issue Validate reports for value v of field f when the field is
// shown, without its path: wrong type, maxChars, required and the field's rules, with the same
// key and parameters. It is nil when v is fine, and for groups (their verdict is the number of
// items). It reads no other answer: `when` conditions and cross-field checks are not involved.
func (f *Field) CheckAnswer(v any, lang Lang) *Issue {
	if f.Type == TypeGroup {
		return nil
	}
	return checkValue(f, v, lang, nil)
}

// ConditionFields returns the value fields (not groups) whose answers some expression of the
// call reads: the `when` of sections, fields and attachments, the cross-field checks and the
// signer rules, and the fields whose answers must differ between items (unique). Changing an
// answer outside this set can change only that answer's own verdict.
func (c *Call) ConditionFields() map[*Field]bool {
	out := map[*Field]bool{}
	add := func(x *Expr) {
		if x == nil {
			return
		}
		for _, r := range x.refs {
			if f, ok := r.(*Field); ok && f.Type != TypeGroup {
				out[f] = true
			}
		}
	}
	for _, s := range c.Sections {
		add(s.when)
	}
	for _, f := range c.Fields() {
		add(f.when)
		if f.Unique != uniqueOff {
			out[f] = true
		}
	}
	for _, ch := range c.Checks {
		add(ch.rule)
	}
	for i := range c.Attachments {
		add(c.Attachments[i].when)
	}
	for i := range c.Signers {
		add(c.Signers[i].when)
		add(c.Signers[i].filter)
	}
	return out
}
