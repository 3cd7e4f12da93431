package ui

import (
	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// PathAccessibility is the accessibility statement (Dichiarazione di accessibilità), linked
// from the footer of every page.
const PathAccessibility = "/accessibilita"

// accessibilityPage states, honestly, how accessible the app is: what is checked
// automatically on every change (axe-core, WCAG 2.1 A and AA rules, in the browser tests),
// what has not been tested (assistive technologies), where to report a problem (the entity
// that deploys the app publishes its own AgID feedback form: the app cannot know it), and
// the law.
type accessibilityPage struct {
	app.Compo
	Lang schema.Lang
}

// a11yText is one paragraph of the statement, in Italian and English.
type a11yText [2]string

func (t a11yText) in(l schema.Lang) string {
	if l == schema.EN {
		return t[1]
	}
	return t[0]
}

var a11y = struct {
	title, intro, statusH, status, checked, notTested, knownH, known, feedbackH, feedback, enforcement, lawH, date a11yText
	laws                                                                                                           []a11yText
}{
	title: a11yText{"Dichiarazione di accessibilità", "Accessibility statement"},
	intro: a11yText{
		"Questa applicazione vuole essere utilizzabile da tutte le persone, comprese quelle che usano tecnologie assistive, la sola tastiera o l'ingrandimento dello schermo. Il riferimento è il livello AA delle WCAG 2.1, richiamato dalla norma EN 301 549.",
		"This application aims to be usable by everyone, including people who use assistive technologies, the keyboard alone or screen magnification. The reference is level AA of WCAG 2.1, as required by the EN 301 549 standard.",
	},
	statusH: a11yText{"Stato di conformità", "Compliance status"},
	status: a11yText{
		"L'applicazione è parzialmente conforme alle WCAG 2.1 livello AA: la conformità non è stata verificata in modo completo.",
		"The application is partially compliant with WCAG 2.1 level AA: compliance has not been fully verified.",
	},
	checked: a11yText{
		"Cosa è verificato: a ogni modifica del codice, test automatici in un browser reale controllano con axe-core le regole WCAG 2.0 e 2.1 di livello A e AA sulla pagina iniziale, su un passo del modulo con e senza errori, sul riepilogo, sulla pagina di firma, sul costruttore di bandi e sulla pagina di assistenza. Altri test verificano che ogni campo abbia un'etichetta, che gli errori siano collegati al loro campo e annunciati, e che dopo «Salva e continua» il cursore vada al riepilogo degli errori. I controlli automatici trovano solo una parte dei problemi possibili.",
		"What is checked: on every change to the code, automated tests in a real browser run axe-core's WCAG 2.0 and 2.1 level A and AA rules on the start page, a form step with and without errors, the review, the signing page, the call builder and the helpdesk page. Other tests check that every field has a label, that errors are tied to their field and announced, and that after \"Save and continue\" the focus moves to the error summary. Automated checks find only part of the possible problems.",
	},
	notTested: a11yText{
		"Cosa non è stato verificato: l'applicazione non è ancora stata provata con lettori di schermo (per esempio NVDA, JAWS, VoiceOver), con software di ingrandimento o di dettatura, né da persone con disabilità. Non è stata fatta una valutazione manuale completa di tutti i criteri WCAG.",
		"What has not been checked: the application has not yet been tried with screen readers (for example NVDA, JAWS, VoiceOver), with magnification or dictation software, nor by people with disabilities. No full manual evaluation against every WCAG criterion has been made.",
	},
	knownH: a11yText{"Contenuti non accessibili noti", "Known inaccessible content"},
	known: a11yText{
		"Il PDF della domanda prodotto per la firma non è stato verificato come documento accessibile (PDF/UA).",
		"The application PDF made for signing has not been checked as an accessible document (PDF/UA).",
	},
	feedbackH: a11yText{"Segnalazioni e richieste", "Feedback and requests"},
	feedback: a11yText{
		"Questa applicazione è messa a disposizione da un ente (per esempio l'amministrazione che pubblica il bando o chi ti assiste nella domanda), che è responsabile della sua accessibilità e del modulo di segnalazione previsto dalle Linee guida AgID. Per segnalazioni rivolgiti all'ente che ti ha fornito questo indirizzo: descrivi il problema, la pagina e, se puoi, il browser e la tecnologia assistiva che usi.",
		"This application is provided by an entity (for example the administration that publishes the call, or whoever assists you with the application), which is responsible for its accessibility and for the feedback form required by the AgID guidelines. To report a problem, contact the entity that gave you this address: describe the problem, the page and, if you can, the browser and assistive technology you use.",
	},
	enforcement: a11yText{
		"Se la risposta dell'ente non è soddisfacente, o non arriva entro 30 giorni, puoi rivolgerti al Difensore civico per il digitale presso AgID (art. 3-quinquies della Legge 4/2004).",
		"If the entity's answer is unsatisfactory, or does not come within 30 days, you can turn to the Digital Ombudsman (Difensore civico per il digitale) at AgID (art. 3-quinquies of Law 4/2004).",
	},
	lawH: a11yText{"Riferimenti normativi", "Legal references"},
	laws: []a11yText{
		{"Legge 9 gennaio 2004, n. 4 (\"Legge Stanca\"), Disposizioni per favorire e semplificare l'accesso degli utenti e, in particolare, delle persone con disabilità agli strumenti informatici", "Italian Law no. 4 of 9 January 2004 (\"Legge Stanca\") on access to information technology for users, and people with disabilities in particular"},
		{"Linee guida AgID sull'accessibilità degli strumenti informatici", "AgID guidelines on the accessibility of information technology (Linee guida sull'accessibilità degli strumenti informatici)"},
		{"Norma UNI CEI EN 301 549, Requisiti di accessibilità per prodotti e servizi ICT", "Standard EN 301 549, Accessibility requirements for ICT products and services"},
		{"Web Content Accessibility Guidelines (WCAG) 2.1, livello AA", "Web Content Accessibility Guidelines (WCAG) 2.1, level AA"},
		{"Direttiva (UE) 2016/2102 sull'accessibilità dei siti web e delle applicazioni mobili degli enti pubblici", "Directive (EU) 2016/2102 on the accessibility of the websites and mobile applications of public sector bodies"},
	},
	date: a11yText{
		"Dichiarazione redatta il 23 novembre 2026 sulla base di test automatici.",
		"Statement prepared on 23 November 2026 on the basis of automated tests.",
	},
}

func (p *accessibilityPage) Render() (ui app.UI) {
	defer sess.guard.renderRecovered(&ui) // a bug here must not kill the page (resilience.go)
	l := p.Lang
	laws := make([]app.UI, len(a11y.laws))
	for i, t := range a11y.laws {
		laws[i] = app.Li().Text(t.in(l))
	}
	return app.Div().Class("accessibility-statement").Body(
		app.H1().ID("page-title").TabIndex(-1).Text(a11y.title.in(l)),
		app.P().Class("lead").Text(a11y.intro.in(l)),
		app.H2().Class("h3 mt-4").Text(a11y.statusH.in(l)),
		app.P().ID("a11y-status").Text(a11y.status.in(l)),
		app.P().Text(a11y.checked.in(l)),
		app.P().Text(a11y.notTested.in(l)),
		app.H2().Class("h3 mt-4").Text(a11y.knownH.in(l)),
		app.P().Text(a11y.known.in(l)),
		app.H2().Class("h3 mt-4").Text(a11y.feedbackH.in(l)),
		app.P().ID("a11y-feedback").Text(a11y.feedback.in(l)),
		app.P().Text(a11y.enforcement.in(l)),
		app.H2().Class("h3 mt-4").Text(a11y.lawH.in(l)),
		app.Ul().Body(laws...),
		app.P().Class("small text-muted mt-4").Text(a11y.date.in(l)),
		app.A().Class("btn btn-link px-0").Href(PathHome).Text(tr(l, "nav.home")),
	)
}
