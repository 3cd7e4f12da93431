package schema

import (
	"sort"
	"strings"
)

// messages are the texts of Issue keys, Italian first. Parameters are written {name}.
// Each message says what is wrong and, where it helps, how to fix it: the people reading
// them are filling a funding application, not debugging.
var messages = map[string][2]string{ // key → {it, en}
	"required":             {"Questo campo è obbligatorio.", "This field is required."},
	"required.choice":      {"Scegli una risposta.", "Choose an answer."},
	"declaration.required": {"Per presentare la domanda devi accettare questa dichiarazione.", "You must accept this declaration to apply."},
	"type":                 {"Risposta di tipo non valido: serve {expected}.", "Wrong kind of answer: {expected} expected."},
	"maxchars":             {"Al massimo {max} caratteri: ora sono {n}.", "At most {max} characters: there are {n}."},
	"date.format":          {"Data non valida.", "Invalid date."},
	"choice.unknown":       {"La risposta «{value}» non è tra quelle previste.", "The answer “{value}” is not one of the options."},
	"choice.item":          {"La voce scelta non è più tra le voci «{item}» (forse è stata eliminata, o il gruppo non è più richiesto): scegli di nuovo.", "The chosen entry is no longer among the “{item}” entries (it may have been removed, or the group is no longer asked for): choose again."},
	"number.format":        {"Numero non valido.", "Invalid number."},
	"money.negative":       {"L'importo non può essere negativo: scrivi la cifra senza il segno meno.", "The amount cannot be negative: write it without the minus sign."},
	"money.format":         {"Importo non valido: scrivi euro e centesimi, ad esempio 1.234,50.", "Invalid amount: write euros and cents, e.g. 1,234.50."},
	"email.format":         {"Indirizzo e-mail non valido.", "Invalid e-mail address."},
	"repeat.min":           {"Servono almeno {min} voci «{item}»: ora sono {n}.", "At least {min} “{item}” entries are needed: there are {n}."},
	"repeat.max":           {"Al massimo {max} voci «{item}»: ora sono {n}.", "At most {max} “{item}” entries: there are {n}."},

	"cf.length":   {"Il codice fiscale di una persona ha 16 caratteri: ne hai scritti {n}.", "A personal tax code (codice fiscale) has 16 characters: you typed {n}."},
	"cf.charset":  {"Il codice fiscale contiene solo lettere e cifre.", "The tax code contains only letters and digits."},
	"cf.format":   {"Il codice fiscale non ha la forma giusta: 6 lettere, 2 cifre, 1 lettera, 2 cifre, 1 lettera, 3 cifre e 1 lettera.", "The tax code does not have the right shape: 6 letters, 2 digits, 1 letter, 2 digits, 1 letter, 3 digits and 1 letter."},
	"cf.date":     {"Il codice fiscale contiene una data di nascita impossibile: controlla mese e giorno.", "The tax code holds an impossible birth date: check month and day."},
	"cf.checksum": {"Il codice fiscale non è corretto: il carattere di controllo finale non corrisponde. Controlla di averlo copiato bene.", "The tax code is not correct: its final check character does not match. Check that you copied it exactly."},

	"cf_ente.length":   {"Il codice fiscale di un ente ha 11 cifre: ne hai scritte {n}.", "An organisation's tax code has 11 digits: you typed {n}."},
	"cf_ente.charset":  {"Il codice fiscale di un ente contiene solo cifre.", "An organisation's tax code contains only digits."},
	"cf_ente.zero":     {"Il codice fiscale non può essere composto da soli zeri.", "The tax code cannot be all zeros."},
	"cf_ente.checksum": {"Il codice fiscale dell'ente non è corretto: la cifra di controllo finale non corrisponde.", "The organisation's tax code is not correct: its final check digit does not match."},

	"piva.length":   {"La partita IVA ha 11 cifre: ne hai scritte {n}.", "A VAT number (partita IVA) has 11 digits: you typed {n}."},
	"piva.charset":  {"La partita IVA contiene solo cifre (eventualmente precedute da IT).", "A VAT number contains only digits (optionally after IT)."},
	"piva.zero":     {"La partita IVA non può essere composta da soli zeri.", "The VAT number cannot be all zeros."},
	"piva.office":   {"La partita IVA non è valida: le cifre 8-10 non indicano un ufficio provinciale esistente.", "The VAT number is not valid: digits 8-10 are not an existing provincial office code."},
	"piva.checksum": {"La partita IVA non è corretta: la cifra di controllo finale non corrisponde.", "The VAT number is not correct: its final check digit does not match."},

	"iban.length":   {"La lunghezza dell'IBAN non è corretta per il paese indicato (un IBAN italiano ha 27 caratteri): ora sono {n}.", "The IBAN length is wrong for its country (an Italian IBAN has 27 characters): there are {n}."},
	"iban.charset":  {"L'IBAN contiene solo lettere e cifre.", "An IBAN contains only letters and digits."},
	"iban.format":   {"L'IBAN non ha la forma giusta: inizia con la sigla del paese (IT) e due cifre di controllo.", "The IBAN does not have the right shape: it starts with the country code (IT) and two check digits."},
	"iban.country":  {"L'IBAN inizia con una sigla di paese sconosciuta.", "The IBAN starts with an unknown country code."},
	"iban.checksum": {"L'IBAN non è corretto: i caratteri di controllo non corrispondono. Copialo dall'estratto conto.", "The IBAN is not correct: its check characters do not match. Copy it from a bank statement."},

	"pec.length":  {"L'indirizzo PEC è troppo lungo.", "The PEC address is too long."},
	"pec.charset": {"L'indirizzo PEC contiene caratteri non ammessi.", "The PEC address contains characters that are not allowed."},
	"pec.format":  {"Indirizzo PEC non valido: deve avere la forma nome@dominio.it.", "Invalid PEC address: it must look like name@domain.it."},

	"runts.format":  {"Indica la sezione RUNTS (lettera da A a G) e il numero di repertorio, ad esempio B/123456.", "Give the RUNTS section (letter A to G) and the registration number, e.g. B/123456."},
	"runts.section": {"La sezione RUNTS va da A a G.", "RUNTS sections go from A to G."},
	"runts.length":  {"Il numero di repertorio RUNTS ha al massimo 9 cifre.", "The RUNTS registration number has at most 9 digits."},
	"runts.zero":    {"Il numero di repertorio RUNTS non può essere zero.", "The RUNTS registration number cannot be zero."},
	"runts.charset": {"Il numero di iscrizione RUNTS contiene solo la lettera della sezione e cifre.", "The RUNTS registration holds only the section letter and digits."},

	"cup.length":  {"Il CUP ha 15 caratteri: ne hai scritti {n}.", "A CUP has 15 characters: you typed {n}."},
	"cup.charset": {"Il CUP contiene solo lettere maiuscole e cifre.", "A CUP contains only capital letters and digits."},
	"cup.format":  {"Il CUP non ha la forma giusta (ad esempio J14E20000010001).", "The CUP does not have the right shape (e.g. J14E20000010001)."},

	"cap.length":  {"Il CAP ha 5 cifre.", "An Italian postcode (CAP) has 5 digits."},
	"cap.charset": {"Il CAP contiene solo cifre.", "A CAP contains only digits."},
	"cap.zero":    {"Il CAP 00000 non esiste.", "CAP 00000 does not exist."},
	"cap.format":  {"CAP non valido.", "Invalid CAP."},

	"provincia.length":  {"Indica la sigla della provincia, due lettere (es. FI).", "Give the province's two-letter code (e.g. FI)."},
	"provincia.charset": {"La sigla della provincia è di due lettere (es. FI).", "The province code is two letters (e.g. FI)."},
	"provincia.unknown": {"Sigla di provincia sconosciuta.", "Unknown province code."},

	// validator tags, by the kind of value they constrain
	"min.string": {"Scrivi almeno {param} caratteri.", "Write at least {param} characters."},
	"max.string": {"Al massimo {param} caratteri.", "At most {param} characters."},
	"len.string": {"Servono esattamente {param} caratteri.", "Exactly {param} characters are needed."},
	"min.number": {"Il valore minimo è {param}.", "The minimum is {param}."},
	"gte.number": {"Il valore minimo è {param}.", "The minimum is {param}."},
	"max.number": {"Il valore massimo è {param}.", "The maximum is {param}."},
	"lte.number": {"Il valore massimo è {param}.", "The maximum is {param}."},
	"gt.number":  {"Deve essere maggiore di {param}.", "Must be greater than {param}."},
	"lt.number":  {"Deve essere minore di {param}.", "Must be less than {param}."},
	"min.money":  {"L'importo minimo è {param}.", "The minimum amount is {param}."},
	"gte.money":  {"L'importo minimo è {param}.", "The minimum amount is {param}."},
	"max.money":  {"L'importo massimo è {param}.", "The maximum amount is {param}."},
	"lte.money":  {"L'importo massimo è {param}.", "The maximum amount is {param}."},
	"gt.money":   {"L'importo deve essere maggiore di {param}.", "The amount must be greater than {param}."},
	"lt.money":   {"L'importo deve essere minore di {param}.", "The amount must be less than {param}."},
	"min.list":   {"Scegli almeno {param} risposte.", "Choose at least {param} answers."},
	"max.list":   {"Scegli al massimo {param} risposte.", "Choose at most {param} answers."},
	"email":      {"Indirizzo e-mail non valido.", "Invalid e-mail address."},
	"url":        {"Indirizzo web non valido: inizia con https://", "Invalid web address: start with https://"},
	"http_url":   {"Indirizzo web non valido: inizia con https://", "Invalid web address: start with https://"},
	"numeric":    {"Scrivi solo cifre.", "Digits only."},
	"number":     {"Scrivi solo cifre.", "Digits only."},
	"oneof":      {"Valore non ammesso: scegli tra {param}.", "Value not allowed: choose one of {param}."},
	"e164":       {"Numero di telefono non valido: usa il formato internazionale, ad esempio +390551234567.", "Invalid phone number: use the international form, e.g. +390551234567."},
	"rule.or":    {"Valore non valido: serve {param}.", "Invalid value: {param} expected."},
	"rule":       {"Valore non valido (regola «{param}»).", "Invalid value (rule “{param}”)."},

	"unique": {"Lo stesso valore è già indicato per {item}.", "The same value is already given for {item}."},
	"check":  {"Le risposte non rispettano una regola del bando.", "The answers break one of the call's rules."},
}

// tagNames name our tags in OR-lists: "cf|piva" → "codice fiscale o partita IVA".
var tagNames = map[string][2]string{
	"cf":        {"codice fiscale", "tax code"},
	"cf_ente":   {"codice fiscale di un ente", "organisation tax code"},
	"piva":      {"partita IVA", "VAT number"},
	"iban":      {"IBAN", "IBAN"},
	"pec":       {"indirizzo PEC", "PEC address"},
	"runts":     {"iscrizione RUNTS", "RUNTS registration"},
	"cup":       {"CUP", "CUP"},
	"cap":       {"CAP", "CAP"},
	"provincia": {"sigla di provincia", "province code"},
	"email":     {"indirizzo e-mail", "e-mail address"},
}

// HasMessage reports whether key has its own text (tests use it to find keys left untranslated).
func HasMessage(key string) bool {
	m, ok := messages[key]
	return ok && m[0] != "" && m[1] != ""
}

// MessageKeys returns every key with a text, sorted.
func MessageKeys() []string {
	keys := make([]string, 0, len(messages))
	for k := range messages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Message renders key with params in lang; unknown keys fall back to a generic text.
func Message(lang Lang, key string, params map[string]string) string {
	m, ok := messages[key]
	if !ok {
		m = messages["rule"]
		if params == nil || params["param"] == "" {
			params = map[string]string{"param": key}
		}
	}
	s := m[0]
	if lang == EN {
		s = m[1]
	}
	if strings.IndexByte(s, '{') < 0 {
		return s
	}
	for _, v := range params {
		if strings.IndexByte(v, '{') >= 0 {
			// A value that itself looks like a placeholder: replace as before, one
			// parameter after the other.
			for k, v := range params {
				s = strings.ReplaceAll(s, "{"+k+"}", v)
			}
			return s
		}
	}
	return fill(s, params)
}

// fill replaces each {name} of s that names a parameter by its value, in one pass.
func fill(s string, params map[string]string) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+1:], '}')
		if j < 0 {
			break
		}
		v, ok := params[s[i+1:i+1+j]]
		if !ok {
			b.WriteString(s[:i+1]) // not a parameter: kept as written
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(v)
		s = s[i+j+2:]
	}
	b.WriteString(s)
	return b.String()
}

func orNames(tags string, lang Lang) string {
	parts := strings.Split(tags, "|")
	i := 0
	if lang == EN {
		i = 1
	}
	for j, p := range parts {
		if n, ok := tagNames[p]; ok {
			parts[j] = n[i]
		}
	}
	sep := " o "
	if lang == EN {
		sep = " or "
	}
	return strings.Join(parts, sep)
}
