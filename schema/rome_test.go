package schema

import (
	"testing"
	"time"
	_ "time/tzdata" // the reference zone, in the test binary only
)

func TestInRomeMatchesTZData(t *testing.T) {
	ref, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	// every hour from 1996 (the EU rule) to 2060, plus the minutes around each change
	for u := time.Date(1996, 1, 1, 0, 30, 0, 0, time.UTC); u.Year() < 2060; u = u.Add(time.Hour) {
		for _, d := range []time.Duration{0, 29*time.Minute + 59*time.Second, 30 * time.Minute} {
			at := u.Add(d)
			_, want := at.In(ref).Zone()
			_, got := InRome(at).Zone()
			if got != want {
				t.Fatalf("%s: offset %d, tzdata says %d", at.Format(time.RFC3339), got, want)
			}
		}
	}
}

func TestRomeDate(t *testing.T) {
	ref, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		y            int
		m            time.Month
		d, h, min, s int
		want         string
	}{
		{"winter deadline end of day", 2024, time.March, 4, 23, 59, 59, "2024-03-04T22:59:59Z"},
		{"summer noon", 2024, time.July, 15, 12, 0, 0, "2024-07-15T10:00:00Z"},
		{"spring gap reads as winter time", 2024, time.March, 31, 2, 30, 0, "2024-03-31T01:30:00Z"},
		{"autumn repeat takes the first", 2024, time.October, 27, 2, 30, 0, "2024-10-27T00:30:00Z"},
		{"new year's eve", 2025, time.December, 31, 23, 59, 59, "2025-12-31T22:59:59Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := RomeDate(tc.y, tc.m, tc.d, tc.h, tc.min, tc.s)
			if s := got.UTC().Format(time.RFC3339); s != tc.want {
				t.Errorf("got %s, want %s", s, tc.want)
			}
			// the wall clock in Rome shows what was asked, except in the spring gap
			if tc.name != "spring gap reads as winter time" {
				if w := got.In(ref).Format("2006-01-02 15:04:05"); w != time.Date(tc.y, tc.m, tc.d, tc.h, tc.min, tc.s, 0, time.UTC).Format("2006-01-02 15:04:05") {
					t.Errorf("wall clock in Rome %s", w)
				}
			}
		})
	}
}

func TestLongDate(t *testing.T) {
	tests := []struct {
		name string
		lang Lang
		want string
	}{
		{"Italian", IT, "4 marzo 2024"},
		{"English", EN, "4 March 2024"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := LongDate(time.Date(2024, 3, 4, 23, 0, 0, 0, time.UTC), tc.lang); got != tc.want {
				t.Errorf("got %q", got)
			}
		})
	}
}
