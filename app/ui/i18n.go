package ui

import (
	"fmt"

	"bando/schema"
)

// texts are the words of the interface itself, Italian first. The call's own words (titles,
// labels, help) come from the call schema and validation messages from package schema.
// Placeholders are fmt verbs; both languages take the same arguments in the same order.
var texts = map[string][2]string{
	"app.tagline":   {"Domande per i bandi pubblici, anche senza connessione", "Applications for public calls, online or offline"},
	"app.skip":      {"Vai al contenuto", "Skip to content"},
	"lang.other":    {"English", "Italiano"},
	"lang.switch":   {"Switch to English", "Passa all'italiano"},
	"loading":       {"Caricamento della bozza…", "Loading the draft…"},
	"notfound":      {"Pagina non trovata.", "Page not found."},
	"save.saved":    {"Bozza salvata su questo computer alle %s", "Draft saved on this computer at %s"},
	"save.pending":  {"Salvataggio automatico attivo", "Autosave is on"},
	"save.error":    {"Bozza non salvata (%s): esporta la bozza come file per non perderla.", "Draft not saved (%s): export it as a file so that nothing is lost."},
	"save.memory":   {"Questo browser non permette di salvare le bozze: esporta spesso la bozza come file.", "This browser does not allow drafts to be saved: export the draft as a file often."},
	"migrated":      {"La bozza è stata aggiornata dalla versione %d alla versione %d del bando: %d risposte spostate in campi rinominati, %d risposte di campi eliminati conservate a parte nel file della bozza.", "The draft was brought from version %d to version %d of the call: %d answers moved to renamed fields, %d answers of removed fields kept aside in the draft file."},
	"update.text":   {"Nuova versione disponibile.", "A new version is available."},
	"update.reload": {"Ricarica", "Reload"},

	"home.title":          {"Le tue domande", "Your applications"},
	"home.authority":      {"Ente", "Authority"},
	"home.new":            {"Nuova domanda", "New application"},
	"home.drafts":         {"Bozze salvate su questo computer", "Drafts saved on this computer"},
	"home.nodrafts":       {"Nessuna bozza salvata su questo computer.", "No draft saved on this computer."},
	"home.open":           {"Apri", "Open"},
	"home.export":         {"Esporta", "Export"},
	"home.delete":         {"Elimina", "Delete"},
	"home.delete.confirm": {"Eliminare la bozza «%s» da questo computer? Se non l'hai esportata, non si potrà recuperare.", "Delete the draft “%s” from this computer? Unless you exported it, it cannot be recovered."},
	"home.saved":          {"salvata il %s", "saved on %s"},
	"home.current":        {"in uso", "open"},
	"home.untitled":       {"Bozza senza nome", "Untitled draft"},
	"home.unknowncall":    {"bando non disponibile in questa versione dell'app", "call not available in this version of the app"},

	"deadline.label":     {"Scadenza", "Deadline"},
	"deadline.at":        {"%s, ore %s", "%s at %s"},
	"deadline.days":      {"Mancano %d giorni e %d ore.", "%d days and %d hours left."},
	"deadline.hours":     {"Mancano %d ore e %d minuti.", "%d hours and %d minutes left."},
	"deadline.minutes":   {"Mancano %d minuti.", "%d minutes left."},
	"deadline.past":      {"La scadenza del bando è passata (%s).", "The call's deadline has passed (%s)."},
	"deadline.past.more": {"Puoi comunque compilare, controllare ed esportare la domanda: verifica con l'ente se può ancora essere accettata.", "You can still fill in, check and export the application: ask the authority whether it can still be accepted."},

	"import.title":  {"Importa una bozza", "Import a draft"},
	"import.help":   {"Scegli un file .bando.json oppure trascinalo in questo riquadro. La bozza importata si aggiunge alle altre: nessuna bozza viene sovrascritta.", "Choose a .bando.json file or drop it on this box. The imported draft is added to the others: no draft is overwritten."},
	"import.choose": {"Scegli il file della bozza", "Choose the draft file"},
	"import.done":   {"Bozza importata: %s.", "Draft imported: %s."},
	"import.error":  {"Il file «%s» non è stato importato. %s", "The file “%s” was not imported. %s"},
	"import.read":   {"Il file non si può leggere.", "The file cannot be read."},
	"import.many":   {"Trascina un solo file alla volta.", "Drop one file at a time."},

	"step.of":      {"Passo %d di %d", "Step %d of %d"},
	"step.review":  {"Controllo finale", "Final check"},
	"steps.label":  {"Passi della domanda", "Steps of the application"},
	"nav.back":     {"Indietro", "Back"},
	"nav.next":     {"Salva e continua", "Save and continue"},
	"nav.review":   {"Controlla le risposte", "Check your answers"},
	"nav.home":     {"Tutte le bozze", "All drafts"},
	"nav.export":   {"Esporta la bozza (.bando.json)", "Export the draft (.bando.json)"},
	"summary.one":  {"C'è un problema da correggere", "There is a problem"},
	"summary.many": {"Ci sono %d problemi da correggere", "There are %d problems"},
	"summary.skip": {"Continua comunque: potrai correggere più tardi", "Continue anyway: you can fix these later"},

	"field.optional":   {"(facoltativo)", "(optional)"},
	"field.error":      {"Errore:", "Error:"},
	"field.chars":      {"%d caratteri su %d", "%d of %d characters"},
	"field.chars.over": {"%d caratteri oltre il limite di %d", "%d characters over the limit of %d"},
	"field.yes":        {"Sì", "Yes"},
	"field.no":         {"No", "No"},
	"field.choose":     {"Scegli…", "Choose…"},
	"field.money":      {"In euro, con la virgola per i centesimi: ad esempio 1.234,50", "In euros: for example 1,234.50"},
	"field.accept":     {"Dichiaro quanto sopra", "I declare the above"},

	"group.add":            {"Aggiungi %s", "Add %s"},
	"group.remove":         {"Rimuovi", "Remove"},
	"group.up":             {"Sposta su", "Move up"},
	"group.down":           {"Sposta giù", "Move down"},
	"group.remove.confirm": {"Rimuovere «%s» e le risposte già inserite?", "Remove “%s” and the answers already given?"},
	"group.count":          {"%d su un massimo di %d", "%d of at most %d"},
	"group.item":           {"%s %d", "%s %d"},
	"group.empty":          {"Nessuna voce inserita.", "No entries yet."},
	"group.min":            {"almeno %d", "at least %d"},

	"review.title":       {"Controlla le risposte", "Check your answers"},
	"review.intro":       {"Rileggi la domanda prima di prepararla per la firma. Con «Modifica» torni alla domanda corrispondente.", "Read the application again before preparing it for signature. “Change” takes you back to the question."},
	"review.change":      {"Modifica", "Change"},
	"review.noanswer":    {"Nessuna risposta", "Not answered"},
	"review.ok":          {"Nessun problema: la domanda è completa.", "No problems: the application is complete."},
	"review.form":        {"Domanda nel suo insieme", "Whole application"},
	"review.signers":     {"Chi deve firmare", "Who must sign"},
	"review.attachments": {"Allegati da preparare", "Attachments to prepare"},
	"review.required":    {"obbligatorio", "required"},
	"review.accepted":    {"Dichiarazione accettata", "Declaration accepted"},
	"review.notaccepted": {"Dichiarazione non accettata", "Declaration not accepted"},
}

// tr returns the interface text key in lang, formatted with args. An unknown key shows itself,
// so a missing text is visible at once instead of an empty space (a test checks none is missing).
func tr(l schema.Lang, key string, args ...any) string {
	t, ok := texts[key]
	if !ok {
		return key
	}
	s := t[0]
	if l == schema.EN {
		s = t[1]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}
