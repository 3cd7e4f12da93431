package schema

import (
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
)

// FormatCall is the value of Call.Format: it lets tools tell a call schema from a draft file.
const FormatCall = "bando-call"

// Call is one call for proposals as published by an authority, described as data.
type Call struct {
	Format        string     `json:"format,omitempty"`
	FormatVersion int        `json:"formatVersion,omitempty"`
	ID            string     `json:"id"`
	Version       int        `json:"version"`
	Title         Text       `json:"title"`
	Summary       Text       `json:"summary,omitempty"`
	Authority     Authority  `json:"authority"`
	Submission    Submission `json:"submission"`
	Signers       []Signers  `json:"signers,omitempty"`
	// Partner says which part of the form each member fills in its own partner sheet: a
	// Partner as JSON, read by PartnerPart where sheets are made or merged. Load keeps it as
	// it is, so that an applicant's first download carries none of that code (README).
	Partner any `json:"partner,omitempty"`
	// Application says how the proposal document opens and is dated; Totals which computed
	// figures sum it up (application.go). Both are optional.
	Application Application  `json:"application,omitzero"`
	Totals      Totals       `json:"totals,omitzero"`
	Sections    []*Section   `json:"sections"`
	Checks      []*Check     `json:"checks,omitempty"`
	Attachments []Attachment `json:"attachments,omitempty"`
	Source      string       `json:"source,omitempty"`
	// Migrations say how answers saved under earlier versions of this call map onto this one.
	Migrations []Migration `json:"migrations,omitempty"`

	// index is filled by Load: field definition by schema path ("ats.membri.cf").
	index map[string]*Field
	// sectionByID is filled by Load.
	sectionByID map[string]*Section
	// fromFields are the choices fed by a group's items (OptionsFrom), in document order.
	fromFields []*Field
	// src is the file Load read, for Hash.
	src *callSource
	// hints are sizes the last Validate of this call reached (see validationHints).
	hints *validationHints
}

// validationHints are how many issues the last Validate of a call had, and the memos it
// used (see validationRoom): the next one makes room for as many issues at once instead of
// growing its list step by step (a draft changes little between two validations), and
// starts from emptied memos of the right size. Only sizes and empty maps, bounded by
// maxHint: results never depend on them.
type validationHints struct {
	issues atomic.Int32
	rooms  sync.Pool // of *validationRoom
}

// maxHint bounds the room a validation makes in advance: a hostile draft must not make the
// next validations of the call heavy.
const maxHint = 4096

// Authority is the body that publishes the call.
type Authority struct {
	Name   Text   `json:"name"`
	Office Text   `json:"office,omitempty"`
	URL    string `json:"url,omitempty"`
}

// Submission says how and until when proposals are accepted.
type Submission struct {
	Channel  string `json:"channel"`            // "pec" for now
	To       string `json:"to"`                 // recipient address
	Subject  string `json:"subject"`            // exact subject the call requires
	Deadline string `json:"deadline"`           // YYYY-MM-DD
	Time     string `json:"time,omitempty"`     // HH:MM[:SS]; end of day when empty
	Timezone string `json:"timezone,omitempty"` // IANA zone, Europe/Rome when empty
	Source   string `json:"source,omitempty"`
}

// Signers names who must sign the proposal, when: the legal representative of each item of a
// group selected by an expression. The first entry whose When holds applies.
type Signers struct {
	When   string `json:"when,omitempty"`
	Items  string `json:"items"`            // a group path: "ats.membri"
	Filter string `json:"filter,omitempty"` // which items sign, in the item's scope: "capofila == true"
	Name   string `json:"name"`             // field of the item with the signer's name
	CF     string `json:"cf"`               // field of the item with the signer's codice fiscale
	Entity string `json:"entity"`           // field of the item with the organisation's name, if any
	// Optional fields of the item for the formal opening of the document (DPR 445/2000
	// practice: "Il sottoscritto NOME, nato a … il …, in qualità di …"): the signer's office
	// (carica), place and date of birth.
	Role       string `json:"role,omitempty"`
	BirthPlace string `json:"birthPlace,omitempty"`
	BirthDate  string `json:"birthDate,omitempty"`
	Source     string `json:"source,omitempty"`

	when, filter *Expr
	group        *Field
}

// Section is one step of the form.
type Section struct {
	ID     string   `json:"id"`
	Title  Text     `json:"title"`
	Intro  Text     `json:"intro,omitempty"`
	When   string   `json:"when,omitempty"`
	Source string   `json:"source,omitempty"`
	Fields []*Field `json:"fields"`

	when       *Expr
	readByPath bool // some compiled path enters the section: its `when` is memoised (evalCtx)
}

// FieldType is the kind of answer a field takes.
type FieldType string

const (
	TypeText        FieldType = "text"        // one line; answer: string
	TypeTextArea    FieldType = "textarea"    // several lines, maxChars; answer: string
	TypeNumber      FieldType = "number"      // answer: JSON number
	TypeMoney       FieldType = "money"       // integer euro cents; answer: JSON integer
	TypeDate        FieldType = "date"        // answer: "YYYY-MM-DD"
	TypeChoice      FieldType = "choice"      // one of options; answer: string
	TypeMultiChoice FieldType = "multichoice" // some of options; answer: array of strings
	TypeBoolean     FieldType = "boolean"     // yes/no; answer: true or false
	TypeDeclaration FieldType = "declaration" // a statement to accept; answer: true
	TypeEmail       FieldType = "email"       // answer: string
	TypeGroup       FieldType = "group"       // repeating group; answer: array of objects
	TypeComputed    FieldType = "computed"    // a value computed from other answers (Expr); no answer
)

var fieldTypes = []FieldType{TypeText, TypeTextArea, TypeNumber, TypeMoney, TypeDate, TypeChoice, TypeMultiChoice, TypeBoolean, TypeDeclaration, TypeEmail, TypeGroup, TypeComputed}

// Formats of a computed field: how its value is read and shown.
const (
	FormatMoneyValue  = "money"  // euro cents, shown "€ 1.234,56"
	FormatNumberValue = "number" // shown "1.234,5"
	FormatTextValue   = "text"
	FormatDateValue   = "date" // "YYYY-MM-DD", shown "04/03/2024"
)

var computedFormats = []string{FormatMoneyValue, FormatNumberValue, FormatTextValue, FormatDateValue}

// Field is one question, or a repeating group of questions.
type Field struct {
	ID          string    `json:"id"`
	Type        FieldType `json:"type"`
	Label       Text      `json:"label"`
	Help        Text      `json:"help,omitempty"`
	Placeholder Text      `json:"placeholder,omitempty"`
	// Statement is the full text of a declaration, kept verbatim for the PDF.
	Statement Text     `json:"statement,omitempty"`
	Rules     string   `json:"rules,omitempty"` // validator tags: "required,max=200,cf"
	When      string   `json:"when,omitempty"`  // shown only when this expression holds
	Options   []Option `json:"options,omitempty"`
	// OptionsFrom makes the options of a choice the items of a group (instead of Options).
	OptionsFrom *OptionsFrom `json:"optionsFrom,omitempty"`
	// Expr and Format define a computed field: its value, and how it is shown.
	Expr     string   `json:"expr,omitempty"`
	Format   string   `json:"format,omitempty"`
	MaxChars int      `json:"maxChars,omitempty"`
	Repeat   *Repeat  `json:"repeat,omitempty"`
	Fields   []*Field `json:"fields,omitempty"`
	// ItemLabel names one item of a group ("Partner", "Azione") for buttons and headings.
	ItemLabel Text `json:"itemLabel,omitempty"`
	// Display says how the form lays out a group's items: DisplayCards (the default, a card
	// per item) or DisplayTable (a row per item, a column per field; see display.go).
	Display string `json:"display,omitempty"`
	// Personal marks data about people or organisations, redacted in support bundles.
	Personal bool `json:"personal,omitempty"`
	// Unique, on a field of a group's item, asks that no two shown items of the same list give
	// the same answer (see unique.go).
	Unique Unique `json:"unique,omitempty"`
	// Profile names the fact of an organisation profile the field holds ("ente.cf"), so that
	// an applicant fills it from the organisations kept on the device (profile.go).
	Profile string `json:"profile,omitempty"`
	Source  string `json:"source,omitempty"`

	path  string // schema path, "ats.membri.cf"
	group *Field // the group whose items hold this field; nil for a section's own field
	when  *Expr
	rule  *rule
	expr  *Expr // a computed field's value
	// readByPath: some compiled path enters the field, so its `when` and computed value may be
	// asked many times in one evaluation: they are remembered (evalCtx).
	readByPath bool
	itemID     *Field // on a group: the implicit field _id of its items (see idField)
	// from and fromLabel are the group and the label field of OptionsFrom, set by Load.
	from, fromLabel *Field
	// On a group, filled by Load: the checks evaluated once per item (Check.Each) and the
	// fields of the item that must differ between items (Unique).
	itemChecks []*Check
	uniques    []*Field
}

// OptionsFrom says which group's items a choice offers ("ats.membri") and which field of an
// item names it ("denominazione"). The answer is the item's id (ItemID).
type OptionsFrom struct {
	Items string `json:"items"`
	Label string `json:"label"`
}

// Path is the field's schema path without item indices, e.g. "ats.membri.cf".
func (f *Field) Path() string { return f.path }

// Required reports whether the rules make an answer mandatory when the field is shown.
func (f *Field) Required() bool {
	return f.Type == TypeDeclaration || (f.rule != nil && f.rule.required)
}

// Option returns the option with value v.
func (f *Field) Option(v string) (Option, bool) {
	if i := f.optionIndex(v); i >= 0 {
		return f.Options[i], true
	}
	return Option{}, false
}

// optionIndex is the index of the option whose value is v, or -1.
func (f *Field) optionIndex(v string) int {
	for i := range f.Options {
		if f.Options[i].Value == v {
			return i
		}
	}
	return -1
}

// Repeat bounds the number of items of a group.
type Repeat struct {
	Min int `json:"min"`
	// Max is required, 1…MaxRepeat: lint refuses a group without it. Items past Max give one
	// repeat.max issue and are neither validated nor seen by expressions.
	Max int `json:"max,omitempty"`
}

// Option is one answer of a choice. In JSON it may be written as a bare string.
type Option struct {
	Value string `json:"value"`
	Label Text   `json:"label,omitempty"`
}

// Text returns the option's label in lang, or its value when it has none.
func (o Option) Text(lang Lang) string {
	if o.Label.IsZero() {
		return o.Value
	}
	return o.Label.In(lang)
}

// UnmarshalJSON accepts "value" as a short form of {"value": "value"}.
func (o *Option) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*o = Option{Value: s}
		return nil
	}
	type plain Option
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return fmt.Errorf("option: %w", err)
	}
	*o = Option(p)
	return nil
}

// Check is a cross-field rule: Rule must hold, or Message is shown at Path.
//
// With Each (a group's schema path, "ats.membri"), the rule is written in the scope of one item
// of the group and holds for every shown item: the item's fields by their own names. Path is
// then the id of a field of the item ("forma", the issue is at "ats.membri[2].forma"), or empty
// for the item itself ("ats.membri[2]"); the message may say which item with {item}.
type Check struct {
	ID       string   `json:"id"`
	Rule     string   `json:"rule"`
	Each     string   `json:"each,omitempty"`
	Path     string   `json:"path,omitempty"` // where the message is shown; the whole form when empty
	Severity Severity `json:"severity,omitempty"`
	Message  Text     `json:"message"`
	Source   string   `json:"source,omitempty"`

	rule  *Expr
	group *Field // the group of Each
	field *Field // the field of the item named by Path, with Each
	key   string // "check." + ID, made once at load: every failing item reports it
}

// issueKey is the key of the check's issues.
func (ch *Check) issueKey() string {
	if ch.key != "" {
		return ch.key
	}
	return "check." + ch.ID
}

// Attachment is a document the call asks for beside the proposal.
type Attachment struct {
	ID       string `json:"id"`
	Label    Text   `json:"label"`
	Help     Text   `json:"help,omitempty"`
	Required bool   `json:"required,omitempty"`
	When     string `json:"when,omitempty"`
	Source   string `json:"source,omitempty"`

	when *Expr
}

// Field returns the definition of the field at a schema or answer path
// ("ats.membri.cf" or "ats.membri[2].cf").
func (c *Call) Field(path string) *Field {
	if f, ok := c.index[path]; ok {
		return f
	}
	return c.index[stripIndices(path)]
}

// Section returns the section with the given id.
func (c *Call) Section(id string) *Section { return c.sectionByID[id] }

// Fields returns every field definition in document order, groups before their children.
func (c *Call) Fields() []*Field {
	var out []*Field
	var walk func([]*Field)
	walk = func(fs []*Field) {
		for _, f := range fs {
			out = append(out, f)
			walk(f.Fields)
		}
	}
	for _, s := range c.Sections {
		walk(s.Fields)
	}
	return out
}

func stripIndices(p string) string {
	b := make([]byte, 0, len(p))
	skip := false
	for i := 0; i < len(p); i++ {
		switch {
		case p[i] == '[':
			skip = true
		case p[i] == ']':
			skip = false
		case !skip:
			b = append(b, p[i])
		}
	}
	return string(b)
}
