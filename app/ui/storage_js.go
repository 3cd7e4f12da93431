//go:build js && wasm

package ui

import (
	"context"

	"bando/app/draft"
)

// openStore opens this browser's drafts; when the browser refuses every storage, drafts live
// in memory and the header says so (export often).
func openStore(ctx context.Context) (draft.Store, error) {
	b, err := draft.OpenBrowserStore(ctx)
	if err != nil {
		return draft.NewMemory(), err
	}
	return b, nil
}
