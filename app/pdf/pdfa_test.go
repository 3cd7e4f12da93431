package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// One test per PDF/A-2b rule the finishing step implements, read from the bytes with an
// independent (test-only) reading of the file, plus the external checkers.

func finishedExample(t *testing.T) []byte {
	t.Helper()
	c, d := loadDraft(t, exampleDraft)
	return makePDF(t, c, finalised(d), Options{})
}

// object returns the body of indirect object n, located through the xref table.
func object(t *testing.T, pdf []byte, n int) []byte {
	t.Helper()
	offs := xrefOffsets(t, pdf)
	if n <= 0 || n >= len(offs) {
		t.Fatalf("object %d not in xref", n)
	}
	body := pdf[offs[n]:]
	end := bytes.Index(body, []byte("\nendobj"))
	if end < 0 {
		t.Fatalf("object %d has no endobj", n)
	}
	return body[:end]
}

func xrefOffsets(t *testing.T, pdf []byte) []int {
	t.Helper()
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("file does not end with startxref, offset, EOF marker")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	lines := strings.Split(string(pdf[xref:]), "\n")
	if lines[0] != "xref" {
		t.Fatalf("startxref points at %q, not at xref", lines[0])
	}
	var first, count int
	if _, err := fmt.Sscanf(lines[1], "%d %d", &first, &count); err != nil || first != 0 {
		t.Fatalf("xref subsection %q", lines[1])
	}
	offs := make([]int, count)
	for i := range count {
		e := lines[2+i]
		if len(e) != 19 { // 20 bytes with the newline
			t.Fatalf("xref entry %d is %d bytes", i, len(e)+1)
		}
		offs[i], _ = strconv.Atoi(e[:10])
	}
	return offs
}

func trailer(t *testing.T, pdf []byte) string {
	t.Helper()
	i := bytes.LastIndex(pdf, []byte("trailer"))
	if i < 0 {
		t.Fatal("no trailer")
	}
	return string(pdf[i:])
}

func ref(t *testing.T, dict []byte, key string) int {
	t.Helper()
	m := regexp.MustCompile(`/` + key + ` \[?(\d+) 0 R`).FindSubmatch(dict)
	if m == nil {
		t.Fatalf("no /%s reference in %.200q", key, dict)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

func TestPDFAHeader(t *testing.T) {
	pdf := finishedExample(t)
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.7\n%")) {
		t.Fatalf("header %q", pdf[:12])
	}
	comment := pdf[10 : bytes.IndexByte(pdf[9:], '\n')+9]
	if len(comment) < 4 {
		t.Fatalf("binary comment %q has fewer than 4 bytes", comment)
	}
	for _, b := range comment {
		if b < 128 {
			t.Errorf("comment byte %#x < 128", b)
		}
	}
}

func TestPDFAXrefOffsets(t *testing.T) {
	pdf := finishedExample(t)
	offs := xrefOffsets(t, pdf)
	for n, off := range offs[1:] {
		if want := fmt.Sprintf("%d 0 obj\n", n+1); !bytes.HasPrefix(pdf[off:], []byte(want)) {
			t.Errorf("xref offset of object %d points at %.20q", n+1, pdf[off:])
		}
	}
	if size := regexp.MustCompile(`/Size (\d+)`).FindStringSubmatch(trailer(t, pdf)); size == nil || size[1] != strconv.Itoa(len(offs)) {
		t.Errorf("trailer /Size %v, xref has %d entries", size, len(offs))
	}
}

func TestPDFAMetadataInCatalog(t *testing.T) {
	pdf := finishedExample(t)
	root := object(t, pdf, ref(t, []byte(trailer(t, pdf)), "Root"))
	if !bytes.Contains(root, []byte("/Type /Catalog")) {
		t.Fatalf("root is not a catalog: %q", root)
	}
	md := object(t, pdf, ref(t, root, "Metadata"))
	if bytes.Contains(md[:bytes.Index(md, []byte("stream"))], []byte("/Filter")) {
		t.Error("the metadata stream is filtered")
	}
	for _, want := range []string{"/Type /Metadata", "/Subtype /XML", "<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"} {
		if !bytes.Contains(md, []byte(want)) {
			t.Errorf("metadata lacks %s", want)
		}
	}
	length := regexp.MustCompile(`/Length (\d+)`).FindSubmatch(md)
	start := bytes.Index(md, []byte("stream\n")) + len("stream\n")
	end := bytes.LastIndex(md, []byte("\nendstream"))
	if n, _ := strconv.Atoi(string(length[1])); n != end-start {
		t.Errorf("metadata /Length %d, stream has %d bytes", n, end-start)
	}
}

// TestPDFAInfoMatchesXMP: §6.6.2.3.1, every Info entry has its XMP twin with the same value.
func TestPDFAInfoMatchesXMP(t *testing.T) {
	pdf := finishedExample(t)
	tr := []byte(trailer(t, pdf))
	info := object(t, pdf, ref(t, tr, "Info"))
	xmp := string(object(t, pdf, ref(t, object(t, pdf, ref(t, tr, "Root")), "Metadata")))
	decode := func(key string) string {
		m := regexp.MustCompile(`/` + key + ` <FEFF([0-9A-F]*)>`).FindSubmatch(info)
		if m == nil {
			t.Fatalf("Info has no /%s", key)
		}
		b, _ := hex.DecodeString(string(m[1]))
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		return xmlEscaper.Replace(string(utf16.Decode(u)))
	}
	pairs := map[string]string{
		"Title":    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li>`,
		"Author":   `<dc:creator><rdf:Seq><rdf:li>%s</rdf:li>`,
		"Subject":  `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li>`,
		"Creator":  `<xmp:CreatorTool>%s</xmp:CreatorTool>`,
		"Producer": `<pdf:Producer>%s</pdf:Producer>`,
	}
	for key, form := range pairs {
		if want := fmt.Sprintf(form, decode(key)); !strings.Contains(xmp, want) {
			t.Errorf("XMP lacks %s", want)
		}
	}
	dates := map[string]string{"CreationDate": "xmp:CreateDate", "ModDate": "xmp:ModifyDate"}
	for key, tag := range dates {
		m := regexp.MustCompile(`/` + key + ` \(D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-])(\d\d)'(\d\d)'\)`).FindSubmatch(info)
		if m == nil {
			t.Fatalf("Info /%s missing or not in full form", key)
		}
		want := fmt.Sprintf("<%s>%s-%s-%sT%s:%s:%s%s%s:%s</%s>", tag, m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], tag)
		if !strings.Contains(xmp, want) {
			t.Errorf("XMP lacks %s", want)
		}
	}
}

func TestPDFAOutputIntent(t *testing.T) {
	pdf := finishedExample(t)
	root := object(t, pdf, ref(t, []byte(trailer(t, pdf)), "Root"))
	oi := object(t, pdf, ref(t, root, "OutputIntents"))
	for _, want := range []string{"/Type /OutputIntent", "/S /GTS_PDFA1", "/OutputConditionIdentifier"} {
		if !bytes.Contains(oi, []byte(want)) {
			t.Errorf("output intent lacks %s", want)
		}
	}
	icc := object(t, pdf, ref(t, oi, "DestOutputProfile"))
	if !bytes.Contains(icc, []byte("/N 3")) {
		t.Error("ICC profile stream lacks /N 3")
	}
	if !bytes.Contains(icc, srgbProfile) {
		t.Error("ICC profile stream does not hold the sRGB profile")
	}
}

func TestPDFATrailer(t *testing.T) {
	pdf := finishedExample(t)
	tr := trailer(t, pdf)
	if !regexp.MustCompile(`/ID \[<[0-9A-F]{32}> <[0-9A-F]{32}>\]`).MatchString(tr) {
		t.Errorf("trailer has no file identifier: %q", tr)
	}
	if strings.Contains(tr, "/Encrypt") {
		t.Error("trailer has /Encrypt")
	}
}

// TestPDFAForbidden: no encryption, JavaScript, LZW, embedded files or actions anywhere.
func TestPDFAForbidden(t *testing.T) {
	pdf := finishedExample(t)
	for _, bad := range []string{"/Encrypt", "/JavaScript", "/JS ", "/LZWDecode", "/EmbeddedFile", "/Launch", "/OpenAction"} {
		if bytes.Contains(pdf, []byte(bad)) {
			t.Errorf("file contains %s", bad)
		}
	}
}

// TestPDFAFontsEmbedded: every font has an embedded program and a subset tag.
func TestPDFAFontsEmbedded(t *testing.T) {
	pdf := finishedExample(t)
	descs := regexp.MustCompile(`/Type /FontDescriptor /FontName /([A-Z]{6})\+TitilliumWeb-[A-Za-z]+[^>]*/FontFile2 \d+ 0 R`).FindAll(pdf, -1)
	fonts := regexp.MustCompile(`/Subtype /(Type0|Type1|TrueType|Type3|CIDFontType2)`).FindAll(pdf, -1)
	if len(descs) == 0 || len(fonts) != 2*len(descs) {
		t.Errorf("%d embedded font descriptors for %d font dictionaries (each Type0 has one CIDFont)", len(descs), len(fonts))
	}
}

func TestQPDFCheck(t *testing.T) {
	out := tool(t, finishedExample(t), "qpdf", "--check")
	if !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

func TestPDFFontsAllEmbedded(t *testing.T) {
	out := tool(t, finishedExample(t), "pdffonts")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type... encoding emb sub uni object ID: emb is the 5th field from the end
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
			t.Errorf("font not embedded as a subset: %s", l)
		}
	}
}

func TestPDFInfoMeta(t *testing.T) {
	out := tool(t, finishedExample(t), "pdfinfo", "-meta")
	for _, want := range []string{"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"} {
		if !strings.Contains(out, want) {
			t.Errorf("pdfinfo -meta lacks %s", want)
		}
	}
	info := tool(t, finishedExample(t), "pdfinfo")
	for _, want := range []string{"PDF version:     1.7", "Encrypted:       no", "JavaScript:      no", "Producer:        " + Producer} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

// streamOf returns the data of stream object n, inflated when it is FlateDecode.
func streamOf(t *testing.T, pdf []byte, n int) []byte {
	t.Helper()
	obj := object(t, pdf, n)
	start := bytes.Index(obj, []byte("stream\n"))
	if start < 0 {
		t.Fatalf("object %d is not a stream", n)
	}
	m := regexp.MustCompile(`/Length (\d+)`).FindSubmatch(obj[:start])
	if m == nil {
		t.Fatalf("stream %d has no /Length", n)
	}
	length, _ := strconv.Atoi(string(m[1]))
	start += len("stream\n")
	if start+length > len(obj) {
		t.Fatalf("stream %d: /Length %d past the object", n, length)
	}
	data := obj[start : start+length]
	if !bytes.Contains(obj[:start], []byte("/FlateDecode")) {
		return data
	}
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("stream %d: %v", n, err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("stream %d: %v", n, err)
	}
	return out
}

// numGlyphs reads a TrueType program's glyph count from its maxp table.
func numGlyphs(t *testing.T, ttf []byte) int {
	t.Helper()
	if len(ttf) < 12 {
		t.Fatal("font program too short")
	}
	for i, n := 0, int(binary.BigEndian.Uint16(ttf[4:])); i < n; i++ {
		rec := ttf[12+16*i:]
		if string(rec[:4]) == "maxp" {
			off := int(binary.BigEndian.Uint32(rec[8:]))
			return int(binary.BigEndian.Uint16(ttf[off+4:]))
		}
	}
	t.Fatal("font program has no maxp table")
	return 0
}

// TestPDFACIDSet: every CID font's descriptor has a CIDSet (required by PDF/A-1 §6.3.5 for
// subsets, allowed by PDF/A-2 when right) that names exactly the CIDs the font program has:
// CID 0 and every CID its CIDToGIDMap sends to a real glyph of the embedded subset.
func TestPDFACIDSet(t *testing.T) {
	pdf := finishedExample(t)
	offs := xrefOffsets(t, pdf)
	fonts := 0
	for n := 1; n < len(offs); n++ {
		obj := object(t, pdf, n)
		if !bytes.Contains(obj, []byte("/Subtype /CIDFontType2")) {
			continue
		}
		fonts++
		desc := object(t, pdf, ref(t, obj, "FontDescriptor"))
		set := streamOf(t, pdf, ref(t, desc, "CIDSet"))
		cmap := streamOf(t, pdf, ref(t, obj, "CIDToGIDMap"))
		glyphs := numGlyphs(t, streamOf(t, pdf, ref(t, desc, "FontFile2")))
		if len(cmap)%2 != 0 || len(set)*8 > len(cmap)/2+7 {
			t.Fatalf("font %d: CIDToGIDMap of %d bytes, CIDSet of %d bytes", n, len(cmap), len(set))
		}
		present := 0
		for cid := 0; cid < len(cmap)/2; cid++ {
			gid := int(binary.BigEndian.Uint16(cmap[2*cid:]))
			inSet := cid/8 < len(set) && set[cid/8]&(0x80>>(cid%8)) != 0
			if gid >= glyphs {
				t.Errorf("font %d: CID %d maps to glyph %d, the program has %d", n, cid, gid, glyphs)
			}
			if want := cid == 0 || gid != 0; inSet != want {
				t.Errorf("font %d: CID %d (glyph %d) in CIDSet %v, want %v", n, cid, gid, inSet, want)
			}
			if inSet {
				present++
			}
		}
		if present < 2 {
			t.Errorf("font %d: CIDSet names %d CIDs", n, present)
		}
	}
	if fonts != 3 {
		t.Errorf("%d CID fonts, want the 3 styles of Titillium Web", fonts)
	}
}
