package ui

import (
	"fmt"

	"bando/schema"
)

// texts are the words of the interface itself, Italian first. The call's own words (titles,
// labels, help) come from the call schema and validation messages from package schema.
// Placeholders are fmt verbs; both languages take the same arguments in the same order.
var texts = map[string][2]string{
	"app.tagline":     {"Domande per i bandi pubblici, anche senza connessione", "Applications for public calls, online or offline"},
	"app.skip":        {"Vai al contenuto", "Skip to content"},
	"footer.a11y":     {"Dichiarazione di accessibilità", "Accessibility statement"},
	"lang.other":      {"English", "Italiano"},
	"lang.switch":     {"Switch to English", "Passa all'italiano"},
	"loading":         {"Caricamento della bozza…", "Loading the draft…"},
	"notfound":        {"Pagina non trovata.", "Page not found."},
	"save.saved":      {"Bozza salvata su questo computer alle %s", "Draft saved on this computer at %s"},
	"save.pending":    {"Salvataggio automatico attivo", "Autosave is on"},
	"save.error":      {"Bozza non salvata (%s): esporta la bozza come file per non perderla.", "Draft not saved (%s): export it as a file so that nothing is lost."},
	"save.memory":     {"Questo browser non permette di salvare le bozze: esporta spesso la bozza come file.", "This browser does not allow drafts to be saved: export the draft as a file often."},
	"migrated":        {"La bozza è stata aggiornata dalla versione %d alla versione %d del bando.", "The draft was brought from version %d to version %d of the call."},
	"migrated.moved1": {"Una risposta è stata spostata in un campo rinominato.", "One answer was moved to a renamed field."},
	"migrated.moved":  {"%d risposte sono state spostate in campi rinominati.", "%d answers were moved to renamed fields."},
	"migrated.aside1": {"Una risposta di un campo eliminato è conservata a parte: la trovi nel riepilogo «Controlla le risposte».", "One answer of a removed field is kept aside: you will find it on “Check your answers”."},
	"migrated.aside":  {"%d risposte di campi eliminati sono conservate a parte: le trovi nel riepilogo «Controlla le risposte».", "%d answers of removed fields are kept aside: you will find them on “Check your answers”."},
	"update.text":     {"Nuova versione disponibile.", "A new version is available."},
	"update.reload":   {"Ricarica", "Reload"},

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

	"summary.warn.one":   {"C'è un avviso da rivedere", "There is a warning to review"},
	"summary.warn.many":  {"Ci sono %d avvisi da rivedere", "There are %d warnings to review"},
	"summary.warn.title": {"Avvisi", "Warnings"},
	"summary.warn.note":  {"Gli avvisi non impediscono di presentare la domanda: controlla che le risposte siano giuste.", "Warnings do not stop you from applying: check that the answers are right."},
	"summary.warn.skip":  {"Continua", "Continue"},

	"field.optional":   {"(facoltativo)", "(optional)"},
	"field.error":      {"Errore:", "Error:"},
	"field.warning":    {"Avviso:", "Warning:"},
	"field.pec.hint":   {"L'app controlla solo che l'indirizzo abbia la forma giusta: non può sapere se è davvero una casella PEC. Copialo dai documenti dell'ente.", "The app checks only that the address has the right form: it cannot know whether it is really a PEC mailbox. Copy it from the organisation's documents."},
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
	"group.pastmax":        {"Altre %d voci, oltre le %d ammesse, non sono mostrate né controllate: restano nel file della bozza.", "%d more entries, past the %d allowed, are neither shown nor checked: they stay in the draft file."},
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

	// Firma e invio (sign.go): the signing page and the worker that makes the PDF.
	"worker.failed":        {"Il generatore del PDF e delle verifiche non è disponibile: ricarica la pagina e riprova. %s", "The PDF and signature checker is not available: reload the page and try again. %s"},
	"sign.entry":           {"Firma e invio", "Sign and send"},
	"sign.entry.blocked":   {"Correggi i problemi elencati sopra per passare alla firma e all'invio.", "Fix the problems listed above to go on to signing and sending."},
	"sign.title":           {"Firma e invio", "Sign and send"},
	"sign.intro":           {"Genera il PDF della domanda, fallo firmare digitalmente, ricarica qui il file firmato per controllarlo e prepara il messaggio PEC.", "Make the application PDF, have it digitally signed, upload the signed file here to check it, and prepare the PEC message."},
	"sign.blocked":         {"La domanda ha ancora %d problemi da correggere: il PDF da firmare si genera solo da una domanda completa.", "The application still has %d problems to fix: the PDF to sign is made only from a complete application."},
	"sign.back":            {"Torna al controllo delle risposte", "Back to checking your answers"},
	"sign.pdf.title":       {"1. Finalizza e genera il PDF", "1. Finalise and make the PDF"},
	"sign.finalise.help":   {"Finalizzare fissa la data della domanda. Se dopo cambi una risposta, dovrai generare un nuovo PDF e raccogliere di nuovo tutte le firme.", "Finalising fixes the application's date. If you change an answer afterwards, you will have to make a new PDF and collect every signature again."},
	"sign.pdf.finalise":    {"Finalizza e genera il PDF", "Finalise and make the PDF"},
	"sign.pdf.make":        {"Genera il PDF", "Make the PDF"},
	"sign.finalised":       {"Domanda finalizzata il %s alle %s.", "Application finalised on %s at %s."},
	"sign.finalised.warn":  {"Se ora modifichi le risposte, il PDF cambia: dovrai generarlo di nuovo e farlo firmare di nuovo da tutti.", "If you change the answers now, the PDF changes: you will have to make it again and have everyone sign it again."},
	"sign.pdf.progress":    {"Generazione del PDF: passo %d di %d…", "Making the PDF: step %d of %d…"},
	"sign.pdf.ready":       {"Il PDF è pronto: scaricalo e firmalo così com'è.", "The PDF is ready: download it and sign it as it is."},
	"sign.pdf.download":    {"Scarica il PDF (%s, %d KB)", "Download the PDF (%s, %d KB)"},
	"sign.who.title":       {"2. Firma digitale", "2. Digital signature"},
	"sign.who.intro":       {"La domanda va firmata digitalmente da %d persone, i legali rappresentanti:", "The application must be digitally signed by %d people, the legal representatives:"},
	"sign.who.one":         {"La domanda va firmata digitalmente dal legale rappresentante:", "The application must be digitally signed by the legal representative:"},
	"sign.how.title":       {"Come firmare", "How to sign"},
	"sign.how.cades":       {"Formato CAdES: il programma di firma (Dike, ArubaSign, firma remota…) produce un file .p7m, ad esempio domanda.pdf.p7m. Se firmano più persone, ognuna aggiunge la propria firma allo stesso file .p7m.", "CAdES format: the signing program (Dike, ArubaSign, remote signature…) makes a .p7m file, for example application.pdf.p7m. If several people sign, each adds their signature to the same .p7m file."},
	"sign.how.pades":       {"Formato PAdES: il risultato resta un PDF; chi firma dopo firma il PDF già firmato dai precedenti.", "PAdES format: the result is still a PDF; each signer signs the PDF already signed by the previous ones."},
	"sign.how.intact":      {"Firma il PDF così come è stato scaricato: non aprirlo per modificarlo, non stamparlo in PDF e non salvarlo di nuovo, altrimenti non sarà più la domanda generata qui.", "Sign the PDF exactly as downloaded: do not edit it, print it to PDF or save it again, or it will no longer be the application made here."},
	"sign.check.title":     {"3. Carica il file firmato", "3. Upload the signed file"},
	"sign.check.first":     {"Prima finalizza la domanda e genera il PDF da firmare.", "First finalise the application and make the PDF to sign."},
	"sign.check.help":      {"Scegli il file firmato (.p7m oppure il PDF firmato) o trascinalo in questo riquadro. Il controllo avviene su questo computer: il file non viene inviato a nessuno.", "Choose the signed file (.p7m or the signed PDF) or drop it on this box. It is checked on this computer: the file is sent to no one."},
	"sign.check.choose":    {"Scegli il file firmato", "Choose the signed file"},
	"sign.check.running":   {"Verifica di «%s» in corso…", "Checking “%s”…"},
	"sign.verdict.ok":      {"«%s» è la domanda generata da questa bozza, firmata validamente da tutti i firmatari richiesti.", "“%s” is the application made from this draft, validly signed by every required signer."},
	"sign.verdict.bad":     {"«%s» non può essere inviato:", "“%s” cannot be sent:"},
	"sign.verdict.missing": {"«%s» non può ancora essere inviato: mancano firme richieste, elencate sotto.", "“%s” cannot be sent yet: required signatures are missing, listed below."},
	"sign.signers.caption": {"Firme trovate nel file", "Signatures found in the file"},
	"sign.signer.cf":       {"Codice fiscale", "Tax code"},
	"sign.signer.valid":    {"valida", "valid"},
	"sign.signer.invalid":  {"non valida", "not valid"},
	"sign.signer.extra":    {"Non è tra i firmatari richiesti.", "Not one of the required signers."},
	"sign.missing":         {"Manca la firma valida di:", "The valid signature is missing of:"},
	"sign.pec.title":       {"4. Invio via PEC", "4. Sending by PEC"},
	"sign.deadline.passed": {"Puoi comunque preparare il messaggio: chiedi all'ente se la domanda può ancora essere accettata.", "You can still prepare the message: ask the authority whether the application can still be accepted."},
	"sign.pec.to":          {"Destinatario", "Recipient"},
	"sign.pec.subject":     {"Oggetto (da copiare esattamente)", "Subject (copy it exactly)"},
	"sign.copy":            {"Copia", "Copy"},
	"sign.copied.to":       {"Destinatario copiato.", "Recipient copied."},
	"sign.copied.subject":  {"Oggetto copiato.", "Subject copied."},
	"sign.copy.failed":     {"Il browser non ha permesso di copiare: seleziona il testo e copialo a mano.", "The browser did not allow copying: select the text and copy it by hand."},
	"sign.att.title":       {"Allegati richiesti dal bando", "Attachments the call asks for"},
	"sign.att.add":         {"Aggiungi file", "Add files"},
	"sign.att.remove":      {"Togli", "Remove"},
	"sign.att.incomplete":  {"Manca almeno un allegato obbligatorio: aggiungilo qui o nel programma di posta prima di inviare.", "At least one required attachment is missing: add it here or in your mail program before sending."},
	"sign.eml.make":        {"Prepara il messaggio PEC (.eml)", "Prepare the PEC message (.eml)"},
	"sign.eml.download":    {"Scarica il messaggio (%s, %d KB)", "Download the message (%s, %d KB)"},
	"sign.eml.ready":       {"Il messaggio è pronto: aprilo con il programma di posta della casella PEC e invialo.", "The message is ready: open it in the mail program of your PEC mailbox and send it."},
	"sign.eml.needsigned":  {"Prima carica il file firmato: il messaggio si prepara quando tutte le firme sono valide.", "Upload the signed file first: the message is prepared once every signature is valid."},
	"sign.eml.toolarge":    {"Il messaggio supera i 30 MB: riduci gli allegati.", "The message is over 30 MB: shrink the attachments."},
	"sign.eml.running":     {"Preparazione del messaggio…", "Preparing the message…"},
	"sign.guide":           {"Come inviare dalla webmail PEC", "How to send it from a PEC webmail"},
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
