// Package calledit is the call editor's model, free of the DOM: a call schema as an ordered
// JSON document (Value: what the author wrote, keys in their order, unknown keys kept), the
// tree operations of the editor on it (add, duplicate, delete, move up, down, into and out of
// a group), the validator tags of a field as controls and back (Rules), the undo and redo
// history, and the migration entry that a rename or a removal after publication needs
// (ProposeMigration). Package builder draws it with go-app; its tests are here.
//
// The JSON text is the source of truth: every tree edit is made on the parsed document and
// written back as text (Marshal), and an edit of the text is parsed again, so either view
// shows the other's edits at once.
package calledit
