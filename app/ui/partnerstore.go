package ui

import (
	"sort"
	"strings"
	"time"

	"bando/app/partner"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The partner sheets on this device: each kept whole, as the file it would be exported as,
// under its own localStorage key (sheetKey: one per proposal and member, so opening the same
// sheet again continues it). localStorage rather than IndexedDB, where drafts live: its writes
// are synchronous, so the copy made when the page is hidden or closed (flushSync) is complete
// before the browser goes on, the list below needs no waiting, and a sheet is a few kilobytes
// (one FAMI member: ~5 KB) against the origin's 5 MB. The sheets never enter the store of
// drafts: they are not the applicant's proposals.

// keySheetPrefix starts the localStorage key of every sheet kept.
const keySheetPrefix = "bando.sheet."

// sheetKey is where sheet sh is kept: its proposal and its member.
func sheetKey(sh *partner.Sheet) string { return keySheetPrefix + sh.Proposal + "." + sh.Member }

// shelf keeps sheets by key: localStorage in the browser, a map in tests.
type shelf interface {
	put(key string, data []byte) error
	get(key string) string
	del(key string)
	keys() []string // every key of a sheet kept
}

// sheetShelf is where this tab keeps sheets.
var sheetShelf shelf = localShelf{}

type localShelf struct{}

func (localShelf) put(key string, data []byte) error {
	return jsTry(func() { app.Window().Get("localStorage").Call("setItem", key, string(data)) })
}

func (localShelf) get(key string) string { return localGet(key) }

func (localShelf) del(key string) {
	_ = jsTry(func() { app.Window().Get("localStorage").Call("removeItem", key) })
}

func (localShelf) keys() []string {
	var out []string
	_ = jsTry(func() {
		st := app.Window().Get("localStorage")
		for i := range st.Get("length").Int() {
			if k := st.Call("key", i); k.Type() == app.TypeString && strings.HasPrefix(k.String(), keySheetPrefix) {
				out = append(out, k.String())
			}
		}
	})
	return out
}

// sheetEntry is a sheet kept on this device, as the list shows it.
type sheetEntry struct {
	key   string
	title string // member — call
	saved time.Time
}

// keptSheets lists the sheets on this device, the last saved first. One that no longer reads
// (damaged by hand in the browser's tools) is left out of the list, not deleted.
func keptSheets(s *session, l schema.Lang) []sheetEntry {
	var out []sheetEntry
	for _, k := range sheetShelf.keys() {
		sh, err := partner.Decode([]byte(sheetShelf.get(k)))
		if err != nil {
			continue
		}
		c, _ := s.lookupCall(sh.Call)
		out = append(out, sheetEntry{key: k, title: sheetTitle(sh, c, l), saved: sh.SavedAt})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].saved.After(out[j].saved) })
	return out
}

// sheetTitle names a sheet: its member and its call ("Alfa APS — FAMI …").
func sheetTitle(sh *partner.Sheet, c *schema.Call, l schema.Lang) string {
	call := sh.Call
	if c != nil {
		call = c.Title.In(l)
	}
	return sheetName(sh, c, l) + " — " + call
}

// sheetName is the sheet's member as its item names it now, else as it was named when
// exported.
func sheetName(sh *partner.Sheet, c *schema.Call, l schema.Lang) string {
	name := sh.Name
	if c != nil {
		if p, err := c.PartnerPart(); err == nil && p != nil {
			if it := partner.Item(p, sh.Answers); it != nil {
				if s, ok := it[p.Label].(string); ok && strings.TrimSpace(s) != "" {
					name = s
				}
			}
		}
	}
	if name = strings.TrimSpace(name); name == "" {
		name = tr(l, "psheet.noname")
	}
	return name
}
