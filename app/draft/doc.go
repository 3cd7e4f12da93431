// Package draft is the applicant's work as a file: the .bando.json format that autosave writes,
// that export hands to the applicant and import reads back, on any machine. It knows nothing of
// the DOM or go-app, so the CLI and server read drafts with the same code as the browser.
//
// A draft is {format, formatVersion, call, callVersion, appVersion, createdAt, savedAt,
// finalisedAt?, answers}. Reading one never trusts it: wrong JSON, another format, another call
// or a newer format get a clear message (Italian first) and leave the current draft untouched.
package draft
