package expr

import (
	"strings"
	"testing"
	"time"
)

// toyNames types one-step paths for the table below.
func toyNames(p *Path) (Type, error) {
	types := map[string]Type{
		"n": Of(Number), "m": Of(Money), "t": Of(Text), "d": Of(Date), "b": Of(Bool),
		"ln": ListOf(Number), "lm": ListOf(Money), "lt": ListOf(Text), "lb": ListOf(Bool), "ld": ListOf(Date), "items": ListOf(Item),
	}
	t, ok := types[p.Steps[0].Name]
	if !ok || len(p.Steps) > 1 {
		return Type{}, Errorf(p.Pos(), "nome sconosciuto", "unknown name")
	}
	return t, nil
}

func TestCheck(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"number literal", `1`, "number"},
		{"null", `null`, "no value"},
		{"comparison", `n < 3`, "true/false"},
		{"money plus money", `m + m`, "amount"},
		{"money plus a literal", `m + 100`, "amount"},
		{"literal minus money", `100 - m`, "amount"},
		{"money times number", `m * n`, "amount"},
		{"number times money", `2 * m`, "amount"},
		{"money divided by number", `m / 4`, "amount"},
		{"money divided by money", `m / m`, "number"},
		{"literals stay numbers", `1 + 2 * 3`, "number"},
		{"no answer in arithmetic", `null + m`, "amount"},
		{"money against cents", `m <= 246400000`, "true/false"},
		{"date against a literal", `d < "2024-03-04"`, "true/false"},
		{"date against null", `d == null`, "true/false"},
		{"sum of money", `sum(lm)`, "amount"},
		{"sum of numbers", `sum(ln)`, "number"},
		{"count of items", `count(items)`, "number"},
		{"len of a list", `len(lt)`, "number"},
		{"distinct", `distinct(lt)`, "true/false"},
		{"contains a date literal", `contains(ld, "2024-03-04")`, "true/false"},
		{"euro", `euro(2464000)`, "amount"},
		{"date of a literal", `date("2024-03-04")`, "date"},
		{"date of a text", `date(t)`, "date"},
		{"year", `year(d)`, "number"},
		{"year of a literal", `year("2024-03-04")`, "number"},
		{"min of dates", `min(d, "2024-01-01")`, "date"},
		{"max of money and cents", `max(m, 0)`, "amount"},
		{"if of money", `if(b, m, 0)`, "amount"},
		{"if with null", `if(b, null, t)`, "text"},
		{"cf birth date", `cfBirthDate(t)`, "date"},
		{"text functions", `upper(trim(lower(before(after(t, "/"), "-"))))`, "text"},
		{"startsWith", `startsWith(t, "B") && endsWith(t, "7")`, "true/false"},
		{"any", `any(lb) || all(lb)`, "true/false"},
		{"answered", `!answered(t)`, "true/false"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n, err := Parse(tc.src)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Check(n, toyNames)
			if err != nil {
				t.Fatal(err)
			}
			if got.EN() != tc.want {
				t.Fatalf("Check(%q) = %s, want %s", tc.src, got.EN(), tc.want)
			}
		})
	}
}

func TestCheckErrors(t *testing.T) {
	cases := []struct {
		name, src string
		pos       Pos
		en        string
	}{
		{"money plus number", `m + n`, 2, "between an amount and a number"},
		{"money times money", `m * m`, 2, "multiplying two amounts"},
		{"number over money", `n / m`, 2, "dividing a number by an amount"},
		{"money against a number", `m < n`, 2, "an amount is in cents"},
		{"text order", `t < t`, 2, "does not order texts"},
		{"bad date literal", `d == "2024-02-30"`, 5, `"2024-02-30" is not a date`},
		{"date against text", `d == t`, 2, "date(text)"},
		{"bool order", `b < b`, 2, "two numbers, two amounts or two dates"},
		{"not of a number", `!n`, 1, "! needs a true/false value"},
		{"minus of a text", `-t`, 1, "minus needs a number or an amount"},
		{"or of a text", `b || t`, 5, "|| joins true/false conditions"},
		{"plus of dates", `d + d`, 0, "+ needs numbers or amounts"},
		{"list equality", `lt == "x"`, 3, "compares values, not lists"},
		{"sum of texts", `sum(lt)`, 4, "sum needs a list of numbers or amounts"},
		{"count of a value", `count(n)`, 6, "counts the elements of a list"},
		{"contains the wrong type", `contains(ln, "x")`, 13, "contains looks for a number"},
		{"any of numbers", `any(ln)`, 4, "needs a list of true/false"},
		{"distinct of items", `distinct(items)`, 9, "compares the values of one field"},
		{"upper of a number", `upper(n)`, 6, "upper: needs a text"},
		{"bad date()", `date("2024-3-4")`, 5, "is not a date"},
		{"date of a number", `date(n)`, 5, "date: reads a YYYY-MM-DD text"},
		{"year of a number", `year(n)`, 5, "year: needs a date"},
		{"euro of money", `euro(m)`, 5, "needs a number of euros"},
		{"min of text", `min(t, t)`, 7, "min needs two numbers"},
		{"if types differ", `if(b, n, t)`, 9, "if gives one type of value"},
		{"if condition", `if(n, 1, 2)`, 3, "the condition is true/false"},
		{"arity", `if(b, 1)`, 0, "takes 3 argument(s), not 2"},
		{"unknown function", `Count(items)`, 0, "did you mean count"},
		{"unknown function far away", `zzzzzz(1)`, 0, "known: after, all, answered"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n, err := Parse(tc.src)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Check(n, toyNames)
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("want *Error, got %v", err)
			}
			if e.Pos != tc.pos || !strings.Contains(e.EN, tc.en) || e.IT == "" || e.IT == e.EN {
				t.Fatalf("got %d %q (it %q), want %d and %q", e.Pos, e.EN, e.IT, tc.pos, tc.en)
			}
		})
	}
}

func TestDay(t *testing.T) {
	cases := []struct {
		name, in string
		ok       bool
		year     int
	}{
		{"plain", "2024-03-04", true, 2024},
		{"leap day", "2024-02-29", true, 2024},
		{"no leap day", "2023-02-29", false, 0},
		{"no 30 February", "2024-02-30", false, 0},
		{"short form", "2024-3-4", false, 0},
		{"italian form", "04/03/2024", false, 0},
		{"before 1970", "1950-06-01", true, 1950},
		{"empty", "", false, 0},
		{"month 13", "2024-13-01", false, 0},
		{"month 0", "2024-00-10", false, 0},
		{"day 0", "2024-01-00", false, 0},
		{"year 0", "0000-01-01", false, 0},
		{"year 1", "0001-01-01", true, 1},
		{"signed year", "+024-03-04", false, 0},
		{"trailing space", "2024-03-04 ", false, 0},
		{"letter in day", "2024-03-0x", false, 0},
		{"slashes", "2024/03/04", false, 0},
		{"wide digits", "２０２４-03-04", false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := ParseDate(tc.in)
			if ok != tc.ok {
				t.Fatalf("ParseDate(%q) ok = %v", tc.in, ok)
			}
			if ok && (d.String() != tc.in || d.Year() != tc.year) {
				t.Fatalf("ParseDate(%q) = %s (year %d)", tc.in, d, d.Year())
			}
		})
	}
	a, _ := ParseDate("2024-02-28")
	b, _ := ParseDate("2024-03-01")
	if b-a != 2 {
		t.Fatalf("days between 28 February and 1 March 2024: %d, want 2", b-a)
	}
}

// FuzzParseDate: ParseDate reads by hand exactly what time.Parse(time.DateOnly, s) reads.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-04", "2024-02-29", "2023-02-29", "+024-03-04", "0000-01-01", "9999-12-31", "2024-3-4", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		tm, err := time.Parse(time.DateOnly, s)
		want, wantOK := Day(0), err == nil && tm.Year() >= 1
		if wantOK {
			want = Day(tm.Unix() / 86400)
		}
		if ok != wantOK || d != want {
			t.Fatalf("ParseDate(%q) = %v, %v; time.Parse gives %v, %v (%v)", s, d, ok, want, wantOK, err)
		}
	})
}

// FuzzParse: any source parses or fails with an *Error inside the source, never panics, and
// a tree's positions are inside the source.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`count(ats.membri[capofila == true]) == 1`, `a.b[].c`, `!(-1 + 2) * "x"`, `f(a, b`, `"2024-03-04" < d`, strings.Repeat("(", 70), `this._id`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		n, err := Parse(src)
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Pos < 0 || int(e.Pos) > len(src) && int(e.Pos) != MaxSource {
				t.Fatalf("Parse(%q): %v", src, err)
			}
			return
		}
		Inspect(n, func(x Node) bool {
			if x.Pos() < 0 || int(x.Pos()) >= len(src) {
				t.Fatalf("Parse(%q): node %T at %d outside the source", src, x, x.Pos())
			}
			return true
		})
		Check(n, toyNames) // typing never panics either
	})
}
