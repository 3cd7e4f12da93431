package pec

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
)

// Qualified is what a certificate claims about itself as an EU qualified certificate for
// electronic signatures. The claims are read offline; whether the issuer really is a
// qualified trust service provider only the EU trusted list says (see Options.Anchors).
//
// ETSI EN 319 412-5 §4.2 (QCStatements extension, id-pe-qcStatements 1.3.6.1.5.5.7.1.3):
//   - QcCompliance 0.4.0.1862.1.1: issued as a qualified certificate (eIDAS annex I);
//   - QcSSCD 0.4.0.1862.1.4: the key is in a qualified signature creation device;
//   - QcType 0.4.0.1862.1.6 with id-etsi-qct-esign 0.4.0.1862.1.6.1: for electronic signatures
//     (not seals, not websites). Without a QcType the certificate is for signatures (§4.2.3).
//
// AgID certificate policy: agIDcert 1.3.76.16.6 (AgID, Determinazione 121/2019, "Linee guida
// contenenti le regole tecniche e raccomandazioni afferenti la generazione di certificati
// elettronici qualificati…", §4: the certificatePolicies of a certificate that follows the
// Italian profile carry PolicyIdentifier agIDcert). Read and shown, not required: qualified
// certificates from other member states are valid in Italy (eIDAS art. 25).
type Qualified struct {
	Compliance bool `json:"qcCompliance"`
	SSCD       bool `json:"qcSSCD"`
	ESign      bool `json:"qcTypeESign"`
	AgIDPolicy bool `json:"agidPolicy"`
	SelfSigned bool `json:"selfSigned"`
}

var (
	oidQCStatements   = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 3}
	oidQcCompliance   = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 1}
	oidQcSSCD         = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 4}
	oidQcType         = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 6}
	oidQcTypeESign    = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 6, 1}
	oidAgIDCertPolicy = asn1.ObjectIdentifier{1, 3, 76, 16, 6}
)

type qcStatement struct {
	ID   asn1.ObjectIdentifier
	Info asn1.RawValue `asn1:"optional"`
}

func qualifiedClaims(c *x509.Certificate) Qualified {
	var q Qualified
	// CheckSignatureFrom would refuse a parent that is not a CA: check the signature itself
	q.SelfSigned = bytes.Equal(c.RawIssuer, c.RawSubject) && c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature) == nil
	for _, p := range c.Policies {
		if p.EqualASN1OID(oidAgIDCertPolicy) {
			q.AgIDPolicy = true
		}
	}
	for _, ext := range c.Extensions {
		if !ext.Id.Equal(oidQCStatements) {
			continue
		}
		var statements []qcStatement
		if _, err := asn1.Unmarshal(ext.Value, &statements); err != nil {
			return q
		}
		esign, typed := false, false
		for _, s := range statements {
			switch {
			case s.ID.Equal(oidQcCompliance):
				q.Compliance = true
			case s.ID.Equal(oidQcSSCD):
				q.SSCD = true
			case s.ID.Equal(oidQcType):
				typed = true
				var types []asn1.ObjectIdentifier
				if _, err := asn1.Unmarshal(s.Info.FullBytes, &types); err == nil {
					for _, t := range types {
						esign = esign || t.Equal(oidQcTypeESign)
					}
				}
			}
		}
		q.ESign = esign || !typed
	}
	return q
}

// notQualified says why a signature is not a qualified electronic signature, "" when the
// certificate claims to be one.
func (q Qualified) missing(nonRepudiation bool) (it, en string) {
	switch {
	case q.SelfSigned:
		return "il certificato è autoprodotto (firmato da sé stesso)", "the certificate is self-signed"
	case !q.Compliance:
		return "il certificato non si dichiara qualificato (manca QcCompliance, ETSI EN 319 412-5)", "the certificate does not claim to be qualified (no QcCompliance, ETSI EN 319 412-5)"
	case !q.SSCD:
		return "la chiave non è dichiarata in un dispositivo sicuro di firma (manca QcSSCD)", "the key is not declared to be in a secure signature creation device (no QcSSCD)"
	case !q.ESign:
		return "il certificato è qualificato per sigilli o siti web, non per la firma di una persona", "the certificate is qualified for seals or websites, not for a person's signature"
	case !nonRepudiation:
		return "il certificato non è destinato alla firma con valore legale (manca l'uso «non ripudio»)", "the certificate is not meant for legally binding signatures (no non-repudiation key usage)"
	}
	return "", ""
}
