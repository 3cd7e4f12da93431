// Package pectest makes signed files for tests: a throw-away certification authority,
// signer certificates carrying a codice fiscale as Italian qualified certificates do
// (subject serialNumber "TINIT-<CF>"), CAdES signatures built in Go (including deliberately
// broken ones), PAdES incremental updates, and openssl as a second, independent signer. It
// is imported by tests only (app/pec, server): never by the app.
package pectest

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	oidData            = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidContentType     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidSigningTime     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	oidSigningCertV2   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	oidSHA256          = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidRSA             = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidECDSAWithSHA256 = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
	oidGivenName       = asn1.ObjectIdentifier{2, 5, 4, 42}
	oidSurname         = asn1.ObjectIdentifier{2, 5, 4, 4}
	oidTSTInfo         = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 1, 4}
	oidSigTSToken      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 14}
	oidCountersig      = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 6}
	// ETSI EN 319 412-5 QCStatements and the AgID policy agIDcert, as on Italian qualified
	// signature certificates
	oidQCStatements = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 3}
	oidQcCompliance = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 1}
	oidQcSSCD       = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 4}
	oidQcType       = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 6}
	oidQcTypeESign  = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 6, 1}
	oidQcTypeESeal  = asn1.ObjectIdentifier{0, 4, 0, 1862, 1, 6, 2}
)

// der writes tag, definite length, content.
func der(tag, content []byte) []byte {
	out := append([]byte{}, tag...)
	n := len(content)
	switch {
	case n < 0x80:
		out = append(out, byte(n))
	case n < 0x100:
		out = append(out, 0x81, byte(n))
	case n < 0x10000:
		out = append(out, 0x82, byte(n>>8), byte(n))
	default:
		out = append(out, 0x83, byte(n>>16), byte(n>>8), byte(n))
	}
	return append(out, content...)
}

// Test certificates: a throw-away CA and signers whose subject serialNumber is
// "TINIT-<codice fiscale>", as on Italian qualified signature certificates.

// Signer is a person with a test certificate and key.
type Signer struct {
	Name, CF string
	Cert     *x509.Certificate
	Key      crypto.Signer
	CertFile string // PEM files for openssl
	KeyFile  string
}

// CertOptions shape a test certificate; the zero value is a qualified signing certificate of
// the test CA (QcCompliance, QcSSCD, QcType esign, policy agIDcert, nonRepudiation).
type CertOptions struct {
	NotBefore, NotAfter time.Time
	Serial              string // the subject serialNumber; "TINIT-"+cf when empty
	KeyUsage            x509.KeyUsage
	RSA                 bool // an RSA key (as on most Italian smart cards); ECDSA P-256 otherwise
	NotQualified        bool // no QCStatements and no AgID policy (an ordinary certificate)
	NoSSCD              bool // qualified, but the key is not declared in a signature device
	Seal                bool // QcType eseal: qualified for an organisation's seal, not a signature
	SelfSigned          bool // signed by its own key, not by the test CA
	TSA                 bool // a time-stamping authority (extended key usage timeStamping)
}

// qcStatements is the DER of the QCStatements extension value.
func qcStatements(o CertOptions) []byte {
	m := func(v any) []byte { b, _ := asn1.Marshal(v); return b }
	seq := func(parts ...[]byte) []byte { return der([]byte{0x30}, bytes.Join(parts, nil)) }
	qcType := oidQcTypeESign
	if o.Seal {
		qcType = oidQcTypeESeal
	}
	st := [][]byte{seq(m(oidQcCompliance))}
	if !o.NoSSCD {
		st = append(st, seq(m(oidQcSSCD)))
	}
	st = append(st, seq(m(oidQcType), seq(m(qcType))))
	return seq(st...)
}

// CA is the test certification authority's certificate (a trust anchor in tests).
func CA(t testing.TB) *x509.Certificate {
	testCA(t)
	return caCert
}

var (
	caOnce sync.Once
	caCert *x509.Certificate
	caKey  *ecdsa.PrivateKey
	rsaKey *rsa.PrivateKey // one RSA key reused: generating many is slow and proves nothing
)

func testCA(t testing.TB) {
	caOnce.Do(func() {
		var err error
		caKey, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		tmpl := &x509.Certificate{
			SerialNumber:          big.NewInt(1),
			Subject:               pkix.Name{CommonName: "Bando Test CA (non qualificata)", Organization: []string{"Bando test"}, Country: []string{"IT"}},
			NotBefore:             time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
			NotAfter:              time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC),
			IsCA:                  true,
			BasicConstraintsValid: true,
			KeyUsage:              x509.KeyUsageCertSign,
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &caKey.PublicKey, caKey)
		if err != nil {
			panic(err)
		}
		caCert, _ = x509.ParseCertificate(der)
	})
}

var (
	serial  int64 = 100
	rsaOnce sync.Once
)

// testRSAKey is made on first use only: RSA key generation is slow, and very slow in the
// coverage-instrumented build the fuzzer uses.
func testRSAKey() *rsa.PrivateKey {
	rsaOnce.Do(func() {
		var err error
		if rsaKey, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic(err)
		}
	})
	return rsaKey
}

// NewSigner makes a signer certificate for name and cf, valid 2023–2030 unless told otherwise.
func NewSigner(t testing.TB, name, cf string, o CertOptions) *Signer {
	t.Helper()
	testCA(t)
	var key crypto.Signer
	if o.RSA {
		key = testRSAKey()
	} else {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		key = k
	}
	if o.NotBefore.IsZero() {
		o.NotBefore = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if o.NotAfter.IsZero() {
		o.NotAfter = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if o.Serial == "" {
		o.Serial = "TINIT-" + cf
	}
	if o.KeyUsage == 0 {
		o.KeyUsage = x509.KeyUsageContentCommitment
		if o.TSA {
			o.KeyUsage = x509.KeyUsageDigitalSignature
		}
	}
	serial++
	given, surname, _ := bytes.Cut([]byte(name), []byte(" "))
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial),
		Subject: pkix.Name{
			CommonName: name, SerialNumber: o.Serial, Country: []string{"IT"},
			ExtraNames: []pkix.AttributeTypeAndValue{
				{Type: oidGivenName, Value: string(given)},
				{Type: oidSurname, Value: string(surname)},
			},
		},
		NotBefore: o.NotBefore,
		NotAfter:  o.NotAfter,
		KeyUsage:  o.KeyUsage,
	}
	switch {
	case o.TSA:
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}
	case !o.NotQualified:
		tmpl.ExtraExtensions = []pkix.Extension{{Id: oidQCStatements, Value: qcStatements(o)}}
		agid, _ := x509.OIDFromInts([]uint64{1, 3, 76, 16, 6}) // agIDcert
		tmpl.Policies = []x509.OID{agid}
	}
	parent, parentKey := caCert, crypto.Signer(caKey)
	if o.SelfSigned {
		parent, parentKey = tmpl, key
		tmpl.Issuer = tmpl.Subject
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	s := &Signer{Name: name, CF: cf, Cert: cert, Key: key}
	s.CertFile = filepath.Join(t.TempDir(), "signer.crt") // removed when the test ends
	s.KeyFile = s.CertFile[:len(s.CertFile)-4] + ".key"
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.CertFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.KeyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		t.Fatal(err)
	}
	return s
}

// CMSOptions shape a test signature, including the broken ones.
type CMSOptions struct {
	Detached    bool
	SigningTime time.Time
	NoCert      bool                  // leave the certificate out of the message
	BadDigest   bool                  // sign a messageDigest that is not the content's
	NoAttrs     bool                  // no signed attributes: the signature covers the content digest
	Tamper      func(sig []byte)      // change the signature value after signing
	OtherCert   *x509.Certificate     // carry this certificate instead of the signer's
	BER         bool                  // indefinite lengths and a chunked content, as BER allows
	ContentType asn1.ObjectIdentifier // of the content; id-data when nil
	// TSA adds a signature timestamp (CAdES-T) by this authority at TimestampAt to every
	// signer; JunkTimestamp adds 32 random bytes as the token instead.
	TSA           *Signer
	TimestampAt   time.Time
	JunkTimestamp bool
	// Countersigners countersign the first signer's signature, as signing tools' "controfirma".
	Countersigners []*Signer
}

// SignCMS builds a CMS SignedData over content with one SignerInfo per signer, as CAdES-BES
// does: contentType, signingTime, messageDigest and signingCertificateV2 signed attributes.
func SignCMS(t testing.TB, content []byte, signers []*Signer, o CMSOptions) []byte {
	t.Helper()
	m := func(v any) []byte {
		b, err := asn1.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tlv := func(tag byte, parts ...[]byte) []byte { return der([]byte{tag}, bytes.Join(parts, nil)) }
	seq := func(parts ...[]byte) []byte { return tlv(0x30, parts...) }
	sha256Alg := seq(m(oidSHA256))
	ctype := oidData
	if o.ContentType != nil {
		ctype = o.ContentType
	}
	if o.SigningTime.IsZero() {
		o.SigningTime = time.Date(2024, 3, 2, 11, 0, 0, 0, time.UTC)
	}
	var infos, certs [][]byte
	for _, s := range signers {
		digest := sha256.Sum256(content)
		md := digest[:]
		if o.BadDigest {
			md = bytes.Repeat([]byte{0xAB}, 32)
		}
		certHash := sha256.Sum256(s.Cert.Raw)
		attr := func(oid asn1.ObjectIdentifier, value []byte) []byte { return seq(m(oid), tlv(0x31, value)) }
		attrs := [][]byte{
			attr(oidContentType, m(ctype)),
			attr(oidSigningTime, m(o.SigningTime.UTC())),
			attr(oidMessageDigest, m(md)),
			attr(oidSigningCertV2, seq(seq(seq(m(certHash[:]))))),
		}
		sort.Slice(attrs, func(i, j int) bool { return bytes.Compare(attrs[i], attrs[j]) < 0 }) // DER SET OF order
		set := tlv(0x31, attrs...)
		toSign := sha256.Sum256(set)
		if o.NoAttrs {
			toSign = digest
		}
		sig, err := s.Key.Sign(rand.Reader, toSign[:], crypto.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		if o.Tamper != nil {
			o.Tamper(sig)
		}
		sigAlg := seq(m(oidECDSAWithSHA256))
		if _, ok := s.Key.(*rsa.PrivateKey); ok {
			sigAlg = seq(m(oidRSA), []byte{0x05, 0x00})
		}
		signedAttrs := append([]byte{0xA0}, set[1:]...)
		if o.NoAttrs {
			signedAttrs = nil
		}
		sid := seq(s.Cert.RawIssuer, m(s.Cert.SerialNumber))
		var unsigned [][]byte
		switch {
		case o.JunkTimestamp:
			junk := make([]byte, 32)
			_, _ = rand.Read(junk)
			unsigned = append(unsigned, seq(m(oidSigTSToken), tlv(0x31, seq(junk))))
		case o.TSA != nil:
			unsigned = append(unsigned, seq(m(oidSigTSToken), tlv(0x31, Timestamp(t, o.TSA, sig, o.TimestampAt))))
		}
		if len(infos) == 0 {
			for _, cs := range o.Countersigners {
				unsigned = append(unsigned, seq(m(oidCountersig), tlv(0x31, counterSignerInfo(t, cs, sig, o.SigningTime))))
				certs = append(certs, cs.Cert.Raw)
			}
		}
		var unsignedAttrs []byte
		if len(unsigned) > 0 {
			sort.Slice(unsigned, func(i, j int) bool { return bytes.Compare(unsigned[i], unsigned[j]) < 0 })
			unsignedAttrs = tlv(0xA1, unsigned...)
		}
		infos = append(infos, seq(m(1), sid, sha256Alg, signedAttrs, sigAlg, tlv(0x04, sig), unsignedAttrs))
		switch {
		case o.OtherCert != nil:
			certs = append(certs, o.OtherCert.Raw)
		case !o.NoCert:
			certs = append(certs, s.Cert.Raw)
		}
	}
	// indef is BER's indefinite-length form of a constructed element
	indef := func(tag byte, parts ...[]byte) []byte {
		return append(append([]byte{tag, 0x80}, bytes.Join(parts, nil)...), 0, 0)
	}
	encap := seq(m(ctype))
	if !o.Detached {
		encap = seq(m(ctype), tlv(0xA0, tlv(0x04, content)))
	}
	if o.BER {
		var chunks [][]byte
		for p := 0; p < len(content); p += 1000 {
			chunks = append(chunks, tlv(0x04, content[p:min(p+1000, len(content))]))
		}
		encap = indef(0x30, m(oidData), indef(0xA0, indef(0x24, chunks...)))
	}
	var certSet []byte
	if len(certs) > 0 {
		certSet = tlv(0xA0, certs...)
	}
	if o.BER {
		sd := indef(0x30, m(1), tlv(0x31, sha256Alg), encap, certSet, tlv(0x31, infos...))
		return indef(0x30, m(oidSignedData), indef(0xA0, sd))
	}
	sd := seq(m(1), tlv(0x31, sha256Alg), encap, certSet, tlv(0x31, infos...))
	return seq(m(oidSignedData), tlv(0xA0, sd))
}

// counterSignerInfo is a countersignature (RFC 5652 §11.4) by s over a signature value: its
// signed attributes hold the digest of that value, the signing time and the certificate, no
// content type.
func counterSignerInfo(t testing.TB, s *Signer, parentSig []byte, at time.Time) []byte {
	m := func(v any) []byte {
		b, err := asn1.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tlv := func(tag byte, parts ...[]byte) []byte { return der([]byte{tag}, bytes.Join(parts, nil)) }
	seq := func(parts ...[]byte) []byte { return tlv(0x30, parts...) }
	attr := func(oid asn1.ObjectIdentifier, value []byte) []byte { return seq(m(oid), tlv(0x31, value)) }
	digest := sha256.Sum256(parentSig)
	certHash := sha256.Sum256(s.Cert.Raw)
	attrs := [][]byte{
		attr(oidSigningTime, m(at.UTC())),
		attr(oidMessageDigest, m(digest[:])),
		attr(oidSigningCertV2, seq(seq(seq(m(certHash[:]))))),
	}
	sort.Slice(attrs, func(i, j int) bool { return bytes.Compare(attrs[i], attrs[j]) < 0 })
	set := tlv(0x31, attrs...)
	toSign := sha256.Sum256(set)
	sig, err := s.Key.Sign(rand.Reader, toSign[:], crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	sigAlg := seq(m(oidECDSAWithSHA256))
	if _, ok := s.Key.(*rsa.PrivateKey); ok {
		sigAlg = seq(m(oidRSA), []byte{0x05, 0x00})
	}
	sid := seq(s.Cert.RawIssuer, m(s.Cert.SerialNumber))
	return seq(m(1), sid, seq(m(oidSHA256)), append([]byte{0xA0}, set[1:]...), sigAlg, tlv(0x04, sig))
}

// Timestamp is an RFC 3161 timestamp token by tsa, at time at, over data (its message
// imprint is data's SHA-256).
func Timestamp(t testing.TB, tsa *Signer, data []byte, at time.Time) []byte {
	t.Helper()
	m := func(v any) []byte {
		b, err := asn1.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	gen, err := asn1.MarshalWithParams(at.UTC(), "generalized")
	if err != nil {
		t.Fatal(err)
	}
	seq := func(parts ...[]byte) []byte { return der([]byte{0x30}, bytes.Join(parts, nil)) }
	sum := sha256.Sum256(data)
	serial++
	tst := seq(m(1), m(asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1}), seq(seq(m(oidSHA256)), m(sum[:])), m(big.NewInt(serial)), gen)
	return SignCMS(t, tst, []*Signer{tsa}, CMSOptions{ContentType: oidTSTInfo, SigningTime: at})
}

// PAdESOptions shape a PAdES update.
type PAdESOptions struct {
	// DocTimestamp makes a document timestamp (/Type /DocTimeStamp, /SubFilter
	// /ETSI.RFC3161): sign must return a timestamp token over the signed bytes.
	DocTimestamp bool
	// Extra objects written in the same update (number → body, "<< … >>" or a stream): a
	// signer's software, or an attacker, changing something while signing.
	Extra map[int]string
}

// AddUpdate appends an incremental update redefining (or adding) objects: number → body.
func AddUpdate(t testing.TB, pdf []byte, objects map[int]string) []byte {
	t.Helper()
	last := lastTrailer(t, pdf)
	var out bytes.Buffer
	out.Write(pdf)
	offsets := writeObjects(&out, objects)
	xref := out.Len()
	out.WriteString("xref\n0 1\n0000000000 65535 f \n")
	nums := sortedNums(objects)
	for _, n := range nums {
		fmt.Fprintf(&out, "%d 1\n%010d 00000 n \n", n, offsets[n])
	}
	size := last.size
	for _, n := range nums {
		size = max(size, n+1)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %d %s >>\nstartxref\n%d\n%%%%EOF\n", size, last.root, last.info, last.prev, last.id, xref)
	return out.Bytes()
}

type trailerInfo struct {
	size, root, info, prev int
	id                     []byte
	dict                   []byte
}

func lastTrailer(t testing.TB, pdf []byte) trailerInfo {
	trailers := regexp.MustCompile(`trailer\s*<<(.*?)>>\s*startxref\s*(\d+)`).FindAllSubmatch(pdf, -1)
	if len(trailers) == 0 {
		t.Fatal("no trailer")
	}
	last := trailers[len(trailers)-1]
	num := func(key string) int {
		m := regexp.MustCompile(`/` + key + ` (\d+)`).FindSubmatch(last[1])
		if m == nil {
			t.Fatalf("trailer lacks /%s", key)
		}
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	prev, _ := strconv.Atoi(string(last[2]))
	return trailerInfo{size: num("Size"), root: num("Root"), info: num("Info"), prev: prev,
		id: regexp.MustCompile(`/ID\s*\[[^\]]*\]`).Find(last[1]), dict: last[1]}
}

func sortedNums(objects map[int]string) []int {
	nums := make([]int, 0, len(objects))
	for n := range objects {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	return nums
}

func writeObjects(out *bytes.Buffer, objects map[int]string) map[int]int {
	offsets := map[int]int{}
	for _, n := range sortedNums(objects) {
		offsets[n] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n%s\nendobj\n", n, objects[n])
	}
	return offsets
}

// ContentsOf is the object number of the /Contents of the n-th page object (0-based) of a
// PDF written by package pdf.
func ContentsOf(t testing.TB, pdf []byte, n int) int {
	all := regexp.MustCompile(`/Type /Page\n/Parent \d+ 0 R\n/Resources \d+ 0 R\n/Contents (\d+) 0 R`).FindAllSubmatch(pdf, -1)
	if n >= len(all) {
		t.Fatalf("no page %d", n)
	}
	c, _ := strconv.Atoi(string(all[n][1]))
	return c
}

// AddPAdES appends a PAdES signature to pdf as an incremental update, the way signing tools
// do: a signature dictionary (/ByteRange, /Contents placeholder), an invisible signature
// field, the catalog again with /AcroForm listing every signature field so far, a
// cross-reference section for the new objects and a trailer with /Prev. sign gets the bytes
// the ByteRange covers and returns a detached CMS signature.
func AddPAdES(t testing.TB, pdf []byte, fieldName string, sign func(signed []byte) []byte) []byte {
	t.Helper()
	return AddPAdESWith(t, pdf, fieldName, PAdESOptions{}, sign)
}

// AddPAdESWith is AddPAdES shaped by o.
func AddPAdESWith(t testing.TB, pdf []byte, fieldName string, o PAdESOptions, sign func(signed []byte) []byte) []byte {
	t.Helper()
	tr := lastTrailer(t, pdf)
	size, root, info, prev, id := tr.size, tr.root, tr.info, tr.prev, tr.id
	for n := range o.Extra {
		size = max(size, n+1)
	}

	// the latest catalog, without a previous /AcroForm, and the fields signed before
	cats := regexp.MustCompile(fmt.Sprintf(`(?s)\n%d 0 obj\n(.*?)\nendobj`, root)).FindAllSubmatch(pdf, -1)
	catalog := string(cats[len(cats)-1][1])
	fields := ""
	if m := regexp.MustCompile(`/AcroForm << /Fields \[([^\]]*)\] /SigFlags 3 >>`).FindStringSubmatch(catalog); m != nil {
		fields = m[1] + " "
		catalog = regexp.MustCompile(` /AcroForm << /Fields \[[^\]]*\] /SigFlags 3 >>`).ReplaceAllString(catalog, "")
	}
	catalog = catalog[:bytes.LastIndex([]byte(catalog), []byte(">>"))]

	sigObj, fieldObj := size, size+1
	var out bytes.Buffer
	out.Write(pdf)
	offsets := map[int]int{}
	offsets[sigObj] = out.Len()
	const capacity = 8192 // bytes of CMS the placeholder can hold
	dict := "/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (D:20240302120000+01'00')"
	if o.DocTimestamp {
		dict = "/Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161"
	}
	extra := writeObjects(&out, o.Extra)
	offsets[sigObj] = out.Len()
	fmt.Fprintf(&out, "%d 0 obj\n<< %s /ByteRange ", sigObj, dict)
	rangeAt := out.Len()
	fmt.Fprintf(&out, "[0 %-10d %-10d %-10d]", 0, 0, 0)
	out.WriteString(" /Contents ")
	contentsAt := out.Len()
	out.WriteString("<" + string(bytes.Repeat([]byte("0"), 2*capacity)) + ">")
	contentsEnd := out.Len()
	out.WriteString(" >>\nendobj\n")
	offsets[fieldObj] = out.Len()
	fmt.Fprintf(&out, "%d 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /F 132 /T (%s) /V %d 0 R >>\nendobj\n", fieldObj, fieldName, sigObj)
	offsets[root] = out.Len()
	fmt.Fprintf(&out, "%d 0 obj\n%s /AcroForm << /Fields [%s%d 0 R] /SigFlags 3 >> >>\nendobj\n", root, catalog, fields, fieldObj)
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 1\n0000000000 65535 f \n%d 2\n%010d 00000 n \n%010d 00000 n \n%d 1\n%010d 00000 n \n", sigObj, offsets[sigObj], offsets[fieldObj], root, offsets[root])
	for _, n := range sortedNums(o.Extra) {
		fmt.Fprintf(&out, "%d 1\n%010d 00000 n \n", n, extra[n])
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %d %s >>\nstartxref\n%d\n%%%%EOF\n", size+2, root, info, prev, id, xref)

	file := out.Bytes()
	ranges := fmt.Sprintf("[0 %-10d %-10d %-10d]", contentsAt, contentsEnd, len(file)-contentsEnd)
	copy(file[rangeAt:], ranges)
	signed := append(append([]byte{}, file[:contentsAt]...), file[contentsEnd:]...)
	sig := sign(signed)
	if len(sig) > capacity {
		t.Fatalf("signature of %d bytes does not fit the placeholder", len(sig))
	}
	copy(file[contentsAt+1:], bytes.ToUpper([]byte(hex.EncodeToString(sig))))
	return file
}

// NeedTool skips the test, loudly, when an external tool is missing: `make deps` installs
// them, and CI must not pass silently without them.
func NeedTool(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		fmt.Fprintf(os.Stderr, "\n*** SKIPPED: %s is not installed (run `make deps`): %s not run ***\n\n", name, t.Name())
		t.Skipf("%s not installed", name)
	}
}

// OpenSSLSign signs data with `openssl cms -sign -binary -cades -outform DER`, every signer
// in one envelope; attached puts the content inside (-nodetach), as a .p7m.
func OpenSSLSign(t testing.TB, data []byte, signers []*Signer, attached bool) []byte {
	t.Helper()
	NeedTool(t, "openssl")
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.p7m")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"cms", "-sign", "-binary", "-cades", "-md", "sha256", "-outform", "DER", "-in", in, "-out", out}
	if attached {
		args = append(args, "-nodetach")
	}
	for _, s := range signers {
		args = append(args, "-signer", s.CertFile, "-inkey", s.KeyFile)
	}
	if msg, err := exec.Command("openssl", args...).CombinedOutput(); err != nil {
		t.Fatalf("openssl %s: %v\n%s", strings.Join(args, " "), err, msg)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
