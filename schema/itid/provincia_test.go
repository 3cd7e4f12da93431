package itid

import "testing"

func TestProvincia(t *testing.T) {
	runCases(t, KindProvincia, Provincia, []tcase{
		{"Roma", "RM", ""},
		{"Sud Sardegna", "SU", ""},
		{"Milano lower case", "mi", ""},
		{"Torino with spaces", " to ", ""},
		{"Barletta-Andria-Trani mixed case", "Bt", ""},
		{"Monza e Brianza", "MB", ""},
		{"Aosta", "AO", ""},
		{"Trieste", "TS", ""},
		{"RO is Rovigo, not Roma", "RO", ""},
		{"Carbonia-Iglesias (historical)", "CI", ""},
		{"Medio Campidano (historical)", "VS", ""},
		{"Ogliastra (historical)", "OG", ""},
		{"Olbia-Tempio (historical)", "OT", ""},

		{"empty", "", ReasonLength},
		{"one letter", "R", ReasonLength},
		{"full name", "ROMA", ReasonLength},
		{"digit", "R1", ReasonCharset},
		{"inner space", "R M", ReasonCharset},
		{"parentheses", "(RM)", ReasonCharset},
		{"unknown", "XX", ReasonUnknown},
		{"estero is not a provincia", "EE", ReasonUnknown},
		{"old Forlì sigla", "FO", ReasonUnknown},
		{"old Pesaro sigla", "PS", ReasonUnknown},
	})
}

func TestProvinceList(t *testing.T) {
	if len(provinceSigle) != 107+4 {
		t.Errorf("got %d sigle, want 107 current + 4 historical Sardinian", len(provinceSigle))
	}
	seen := map[string]bool{}
	for _, p := range provinceSigle {
		if len(p) != 2 || !isLetter(p[0]) || !isLetter(p[1]) {
			t.Errorf("bad sigla %q", p)
		}
		if seen[p] {
			t.Errorf("duplicate sigla %q", p)
		}
		seen[p] = true
		if err := Provincia(p); err != nil {
			t.Errorf("Provincia(%q) = %v", p, err)
		}
	}
	count := 0
	for _, in := range provinceSet {
		if in {
			count++
		}
	}
	if count != len(provinceSigle) {
		t.Errorf("set has %d entries, list %d", count, len(provinceSigle))
	}
}
