package schema

import "testing"

// TestNumericAsValidator: the numeric tag checked without validator answers as validator does,
// on texts, numbers and amounts.
func TestNumericAsValidator(t *testing.T) {
	texts := []string{
		"0", "7", "104587", "-3", "+3", "3.5", "-3.50", "+0.0",
		"", "-", "+", ".", "3.", ".5", "3..5", "3.5.1", "1e5", "0x1F", "12 34", " 12", "12 ",
		"１２", "B/104587", "12a", "--1", "+-1", "1,5", "٣", "1\n", "\n1", "1.\n5",
	}
	for _, s := range texts {
		v := value{s: s}
		got := holdsNumeric(TypeText, &v)
		want := theValidator().Var(s, "numeric") == nil
		if got != want {
			t.Errorf("numeric %q: got %v, validator says %v", s, got, want)
		}
	}
	for _, tc := range []struct {
		typ FieldType
		v   value
	}{
		{TypeNumber, value{num: -2.5}},
		{TypeMoney, value{cents: 1200}},
	} {
		got := holdsNumeric(tc.typ, &tc.v)
		want := theValidator().Var(tc.v.boxed(tc.typ), "numeric") == nil
		if got != want {
			t.Errorf("numeric on %s: got %v, validator says %v", tc.typ, got, want)
		}
	}
}

// FuzzNumericAsValidator: for any text, the numeric tag without validator agrees with it.
func FuzzNumericAsValidator(f *testing.F) {
	for _, s := range []string{"12", "-3.50", "3.", "1e5", "+", "٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := value{s: s}
		if got, want := holdsNumeric(TypeText, &v), theValidator().Var(s, "numeric") == nil; got != want {
			t.Errorf("numeric %q: got %v, validator says %v", s, got, want)
		}
	})
}
