package schema

import (
	"math"
	"strconv"
)

// sizeTags are validator's tags whose parameter is a number: a length for text (in
// characters) and for lists (in entries), a value for numbers and amounts. eq and ne compare
// text with their parameter as text, so on text they are not sizes.
var sizeTags = map[string]bool{
	"len": true, "min": true, "max": true, "eq": true, "ne": true,
	"gt": true, "gte": true, "lt": true, "lte": true,
}

// checkParam refuses a size tag's parameter that validator would accept but that makes no
// sense for a field of type t: a negative length (len=-1 never holds, min=-1 always does), a
// length written as anything but digits (validator reads 0x10 as 16), a bound that is not a
// finite number (max=NaN never holds), an amount that is not whole cents. validator itself
// panics on the parameters it cannot read at all: tryTag turns that into a lint error first.
func checkParam(tag, param string, t FieldType) error {
	if !sizeTags[tag] {
		return nil
	}
	switch t {
	case TypeBoolean, TypeDeclaration:
		return nil // eq=true: validator reads a bool
	case TypeNumber:
		f, err := strconv.ParseFloat(param, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || !plainNumber(param) {
			return ruleErrf("il parametro di %s=%s deve essere un numero finito, scritto con cifre (es. %s=10 o %s=2.5)",
				"the parameter of %s=%s must be a finite number written in digits (e.g. %s=10 or %s=2.5)", tag, param, tag, tag)
		}
		return nil
	case TypeMoney:
		if _, err := strconv.ParseInt(param, 10, 64); err != nil || !plainNumber(param) {
			return ruleErrf("il parametro di %s=%s deve essere un importo intero in centesimi (es. %s=246400000 per 2.464.000 euro)",
				"the parameter of %s=%s must be a whole amount in cents (e.g. %s=246400000 for 2,464,000 euros)", tag, param, tag)
		}
		return nil
	case TypeMultiChoice:
	default:
		if tag == "eq" || tag == "ne" {
			return nil // text compared with text
		}
	}
	n, err := strconv.Atoi(param)
	switch {
	case err == nil && n < 0:
		return ruleErrf("%s=%s chiede una lunghezza negativa: una lunghezza (caratteri o voci) va da 0 in su",
			"%s=%s asks for a negative length: a length (characters or entries) is 0 or more", tag, param)
	case err != nil || !plainNumber(param) || param[0] == '-' || param[0] == '+':
		return ruleErrf("il parametro di %s=%s deve essere un numero intero da 0 in su (caratteri o voci)",
			"the parameter of %s=%s must be a whole number from 0 up (characters or entries)", tag, param)
	}
	return nil
}

// plainNumber: digits, an optional sign, point and exponent; no hexadecimal, no underscores,
// no words (validator would read 0x10, 1_000 and, for numbers, Inf and NaN).
func plainNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
			return false
		}
	}
	return true
}
