package schema

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"bando/schema/itid"

	"github.com/go-playground/validator/v10"
)

// ownTags are our Italian checks, registered as validator tags so that a call can write
// `rules: "required,cf"` or `"cf|piva"`. Outside OR-lists we call them directly: that keeps the
// reason (checksum, length…) for a precise message, and skips reflection on every keystroke.
var ownTags = map[string]func(string) error{
	"cf":        itid.CodiceFiscale,
	"cf_ente":   itid.CodiceFiscaleEnte,
	"piva":      itid.PartitaIVA,
	"iban":      itid.IBAN,
	"pec":       itid.PEC,
	"runts":     itid.RUNTS,
	"cup":       itid.CUP,
	"cap":       itid.CAP,
	"provincia": itid.Provincia,
}

// OwnTags returns the names of the validator tags this package registers, sorted.
func OwnTags() []string {
	return []string{"cap", "cf", "cf_ente", "cup", "iban", "pec", "piva", "provincia", "runts"}
}

// RegisterTags registers our Italian tags on v, for programs that use validator directly.
func RegisterTags(v *validator.Validate) error {
	for tag, check := range ownTags {
		check := check
		err := v.RegisterValidation(tag, func(fl validator.FieldLevel) bool {
			f := fl.Field()
			return f.Kind() == reflect.String && check(f.String()) == nil
		})
		if err != nil {
			return fmt.Errorf("schema: register %s: %w", tag, err)
		}
	}
	return nil
}

var (
	validateOnce sync.Once
	validate     *validator.Validate
)

// theValidator is built on first use: building it costs start-up time
// in the browser, and a page that only shows a draft does not need it.
func theValidator() *validator.Validate {
	validateOnce.Do(func() {
		v := validator.New(validator.WithRequiredStructEnabled())
		if err := RegisterTags(v); err != nil {
			panic(err) // a programming error: tag names are constants
		}
		validate = v
	})
	return validate
}

// refused are validator tags that make no sense for one answer: they compare struct fields or
// walk into structs. Conditions between answers are written as `when` or `checks` instead.
var refused = map[string]Text{
	"dive": {}, "keys": {}, "endkeys": {}, "structonly": {}, "nostructlevel": {}, "-": {},
	"omitnil": {}, "omitzero": {}, "isdefault": {},
	// validateFn calls a method chosen by name at run time: the wasm builds drop it
	// (build tag validator_novalidatefn), because such a lookup makes the linker keep every
	// exported method of every type, 0.36 MB of brotli. An answer has no methods anyway.
	"validateFn": {IT: "chiama un metodo del valore, e una risposta non ne ha", EN: "it calls a method of the value, and an answer has none"},

	// Checks that read the disk or ask the network of the machine that runs them: in the
	// browser and on the server they would judge the same answer differently. The wasm builds
	// leave them out (scripts/wasmoverlay, whose test keeps this list complete).
	"file": onTheMachine, "filepath": onTheMachine, "dir": onTheMachine, "dirpath": onTheMachine,
	"image": onTheMachine, "mimetype": onTheMachine, "uds_exists": onTheMachine,
	"ip_addr": onTheNetwork, "ip4_addr": onTheNetwork, "ip6_addr": onTheNetwork,
	"tcp_addr": onTheNetwork, "tcp4_addr": onTheNetwork, "tcp6_addr": onTheNetwork,
	"udp_addr": onTheNetwork, "udp4_addr": onTheNetwork, "udp6_addr": onTheNetwork, "unix_addr": onTheNetwork,
	// Checks whose tables weigh on every applicant's first download (BCP 47 language tags,
	// URNs, Keccak for Ethereum addresses) and that no call for proposals asks for.
	"bcp47_language_tag": notInBrowser, "bcp47_strict_language_tag": notInBrowser,
	"urn_rfc2141": notInBrowser, "urn_rfc8141": notInBrowser, "eth_addr_checksum": notInBrowser,
}

var (
	onTheMachine = Text{
		IT: "legge file del computer che controlla la risposta, quindi browser e server darebbero esiti diversi",
		EN: "it reads files of the computer that checks the answer, so the browser and the server would disagree",
	}
	onTheNetwork = Text{
		IT: "interroga la rete (DNS) del computer che controlla la risposta, quindi browser e server darebbero esiti diversi",
		EN: "it asks the network (DNS) of the computer that checks the answer, so the browser and the server would disagree",
	}
	notInBrowser = Text{
		IT: "la versione dell'app per il browser non lo contiene, per restare leggera; nessun bando ne ha bisogno",
		EN: "the browser version of the app leaves it out to stay small; no call needs it",
	}
)

// ruleError says, in Italian and English, why a rules string does not compile.
type ruleError struct{ Text }

func (e *ruleError) Error() string { return e.EN }

func ruleErrf(it, en string, args ...any) error {
	return &ruleError{Text{IT: fmt.Sprintf(it, args...), EN: fmt.Sprintf(en, args...)}}
}

func refusedTag(tag string) bool {
	if _, ok := refused[tag]; ok {
		return true
	}
	return strings.HasSuffix(tag, "field") || strings.HasPrefix(tag, "required_") ||
		strings.HasPrefix(tag, "excluded_") || strings.HasPrefix(tag, "skip_unless")
}

// rule is a compiled `rules` string.
type rule struct {
	src      string
	required bool
	steps    []ruleStep
}

type ruleStep struct {
	tag   string // tag name, or the whole OR-list "cf|piva"
	param string
	own   func(string) error // our Italian check, called directly
	size  *sizeRule          // a size tag compiled here
	// numeric: validator's numeric tag, checked here without its regular expression.
	numeric bool
	// key is the catalogue's message for a size or numeric tag that fails on this field's
	// type (see tagIssue), found once here; "" when validator's own words are needed.
	key string
	raw string // element passed to validator.Var
}

// compileRule splits and checks a rules string once, at load time, for a field of type t.
// Every validator tag is tried on a sample value so that an unknown tag or a bad parameter
// (which validator reports by panicking) becomes a lint error instead of a crash in the form.
func compileRule(src string, t FieldType) (*rule, error) {
	r := &rule{src: src}
	if strings.TrimSpace(src) == "" {
		return r, nil
	}
	if t == TypeGroup {
		return nil, ruleErrf("un gruppo non ha regole: usa repeat {min, max}", "a group takes no rules: use repeat {min, max}")
	}
	for _, raw := range strings.Split(src, ",") {
		raw = strings.TrimSpace(raw)
		tag, param, _ := strings.Cut(raw, "=")
		switch {
		case raw == "":
			return nil, ruleErrf("regola vuota tra due virgole", "empty rule between commas")
		case tag == "required":
			if param != "" {
				return nil, ruleErrf("required non ha parametri", "required takes no parameter")
			}
			r.required = true
			continue
		case tag == "omitempty":
			continue // empty optional answers are never checked anyway
		}
		// Each alternative of an OR list ("alpha|max=zz") is checked and tried on its own:
		// validator stops at the first one that holds, so trying the list whole would leave a
		// later alternative's bad parameter to panic in Validate, on the applicant's answer.
		alts := strings.Split(raw, "|")
		for _, alt := range alts {
			atag, aparam, _ := strings.Cut(strings.TrimSpace(alt), "=")
			if atag == "" {
				return nil, ruleErrf("alternativa vuota in %q: scrivi le alternative come cf|piva", "empty alternative in %q: write alternatives as cf|piva", raw)
			}
			if why := refused[atag]; why.EN != "" {
				return nil, &ruleError{Text{IT: fmt.Sprintf("%q non si può usare: %s", atag, why.IT), EN: fmt.Sprintf("%q cannot be used: %s", atag, why.EN)}}
			}
			if refusedTag(atag) {
				return nil, ruleErrf("%q confronta o attraversa campi di una struttura: scrivi la condizione come `when` o in `checks`", "%q compares or walks struct fields: write the condition as `when` or in `checks`", atag)
			}
			if _, own := ownTags[atag]; own {
				if aparam != "" {
					return nil, ruleErrf("%s non ha parametri", "%s takes no parameter", atag)
				}
				if !isTextual(t) {
					return nil, ruleErrf("%s vale per i campi di testo, non per %s", "%s applies to text fields, not %s", atag, t)
				}
				continue
			}
			if err := tryTag(strings.TrimSpace(alt), t); err != nil {
				return nil, err
			}
			if err := checkParam(atag, aparam, t); err != nil {
				return nil, err
			}
		}
		st := ruleStep{tag: tag, param: param, raw: raw}
		if check, ok := ownTags[tag]; ok && len(alts) == 1 {
			st.own = check
		} else if len(alts) == 1 && t != TypeBoolean && t != TypeDeclaration {
			st.size = compileSize(tag, param)
			st.numeric = tag == "numeric" && param == "" && t != TypeMultiChoice && hasTagMessage(tag, t)
			if st.size != nil || st.numeric {
				st.key = tagMessageKey(tag, tagKind(t))
			}
		}
		r.steps = append(r.steps, st)
	}
	return r, nil
}

func isTextual(t FieldType) bool {
	switch t {
	case TypeText, TypeTextArea, TypeEmail, TypeDate, TypeChoice:
		return true
	}
	return false
}

func tryTag(raw string, t FieldType) (err error) {
	defer func() {
		if p := recover(); p != nil {
			msg := fmt.Sprint(p)
			if strings.Contains(msg, "Undefined validation function") {
				err = ruleErrf("regola sconosciuta %q: non è un tag di validator né uno dei nostri (%s)", "unknown rule %q: not a validator tag nor one of ours (%s)", raw, strings.Join(OwnTags(), ", "))
				return
			}
			// validator's own words (its panic) are English: the Italian says what matters.
			err = &ruleError{Text{
				IT: fmt.Sprintf("la regola %q non vale per un campo di tipo %s: il parametro è sbagliato o la regola non è adatta a questo tipo", raw, t),
				EN: fmt.Sprintf("rule %q cannot apply to a %s field: %s", raw, t, msg),
			}}
		}
	}()
	_ = theValidator().Var(sampleValue(t), raw)
	return nil
}

// sampleValue is a value of the Go type Validate passes to validator for a field type.
func sampleValue(t FieldType) any {
	switch t {
	case TypeNumber:
		return float64(1)
	case TypeMoney:
		return int64(1)
	case TypeBoolean, TypeDeclaration:
		return true
	case TypeMultiChoice:
		return []string{"x"}
	}
	return "x"
}
