package pec

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"time"

	_ "crypto/sha256" // the digests signatures use, registered with crypto.Hash
	_ "crypto/sha512"
)

// CMS SignedData (RFC 5652), the container of CAdES (.p7m) and PAdES signatures, verified
// with encoding/asn1 and crypto/x509 alone: a CMS library would add to the Wasm build code we
// do not need (encryption, signing, BER everywhere), and the part we need is small. What is
// checked, per signer: the signer's certificate is in the message; with signed attributes,
// their content type and message digest match the content and the signature covers them
// (CAdES always has them); without, the signature covers the content's digest; the CAdES
// signing-certificate attribute, when present, names the certificate that verifies. Digests:
// SHA-256/384/512 (SHA-1 is refused, as AgID rules require since 2011). Signatures: RSA
// PKCS#1 v1.5, RSA-PSS, ECDSA.

var (
	oidData            = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidContentType     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidSigningTime     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	oidSigningCertV2   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	oidSHA1            = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidSHA256          = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidSHA384          = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}
	oidSHA512          = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}
	oidRSA             = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidRSAPSS          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
	oidSHA256WithRSA   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11}
	oidSHA384WithRSA   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 12}
	oidSHA512WithRSA   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 13}
	oidECPublicKey     = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	oidECDSAWithSHA256 = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
	oidECDSAWithSHA384 = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 3}
	oidECDSAWithSHA512 = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 4}
)

type contentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue `asn1:"explicit,optional,tag:0"`
}

type signedData struct {
	Version          int
	DigestAlgorithms asn1.RawValue
	EncapContent     encapContent
	Certificates     asn1.RawValue `asn1:"optional,tag:0"`
	CRLs             asn1.RawValue `asn1:"optional,tag:1"`
	SignerInfos      asn1.RawValue
}

type encapContent struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue `asn1:"explicit,optional,tag:0"`
}

type signerInfo struct {
	Version            int
	SID                asn1.RawValue
	DigestAlgorithm    pkix.AlgorithmIdentifier
	SignedAttrs        asn1.RawValue `asn1:"optional,tag:0"`
	SignatureAlgorithm pkix.AlgorithmIdentifier
	Signature          []byte
	UnsignedAttrs      asn1.RawValue `asn1:"optional,tag:1"`
}

type issuerAndSerial struct {
	Issuer asn1.RawValue
	Serial *big.Int
}

type attribute struct {
	Type   asn1.ObjectIdentifier
	Values asn1.RawValue `asn1:"set"`
}

// envelope is one parsed SignedData.
type envelope struct {
	ctype    asn1.ObjectIdentifier // the encapsulated content's type (id-data)
	content  []byte                // the encapsulated content; nil for a detached signature
	detached bool
	certs    []*x509.Certificate
	signers  []signerInfo
}

// parseCMS reads a ContentInfo holding SignedData, DER or BER. Trailing bytes are allowed
// (PAdES pads /Contents with zeros).
func parseCMS(data []byte) (*envelope, error) {
	env, err := parseCMSDER(data)
	if err == nil {
		return env, nil
	}
	der, berErr := berToDER(data)
	if berErr != nil {
		return nil, err
	}
	return parseCMSDER(der)
}

func parseCMSDER(data []byte) (*envelope, error) {
	var ci contentInfo
	rest, err := asn1.Unmarshal(data, &ci)
	if err != nil {
		return nil, err
	}
	if len(bytes.Trim(rest, "\x00")) > 0 {
		return nil, errors.New("data after the signature")
	}
	if !ci.ContentType.Equal(oidSignedData) {
		return nil, fmt.Errorf("content type %v is not SignedData", ci.ContentType)
	}
	var sd signedData
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil {
		return nil, err
	}
	env := &envelope{ctype: sd.EncapContent.ContentType}
	if len(sd.EncapContent.Content.Bytes) == 0 && len(sd.EncapContent.Content.FullBytes) == 0 {
		env.detached = true
	} else {
		var octets []byte
		if _, err := asn1.Unmarshal(sd.EncapContent.Content.Bytes, &octets); err != nil {
			return nil, fmt.Errorf("signed content: %w", err)
		}
		env.content = octets
	}
	if len(sd.Certificates.Bytes) > 0 {
		// CertificateChoices: plain certificates are SEQUENCEs; skip the other (tagged) kinds
		for rest := sd.Certificates.Bytes; len(rest) > 0; {
			var raw asn1.RawValue
			var err error
			if rest, err = asn1.Unmarshal(rest, &raw); err != nil {
				return nil, fmt.Errorf("certificates: %w", err)
			}
			if raw.Class != asn1.ClassUniversal || raw.Tag != asn1.TagSequence {
				continue
			}
			if c, err := x509.ParseCertificate(raw.FullBytes); err == nil {
				env.certs = append(env.certs, c)
			}
		}
	}
	for rest := sd.SignerInfos.Bytes; len(rest) > 0; {
		var si signerInfo
		var err error
		if rest, err = asn1.Unmarshal(rest, &si); err != nil {
			return nil, fmt.Errorf("signer info: %w", err)
		}
		env.signers = append(env.signers, si)
	}
	if len(env.signers) == 0 {
		return nil, errors.New("no signer")
	}
	return env, nil
}

// verified is the outcome of one SignerInfo.
type verified struct {
	cert        *x509.Certificate // nil when the message does not carry it
	signingTime *time.Time        // self-declared by the signer's computer: never trusted
	problem     *Error            // nil when the signature verifies
}

// verify checks signer si of env over content (env.content, or the PAdES byte ranges, or
// for a countersignature the signature value it signs). A countersignature (RFC 5652 §11.4)
// has no content-type attribute.
func (env *envelope) verify(si signerInfo, content [][]byte, counter bool) verified {
	var v verified
	v.cert = env.certFor(si.SID)
	if v.cert == nil {
		v.problem = errf("sig.no_cert", nil, "La firma non contiene il certificato del firmatario: non si può sapere chi ha firmato.", "The signature does not carry the signer's certificate: the signer cannot be known.")
		return v
	}
	hash, ok := digestHash(si.DigestAlgorithm.Algorithm)
	if !ok {
		if si.DigestAlgorithm.Algorithm.Equal(oidSHA1) {
			v.problem = errf("sig.sha1", nil, "La firma usa l'algoritmo SHA-1, non più ammesso per la firma digitale: firma di nuovo con un software aggiornato.", "The signature uses SHA-1, no longer allowed for digital signatures: sign again with up-to-date software.")
		} else {
			v.problem = errf("sig.algorithm", nil, "La firma usa un algoritmo di impronta non supportato (%v).", "The signature uses an unsupported digest algorithm (%v).", si.DigestAlgorithm.Algorithm)
		}
		return v
	}
	h := hash.New()
	for _, part := range content {
		h.Write(part)
	}
	digest := h.Sum(nil)
	signed := digest
	if len(si.SignedAttrs.FullBytes) > 0 {
		attrs, err := parseAttributes(si.SignedAttrs.Bytes)
		if err != nil {
			v.problem = errf("sig.malformed", err, "Gli attributi firmati non sono leggibili.", "The signed attributes cannot be read.")
			return v
		}
		var md []byte
		if raw, ok := attrs[oidMessageDigest.String()]; !ok {
			v.problem = errf("sig.malformed", nil, "Manca l'impronta del documento tra gli attributi firmati.", "The document digest is missing from the signed attributes.")
			return v
		} else if _, err := asn1.Unmarshal(raw, &md); err != nil {
			v.problem = errf("sig.malformed", err, "L'impronta del documento firmato non è leggibile.", "The signed document digest cannot be read.")
			return v
		}
		if !bytes.Equal(md, digest) {
			v.problem = errf("sig.digest", nil, "Il contenuto non corrisponde a quello firmato: il documento è stato modificato dopo la firma.", "The content does not match what was signed: the document was changed after signing.")
			return v
		}
		var ct asn1.ObjectIdentifier
		if raw, ok := attrs[oidContentType.String()]; counter {
			// a countersignature signs a signature value, not a content of some type
		} else if !ok {
			v.problem = errf("sig.malformed", nil, "Manca il tipo di contenuto tra gli attributi firmati.", "The content type is missing from the signed attributes.")
			return v
		} else if _, err := asn1.Unmarshal(raw, &ct); err != nil || !ct.Equal(env.ctype) {
			v.problem = errf("sig.malformed", err, "Il tipo di contenuto firmato non corrisponde al contenuto.", "The signed content type does not match the content.")
			return v
		}
		if raw, ok := attrs[oidSigningTime.String()]; ok {
			var t time.Time
			if _, err := asn1.Unmarshal(raw, &t); err == nil {
				v.signingTime = &t
			}
		}
		if raw, ok := attrs[oidSigningCertV2.String()]; ok && !signingCertMatches(raw, v.cert) {
			v.problem = errf("sig.cert_mismatch", nil, "Il certificato allegato non è quello indicato nella firma.", "The attached certificate is not the one the signature names.")
			return v
		}
		// the signature covers the DER of the attributes as a SET, not the [0] they travel in
		setDER := append([]byte{0x31}, si.SignedAttrs.FullBytes[1:]...)
		h := hash.New()
		h.Write(setDER)
		signed = h.Sum(nil)
	}
	if err := checkSignature(v.cert, si, hash, signed); err != nil {
		v.problem = errf("sig.invalid", err, "La firma digitale non è valida: la verifica crittografica non riesce.", "The digital signature is not valid: the cryptographic check fails.")
	}
	return v
}

// attributeValues lists the values of every attribute of type oid in a SET OF Attribute
// (unsigned attributes can repeat, and one attribute can hold several values).
func attributeValues(b []byte, oid asn1.ObjectIdentifier) [][]byte {
	var out [][]byte
	for rest := b; len(rest) > 0; {
		var a attribute
		var err error
		if rest, err = asn1.Unmarshal(rest, &a); err != nil {
			return out
		}
		if !a.Type.Equal(oid) {
			continue
		}
		for vals := a.Values.Bytes; len(vals) > 0; {
			var v asn1.RawValue
			if vals, err = asn1.Unmarshal(vals, &v); err != nil {
				out = append(out, vals) // unreadable: still a value, that will not verify
				break
			}
			out = append(out, v.FullBytes)
		}
	}
	return out
}

func parseAttributes(b []byte) (map[string][]byte, error) {
	out := map[string][]byte{}
	for rest := b; len(rest) > 0; {
		var a attribute
		var err error
		if rest, err = asn1.Unmarshal(rest, &a); err != nil {
			return nil, err
		}
		out[a.Type.String()] = a.Values.Bytes // the first (only) value's DER
	}
	return out, nil
}

// signingCertMatches checks the CAdES signing-certificate-v2 attribute: the hash of the
// first ESSCertIDv2 must be the certificate's.
func signingCertMatches(raw []byte, cert *x509.Certificate) bool {
	var sc struct {
		Certs []struct {
			Hash pkix.AlgorithmIdentifier `asn1:"optional"`
			Sum  []byte
			Rest asn1.RawValue `asn1:"optional"`
		}
		Policies asn1.RawValue `asn1:"optional"`
	}
	if _, err := asn1.Unmarshal(raw, &sc); err != nil || len(sc.Certs) == 0 {
		return false
	}
	id := sc.Certs[0]
	hash := crypto.SHA256 // the default of ESSCertIDv2
	if len(id.Hash.Algorithm) > 0 {
		var ok bool
		if hash, ok = digestHash(id.Hash.Algorithm); !ok {
			return false
		}
	}
	h := hash.New()
	h.Write(cert.Raw)
	return bytes.Equal(h.Sum(nil), id.Sum)
}

func (env *envelope) certFor(sid asn1.RawValue) *x509.Certificate {
	if sid.Class == asn1.ClassContextSpecific && sid.Tag == 0 { // subjectKeyIdentifier
		for _, c := range env.certs {
			if len(c.SubjectKeyId) > 0 && bytes.Equal(c.SubjectKeyId, sid.Bytes) {
				return c
			}
		}
		return nil
	}
	var ias issuerAndSerial
	if _, err := asn1.Unmarshal(sid.FullBytes, &ias); err != nil || ias.Serial == nil {
		return nil
	}
	for _, c := range env.certs {
		if c.SerialNumber.Cmp(ias.Serial) == 0 && bytes.Equal(c.RawIssuer, ias.Issuer.FullBytes) {
			return c
		}
	}
	return nil
}

func digestHash(oid asn1.ObjectIdentifier) (crypto.Hash, bool) {
	switch {
	case oid.Equal(oidSHA256):
		return crypto.SHA256, true
	case oid.Equal(oidSHA384):
		return crypto.SHA384, true
	case oid.Equal(oidSHA512):
		return crypto.SHA512, true
	}
	return 0, false
}

// checkSignature verifies sig over digest (of hash) with the certificate's key.
func checkSignature(cert *x509.Certificate, si signerInfo, hash crypto.Hash, digest []byte) error {
	alg := si.SignatureAlgorithm.Algorithm
	switch pub := cert.PublicKey.(type) {
	case *rsa.PublicKey:
		switch {
		case alg.Equal(oidRSAPSS):
			opts := &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto, Hash: hash}
			return rsa.VerifyPSS(pub, hash, digest, si.Signature, opts)
		case alg.Equal(oidRSA), alg.Equal(oidSHA256WithRSA), alg.Equal(oidSHA384WithRSA), alg.Equal(oidSHA512WithRSA):
			return rsa.VerifyPKCS1v15(pub, hash, digest, si.Signature)
		}
	case *ecdsa.PublicKey:
		switch {
		case alg.Equal(oidECPublicKey), alg.Equal(oidECDSAWithSHA256), alg.Equal(oidECDSAWithSHA384), alg.Equal(oidECDSAWithSHA512):
			if !ecdsa.VerifyASN1(pub, digest, si.Signature) {
				return errors.New("ECDSA verification failed")
			}
			return nil
		}
	}
	return fmt.Errorf("unsupported signature algorithm %v for a %T key", alg, cert.PublicKey)
}
