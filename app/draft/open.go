package draft

import (
	"strconv"

	"bando/schema"
)

// Open checks that d answers call c and brings it to c's version: answers of renamed fields
// move, answers of removed fields go to d.Aside under their old path (with the version they
// came from, so a later migration never overwrites them). The report says what happened, for
// the applicant to read; nothing is dropped. Items of groups get their stable ids (see
// schema.Call.AssignItemIDs). d changes only when Open succeeds.
func Open(d *Draft, c *schema.Call) (*schema.MigrationReport, error) {
	if err := CheckCall(d, c); err != nil {
		return nil, err
	}
	answers, rep, err := c.Migrate(d.Answers, d.CallVersion)
	if err != nil {
		return nil, errf("draft.migrate", err, "Non riesco ad aggiornare la bozza alla versione %d del bando: %v", "Cannot bring the draft to version %d of the call: %v", c.Version, err)
	}
	if len(rep.SetAside) > 0 && d.Aside == nil {
		d.Aside = map[string]any{}
	}
	for _, a := range rep.SetAside {
		d.Aside[AsideKey(d.CallVersion, a.Path)] = a.Value
	}
	// Items get their stable ids (schema.ItemID) here, after migration, so that every way a
	// draft is opened (the app, an import, the CLI, the signing worker) gives the same ones.
	c.AssignItemIDs(answers)
	d.Answers, d.CallVersion, d.CallHash = answers, c.Version, c.Hash()
	return rep, nil
}

// AsideKey is the key in Aside of the answer at path that a call update removed from a draft
// of version: "v1:ats.membri[0].runts" (the version keeps a later migration from overwriting
// it). A partner's sheet keeps its own the same way, so a merge puts them where Open would.
func AsideKey(version int, path string) string {
	return "v" + strconv.Itoa(version) + ":" + path
}
