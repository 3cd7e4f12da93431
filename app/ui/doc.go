// Package ui is what the applicant sees: go-app components that render any call schema as a
// guided form. The folder is app/ui and the package is named ui so that it never clashes
// with go-app's own package `app`.
//
// The components render what package schema says and ask it every verdict; nothing here knows
// about a particular call. The route table (Routes) is shared by the Wasm main and the server,
// because go-app's handler answers 404 for any route it was not told about; Pages lists every
// path so that the service worker keeps them all (deep links work offline).
//
// How it fits together:
//
//   - One root component (shell) for every route. go-app keeps it mounted across navigations,
//     so the tab's session (session.go) always has a component to run storage results on.
//     Which draft is open is remembered by the browser, not written in the URL: the set of
//     paths stays finite and cacheable.
//   - One component per question (fieldView), per repeating group and per item. go-app renders
//     again every ancestor of the component that handled an event, so ancestors only lay out
//     their children's small props (path, language, versions) and never walk the answers;
//     a keystroke renders one field. Per-field display state (the message, whether it has
//     been shown) lives in the session by answer path, so it survives a field being hidden
//     and follows its item when items move.
//   - Messages appear on leaving a field, then at every keystroke once shown (GOV.UK). They
//     are written into their box by the event handler itself (paintMessage), in the same task
//     as the keystroke: go-app renders on its next frame, 8 ms later, which then waits for the
//     browser's next frame; painting at once brings keystroke → message from ~26 ms to ~10 ms
//     (p95, 40 members). go-app renders the box, never its content.
//   - Elements that come and go keep their place (placeholders): go-app matches children by
//     position and would otherwise replace the input being typed in, and its focus.
//   - Autosave (autosave.go): 300 ms after the last change into IndexedDB (app/draft's
//     BrowserStore), and at once into localStorage when the page is hidden or closed. Every
//     write is one atomic compare-and-write (draft.Store.PutIfUnchanged), and a tab that wrote
//     a draft tells the others on a BroadcastChannel: the same draft open in two tabs is never
//     overwritten in silence (conflict.go).
//   - No crash (resilience.go): every event handler, callback and Render has a panic boundary
//     that shows an alert with the export button instead of ending the program.
//   - Import and export (importer.go) move drafts as .bando.json files; an import is checked
//     whole by package draft before anything changes, and always becomes a new draft.
//   - Signing and sending (sign.go, PathSign) after the review: the PDF, the signed-file check
//     and the PEC message are made by a second wasm in a Web Worker (wasm/worker, through
//     worker_js.go and package job), so app/pdf and app/pec never enter this program.
//   - Scratch drafts (scratch.go): the helpdesk (helpdesk.go, PathHelpdesk) shows a support
//     bundle's draft on the applicant's screen, read-only, and the call editor's preview
//     (builderpreview.go, PathBuilder) shows a call being written with the very same
//     components. Neither the helpdesk page nor the editor (package app/builder) is in this
//     program: /helpdesk and /builder load the staff program (wasm/builder; builderhost.go),
//     which is this package plus the editor. Either puts its draft in the session in place of
//     the applicant's, kept aside meanwhile, and nothing is saved until the applicant's draft
//     is back; signing, export and "send to the helpdesk" are not offered meanwhile. The
//     helpdesk's bundle survives a reload of its tab (sessionStorage: /app.js then loads the
//     staff program on any page). The review page's "send to the helpdesk" (supportBox) has
//     the signing worker make the bundle (job.OpBundle: draft.NewBundle), redacted unless the
//     applicant ticks it.
//   - Partner sheets (issue 15): on the members step the capofila downloads a member's sheet
//     (sheet.go, made by the worker); the member opens it on /scheda (PathPartner, a page of the
//     staff program: partnerpage.go) and fills its part as a reduced form in partner mode, a
//     scratch mode whose sheet is autosaved on the device (partnerstore.go: localStorage, not
//     the drafts' store), checked by the call's rules kept to the member's part and exported
//     back (partnerform.go); the capofila merges the sheets on /unisci (PathMerge). The
//     applicant's program reaches partner mode only through a hook (saveSheet) and links
//     neither it nor package partner.
package ui
