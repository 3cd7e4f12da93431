package ui

import (
	"reflect"
	"testing"

	"bando/schema"
)

func TestParseInput(t *testing.T) {
	money := &schema.Field{Type: schema.TypeMoney}
	number := &schema.Field{Type: schema.TypeNumber}
	text := &schema.Field{Type: schema.TypeText}
	date := &schema.Field{Type: schema.TypeDate}
	tests := []struct {
		name string
		f    *schema.Field
		in   string
		want any
	}{
		{"blank text is no answer", text, "   ", nil},
		{"text kept as typed", text, " Alfa APS ", " Alfa APS "},
		{"italian amount", money, "1.234,50", int64(123450)},
		{"amount with euro sign", money, "€ 2.000", int64(200000)},
		{"amount with one decimal", money, "12,5", int64(1250)},
		{"bad amount kept as typed", money, "dodici euro", "dodici euro"},
		{"whole number is int64", number, "120", int64(120)},
		{"italian thousands", number, "4.500", int64(4500)},
		{"decimal comma", number, "2,5", 2.5},
		{"decimal point", number, "2.5", 2.5},
		{"not a number kept", number, "circa 100", "circa 100"},
		{"negative amount stored, for validation to refuse", money, "-5", int64(-500)},
		{"date gg/mm/aaaa", date, "04/03/2024", "2024-03-04"},
		{"date without leading zeros", date, "4/3/2024", "2024-03-04"},
		{"date with dashes and dots", date, "29.02.2024", "2024-02-29"},
		{"date as ISO", date, "2024-03-04", "2024-03-04"},
		{"no 31 February", date, "31/02/2024", "31/02/2024"},
		{"no 29 February in 2023", date, "29/02/2023", "29/02/2023"},
		{"two-digit year is no date", date, "04/03/24", "04/03/24"},
		{"month 13", date, "01/13/2024", "01/13/2024"},
		{"en-US order that is no Italian date", date, "03/31/2024", "03/31/2024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseInput(tt.f, tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestInputTextRoundTrip(t *testing.T) {
	money := &schema.Field{Type: schema.TypeMoney}
	number := &schema.Field{Type: schema.TypeNumber}
	tests := []struct {
		name string
		f    *schema.Field
		v    any
		lang schema.Lang
		want string
	}{
		{"money italian", money, int64(123450), schema.IT, "1.234,50"},
		{"money english", money, int64(123450), schema.EN, "1,234.50"},
		{"number", number, int64(4500), schema.IT, "4500"},
		{"decimal italian", number, 2.5, schema.IT, "2,5"},
		{"unparsed text shown back", money, "12,345,6", schema.IT, "12,345,6"},
		{"negative money keeps the sign outside", money, int64(-500), schema.IT, "-5,00"},
		{"date in Italian order, in English too", &schema.Field{Type: schema.TypeDate}, "2024-03-04", schema.EN, "04/03/2024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := inputText(tt.f, tt.v, tt.lang)
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			if _, isText := tt.v.(string); !isText && tt.lang == schema.IT {
				if back := parseInput(tt.f, got); !reflect.DeepEqual(back, tt.v) {
					t.Fatalf("%q parses back as %#v, want %#v", got, back, tt.v)
				}
			}
		})
	}
}

func TestDisplayValue(t *testing.T) {
	choice := &schema.Field{Type: schema.TypeChoice, Options: []schema.Option{{Value: "a", Label: schema.Text{IT: "Prima", EN: "First"}}, {Value: "b"}}}
	multi := &schema.Field{Type: schema.TypeMultiChoice, Options: choice.Options}
	tests := []struct {
		name string
		f    *schema.Field
		v    any
		lang schema.Lang
		want string
	}{
		{"money", &schema.Field{Type: schema.TypeMoney}, int64(5000000), schema.IT, "€ 50.000,00"},
		{"date", &schema.Field{Type: schema.TypeDate}, "2024-03-01", schema.IT, "1 marzo 2024"},
		{"choice label", choice, "a", schema.EN, "First"},
		{"choice without label", choice, "b", schema.IT, "b"},
		{"multichoice", multi, []any{"a", "b"}, schema.IT, "Prima; b"},
		{"yes", &schema.Field{Type: schema.TypeBoolean}, true, schema.IT, "Sì"},
		{"no", &schema.Field{Type: schema.TypeBoolean}, false, schema.EN, "No"},
		{"declaration", &schema.Field{Type: schema.TypeDeclaration}, true, schema.IT, "Dichiarazione accettata"},
		{"none", &schema.Field{Type: schema.TypeText}, nil, schema.IT, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := displayValue(tt.f, tt.v, tt.lang); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestToggle(t *testing.T) {
	f := &schema.Field{Type: schema.TypeMultiChoice, Options: []schema.Option{{Value: "a"}, {Value: "b"}, {Value: "c"}}}
	tests := []struct {
		name  string
		cur   any
		value string
		on    bool
		want  any
	}{
		{"first choice", nil, "b", true, []any{"b"}},
		{"kept in option order", []any{"c"}, "a", true, []any{"a", "c"}},
		{"off", []any{"a", "c"}, "a", false, []any{"c"}},
		{"last off is no answer", []any{"a"}, "a", false, nil},
		{"unknown old value kept", []any{"zz"}, "a", true, []any{"a", "zz"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := toggle(f.Options, tt.cur, tt.value, tt.on); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}
