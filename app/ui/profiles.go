package ui

import (
	"maps"
	"strconv"
	"strings"
	"time"

	"bando/app/profile"
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Organisation profiles ("I miei enti", package profile): an applicant saves a member's
// organisation and legal representative once, and fills a member of any call from them. The
// profiles stay in this browser (localStorage, the same text as the .bando-enti.json file they
// are exported to) and never leave it otherwise.

func init() { maps.Copy(texts, profileTexts) }

var profileTexts = map[string][2]string{
	"profile.choose":          {"— scegli un ente —", "— choose an organisation —"},
	"profile.fill.label":      {"Compila da un ente salvato", "Fill from a saved organisation"},
	"profile.fill":            {"Compila", "Fill in"},
	"profile.save":            {"Salva nei miei enti", "Save to my organisations"},
	"profile.gone":            {"L'ente scelto non è più tra quelli salvati.", "The chosen organisation is no longer saved."},
	"profile.filled":          {"Compilati %d campi da «%s».", "Filled %d fields from “%s”."},
	"profile.kept":            {"%d risposte già date sono diverse da quelle dell'ente e non sono state cambiate:", "%d answers already given differ from the organisation's and were not changed:"},
	"profile.kept.item":       {"%s: «%s» (nell'ente: «%s»)", "%s: “%s” (saved: “%s”)"},
	"profile.replace":         {"Sostituisci anche queste %d risposte", "Replace these %d answers too"},
	"profile.skipped":         {"Non compilati perché questo bando non prevede il valore salvato: %s.", "Not filled because this call does not offer the saved value: %s."},
	"profile.save.empty":      {"Indica almeno la denominazione o il codice fiscale dell'ente prima di salvarlo.", "Give at least the organisation's name or tax code before saving it."},
	"profile.save.full":       {"Hai già %d enti salvati: elimina quelli che non usi da «I miei enti».", "You already have %d saved organisations: delete those you do not use in “My organisations”."},
	"profile.save.error":      {"Il browser non ha permesso di salvare gli enti: esportali come file per non perderli.", "The browser did not allow the organisations to be saved: export them as a file so that nothing is lost."},
	"profile.saved":           {"«%s» è salvato nei tuoi enti, su questo computer.", "“%s” is saved to your organisations, on this computer."},
	"profiles.home":           {"I miei enti: le organizzazioni salvate su questo computer, per compilare i membri in un attimo", "My organisations: those saved on this computer, to fill members in a moment"},
	"profiles.title":          {"I miei enti", "My organisations"},
	"profiles.intro":          {"Gli enti salvati restano solo in questo browser. Servono a compilare in un attimo un membro di qualsiasi bando; per usarli su un altro computer esportali e importali là.", "Saved organisations stay in this browser only. They fill a member of any call in a moment; to use them on another computer, export them and import them there."},
	"profiles.empty":          {"Nessun ente salvato. Salvalo da un membro della domanda con «Salva nei miei enti».", "No saved organisation. Save one from a member of the proposal with “Save to my organisations”."},
	"profiles.caption":        {"Enti salvati: %d", "Saved organisations: %d"},
	"profiles.cf":             {"Codice fiscale", "Tax code"},
	"profiles.rl":             {"Legale rappresentante", "Legal representative"},
	"profiles.saved":          {"Aggiornato", "Updated"},
	"profiles.saved.at":       {"%s (ora di Roma)", "%s (Rome time)"},
	"profiles.delete":         {"Elimina", "Delete"},
	"profiles.delete.confirm": {"Eliminare «%s» dai tuoi enti? Le domande già compilate non cambiano.", "Delete “%s” from your organisations? Proposals already filled do not change."},
	"profiles.deleted":        {"«%s» è stato eliminato.", "“%s” was deleted."},
	"profiles.export":         {"Esporta gli enti (.bando-enti.json)", "Export the organisations (.bando-enti.json)"},
	"profiles.import":         {"Importa enti da file", "Import organisations from a file"},
	"profiles.import.big":     {"Il file è troppo grande (al massimo %d KB).", "The file is too large (at most %d KB)."},
	"profiles.imported":       {"Importati: %d enti nuovi, %d aggiornati.", "Imported: %d new organisations, %d updated."},
	"profiles.back":           {"Torna alla pagina iniziale", "Back to the start page"},
}

// PathProfiles lists the saved organisations.
const PathProfiles = "/enti"

const (
	keyProfiles           = "bando.enti"
	keyProfilesUnreadable = "bando.enti.illeggibile"
)

// loadProfiles reads the saved organisations. A stored text that no longer decodes (written by
// a newer version, or damaged) is copied aside before anything can overwrite it: its
// organisations are not lost, and the list starts empty.
func loadProfiles() []profile.Profile {
	text := localGet(keyProfiles)
	if text == "" {
		return nil
	}
	ps, err := profile.Decode([]byte(text))
	if err != nil {
		localSet(keyProfilesUnreadable, text)
		localSet(keyProfiles, "")
		return nil
	}
	return ps
}

// storeProfiles writes the saved organisations; it reports a browser that refused.
func storeProfiles(ps []profile.Profile) error {
	text := string(profile.Encode(ps))
	return jsTry(func() { app.Window().Get("localStorage").Call("setItem", keyProfiles, text) })
}

var profileSeq int

func newProfileID() string {
	profileSeq++
	return "p" + strconv.FormatInt(time.Now().UnixMilli(), 36) + strconv.Itoa(profileSeq)
}

// profileBar is the bar of a member (a group's item) whose fields a profile fills: pick a saved
// organisation and fill the member from it, or save the member's organisation. What filling did
// is said in words, field by field where an answer was kept.
type profileBar struct {
	app.Compo
	Path string // the item, "ats.membri[2]"
	Lang schema.Lang
	Ver  int

	chosen string
	status string
	kept   []profile.Change // answers kept by the last fill, offered for replacement
	from   profile.Profile
}

func (pb *profileBar) id(part string) string { return FieldID(pb.Path) + "-profile-" + part }

func (pb *profileBar) fields() []*schema.Field {
	def := sess.open.call.Field(pb.Path[:strings.LastIndexByte(pb.Path, '[')])
	if def == nil {
		return nil
	}
	return def.Fields
}

func (pb *profileBar) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui)
	l := pb.Lang
	ps := loadProfiles()
	var pick app.UI
	if len(ps) > 0 {
		opts := []app.UI{app.Option().Value("").Text(tr(l, "profile.choose"))}
		for _, p := range ps {
			label := p.Name
			if cf := p.Values["ente.cf"]; cf != "" {
				label += " (" + cf + ")"
			}
			opts = append(opts, app.Option().Value(p.ID).Selected(p.ID == pb.chosen).Text(label))
		}
		pick = app.Div().Class("d-flex flex-wrap align-items-end gap-2").Body(
			app.Div().Body(
				app.Label().Class("form-label small mb-1").For(pb.id("select")).Text(tr(l, "profile.fill.label")),
				app.Select().ID(pb.id("select")).Class("form-select form-select-sm").OnChange(pb.choose).Body(opts...),
			),
			app.Button().Type("button").ID(pb.id("fill")).Class("btn btn-sm btn-outline-primary").
				Disabled(pb.chosen == "").Text(tr(l, "profile.fill")).OnClick(pb.fill),
		)
	}
	var replace app.UI
	if len(pb.kept) > 0 {
		var items []app.UI
		for _, c := range pb.kept {
			items = append(items, app.Li().Text(tr(l, "profile.kept.item", c.Field.Label.In(l), c.Had, c.Value)))
		}
		replace = app.Div().Class("mt-2").Body(
			app.Ul().Class("small mb-2").Body(items...),
			app.Button().Type("button").ID(pb.id("replace")).Class("btn btn-sm btn-outline-danger").
				Text(tr(l, "profile.replace", len(pb.kept))).OnClick(pb.replace),
		)
	}
	return app.Div().Class("profile-bar border rounded p-2 mb-3").Body(
		app.Div().Class("d-flex flex-wrap align-items-end gap-3").Body(
			pick,
			app.Button().Type("button").ID(pb.id("save")).Class("btn btn-sm btn-outline-secondary").
				Text(tr(l, "profile.save")).OnClick(pb.save),
			app.A().Class("small").Href(PathProfiles).Text(tr(l, "profiles.title")),
		),
		app.P().ID(pb.id("status")).Class("small mb-0 mt-2").Attr("role", "status").Text(pb.status),
		replace,
	)
}

func (pb *profileBar) choose(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	pb.chosen = ctx.JSSrc().Get("value").String()
}

func (pb *profileBar) fill(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	for _, p := range loadProfiles() {
		if p.ID == pb.chosen {
			pb.apply(p, false)
			return
		}
	}
	pb.status, pb.kept = tr(pb.Lang, "profile.gone"), nil
}

func (pb *profileBar) replace(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	pb.apply(pb.from, true)
}

// apply fills the item from p, then has every field shown again and checked where it showed a
// message, as after any change the applicant makes.
func (pb *profileBar) apply(p profile.Profile, replace bool) {
	var changes []profile.Change
	fields := pb.fields()
	sess.edit(func(a schema.Answers) { changes = profile.Fill(fields, a, pb.Path, p, replace) })
	group := pb.Path[:strings.LastIndexByte(pb.Path, '[')]
	sess.restructured(group, func(i int) int { return i })
	for _, c := range changes {
		if u := sess.ui[c.Path]; c.Outcome == profile.Filled && u != nil && u.showing {
			sess.check(c.Path)
		}
	}
	l := pb.Lang
	pb.from, pb.kept = p, nil
	for _, c := range changes {
		if c.Outcome == profile.Kept {
			pb.kept = append(pb.kept, c)
		}
	}
	msg := tr(l, "profile.filled", profile.Count(changes, profile.Filled), p.Name)
	if n := len(pb.kept); n > 0 {
		msg += " " + tr(l, "profile.kept", n)
	}
	var skipped []string
	for _, c := range changes {
		if c.Outcome == profile.Skipped {
			skipped = append(skipped, c.Field.Label.In(l))
		}
	}
	if len(skipped) > 0 {
		msg += " " + tr(l, "profile.skipped", strings.Join(skipped, ", "))
	}
	pb.status = msg
}

func (pb *profileBar) save(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	l := pb.Lang
	p := profile.Extract(pb.fields(), sess.open.answers(), pb.Path)
	if p.Values["ente.denominazione"] == "" && p.Values["ente.cf"] == "" {
		pb.status = tr(l, "profile.save.empty")
		return
	}
	ps, saved := profile.Save(loadProfiles(), p, time.Now(), newProfileID)
	if len(ps) > profile.MaxProfiles {
		pb.status = tr(l, "profile.save.full", profile.MaxProfiles)
		return
	}
	if err := storeProfiles(ps); err != nil {
		pb.status = tr(l, "profile.save.error")
		return
	}
	pb.chosen = saved.ID
	pb.status = tr(l, "profile.saved", saved.Name)
}

// profilesPage lists the saved organisations: each can be deleted (with confirmation), and the
// whole list exported to a file and imported on another machine.
type profilesPage struct {
	app.Compo
	Lang schema.Lang

	msg    string
	msgBad bool
	ver    int
}

func (pp *profilesPage) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui)
	l := pp.Lang
	ps := loadProfiles()
	var list app.UI = app.P().ID("profiles-empty").Text(tr(l, "profiles.empty"))
	if len(ps) > 0 {
		// A list, not a table: the table's elements would be in the first download for this page alone.
		var items []app.UI
		for _, p := range ps {
			items = append(items, app.Li().Class("border rounded p-3 mb-3").Body(
				app.H3().Class("h5").Text(p.Name),
				app.Dl().Body(
					factRow(tr(l, "profiles.cf"), p.Values["ente.cf"]),
					factRow(tr(l, "profiles.rl"), p.Values["rl.nome"]),
					factRow(tr(l, "profiles.saved"), tr(l, "profiles.saved.at", schema.InRome(p.Saved).Format("02/01/2006 15:04"))),
				),
				app.Button().Type("button").Class("btn btn-sm btn-outline-danger").
					DataSet("id", p.ID).Aria("label", tr(l, "profiles.delete")+": "+p.Name).
					Text(tr(l, "profiles.delete")).OnClick(pp.remove),
			))
		}
		list = app.Section().ID("profiles-list").Aria("labelledby", "profiles-count").Body(
			app.H2().ID("profiles-count").Class("h4").Text(tr(l, "profiles.caption", len(ps))),
			app.Ul().Class("list-unstyled").Body(items...),
		)
	}
	var msg app.UI
	if pp.msg != "" {
		cls, role := "alert alert-success", "status"
		if pp.msgBad {
			cls, role = "alert alert-danger", "alert"
		}
		msg = app.Div().ID("profiles-message").Class(cls+" mt-3").Attr("role", role).Text(pp.msg)
	}
	return app.Div().Class("profiles").Body(
		app.H1().ID("page-title").TabIndex(-1).Text(tr(l, "profiles.title")),
		app.P().Text(tr(l, "profiles.intro")),
		list,
		app.Div().Class("d-flex flex-wrap gap-3 mt-3").Body(
			app.Button().Type("button").ID("profiles-export").Class("btn btn-outline-primary").
				Disabled(len(ps) == 0).Text(tr(l, "profiles.export")).OnClick(pp.export),
			app.Label().Class("btn btn-outline-primary mb-0").For("profiles-import").Text(tr(l, "profiles.import")),
			app.Input().Type("file").ID("profiles-import").Class("visually-hidden").
				Accept(profile.Extension+",.json,application/json").OnChange(pp.picked),
		),
		msg,
		app.P().Class("mt-4").Body(app.A().Href(PathHome).Text(tr(l, "profiles.back"))),
	)
}

func (pp *profilesPage) remove(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	id := ctx.JSSrc().Get("dataset").Get("id").String()
	ps := loadProfiles()
	name := id
	for _, p := range ps {
		if p.ID == id {
			name = p.Name
		}
	}
	if !confirmed(tr(pp.Lang, "profiles.delete.confirm", name)) {
		return
	}
	if err := storeProfiles(profile.Remove(ps, id)); err != nil {
		pp.msg, pp.msgBad = tr(pp.Lang, "profile.save.error"), true
		return
	}
	pp.msg, pp.msgBad = tr(pp.Lang, "profiles.deleted", name), false
}

func (pp *profilesPage) export(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	name := "enti-" + schema.InRome(time.Now()).Format("20060102") + profile.Extension
	if err := download(name, "application/json", profile.Encode(loadProfiles())); err != nil {
		pp.msg, pp.msgBad = err.Error(), true
	}
}

func (pp *profilesPage) picked(ctx app.Context, e app.Event) {
	defer sess.guard.recovered()
	if file, ok := pickedFile(e); ok {
		pp.take(ctx, file)
	}
}

// take imports the organisations of a .bando-enti.json file (read by readPicked, as every file
// the app takes). No drop area here: fileZone's would cost the first visit 4 KB of brotli.
func (pp *profilesPage) take(ctx app.Context, file app.Value) {
	l := pp.Lang
	if file.Get("size").Int() > profile.MaxFileBytes {
		pp.msg, pp.msgBad = tr(l, "profiles.import.big", profile.MaxFileBytes/1024), true
		return
	}
	readPicked(ctx, l, file, func(msg string) { pp.msg, pp.msgBad = msg, true }, func(ctx app.Context, data []byte) {
		incoming, err := profile.Decode(data)
		if err != nil {
			pp.msg, pp.msgBad = errorText(err, l), true
			return
		}
		ps, added, updated, err := profile.Import(loadProfiles(), incoming, time.Now(), newProfileID)
		if err == nil {
			err = storeProfiles(ps)
		}
		if err != nil {
			pp.msg, pp.msgBad = errorText(err, l), true
			return
		}
		pp.msg, pp.msgBad = tr(l, "profiles.imported", added, updated), false
	})
}
