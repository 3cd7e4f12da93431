package ui

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestAddIdents(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"comparison", `ets == true && forma_giuridica != "cooperativa_sociale"`, "ets,forma_giuridica,true"},
		{"path and function", `count(ats.membri[capofila == true]) >= 1`, "ats,capofila,count,membri,true"},
		{"string with quotes and escapes", `bollo == "assolta \" stato"`, "bollo"},
		{"empty", ``, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names := map[string]bool{}
			addIdents(names, tt.src)
			if got := strings.Join(slices.Sorted(maps.Keys(names)), ","); got != tt.want {
				t.Fatalf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestLastName(t *testing.T) {
	for path, want := range map[string]string{"ats.membri[2].capofila": "capofila", "a.b": "b", "x": "x"} {
		if got := lastName(path); got != want {
			t.Errorf("lastName(%q) = %q, want %q", path, got, want)
		}
	}
}
