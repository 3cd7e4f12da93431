// Package partner is how the members of an ATS fill their own part of one proposal, each on
// its own computer and offline: the partner sheet (.bando-partner.json) and its merge back
// into the capofila's draft. It knows nothing of the DOM, so the CLI (`bando partner`) and the
// app share it; the app loads it only where sheets are made, opened or merged, never on an
// applicant's first visit.
//
// A call says which part of the form is a member's (schema.Partner: the fields of its item in
// a group, and the declarations each member's legal representative makes). Export writes, for
// one member, a sheet with the call's id, version and hash, the proposal's id, the member's
// stable item id (schema.ItemID), its item as the capofila entered it and its acceptance of
// those declarations — and nothing of the other members. The sheet keeps a copy of the same
// part as exported (Base): the common ancestor of a three-way merge.
//
// The member fills the sheet as a reduced form: answers shaped like a draft's, holding only
// its item (at index 0 of the group) and the declarations, checked by the call's own rules
// (Validate). The capofila then merges the sheet (Plan, Apply): field by field, what the member
// changed since the export is a change, what both changed differently is a conflict that
// someone must decide, and the draft's history keeps the answers each merge replaced.
package partner
