// Package itid ("identificativi italiani") checks the Italian identifiers that a non-profit
// writes in an application for public funding: codice fiscale of a person and of an entity,
// partita IVA, IBAN, PEC address, RUNTS registration, CUP, CAP and the two-letter sigla of a
// provincia.
//
// It imports only the standard library, so any project (and the Wasm build of Bando) can use it.
//
// # What is checked
//
// Every check is offline and syntactic: it proves that a value can exist, never that it was
// issued or that it belongs to the applicant. In particular:
//
//   - CodiceFiscale: the 16-character code of a natural person (DPR 29 settembre 1973 n. 605;
//     structure and check character per DM 23 dicembre 1976 of the Ministry of Finance), with
//     omocodia (the Agenzia delle Entrate replaces digits by the letters L M N P Q R S T U V to
//     tell apart people who would otherwise share a code), the month letter and the day
//     (women add 40). The check character is computed on the code as written, omocodia letters
//     included.
//   - CodiceFiscaleEnte and PartitaIVA: the 11-digit numeric code (DM 23 dicembre 1976; DPR 26
//     ottobre 1972 n. 633, art. 35 for the partita IVA): 7-digit progressive number, 3-digit
//     office code, Luhn-like check digit. The office-code rule is applied to the partita IVA
//     only, as the EU VIES algorithm does; codici fiscali of associations that have no partita
//     IVA are checked for the check digit alone.
//   - IBAN: ISO 13616-1 (structure, length per country from the SWIFT IBAN Registry) and
//     ISO 7064 MOD 97-10 (check digits); for Italian IBANs (and San Marino ones, which use the
//     same coordinates) also the BBAN shape and the CIN, the check letter of the Italian
//     "coordinate bancarie" (ABI/CBI standard).
//   - PEC: only the syntax of the address (RFC 5321/5322 dot-atom, ASCII, length limits).
//     No offline check can know whether a mailbox is really a Posta Elettronica Certificata
//     box (DPR 11 febbraio 2005 n. 68): a PEC address looks like any other e-mail address,
//     and PEC providers also use ordinary-looking domains. Only the public indexes (INI-PEC,
//     IPA) or a delivery receipt (ricevuta di consegna) can prove it.
//   - RUNTS: the section letter (art. 46 D.lgs. 3 luglio 2017 n. 117) and the repertorio
//     number; whether the entity is really registered needs the RUNTS portal.
//   - CUP: the shape of the Codice Unico di Progetto (art. 11 Legge 16 gennaio 2003 n. 3).
//     The CUP has no published check character, so a mistyped digit cannot be detected.
//   - CAP: five digits, not 00000 (Poste Italiane postal codes); whether the code exists is
//     not checked.
//   - Provincia: the official two-letter sigle (ISTAT list), plus the Sardinian sigle that
//     still appear in registers (see provincia.go).
//
// # Input handling
//
// Callers pass what the user typed. Every check first trims surrounding white space (Unicode
// white space, so a no-break space pasted from a PDF is harmless) and accepts lower case.
// Codice fiscale, codice fiscale ente, partita IVA and IBAN are also commonly written in
// groups, so white space inside them is dropped too; inside the other identifiers it is an
// error. Use NormalizeCF and NormalizeIBAN to store the canonical form. The empty string is
// always an error (ReasonLength): optional fields are skipped by the caller.
//
// # Errors
//
// Every check returns nil or an *Error with the identifier Kind and a stable Reason code. The
// user-facing message is produced elsewhere from those codes, so they never change meaning.
// When several things are wrong only the first failing step is reported. Each check runs its
// steps in a fixed order, generally: empty value (length), charset, length, format, then the
// specific checks (date, section, zero, checksum, office, unknown). The IBAN looks up the
// country before the length, since the length depends on it.
//
// # Helpers
//
// CFCheckChar, ElevenDigitCheck, IBANCheckDigits and ItalianCIN compute the check characters
// so that redaction code can replace real identifiers with fakes that keep their verdict.
package itid
