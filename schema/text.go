package schema

// Lang is a user-interface language. Italian is the default: the calls, the Region and most
// applicants speak it; English is offered for foreign partners and helpdesk staff.
type Lang string

const (
	IT Lang = "it"
	EN Lang = "en"
)

// ParseLang returns the language for a code such as "en" or "en-GB"; anything unknown is Italian.
func ParseLang(s string) Lang {
	if len(s) >= 2 && (s[:2] == "en" || s[:2] == "EN") {
		return EN
	}
	return IT
}

// Text is a translated string. Italian is mandatory (lint checks it); English falls back to Italian.
type Text struct {
	IT string `json:"it"`
	EN string `json:"en,omitempty"`
}

// In returns the text in lang, falling back to Italian.
func (t Text) In(lang Lang) string {
	if lang == EN && t.EN != "" {
		return t.EN
	}
	return t.IT
}

// IsZero reports whether the text is empty in every language.
func (t Text) IsZero() bool { return t.IT == "" && t.EN == "" }
