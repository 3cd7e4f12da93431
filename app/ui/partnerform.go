package ui

import (
	"strconv"
	"time"

	"bando/app/draft"
	"bando/app/partner"
	"bando/schema"
)

// Partner mode (issue 15, item 2): a member of an ATS fills the partner sheet the capofila sent
// (.bando-partner.json, package app/partner) as a reduced form, on the page /scheda
// (partnerpage.go). The sheet's answers are shaped like a draft's (its item alone in the
// partner group, and the declarations), so the form's own components render them and the
// call's own rules check them — item-level checks included — exactly as in the proposal.
//
// It is a scratch mode (scratch.go): the sheet is on screen in place of the applicant's draft,
// kept aside, and nothing is saved as a draft. What is saved is the sheet, on this device, on
// every change (partnerstore.go), and what leaves is the sheet, exported back for the capofila.
//
// All of this is the staff program's (builderhost.go): the applicant's program never enters
// the mode, and links neither this code nor package partner. The shared code reaches it only
// through the hook RoutesWithBuilder sets (saveSheet), nil in the applicant's.
// Hence functions of a session rather than its methods: the applicant's program carries the
// name and signature of every method of session (its type descriptor), used or not.

// openSheet is the sheet open in partner mode.
type openSheet struct {
	s   *partner.Sheet // as opened (Check passed); its Answers are the session draft's while open
	p   *schema.Partner
	key string // where it is kept on this device (sheetKey)
	// base is the SavedAt of the copy kept on this device when this tab opened or last wrote
	// it: a kept copy saved later was written by another tab, and is not overwritten (as
	// drafts are not: conflict.go).
	base time.Time
}

// keptAt is the SavedAt of the sheet kept under key, zero when none reads.
func keptAt(key string) time.Time {
	if k, err := partner.Decode([]byte(sheetShelf.get(key))); err == nil {
		return k.SavedAt
	}
	return time.Time{}
}

// errOtherTab is the save's answer when another tab of this browser saved the sheet since.
var errOtherTab = &draft.Error{Key: "psheet.other_tab", Msg: schema.Text{
	IT: "un'altra finestra di questo browser ha salvato questa scheda dopo di te; chiudila qui e riaprila dall'elenco",
	EN: "another window of this browser saved this sheet after you; close it here and open it again from the list",
}}

// readSheet decodes a sheet file and checks it against the call this app has with its id
// (shipped, published by the server or opened from a file): the same version with the same
// rules, or an older one, which Check migrates.
func readSheet(s *session, data []byte) (*partner.Sheet, *schema.Call, error) {
	sh, err := partner.Decode(data)
	if err != nil {
		return nil, nil, err
	}
	c, err := s.lookupCall(sh.Call)
	if err != nil {
		return nil, nil, &draft.Error{Key: "partner.unknown_call", Msg: schema.Text{
			IT: "Questa scheda è per il bando «" + sh.Call + "», versione " + strconv.Itoa(sh.CallVersion) + ", che questa app non conosce. Apri la scheda con l'app del sito che pubblica il bando, o chiedi al capofila da dove l'ha compilata.",
			EN: "This sheet is for the call “" + sh.Call + "”, version " + strconv.Itoa(sh.CallVersion) + ", which this app does not know. Open the sheet with the app of the site that publishes the call, or ask the lead partner where they filled it in.",
		}}
	}
	if err := partner.Check(sh, c); err != nil {
		return nil, nil, err
	}
	return sh, c, nil
}

// showSheet puts sheet sh of call c on screen in partner mode and keeps it on this device.
func showSheet(s *session, sh *partner.Sheet, c *schema.Call) error {
	p, err := c.PartnerPart()
	if err != nil || p == nil {
		return err // Check has read it already
	}
	s.saveNow() // the sheet open before, if any
	d := draft.New(c, s.appVersion, sh.CreatedAt)
	d.Answers = sh.Answers.Clone()
	c.AssignItemIDs(d.Answers)
	s.enterScratch("partner", c, d)
	key := sheetKey(sh)
	s.scratch.kept = &openSheet{s: sh, p: p, key: key, base: keptAt(key)}
	s.changed() // kept at once: the list of sheets on this device shows it from now on
	saveSheetNow(s)
	return nil
}

// sheetOf is the sheet open in partner mode, or nil.
func sheetOf(s *session) *openSheet {
	if o, ok := s.scratch.kept.(*openSheet); ok && s.scratch.mode == "partner" {
		return o
	}
	return nil
}

// current is the open sheet with the answers on screen, saved at now (a copy: the session's
// answers stay its own). Call it with s.mu held.
func (o *openSheet) current(a schema.Answers, now time.Time) *partner.Sheet {
	sh := *o.s
	sh.Answers = a.Clone()
	sh.SavedAt = now
	return &sh
}

// saveSheetNow writes the open sheet on this device when it changed: the autosave of partner
// mode: from saveNow (the autosave's timer, leaveScratch) and when the page is hidden.
func saveSheetNow(s *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := sheetOf(s)
	if o == nil || s.open.d == nil || s.saver.changes == s.saver.saved {
		return
	}
	if keptAt(o.key).After(o.base) {
		s.saver.err = errOtherTab
		return
	}
	now := time.Now().UTC()
	sh := o.current(s.open.d.Answers, now)
	data, err := partner.Encode(sh)
	if err == nil {
		err = sheetShelf.put(o.key, data)
	}
	s.saver.err = err
	if err == nil {
		s.saver.saved, s.saver.at = s.saver.changes, now
		o.s.SavedAt, o.base = now, now
	}
}

// sheetStatus says how the open sheet is saved, for the page: the header's line is the
// applicant's drafts' (saver.status).
func sheetStatus(s *session, l schema.Lang) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case sheetOf(s) == nil:
		return ""
	case s.saver.err != nil:
		return tr(l, "psheet.notsaved", errorText(s.saver.err, l))
	case !s.saver.at.IsZero():
		return tr(l, "psheet.saved.at", tr(l, "time.rome", schema.InRome(s.saver.at).Format("15:04:05")))
	}
	return tr(l, "psheet.pending")
}

// checkSheet shows the open sheet's problems beside their fields (or its item) and lists them
// for the summary: the call's rules, kept to what the member can act on (partner.Validate).
// It returns how many places show an error.
func checkSheet(s *session) int {
	o := sheetOf(s)
	if o == nil || s.open.d == nil {
		return 0
	}
	l := s.formLang()
	s.mu.Lock()
	sh := o.current(s.open.d.Answers, o.s.SavedAt)
	s.mu.Unlock()
	for _, u := range s.ui {
		u.issue = nil
	}
	var paths []string
	errs := 0
	for _, is := range partner.Validate(sh, s.open.call, l) {
		u := s.fieldUI(is.Path)
		switch {
		case u.issue == nil:
			paths = append(paths, is.Path)
			if !is.IsWarning() {
				errs++
			}
		case u.issue.IsWarning() && !is.IsWarning():
			errs++
		default:
			continue
		}
		is := is
		u.issue = &is
		u.showing = true
	}
	s.summary, s.summaryFor = paths, sheetSummary
	s.summaryVer++
	s.ver++
	return errs
}

// sheetSummary is summaryFor while the summary lists the sheet's problems: no section's.
const sheetSummary = "/scheda"

// exportSheet is the open sheet with its answers, as the file to send back to the capofila,
// and the file's name. It is kept on this device as exported too.
func exportSheet(s *session) ([]byte, string, error) {
	o := sheetOf(s)
	if o == nil || s.open.d == nil {
		return nil, "", errScratch
	}
	s.mu.Lock()
	sh := o.current(s.open.d.Answers, time.Now().UTC())
	s.mu.Unlock()
	data, err := partner.Encode(sh)
	if err != nil {
		return nil, "", err
	}
	s.changed()
	saveSheetNow(s)
	return data, partner.FileName(sh), nil
}
