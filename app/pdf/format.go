package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"bando/schema"
)

// noAnswer stands for a shown field left empty.
const noAnswer = "—"

// words are the fixed texts of the document, Italian first.
var words = map[string]schema.Text{
	"application":          {IT: "Domanda di partecipazione", EN: "Application"},
	"call":                 {IT: "Avviso", EN: "Call"},
	"version":              {IT: "versione", EN: "version"},
	"applicant":            {IT: "Soggetto proponente", EN: "Applicant"},
	"lead":                 {IT: "Capofila", EN: "Lead partner"},
	"date":                 {IT: "Data", EN: "Date"},
	"status":               {IT: "Stato del documento", EN: "Document status"},
	"final":                {IT: "Versione definitiva, pronta per la firma digitale", EN: "Final version, ready for digital signature"},
	"draft":                {IT: "BOZZA non finalizzata: non firmarla e non inviarla", EN: "DRAFT, not finalised: do not sign or send it"},
	"send":                 {IT: "Invio", EN: "Submission"},
	"send.text":            {IT: "per PEC a %s entro le ore %s del %s", EN: "by PEC (certified e-mail) to %s by %s on %s"},
	"subject":              {IT: "Oggetto della PEC", EN: "PEC subject"},
	"signers":              {IT: "Firmatari", EN: "Signatories"},
	"signers.many":         {IT: "%d legali rappresentanti, elencati nella sezione «Sottoscrizione»", EN: "%d legal representatives, listed in the “Signatures” section"},
	"digest":               {IT: "Impronta SHA-256 delle risposte", EN: "SHA-256 of the answers"},
	"call.digest":          {IT: "Impronta SHA-256 del bando", EN: "SHA-256 of the call"},
	"page":                 {IT: "Pagina %d di %s", EN: "Page %d of %s"},
	"yes":                  {IT: "Sì", EN: "Yes"},
	"no":                   {IT: "No", EN: "No"},
	"declared":             {IT: "Dichiarazione resa", EN: "Declaration made"},
	"not.declared":         {IT: "Dichiarazione NON resa", EN: "Declaration NOT made"},
	"total":                {IT: "Totale", EN: "Total"},
	"none":                 {IT: "Nessuna voce.", EN: "No entries."},
	"sign.title":           {IT: "Sottoscrizione", EN: "Signatures"},
	"sign.intro":           {IT: "Il presente documento è sottoscritto con firma digitale (art. 24 e art. 65 del D.lgs. 82/2005, Codice dell'amministrazione digitale), in formato CAdES (.p7m) o PAdES, da ciascuno dei seguenti legali rappresentanti. La firma autografa non è richiesta.", EN: "This document is signed with a digital signature (arts. 24 and 65 of Legislative Decree 82/2005, Digital Administration Code), as CAdES (.p7m) or PAdES, by each of the following legal representatives. No handwritten signature is required."},
	"sign.entity":          {IT: "Per l'ente", EN: "For"},
	"sign.name":            {IT: "Il legale rappresentante", EN: "Legal representative"},
	"sign.cf":              {IT: "Codice fiscale", EN: "Tax code"},
	"sign.line":            {IT: "Firmato digitalmente", EN: "Digitally signed"},
	"sign.none":            {IT: "Le risposte non indicano ancora chi deve firmare: completa i dati dei legali rappresentanti.", EN: "The answers do not yet say who must sign: complete the legal representatives' details."},
	"item":                 {IT: "Voce", EN: "Entry"},
	"item.gone":            {IT: "(voce non più presente)", EN: "(entry no longer present)"},
	"continued":            {IT: "(segue)", EN: "(continued)"},
	"draft.mark":           {IT: "BOZZA", EN: "DRAFT"},
	"draft.status":         {IT: "BOZZA da far circolare: non firmarla e non inviarla (%s, elencati in fondo)", EN: "DRAFT to circulate: do not sign or send it (%s, listed at the end)"},
	"draft.status.ok":      {IT: "BOZZA da far circolare: non firmarla e non inviarla; per il documento da firmare, finalizza la domanda", EN: "DRAFT to circulate: do not sign or send it; finalise the application for the document to sign"},
	"draft.band":           {IT: "BOZZA — non firmare e non inviare — %s, elencati in fondo", EN: "DRAFT — do not sign or send — %s, listed at the end"},
	"draft.band.ok":        {IT: "BOZZA — non firmare e non inviare: per il documento da firmare, finalizza la domanda", EN: "DRAFT — do not sign or send: finalise the application for the document to sign"},
	"draft.problem.1":      {IT: "%d problema da risolvere", EN: "%d problem to fix"},
	"draft.problem.n":      {IT: "%d problemi da risolvere", EN: "%d problems to fix"},
	"draft.warning.1":      {IT: "%d avviso da rivedere", EN: "%d warning to review"},
	"draft.warning.n":      {IT: "%d avvisi da rivedere", EN: "%d warnings to review"},
	"draft.errors.1":       {IT: "%d problema da risolvere", EN: "%d problem to fix"},
	"draft.errors.n":       {IT: "%d problemi da risolvere", EN: "%d problems to fix"},
	"draft.warnings.1":     {IT: "%d avviso (non impedisce l'invio)", EN: "%d warning (does not block sending)"},
	"draft.warnings.n":     {IT: "%d avvisi (non impediscono l'invio)", EN: "%d warnings (do not block sending)"},
	"draft.problems":       {IT: "Problemi ancora aperti", EN: "Problems still open"},
	"draft.problems.intro": {IT: "Questa è una bozza: non contiene le firme e non va inviata. Il documento da firmare si genera dopo aver risolto i problemi qui elencati e finalizzato la domanda.", EN: "This is a draft: it holds no signatures and must not be sent. The document to sign is made once the problems listed here are fixed and the application is finalised."},
	"draft.problems.none":  {IT: "Nessun problema aperto: la domanda si può finalizzare.", EN: "No problems left: the application can be finalised."},
	"draft.whole":          {IT: "Domanda nel suo insieme", EN: "The application as a whole"},
	"place.date":           {IT: "Luogo e data", EN: "Place and date"},
	"recap":                {IT: "Riepilogo degli importi", EN: "Summary of the amounts"},
	"sign.role":            {IT: "Carica", EN: "Office held"},
	"opening.title":        {IT: "Domanda", EN: "Application"},
	"opening.we":           {IT: "I sottoscritti:", EN: "The undersigned:"},
	"opening.i.m":          {IT: "Il sottoscritto", EN: "The undersigned"},
	"opening.i.f":          {IT: "La sottoscritta", EN: "The undersigned"},
	"opening.i.x":          {IT: "Il/La sottoscritto/a", EN: "The undersigned"},
	"opening.born.m":       {IT: "nato", EN: "born"},
	"opening.born.f":       {IT: "nata", EN: "born"},
	"opening.born.x":       {IT: "nato/a", EN: "born"},
	"opening.born.in":      {IT: "a %s", EN: "in %s"},
	"opening.born.abroad":  {IT: "in %s", EN: "in %s"},
	"opening.cf":           {IT: "codice fiscale %s", EN: "tax code %s"},
	"opening.born.on":      {IT: "il %s", EN: "on %s"},
	"opening.legal":        {IT: "legale rappresentante", EN: "legal representative"},
	"opening.role.and":     {IT: "%s e %s", EN: "%s and %s"},
	"opening.as":           {IT: "in qualità di %s", EN: "as %s"},
	"opening.of":           {IT: "di %s", EN: "of %s"},
	"opening.aware":        {IT: "consapevole delle sanzioni penali previste dall'art. 76 del D.P.R. 28 dicembre 2000, n. 445, per le ipotesi di falsità in atti e di dichiarazioni mendaci, e della decadenza dai benefici prevista dall'art. 75 del medesimo decreto,", EN: "aware of the criminal penalties set by art. 76 of Presidential Decree 28 December 2000 no. 445 for forgery and false declarations, and of the loss of benefits under art. 75 of that decree,"},
	"opening.aware.n":      {IT: "consapevoli delle sanzioni penali previste dall'art. 76 del D.P.R. 28 dicembre 2000, n. 445, per le ipotesi di falsità in atti e di dichiarazioni mendaci, e della decadenza dai benefici prevista dall'art. 75 del medesimo decreto,", EN: "aware of the criminal penalties set by art. 76 of Presidential Decree 28 December 2000 no. 445 for forgery and false declarations, and of the loss of benefits under art. 75 of that decree,"},
	"opening.ask":          {IT: "CHIEDE", EN: "REQUESTS"},
	"opening.ask.n":        {IT: "CHIEDONO", EN: "REQUEST"},
	"opening.request":      {IT: "di partecipare all'avviso «%s» di %s", EN: "to take part in the call “%s” of %s"},
	"opening.under":        {IT: "e, ai sensi degli artt. 46 e 47 del medesimo decreto,", EN: "and, under arts. 46 and 47 of the same decree,"},
	"opening.declare":      {IT: "DICHIARA", EN: "DECLARES"},
	"opening.declare.n":    {IT: "DICHIARANO", EN: "DECLARE"},
	"opening.declared":     {IT: "che i dati e le informazioni riportati nella presente domanda e nei suoi allegati corrispondono al vero, e rende le dichiarazioni che seguono.", EN: "that the data and information given in this application and its attachments are true, and makes the declarations that follow."},
	"opening.declared.n":   {IT: "ciascuno per l'ente che rappresenta, che i dati e le informazioni riportati nella presente domanda e nei suoi allegati corrispondono al vero, e rendono le dichiarazioni che seguono.", EN: "each for the organisation they represent, that the data and information given in this application and its attachments are true, and make the declarations that follow."},
	"contents.note":        {IT: "Sono riportate le sole risposte richieste dalle scelte fatte; le voci lasciate vuote sono indicate con «—».", EN: "Only the answers that apply given the choices made are shown; empty answers are marked “—”."},
}

func word(key string, lang schema.Lang) string { return words[key].In(lang) }

// shortDate turns an answer "2024-03-04" into "04/03/2024" (Italian) or keeps ISO (English).
func shortDate(s string, lang schema.Lang) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	if lang == schema.EN {
		return t.Format("2 Jan 2006")
	}
	return t.Format("02/01/2006")
}

// value writes an answer as it is printed. Unexpected shapes (a draft edited by hand) are
// printed as they are rather than hidden: the PDF must show what the applicant signs.
func value(f *schema.Field, v any, lang schema.Lang) string {
	if v == nil {
		return noAnswer
	}
	switch f.Type {
	case schema.TypeComputed:
		if s := schema.FormatComputed(f, v, lang); s != "" {
			return s
		}
		return noAnswer
	case schema.TypeMoney:
		if c, ok := schema.Cents(v); ok {
			return schema.FormatMoney(c, lang)
		}
	case schema.TypeNumber:
		switch x := v.(type) {
		case int64:
			return schema.GroupDigits(x, lang)
		case float64:
			if x == math.Trunc(x) && math.Abs(x) < 1e15 {
				return schema.GroupDigits(int64(x), lang)
			}
			s := strconv.FormatFloat(x, 'f', -1, 64)
			if lang != schema.EN {
				s = strings.Replace(s, ".", ",", 1)
			}
			return s
		}
	case schema.TypeDate:
		if s, ok := v.(string); ok {
			return shortDate(s, lang)
		}
	case schema.TypeChoice:
		if s, ok := v.(string); ok {
			if o, ok := f.Option(s); ok {
				return o.Text(lang)
			}
		}
	case schema.TypeMultiChoice:
		if l, ok := v.([]any); ok {
			parts := make([]string, 0, len(l))
			for _, e := range l {
				s := fmt.Sprint(e)
				if o, ok := f.Option(s); ok {
					s = o.Text(lang)
				}
				parts = append(parts, "• "+s)
			}
			if len(parts) == 0 {
				return noAnswer
			}
			return strings.Join(parts, "\n")
		}
	case schema.TypeBoolean:
		if b, ok := v.(bool); ok {
			return yesNo(b, lang)
		}
	case schema.TypeDeclaration:
		if b, ok := v.(bool); ok && b {
			return word("declared", lang)
		}
		return word("not.declared", lang)
	}
	switch x := v.(type) {
	case string:
		if strings.TrimSpace(x) == "" {
			return noAnswer
		}
		return x
	case bool:
		return yesNo(x, lang)
	}
	return fmt.Sprint(v)
}

func yesNo(b bool, lang schema.Lang) string {
	if b {
		return word("yes", lang)
	}
	return word("no", lang)
}
