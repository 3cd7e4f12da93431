// Package draft is the applicant's work as a file: the .bando.json format that autosave writes,
// that export hands to the applicant and import reads back, on any machine. It knows nothing of
// the DOM or go-app, so the CLI and server read drafts with the same code as the browser.
//
// A draft is {format, formatVersion, call, callVersion, appVersion, createdAt, savedAt,
// finalisedAt?, title?, editedAfterFinal?, signed?, answers}: title is the applicant's own name
// for it (title.go names every draft, name.go every file made from one), editedAfterFinal and
// signed say where it stands (state.go). Reading one never trusts it: wrong JSON, another format, another call
// or a newer format get a clear message (Italian first) and leave the current draft untouched.
//
// Store keeps the drafts of one machine (store.go): Memory for tests, and in the browser
// BrowserStore (store_js.go, built for js/wasm only: IndexedDB, localStorage where IndexedDB is
// missing, and a copy written at once when the page goes away). A stored draft is its file's
// text, so what autosave keeps and what export hands out are the same bytes.
//
// The support bundle (bundle.go) is a redacted copy of a draft for the helpdesk: redact.go
// says what is replaced, which coarse facts are kept on purpose (legal form and other choices
// among the options, birth year, sex, provincia, CAP, the office code of an entity's codice
// fiscale) and how the applicant coarsens them too (BundleOptions.Coarsen); docs/support-bundle.md
// says the same for readers of the file. Drafts and bundles are measured before decoding
// (shape.go), so no file makes the app, the CLI or the server work without bound.
package draft
