package builder

import (
	"strconv"
	"sync"
	"time"

	"bando/app/ui"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Autosave. The call being edited is written in localStorage and IndexedDB (store.go), not at
// every keystroke: writing 87 KB twice and drawing the page again when IndexedDB answers cost
// more than the edit itself. An edit asks for a write saveDelay later (the edits made meanwhile
// join it), so a killed browser loses at most that much plus the write; leaving the page
// (pagehide, the tab hidden, another page of the app) writes at once. The two stores may then
// disagree (localStorage is written at once, IndexedDB a moment later, or never when the page
// is gone first): each keeps the time of its copy beside it, and the newest wins at the next
// visit. Only a change of the "could not save" message draws the page again.

// saveDelay is how long an edit waits for the write that keeps it.
const saveDelay = 200 * time.Millisecond

// keySavedAt holds the time, in ms since the epoch, of the copy at keySource in the same store.
const keySavedAt = "bando.builder.savedAt"

// saver is the state of autosave.
type saver struct {
	mu      sync.Mutex // pending is read by the page's leave listener too
	pending string     // the text waiting to be written
	dirty   bool

	scheduled bool   // a write is due in saveDelay
	busy      bool   // an IndexedDB write is under way
	idb       string // the text IndexedDB should have next, written by the time idbAt
	idbAt     string
	idbDue    bool
	localOK   bool // the last localStorage write was taken

	leave app.Func // the listener of pagehide and visibilitychange
}

// autosave asks for the call being edited to be written soon.
func (b *builderPage) autosave() {
	b.save.mu.Lock()
	b.save.pending, b.save.dirty = b.src, true
	b.save.mu.Unlock()
	if !b.mounted {
		b.flushLocal()
		return
	}
	if b.save.scheduled {
		return
	}
	b.save.scheduled = true
	b.ctx.After(saveDelay, func(ctx app.Context) {
		defer recovered()
		b.save.scheduled = false
		if !b.flush() {
			ctx.PreventUpdate()
		}
	})
}

// flushLocal writes the pending text in localStorage, with its time, at once; it reports the
// text and its time ("" when nothing was pending). It may run outside the UI goroutine.
func (b *builderPage) flushLocal() (src, at string) {
	b.save.mu.Lock()
	defer b.save.mu.Unlock()
	if !b.save.dirty {
		return "", ""
	}
	src, at = b.save.pending, strconv.FormatInt(time.Now().UnixMilli(), 10)
	// The time only after the text: a copy refused (full) must not look newer than it is.
	b.save.localOK = ui.LocalSet(keySource, src) && ui.LocalSet(keySavedAt, at)
	return src, at
}

// flush writes the pending text now: in localStorage, then in IndexedDB, one write at a time,
// the latest text last. It reports whether the page must be drawn again (the message about
// saving changed).
func (b *builderPage) flush() bool {
	src, at := b.flushLocal()
	b.save.mu.Lock()
	b.save.dirty = false
	b.save.mu.Unlock()
	if at == "" {
		return false
	}
	b.save.idb, b.save.idbAt, b.save.idbDue = src, at, true
	changed := b.setSaveMsg(!b.save.localOK, false)
	b.writeIDB()
	return changed
}

// writeIDB starts the IndexedDB write of the latest text, unless one is under way (its end
// starts the next).
func (b *builderPage) writeIDB() {
	if b.save.busy || !b.save.idbDue || !b.mounted {
		return
	}
	b.save.busy, b.save.idbDue = true, false
	src, at, ctx := b.save.idb, b.save.idbAt, b.ctx
	ctx.Async(func() {
		defer background()
		err := storePut(keySource, src, keySavedAt, at)
		ctx.Dispatch(func(ctx app.Context) {
			defer recovered()
			b.save.busy = false
			if !b.setSaveMsg(err != nil && !b.save.localOK, err == nil && b.save.localOK) {
				ctx.PreventUpdate()
			}
			b.writeIDB()
		})
	})
}

// setSaveMsg shows that the call could not be kept (failed) or takes it back (ok), and reports
// whether that changed the page.
func (b *builderPage) setSaveMsg(failed, ok bool) bool {
	msg := b.saveMsg
	switch {
	case failed:
		msg = tr(b.Lang, "builder.savefailed")
	case ok:
		msg = ""
	}
	changed := msg != b.saveMsg
	b.saveMsg = msg
	return changed
}

// listenLeave writes what is pending when the author leaves: the page hidden (another tab, the
// browser minimised, often the last moment a phone gives) or unloaded. The listener writes
// localStorage itself, at once, since the page may be gone before the UI goroutine runs; the
// UI goroutine then writes IndexedDB too.
func (b *builderPage) listenLeave() {
	if b.save.leave != nil {
		return
	}
	ctx := b.ctx
	b.save.leave = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer background()
		if _, at := b.flushLocal(); at != "" {
			ctx.Dispatch(func(ctx app.Context) {
				defer recovered()
				if !b.flush() { // IndexedDB too
					ctx.PreventUpdate()
				}
			})
		}
		return nil
	})
	_ = ui.JSTry(func() {
		app.Window().Call("addEventListener", "pagehide", b.save.leave)
		app.Window().Get("document").Call("addEventListener", "visibilitychange", b.save.leave)
	})
}

func (b *builderPage) OnDismount() {
	defer recovered()
	b.flush() // another page of the app: the editor's state goes with this component
	b.mounted = false
	if b.save.leave != nil {
		_ = ui.JSTry(func() {
			app.Window().Call("removeEventListener", "pagehide", b.save.leave)
			app.Window().Get("document").Call("removeEventListener", "visibilitychange", b.save.leave)
		})
		b.save.leave.Release()
		b.save.leave = nil
	}
}

// newest is the call being edited as kept in this browser: the newer of IndexedDB's copy and
// localStorage's (local, written at localAt), IndexedDB's when neither says when (copies made
// before the times were kept). Call it from a goroutine.
func newest(local, localAt string) string {
	src, err := storeGet(keySource)
	if err != nil || src == "" {
		return local
	}
	idbAt, _ := storeGet(keySavedAt)
	l, _ := strconv.ParseInt(localAt, 10, 64)
	i, _ := strconv.ParseInt(idbAt, 10, 64)
	if local != "" && l > i {
		return local
	}
	return src
}
