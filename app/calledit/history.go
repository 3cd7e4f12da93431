package calledit

// History is the editor's undo and redo: the texts before each edit. Edits of one property
// typed letter by letter (the same key, one after the other) make one step.
type History struct {
	past, future []string
	lastKey      string
}

// maxHistory bounds the steps kept (a call is tens of KB: a few MB at most).
const maxHistory = 200

// Record notes that the text before an edit was before; key names what is edited ("" never
// merges). The redo steps are dropped, as in every editor.
func (h *History) Record(before, key string) {
	h.future = nil
	if key != "" && key == h.lastKey && len(h.past) > 0 {
		return
	}
	h.lastKey = key
	h.past = append(h.past, before)
	if len(h.past) > maxHistory {
		h.past = h.past[len(h.past)-maxHistory:]
	}
}

// Undo returns the text before the last step, given the text now.
func (h *History) Undo(now string) (string, bool) {
	if len(h.past) == 0 {
		return now, false
	}
	prev := h.past[len(h.past)-1]
	h.past = h.past[:len(h.past)-1]
	h.future = append(h.future, now)
	h.lastKey = ""
	return prev, true
}

// Redo takes back the last Undo.
func (h *History) Redo(now string) (string, bool) {
	if len(h.future) == 0 {
		return now, false
	}
	next := h.future[len(h.future)-1]
	h.future = h.future[:len(h.future)-1]
	h.past = append(h.past, now)
	h.lastKey = ""
	return next, true
}

// CanUndo and CanRedo say whether there is a step to take.
func (h *History) CanUndo() bool { return len(h.past) > 0 }
func (h *History) CanRedo() bool { return len(h.future) > 0 }
