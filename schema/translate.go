package schema

//go:generate go run ./internal/genvalidatormsg -o validator_messages_gen.go

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"
)

// validator's own messages cover the tags our catalogue does not (a call may use any validator
// tag). They come from validator's translations/it and /en, copied into a generated table
// (validator_messages_gen.go) rather than registered through universal-translator: the
// translator, its locale tables and the two translation packages weighed ≈0.45 MB of the
// browser download (issue #6) to render about a hundred fixed sentences. The table test
// (validator_messages_test.go) renders every tag both ways and requires the same text.

// sizeTexts are the texts of one size tag in one language; see validatorSizeTexts.
type sizeTexts struct {
	str, strOne, strOther, items, itemsOne, itemsOther, number, datetime string
}

// translateFieldError renders fe with validator's translation, naming the field by its label:
// validator.Var errors have no field name, so its "{0}" placeholder comes out empty.
func translateFieldError(fe validator.FieldError, label string, lang Lang) string {
	msg, ok := validatorMessage(fe, lang)
	if !ok || msg == "" {
		return Message(lang, "rule", map[string]string{"param": fe.Tag()})
	}
	if strings.HasPrefix(msg, " ") {
		msg = label + msg
	}
	return msg
}

// validatorMessage is what fe.Translate gave with validator's it or en translator, or false
// where that gave fe.Error() (no text for the tag, or a parameter it could not read).
func validatorMessage(fe validator.FieldError, lang Lang) (string, bool) {
	i := 0
	if lang == EN {
		i = 1
	}
	// As fe.Translate: the tag, then the actual tag (an alias's expansion).
	for _, tag := range []string{fe.Tag(), fe.ActualTag()} {
		if t, ok := validatorTexts[tag]; ok && t[i] != "" {
			return fillText(t[i], fe.Field(), fe.Param()), true
		}
		if s, ok := validatorSizeTexts[tag]; ok && s[i].number != "" {
			return s[i].render(fe, lang)
		}
	}
	return "", false
}

// fillText puts the field and the parameter in place of {0} and {1}, in one pass as
// universal-translator does (a parameter holding "{0}" stays as it is).
func fillText(text, field, param string) string {
	return strings.NewReplacer("{0}", field, "{1}", param).Replace(text)
}

// render follows the translation functions of validator's size tags: text is measured in
// characters, lists in items, numbers by value, time.Time against now; the parameter is
// written as a number of the language with as many decimals as it was given with.
func (s *sizeTexts) render(fe validator.FieldError, lang Lang) (string, bool) {
	kind := fe.Kind()
	if kind == reflect.Ptr {
		kind = fe.Type().Elem().Kind()
	}
	if kind == reflect.Struct && s.datetime != "" { // lt, lte, gt, gte
		if fe.Type() != reflect.TypeOf(time.Time{}) {
			return "", false
		}
		return fillText(s.datetime, fe.Field(), ""), true
	}
	param := fe.Param()
	var digits uint64
	if i := strings.Index(param, "."); i != -1 {
		digits = uint64(len(param[i+1:]))
	}
	f, err := strconv.ParseFloat(param, 64)
	if err != nil {
		return "", false
	}
	n := formatNumber(f, digits, lang)
	switch kind {
	case reflect.String: // "{0} caratteri": the one placeholder of a cardinal text
		return fillText(s.str, fe.Field(), strings.Replace(plural(f, digits, s.strOne, s.strOther), "{0}", n, 1)), true
	case reflect.Slice, reflect.Map, reflect.Array:
		return fillText(s.items, fe.Field(), strings.Replace(plural(f, digits, s.itemsOne, s.itemsOther), "{0}", n, 1)), true
	}
	return fillText(s.number, fe.Field(), n), true
}

// plural picks the cardinal form, by the rule of both it and en in go-playground/locales:
// "one" for an integer part of 1 written without decimals.
func plural(f float64, digits uint64, one, other string) string {
	if int64(math.Abs(f)) == 1 && digits == 0 {
		return one
	}
	return other
}

// formatNumber is go-playground/locales' FmtNumber for it (1.234,5) and en (1,234.5).
func formatNumber(num float64, v uint64, lang Lang) string {
	decimal, group := byte(','), byte('.')
	if lang == EN {
		decimal, group = '.', ','
	}
	s := strconv.FormatFloat(math.Abs(num), 'f', int(v), 64)
	count := 0
	inWhole := v == 0
	b := make([]byte, 0, len(s)+len(s)/3+2)
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			b = append(b, decimal)
			inWhole = true
			continue
		}
		if inWhole {
			if count == 3 {
				b = append(b, group)
				count = 1
			} else {
				count++
			}
		}
		b = append(b, s[i])
	}
	if num < 0 {
		b = append(b, '-')
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}
