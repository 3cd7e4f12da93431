package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// pickedFile returns the file chosen in the event's file input, and clears the input so that
// choosing the same file again (after fixing or signing it again) fires a new change event.
// A File keeps its contents after the input is cleared.
func pickedFile(e app.Event) (app.Value, bool) {
	input := e.Get("target")
	files := input.Get("files")
	defer input.Set("value", "")
	if files.Length() == 0 {
		return nil, false
	}
	return files.Index(0), true
}
