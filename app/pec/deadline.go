package pec

import (
	"fmt"
	"time"

	"bando/schema"
)

// Deadline is the instant a call closes: its date at the hour it gives, or at 23:59:59 when
// it gives none (a call saying "entro il 4 marzo" accepts the whole day), in the call's time
// zone. Europe/Rome, the default, is computed by schema.InRome without the tz database (see
// schema/rome.go: the browser build saves ~450 KB); another zone needs the platform's tz
// data and fails in the browser with a clear error.
func Deadline(s schema.Submission) (time.Time, error) {
	day, err := time.Parse("2006-01-02", s.Deadline)
	if err != nil {
		return time.Time{}, errf("deadline.format", err, "La scadenza del bando (%q) non è una data AAAA-MM-GG.", "The call's deadline (%q) is not a YYYY-MM-DD date.", s.Deadline)
	}
	h, m, sec := 23, 59, 59
	if s.Time != "" {
		t, err := time.Parse("15:04:05", s.Time)
		if err != nil {
			t, err = time.Parse("15:04", s.Time)
		}
		if err != nil {
			return time.Time{}, errf("deadline.format", err, "L'ora di scadenza del bando (%q) non è nella forma HH:MM.", "The call's deadline hour (%q) is not HH:MM.", s.Time)
		}
		h, m, sec = t.Hour(), t.Minute(), t.Second()
	}
	if s.Timezone == "" || s.Timezone == "Europe/Rome" {
		return schema.RomeDate(day.Year(), day.Month(), day.Day(), h, m, sec), nil
	}
	loc, err := time.LoadLocation(s.Timezone)
	if err != nil {
		return time.Time{}, errf("deadline.zone", err, "Il fuso orario del bando (%s) non è disponibile su questo dispositivo.", "The call's time zone (%s) is not available on this device.", s.Timezone)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, sec, 0, loc), nil
}

// DeadlineState is how things stand at a given moment.
type DeadlineState struct {
	At      time.Time     `json:"at"`
	Passed  bool          `json:"passed"`
	Left    time.Duration `json:"left"`    // 0 once passed
	Urgent  bool          `json:"urgent"`  // less than a day left
	Message schema.Text   `json:"message"` // what to tell the applicant
}

// CheckDeadline says how long is left before the call closes. What counts for the Region is
// the time of the PEC acceptance receipt (ricevuta di accettazione) from the sender's
// provider, so the message advises not to wait for the last minutes.
func CheckDeadline(s schema.Submission, now time.Time) (DeadlineState, error) {
	at, err := Deadline(s)
	if err != nil {
		return DeadlineState{}, err
	}
	st := DeadlineState{At: at}
	when := formatWhen(at, s)
	if now.After(at) {
		st.Passed = true
		st.Message = schema.Text{
			IT: fmt.Sprintf("La scadenza (%s) è passata: una PEC inviata ora arriverebbe fuori termine.", when.IT),
			EN: fmt.Sprintf("The deadline (%s) has passed: a PEC sent now would arrive late.", when.EN),
		}
		return st, nil
	}
	st.Left = at.Sub(now)
	st.Urgent = st.Left < 24*time.Hour
	left := formatLeft(st.Left)
	st.Message = schema.Text{
		IT: fmt.Sprintf("Scadenza: %s. Mancano %s.", when.IT, left.IT),
		EN: fmt.Sprintf("Deadline: %s. %s left.", when.EN, left.EN),
	}
	if st.Urgent {
		st.Message.IT += " Invia subito: fa fede l'ora della ricevuta di accettazione della PEC."
		st.Message.EN += " Send now: the time of the PEC acceptance receipt is what counts."
	}
	return st, nil
}

// formatWhen writes the deadline in the call's zone (Italian time for FAMI).
func formatWhen(at time.Time, s schema.Submission) schema.Text {
	local := at
	zone := s.Timezone
	if zone == "" || zone == "Europe/Rome" {
		local, zone = schema.InRome(at), ""
	}
	// 23:59, as the rest of the app words it: the seconds of "the end of the day" say nothing
	it := schema.LongDate(local, schema.IT) + " alle " + local.Format("15:04")
	en := schema.LongDate(local, schema.EN) + " at " + local.Format("15:04")
	if zone == "" {
		it += ", ora italiana"
		en += ", Italian time"
	} else {
		it += ", " + zone
		en += ", " + zone
	}
	return schema.Text{IT: it, EN: en}
}

// formatLeft writes a duration as days and hours, or hours and minutes when under a day.
func formatLeft(d time.Duration) schema.Text {
	days := int(d / (24 * time.Hour))
	hours := int(d % (24 * time.Hour) / time.Hour)
	mins := int(d % time.Hour / time.Minute)
	plural := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	if days > 0 {
		return schema.Text{
			IT: plural(days, "giorno", "giorni") + " e " + plural(hours, "ora", "ore"),
			EN: plural(days, "day", "days") + " and " + plural(hours, "hour", "hours"),
		}
	}
	return schema.Text{
		IT: plural(hours, "ora", "ore") + " e " + plural(mins, "minuto", "minuti"),
		EN: plural(hours, "hour", "hours") + " and " + plural(mins, "minute", "minutes"),
	}
}
