package schema

import (
	"fmt"
	"strconv"
	"strings"
)

// Money is in integer euro cents everywhere: sums of budget lines must be exact.

// FormatMoney writes cents as "€ 1.234,50" in Italian and "€1,234.50" in English.
func FormatMoney(cents int64, lang Lang) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	decimal := ","
	if lang == EN {
		decimal = "."
	}
	s := fmt.Sprintf("%s%s%02d", GroupDigits(cents/100, lang), decimal, cents%100)
	sign := ""
	if neg {
		sign = "-"
	}
	if lang == EN {
		return sign + "€" + s
	}
	return sign + "€ " + s
}

// ParseMoney reads an amount as people type it: "1.234,50", "1234,5", "€ 1 234", "1234.50",
// "1,234.50". A dot followed by exactly three digits is a thousands separator (Italian habit);
// otherwise the last dot or comma with one or two digits after it is the decimal mark.
func ParseMoney(s string) (int64, error) {
	t := strings.TrimSpace(s)
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimSpace(strings.TrimPrefix(t, "-"))
	t = strings.TrimPrefix(t, "€")
	t = strings.TrimSuffix(t, "€")
	t = strings.TrimSuffix(strings.TrimSpace(t), "EUR")
	t = strings.NewReplacer(" ", "", "\u00a0", "", "'", "", "\u2019", "").Replace(t)
	if strings.HasPrefix(t, "-") {
		neg, t = !neg, t[1:]
	}
	if t == "" {
		return 0, fmt.Errorf("empty amount")
	}
	intPart, frac := t, ""
	if i := strings.LastIndexAny(t, ".,"); i >= 0 {
		switch after := t[i+1:]; len(after) {
		case 1, 2:
			intPart, frac = t[:i], after
		case 3: // a thousands separator, "1.234" or "1,234", unless the other mark came first
			other := ","
			if t[i] == ',' {
				other = "."
			}
			if strings.Contains(t[:i], other) {
				return 0, fmt.Errorf("amount %q: at most two decimals", s)
			}
		default:
			return 0, fmt.Errorf("amount %q: at most two decimals", s)
		}
	}
	intPart = strings.NewReplacer(".", "", ",", "").Replace(intPart)
	if intPart == "" {
		intPart = "0"
	}
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("amount %q: unexpected %q", s, c)
		}
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("amount %q: too many decimals", s)
	}
	if len(intPart) > 15 {
		return 0, fmt.Errorf("amount %q: too large", s)
	}
	euros, _ := strconv.ParseInt(intPart, 10, 64)
	cents := int64(0)
	if frac != "" {
		c, _ := strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			c *= 10
		}
		cents = c
	}
	v := euros*100 + cents
	if neg {
		v = -v
	}
	return v, nil
}

// GroupDigits writes an integer with thousands separators: "12.345" in Italian, "12,345" in English.
func GroupDigits(n int64, lang Lang) string {
	s := strconv.FormatInt(n, 10)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	sep := "."
	if lang == EN {
		sep = ","
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Cents reads a money answer: int64 from a decoded draft, int or an integral float64 from
// code that built answers by hand.
func Cents(v any) (int64, bool) { return toCents(v) }
