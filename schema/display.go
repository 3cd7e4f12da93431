package schema

// How a group's items are laid out in the form (Field.Display). The answers, the checks and the
// PDF are the same either way: display is only a hint to the form.
const (
	// DisplayCards shows each item as a card with its fields one under the other: the default,
	// for items with long answers (a member of an ATS, an action line).
	DisplayCards = "cards"
	// DisplayTable shows a row per item and a column per field, with the sums of the money
	// columns in a footer: for many items of a few short fields (budget lines). Phones show
	// the rows stacked.
	DisplayTable = "table"
)

var displays = []string{DisplayCards, DisplayTable}

// MaxTableColumns bounds the columns of a table: more do not fit a screen, and the cards are
// then easier to read.
const MaxTableColumns = 8

// tableColumn reports whether a field fits in a table cell: one short answer. A textarea, a
// list of checkboxes, a declaration or a nested group would each need a card.
func tableColumn(t FieldType) bool {
	switch t {
	case TypeText, TypeNumber, TypeMoney, TypeDate, TypeChoice, TypeBoolean, TypeEmail, TypeComputed:
		return true
	}
	return false
}

// IsTable reports whether the form shows the group f as a table.
func (f *Field) IsTable() bool { return f.Type == TypeGroup && f.Display == DisplayTable }
