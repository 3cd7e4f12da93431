package schema

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"bando/schema/expr"
	"bando/schema/itid"
)

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
var callIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// maxGroupDepth bounds nested groups (a group inside a group's item inside …): deeper forms are
// unusable on a screen and in a PDF table.
const maxGroupDepth = 3

// call checks everything that needs meaning, not just shape, and compiles rules and
// expressions. It fills the call's indexes.
func (l *linter) call(c *Call, n *jsonNode) {
	if c.Format != "" && c.Format != FormatCall {
		l.problem(n.get("format"), "$.format", "lint.format", "format deve essere %q", "format must be %q", FormatCall)
	}
	if c.FormatVersion > SupportedFormatVersion {
		l.problem(n.get("formatVersion"), "$.formatVersion", "lint.format_version",
			"questo bando usa il formato %d, più nuovo di quello che questa versione dell'app conosce (%d): aggiorna l'app",
			"this call uses format %d, newer than this app knows (%d): update the app", c.FormatVersion, SupportedFormatVersion)
	}
	if !callIDPattern.MatchString(c.ID) {
		l.problem(orNode(n.get("id"), n), "$.id", "lint.call_id", "id del bando mancante o non valido (minuscole, cifre e trattini, es. toscana-fami-2024)",
			"call id missing or invalid (lower case, digits and dashes, e.g. toscana-fami-2024)")
	}
	if c.Version < 1 {
		l.problem(orNode(n.get("version"), n), "$.version", "lint.version", "version deve essere un intero da 1 in su", "version must be a whole number from 1 up")
	}
	l.text(c.Title, n.get("title"), n, "$.title", true)
	l.text(c.Authority.Name, n.get("authority").get("name"), n, "$.authority.name", true)
	l.submission(&c.Submission, n.get("submission"), n)

	c.index = map[string]*Field{}
	c.sectionByID = map[string]*Section{}
	c.hints = &validationHints{}
	secs := n.get("sections")
	if len(c.Sections) == 0 {
		l.problem(orNode(secs, n), "$.sections", "lint.no_sections", "il bando non ha sezioni", "the call has no sections")
	}
	// First pass: ids, paths and the index, so that conditions may name any field.
	for i, s := range c.Sections {
		sn := secs.at(i)
		p := fmt.Sprintf("$.sections[%d]", i)
		if !l.id(s.ID, sn.get("id"), sn, p+".id") {
			continue
		}
		if _, dup := c.sectionByID[s.ID]; dup {
			l.problem(sn.get("id"), p+".id", "lint.duplicate_id", "id %q ripetuto", "duplicate id %q", s.ID)
			continue
		}
		c.sectionByID[s.ID] = s
		l.text(s.Title, sn.get("title"), sn, p+".title", true)
		if len(s.Fields) == 0 {
			l.problem(orNode(sn.get("fields"), sn), p+".fields", "lint.no_fields", "la sezione non ha campi", "the section has no fields")
		}
		l.indexFields(c, s.Fields, sn.get("fields"), p+".fields", s.ID, nil, 0)
	}
	if len(l.problems) > 0 {
		return // compiling expressions against a broken index would only add noise
	}
	// Second pass: rules and expressions.
	root := &scope{call: c}
	for i, s := range c.Sections {
		sn := secs.at(i)
		p := fmt.Sprintf("$.sections[%d]", i)
		s.when = l.expr(s.When, sn.get("when"), p+".when", root, true)
		l.compileFields(s.Fields, sn.get("fields"), p+".fields", &scope{parent: root, level: 1, call: c, section: s})
	}
	l.conditionCycles(c, n)
	checks := n.get("checks")
	seen := map[string]bool{}
	for i, ch := range c.Checks {
		cn := checks.at(i)
		p := fmt.Sprintf("$.checks[%d]", i)
		if l.id(ch.ID, cn.get("id"), cn, p+".id") {
			if seen[ch.ID] {
				l.problem(cn.get("id"), p+".id", "lint.duplicate_id", "id %q ripetuto", "duplicate id %q", ch.ID)
			}
			seen[ch.ID] = true
		}
		sc, ok := l.checkScope(c, ch, cn, p, root)
		switch {
		case strings.TrimSpace(ch.Rule) == "":
			l.problem(cn, p+".rule", "lint.required", "manca la regola (rule)", "the rule is missing")
		case ok:
			ch.rule = l.expr(ch.Rule, cn.get("rule"), p+".rule", sc, true)
		}
		l.text(ch.Message, cn.get("message"), cn, p+".message", true)
		l.severity(ch.Severity, cn.get("severity"), p+".severity")
		ch.key = "check." + ch.ID
		if ch.rule != nil && ch.group != nil {
			ch.group.itemChecks = append(ch.group.itemChecks, ch)
		}
	}
	atts := n.get("attachments")
	seen = map[string]bool{}
	for i := range c.Attachments {
		a := &c.Attachments[i]
		an := atts.at(i)
		p := fmt.Sprintf("$.attachments[%d]", i)
		if l.id(a.ID, an.get("id"), an, p+".id") {
			if seen[a.ID] {
				l.problem(an.get("id"), p+".id", "lint.duplicate_id", "id %q ripetuto", "duplicate id %q", a.ID)
			}
			seen[a.ID] = true
		}
		l.text(a.Label, an.get("label"), an, p+".label", true)
		a.when = l.expr(a.When, an.get("when"), p+".when", root, true)
	}
	l.migrations(c, n)
	l.application(c, n)
	sgs := n.get("signers")
	for i := range c.Signers {
		l.signers(c, &c.Signers[i], sgs.at(i), fmt.Sprintf("$.signers[%d]", i), root)
	}
}

// knownPath accepts a section id or a field path such as "ats.membri".
func (c *Call) knownPath(p string) bool {
	return c.sectionByID[p] != nil || c.index[stripIndices(p)] != nil
}

func (l *linter) submission(s *Submission, n, parent *jsonNode) {
	p := "$.submission"
	if n == nil {
		l.problem(parent, p, "lint.required", "manca submission: come e entro quando si presenta la domanda", "submission is missing: how and by when to apply")
		return
	}
	if s.Channel != "pec" {
		l.problem(orNode(n.get("channel"), n), p+".channel", "lint.channel", "canale di invio %q non previsto: oggi solo \"pec\"", "submission channel %q not supported: only \"pec\" for now", s.Channel)
	}
	if err := itid.PEC(s.To); err != nil {
		l.problem(orNode(n.get("to"), n), p+".to", "lint.pec", "indirizzo PEC del destinatario non valido: %q", "invalid recipient PEC address: %q", s.To)
	}
	if strings.TrimSpace(s.Subject) == "" {
		l.problem(orNode(n.get("subject"), n), p+".subject", "lint.required", "manca l'oggetto esatto della PEC (subject)", "the exact PEC subject is missing")
	}
	if _, err := time.Parse(time.DateOnly, s.Deadline); err != nil {
		l.problem(orNode(n.get("deadline"), n), p+".deadline", "lint.date", "scadenza non valida %q: usa AAAA-MM-GG", "invalid deadline %q: use YYYY-MM-DD", s.Deadline)
	}
	if s.Time != "" {
		if _, err := time.Parse("15:04:05", s.Time); err != nil {
			if _, err := time.Parse("15:04", s.Time); err != nil {
				l.problem(n.get("time"), p+".time", "lint.time", "ora non valida %q: usa HH:MM", "invalid time %q: use HH:MM", s.Time)
			}
		}
	}
	if s.Timezone != "" && s.Timezone != "Europe/Rome" {
		if _, err := time.LoadLocation(s.Timezone); err != nil {
			l.problem(n.get("timezone"), p+".timezone", "lint.timezone", "fuso orario %q sconosciuto (es. Europe/Rome)", "unknown time zone %q (e.g. Europe/Rome)", s.Timezone)
		}
	}
}

func (l *linter) indexFields(c *Call, fs []*Field, n *jsonNode, p, prefix string, group *Field, depth int) {
	seen := map[string]bool{}
	for i, f := range fs {
		fn := n.at(i)
		fp := fmt.Sprintf("%s[%d]", p, i)
		if !l.id(f.ID, fn.get("id"), fn, fp+".id") {
			continue
		}
		if seen[f.ID] {
			l.problem(fn.get("id"), fp+".id", "lint.duplicate_id", "id %q ripetuto in questo elenco di campi", "duplicate id %q in this list of fields", f.ID)
			continue
		}
		if f.ID == "this" || f.ID == "deadline" {
			l.problem(fn.get("id"), fp+".id", "lint.reserved_id", "l'id %q è riservato alle espressioni (this è la voce, deadline la scadenza del bando): scegli un altro id", "the id %q is reserved in expressions (this is the item, deadline the call's deadline): choose another id", f.ID)
			continue
		}
		seen[f.ID] = true
		f.path = prefix + "." + f.ID
		f.group = group
		c.index[f.path] = f
		l.fieldShape(f, fn, fp)
		l.unique(f, fn, fp)
		if f.Type == TypeGroup {
			if depth+1 > maxGroupDepth {
				l.problem(fn, fp, "lint.depth", "troppi gruppi annidati (massimo %d)", "too many nested groups (at most %d)", maxGroupDepth)
				continue
			}
			l.indexFields(c, f.Fields, fn.get("fields"), fp+".fields", f.path, f, depth+1)
		}
	}
	l.profiles(fs, n, p)
}

func (l *linter) fieldShape(f *Field, n *jsonNode, p string) {
	known := false
	for _, t := range fieldTypes {
		known = known || t == f.Type
	}
	if !known {
		names := make([]string, len(fieldTypes))
		for i, t := range fieldTypes {
			names[i] = string(t)
		}
		l.problem(orNode(n.get("type"), n), p+".type", "lint.unknown_type", "tipo di campo %q sconosciuto (previsti: %s)", "unknown field type %q (known: %s)", f.Type, strings.Join(names, ", "))
		return
	}
	l.text(f.Label, n.get("label"), n, p+".label", true)
	isChoice := f.Type == TypeChoice || f.Type == TypeMultiChoice
	switch {
	case isChoice && len(f.Options) > 0 && f.OptionsFrom != nil:
		l.problem(n.get("optionsFrom"), p+".optionsFrom", "lint.options_from",
			"options e optionsFrom si escludono: tieni options per un elenco fisso di risposte, oppure optionsFrom per offrire le voci di un gruppo (es. i membri dell'ATS)",
			"options and optionsFrom exclude each other: keep options for a fixed list of answers, or optionsFrom to offer the items of a group (e.g. the ATS members)")
	case isChoice && len(f.Options) == 0 && f.OptionsFrom == nil:
		l.problem(orNode(n.get("options"), n), p+".options", "lint.no_options", "una scelta ha bisogno di opzioni (options) o di un gruppo da cui prenderle (optionsFrom)", "a choice needs options, or a group to take them from (optionsFrom)")
	case !isChoice && len(f.Options) > 0:
		l.problem(n.get("options"), p+".options", "lint.options", "solo i campi choice e multichoice hanno opzioni", "only choice and multichoice fields take options")
	case !isChoice && f.OptionsFrom != nil:
		l.problem(n.get("optionsFrom"), p+".optionsFrom", "lint.options_from", "solo i campi choice e multichoice prendono le opzioni da un gruppo (optionsFrom)", "only choice and multichoice fields take their options from a group (optionsFrom)")
	}
	l.computedShape(f, n, p)
	l.display(f, n, p)
	vals := map[string]bool{}
	on := n.get("options")
	for i, o := range f.Options {
		op := fmt.Sprintf("%s.options[%d]", p, i)
		switch {
		case strings.TrimSpace(o.Value) == "":
			l.problem(on.at(i), op, "lint.option_empty", "opzione vuota", "empty option")
		case vals[o.Value]:
			l.problem(on.at(i), op, "lint.option_duplicate", "opzione %q ripetuta", "duplicate option %q", o.Value)
		}
		vals[o.Value] = true
	}
	if f.Type == TypeGroup {
		if len(f.Fields) == 0 {
			l.problem(orNode(n.get("fields"), n), p+".fields", "lint.no_fields", "il gruppo non ha campi", "the group has no fields")
		}
		l.repeat(f.Repeat, n, p)
	} else {
		if len(f.Fields) > 0 {
			l.problem(n.get("fields"), p+".fields", "lint.fields", "solo i gruppi (type group) contengono campi", "only groups (type group) contain fields")
		}
		if f.Repeat != nil {
			l.problem(n.get("repeat"), p+".repeat", "lint.repeat", "repeat vale solo per i gruppi", "repeat applies only to groups")
		}
	}
	if f.MaxChars < 0 || f.MaxChars > 0 && f.Type != TypeText && f.Type != TypeTextArea {
		l.problem(n.get("maxChars"), p+".maxChars", "lint.maxchars", "maxChars vale solo per text e textarea, ed è positivo", "maxChars applies only to text and textarea, and is positive")
	}
	if f.Type == TypeDeclaration {
		l.text(f.Statement, n.get("statement"), n, p+".statement", true)
	}
}

// MaxRepeat bounds repeat.max: no call asks for more than a thousand entries of one kind, and
// the bound is what keeps validation, expressions and the PDF of a hostile draft (a million
// empty items) cheap: items past max are never validated (see Validate).
const MaxRepeat = 1000

// repeat checks a group's bounds: max is required (1…MaxRepeat), 0 ≤ min ≤ max.
func (l *linter) repeat(r *Repeat, n *jsonNode, p string) {
	rn := n.get("repeat")
	switch {
	case r == nil:
		l.problem(n, p+".repeat", "lint.repeat_max",
			"manca repeat con max: quante voci al massimo (da 1 a %d), es. \"repeat\": {\"min\": 1, \"max\": 40}",
			"repeat with max is missing: how many entries at most (1 to %d), e.g. \"repeat\": {\"min\": 1, \"max\": 40}", MaxRepeat)
		return
	case r.Max < 1 || r.Max > MaxRepeat:
		l.problem(orNode(rn.get("max"), rn), p+".repeat.max", "lint.repeat_max",
			"repeat.max deve essere un intero da 1 a %d (quante voci al massimo), trovato %d",
			"repeat.max must be a whole number from 1 to %d (how many entries at most), found %d", MaxRepeat, r.Max)
	}
	switch {
	case r.Min < 0:
		l.problem(orNode(rn.get("min"), rn), p+".repeat.min", "lint.repeat",
			"repeat.min non può essere negativo (%d)", "repeat.min cannot be negative (%d)", r.Min)
	case r.Max >= 1 && r.Min > r.Max:
		l.problem(orNode(rn.get("min"), rn), p+".repeat.min", "lint.repeat",
			"repeat.min (%d) è maggiore di repeat.max (%d)", "repeat.min (%d) is greater than repeat.max (%d)", r.Min, r.Max)
	}
}

func (l *linter) compileFields(fs []*Field, n *jsonNode, p string, sc *scope) {
	for i, f := range fs {
		fn := n.at(i)
		fp := fmt.Sprintf("%s[%d]", p, i)
		f.when = l.expr(f.When, fn.get("when"), fp+".when", sc, true)
		r, err := compileRule(f.Rules, f.Type)
		if err != nil {
			why := Text{IT: err.Error(), EN: err.Error()}
			var re *ruleError
			if errors.As(err, &re) {
				why = re.Text
			}
			l.problem(fn.get("rules"), fp+".rules", "lint.rules", "regole non valide: %[1]s", "invalid rules: %[2]s", why.IT, why.EN)
		}
		f.rule = r
		if f.Type == TypeComputed {
			l.computedExpr(f, fn, fp, sc)
		}
		if f.OptionsFrom != nil {
			l.optionsFrom(sc.call, f, fn.get("optionsFrom"), fp+".optionsFrom")
		}
		if f.Type == TypeGroup {
			l.compileFields(f.Fields, fn.get("fields"), fp+".fields", &scope{parent: sc, level: sc.level + 1, call: sc.call, group: f})
		}
	}
}

func (l *linter) signers(c *Call, s *Signers, n *jsonNode, p string, root *scope) {
	s.when = l.expr(s.When, n.get("when"), p+".when", root, true)
	if s.Items == "" {
		l.problem(n, p+".items", "lint.required", "manca items: il gruppo dei firmatari", "items is missing: the signers' group")
		return
	}
	g := c.index[s.Items]
	if g == nil || g.Type != TypeGroup {
		l.problem(n.get("items"), p+".items", "lint.signers", "items deve indicare un gruppo, es. ats.membri", "items must name a group, e.g. ats.membri")
		return
	}
	s.group = g
	s.filter = l.expr(s.Filter, n.get("filter"), p+".filter", groupScope(c, g), true)
	for _, k := range [...]struct{ key, id string }{{"name", s.Name}, {"cf", s.CF}, {"entity", s.Entity}, {"role", s.Role}, {"birthPlace", s.BirthPlace}, {"birthDate", s.BirthDate}} {
		if k.id == "" && k.key != "name" && k.key != "cf" {
			continue // a call with one applicant has no organisation per signer; the rest is optional
		}
		f := findField(g.Fields, k.id)
		switch {
		case f == nil:
			l.problem(orNode(n.get(k.key), n), p+"."+k.key, "lint.unknown_name", "il gruppo %s non ha il campo %q", "group %s has no field %q", g.path, k.id)
		case k.key == "birthDate" && f.Type != TypeDate, (k.key == "role" || k.key == "birthPlace") && f.Type != TypeText:
			want := map[bool]string{true: "date", false: "text"}[k.key == "birthDate"]
			l.problem(n.get(k.key), p+"."+k.key, "lint.signers", "il campo %q deve essere di tipo %s", "field %q must be of type %s", k.id, want)
		}
	}
}

// groupScope is the scope of one item of group g, with every enclosing scope.
func groupScope(c *Call, g *Field) *scope {
	parts := strings.Split(g.path, ".")
	sc := &scope{call: c}
	sc = &scope{parent: sc, level: 1, call: c, section: c.sectionByID[parts[0]]}
	for i := 2; i <= len(parts); i++ {
		sc = &scope{parent: sc, level: i, call: c, group: c.index[strings.Join(parts[:i], ".")]}
	}
	return sc
}

// expr compiles an optional expression, reporting errors at their column inside the JSON string.
func (l *linter) expr(src string, n *jsonNode, p string, sc *scope, wantBool bool) *Expr {
	if strings.TrimSpace(src) == "" {
		return nil
	}
	x, err := compileExpr(src, sc)
	if err != nil {
		l.exprProblem(err, src, n, p)
		return nil
	}
	if x.cost > maxExprCost {
		why := costText(x.cost)
		l.problem(n, p, "lint.cost", "espressione troppo costosa %[3]q: %[1]s", "expression too costly %[3]q: %[2]s", why.IT, why.EN, src)
		return nil
	}
	if wantBool && !x.typ.Is(expr.Bool) {
		l.problem(n, p, "lint.expr_type", "la condizione deve essere vera o falsa, questa dà un valore di tipo %[1]s", "the condition must be true or false, this gives a %[2]s", x.typ.IT(), x.typ.EN())
		return nil
	}
	return x
}

// exprProblem reports an expression that does not compile at its column inside the JSON
// string n.
func (l *linter) exprProblem(err error, src string, n *jsonNode, p string) {
	off := 0
	if n != nil {
		off = n.off + 1 // the opening quote
	}
	ee, ok := err.(*ExprError)
	if !ok {
		l.problemAt(off, p, "lint.expr", "espressione non valida: %s", "invalid expression: %s", err.Error())
		return
	}
	if n != nil && n.kind == 's' {
		off = rawOffset(l.data, n, int(ee.Pos))
	}
	_, col := ee.Pos.Column(src)
	l.problemText(off, p, "lint.expr", Text{
		IT: fmt.Sprintf("espressione non valida (colonna %d di %q): %s", col, src, ee.IT),
		EN: fmt.Sprintf("invalid expression (column %d of %q): %s", col, src, ee.EN),
	})
}

func (l *linter) id(id string, n, parent *jsonNode, p string) bool {
	if idPattern.MatchString(id) {
		return true
	}
	if id == "" {
		l.problem(orNode(n, parent), p, "lint.required", "manca l'id", "the id is missing")
	} else {
		l.problem(n, p, "lint.bad_id", "id %q non valido: minuscole, cifre e _, iniziando con una lettera", "invalid id %q: lower case letters, digits and _, starting with a letter", id)
	}
	return false
}

func (l *linter) text(t Text, n, parent *jsonNode, p string, required bool) {
	if required && strings.TrimSpace(t.IT) == "" {
		l.problem(orNode(n, parent), p+".it", "lint.missing_it", "manca il testo in italiano (\"it\")", "the Italian text (\"it\") is missing")
	}
}

func orNode(n, fallback *jsonNode) *jsonNode {
	if n != nil {
		return n
	}
	return fallback
}

// at returns element i of an array node, or the node itself so positions stay near.
func (n *jsonNode) at(i int) *jsonNode {
	if n != nil && n.kind == 'a' && i < len(n.vals) {
		return n.vals[i]
	}
	return n
}

// conditionCycles reports `when` conditions and computed values that depend on themselves (a
// shown only when b, b only when a; a total that adds itself): evaluating one would never end,
// and no applicant could ever see the fields.
func (l *linter) conditionCycles(c *Call, n *jsonNode) {
	whenOf := func(x any) *Expr {
		switch v := x.(type) {
		case *Field:
			return v.when
		case *Section:
			return v.when
		}
		return nil
	}
	const (
		unvisited = iota
		visiting
		done
	)
	state := map[any]int{}
	var cyc any // the node that closes the cycle found
	var visit func(x any) bool
	visit = func(x any) bool {
		switch state[x] {
		case visiting:
			cyc = x
			return true
		case done:
			return false
		}
		state[x] = visiting
		for _, w := range []*Expr{whenOf(x), computedOf(x)} {
			if w == nil {
				continue
			}
			for _, r := range w.refs {
				if visit(r) {
					return true
				}
			}
		}
		state[x] = done
		return false
	}
	for _, s := range c.Sections {
		if visit(s) {
			l.problem(n, "$.sections", "lint.cycle", "la condizione (when) della sezione %q dipende da se stessa", "the condition (when) of section %q depends on itself", s.ID)
			return
		}
	}
	for _, f := range c.Fields() {
		if !visit(f) {
			continue
		}
		if cf, ok := cyc.(*Field); ok && cf.Type == TypeComputed {
			l.problem(n, "$", "lint.cycle", "il valore del campo calcolato %s dipende da se stesso, direttamente o tramite altri campi", "the value of computed field %s depends on itself, directly or through other fields", cf.path)
			return
		}
		if cf, ok := cyc.(*Field); ok {
			f = cf
		}
		l.problem(n, "$", "lint.cycle", "la condizione (when) del campo %s dipende da se stessa, direttamente o tramite altri campi", "the condition (when) of field %s depends on itself, directly or through other fields", f.path)
		return
	}
}
