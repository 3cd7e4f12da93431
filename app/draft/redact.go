package draft

// Redaction for support bundles: every personal value of a draft is replaced by a fake that
// every check judges the same way, so the helpdesk sees the applicant's errors, and only them.
//
// What is replaced (a field's type and rules decide, not only its `personal` flag, because a
// call author may forget the flag and free text is personal by default):
//   - text, textarea and email answers: names, addresses, phones, codes, descriptions. Codes
//     get a fake of their kind (redact_fakes.go): codice fiscale, codice fiscale ente and
//     partita IVA, IBAN, PEC and e-mail, RUNTS, CUP; everything else the plain mask (x, X, 0
//     with spaces and punctuation kept), which keeps every length a rule can measure.
//   - dates of fields marked personal (a date of birth): another day of the same year, moved
//     the same way as the birth date inside every codice fiscale of the bundle (see birthDay),
//     so that a check comparing the two (cfBirthDate(rl_cf) == rl_nascita_data) keeps its
//     verdict while the day itself is gone.
//   - answers the call does not know (fields of an older call version, the draft's "aside")
//     and values of the wrong type: strings masked, numbers zeroed, and their keys too (a key
//     can hold anything a file was edited to hold): each gets a placeholder of the same shape
//     (its plain mask, "~2" added when two would coincide); the call version of an answer set
//     aside ("v1:") stays.
//   - choices and multichoice entries that are not options of their field (typed into the file
//     by hand, or an option a call update removed): the same placeholders, never an option,
//     and the verdict that quotes such a value quotes the placeholder. Item ids written by
//     hand ("_id" not of the form i3), and choices naming them, likewise.
//
// What is kept on purpose, and why (the coarse facts):
//   - choices among the options (the legal form of each member, the lines of action, the
//     territories), multichoices, yes/no, declarations, numbers and amounts: the call's own
//     words and figures; conditions and checks compare them, so changing them would change
//     the verdicts the helpdesk must see.
//   - CAP and provincia (fields whose rules hold cap or provincia): a postal area or one of
//     107 provinces identifies nobody once names, addresses and codes are gone, and the
//     helpdesk needs them to explain territorial questions.
//   - the birth year of personal dates (the day moves within the year), and in a codice
//     fiscale the sex (day of birth over 40), since the rest of the code is random: they make
//     "how old", "which form" plausible for the helpdesk.
//   - in a codice fiscale of an entity or a partita IVA, the first digit (8 and 9 mark
//     non-commercial entities) and the office code (digits 8-10: which provincial office
//     issued it), on which the code's validity depends; in an IBAN, the country.
//   - dates that are not personal (the date of a deed, of the application), since their value
//     decides other verdicts (a deadline, the order of two dates).
//   - empty and blank answers: "required" depends on them, and they hide nothing.
//   - the ids of group items (schema.ItemID, "i3"): they name no one, and choices fed by a
//     group's items (optionsFrom) hold them.
//
// Coarsening (BundleOptions.Coarsen, which the applicant may choose in the app and in `bando
// bundle --coarsen`): the birth year moves too (up to 15 years), the sex in codici fiscali is
// drawn at random, provincia and CAP are replaced by others of the same validity. Each still
// goes through the check below, so a verdict that depends on them keeps the original where no
// fake gives it. Choices among the options stay: conditions read them.
//
// Every fake is checked: the field's own verdict (key and parameters, see
// schema.Field.CheckAnswer) on the fake must equal the verdict on the original, else another
// fake is tried and, as a last resort, the plain mask is used. Text that a condition reads is
// faked too, with the same fake for the same value (so equality between answers holds) and
// the same length; the bundle lists any verdict that still changed (Bundle.NotKept).
//
// Randomness: fakes come from ChaCha8 seeded per value with HMAC-SHA256(salt, kind, value).
// The salt is fresh from crypto/rand for every bundle and never written anywhere, so a fake
// cannot be traced back by trying candidate originals; within one bundle the same value always
// gets the same fake. Tests pass a fixed salt to get the same bundle twice.

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"maps"
	mrand "math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"bando/schema"
	"bando/schema/itid"
)

// redactor holds what one redaction needs: the call, the salt, the fields conditions read,
// whether to coarsen the facts kept by default, and the placeholders given so far.
type redactor struct {
	call    *schema.Call
	salt    []byte
	cond    map[*schema.Field]bool
	coarsen bool
	// placeholders maps an original (an unknown key, a choice that is no option, an odd item
	// id) to its placeholder, and used the placeholders taken, so that equal originals get
	// equal placeholders and different ones different placeholders.
	placeholders map[string]string
	used         map[string]bool
}

func newRedactor(c *schema.Call, salt []byte, coarsen bool) *redactor {
	if len(salt) == 0 {
		salt = make([]byte, 32)
		_, _ = rand.Read(salt) // never fails (crypto/rand panics rather than return an error)
	}
	return &redactor{call: c, salt: salt, cond: c.ConditionFields(), coarsen: coarsen,
		placeholders: map[string]string{}, used: map[string]bool{}}
}

// Redact returns a copy of a with every personal value replaced as described above; a is not
// changed. salt keys the fakes: nil means a fresh random salt.
func Redact(c *schema.Call, a schema.Answers, salt []byte) schema.Answers {
	return newRedactor(c, salt, false).answers(a)
}

func (r *redactor) answers(a schema.Answers) schema.Answers {
	out := a.Clone()
	for _, id := range slices.Sorted(maps.Keys(out)) {
		v := out[id]
		s := r.call.Section(id)
		m, ok := v.(map[string]any)
		if s == nil || !ok {
			delete(out, id)
			out[r.placeholder(id, nil)] = r.maskAny(v)
			continue
		}
		r.container(s.Fields, m)
	}
	return out
}

// placeholder returns the placeholder of an original text: its plain mask (x, X, 0; marks
// kept), so its shape shows, followed by "~n" when another original has that mask already or
// when taken(mask) (a choice's option) is true.
func (r *redactor) placeholder(s string, taken func(string) bool) string {
	if p, ok := r.placeholders[s]; ok {
		return p
	}
	base := fakeText(s, nil)
	p := base
	for n := 2; r.used[p] || taken != nil && taken(p); n++ {
		p = base + "~" + strconv.Itoa(n)
	}
	r.placeholders[s], r.used[p] = p, true
	return p
}

// maskAny redacts a value nothing describes, keys of objects included (see the function
// maskAny for values).
func (r *redactor) maskAny(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = r.maskAny(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for _, k := range slices.Sorted(maps.Keys(x)) {
			out[r.placeholder(k, nil)] = r.maskAny(x[k])
		}
		return out
	}
	return maskAny(v)
}

// aside redacts the answers a call update set aside: keys are "v1:path" (the call version and
// where the answer was); the version stays, the path and the value are masked.
func (r *redactor) aside(a map[string]any) map[string]any {
	out := make(map[string]any, len(a))
	for _, k := range slices.Sorted(maps.Keys(a)) {
		key := k
		if ver, path, ok := strings.Cut(k, ":"); ok && asideVersion.MatchString(ver) {
			key = ver + ":" + r.placeholder(path, nil)
		} else {
			key = r.placeholder(k, nil)
		}
		out[key] = r.maskAny(a[k])
	}
	return out
}

var (
	asideVersion = regexp.MustCompile(`^v[0-9]{1,9}$`)
	// itemIDShape is the shape of the item ids AssignItemIDs gives; anything else in an _id
	// was written by hand and is masked.
	itemIDShape = regexp.MustCompile(`^i[0-9]{1,9}$`)
)

// itemID returns the id of an item as the bundle shows it, the same for the choices naming it.
func (r *redactor) itemID(s string) string {
	if itemIDShape.MatchString(s) {
		return s
	}
	return r.placeholder(s, nil)
}

// verdicts returns the recorded verdicts with every answer they quote (the "value" of a
// choice that is no option) replaced by the placeholder the answer got.
func (r *redactor) verdicts(vs []Verdict) []Verdict {
	out := make([]Verdict, len(vs))
	for i, v := range vs {
		if val, ok := v.Params["value"]; ok && !itemIDShape.MatchString(val) { // an item's id names no one
			v.Params = maps.Clone(v.Params)
			p, seen := r.placeholders[val]
			if !seen {
				p = r.placeholder(val, nil)
			}
			v.Params["value"] = p
		}
		out[i] = v
	}
	return out
}

// container redacts, in place, the answers of one section or group item.
func (r *redactor) container(fs []*schema.Field, m map[string]any) {
	for _, id := range slices.Sorted(maps.Keys(m)) {
		v := m[id]
		f := findField(fs, id)
		switch {
		case id == schema.ItemID:
			// an item's id ("i3") says nothing about anyone, and choices that name the
			// item must still find it in the bundle; one written by hand is masked
			if s, ok := v.(string); ok {
				m[id] = r.itemID(s)
			} else {
				m[id] = maskAny(v)
			}
		case f == nil:
			delete(m, id)
			m[r.placeholder(id, nil)] = r.maskAny(v)
		case f.Type == schema.TypeComputed: // a computed field has no answer
			m[id] = r.maskAny(v)
		case f.Type == schema.TypeGroup:
			items, ok := v.([]any)
			if !ok {
				m[id] = maskAny(v)
				continue
			}
			for i, it := range items {
				if im, ok := it.(map[string]any); ok {
					r.container(f.Fields, im)
				} else {
					items[i] = maskAny(it)
				}
			}
		default:
			m[id] = r.value(f, v)
		}
	}
}

func findField(fs []*schema.Field, id string) *schema.Field {
	for _, f := range fs {
		if f.ID == id {
			return f
		}
	}
	return nil
}

// value returns the answer v of field f as the bundle shows it.
func (r *redactor) value(f *schema.Field, v any) any {
	s, isString := v.(string)
	switch f.Type {
	case schema.TypeChoice:
		if isString {
			return r.choice(f, s)
		}
	case schema.TypeMultiChoice:
		if l, ok := v.([]any); ok && allStrings(l) {
			out := make([]any, len(l))
			for i, x := range l {
				out[i] = r.choice(f, x.(string))
			}
			return out
		}
	case schema.TypeBoolean, schema.TypeDeclaration:
		if _, ok := v.(bool); ok {
			return v
		}
	case schema.TypeNumber, schema.TypeMoney:
		switch v.(type) {
		case int64, float64, int:
			return v
		}
	case schema.TypeDate:
		t, err := time.Parse(time.DateOnly, s)
		if isString && err == nil && !f.Personal {
			return v
		}
		if isString && err == nil {
			// A date of birth moves as the birth date inside every codice fiscale does (see
			// birthDay), so a check comparing the two judges the fakes as the originals.
			if x := r.birthDay(t).Format(time.DateOnly); sameIssue(f.CheckAnswer(x, schema.IT), f.CheckAnswer(s, schema.IT)) {
				return x
			}
		}
	default:
		if isString && keptByRules(f) && !r.coarsen {
			return v
		}
	}
	if !isString {
		return maskAny(v)
	}
	if strings.TrimSpace(s) == "" {
		return s
	}
	return r.fake(f, s)
}

// choice returns a choice as the bundle shows it: an option is the call's own word and stays;
// anything else (typed by hand into the file, or an option a call update removed) may be
// personal and gets a placeholder that is no option.
func (r *redactor) choice(f *schema.Field, s string) string {
	if _, ok := f.Option(s); ok {
		return s
	}
	if f.OptionsFrom != nil {
		return r.itemID(s)
	}
	if strings.TrimSpace(s) == "" {
		return s
	}
	return r.placeholder(s, func(p string) bool { _, ok := f.Option(p); return ok })
}

// fake returns a fake of s that keeps f's verdict: each kind of fake that fits the field, a
// few random tries each, then the plain mask. A fake equal to the original (a RUNTS section
// letter drawn again, a code of zeros) is taken only when no try gives another.
func (r *redactor) fake(f *schema.Field, s string) string {
	const tries = 4
	want := f.CheckAnswer(s, schema.IT)
	// The plain mask makes different texts equal ("Anna", "Ezio": "Xxxx"): fine for a field
	// nothing compares, wrong for one a condition reads.
	plain := !r.cond[f]
	same := ""
	for _, k := range r.fakesFor(f) {
		for try := 0; try < tries; try++ {
			var rnd *mrand.Rand
			if try > 0 || !k.plainFirst || !plain {
				rnd = r.rand(k.name, s, try)
			}
			x := k.fake(s, rnd)
			switch {
			case !sameIssue(f.CheckAnswer(x, schema.IT), want):
			case x != s:
				return x
			case same == "":
				same = x
			}
		}
	}
	if same != "" {
		return same
	}
	return fakeText(s, nil)
}

// birthDay moves a date of birth to another day, the same way for every value of one bundle:
// the days of each year are rotated by an offset drawn from the salt (never 0), and when the
// applicant coarsens, the year moves too, by a number of years drawn once per bundle (1 to 15,
// never past latest, the year the call reads two-digit years up to). Dates of birth and the
// birth dates inside codici fiscali go through it alike, so a check such as
// cfBirthDate(rl_cf) == rl_nascita_data gives the fakes the verdict it gives the originals,
// while neither the day nor its distance to another birthday survives. Dates of one year stay
// different (a rotation is one to one) but not in order.
func (r *redactor) birthDay(t time.Time) time.Time {
	year := t.Year()
	if r.coarsen {
		shift := 1 + r.rand("birth-year", "", 0).IntN(15)
		if year+shift > r.latestYear() {
			shift = -shift
		}
		year += shift
	}
	first := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(first.AddDate(1, 0, 0).Sub(first).Hours() / 24) // 365 or 366
	off := 1 + r.rand("birth-day", strconv.Itoa(year), 0).IntN(days-1)
	return first.AddDate(0, 0, (t.YearDay()-1+off)%days)
}

// latestYear is the year of the call's deadline: checks read the two digits of a year in a
// codice fiscale as the latest year not after it (see itid.CFBirthOf).
func (r *redactor) latestYear() int {
	if t, err := time.Parse(time.DateOnly, r.call.Submission.Deadline); err == nil {
		return t.Year()
	}
	return 9999
}

// birthOf is birthDay for the birth date a valid personal codice fiscale holds; ok is false
// for a code that holds none.
func (r *redactor) birthOf(cf string) (t time.Time, ok bool) {
	b, ok := itid.CFBirthOf(cf, r.latestYear())
	if !ok {
		return time.Time{}, false
	}
	t = time.Date(b.Year, time.Month(b.Month), b.Day, 0, 0, 0, 0, time.UTC)
	if t.Day() != b.Day { // 29 February of a common year: no date to move
		return time.Time{}, false
	}
	return r.birthDay(t), true
}

// rand returns the random source for one value and try: keyed by the salt, so equal values
// get equal fakes in one bundle and nothing links a fake to its original across bundles.
func (r *redactor) rand(kind, s string, try int) *mrand.Rand {
	h := hmac.New(sha256.New, r.salt)
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write([]byte(s))
	h.Write([]byte{0, byte(try)})
	var seed [32]byte
	copy(seed[:], h.Sum(nil))
	return mrand.New(mrand.NewChaCha8(seed))
}

// fakeKind is one way to fake a value. plainFirst: the first try uses the plain form (rnd nil).
type fakeKind struct {
	name       string
	fake       func(string, *mrand.Rand) string
	plainFirst bool
}

var (
	kindText = fakeKind{"text", fakeText, true}
	kindDate = fakeKind{"date", fakeDate, false}
	// kindDateCoarse comes first when the applicant coarsens: the year changes too.
	kindDateCoarse = fakeKind{"date-coarse", fakeDateCoarse, false}
	kindAddress    = fakeKind{"address", fakeAddress, false}
	// fakesByTag are the fakes of our Italian rule tags; cap and provincia are kept (see above).
	fakesByTag = map[string]fakeKind{
		"cf":      {"cf", fakeCF, false},
		"cf_ente": {"eleven", fakeEleven, false},
		"piva":    {"eleven", fakeEleven, false},
		"iban":    {"iban", fakeIBAN, false},
		"pec":     kindAddress,
		"runts":   {"runts", fakeRUNTS, false},
		"cup":     {"cup", fakeShape, false},
	}
)

// fakesFor lists the fakes to try for field f: those of its rule tags (all alternatives of an
// OR-list such as cf|piva), then by type, then the plain mask. Coarsening puts first the fakes
// that change the facts kept otherwise (sex, birth year, provincia, CAP).
func (r *redactor) fakesFor(f *schema.Field) []fakeKind {
	var out []fakeKind
	for _, tag := range ruleTags(f.Rules) {
		if k, ok := coarseByTag[tag]; ok && r.coarsen {
			out = append(out, k)
		}
		if tag == "cf" {
			keepSex := !r.coarsen
			out = append(out, fakeKind{"cf-born", func(s string, rnd *mrand.Rand) string { return fakeCFBorn(s, rnd, keepSex, r.birthOf) }, false})
		}
		if k, ok := fakesByTag[tag]; ok {
			out = append(out, k)
		}
	}
	switch f.Type {
	case schema.TypeEmail:
		out = append(out, kindAddress)
	case schema.TypeDate:
		if r.coarsen {
			out = append(out, kindDateCoarse)
		}
		out = append(out, kindDate)
	}
	return append(out, kindText)
}

// coarseByTag are the fakes coarsening adds in front of fakesByTag (a codice fiscale is
// coarsened by cf-born itself, see fakesFor).
var coarseByTag = map[string]fakeKind{
	"cap":       {"cap", fakeShape, false},
	"provincia": {"provincia", fakeProvincia, false},
}

// keptByRules reports whether a text field holds a CAP or a provincia and nothing more
// personal.
func keptByRules(f *schema.Field) bool {
	kept := false
	for _, tag := range ruleTags(f.Rules) {
		if _, personal := fakesByTag[tag]; personal {
			return false
		}
		kept = kept || tag == "cap" || tag == "provincia"
	}
	return kept
}

// ruleTags returns the tag names of a rules string, OR-lists split: "required,cf|piva" gives
// required, cf, piva.
func ruleTags(rules string) []string {
	var out []string
	for _, raw := range strings.Split(rules, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(raw), "=")
		out = append(out, strings.Split(tag, "|")...)
	}
	return out
}

func allStrings(l []any) bool {
	for _, x := range l {
		if _, ok := x.(string); !ok {
			return false
		}
	}
	return true
}

func sameIssue(a, b *schema.Issue) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Key == b.Key && maps.Equal(a.Params, b.Params)
}

// maskAny redacts a value nothing describes: strings get the plain mask, numbers become zero
// (of the same type, so a wrong-type verdict stays), yes/no stays, lists and objects are
// redacted inside.
func maskAny(v any) any {
	switch x := v.(type) {
	case string:
		return fakeText(x, nil)
	case int64:
		return int64(0)
	case float64:
		return float64(0)
	case int:
		return 0
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = maskAny(e)
		}
		return out
	case []string:
		out := make([]string, len(x))
		for i, e := range x {
			out[i] = fakeText(e, nil)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = maskAny(e)
		}
		return out
	}
	return v
}
