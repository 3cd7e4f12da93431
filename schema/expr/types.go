package expr

// TypeKind is the kind of a value in an expression.
type TypeKind uint8

const (
	Null   TypeKind = iota // no answer: the literal null, which fits any type
	Bool                   // true or false
	Number                 // a number
	Money                  // an amount in euro cents
	Text                   // a text
	Date                   // a calendar day
	Item                   // an item of a repeating group (a list's element only)
	List                   // a list of Elem
)

// Type is the static type of an expression.
type Type struct {
	Kind TypeKind
	Elem TypeKind // the elements' kind, for a List
	// Const marks a number written in the expression (or computed from such numbers only):
	// like an untyped constant in Go it also fits an amount, as cents ("totale <= 246400000").
	Const bool
}

// ListOf is the type list(k).
func ListOf(k TypeKind) Type { return Type{Kind: List, Elem: k} }

// Of is the type of kind k.
func Of(k TypeKind) Type { return Type{Kind: k} }

var kindNames = [...][2]string{
	Null:   {"nessun valore", "no value"},
	Bool:   {"vero/falso", "true/false"},
	Number: {"numero", "number"},
	Money:  {"importo", "amount"},
	Text:   {"testo", "text"},
	Date:   {"data", "date"},
	Item:   {"voce", "item"},
	List:   {"elenco", "list"},
}

// IT names the type in Italian ("elenco di importi" is written "elenco di importo": short and
// unambiguous in a lint message).
func (t Type) IT() string {
	if t.Kind == List {
		return "elenco di " + kindNames[t.Elem][0]
	}
	return kindNames[t.Kind][0]
}

// EN names the type in English.
func (t Type) EN() string {
	if t.Kind == List {
		return "list of " + kindNames[t.Elem][1]
	}
	return kindNames[t.Kind][1]
}

func (t Type) String() string { return t.EN() }

// Is reports whether t is of kind k (null fits every kind).
func (t Type) Is(k TypeKind) bool { return t.Kind == k || t.Kind == Null }

// same reports whether t and u are the same type, ignoring Const.
func (t Type) same(u Type) bool { return t.Kind == u.Kind && t.Elem == u.Elem }
