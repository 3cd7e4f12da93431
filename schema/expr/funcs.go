package expr

import (
	"slices"
	"strings"
)

// The functions of the language: their parameters and typing. What they compute is the
// compiler's (see schema), which knows how answers are stored; docs/schema.md gives an
// example of each.

type function struct {
	params []string // how the parameters are named in messages
	// check types a call whose argument types are args; it may refine args in place (Fit).
	check func(c *Call, args []Type) (Type, error)
}

func (f function) sig() string { return "(" + strings.Join(f.params, ", ") + ")" }

// FuncNames lists the functions, sorted.
func FuncNames() []string {
	names := make([]string, 0, len(funcs))
	for n := range funcs {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// arg requires argument i to be of kind k (after Fit), explaining with what.
func arg(c *Call, args []Type, i int, k TypeKind, it, en string) error {
	t, err := Fit(c.Args[i], args[i], Of(k))
	if err != nil {
		return err
	}
	args[i] = t
	if !t.Is(k) {
		return wrongType(c.Args[i], t, c.Func+": "+it, c.Func+": "+en)
	}
	return nil
}

func list(c *Call, args []Type, it, en string) error {
	if !args[0].Is(List) {
		return wrongType(c.Args[0], args[0], c.Func+": "+it, c.Func+": "+en)
	}
	return nil
}

func textTo(result TypeKind) func(*Call, []Type) (Type, error) {
	return func(c *Call, args []Type) (Type, error) {
		for i := range args {
			if err := arg(c, args, i, Text, "vuole un testo", "needs a text"); err != nil {
				return Type{}, err
			}
		}
		return Of(result), nil
	}
}

var funcs = map[string]function{
	"count": {[]string{"elenco"}, func(c *Call, args []Type) (Type, error) {
		return Of(Number), list(c, args, "conta gli elementi di un elenco, es. count(ats.membri)", "counts the elements of a list, e.g. count(ats.membri)")
	}},
	"sum": {[]string{"elenco"}, func(c *Call, args []Type) (Type, error) {
		if err := list(c, args, "somma un elenco, es. sum(budget.voci[].importo)", "adds up a list, e.g. sum(budget.voci[].importo)"); err != nil {
			return Type{}, err
		}
		switch e := args[0].Elem; e {
		case Number, Money:
			return Of(e), nil
		case Null:
			return Of(Number), nil
		}
		return Type{}, wrongType(c.Args[0], args[0], "sum vuole un elenco di numeri o importi", "sum needs a list of numbers or amounts")
	}},
	"any":      {[]string{"elenco"}, boolList},
	"all":      {[]string{"elenco"}, boolList},
	"answered": {[]string{"valore"}, func(*Call, []Type) (Type, error) { return Of(Bool), nil }},
	"contains": {[]string{"elenco", "valore"}, func(c *Call, args []Type) (Type, error) {
		if err := list(c, args, "cerca in un elenco, es. contains(ats.membri[].forma, \"aps\")", "searches a list, e.g. contains(ats.membri[].forma, \"aps\")"); err != nil {
			return Type{}, err
		}
		elem := Of(args[0].Elem)
		t, err := Fit(c.Args[1], args[1], elem)
		if err != nil {
			return Type{}, err
		}
		args[1] = t
		if args[0].Elem != Null && t.Kind != Null && !t.same(elem) {
			return Type{}, wrongType(c.Args[1], t, "contains cerca un valore di tipo "+elem.IT(), "contains looks for a "+elem.EN())
		}
		return Of(Bool), nil
	}},
	"len": {[]string{"testo o elenco"}, func(c *Call, args []Type) (Type, error) {
		if !args[0].Is(Text) && !args[0].Is(List) {
			return Type{}, wrongType(c.Args[0], args[0], "len misura un testo o un elenco", "len measures a text or a list")
		}
		return Of(Number), nil
	}},
	"distinct": {[]string{"elenco"}, func(c *Call, args []Type) (Type, error) {
		if err := list(c, args, "vuole un elenco di valori, es. distinct(ats.membri[].cf)", "needs a list of values, e.g. distinct(ats.membri[].cf)"); err != nil {
			return Type{}, err
		}
		if args[0].Elem == Item {
			return Type{}, wrongType(c.Args[0], args[0], "confronta i valori di un campo delle voci, es. distinct(ats.membri[].cf)", "compares the values of one field of the items, e.g. distinct(ats.membri[].cf)")
		}
		return Of(Bool), nil
	}},
	"upper":        {[]string{"testo"}, textTo(Text)},
	"lower":        {[]string{"testo"}, textTo(Text)},
	"trim":         {[]string{"testo"}, textTo(Text)},
	"startsWith":   {[]string{"testo", "inizio"}, textTo(Bool)},
	"endsWith":     {[]string{"testo", "fine"}, textTo(Bool)},
	"before":       {[]string{"testo", "separatore"}, textTo(Text)},
	"after":        {[]string{"testo", "separatore"}, textTo(Text)},
	"cfBirthDate":  {[]string{"codice fiscale"}, textTo(Date)},
	"cfSex":        {[]string{"codice fiscale"}, textTo(Text)},
	"cfBirthplace": {[]string{"codice fiscale"}, textTo(Text)},
	"date": {[]string{"testo AAAA-MM-GG"}, func(c *Call, args []Type) (Type, error) {
		if _, err := Fit(c.Args[0], args[0], Of(Date)); err != nil {
			return Type{}, err // a literal that is no date
		}
		if args[0].Kind == Date {
			return Of(Date), nil
		}
		return Of(Date), arg(c, args, 0, Text, "legge un testo AAAA-MM-GG", "reads a YYYY-MM-DD text")
	}},
	"year": {[]string{"data"}, func(c *Call, args []Type) (Type, error) {
		return Of(Number), arg(c, args, 0, Date, "vuole una data", "needs a date")
	}},
	"euro": {[]string{"euro"}, func(c *Call, args []Type) (Type, error) {
		return Of(Money), arg(c, args, 0, Number, "vuole un numero di euro, es. euro(2464000)", "needs a number of euros, e.g. euro(2464000)")
	}},
	"min": {[]string{"a", "b"}, minMax},
	"max": {[]string{"a", "b"}, minMax},
	"if": {[]string{"condizione", "se vera", "se falsa"}, func(c *Call, args []Type) (Type, error) {
		if err := arg(c, args, 0, Bool, "la condizione è vera/falsa", "the condition is true/false"); err != nil {
			return Type{}, err
		}
		a, b, err := fit2(c.Args[1], c.Args[2], args[1], args[2])
		if err != nil {
			return Type{}, err
		}
		args[1], args[2] = a, b
		if a.Kind != Null && b.Kind != Null && !a.same(b) {
			return Type{}, wrongType(c.Args[2], b, "if dà un solo tipo di valore: qui serve "+a.IT(), "if gives one type of value: a "+a.EN()+" is needed here")
		}
		if a.Kind == Null {
			return b, nil
		}
		return Type{Kind: a.Kind, Elem: a.Elem, Const: a.Const && b.Const}, nil
	}},
}

func boolList(c *Call, args []Type) (Type, error) {
	if err := list(c, args, "vuole un elenco di vero/falso, es. any(ats.membri[].ets)", "needs a list of true/false, e.g. any(ats.membri[].ets)"); err != nil {
		return Type{}, err
	}
	if e := args[0].Elem; e != Bool && e != Null {
		return Type{}, wrongType(c.Args[0], args[0], "vuole un elenco di vero/falso", "needs a list of true/false")
	}
	return Of(Bool), nil
}

func minMax(c *Call, args []Type) (Type, error) {
	a, b, err := fit2(c.Args[0], c.Args[1], args[0], args[1])
	if err != nil {
		return Type{}, err
	}
	args[0], args[1] = a, b
	for _, k := range []TypeKind{Number, Money, Date} {
		if a.Is(k) && b.Is(k) {
			return Type{Kind: max(a.Kind, b.Kind), Const: a.Const && b.Const}, nil
		}
	}
	return Type{}, wrongType(c.Args[1], b, c.Func+" vuole due numeri, due importi o due date", c.Func+" needs two numbers, two amounts or two dates")
}
