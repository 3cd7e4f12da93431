package ui

import (
	"bando/app/job"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The partner sheet (issue 15, item 1): on each member of the call's partner group the
// capofila downloads that member's sheet (.bando-partner.json: the member's part of the form,
// what is already entered for it, nothing of the other members) to send to its legal
// representative. The signing worker makes it (job.OpSheet), so that app/partner stays out of
// the applicant's first download.

func init() {
	texts["sheet.export"] = [2]string{"Scheda per il membro", "Sheet for the member"}
	texts["sheet.error"] = [2]string{"La scheda non è stata creata: %s", "The sheet was not made: %s"}
}

// sheetButton is item it's button for its sheet; nil unless its group is the call's partner
// group (and the draft is the applicant's own).
func (it *itemView) sheetButton(l schema.Lang, title string) app.UI {
	if !partnerGroup(it.group()) {
		return nil
	}
	return app.Button().Type("button").Class("btn btn-sm btn-outline-secondary item-sheet").
		Disabled(it.sheetRunning).Aria("label", tr(l, "sheet.export")+": "+title).
		Text(tr(l, "sheet.export")).OnClick(it.exportSheet)
}

// partnerGroup reports whether the group at path is the call's partner group, and the draft
// the applicant's own. It reads the group named by the call's "partner" key as loaded, not
// PartnerPart: that re-reads and lints it (the call was linted when loaded), code the first
// download does not need.
func partnerGroup(path string) bool {
	p, _ := sess.open.call.Partner.(map[string]any)
	items, _ := p["items"].(string)
	return items != "" && items == path && sess.scratch.mode == ""
}

func (it *itemView) exportSheet(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	l := it.Lang
	raw, err := sess.encoded()
	if it.sheetRunning || err != nil {
		return
	}
	it.sheetRunning, it.sheetMsg = true, ""
	runJob(ctx, job.Request{Op: job.OpSheet, Lang: l, Draft: raw, Member: it.Index}, nil, nil, func(r jobResult) {
		it.sheetRunning = false
		if r.Error != nil || r.Sheet == nil {
			it.sheetMsg = tr(l, "sheet.error", orFailure(r).Text.In(l))
			return
		}
		if err := downloadBlob(r.Sheet.FileName, blobOf(r.Data, "application/json")); err != nil {
			it.sheetMsg = tr(l, "sheet.error", err.Error())
		}
	})
}
