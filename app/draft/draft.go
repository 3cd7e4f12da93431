package draft

import (
	"bytes"
	"encoding/json"
	"errors"
	"time"

	"bando/schema"
)

// Format and FormatVersion identify a draft file.
const (
	Format        = "bando-draft"
	FormatVersion = 1
	// Ext is the file extension of a draft.
	Ext = ".bando.json"
	// MaxSize bounds a draft file: a 40-member proposal with long texts is well under 1 MB.
	MaxSize = 8 << 20
)

// Draft is one proposal in progress.
type Draft struct {
	Format        string `json:"format"`
	FormatVersion int    `json:"formatVersion"`
	Call          string `json:"call"`
	CallVersion   int    `json:"callVersion"`
	// CallHash is the hash of the call the answers were last given on (schema.Call.Hash):
	// a draft checked against a call with another hash and the same version was filled on
	// an altered copy of the call, or the call was changed without a new version.
	CallHash    string         `json:"callHash,omitempty"`
	AppVersion  string         `json:"appVersion"`
	CreatedAt   time.Time      `json:"createdAt"`
	SavedAt     time.Time      `json:"savedAt"`
	FinalisedAt *time.Time     `json:"finalisedAt,omitempty"`
	Answers     schema.Answers `json:"answers"`
	// Aside keeps answers a call update removed, so nothing is ever dropped silently.
	Aside map[string]any `json:"aside,omitempty"`
	// History records imports, merges, migrations and restores: a list of Event, kept as
	// JSON and read only where the history is shown or written (history.go).
	History json.RawMessage `json:"history,omitempty"`
	// Title is the name the applicant gave the draft (rename), shown everywhere the draft is
	// named; empty, the draft is named after its answers (Title).
	Title string `json:"title,omitempty"`
	// EditedAfterFinal says the answers changed after FinalisedAt: the PDF made then is out
	// of date and must not be signed (Edited, state.go).
	EditedAfterFinal bool `json:"editedAfterFinal,omitempty"`
	// Signed is the signed file last verified against this draft (state.go).
	Signed *Signed `json:"signed,omitempty"`
}

// New starts an empty draft of call c.
func New(c *schema.Call, appVersion string, now time.Time) *Draft {
	return &Draft{
		Format: Format, FormatVersion: FormatVersion,
		Call: c.ID, CallVersion: c.Version, CallHash: c.Hash(), AppVersion: appVersion,
		CreatedAt: now, SavedAt: now, Answers: schema.Answers{},
	}
}

// Error is a draft that cannot be used: schema.Error, with its key and its message in Italian
// and English.
type Error = schema.Error

var errf = schema.Errorf

// Decode reads a draft file. It checks the envelope (format, version, dates), not the answers
// against a call: see CheckCall.
func Decode(data []byte) (*Draft, error) {
	if err := CheckSize(int64(len(data))); err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM added by some editors
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errf("draft.empty", nil, "Il file è vuoto.", "The file is empty.")
	}
	if err := checkShape(data); err != nil { // before decoding: see shape.go
		return nil, err
	}
	// The envelope is the Draft itself, with the answers kept raw (decoded apart, exactly) and
	// "sections" only to recognise a call schema dropped here by mistake; "title" too, which a
	// call has as an object: the mistake must be recognised, not reported as bad JSON.
	var env struct {
		Draft
		Answers  json.RawMessage `json:"answers"`
		Sections json.RawMessage `json:"sections"`
		Title    json.RawMessage `json:"title"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, syntaxError(data, err)
	}
	switch {
	case env.Format == "" && env.Sections != nil, env.Format == schema.FormatCall:
		return nil, errf("draft.is_call", nil, "Questo file è la descrizione di un bando, non una bozza di domanda.", "This file describes a call, it is not a draft application.")
	case env.Format != Format:
		return nil, errf("draft.format", nil, "Questo file non è una bozza di Bando (manca \"format\": \"%s\").", "This file is not a Bando draft (\"format\": \"%s\" is missing).", Format)
	case env.FormatVersion > FormatVersion:
		return nil, errf("draft.newer", nil, "Questa bozza è stata salvata da una versione più recente dell'app (formato %d): aggiorna la pagina o l'app per aprirla.", "This draft was saved by a newer version of the app (format %d): reload or update the app to open it.", env.FormatVersion)
	case env.FormatVersion < 1:
		return nil, errf("draft.format", nil, "Versione del formato mancante o non valida.", "Missing or invalid format version.")
	case env.Call == "":
		return nil, errf("draft.no_call", nil, "La bozza non dice a quale bando si riferisce.", "The draft does not say which call it answers.")
	}
	d := &env.Draft
	if len(env.Title) > 0 {
		if err := json.Unmarshal(env.Title, &d.Title); err != nil {
			return nil, errf("draft.title", err, "Il titolo della bozza non è un testo: il file è stato modificato a mano o è danneggiato.", "The draft's title is not a text: the file was edited by hand or is damaged.")
		}
	}
	d.Answers = schema.Answers{}
	if len(env.Answers) > 0 && string(env.Answers) != "null" {
		a, err := schema.DecodeAnswers(env.Answers)
		if err != nil {
			return nil, errf("draft.answers", err, "Le risposte nella bozza non sono leggibili: il file è stato modificato a mano o è danneggiato.", "The answers in the draft cannot be read: the file was edited by hand or is damaged.")
		}
		d.Answers = a
	}
	return d, nil
}

func syntaxError(data []byte, err error) error {
	p, ok := jsonErrorPos(data, err)
	if !ok {
		return errf("draft.syntax", err, "Il file non è una bozza leggibile.", "The file is not a readable draft.")
	}
	return errf("draft.syntax", err, "Il file non è una bozza leggibile: JSON non valido o valore inatteso alla riga %d, colonna %d. Forse è stato troncato o modificato a mano.", "The file is not a readable draft: invalid JSON or an unexpected value at line %d, column %d. It may be truncated or edited by hand.", p.Line, p.Column)
}

// jsonErrorPos finds where in data encoding/json stopped, for messages that point at it.
func jsonErrorPos(data []byte, err error) (schema.Position, bool) {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// Offset counts the bytes read, the offending one included: point at that one.
		return schema.PositionAt(data, max(int(se.Offset)-1, 0)), true
	case errors.As(err, &te):
		return schema.PositionAt(data, int(te.Offset)), true
	}
	return schema.Position{}, false
}

// CheckCall reports whether d can be opened with call c.
func CheckCall(d *Draft, c *schema.Call) error {
	if d.Call != c.ID {
		return errf("draft.other_call", nil, "Questa bozza è per un altro bando (%s), non per «%s».", "This draft is for another call (%s), not for “%s”.", d.Call, c.Title.IT)
	}
	if d.CallVersion > c.Version {
		return errf("draft.call_newer", nil, "Questa bozza usa una versione più recente del bando (%d, qui c'è la %d): aggiorna l'app.", "This draft uses a newer version of the call (%d, this app has %d): update the app.", d.CallVersion, c.Version)
	}
	return nil
}

// Encode writes d as indented JSON, stable across runs (map keys sorted by encoding/json).
func Encode(d *Draft) ([]byte, error) {
	if d.Answers == nil {
		d.Answers = schema.Answers{}
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
