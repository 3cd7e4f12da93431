package main

import (
	"io"

	"bando/schema"
)

// callIdentity is which call a command judged by: its id, version and hash (the SHA-256 of
// its canonical form, docs/call-identity.md), so that an office can tell a proposal made on
// an altered call: the hash printed in the proposal's PDF must be this one.
type callIdentity struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	Hash    string `json:"sha256"`
}

func identityOf(c *schema.Call) callIdentity {
	return callIdentity{ID: c.ID, Version: c.Version, Hash: c.Hash()}
}

// printCallIdentity writes the line "Bando: ID, versione N, impronta SHA-256 HASH".
func printCallIdentity(w io.Writer, c *schema.Call, l schema.Lang) {
	tprintf(w, pick(l, "Bando: %s, versione %d, impronta SHA-256 %s\n", "Call: %s, version %d, SHA-256 %s\n"), c.ID, c.Version, c.Hash())
}
