// Package schema is the domain of Bando: a call for proposals (bando, avviso) described as
// data, the applicant's answers, and the one engine that decides whether the answers satisfy
// the call. The same code runs in the browser (Wasm), in the CLI and in the server, so an
// applicant never sees a verdict the Region's own tools would not give.
//
// A call is JSON (see Load): sections, fields, repeating groups, `when` conditions, field rules
// written as go-playground/validator tags plus our Italian tags (cf, cf_ente, piva, iban, pec,
// runts, cup, cap, provincia — see package itid), and cross-field checks written in a tiny
// expression language (parsed by schema/expr, compiled to closures in expr.go). Load lints the call and reports every problem with its
// JSON path and line:column, so a call author can fix a schema without a developer.
//
// Answers are plain JSON-shaped values (see Answers); Validate returns Issues that carry a
// field path such as "ats.membri[2].cf", a stable message key, parameters, a message in
// Italian (default) or English, and a severity: checks may run once per item of a group
// ("each", itemchecks.go), fields of an item may have to differ between items (unique.go), and
// a call may mark a check or a unique field as a warning, which never blocks the proposal
// (Issues.Errors is what decides whether a draft is complete).
//
// This package imports only the standard library and validator. validator's Italian and English
// messages are a generated table (validator_messages_gen.go, `go generate ./schema`), so that
// the browser does not carry its translators.
package schema
