// Package pdf makes the proposal document the applicant signs: a PDF/A-2b file rendered with
// github.com/jung-kurt/gofpdf v1.16.2 from a call and a draft, the same bytes in the browser
// (Wasm) and in the CLI. It knows nothing of the DOM or go-app.
//
// The document: a cover (call, authority, applicant and lead, the place and date of signature,
// status, where and by when to send it, who signs, the call's totals), the formal opening of a
// domanda under DPR 445/2000 (opening.go: each signer, CHIEDE, DICHIARA), every section in the
// call's order with only the fields the answers show, a recap of the amounts per budget line
// at the end of the budget section (totals.go: the call's computed fields, never added up
// here), repeating groups as tables (or, when their columns cannot fit across the page, one
// block per item) whose rows are never split across pages, long texts wrapped, declarations
// printed in full with the applicant's answer, and one signature block per required signer
// (schema RequiredSigners) with the signer's office. An outline (bookmarks) lists the opening,
// the sections and the signatures. Every page's footer carries the call id and version, "page n of
// N" and the SHA-256 of the canonical answers JSON (AnswersDigest, Canonical).
//
// Determinism: the same call and draft give byte-identical files. The only date printed is
// the signature date of the answers (schema.Application), else the draft's FinalisedAt
// (SavedAt for a draft not yet finalised, whose cover then says it must not be signed); the
// metadata dates are FinalisedAt (SavedAt); fonts are embedded from bytes and subset by gofpdf; SetCatalogSort and zlib
// compression are deterministic; the PDF/A finishing derives the file /ID and the font subset
// tags from the content. This is what makes the signed-file check of package pec possible: it
// regenerates the PDF from the draft and compares bytes.
//
// PDF/A-2b: see pdfa.go for what gofpdf misses and how the file is rewritten, xmp.go for the
// metadata, icc.go for the sRGB output profile built from the published primaries and
// cidset.go for the fonts' CIDSets. Besides the tests' own reading of the rules, every
// `make test` runs Apache PDFBox Preflight (preflight_test.go) on the examples and a
// 40-member proposal relabelled PDF/A-1b, a stricter level our files also meet.
//
// Layout engine (layout.go): gofpdf's automatic page break is off; content is measured into
// rows first and placed by keep (one page when it fits) or flow (break between rows, never
// after a heading or label), so nothing is cut in half.
package pdf
