package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// PDF/A-2b finishing. gofpdf v1.16.2 writes a plain PDF 1.3 file that misses what ISO 19005-2
// asks of every PDF/A-2 file: a comment line of high bytes after the header (§6.1.2), XMP
// metadata linked from the catalog (§6.6.2.1), an output intent with an ICC profile (§6.2.3)
// and a file identifier in the trailer (§6.1.3). Inserting the comment line shifts every
// object, so the file is rewritten rather than appended to: finish parses gofpdf's output
// (objects located through its cross-reference table, never by scanning, because font
// streams may contain any bytes), keeps every object but the Info dictionary and the catalog
// as it is, writes those two anew, adds the metadata, profile and output intent objects and a
// CIDSet for each subset font (cidset.go: what makes the file pass PDF/A-1b checks too), and
// writes a fresh cross-reference table and trailer with an /ID.
//
// The header says PDF-1.7: PDF/A-2 is based on ISO 32000-1 (PDF 1.7), and allows any header
// from 1.0 to 1.7; 1.7 tells a reader to expect every 1.7 feature the output intent and the
// metadata stream rely on (both exist since 1.4). Subset fonts get the six-letter tag PDF
// requires of subset names ("ABCDEF+TitilliumWeb-Regular"; gofpdf names them "utf8…").
//
// Everything here is a function of gofpdf's bytes and the metadata, so the output is as
// deterministic as its input.

// header is the version line and the binary comment: four bytes ≥ 128 tell transfer tools
// the file is binary (§6.1.2).
const header = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"

// span is one indirect object of gofpdf's output.
type span struct {
	num  int
	body []byte // from "N 0 obj" to the end of line after "endobj"
}

// parsed is gofpdf's output split into what finish needs.
type parsed struct {
	objects    []span // in file order
	size       int    // trailer /Size
	root, info int
}

var (
	reTrailerRef  = regexp.MustCompile(`/(Root|Info|Size) (\d+)`)
	rePagesRef    = regexp.MustCompile(`/Pages (\d+) 0 R`)
	reOutlinesRef = regexp.MustCompile(`/Outlines (\d+) 0 R`)
	reFontName    = regexp.MustCompile(`/(BaseFont|FontName) /utf8([A-Za-z0-9]+)`)
)

// parseGofpdf reads the structure of a file gofpdf wrote: a classic cross-reference table
// with one subsection from object 0, and a trailer with /Size, /Root and /Info.
func parseGofpdf(raw []byte) (*parsed, error) {
	sx := bytes.LastIndex(raw, []byte("startxref"))
	if sx < 0 {
		return nil, fmt.Errorf("no startxref")
	}
	f := strings.Fields(string(raw[sx+len("startxref"):]))
	if len(f) < 1 {
		return nil, fmt.Errorf("no xref offset")
	}
	xref, err := strconv.Atoi(f[0])
	if err != nil || xref <= 0 || xref >= sx || !bytes.HasPrefix(raw[xref:], []byte("xref\n0 ")) {
		return nil, fmt.Errorf("bad xref offset %q", f[0])
	}
	tr := bytes.Index(raw[xref:], []byte("trailer"))
	if tr < 0 {
		return nil, fmt.Errorf("no trailer")
	}
	p := &parsed{}
	for _, m := range reTrailerRef.FindAllSubmatch(raw[xref+tr:sx], -1) {
		n, _ := strconv.Atoi(string(m[2]))
		switch string(m[1]) {
		case "Root":
			p.root = n
		case "Info":
			p.info = n
		case "Size":
			p.size = n
		}
	}
	lines := strings.Split(string(raw[xref:xref+tr]), "\n")
	if len(lines) < 2 {
		return nil, fmt.Errorf("short xref")
	}
	hdr := strings.Fields(lines[1])
	if len(hdr) != 2 || hdr[0] != "0" || hdr[1] != strconv.Itoa(p.size) || p.root <= 0 || p.info <= 0 || p.root >= p.size || p.info >= p.size {
		return nil, fmt.Errorf("unexpected xref or trailer (size %d, root %d, info %d)", p.size, p.root, p.info)
	}
	type entry struct{ num, off int }
	entries := make([]entry, 0, p.size)
	for i := 1; i < p.size; i++ {
		if 2+i >= len(lines) {
			return nil, fmt.Errorf("xref ends at object %d", i)
		}
		e := strings.Fields(lines[2+i])
		if len(e) != 3 || e[2] != "n" {
			return nil, fmt.Errorf("xref entry %d: %q", i, lines[2+i])
		}
		off, err := strconv.Atoi(e[0])
		if err != nil || off <= 0 || off >= xref {
			return nil, fmt.Errorf("xref entry %d: bad offset", i)
		}
		entries = append(entries, entry{i, off})
	}
	sort.Slice(entries, func(a, b int) bool { return entries[a].off < entries[b].off })
	for k, e := range entries {
		end := xref
		if k+1 < len(entries) {
			end = entries[k+1].off
		}
		body := raw[e.off:end]
		if !bytes.HasPrefix(body, []byte(strconv.Itoa(e.num)+" 0 obj")) || !bytes.HasSuffix(bytes.TrimRight(body, "\r\n"), []byte("endobj")) {
			return nil, fmt.Errorf("object %d is not where the xref says", e.num)
		}
		p.objects = append(p.objects, span{e.num, body})
	}
	return p, nil
}

// finish turns gofpdf's output into a PDF/A-2b file with metadata m.
func finish(raw []byte, m meta) ([]byte, error) {
	p, err := parseGofpdf(raw)
	if err != nil {
		return nil, errf("pdf.finish", err, "Errore interno nella preparazione del PDF/A: %v", "Internal error while making the PDF/A: %v", err)
	}
	pages, outlines := "", ""
	fontTags := map[string]string{}
	for _, o := range p.objects {
		if o.num == p.root {
			if mm := rePagesRef.FindSubmatch(o.body); mm != nil {
				pages = string(mm[1])
			}
			if mm := reOutlinesRef.FindSubmatch(o.body); mm != nil {
				// the bookmarks: kept, and shown when the file opens
				outlines = fmt.Sprintf(" /Outlines %s 0 R /PageMode /UseOutlines", mm[1])
			}
		}
		for _, mm := range reFontName.FindAllSubmatch(o.body, -1) {
			fontTags[string(mm[2])] = ""
		}
	}
	// gofpdf's outline root lacks /Count, which PDF/A-1 validators require (ISO 32000-1
	// table 152: the number of open entries); every entry is at the top level.
	outlineRoot, outlineCount := 0, 0
	if mm := reOutlinesRef.FindStringSubmatch(outlines); mm != nil {
		outlineRoot, _ = strconv.Atoi(mm[1])
		parent := []byte(fmt.Sprintf("/Parent %d 0 R", outlineRoot))
		for _, o := range p.objects {
			if bytes.Contains(o.body, parent) && bytes.Contains(o.body, []byte("/Title ")) {
				outlineCount++
			}
		}
	}
	if pages == "" {
		return nil, errf("pdf.finish", nil, "Errore interno nella preparazione del PDF/A: catalogo senza pagine.", "Internal error while making the PDF/A: catalog without pages.")
	}
	sum := sha256.Sum256(raw)
	for name := range fontTags {
		fontTags[name] = subsetTag(sum[:], name) + "+" + postscriptName(name)
	}

	sets, err := cidSets(p)
	if err != nil {
		return nil, errf("pdf.finish", err, "Errore interno nella preparazione del PDF/A: %v", "Internal error while making the PDF/A: %v", err)
	}
	meta, icc, intent := p.size, p.size+1, p.size+2
	size := p.size + 3
	setRef := map[int]int{} // font descriptor → its CIDSet stream
	for _, desc := range sortedKeys(sets) {
		setRef[desc] = size
		size++
	}
	out := bytes.NewBuffer(make([]byte, 0, len(raw)+len(srgbProfile)+4096))
	out.WriteString(header)
	offsets := make([]int, size)
	obj := func(num int, body string) {
		offsets[num] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n%s\nendobj\n", num, body)
	}
	stream := func(num int, dict string, data []byte) {
		obj(num, fmt.Sprintf("<< %s/Length %d >>\nstream\n%s\nendstream", dict, len(data), data))
	}
	for _, o := range p.objects {
		switch o.num {
		case p.info:
			obj(o.num, infoDict(m))
		case p.root:
			obj(o.num, fmt.Sprintf("<< /Type /Catalog /Pages %s 0 R%s /Metadata %d 0 R /OutputIntents [%d 0 R] /Lang %s /ViewerPreferences << /DisplayDocTitle true >> >>",
				pages, outlines, meta, intent, pdfText(m.Lang)))
		default:
			offsets[o.num] = out.Len()
			body := o.body
			if !bytes.Contains(body, []byte("stream")) { // dictionaries only: never touch font data
				body = reFontName.ReplaceAllFunc(body, func(s []byte) []byte {
					mm := reFontName.FindSubmatch(s)
					return []byte("/" + string(mm[1]) + " /" + fontTags[string(mm[2])])
				})
			}
			if ref, ok := setRef[o.num]; ok {
				body = withCIDSet(body, ref)
			}
			if o.num == outlineRoot {
				body = bytes.Replace(body, []byte("/Type /Outlines"), []byte(fmt.Sprintf("/Type /Outlines /Count %d", outlineCount)), 1)
			}
			out.Write(body)
		}
	}
	stream(meta, "/Type /Metadata /Subtype /XML ", xmpPacket(m))
	stream(icc, "/N 3 ", srgbProfile)
	obj(intent, fmt.Sprintf("<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /Info (sRGB IEC61966-2.1) /DestOutputProfile %d 0 R >>", icc))
	for _, desc := range sortedKeys(sets) {
		stream(setRef[desc], "/Filter /FlateDecode ", deflate(sets[desc]))
	}

	// The file identifier is a digest of the body: the same document gets the same ID, a
	// different one a different ID, with no clock or randomness involved.
	id := sha256.Sum256(out.Bytes())
	xref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for _, off := range offsets[1:] {
		fmt.Fprintf(out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(out, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%X> <%X>] >>\nstartxref\n%d\n%%%%EOF\n",
		size, p.root, p.info, id[:16], id[:16], xref)
	return out.Bytes(), nil
}

// subsetTag is six capital letters derived from the document and the font, as PDF asks for
// subset font names (ISO 32000-1 §9.6.4): unique per subset, the same for the same bytes.
func subsetTag(seed []byte, name string) string {
	h := sha256.Sum256(append(append([]byte{}, seed...), name...))
	var b [6]byte
	for i := range b {
		b[i] = 'A' + h[i]%26
	}
	return string(b[:])
}

// postscriptName maps gofpdf's font keys to the fonts' PostScript names.
func postscriptName(key string) string {
	switch key {
	case family:
		return "TitilliumWeb-Regular"
	case family + "B":
		return "TitilliumWeb-SemiBold"
	case family + "I":
		return "TitilliumWeb-Italic"
	}
	return key
}
