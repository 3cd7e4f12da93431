// Package builder is the call editor at /builder: go-app components over the editing model of
// package calledit and the applicant's own components for the preview (ui.Preview).
//
// It is not part of the applicant's program (wasm): it is built into its own, web/builder.wasm
// (wasm/builder), which the server sends only for /builder (see package ui, builderhost.go), so
// an applicant never downloads it. Everything happens in the browser, offline too; the call
// being edited is kept in this browser (IndexedDB and localStorage) a moment after every
// change, and at once when the author leaves the page (save.go).
package builder
