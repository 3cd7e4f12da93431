package ui

import (
	"testing"
	"time"

	"bando/schema"
)

func TestDeadline(t *testing.T) {
	tests := []struct {
		name string
		sub  schema.Submission
		want string // UTC
	}{
		{"end of a winter day in Rome", schema.Submission{Deadline: "2024-03-04"}, "2024-03-04T22:59:59Z"},
		{"explicit time in summer", schema.Submission{Deadline: "2024-07-01", Time: "12:00", Timezone: "Europe/Rome"}, "2024-07-01T10:00:00Z"},
		{"seconds given", schema.Submission{Deadline: "2024-10-28", Time: "09:30:15"}, "2024-10-28T08:30:15Z"},
		{"another zone", schema.Submission{Deadline: "2024-03-04", Time: "12:00", Timezone: "UTC"}, "2024-03-04T12:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := deadline(tt.sub)
			if err != nil {
				t.Fatal(err)
			}
			if s := got.UTC().Format(time.RFC3339); s != tt.want {
				t.Fatalf("got %s, want %s", s, tt.want)
			}
		})
	}
}

// TestEUSummerMatchesTZData checks the fallback rule the browser uses against the real
// Europe/Rome zone, hour by hour around both changes of several years.
func TestEUSummerMatchesTZData(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Skip("no time zone database here:", err)
	}
	for year := 2023; year <= 2030; year++ {
		for _, m := range []time.Month{time.March, time.October} {
			base := lastSunday(year, m).Add(-48 * time.Hour)
			for h := 0; h < 96; h++ {
				at := base.Add(time.Duration(h) * time.Hour)
				_, off := at.In(rome).Zone()
				if want := off == 7200; euSummer(at) != want {
					t.Fatalf("%s: euSummer=%v, tzdata offset %d", at, !want, off)
				}
			}
		}
	}
}

func TestCountdown(t *testing.T) {
	dl := time.Date(2024, 3, 4, 22, 59, 59, 0, time.UTC)
	tests := []struct {
		name string
		now  time.Time
		lang schema.Lang
		want string
	}{
		{"days", dl.Add(-(3*24 + 5) * time.Hour), schema.IT, "Mancano 3 giorni e 5 ore."},
		{"hours in English", dl.Add(-(2*time.Hour + 10*time.Minute)), schema.EN, "2 hours and 10 minutes left."},
		{"last minutes round up", dl.Add(-90 * time.Second), schema.IT, "Mancano 2 minuti."},
		{"past", dl.Add(time.Second), schema.IT, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := countdown(tt.now, dl, tt.lang); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDeadlineText(t *testing.T) {
	tests := []struct {
		name string
		sub  schema.Submission
		lang schema.Lang
		want string
	}{
		{"end of day", schema.Submission{Deadline: "2024-03-04"}, schema.IT, "4 marzo 2024 alle 23:59, ora italiana"},
		{"english with time", schema.Submission{Deadline: "2024-03-04", Time: "12:00:00"}, schema.EN, "4 March 2024 at 12:00, Italian time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := deadlineText(tt.sub, tt.lang); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}
