package schema

import (
	"errors"
	"maps"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"bando/schema/expr"
	"bando/schema/itid"

	"github.com/go-playground/validator/v10"
)

// Issue is one problem with the answers: where (an answer path such as "ats.membri[2].cf", or
// "" for the whole form), what (a stable message key, for tests, translations and support
// bundles), with which parameters, the message in the language asked for, and how serious it
// is: an error ("") blocks the proposal, a warning (SeverityWarning) only asks to look again.
//
// The issues of one validation may share a Params map (the checks failing on one member all
// name it): read it, and clone it before changing it.
type Issue struct {
	Path     string            `json:"path"`
	Key      string            `json:"key"`
	Params   map[string]string `json:"params,omitempty"`
	Message  string            `json:"message"`
	Severity Severity          `json:"severity,omitempty"`
}

// Issues is the list Validate returns, in form order, checks last.
type Issues []Issue

func (is Issues) Error() string {
	var b strings.Builder
	for i, x := range is {
		if i > 0 {
			b.WriteString("\n")
		}
		if x.Path != "" {
			b.WriteString(x.Path + ": ")
		}
		b.WriteString(x.Message)
	}
	return b.String()
}

// At returns the issues whose path is p.
func (is Issues) At(p string) Issues {
	var out Issues
	for _, x := range is {
		if x.Path == p {
			out = append(out, x)
		}
	}
	return out
}

// Visible returns the answers as the call sees them: every answer of a field whose `when`
// does not hold is left out (recursively), without touching a. Hidden answers stay in the
// draft — the applicant may change their mind — but are neither checked nor counted. One pass
// is exact: conditions already read the answers of hidden fields as no answer (see pstep).
func (c *Call) Visible(a Answers) Answers {
	a, _ = c.boundItems(a) // items past a group's repeat.max are not part of the proposal
	view, _ := c.pruneRoot(&evalCtx{}, a)
	return Answers(view)
}

func (c *Call) pruneRoot(x *evalCtx, root map[string]any) (map[string]any, bool) {
	out, copied := root, false
	e := env{root}
	for _, s := range c.Sections {
		v, ok := root[s.ID]
		if !ok {
			continue
		}
		m, _ := v.(map[string]any)
		if !x.sectionShown(s, e) {
			if !copied {
				out, copied = maps.Clone(root), true
			}
			delete(out, s.ID)
			continue
		}
		if m == nil {
			continue
		}
		if nm, ch := pruneFields(x, s.Fields, m, e); ch {
			if !copied {
				out, copied = maps.Clone(root), true
			}
			out[s.ID] = nm
		}
	}
	return out, copied
}

func pruneFields(x *evalCtx, fs []*Field, m map[string]any, parents env) (map[string]any, bool) {
	out, copied := m, false
	e := append(parents[:len(parents):len(parents)], m)
	for _, f := range fs {
		v, ok := m[f.ID]
		if !ok {
			continue
		}
		if f.Type == TypeComputed || !x.fieldShown(f, e) {
			if !copied {
				out, copied = maps.Clone(m), true
			}
			delete(out, f.ID) // hidden, or a stored value of a computed field: not an answer
			continue
		}
		items, isList := v.([]any)
		if f.Type != TypeGroup || !isList {
			continue
		}
		var newItems []any
		for i, it := range items {
			im, ok := it.(map[string]any)
			if !ok {
				continue
			}
			if nm, ch := pruneFields(x, f.Fields, im, e); ch {
				if newItems == nil {
					newItems = append([]any(nil), items...)
				}
				newItems[i] = nm
			}
		}
		if newItems != nil {
			if !copied {
				out, copied = maps.Clone(m), true
			}
			out[f.ID] = newItems
		}
	}
	return out, copied
}

// Validate checks every shown answer against its field and every cross-field check. A group
// with more items than its repeat.max gets one repeat.max issue; the items past max are not
// validated and expressions do not see them (see boundItems).
func (c *Call) Validate(a Answers, lang Lang) Issues {
	x := &evalCtx{}
	if h := c.hints; h != nil {
		h.room().give(x)
		defer h.keep(x)
	}
	return c.validate(x, a, lang)
}

func (c *Call) validate(x *evalCtx, a Answers, lang Lang) Issues {
	a, cut := c.boundItems(a)
	v := &validation{x: x, call: c, lang: lang, env: make(env, 1, maxEnv), path: make([]byte, 0, 64), cut: cut}
	if h := c.hints; h != nil {
		if n := h.issues.Load(); n > 0 {
			v.issues = make(Issues, 0, n)
			// A path is rarely longer than ats.membri[12].rl_nascita_data (see pathBatch).
			v.spelled.buf, v.spelled.ends = make([]byte, 0, 32*n), make([]int32, 0, n)
		}
	}
	v.env[0] = a
	x.more() // a whole validation uses all of it
	for _, s := range c.Sections {
		if !v.x.sectionShown(s, v.env[:1]) {
			continue
		}
		m, _ := a[s.ID].(map[string]any)
		v.path = append(append(v.path[:0], s.ID...), '.')
		v.fields(s.Fields, m, 1)
	}
	for _, ch := range c.Checks {
		if ch.group == nil && !ch.rule.holds(v.x, v.env[:1]) {
			v.issues = append(v.issues, Issue{Path: ch.Path, Key: ch.issueKey(), Message: checkMessage(ch, -1, lang), Severity: ch.Severity.issue()})
		}
	}
	v.spelled.fill(v.issues)
	if h := c.hints; h != nil {
		h.issues.Store(int32(min(len(v.issues), maxHint)))
	}
	if len(v.issues) == 0 {
		return nil // as without the room made in advance
	}
	return v.issues
}

type validation struct {
	x      *evalCtx
	call   *Call
	lang   Lang
	env    env
	path   []byte // the answer path being checked, built in place: strings only for issues
	issues Issues
	same   sameIssues // the issues of rules that say the same wherever they fail
	// spelled holds the paths of the issues of the walk, given to them when it ends (see
	// pathBatch): every issue the walk finds is added to it, in order.
	spelled pathBatch
	cut     map[string]int // groups cut at repeat.max: how many items they really hold
	// index[l] is the index of the item at env level l in its list, while the walk is in it.
	index [maxEnv]int
	// items are the ids of the shown items of each list a choice offers, by the list's
	// answer path: computed once per validation, however many choices name the list.
	items    map[string]map[string]bool
	names    [4]itemNamed // the items named last (see named)
	nextName int
}

// fields checks the fields of container m, which sits at env level `level`; v.path holds the
// container's path followed by a dot.
func (v *validation) fields(fs []*Field, m map[string]any, level int) {
	e := v.env[:level+1]
	e[level] = m
	prefix := len(v.path)
	for _, f := range fs {
		if !v.x.fieldShown(f, e) {
			continue
		}
		if f.Type == TypeComputed {
			continue // nobody answers it; a stored value is ignored
		}
		val := m[f.ID]
		if f.Type != TypeGroup {
			// The field's path is spelled out only when something needs it.
			is := checkValue(f, val, v.lang, &v.same)
			if is == nil && f.from != nil {
				v.path = append(v.path[:prefix], f.ID...)
				is = v.itemChoice(f, val)
			}
			if is == nil && f.Unique != uniqueOff {
				if u, dup := v.uniqueIssue(f, val, v.index[level], v.x.ext.seen[f]); dup {
					is = &u
				}
			}
			if is != nil {
				v.path = append(v.path[:prefix], f.ID...)
				v.report(*is)
			}
			continue
		}
		v.path = append(v.path[:prefix], f.ID...)
		items, ok := val.([]any)
		if !ok && val != nil {
			v.report(typeIssue(f, "", v.lang))
			continue
		}
		n := len(items)
		if full, ok := v.cut[string(v.path)]; ok {
			n = full
		}
		if is := repeatIssue(f, n, "", v.lang); is != nil {
			v.report(*is)
		}
		group := len(v.path)
		v.newList(f, len(items))
		for i, it := range items {
			im, _ := it.(map[string]any)
			v.path = append(strconv.AppendInt(append(v.path[:group], '['), int64(i), 10), "]."...)
			v.index[level+1] = i
			v.fields(f.Fields, im, level+1)
			if len(f.itemChecks) > 0 {
				v.path = v.path[:len(v.path)-1] // "ats.membri[2]": the item's own path
				v.itemChecks(f, level+1)
			}
		}
	}
	v.path = v.path[:prefix]
}

func repeatIssue(f *Field, n int, path string, lang Lang) *Issue {
	if f.Repeat == nil || n >= f.Repeat.Min && (f.Repeat.Max == 0 || n <= f.Repeat.Max) {
		return nil
	}
	item := f.ItemLabel.In(lang)
	if item == "" {
		item = f.Label.In(lang)
	}
	switch {
	case n < f.Repeat.Min:
		return newIssue(path, "repeat.min", lang, "min", strconv.Itoa(f.Repeat.Min), "n", strconv.Itoa(n), "item", item)
	case f.Repeat.Max > 0 && n > f.Repeat.Max:
		return newIssue(path, "repeat.max", lang, "max", strconv.Itoa(f.Repeat.Max), "n", strconv.Itoa(n), "item", item)
	}
	return nil
}

func newIssue(path, key string, lang Lang, kv ...string) *Issue {
	var params map[string]string
	if len(kv) > 0 {
		params = make(map[string]string, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			params[kv[i]] = kv[i+1]
		}
	}
	return &Issue{Path: path, Key: key, Params: params, Message: Message(lang, key, params)}
}

// expectedTypes and expectedTexts say what an answer of a type is, in Italian and English, for
// the "type" issue; the last text is for every other type. Arrays, not a map: a map literal is
// built by code at start-up, in app.wasm too.
var (
	expectedTypes = [...]FieldType{TypeNumber, TypeMoney, TypeBoolean, TypeDeclaration, TypeMultiChoice, TypeGroup}
	expectedTexts = [len(expectedTypes) + 1][2]string{
		{"un numero", "a number"},
		{"un importo in centesimi", "an amount in cents"},
		{"sì o no", "yes or no"},
		{"l'accettazione", "an acceptance"},
		{"un elenco di scelte", "a list of choices"},
		{"un elenco di voci", "a list of entries"},
		{"un testo", "a text"},
	}
)

func typeIssue(f *Field, path string, lang Lang) Issue {
	i := 0
	for i < len(expectedTypes) && expectedTypes[i] != f.Type {
		i++
	}
	e := expectedTexts[i]
	s := e[0]
	if lang == EN {
		s = e[1]
	}
	return *newIssue(path, "type", lang, "expected", s)
}

// checkValue checks one answer against its field; nil when it is fine. It does not look at
// other answers, so it is cheap enough for every keystroke. A validation passes its record of
// the issues that rules say alike (see sameIssues); keystrokes pass nil.
func checkValue(f *Field, val any, lang Lang, same *sameIssues) *Issue {
	const path = "" // set by the caller: the path string is built only when there is an issue
	if f.Type == TypeComputed {
		return nil // not an answer: its value is computed, a stored one is ignored
	}
	if isEmpty(val) || (f.Type == TypeDeclaration && val == false) {
		switch {
		case f.Type == TypeDeclaration:
			return newIssue(path, "declaration.required", lang)
		case !f.Required():
			return nil
		case f.Type == TypeChoice || f.Type == TypeMultiChoice || f.Type == TypeBoolean:
			return newIssue(path, "required.choice", lang)
		}
		return newIssue(path, "required", lang)
	}
	var v value // the answer in the type the rules see
	switch f.Type {
	case TypeBoolean, TypeDeclaration:
		b, ok := val.(bool)
		if !ok {
			return ptr(typeIssue(f, path, lang))
		}
		v.b = b
	case TypeNumber:
		n, ok := toNum(val)
		if !ok || math.IsNaN(n) || math.IsInf(n, 0) {
			return newIssue(path, "number.format", lang)
		}
		v.num = n
	case TypeMoney:
		n, ok := toCents(val)
		if !ok {
			return newIssue(path, "money.format", lang)
		}
		if n < 0 { // no call asks for a negative amount; "-5" is a slip of the keyboard
			return newIssue(path, "money.negative", lang)
		}
		v.cents = n
	case TypeMultiChoice:
		l, ok := val.([]any)
		if !ok {
			return ptr(typeIssue(f, path, lang))
		}
		v.list = make([]string, len(l))
		for i, x := range l {
			s, _ := x.(string)
			if f.optionIndex(s) < 0 && f.OptionsFrom == nil {
				return newIssue(path, "choice.unknown", lang, "value", s)
			}
			v.list[i] = s
		}
	default:
		s, ok := val.(string)
		if !ok {
			return ptr(typeIssue(f, path, lang))
		}
		if is := checkText(f, s, lang); is != nil {
			return is
		}
		v.s = s
	}
	if f.rule == nil {
		return nil
	}
	for i := range f.rule.steps {
		if is := f.rule.steps[i].check(f, &v, lang, same); is != nil {
			return is
		}
	}
	return nil
}

func ptr(is Issue) *Issue { return &is }

func toCents(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), true
		}
	}
	return 0, false
}

func checkText(f *Field, s string, lang Lang) *Issue {
	const path = ""
	if f.MaxChars > 0 && len(s) > f.MaxChars { // no more runes than bytes
		if n := utf8.RuneCountInString(s); n > f.MaxChars {
			return newIssue(path, "maxchars", lang, "max", strconv.Itoa(f.MaxChars), "n", strconv.Itoa(n))
		}
	}
	switch f.Type {
	case TypeDate:
		if _, ok := expr.ParseDate(s); !ok {
			return newIssue(path, "date.format", lang)
		}
	case TypeChoice:
		if f.optionIndex(s) < 0 && f.OptionsFrom == nil { // items are checked by itemChoice
			return newIssue(path, "choice.unknown", lang, "value", s)
		}
	case TypeEmail:
		if err := itid.PEC(s); err != nil { // the same address syntax, without the PEC wording
			return newIssue(path, "email.format", lang)
		}
	}
	return nil
}

func (st *ruleStep) check(f *Field, v *value, lang Lang, same *sameIssues) *Issue {
	const path = ""
	switch {
	case st.own != nil:
		err := st.own(v.s)
		if err == nil {
			return nil
		}
		reason := "format"
		var ie *itid.Error
		if errors.As(err, &ie) {
			reason = ie.Reason
		}
		key := st.tag + "." + reason
		if !HasMessage(key) {
			key = st.tag + ".format"
		}
		n := strconv.Itoa(utf8.RuneCountInString(strings.Join(strings.Fields(v.s), "")))
		return newIssue(path, key, lang, "n", n)
	case st.size != nil:
		if st.size.holds(f.Type, v) {
			return nil
		}
		return st.failed(f, lang, same)
	case st.numeric:
		if holdsNumeric(f.Type, v) {
			return nil
		}
		return st.failed(f, lang, same)
	}
	err := theValidator().Var(v.boxed(f.Type), st.raw)
	if err == nil {
		return nil
	}
	var fes validator.ValidationErrors
	if !errors.As(err, &fes) || len(fes) == 0 {
		return newIssue(path, "rule", lang, "param", st.raw)
	}
	fe := fes[0]
	if strings.Contains(fe.Tag(), "|") {
		return newIssue(path, "rule.or", lang, "param", orNames(fe.Tag(), lang))
	}
	return tagIssue(f, fe.Tag(), fe.Param(), lang, fe)
}

// tagKind is the kind of value tagIssue words a tag's message for.
func tagKind(t FieldType) string {
	switch t {
	case TypeNumber:
		return "number"
	case TypeMoney:
		return "money"
	case TypeMultiChoice:
		return "list"
	}
	return "string"
}

// tagMessageKey is the catalogue's key for a failed tag on a kind of value ("max.money", else
// "max"); "" when the catalogue has none.
func tagMessageKey(tag, kind string) string {
	for _, key := range [...]string{tag + "." + kind, tag} {
		if HasMessage(key) {
			return key
		}
	}
	return ""
}

// hasTagMessage: tagIssue words a failed tag on a field of type t from the catalogue alone,
// without validator's error.
func hasTagMessage(tag string, t FieldType) bool { return tagMessageKey(tag, tagKind(t)) != "" }

// failed is tagIssue for a size or numeric step, with the message key found at load.
func (st *ruleStep) failed(f *Field, lang Lang, same *sameIssues) *Issue {
	if st.key == "" {
		return tagIssue(f, st.tag, st.param, lang, nil)
	}
	if is := same.of(st); is != nil {
		return is
	}
	param := st.param
	if f.Type == TypeMoney {
		if c, err := strconv.ParseInt(param, 10, 64); err == nil {
			param = FormatMoney(c, lang)
		}
	}
	is := newIssue("", st.key, lang, "param", param)
	same.keep(st, is)
	return is
}

// sameIssues are the issues of the failed size and numeric steps of one validation: such a
// step says the same thing (key, parameters, message) wherever it fails, and the issues of
// its answers share one (the runts_numero of every member written with a letter: one map and
// one message, not one each). The walk copies an issue before giving it its path.
type sameIssues struct {
	m map[*ruleStep]*Issue
}

func (s *sameIssues) of(st *ruleStep) *Issue {
	if s == nil {
		return nil
	}
	return s.m[st]
}

func (s *sameIssues) keep(st *ruleStep, is *Issue) {
	if s == nil {
		return
	}
	if s.m == nil {
		s.m = map[*ruleStep]*Issue{}
	}
	s.m[st] = is
}

// tagIssue words a failed validator tag: our catalogue by the kind of value ("max.money"),
// else validator's own translation naming the field by its label.
func tagIssue(f *Field, tag, param string, lang Lang, fe validator.FieldError) *Issue {
	kind := tagKind(f.Type)
	if f.Type == TypeMoney {
		if c, err := strconv.ParseInt(param, 10, 64); err == nil {
			param = FormatMoney(c, lang)
		}
	}
	if key := tagMessageKey(tag, kind); key != "" {
		return newIssue("", key, lang, "param", param)
	}
	msg := Message(lang, "rule", map[string]string{"param": tag})
	if fe != nil {
		msg = translateFieldError(fe, f.Label.In(lang), lang)
	}
	return &Issue{Key: "rule." + tag, Params: map[string]string{"param": param}, Message: msg}
}

// ValidateField checks the one answer at path, as the applicant types: its own rules, and
// whether it is shown at all. Cross-field checks wait for Validate. Its cost does not depend on
// the size of the form.
func (c *Call) ValidateField(a Answers, path string, lang Lang) *Issue {
	f := c.Field(path)
	if f == nil {
		return nil
	}
	if p, err := ParsePath(path); err != nil || c.pastMax(p) {
		return nil // an item past repeat.max: only the group's repeat.max issue speaks for it
	}
	if !c.shown(&evalCtx{}, a, path) {
		return nil
	}
	val := a.Get(path)
	if f.Type == TypeGroup {
		items, ok := val.([]any)
		if !ok && val != nil {
			return ptr(typeIssue(f, path, lang))
		}
		return repeatIssue(f, len(items), path, lang)
	}
	is := checkValue(f, val, lang, nil)
	if is == nil && f.from != nil {
		v := &validation{call: c, lang: lang}
		is = v.itemChoiceAt(f, val, path, a)
	}
	if is != nil {
		is.Path = path
	}
	return is
}

// Shown reports whether the field at an answer path is shown: its section's and every
// enclosing field's `when` holds for the answers around it.
func (c *Call) Shown(a Answers, path string) bool {
	return c.shown(&evalCtx{}, a, path)
}

func (c *Call) shown(x *evalCtx, a Answers, path string) bool {
	p, err := ParsePath(path)
	if err != nil || len(p) < 2 {
		return false
	}
	s := c.sectionByID[p[0].Name]
	if s == nil {
		return false
	}
	a, _ = c.boundItems(a) // conditions see what Validate sees
	e := make(env, 1, len(p)+1)
	e[0] = a
	if !x.sectionShown(s, e) {
		return false
	}
	m, _ := a[s.ID].(map[string]any)
	fs := s.Fields
	for _, el := range p[1:] {
		e = append(e, m)
		f := findField(fs, el.Name)
		if f == nil {
			return false
		}
		if !x.fieldShown(f, e) {
			return false
		}
		if el.Index < 0 {
			return true
		}
		items, _ := m[f.ID].([]any)
		if el.Index >= len(items) {
			return true
		}
		m, _ = items[el.Index].(map[string]any)
		fs = f.Fields
	}
	return true
}
