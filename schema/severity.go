package schema

// Severity says whether an issue blocks the proposal. The zero value is an error: every issue
// the rules of a field give is one, and a call must ask for a warning explicitly.
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// IsWarning reports whether the issue only asks the applicant to look again: a warning never
// blocks finalising, the PDF or the PEC package.
func (i Issue) IsWarning() bool { return i.Severity == SeverityWarning }

// Errors returns the issues that block the proposal. Everything that asks "is this draft
// complete?" asks len(Errors()) == 0, never len(issues) == 0.
func (is Issues) Errors() Issues { return is.filter(false) }

// Warnings returns the issues that do not block the proposal, in the same order.
func (is Issues) Warnings() Issues { return is.filter(true) }

func (is Issues) filter(warnings bool) Issues {
	var out Issues
	for _, x := range is {
		if x.IsWarning() == warnings {
			out = append(out, x)
		}
	}
	return out
}

// severity is what a check or a unique setting gives to its issues: "" (error) or warning.
func (s Severity) issue() Severity {
	if s == SeverityWarning {
		return SeverityWarning
	}
	return ""
}
