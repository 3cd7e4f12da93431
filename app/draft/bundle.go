package draft

// The support bundle (.bando-support.json): what an applicant sends to the helpdesk when the
// app says something they do not understand. It holds the draft with personal values redacted
// (redact.go) so that every verdict stays the same, the verdicts the applicant saw, where they
// were (call and app versions, screen, language) and a few facts about the browser and its
// storage. A helpdesk operator opens it on the same screen with the same errors, and
// `bando replay` tells whether an app update changed a verdict.
//
// The file is plain JSON the applicant can read before sending: nothing in it is hidden or
// encoded, and it is written only where the applicant saves it.

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"bando/schema"
)

const (
	// BundleFormat and BundleFormatVersion identify a support bundle.
	BundleFormat        = "bando-support"
	BundleFormatVersion = 1
	// BundleExt is the file extension of a support bundle.
	BundleExt = ".bando-support.json"
	// MaxBundleSize bounds a bundle file: a draft (at most MaxSize) plus one short verdict per
	// answer and a few facts.
	MaxBundleSize = MaxSize + 2<<20
)

// Bundle is one support case.
type Bundle struct {
	Format        string    `json:"format"`
	FormatVersion int       `json:"formatVersion"`
	CreatedAt     time.Time `json:"createdAt"`
	AppVersion    string    `json:"appVersion"`
	Call          string    `json:"call"`
	CallVersion   int       `json:"callVersion"`
	// Screen is the app route the applicant was on, e.g. "/sezione/ats"; "" when unknown.
	Screen string `json:"screen"`
	// Lang is the language of the applicant's screen, "it" or "en".
	Lang    string  `json:"lang"`
	Browser Browser `json:"browser"`
	// Redacted is false only when the applicant asked to include personal data.
	Redacted bool `json:"redacted"`
	// Coarsened: the applicant asked to replace the coarse facts too (BundleOptions.Coarsen).
	Coarsened bool `json:"coarsened,omitempty"`
	// NotKept lists the verdicts (as "path: key") that redaction could not keep: the fakes of
	// those answers are judged differently. Empty for every shipped call.
	NotKept []string `json:"notKept,omitempty"`
	// Verdicts are the problems the app reported when the bundle was made, in form order.
	Verdicts []Verdict `json:"verdicts"`
	Draft    *Draft    `json:"draft"`
}

// Browser holds what the browser says about itself, as the UI reads it (the CLI fills in
// what it knows). Text, not numbers: they are shown to people, never computed with.
type Browser struct {
	UserAgent string `json:"userAgent,omitempty"`
	Language  string `json:"language,omitempty"` // navigator.language, e.g. "it-IT"
	// StorageUsage and StorageQuota come from navigator.storage.estimate(), e.g. "1.2 MB".
	StorageUsage string `json:"storageUsage,omitempty"`
	StorageQuota string `json:"storageQuota,omitempty"`
	// StoragePersisted is navigator.storage.persisted(): "true", "false", or "" when unknown.
	StoragePersisted string `json:"storagePersisted,omitempty"`
}

// Verdict is one problem as recorded: where, which message key and its parameters. Messages
// are not stored: they are worded again from the key in the reader's language and app version.
type Verdict struct {
	Path     string            `json:"path"`
	Key      string            `json:"key"`
	Params   map[string]string `json:"params,omitempty"`
	Severity schema.Severity   `json:"severity,omitempty"` // "" an error, "warning" a warning
}

// String returns "path: key", the form NotKept and the CLI use.
func (v Verdict) String() string { return v.Path + ": " + v.Key }

// Verdicts turns issues into verdicts.
func Verdicts(is schema.Issues) []Verdict {
	out := make([]Verdict, len(is))
	for i, x := range is {
		out[i] = Verdict{Path: x.Path, Key: x.Key, Params: x.Params, Severity: x.Severity}
	}
	return out
}

// BundleOptions are the facts only the caller knows.
type BundleOptions struct {
	AppVersion string
	Screen     string
	Lang       schema.Lang
	Browser    Browser
	Now        time.Time
	// Coarsen also replaces the coarse facts redaction keeps by default (see redact.go): the
	// sex and birth date in codici fiscali, the birth year of personal dates, provincia and CAP.
	// The applicant chooses it; the bundle records it (Coarsened).
	Coarsen bool
	// IncludePersonalData keeps the answers as they are. Only the applicant may set it, by an
	// explicit choice on the export screen; the bundle records it (Redacted false).
	IncludePersonalData bool
	// Salt keys the fakes (see redact.go); nil means a fresh random one, as the app uses.
	Salt []byte
}

// NewBundle makes the support bundle of draft d of call c. The verdicts are those of the
// original answers: what the applicant saw.
func NewBundle(c *schema.Call, d *Draft, o BundleOptions) (*Bundle, error) {
	if err := CheckCall(d, c); err != nil {
		return nil, err
	}
	b := &Bundle{
		Format: BundleFormat, FormatVersion: BundleFormatVersion,
		CreatedAt: o.Now, AppVersion: o.AppVersion, Call: d.Call, CallVersion: d.CallVersion,
		Screen: o.Screen, Lang: string(schema.ParseLang(string(o.Lang))), Browser: o.Browser.clip(),
		Redacted: !o.IncludePersonalData,
	}
	b.Verdicts = RecordedVerdicts(c, d.Answers)
	cp := *d
	if b.Redacted {
		r := newRedactor(c, o.Salt, o.Coarsen)
		cp.Answers = r.answers(d.Answers)
		if d.Aside != nil {
			cp.Aside = r.aside(d.Aside)
		}
		// The history is left out: the answers it keeps and the files it names are the
		// applicant's, and the helpdesk needs none of them (docs/support-bundle.md).
		cp.History = nil
		// A verdict may quote an answer (a choice that is no option): it quotes the placeholder.
		b.Verdicts = r.verdicts(b.Verdicts)
		b.Coarsened = o.Coarsen
		b.NotKept = diffVerdicts(b.Verdicts, RecordedVerdicts(c, cp.Answers))
	} else {
		cp.Answers = d.Answers.Clone()
		if d.Aside != nil {
			cp.Aside = schema.Answers(d.Aside).Clone()
		}
		cp.History = slices.Clone(d.History)
	}
	b.Draft = &cp
	if err := b.check(); err != nil {
		return nil, err
	}
	return b, nil
}

// RecordedVerdicts returns the verdicts of a as a bundle records them. Some parameters are
// worded (amounts as "1.000,00 €", item names), so they are always worded in Italian, the
// app's default: bundles then compare whatever language the applicant and the operator use.
func RecordedVerdicts(c *schema.Call, a schema.Answers) []Verdict {
	return Verdicts(c.Validate(a, schema.IT))
}

// diffVerdicts returns, as "path: key", the verdicts of was missing from now and those of now
// missing from was; nil when they are the same list.
func diffVerdicts(was, now []Verdict) []string {
	gone, added := CompareVerdicts(was, now)
	var out []string
	for _, i := range gone {
		out = append(out, was[i].String())
	}
	for _, i := range added {
		out = append(out, now[i].String())
	}
	return out
}

// CompareVerdicts returns the indices of the verdicts of was that now lacks (gone) and of
// those of now that was lacks (added), in order. Two verdicts are the same when path, key and
// parameters are; a verdict that appears twice must appear twice.
func CompareVerdicts(was, now []Verdict) (gone, added []int) {
	count := map[string]int{}
	for _, v := range now {
		count[v.id()]++
	}
	for i, v := range was {
		if count[v.id()] > 0 {
			count[v.id()]--
			continue
		}
		gone = append(gone, i)
	}
	for i, v := range now {
		if count[v.id()] > 0 {
			count[v.id()]--
			added = append(added, i)
		}
	}
	return gone, added
}

// id is the identity of a verdict for comparisons: path, key, severity and the parameters
// sorted, each quoted so that no two verdicts share one.
func (v Verdict) id() string {
	var b strings.Builder
	b.WriteString(strconv.Quote(v.Path))
	b.WriteString(strconv.Quote(v.Key))
	b.WriteString(strconv.Quote(string(v.Severity)))
	for _, k := range slices.Sorted(maps.Keys(v.Params)) {
		b.WriteString(strconv.Quote(k))
		b.WriteString(strconv.Quote(v.Params[k]))
	}
	return b.String()
}

// EncodeBundle writes b as indented JSON, stable across runs. It refuses what DecodeBundle
// would refuse as too large, so that every bundle written can be read.
func EncodeBundle(b *Bundle) ([]byte, error) {
	out, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return nil, err
	}
	if len(out) >= MaxBundleSize {
		return nil, tooLarge(len(out))
	}
	return append(out, '\n'), nil
}
