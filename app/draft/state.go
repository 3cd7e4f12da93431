package draft

import "time"

// Where a draft stands, as the list of drafts says it: being filled in (with the errors still
// open), ready to finalise, finalised (its PDF may be signed), signed and verified. The last
// two hold only while the answers stay as they were: any change afterwards sets
// EditedAfterFinal and forgets Signed, explicitly, at the change (Edited). Inferring it from
// the save time would take an export or the marker itself, which save the draft without
// changing an answer, for an edit.

// Signed is a signed file that /firma verified against the draft: every required signature
// valid on exactly the proposal made from these answers.
type Signed struct {
	SHA256     string    `json:"sha256"` // of the signed file (.p7m or PDF), hex
	File       string    `json:"file,omitempty"`
	VerifiedAt time.Time `json:"verifiedAt"`
}

// The states of State.
const (
	StateProgress = "progress" // errors still open
	StateReady    = "ready"    // no error: it can be finalised
	StateFinal    = "final"    // finalised, unchanged since: its PDF may be signed
	StateSigned   = "signed"   // finalised, and a file signed by everyone verified against it
)

// Finalise marks d final at (to the second: the PDF's date), as it is now.
func (d *Draft) Finalise(at time.Time) {
	t := at.Truncate(time.Second)
	d.FinalisedAt = &t
	d.EditedAfterFinal = false
	d.Signed = nil
}

// Edited records that the answers changed: a PDF made from the finalised draft is out of
// date, and a file signed before no longer matches.
func (d *Draft) Edited() {
	d.EditedAfterFinal = d.FinalisedAt != nil
	d.Signed = nil
}

// Stale reports whether d was finalised and then changed.
func (d *Draft) Stale() bool { return d.FinalisedAt != nil && d.EditedAfterFinal }

// MarkSigned records that the signed file with that SHA-256 was verified against d at. It is
// refused (false) when d is not final as it is: nothing verifies a changed draft.
func (d *Draft) MarkSigned(sha256, file string, at time.Time) bool {
	if d.FinalisedAt == nil || d.Stale() {
		return false
	}
	d.Signed = &Signed{SHA256: sha256, File: file, VerifiedAt: at}
	return true
}

// State is where d stands, given its open errors (a negative count: not known).
func (d *Draft) State(errors int) string {
	switch {
	case d.FinalisedAt != nil && !d.Stale() && d.Signed != nil:
		return StateSigned
	case d.FinalisedAt != nil && !d.Stale():
		return StateFinal
	case errors == 0:
		return StateReady
	}
	return StateProgress
}
