package pec

import (
	"bytes"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"time"

	"bando/schema"
)

// RFC 3161 timestamps: a document timestamp (PAdES, /SubFilter /ETSI.RFC3161) or a signature
// timestamp (CAdES-T, the unsigned attribute signatureTimeStampToken over the signature
// value). A token is a CMS SignedData whose content is a TSTInfo: the time and the digest
// (message imprint) of what it covers. A token counts only when its CMS signature verifies,
// its imprint is the digest of what it covers, and the signing certificate is a time-stamping
// authority's (extended key usage timeStamping, as RFC 3161 §2.3 requires), valid at the time
// it gives. Anything less counts as nothing, and the report says so.

var (
	oidTSTInfo           = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 1, 4}
	oidSignatureTSToken  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 14}
	oidCountersignature  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 6}
	errTimestampNotToken = errors.New("not a timestamp token")
)

type messageImprint struct {
	HashAlgorithm pkix.AlgorithmIdentifier
	HashedMessage []byte
}

// verifyTimestamp checks token over the covered bytes and returns the time it certifies.
func verifyTimestamp(token []byte, covered [][]byte) (time.Time, error) {
	env, err := parseCMS(token)
	if err != nil {
		return time.Time{}, err
	}
	if !env.ctype.Equal(oidTSTInfo) || env.detached || len(env.signers) != 1 {
		return time.Time{}, errTimestampNotToken
	}
	v := env.verify(env.signers[0], [][]byte{env.content}, false)
	if v.problem != nil {
		return time.Time{}, v.problem
	}
	if !hasEKU(v.cert, x509.ExtKeyUsageTimeStamping) {
		return time.Time{}, errors.New("the signer is not a time-stamping authority (no timeStamping extended key usage)")
	}
	var seq asn1.RawValue
	if _, err := asn1.Unmarshal(env.content, &seq); err != nil || seq.Tag != asn1.TagSequence {
		return time.Time{}, errTimestampNotToken
	}
	var (
		version int
		policy  asn1.ObjectIdentifier
		imprint messageImprint
		serial  *big.Int
		genTime time.Time
	)
	rest := seq.Bytes
	for _, f := range []any{&version, &policy, &imprint, &serial} {
		if rest, err = asn1.Unmarshal(rest, f); err != nil {
			return time.Time{}, err
		}
	}
	if _, err = asn1.UnmarshalWithParams(rest, &genTime, "generalized"); err != nil {
		return time.Time{}, err
	}
	hash, ok := digestHash(imprint.HashAlgorithm.Algorithm)
	if !ok {
		return time.Time{}, errors.New("unsupported message imprint algorithm")
	}
	h := hash.New()
	for _, part := range covered {
		h.Write(part)
	}
	if !bytes.Equal(h.Sum(nil), imprint.HashedMessage) {
		return time.Time{}, errors.New("the message imprint is not the digest of what the timestamp covers")
	}
	if genTime.Before(v.cert.NotBefore) || genTime.After(v.cert.NotAfter) {
		return time.Time{}, errors.New("the time-stamping certificate was not valid at the time given")
	}
	return genTime, nil
}

func hasEKU(c *x509.Certificate, want x509.ExtKeyUsage) bool {
	for _, u := range c.ExtKeyUsage {
		if u == want {
			return true
		}
	}
	return false
}

// Timestamp is a timestamp found in the file and whether it counts.
type Timestamp struct {
	Time     *time.Time `json:"time,omitempty"` // set only when verified
	Verified bool       `json:"verified"`
	Problem  *Error     `json:"problem,omitempty"`
}

func timestampReport(token []byte, covered [][]byte, what string) Timestamp {
	t, err := verifyTimestamp(token, covered)
	if err != nil {
		it, en := "la marca temporale", "the timestamp"
		if what == "document" {
			it, en = "la marca temporale del documento", "the document timestamp"
		}
		return Timestamp{Problem: &Error{Key: "timestamp.unverified", Err: err, Msg: schema.Text{
			IT: fmt.Sprintf("Il file contiene %s, ma non è verificabile (firma del prestatore, impronta o certificato di marcatura non validi): non se ne tiene conto.", it),
			EN: fmt.Sprintf("The file holds %s, but it cannot be verified (the authority's signature, the imprint or the time-stamping certificate is not valid): it is not taken into account.", en)}}}
	}
	return Timestamp{Time: &t, Verified: true}
}
