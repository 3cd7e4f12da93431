package itid

import "testing"

func TestCFBirthOf(t *testing.T) {
	cases := []struct {
		name   string
		cf     string
		latest int
		want   CFBirth
		ok     bool
	}{
		{"man born in Rome", "RSSMRA85T10H501O", 2024, CFBirth{1985, 12, 10, 'M', "H501"}, true},
		{"woman: day plus forty", "RSSMRA85T50H501S", 2024, CFBirth{1985, 12, 10, 'F', "H501"}, true},
		{"year 2000s when not after the reference year", "BNCLRA00B69F205K", 2024, CFBirth{2000, 2, 29, 'F', "F205"}, true},
		{"same two digits as the reference year", "VRDGPP24A01H501K", 2024, CFBirth{2024, 1, 1, 'M', "H501"}, true},
		{"same two digits, earlier reference: previous century", "VRDGPP24A01H501K", 2023, CFBirth{1924, 1, 1, 'M', "H501"}, true},
		{"omocodia undone in year, day and place", "RSSMRA8RT1ML56NV", 2024, CFBirth{1985, 12, 11, 'M', "L562"}, true},
		{"omocodia in the place only", "RSSMRA85T10H50PR", 2024, CFBirth{1985, 12, 10, 'M', "H503"}, true},
		{"29 February of a common year is returned as written", "VRDGPP88B29F205B", 2024, CFBirth{1988, 2, 29, 'M', "F205"}, true},
		{"lower case and spaces", "rssmra 85t10 h501o", 2024, CFBirth{1985, 12, 10, 'M', "H501"}, true},
		{"wrong check character", "RSSMRA85T10H501A", 2024, CFBirth{}, false},
		{"an entity's code", "80213330584", 2024, CFBirth{}, false},
		{"empty", "", 2024, CFBirth{}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := CFBirthOf(c.cf, c.latest)
			if ok != c.ok || got != c.want {
				t.Fatalf("CFBirthOf(%q, %d) = %+v %v, want %+v %v", c.cf, c.latest, got, ok, c.want, c.ok)
			}
		})
	}
}
