package ui

import (
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/app/partner"
	"bando/schema"
)

// The partner page's texts are registered by RoutesWithBuilder in the staff program; the tests
// of this package (texts complete, texts used) read them too.
func init() { partnerTexts() }

// memShelf keeps sheets in a map, for tests.
type memShelf map[string]string

func (m memShelf) put(key string, data []byte) error { m[key] = string(data); return nil }
func (m memShelf) get(key string) string             { return m[key] }
func (m memShelf) del(key string)                    { delete(m, key) }
func (m memShelf) keys() []string {
	var out []string
	for k := range m {
		if strings.HasPrefix(k, keySheetPrefix) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// withShelf makes an empty memShelf this tab's, for one test.
func withShelf(t *testing.T) memShelf {
	t.Helper()
	old := sheetShelf
	m := memShelf{}
	sheetShelf = m
	t.Cleanup(func() { sheetShelf = old })
	return m
}

// famiSheet is the sheet of the second member of the complete FAMI example, as the capofila
// exports it, with the draft it came from.
func famiSheet(t *testing.T) (*schema.Call, *draft.Draft, []byte) {
	t.Helper()
	c, d := famiDraft(t)
	return c, d, sheetFile(t, d, c, 1, nil)
}

// withPartnerMode is a tab of the staff program with the applicant's own draft open, its
// hooks set as RoutesWithBuilder sets them.
func withPartnerMode(t *testing.T) *session {
	t.Helper()
	s := withDraft(t, testCall(t), schema.Answers{}, schema.IT)
	old := saveSheet
	saveSheet = saveSheetNow
	t.Cleanup(func() { saveSheet = old })
	return s
}

// A sheet opens as a reduced form: the member's item and the declarations, in partner mode,
// kept on this device at once; the applicant's draft is set aside, never written.
func TestOpenSheet(t *testing.T) {
	shelf := withShelf(t)
	s := withPartnerMode(t)
	own := s.open.d
	c, _, data := famiSheet(t)
	sh, got, err := readSheet(s, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := showSheet(s, sh, got); err != nil {
		t.Fatal(err)
	}
	if s.scratch.mode != "partner" || s.open.call != got || s.open.d == own || sheetOf(s) == nil {
		t.Fatalf("mode %q: the sheet is not on screen", s.scratch.mode)
	}
	if _, _, ok := s.snapshot(); ok {
		t.Fatal("the sheet would be saved as a draft")
	}
	if got := s.open.answers().Get("ats.membri[0].denominazione"); got != "Mediazione Insieme ODV" {
		t.Errorf("the reduced form holds %v, want the second member", got)
	}
	if len(shelf) != 1 || shelf[sheetKey(sh)] == "" {
		t.Fatalf("the sheet is not kept on this device: %v", shelf.keys())
	}
	p, _ := c.PartnerPart()
	html := rendered(&partnerView{Lang: schema.IT})
	for _, f := range p.MemberFields() {
		if c.Shown(s.open.answers(), "ats.membri[0]."+f.ID) && !strings.Contains(html, `id="`+FieldID("ats.membri[0]."+f.ID)+`"`) {
			t.Errorf("the member's field %s is not on the page", f.ID)
		}
	}
	for _, f := range p.DeclarationFields() {
		if !strings.Contains(html, `id="`+FieldID(f.Path())+`"`) {
			t.Errorf("the declaration %s is not on the page", f.Path())
		}
	}
	for _, absent := range []string{FieldID("ats.membri[0].capofila"), FieldID("ats.stato"), FieldID("dichiarazioni.luogo"),
		"item-remove", "item-up", "item-duplicate", "group-add", "item-sheet"} {
		if strings.Contains(html, absent) {
			t.Errorf("the reduced form shows %s", absent)
		}
	}
	s.scratchFollows(route{page: "home"})
	if s.scratch.mode != "" || s.open.d != own || s.scratch.kept != nil {
		t.Fatal("leaving the page does not put the applicant's draft back")
	}
}

// The call's rules check the reduced form, item-level checks included: a legal representative's
// tax code of another birth date shows the item's check at the birth date, the summary lists it,
// and fixing it clears both.
func TestSheetChecks(t *testing.T) {
	withShelf(t)
	s := withPartnerMode(t)
	_, _, data := famiSheet(t)
	sh, c, err := readSheet(s, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := showSheet(s, sh, c); err != nil {
		t.Fatal(err)
	}
	if n := checkSheet(s); n != 6 {
		t.Fatalf("the member has %d problems, want its 6 declarations not yet accepted: %v", n, s.summary)
	}
	acceptDeclarations(s)
	if n := checkSheet(s); n != 0 {
		t.Fatalf("the complete example's member has %d problems: %v", n, s.summary)
	}
	const birth = "ats.membri[0].rl_nascita_data"
	s.set("ats.membri[0].rl_cf", "LMRYSF86S03Z330P") // 1986, the answer says 1985
	s.check("ats.membri[0].rl_cf")
	if u := s.ui[birth]; u == nil || u.issue == nil || u.issue.Key != "check.rl_nascita_cf" {
		t.Fatalf("no item-level message at %s: %+v", birth, s.ui[birth])
	}
	if n := checkSheet(s); n != 1 || len(s.summary) != 1 || s.summary[0] != birth || s.summaryFor != sheetSummary {
		t.Fatalf("%d problems, summary %v for %q", n, s.summary, s.summaryFor)
	}
	html := rendered(&partnerView{Lang: schema.EN})
	if !strings.Contains(html, `id="error-summary"`) || !strings.Contains(html, "tax code") {
		t.Errorf("no summary with the item's message:\n%s", html)
	}
	s.set("ats.membri[0].rl_cf", "LMRYSF85S03Z330O")
	s.check("ats.membri[0].rl_cf")
	if u := s.ui[birth]; u.issue != nil {
		t.Errorf("the message stays once fixed: %v", u.issue.Message)
	}
	if n := checkSheet(s); n != 0 {
		t.Errorf("%d problems once fixed", n)
	}
	// a declaration withdrawn is the member's problem too
	s.set("dichiarazioni.privacy", nil)
	if n := checkSheet(s); n != 1 || s.summary[0] != "dichiarazioni.privacy" {
		t.Errorf("a declaration not accepted: %d problems, summary %v", n, s.summary)
	}
}

// Autosave keeps the sheet with its answers; the list names it by member and call; the sheet
// continued from the list has the answers; the export reads back, validates, and merges into
// the capofila's draft as the member's changes.
func TestSheetSavedAndExported(t *testing.T) {
	shelf := withShelf(t)
	s := withPartnerMode(t)
	c, d, data := famiSheet(t)
	sh := openedSheet(t, s, c, data)
	s.set("ats.membri[0].telefono", "+39 0574 111222")
	acceptDeclarations(s)
	s.saveNow() // as the autosave's timer does
	kept, err := partner.Decode([]byte(shelf[sheetKey(sh)]))
	if err != nil {
		t.Fatal(err)
	}
	if got := kept.Answers.Get("ats.membri[0].telefono"); got != "+39 0574 111222" {
		t.Fatalf("kept %v", got)
	}
	if !kept.SavedAt.After(sh.CreatedAt) || kept.Base.Get("ats.membri[0].telefono") != "+39 0574 765432" {
		t.Errorf("saved at %v, base %v", kept.SavedAt, kept.Base.Get("ats.membri[0].telefono"))
	}
	if s.saver.changes != s.saver.saved {
		t.Error("the save is not counted")
	}
	if st := sheetStatus(s, schema.IT); !strings.HasPrefix(st, "Scheda salvata su questo computer alle ") {
		t.Errorf("status %q", st)
	}

	s.leaveScratch()
	list := keptSheets(s, schema.IT)
	if len(list) != 1 || !strings.HasPrefix(list[0].title, "Mediazione Insieme ODV — ") || !strings.Contains(list[0].title, "FAMI") {
		t.Fatalf("list %+v", list)
	}
	again, c2, err := readSheet(s, []byte(shelf[list[0].key]))
	if err != nil {
		t.Fatal(err)
	}
	if err := showSheet(s, again, c2); err != nil {
		t.Fatal(err)
	}
	if got := s.open.answers().Get("ats.membri[0].telefono"); got != "+39 0574 111222" {
		t.Fatalf("continued with %v", got)
	}

	out, name, err := exportSheet(s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(name, partner.Ext) || !strings.Contains(name, "mediazione-insieme") {
		t.Errorf("file name %q", name)
	}
	back, err := partner.Decode(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := partner.Check(back, c); err != nil {
		t.Fatal(err)
	}
	if is := partner.Validate(back, c, schema.IT); len(is) != 0 {
		t.Errorf("the exported sheet has problems: %v", is)
	}
	m, err := partner.Plan(d, c, back)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, ch := range m.Changes {
		paths = append(paths, ch.Path)
	}
	if len(paths) != 7 || paths[0] != "ats.membri[1].telefono" || m.Conflicts() != 0 {
		t.Errorf("the merge plan changes %v, want the telephone and the 6 declarations", paths)
	}
}

// acceptDeclarations accepts every declaration of the open sheet, as its member ticks them.
func acceptDeclarations(s *session) {
	for _, f := range sheetOf(s).p.DeclarationFields() {
		s.set(f.Path(), true)
	}
}

// A sheet that cannot be opened says why, in both languages, and nothing changes.
func TestReadSheetRefuses(t *testing.T) {
	withShelf(t)
	s := withPartnerMode(t)
	_, _, data := famiSheet(t)
	draftFile, err := os.ReadFile("../../schema/calls/examples/toscana-fami-2024.complete.bando.json")
	if err != nil {
		t.Fatal(err)
	}
	unknown := strings.Replace(string(data), `"call": "toscana-fami-2024"`, `"call": "bando-che-non-esiste"`, 1)
	newer := strings.Replace(string(data), `"callVersion": `, `"callVersion": 9`, 1)
	other := strings.Replace(string(data), `"callHash": "`, `"callHash": "0`, 1)
	tests := []struct {
		name, data, key string
		says            []string
	}{
		{"a draft", string(draftFile), "partner.is_draft", nil},
		{"not JSON", "PDF-1.7", "partner.syntax", nil},
		{"another JSON", `{"hello": 1}`, "partner.format", nil},
		{"too large", `{"a":"` + strings.Repeat("x", partner.MaxSize) + `"}`, "partner.too_large", nil},
		{"a call this app lacks", unknown, "partner.unknown_call", []string{"bando-che-non-esiste", "versione 2"}},
		{"a newer version", newer, "partner.call_newer", nil},
		{"other rules", other, "partner.call_changed", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readSheet(s, []byte(tt.data))
			de, ok := err.(*draft.Error)
			if !ok || de.Key != tt.key {
				t.Fatalf("got %v, want %s", err, tt.key)
			}
			if de.Message(schema.IT) == "" || de.Message(schema.EN) == "" || de.Message(schema.IT) == de.Message(schema.EN) {
				t.Errorf("messages %q / %q", de.Message(schema.IT), de.Message(schema.EN))
			}
			for _, w := range tt.says {
				if !strings.Contains(de.Message(schema.IT), w) {
					t.Errorf("%q does not say %q", de.Message(schema.IT), w)
				}
			}
			if s.scratch.mode != "" {
				t.Error("entered partner mode")
			}
		})
	}
}

// Saving is skipped when nothing changed, and a sheet's time is kept in UTC.
func TestSaveSheetOnlyWhenChanged(t *testing.T) {
	shelf := withShelf(t)
	s := withPartnerMode(t)
	c, _, data := famiSheet(t)
	sh := openedSheet(t, s, c, data)
	before := shelf[sheetKey(sh)]
	time.Sleep(2 * time.Millisecond)
	s.saveNow()
	if shelf[sheetKey(sh)] != before {
		t.Error("written again with no change")
	}
	if at := sheetOf(s).s.SavedAt; at.Location() != time.UTC {
		t.Errorf("saved at %v", at)
	}
}

// Two tabs with the same sheet open: the one that saves second does not overwrite what the
// other saved, and says so.
func TestSheetSavedByAnotherTab(t *testing.T) {
	shelf := withShelf(t)
	s := withPartnerMode(t)
	c, _, data := famiSheet(t)
	sh := openedSheet(t, s, c, data)
	key := sheetKey(sh)
	other, _, err := readSheet(s, []byte(shelf[key])) // the other tab's copy, saved later
	if err != nil {
		t.Fatal(err)
	}
	other.SavedAt = time.Now().Add(time.Minute).UTC()
	_ = other.Answers.Set("ats.membri[0].pec", "altra@pec.it")
	out, err := partner.Encode(other)
	if err != nil {
		t.Fatal(err)
	}
	shelf[key] = string(out)

	s.set("ats.membri[0].telefono", "+39 0574 111222")
	s.saveNow()
	if s.saver.err != errOtherTab || shelf[key] != string(out) {
		t.Fatalf("saved over the other tab's sheet: err %v", s.saver.err)
	}
	if st := sheetStatus(s, schema.EN); !strings.Contains(st, "another window") {
		t.Errorf("status %q", st)
	}
	// opened again, it continues the other tab's and saves
	s.leaveScratch()
	again, _, err := readSheet(s, []byte(shelf[key]))
	if err != nil {
		t.Fatal(err)
	}
	if err := showSheet(s, again, c); err != nil {
		t.Fatal(err)
	}
	s.set("ats.membri[0].telefono", "+39 0574 333444")
	s.saveNow()
	kept, _ := partner.Decode([]byte(shelf[key]))
	if s.saver.err != nil || kept.Answers.Get("ats.membri[0].pec") != "altra@pec.it" || kept.Answers.Get("ats.membri[0].telefono") != "+39 0574 333444" {
		t.Errorf("err %v, kept pec %v telefono %v", s.saver.err, kept.Answers.Get("ats.membri[0].pec"), kept.Answers.Get("ats.membri[0].telefono"))
	}
}

// openedSheet reads the sheet file data and shows it in partner mode, as opening it on /scheda does.
func openedSheet(t *testing.T, s *session, c *schema.Call, data []byte) *partner.Sheet {
	t.Helper()
	sh, _, err := readSheet(s, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := showSheet(s, sh, c); err != nil {
		t.Fatal(err)
	}
	return sh
}
