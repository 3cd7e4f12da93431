package itid

// Identifier kinds, the Kind of an *Error. They match the validator tags of package schema.
const (
	KindCF        = "cf"        // codice fiscale of a natural person
	KindCFEnte    = "cf_ente"   // 11-digit codice fiscale of an entity
	KindPIVA      = "piva"      // partita IVA
	KindIBAN      = "iban"      // International Bank Account Number
	KindPEC       = "pec"       // Posta Elettronica Certificata address
	KindRUNTS     = "runts"     // Registro Unico Nazionale del Terzo Settore registration
	KindCUP       = "cup"       // Codice Unico di Progetto
	KindCAP       = "cap"       // Codice di Avviamento Postale
	KindProvincia = "provincia" // two-letter sigla of a provincia
)

// Reasons, the Reason of an *Error. They are stable machine codes shared by all kinds.
const (
	// ReasonLength: empty, too short or too long (for an IBAN: not the length of its country).
	ReasonLength = "length"
	// ReasonCharset: a character that can never appear in this identifier (punctuation,
	// non-ASCII, a letter in an all-digit code).
	ReasonCharset = "charset"
	// ReasonFormat: allowed characters in the wrong places (a letter where a digit belongs,
	// a missing "@", a bad RUNTS separator, ...).
	ReasonFormat = "format"
	// ReasonChecksum: the check character, check digit, IBAN check digits or Italian CIN
	// does not match.
	ReasonChecksum = "checksum"
	// ReasonZero: a number that is all zeros (codice fiscale ente, partita IVA or its
	// progressive number, CAP, RUNTS repertorio).
	ReasonZero = "zero"
	// ReasonOffice: the office code (digits 8-10) of a partita IVA is not an Agenzia delle
	// Entrate office.
	ReasonOffice = "office"
	// ReasonCountry: the IBAN country code is not in the IBAN registry.
	ReasonCountry = "country"
	// ReasonDate: a codice fiscale with an impossible birth date: a month letter outside
	// ABCDEHLMPRST, or a day (after removing omocodia and the +40 for women) that the month
	// cannot have.
	ReasonDate = "date"
	// ReasonSection: a RUNTS section letter outside a-g.
	ReasonSection = "section"
	// ReasonUnknown: a well-formed value that is not in the official list (provincia).
	ReasonUnknown = "unknown"
)

// Error is returned by every check. Kind is the identifier kind, Reason a stable machine code.
type Error struct{ Kind, Reason string }

// Error returns e.g. "itid: cf: checksum".
func (e *Error) Error() string { return "itid: " + e.Kind + ": " + e.Reason }

// fail builds a fresh *Error: callers may keep or change it without affecting later checks.
func fail(kind, reason string) error { return &Error{Kind: kind, Reason: reason} }
