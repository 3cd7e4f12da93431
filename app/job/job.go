// Package job is the contract between the applicant's page and the signing worker: what the
// page asks (make the proposal PDF, check a signed file, prepare the PEC package) and what the
// worker answers. The worker is a second Wasm program (wasm/worker) that runs app/pdf and
// app/pec in a Web Worker, so that the PDF engine, the fonts and crypto/x509 stay out of the
// first download (see wasm/worker and app/ui/sign.go).
//
// The types here carry no behaviour and import only package schema, so both programs can use
// them without pulling app/pdf or app/pec into the main Wasm. Every text the page shows comes
// with its Italian and English version, so switching language never asks the worker again.
//
// On the wire a request is a message {id, req, blobs}: req is a Request as JSON, blobs the
// files the page holds (File objects, passed by reference, never read by the page). The
// worker answers with messages {id, kind, …}: kind "progress" with done and total, then kind
// "result" with json (a Result) and data (an ArrayBuffer, transferred: the PDF or the .eml).
package job

import (
	"encoding/json"
	"time"

	"bando/schema"
)

// Op is what the page asks of the worker.
type Op string

const (
	OpPDF Op = "pdf" // the proposal PDF of the draft: Result.PDF, the file in data
	// OpDraftPDF is the draft PDF to circulate (app/pdf Options.Draft: BOZZA on every page,
	// no signatures, the open problems at the end), made whatever the errors and without
	// finalising: Result.PDF (FileName ends in _bozza.pdf), the file in data.
	OpDraftPDF Op = "draft-pdf"
	OpVerify   Op = "verify"  // the signed file against the draft's proposal: Result.Verdict
	OpPackage  Op = "package" // the PEC package: Result.Package (checklist, size, deadline, guide)
	OpEML      Op = "eml"     // the same, and the .eml draft in data
	// OpBundle is the applicant's support bundle of the draft (app/draft NewBundle, redacted
	// unless Support says otherwise): Result.Bundle, the .bando-support.json file in data. The
	// worker makes it so that the redaction stays out of the first download (about 33 KB).
	OpBundle Op = "bundle"
	// OpSheet is the partner sheet of the member at index Member of the call's partner group
	// (app/partner Export, issue 15): Result.Sheet, the .bando-partner.json file in data. Made
	// by the worker for the same reason as the bundle: the applicant's first download stays
	// without it.
	OpSheet Op = "sheet"
)

// Request is one job. Draft is the .bando.json of the open draft, as draft.Encode writes it.
type Request struct {
	Op    Op              `json:"op"`
	Lang  schema.Lang     `json:"lang"`
	Draft json.RawMessage `json:"draft"`
	// Call is the text of the draft's call when it is not shipped (published by the server or
	// opened from a file, app/ui/catalogue.go): the worker has only the shipped ones.
	Call        json.RawMessage `json:"call,omitempty"`
	Signed      *File           `json:"signed,omitempty"`      // verify, package, eml
	Trust       []File          `json:"trust,omitempty"`       // verify: PEM trust anchors the applicant dropped
	Attachments []File          `json:"attachments,omitempty"` // package, eml
	From        string          `json:"from,omitempty"`        // the applicant's PEC address, if known
	Support     *Support        `json:"support,omitempty"`     // bundle
	Member      int             `json:"member,omitempty"`      // sheet: the member's index in its group
}

// Support is what the page knows of a support bundle to make and the worker does not: the
// applicant's choices, the screen they were on, the app's version and what the browser says
// of itself (the fields of app/draft's Browser, which this package does not import).
type Support struct {
	AppVersion       string `json:"appVersion,omitempty"`
	Screen           string `json:"screen,omitempty"`
	Personal         bool   `json:"personal,omitempty"` // keep the answers as they are
	Coarsen          bool   `json:"coarsen,omitempty"`  // replace the coarse facts too
	UserAgent        string `json:"userAgent,omitempty"`
	Language         string `json:"language,omitempty"`
	StorageUsage     string `json:"storageUsage,omitempty"`
	StorageQuota     string `json:"storageQuota,omitempty"`
	StoragePersisted string `json:"storagePersisted,omitempty"`
}

// File is a file the page holds as a Blob: Blob is its index in the message's blobs.
type File struct {
	Name string `json:"name"`
	For  string `json:"for,omitempty"` // the call attachment it provides
	Blob int    `json:"blob"`
}

// Progress is a step of a long job.
type Progress struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// Result answers a Request: exactly one of the fields is set.
type Result struct {
	PDF     *PDF     `json:"pdf,omitempty"`
	Verdict *Verdict `json:"verdict,omitempty"`
	Package *Package `json:"package,omitempty"`
	Bundle  *Bundle  `json:"bundle,omitempty"`
	Sheet   *Bundle  `json:"sheet,omitempty"`
	Error   *Message `json:"error,omitempty"`
}

// Bundle describes a file made — the support bundle, a partner sheet —; its bytes travel
// beside the result.
type Bundle struct {
	FileName string `json:"fileName"`
	Size     int    `json:"size"`
}

// Message is a verdict or a refusal with a stable key (for tests and support) and its text.
type Message struct {
	Key  string      `json:"key"`
	Text schema.Text `json:"text"`
}

// PDF describes the proposal made; its bytes travel beside the result.
type PDF struct {
	FileName string `json:"fileName"` // pdf.FileName
	Size     int    `json:"size"`
	SHA256   string `json:"sha256"` // of the file, hex
}

// Verdict is the check of a signed file (pec.Report, as the page shows it).
type Verdict struct {
	OK       bool            `json:"ok"`
	Format   string          `json:"format"` // "cades" (.p7m) or "pades" (signed PDF)
	Same     bool            `json:"same"`   // the signatures cover the proposal and nothing after changes it
	Lang     schema.Lang     `json:"lang"`   // the language of the proposal that was signed
	Signers  []Signer        `json:"signers"`
	Missing  []schema.Signer `json:"missing"`
	Problems []Message       `json:"problems"`
	Notes    []schema.Text   `json:"notes"`  // always shown: what an offline check cannot do
	SHA256   string          `json:"sha256"` // of the signed file checked, hex: the draft records it (draft.Signed)
}

// Signer is one signature found in the file.
type Signer struct {
	Name         string     `json:"name"`
	CF           string     `json:"cf"`
	Organization string     `json:"organization,omitempty"`
	Issuer       string     `json:"issuer"`
	SigningTime  *time.Time `json:"signingTime,omitempty"` // declared by the signer's computer
	Timestamp    *time.Time `json:"timestamp,omitempty"`   // proved by a verified timestamp
	Qualified    bool       `json:"qualified"`             // the certificate claims a qualified signature
	Chain        string     `json:"chain,omitempty"`       // "trusted", "untrusted", "unchecked"
	Counter      bool       `json:"countersignature,omitempty"`
	Valid        bool       `json:"valid"`
	Required     bool       `json:"required"`
	Problem      *Message   `json:"problem,omitempty"`
	Warnings     []Message  `json:"warnings,omitempty"`
}

// Package is the PEC message as it stands: who and what to send, and whether it can go.
type Package struct {
	To        string `json:"to"`
	Subject   string `json:"subject"`
	Checklist []Item `json:"checklist"`
	Complete  bool   `json:"complete"` // every required attachment has a file
	// Size is the whole message after base64 encoding, the figure PEC limits count.
	Size        int64       `json:"size"`
	SizeLevel   string      `json:"sizeLevel"` // "ok", "warn" (over 20 MB), "refuse" (over 30 MB)
	SizeMessage schema.Text `json:"sizeMessage"`
	Deadline    schema.Text `json:"deadline"`
	Passed      bool        `json:"passed"`
	Urgent      bool        `json:"urgent"`
	Guide       schema.Text `json:"guide"`   // how to send it from a PEC webmail
	EMLName     string      `json:"emlName"` // the name to offer for the .eml draft
}

// Item is one attachment the call asks for, with the files given for it.
type Item struct {
	ID       string   `json:"id"`
	Files    []string `json:"files"`
	Required bool     `json:"required"`
	Done     bool     `json:"done"`
}
