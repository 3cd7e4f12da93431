// Package draft is the applicant's work as a file: the .bando.json format that autosave writes,
// that export hands to the applicant and import reads back, on any machine. It knows nothing of
// the DOM or go-app, so the CLI and server read drafts with the same code as the browser.
//
// A draft is {format, formatVersion, call, callVersion, appVersion, createdAt, savedAt,
// finalisedAt?, answers}. Reading one never trusts it: wrong JSON, another format, another call
// or a newer format get a clear message (Italian first) and leave the current draft untouched.
//
// Store keeps the drafts of one machine (store.go): Memory for tests, and in the browser
// BrowserStore (store_js.go, built for js/wasm only: IndexedDB, localStorage where IndexedDB is
// missing, and a copy written at once when the page goes away). A stored draft is its file's
// text, so what autosave keeps and what export hands out are the same bytes.
package draft
