package draft

import (
	"strconv"
	"strings"
	"time"

	"bando/schema"
)

// Copy starts a new proposal from d ("duplicate"): the same call and answers, as a draft
// never finalised, signed or imported, with a history of its own. What Italian practice
// requires to be given anew for each application is cleared, so the copy cannot carry it
// unread into a document to sign:
//   - the declarations (DPR 445/2000 artt. 46-47): each is made by the signer for this
//     application, under the penalties of art. 76, and must be accepted again knowingly;
//   - the date of signature (schema.Application.Date): the new application is signed on
//     its own day;
//   - the revenue stamp's number and issue date (fields "bollo_…"): a marca da bollo is
//     cancelled on one document and cannot be used again (DPR 642/1972), so a second
//     application needs a stamp of its own. Whether it is due at all ("bollo") stays.
//
// Everything else (the members, their representatives, the actions and the budget) is what an
// office reuses from one proposal to the next. The title the applicant gave d is not copied:
// the caller names the copy (the app: "Copia di …"), so that the two are told apart.
func Copy(c *schema.Call, d *Draft, appVersion string, now time.Time) *Draft {
	cp := New(c, appVersion, now)
	cp.CallVersion, cp.CallHash = d.CallVersion, d.CallHash
	cp.Answers = d.Answers.Clone()
	if p := c.Application.Date; p != "" {
		_ = cp.Answers.Set(p, nil)
	}
	for _, s := range c.Sections {
		clearFresh(cp.Answers, s.Fields, s.ID+".", false)
	}
	return cp
}

// clearFresh removes, under prefix, the answers Copy must not carry over: declarations
// anywhere, and the stamp's fields of a section.
func clearFresh(a schema.Answers, fs []*schema.Field, prefix string, inItem bool) {
	for _, f := range fs {
		p := prefix + f.ID
		switch {
		case f.Type == schema.TypeDeclaration, !inItem && strings.HasPrefix(f.ID, "bollo_"):
			_ = a.Set(p, nil)
		case f.Type == schema.TypeGroup:
			for i := range a.Items(p) {
				clearFresh(a, f.Fields, p+"["+strconv.Itoa(i)+"].", true)
			}
		}
	}
}
