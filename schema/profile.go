package schema

import (
	"fmt"
	"sort"
	"strings"
)

// Organisation profiles ("I miei enti"): an applicant keeps an organisation and its legal
// representative on the device once, and fills a member of any call from it. A call says which
// of its fields hold which fact with "profile": a key of this fixed vocabulary (ente.cf,
// rl.nascita_data…), so that calls written by different offices, with different field ids,
// fill from the same profile. The vocabulary is closed on purpose: lint refuses a key it does
// not know, so a typo never silently leaves a field unfilled.

// ProfileKey is one fact a profile keeps.
type ProfileKey struct {
	Key   string
	Label Text
	// Types are the field types that can hold the fact.
	Types []FieldType
}

var profileKeys = []ProfileKey{
	{"ente.denominazione", Text{IT: "Denominazione", EN: "Name"}, textTypes},
	{"ente.cf", Text{IT: "Codice fiscale dell'ente", EN: "Organisation's tax code"}, textTypes},
	{"ente.piva", Text{IT: "Partita IVA", EN: "VAT number"}, textTypes},
	// A choice keeps the option's value: it fills another call's field only where that call
	// offers the same value (forma giuridica "aps" in both, say), never a guess.
	{"ente.forma_giuridica", Text{IT: "Forma giuridica", EN: "Legal form"}, []FieldType{TypeChoice}},
	{"ente.runts_sezione", Text{IT: "Sezione del RUNTS", EN: "RUNTS section"}, []FieldType{TypeChoice}},
	{"ente.runts_numero", Text{IT: "Numero di repertorio RUNTS", EN: "RUNTS number"}, textTypes},
	{"ente.rea", Text{IT: "Numero REA", EN: "REA number"}, textTypes},
	{"ente.sede_indirizzo", Text{IT: "Sede legale: indirizzo", EN: "Registered office: address"}, textTypes},
	{"ente.sede_comune", Text{IT: "Sede legale: comune", EN: "Registered office: municipality"}, textTypes},
	{"ente.sede_cap", Text{IT: "Sede legale: CAP", EN: "Registered office: postcode"}, textTypes},
	{"ente.sede_provincia", Text{IT: "Sede legale: provincia", EN: "Registered office: province"}, textTypes},
	{"ente.pec", Text{IT: "PEC", EN: "Certified e-mail (PEC)"}, emailTypes},
	{"ente.email", Text{IT: "E-mail", EN: "E-mail"}, emailTypes},
	{"ente.telefono", Text{IT: "Telefono", EN: "Telephone"}, textTypes},
	{"ente.esperienza", Text{IT: "Esperienza", EN: "Experience"}, textTypes},
	{"rl.nome", Text{IT: "Legale rappresentante: nome e cognome", EN: "Legal representative: full name"}, textTypes},
	{"rl.cf", Text{IT: "Legale rappresentante: codice fiscale", EN: "Legal representative: tax code"}, textTypes},
	{"rl.carica", Text{IT: "Legale rappresentante: carica", EN: "Legal representative: office held"}, textTypes},
	{"rl.nascita_luogo", Text{IT: "Legale rappresentante: luogo di nascita", EN: "Legal representative: place of birth"}, textTypes},
	{"rl.nascita_data", Text{IT: "Legale rappresentante: data di nascita", EN: "Legal representative: date of birth"}, []FieldType{TypeDate}},
}

var (
	textTypes  = []FieldType{TypeText, TypeTextArea, TypeEmail}
	emailTypes = []FieldType{TypeEmail, TypeText}
)

// ProfileKeys lists the vocabulary, in the order a profile shows it.
func ProfileKeys() []ProfileKey { return profileKeys }

// LookupProfileKey returns the key's description.
func LookupProfileKey(key string) (ProfileKey, bool) {
	for _, k := range profileKeys {
		if k.Key == key {
			return k, true
		}
	}
	return ProfileKey{}, false
}

// ProfileFields returns the fields of a group's item, or of a section, that a profile fills.
func ProfileFields(fs []*Field) []*Field {
	var out []*Field
	for _, f := range fs {
		if f.Profile != "" {
			out = append(out, f)
		}
	}
	return out
}

// profiles checks the profile keys of one list of fields: known, on a field that can hold the
// fact, each at most once in the list (one item is one organisation).
func (l *linter) profiles(fs []*Field, n *jsonNode, p string) {
	seen := map[string]string{}
	for i, f := range fs {
		if f.Profile == "" {
			continue
		}
		fn := n.at(i)
		fp := fmt.Sprintf("%s[%d].profile", p, i)
		k, ok := LookupProfileKey(f.Profile)
		if !ok {
			known := profileKeyNames()
			l.problem(orNode(fn.get("profile"), fn), fp, "lint.profile_key",
				"chiave di profilo %[1]q sconosciuta%[2]s", "unknown profile key %[1]q%[3]s",
				f.Profile, suggestIT(f.Profile, known), suggestEN(f.Profile, known))
			continue
		}
		fits := false
		for _, t := range k.Types {
			fits = fits || t == f.Type
		}
		if !fits {
			l.problem(orNode(fn.get("profile"), fn), fp, "lint.profile_type",
				"la chiave di profilo %q non si addice a un campo %s (va su: %s)", "profile key %q does not fit a %s field (it goes on: %s)",
				f.Profile, f.Type, typeNames(k.Types))
			continue
		}
		if other, dup := seen[f.Profile]; dup {
			l.problem(orNode(fn.get("profile"), fn), fp, "lint.profile_duplicate",
				"la chiave di profilo %q è già del campo %q: un elenco di campi descrive un solo ente", "profile key %q already belongs to field %q: one list of fields describes one organisation",
				f.Profile, other)
			continue
		}
		seen[f.Profile] = f.ID
	}
}

func profileKeyNames() []string {
	names := make([]string, len(profileKeys))
	for i, k := range profileKeys {
		names[i] = k.Key
	}
	return names
}

func typeNames(ts []FieldType) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = string(t)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
