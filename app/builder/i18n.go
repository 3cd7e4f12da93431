package builder

import (
	"fmt"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// tr returns the text key in lang, formatted with args; an unknown key shows itself
// (TestTextsComplete checks that none is missing).
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

// texts are the editor's words, Italian then English.
var texts = map[string][2]string{
	"builder.title":      {"Editor dei bandi", "Call builder"},
	"builder.intro":      {"Costruisci il bando con l'albero e le sue proprietà, oppure scrivi o incolla lo schema (JSON), o caricalo da un file: ogni modifica compare subito nell'altra vista, i problemi compaiono mentre scrivi e l'anteprima mostra il modulo come lo vedranno i richiedenti. Il bando resta salvato in questo browser; nulla lascia questo computer e nessuna bozza di domanda viene salvata.", "Build the call with the tree and its properties, or write or paste the schema (JSON), or load it from a file: every change shows at once in the other view, problems show as you type and the preview shows the form as applicants will get it. The call stays saved in this browser; nothing leaves this computer and no application draft is saved."},
	"builder.source":     {"Schema del bando (JSON)", "Call schema (JSON)"},
	"builder.choose":     {"Apri un bando da file", "Open a call from a file"},
	"builder.download":   {"Scarica il bando (.bando-call.json)", "Download the call (.bando-call.json)"},
	"builder.undo":       {"Annulla", "Undo"},
	"builder.redo":       {"Ripeti", "Redo"},
	"builder.savefailed": {"Il browser non riesce a salvare il bando: scaricalo come file per non perderlo.", "The browser cannot save the call: download it as a file so as not to lose it."},
	"builder.read":       {"Il file «%s» non si può leggere.", "The file “%s” cannot be read."},
	"builder.ok":         {"Nessun problema: lo schema è valido.", "No problems: the schema is valid."},
	"builder.problems":   {"Problemi nello schema (%d)", "Problems in the schema (%d)"},
	"builder.at":         {"Riga %d, colonna %d", "Line %d, column %d"},
	"builder.start":      {"Parti da:", "Start from:"},
	"builder.template":   {"un modello vuoto", "a blank template"},
	"builder.replace":    {"Sostituire lo schema nell'editor? Le modifiche non scaricate andranno perse.", "Replace the schema in the editor? Changes not downloaded will be lost."},
}

// slot is the element f makes when show holds, else a hidden placeholder in its place (as in
// package ui: go-app then keeps the siblings' places).
func slot(show bool, f func() app.UI) app.UI {
	if show {
		return f()
	}
	return app.Span().Class("d-none")
}
