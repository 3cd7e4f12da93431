package draft

// Reading a support bundle. A bundle comes from outside (an e-mail attachment, a ticket) and
// the helpdesk page opens it in the browser, so reading is strict: bounded size, no unknown
// fields, every string bounded and free of control characters (they would reach the operator's
// screen and terminal), a screen that can only be a path inside the app (never a URL the page
// could be sent to), and the draft inside checked as any imported draft is.

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"unicode/utf8"

	"bando/schema"
)

const (
	// maxFact bounds the short strings of a bundle (versions, browser facts, screen, keys).
	maxFact = 1024
	// MaxVerdicts bounds the verdicts of a bundle: a draft at the bounds of shape.go with every
	// answer missing gets a few tens of thousands.
	MaxVerdicts = 100_000
	// maxParams bounds the parameters of one verdict (messages have at most four).
	maxParams = 8
)

// bundleLimits: a draft's values plus a few per verdict (the verdict, its path, key and
// parameters), and the list of verdicts.
var bundleLimits = shape{values: MaxValues + (4+maxParams)*MaxVerdicts, items: MaxVerdicts, depth: MaxDepth + 1}

var (
	// screenPattern: an app path such as "/sezione/ats" or "/riepilogo?x=1". A leading "//" or
	// a scheme would make it a URL to another site.
	screenPattern = regexp.MustCompile(`^/([A-Za-z0-9_.~%=&?-][A-Za-z0-9/_.~%=&?-]*)?$`)
	// callPattern is the shape of a call id (schema lint enforces the same).
	callPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
)

// DecodeBundle reads a support bundle file. Every error is a *Error with a key starting with
// "draft.bundle_" and a message in Italian and English.
func DecodeBundle(data []byte) (*Bundle, error) {
	if len(data) > MaxBundleSize {
		return nil, tooLarge(len(data))
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errf("draft.bundle_empty", nil, "Il file è vuoto.", "The file is empty.")
	}
	// Bounded before anything is built (see shape.go): the draft inside gets the draft bounds
	// when it is decoded, the rest is verdicts.
	if s := measureShape(data, bundleLimits); s.depth > bundleLimits.depth {
		return nil, errf("draft.bundle_too_deep", nil, "Il pacchetto di assistenza ha troppi livelli annidati (più di %d): non è stato scritto da Bando o è danneggiato.", "The support bundle is nested too deeply (more than %d levels): it was not written by Bando or is damaged.", bundleLimits.depth)
	} else if s.values > bundleLimits.values || s.items > bundleLimits.items {
		return nil, errf("draft.bundle_too_many", nil, "Il pacchetto di assistenza contiene troppi valori o esiti (al massimo %d esiti): non è stato scritto da Bando o è danneggiato.", "The support bundle holds too many values or verdicts (at most %d verdicts): it was not written by Bando or is damaged.", MaxVerdicts)
	}
	// The envelope first, leniently, so that a draft, a call or a newer bundle gets a message
	// that says so rather than a complaint about an unknown field.
	var env struct {
		Format        string          `json:"format"`
		FormatVersion int             `json:"formatVersion"`
		Sections      json.RawMessage `json:"sections"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, bundleSyntax(data, err)
	}
	switch {
	case env.Format == Format:
		return nil, errf("draft.bundle_is_draft", nil, "Questo file è una bozza di domanda, non un pacchetto di assistenza: aprila con «Importa bozza».", "This file is a draft application, not a support bundle: open it with “Import draft”.")
	case env.Format != BundleFormat:
		return nil, errf("draft.bundle_format", nil, "Questo file non è un pacchetto di assistenza di Bando (manca \"format\": \"%s\").", "This file is not a Bando support bundle (\"format\": \"%s\" is missing).", BundleFormat)
	case env.FormatVersion > BundleFormatVersion:
		return nil, errf("draft.bundle_newer", nil, "Questo pacchetto è stato creato da una versione più recente dell'app (formato %d): aggiorna l'app per aprirlo.", "This bundle was made by a newer version of the app (format %d): update the app to open it.", env.FormatVersion)
	case env.FormatVersion < 1:
		return nil, errf("draft.bundle_format", nil, "Versione del formato del pacchetto mancante o non valida.", "Missing or invalid bundle format version.")
	}
	var raw struct {
		Bundle
		Draft json.RawMessage `json:"draft"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return nil, errf("draft.bundle_unknown_field", err, "Il pacchetto contiene un campo sconosciuto, %s: è stato modificato a mano o viene da un altro programma.", "The bundle holds an unknown field, %s: it was edited by hand or comes from another program.", name)
		}
		return nil, bundleSyntax(data, err)
	}
	if len(bytes.TrimSpace(data[dec.InputOffset():])) > 0 {
		return nil, errf("draft.bundle_syntax", nil, "Il pacchetto di assistenza non è leggibile: ci sono dati dopo la fine.", "The support bundle cannot be read: there is data after its end.")
	}
	b := raw.Bundle
	if len(raw.Draft) == 0 || string(raw.Draft) == "null" {
		return nil, missing("draft")
	}
	d, err := Decode(raw.Draft)
	if err != nil {
		inner := schema.Text{IT: err.Error(), EN: err.Error()}
		if de := (*Error)(nil); errors.As(err, &de) {
			inner = de.Msg
		}
		return nil, &Error{Key: "draft.bundle_draft", Err: err, Msg: schema.Text{
			IT: "La bozza dentro il pacchetto non è leggibile: " + inner.IT,
			EN: "The draft inside the bundle cannot be read: " + inner.EN}}
	}
	b.Draft = d
	if err := b.check(); err != nil {
		return nil, err
	}
	return &b, nil
}

// check enforces what DecodeBundle promises on a decoded or newly made bundle.
func (b *Bundle) check() error {
	switch {
	case b.CreatedAt.IsZero():
		return missing("createdAt")
	case b.Call == "":
		return missing("call")
	case b.Verdicts == nil:
		return missing("verdicts")
	case b.Draft == nil:
		return missing("draft")
	case b.Lang != string(schema.IT) && b.Lang != string(schema.EN):
		return badValue("lang", b.Lang)
	case !callPattern.MatchString(b.Call) || len(b.Call) > maxFact:
		return badValue("call", b.Call)
	case b.Draft.Call != b.Call || b.Draft.CallVersion != b.CallVersion:
		return errf("draft.bundle_mismatch", nil, "Il pacchetto dice bando %s versione %d, ma la bozza dentro è per %s versione %d: il file è stato modificato.", "The bundle says call %s version %d, but the draft inside is for %s version %d: the file was altered.", b.Call, b.CallVersion, b.Draft.Call, b.Draft.CallVersion)
	case b.Screen != "" && (len(b.Screen) > maxFact || !screenPattern.MatchString(b.Screen)):
		return errf("draft.bundle_screen", nil, "La schermata indicata nel pacchetto non è una pagina dell'app: %q.", "The screen named in the bundle is not a page of the app: %q.", clipText(b.Screen, 80))
	}
	facts := [...][2]string{
		{"appVersion", b.AppVersion}, {"browser.userAgent", b.Browser.UserAgent}, {"browser.language", b.Browser.Language},
		{"browser.storageUsage", b.Browser.StorageUsage}, {"browser.storageQuota", b.Browser.StorageQuota},
		{"browser.storagePersisted", b.Browser.StoragePersisted},
	}
	for _, f := range facts {
		if !plainText(f[1], maxFact) {
			return badValue(f[0], f[1])
		}
	}
	if len(b.Verdicts) > MaxVerdicts {
		return errf("draft.bundle_too_many", nil, "Il pacchetto di assistenza contiene troppi valori o esiti (al massimo %d esiti): non è stato scritto da Bando o è danneggiato.", "The support bundle holds too many values or verdicts (at most %d verdicts): it was not written by Bando or is damaged.", MaxVerdicts)
	}
	for i, v := range b.Verdicts {
		if v.Key == "" || !plainText(v.Key, maxFact) || strings.ContainsRune(v.Key, ' ') {
			return badValue("verdicts["+itoa(i)+"].key", v.Key)
		}
		// Parameters may quote an answer as typed (a choice that is not an option): they are
		// bounded in number, and escaped wherever they are printed.
		if len(v.Params) > maxParams {
			return badValue("verdicts["+itoa(i)+"].params", itoa(len(v.Params)))
		}
		if _, err := schema.ParsePath(v.Path); v.Path != "" && (err != nil || !plainText(v.Path, maxFact)) {
			return badValue("verdicts["+itoa(i)+"].path", v.Path)
		}
		if v.Severity != "" && v.Severity != schema.SeverityWarning {
			return badValue("verdicts["+itoa(i)+"].severity", string(v.Severity))
		}
	}
	for i, s := range b.NotKept {
		if !plainText(s, 2*maxFact) {
			return badValue("notKept["+itoa(i)+"]", s)
		}
	}
	return nil
}

// plainText reports whether s is valid UTF-8 of at most limit bytes without control characters.
func plainText(s string, limit int) bool {
	if len(s) > limit || !utf8.ValidString(s) {
		return false
	}
	return !strings.ContainsFunc(s, isControl)
}

// isControl: C0 and C1 control characters and DEL, which could move a terminal's cursor or
// hide text.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (0x80 <= r && r < 0xa0) }

// clip bounds the browser facts the UI passes in, so that an odd user agent cannot make the
// bundle unreadable; control characters become spaces.
func (br Browser) clip() Browser {
	fix := func(s string) string {
		s = strings.Map(func(r rune) rune {
			if isControl(r) {
				return ' '
			}
			return r
		}, strings.ToValidUTF8(s, "?"))
		return clipText(s, maxFact)
	}
	return Browser{UserAgent: fix(br.UserAgent), Language: fix(br.Language), StorageUsage: fix(br.StorageUsage),
		StorageQuota: fix(br.StorageQuota), StoragePersisted: fix(br.StoragePersisted)}
}

// clipText cuts s to at most n bytes at a rune boundary.
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func tooLarge(n int) error {
	return errf("draft.bundle_too_large", nil, "Il file è troppo grande per essere un pacchetto di assistenza (%d MB).", "The file is too large to be a support bundle (%d MB).", n>>20)
}

func missing(field string) error {
	return errf("draft.bundle_missing", nil, "Nel pacchetto di assistenza manca %q: il file è incompleto o è stato modificato.", "The support bundle lacks %q: the file is incomplete or was altered.", field)
}

func badValue(field, value string) error {
	return errf("draft.bundle_value", nil, "Nel pacchetto di assistenza il valore di %q non è ammesso (%q).", "In the support bundle the value of %q is not allowed (%q).", field, clipText(value, 80))
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// bundleSyntax words a JSON error with its line and column.
func bundleSyntax(data []byte, err error) error {
	p, ok := jsonErrorPos(data, err)
	if !ok {
		return errf("draft.bundle_syntax", err, "Il pacchetto di assistenza non è leggibile: è troncato o non è JSON.", "The support bundle cannot be read: it is truncated or not JSON.")
	}
	return errf("draft.bundle_syntax", err, "Il pacchetto di assistenza non è leggibile: JSON non valido o valore inatteso alla riga %d, colonna %d.", "The support bundle cannot be read: invalid JSON or an unexpected value at line %d, column %d.", p.Line, p.Column)
}
