package pec

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"time"
)

// Trust anchors. Offline, the EU trusted list cannot be fetched, so the check says so and
// accepts the anchors a user gives: PEM certificates, for example the qualified CAs of the
// Italian trusted list exported by a verification tool (`bando verify --trust FILE`, or
// dropped on the signing page). With anchors, each signer's chain must reach one of them.

// ParseAnchors reads PEM certificates (any number, text around them ignored) or one DER
// certificate.
func ParseAnchors(data []byte) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	for rest := data; ; {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" && b.Type != "TRUSTED CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, errf("trust.unreadable", err, "Un certificato di fiducia non è leggibile: %v.", "A trust anchor certificate cannot be read: %v.", err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		if c, err := x509.ParseCertificate(data); err == nil {
			return []*x509.Certificate{c}, nil
		}
		return nil, errf("trust.none", nil, "Il file dei certificati di fiducia non contiene certificati (servono certificati in formato PEM, «-----BEGIN CERTIFICATE-----»).", "The trust anchor file holds no certificate (PEM certificates are needed, \"-----BEGIN CERTIFICATE-----\").")
	}
	return out, nil
}

// chainReaches reports whether cert, with the intermediates the signature carries, chains to
// one of anchors at time at: each certificate signed by the next (a CA, CheckSignatureFrom),
// each issuer valid at that time, up to an anchor. Written here rather than with
// x509.Certificate.Verify, which would add half a megabyte to the signing worker for path
// building, name constraints and policies that a list of qualified CAs given by hand does
// not need.
func chainReaches(cert *x509.Certificate, intermediates, anchors []*x509.Certificate, at time.Time) bool {
	isAnchor := func(c *x509.Certificate) bool {
		for _, a := range anchors {
			if c.Equal(a) {
				return true
			}
		}
		return false
	}
	pool := append(append([]*x509.Certificate{}, anchors...), intermediates...)
	c := cert
	for range maxChain {
		if isAnchor(c) {
			return true
		}
		var next *x509.Certificate
		for _, p := range pool {
			if bytes.Equal(p.RawSubject, c.RawIssuer) && !at.Before(p.NotBefore) && !at.After(p.NotAfter) && c.CheckSignatureFrom(p) == nil {
				next = p
				break
			}
		}
		if next == nil || next.Equal(c) {
			return false
		}
		c = next
	}
	return false
}

// maxChain bounds a chain: qualified CAs are two or three levels deep.
const maxChain = 8
