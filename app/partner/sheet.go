package partner

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"bando/app/draft"
	"bando/schema"
)

// Format and FormatVersion identify a partner sheet.
const (
	Format        = "bando-partner"
	FormatVersion = 1
	// Ext is the file extension of a sheet.
	Ext = ".bando-partner.json"
	// MaxSize bounds a sheet file: one member's part, long texts included, is a few kilobytes.
	MaxSize = 1 << 20
)

// limits bound a sheet's shape before it is decoded (as draft.Decode bounds a draft's): one
// member's part holds a few dozen values, twice (answers and base).
var limits = draft.Limits{Values: 10_000, Items: draft.MaxItems, Depth: 16}

// Declared is the key, in a member's item of the draft, of the declarations (schema paths,
// sorted) its legal representative accepted in its sheet. Like schema.ItemID it is not an
// answer of the form: validation and the PDF leave it alone.
const Declared = "_declared"

// Sheet is one member's part of a proposal.
type Sheet struct {
	Format        string `json:"format"`
	FormatVersion int    `json:"formatVersion"`
	Call          string `json:"call"`
	CallVersion   int    `json:"callVersion"`
	// CallHash is the call's hash (CallHash): the same id and version with other rules is
	// another call.
	CallHash string `json:"callHash"`
	// Proposal is the id of the draft it came from (ProposalID), Member the member's item id.
	Proposal string `json:"proposal"`
	Member   string `json:"member"`
	// Name is the member's name when the sheet was exported: titles and file names.
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"createdAt"`
	SavedAt   time.Time `json:"savedAt"`
	// Answers are the reduced form: the member's item, alone in its group, and the
	// declarations it makes, at their paths (true when accepted).
	Answers schema.Answers `json:"answers"`
	// Base is Answers as exported, for the three-way merge.
	Base schema.Answers `json:"base"`

	// Aside keeps answers of fields a call update removed, found when the sheet was migrated
	// (Check), as a draft keeps them (draft.Draft.Aside): "v<version>:<path>", the path in the
	// reduced form. They travel in the file — a sheet migrated on the member's computer and
	// sent back still holds them — and a merge keeps them in the draft's Aside.
	Aside map[string]any `json:"aside,omitempty"`
}

// Error is a sheet that cannot be used, with a stable key and a message per language; it is a
// *draft.Error, so the app and the CLI show it like a draft's.
type Error = draft.Error

func errf(key string, it, en string, args ...any) *Error {
	return &Error{Key: key, Msg: schema.Text{IT: fmt.Sprintf(it, args...), EN: fmt.Sprintf(en, args...)}}
}

// ProposalID is the id of the proposal a draft holds: derived from its call and the moment it
// was created, so every copy of a draft (exported, imported, opened in the CLI) has the same
// one and a draft needs no new field.
func ProposalID(d *draft.Draft) string {
	h := sha256.Sum256([]byte(d.Call + "\x00" + d.CreatedAt.UTC().Format(time.RFC3339Nano)))
	return hex.EncodeToString(h[:8])
}

// CallHash is the call's identity (schema.Call.Hash, the SHA-256 of its canonical JSON): two
// calls with the same id and version but different fields or rules have different hashes.
func CallHash(c *schema.Call) string { return c.Hash() }

// part is the call's partner part, or an error for a call without one.
func part(c *schema.Call) (*schema.Partner, error) {
	p, err := c.PartnerPart()
	switch {
	case err != nil:
		return nil, errf("partner.call_broken", "La descrizione del bando sbaglia le schede dei membri («partner»): %s", "The call's description of partner sheets (“partner”) is wrong: %s", err.Error())
	case p == nil:
		return nil, errf("partner.none", "Questo bando non prevede schede per i membri.", "This call has no partner sheets.")
	}
	return p, nil
}

// memberIndex finds the item with id in the group's list, or -1.
func memberIndex(items []any, id string) int {
	for i, it := range items {
		if m, ok := it.(map[string]any); ok && m[schema.ItemID] == id {
			return i
		}
	}
	return -1
}

// Export makes the sheet of the member at index i of the draft's group. d must be open with c
// (draft.Open): its items have their ids.
func Export(d *draft.Draft, c *schema.Call, i int, now time.Time) (*Sheet, error) {
	p, err := part(c)
	if err != nil {
		return nil, err
	}
	items := d.Answers.Items(p.Group().Path())
	if i < 0 || i >= len(items) {
		return nil, errf("partner.no_member", "La domanda non ha il membro %d (ne ha %d).", "The proposal has no member %d (it has %d).", i+1, len(items))
	}
	item, _ := items[i].(map[string]any)
	id, _ := item[schema.ItemID].(string)
	if id == "" {
		return nil, errf("partner.no_id", "Il membro %d non ha un identificativo: apri la bozza con l'app o la riga di comando, che lo assegnano.", "Member %d has no id: open the draft with the app or the command line, which assign one.", i+1)
	}
	form := reducedForm(p, item, declaredOf(item))
	name, _ := item[p.Label].(string)
	return &Sheet{
		Format: Format, FormatVersion: FormatVersion,
		Call: c.ID, CallVersion: c.Version, CallHash: CallHash(c),
		Proposal: ProposalID(d), Member: id, Name: name,
		CreatedAt: now, SavedAt: now,
		Answers: form, Base: form.Clone(),
	}, nil
}

// reducedForm is the answers of a sheet: the member's item alone in its group (every field
// the capofila entered, so that conditions and checks read what they read in the draft) and
// the declarations, true where accepted.
func reducedForm(p *schema.Partner, item map[string]any, declared []string) schema.Answers {
	sec, grp, _ := strings.Cut(p.Group().Path(), ".")
	own := map[string]any(schema.Answers(item).Clone())
	delete(own, Declared)
	a := schema.Answers{sec: map[string]any{grp: []any{own}}}
	for _, f := range p.DeclarationFields() {
		s, id, _ := strings.Cut(f.Path(), ".")
		m, ok := a[s].(map[string]any)
		if !ok {
			m = map[string]any{}
			a[s] = m
		}
		if slices.Contains(declared, f.Path()) {
			m[id] = true
		}
	}
	return a
}

// declaredOf is the declarations a member's item says it accepted.
func declaredOf(item map[string]any) []string {
	var out []string
	l, _ := item[Declared].([]any)
	for _, v := range l {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Item is the member's item in a sheet's reduced form (answers or base), or nil.
func Item(p *schema.Partner, a schema.Answers) map[string]any {
	items := a.Items(p.Group().Path())
	if len(items) != 1 {
		return nil
	}
	m, _ := items[0].(map[string]any)
	return m
}

// Encode writes s as indented JSON.
func Encode(s *Sheet) ([]byte, error) {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// FileName is "<call>_<member name>_<date exported>.bando-partner.json" (draft.FileName): the
// member's name, not the proposal's title, since each member gets a sheet of its own.
func FileName(s *Sheet) string {
	return draft.FileName(s.Call, s.Name, schema.InRome(s.CreatedAt), Ext)
}

// Decode reads a sheet file, bounded like a draft (see draft.Limits). It checks the envelope,
// not the answers against a call: see Check.
func Decode(data []byte) (*Sheet, error) {
	if len(data) > MaxSize {
		return nil, errf("partner.too_large", "Il file è troppo grande per essere una scheda partner (%d KB, al massimo %d).", "The file is too large to be a partner sheet (%d KB, at most %d).", len(data)>>10, MaxSize>>10)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errf("partner.empty", "Il file è vuoto.", "The file is empty.")
	}
	if b := limits.Exceeds(data); b != "" {
		return nil, errf("partner.too_big_"+b, "La scheda partner contiene troppi valori o livelli annidati: non è stata scritta da Bando o è danneggiata.", "The partner sheet holds too many values or nesting levels: it was not written by Bando or is damaged.")
	}
	var env struct {
		Sheet
		Answers json.RawMessage `json:"answers"`
		Base    json.RawMessage `json:"base"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, errf("partner.syntax", "Il file non è una scheda partner leggibile: forse è stato troncato o modificato a mano.", "The file is not a readable partner sheet: it may be truncated or edited by hand.")
	}
	s := &env.Sheet
	switch {
	case s.Format == draft.Format:
		return nil, errf("partner.is_draft", "Questo file è una bozza di domanda, non una scheda partner: aprila dalla pagina iniziale.", "This file is a draft application, not a partner sheet: open it from the start page.")
	case s.Format != Format:
		return nil, errf("partner.format", "Questo file non è una scheda partner di Bando (manca \"format\": \"%s\").", "This file is not a Bando partner sheet (\"format\": \"%s\" is missing).", Format)
	case s.FormatVersion > FormatVersion:
		return nil, errf("partner.newer", "Questa scheda è stata salvata da una versione più recente dell'app (formato %d): aggiorna la pagina o l'app per aprirla.", "This sheet was saved by a newer version of the app (format %d): reload or update the app to open it.", s.FormatVersion)
	case s.FormatVersion < 1:
		return nil, errf("partner.format", "Versione del formato mancante o non valida.", "Missing or invalid format version.")
	case s.Call == "" || s.CallVersion < 1 || s.Proposal == "" || s.Member == "":
		return nil, errf("partner.incomplete", "La scheda non dice di quale bando, domanda o membro è: il file è stato modificato a mano o è danneggiato.", "The sheet does not say which call, proposal or member it belongs to: the file was edited by hand or is damaged.")
	}
	for _, part := range []struct {
		raw json.RawMessage
		to  *schema.Answers
	}{{env.Answers, &s.Answers}, {env.Base, &s.Base}} {
		a := schema.Answers{}
		if len(part.raw) > 0 && string(part.raw) != "null" {
			var err error
			if a, err = schema.DecodeAnswers(part.raw); err != nil {
				return nil, errf("partner.answers", "Le risposte nella scheda non sono leggibili: il file è stato modificato a mano o è danneggiato.", "The answers in the sheet cannot be read: the file was edited by hand or is damaged.")
			}
		}
		*part.to = a
	}
	return s, nil
}

// Check reports whether s can be used with call c and brings it to c's version: a sheet of
// another call, of a newer version, or of the same version with other rules is refused; one
// of an older version is migrated like a draft (schema.Call.Migrate), answers of removed
// fields kept for the merge to set aside. It also checks that the reduced form holds exactly
// one member, with the sheet's id.
func Check(s *Sheet, c *schema.Call) error {
	p, err := part(c)
	if err != nil {
		return err
	}
	switch {
	case s.Call != c.ID:
		return errf("partner.other_call", "Questa scheda è per un altro bando (%s), non per «%s».", "This sheet is for another call (%s), not for “%s”.", s.Call, c.Title.IT)
	case s.CallVersion > c.Version:
		return errf("partner.call_newer", "Questa scheda usa una versione più recente del bando (%d, qui c'è la %d): aggiorna l'app.", "This sheet uses a newer version of the call (%d, this app has %d): update the app.", s.CallVersion, c.Version)
	case s.CallVersion == c.Version && s.CallHash != CallHash(c):
		return errf("partner.call_changed", "Questa scheda è della versione %d del bando, ma con regole diverse da quelle di questa app: chiedi al capofila una nuova scheda.", "This sheet is for version %d of the call, but with other rules than this app's: ask the lead partner for a new sheet.", s.CallVersion)
	}
	if s.CallVersion < c.Version {
		for _, a := range []*schema.Answers{&s.Answers, &s.Base} {
			m, rep, err := c.Migrate(*a, s.CallVersion)
			if err != nil {
				return errf("partner.migrate", "Non riesco ad aggiornare la scheda alla versione %d del bando.", "Cannot bring the sheet to version %d of the call.", c.Version)
			}
			if a == &s.Answers {
				for _, kept := range rep.SetAside {
					key := draft.AsideKey(s.CallVersion, kept.Path)
					if _, ok := s.Aside[key]; !ok {
						if s.Aside == nil {
							s.Aside = map[string]any{}
						}
						s.Aside[key] = kept.Value
					}
				}
			}
			*a = m
		}
		s.CallVersion, s.CallHash = c.Version, CallHash(c)
	}
	for _, a := range []schema.Answers{s.Answers, s.Base} {
		it := Item(p, a)
		if it == nil || it[schema.ItemID] != s.Member {
			return errf("partner.shape", "La scheda non contiene esattamente il membro che dichiara: il file è stato modificato a mano o è danneggiato.", "The sheet does not hold exactly the member it names: the file was edited by hand or is damaged.")
		}
	}
	return nil
}
