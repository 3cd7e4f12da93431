package pec

import (
	"crypto/x509"
	"encoding/asn1"
	"strings"
	"time"

	"bando/schema/itid"
)

// Identity is who a signing certificate names. Italian qualified certificates (ETSI EN 319
// 412-1, as adopted by AgID) carry the holder's codice fiscale in the subject serialNumber as
// "TINIT-<CF>"; certificates issued before that rule wrote "IT:<CF>", still met in files
// signed with old cards, so both forms are read.
type Identity struct {
	Name         string    `json:"name"` // "Mario Rossi": given name and surname, else the common name
	CF           string    `json:"cf"`   // codice fiscale, upper case; "" when the certificate has none
	Organization string    `json:"organization,omitempty"`
	Issuer       string    `json:"issuer"` // the certification authority
	NotBefore    time.Time `json:"notBefore"`
	NotAfter     time.Time `json:"notAfter"`
	// NonRepudiation: the key is certified for signatures with legal value (key usage
	// contentCommitment, formerly nonRepudiation), as a qualified signature certificate is
	// (ETSI EN 319 412-2 §4.3.2). A certificate without the key usage extension is not.
	NonRepudiation bool `json:"nonRepudiation"`
}

var (
	oidGivenName = asn1.ObjectIdentifier{2, 5, 4, 42}
	oidSurname   = asn1.ObjectIdentifier{2, 5, 4, 4}
)

func identify(c *x509.Certificate) Identity {
	id := Identity{
		Name:           c.Subject.CommonName,
		CF:             cfFromSerial(c.Subject.SerialNumber),
		NotBefore:      c.NotBefore,
		NotAfter:       c.NotAfter,
		NonRepudiation: c.KeyUsage&x509.KeyUsageContentCommitment != 0,
	}
	if len(c.Subject.Organization) > 0 {
		id.Organization = c.Subject.Organization[0]
	}
	var given, surname string
	for _, n := range c.Subject.Names {
		s, _ := n.Value.(string)
		switch {
		case n.Type.Equal(oidGivenName):
			given = s
		case n.Type.Equal(oidSurname):
			surname = s
		}
	}
	if given != "" && surname != "" {
		id.Name = given + " " + surname
	}
	if id.Name == "" {
		id.Name = id.CF
	}
	id.Issuer = c.Issuer.CommonName
	if id.Issuer == "" && len(c.Issuer.Organization) > 0 {
		id.Issuer = c.Issuer.Organization[0]
	}
	return id
}

// cfFromSerial reads the codice fiscale of a subject serialNumber: "TINIT-RSSMRA80A01H501U"
// or "IT:RSSMRA80A01H501U". Anything else (a foreign identity, a passport number) gives "".
func cfFromSerial(s string) string {
	s = strings.TrimSpace(s)
	for _, prefix := range []string{"TINIT-", "IT:"} {
		if len(s) > len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
			return itid.NormalizeCF(s[len(prefix):])
		}
	}
	return ""
}

// sameCF compares two codici fiscali as people write them (case, spaces).
func sameCF(a, b string) bool {
	a, b = itid.NormalizeCF(a), itid.NormalizeCF(b)
	return a != "" && a == b
}
