package itid

import "strings"

// Sigle of the provinces, metropolitan cities and equivalent bodies, as used by ISTAT, the
// Agenzia delle Entrate, Poste Italiane and vehicle plates (the "sigla automobilistica").
// The 107 current sigle are listed by region. Rome is "RM" (plates say "Roma"); "SU" is Sud
// Sardegna (2016). The Friuli Venezia Giulia sigle stay in use although the provinces were
// replaced by regional bodies in 2017-2019.
var provinceSigle = [...]string{
	// Piemonte
	"AL", "AT", "BI", "CN", "NO", "TO", "VB", "VC",
	// Valle d'Aosta
	"AO",
	// Lombardia
	"BG", "BS", "CO", "CR", "LC", "LO", "MB", "MI", "MN", "PV", "SO", "VA",
	// Trentino-Alto Adige
	"BZ", "TN",
	// Veneto
	"BL", "PD", "RO", "TV", "VE", "VI", "VR",
	// Friuli Venezia Giulia
	"GO", "PN", "TS", "UD",
	// Liguria
	"GE", "IM", "SP", "SV",
	// Emilia-Romagna
	"BO", "FC", "FE", "MO", "PC", "PR", "RA", "RE", "RN",
	// Toscana
	"AR", "FI", "GR", "LI", "LU", "MS", "PI", "PO", "PT", "SI",
	// Umbria
	"PG", "TR",
	// Marche
	"AN", "AP", "FM", "MC", "PU",
	// Lazio
	"FR", "LT", "RI", "RM", "VT",
	// Abruzzo
	"AQ", "CH", "PE", "TE",
	// Molise
	"CB", "IS",
	// Campania
	"AV", "BN", "CE", "NA", "SA",
	// Puglia
	"BA", "BR", "BT", "FG", "LE", "TA",
	// Basilicata
	"MT", "PZ",
	// Calabria
	"CS", "CZ", "KR", "RC", "VV",
	// Sicilia
	"AG", "CL", "CT", "EN", "ME", "PA", "RG", "SR", "TP",
	// Sardegna
	"CA", "NU", "OR", "SS", "SU",

	// Sardinian historical sigle, kept on purpose: Carbonia-Iglesias (CI), Medio Campidano
	// (VS), Ogliastra (OG) and Olbia-Tempio (OT) were abolished in 2016 (LR 2/2016, sigla SU
	// for their successor), but they are still printed on identity documents, statutes and
	// atti costitutivi, in the regional registers migrated into the RUNTS and on vehicles
	// still on the road. Moreover the Sardinian reform completed in 2025 re-established
	// Medio Campidano, Sulcis Iglesiente, Ogliastra and Gallura Nord-Est Sardegna, whose
	// national sigle are not settled yet, and people there write the old ones. Refusing them
	// would block applicants whose documents are correct.
	"CI", "OG", "OT", "VS",
}

// provinceSet is provinceSigle as a 26x26 table indexed by the two letters.
var provinceSet = func() (set [26 * 26]bool) {
	for _, p := range provinceSigle {
		set[int(p[0]-'A')*26+int(p[1]-'A')] = true
	}
	return set
}()

// Provincia checks the two-letter sigla of an Italian provincia (or metropolitan city).
// Surrounding white space is ignored and lower case accepted. "EE" (estero), which some
// forms use for addresses abroad, is not a provincia and is refused with ReasonUnknown.
func Provincia(s string) error {
	var b [2]byte
	n, cls := scan(strings.TrimSpace(s), b[:], false)
	switch {
	case n == 0:
		return fail(KindProvincia, ReasonLength)
	case cls != clsLetter:
		return fail(KindProvincia, ReasonCharset)
	case n != len(b):
		return fail(KindProvincia, ReasonLength)
	case !provinceSet[int(b[0]-'A')*26+int(b[1]-'A')]:
		return fail(KindProvincia, ReasonUnknown)
	}
	return nil
}

// Province returns the sigle Provincia accepts, in a new slice (support bundles draw a fake
// provincia from it).
func Province() []string { return append([]string(nil), provinceSigle[:]...) }
