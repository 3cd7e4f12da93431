//go:build !(js && wasm)

package ui

import (
	"context"

	"bando/app/draft"
)

// openStore outside the browser (tests, server-side rendering) keeps drafts in memory.
func openStore(context.Context) (draft.Store, error) { return draft.NewMemory(), nil }
