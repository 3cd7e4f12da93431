package ui

import (
	"strings"
	"time"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// A long group is drawn in batches: the items of the first screen at once, so that the form
// takes input as soon as they are there, then the others a batch at a time, each its own task,
// so that a keystroke or a click waits at most one batch. 40 members of 24 questions are 960
// inputs: drawn at once they held the page for half a second before it took input, every time
// the step opened. A batch adds items at the end, so the order of the page (keyboard, screen
// readers) never changes; a focus waiting for an item not yet drawn (a link of the error
// summary or of the review, a URL's fragment) draws them all at once.
const (
	firstBatchFields = 48  // questions drawn with the page: two members (more than a screen), 12 budget lines
	batchFields      = 240 // questions per later batch: ten members; fewer, larger batches cost less in all (each also renders the page around the group)
	batchPause       = time.Millisecond
)

// drawn is how many of the group's shown items to draw now. Only in the browser: a page drawn
// elsewhere (tests, the server) has all its items.
func (g *groupView) drawn(def *schema.Field, shown int) int {
	if !g.began {
		g.began = true
		if first := firstBatchFields / max(1, len(def.Fields)); app.IsClient && shown > first {
			g.upTo = max(1, first)
		}
	}
	if g.upTo >= shown || g.upTo > 0 && strings.HasPrefix(sess.focusAfter, FieldID(g.Path)+"-") {
		g.upTo = 0
	}
	if g.upTo == 0 {
		return shown
	}
	return g.upTo
}

// nextBatch draws the next batch after a pause, in which the browser handles input and paints.
func (g *groupView) nextBatch(ctx app.Context) {
	if g.upTo > 0 {
		time.AfterFunc(batchPause, func() {
			defer sess.guard.background()
			ctx.Dispatch(g.grow)
		})
	}
}

func (g *groupView) grow(ctx app.Context) {
	defer sess.guard.recovered()
	if def := sess.open.call.Field(g.Path); g.upTo > 0 && def != nil {
		g.upTo += max(1, batchFields/max(1, len(def.Fields)))
		ctx.Defer(g.grown)
	}
}

func (g *groupView) grown(ctx app.Context) {
	defer sess.guard.recovered()
	sess.afterRender() // a focus may wait for an item of this batch
	g.nextBatch(ctx)
}
