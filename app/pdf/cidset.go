package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
)

// CIDSet streams. gofpdf writes each subset font as a Type0 font over a CIDFontType2 whose
// CIDs are Unicode code points (Identity-H), mapped to the subset's glyphs by a CIDToGIDMap
// stream, and gives its font descriptor no /CIDSet. PDF/A-2 lets a subset go without one,
// but PDF/A-1 (ISO 19005-1 §6.3.5) requires it, and a CIDSet is allowed in PDF/A-2 as long
// as it is right (§6.2.11.4.2: it identifies every CID present in the font program). With it
// the same file passes a PDF/A-1b validator too, the only ISO 19005 checker Debian ships
// (PDFBox Preflight), and readers that use it to know which glyphs exist see the truth.
//
// The set is read back from the CIDToGIDMap gofpdf wrote, never from its internal state: a
// CID is present when the map sends it to a glyph other than .notdef (GID 0), and CID 0
// itself is always present (every TrueType program has glyph 0). Bit i of the stream, high
// bit of the first byte first, is CID i (ISO 32000-1 §9.8.3.4, table 124).

var (
	reCIDFont     = regexp.MustCompile(`/Subtype /CIDFontType2\b`)
	reDescriptor  = regexp.MustCompile(`/FontDescriptor (\d+) 0 R`)
	reCIDToGIDMap = regexp.MustCompile(`/CIDToGIDMap (\d+) 0 R`)
	reLength      = regexp.MustCompile(`/Length (\d+)`)
)

// maxCIDToGIDMap is the size of a full CIDToGIDMap: two bytes for each of 65536 CIDs.
const maxCIDToGIDMap = 2 * 65536

// cidSets returns the CIDSet bitmap of every CIDFontType2 font in p, keyed by the object
// number of its font descriptor.
func cidSets(p *parsed) (map[int][]byte, error) {
	byNum := make(map[int][]byte, len(p.objects))
	for _, o := range p.objects {
		byNum[o.num] = o.body
	}
	out := map[int][]byte{}
	for _, o := range p.objects {
		if bytes.Contains(o.body, []byte("stream")) || !reCIDFont.Match(o.body) {
			continue
		}
		desc, dOK := refNum(reDescriptor, o.body)
		cmap, mOK := refNum(reCIDToGIDMap, o.body)
		if !dOK || !mOK || byNum[desc] == nil || byNum[cmap] == nil {
			return nil, fmt.Errorf("CID font %d: no font descriptor or CIDToGIDMap", o.num)
		}
		m, err := streamData(byNum[cmap])
		if err != nil {
			return nil, fmt.Errorf("CIDToGIDMap %d: %v", cmap, err)
		}
		out[desc] = cidSetFromMap(m)
	}
	return out, nil
}

// cidSetFromMap turns a CIDToGIDMap (big-endian GID per CID) into a CIDSet bitmap as short
// as the highest present CID allows.
func cidSetFromMap(m []byte) []byte {
	last := 0
	for cid := 0; 2*cid+1 < len(m); cid++ {
		if m[2*cid] != 0 || m[2*cid+1] != 0 {
			last = cid
		}
	}
	set := make([]byte, last/8+1)
	set[0] = 0x80 // CID 0, .notdef
	for cid := 1; cid <= last; cid++ {
		if m[2*cid] != 0 || m[2*cid+1] != 0 {
			set[cid/8] |= 0x80 >> (cid % 8)
		}
	}
	return set
}

// refNum reads the object number of the reference re matches in dict.
func refNum(re *regexp.Regexp, dict []byte) (int, bool) {
	m := re.FindSubmatch(dict)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(string(m[1]))
	return n, err == nil
}

// streamData returns the decoded data of a FlateDecode stream object as gofpdf writes it
// ("stream\n", /Length bytes, "\nendstream"), at most a full CIDToGIDMap's worth.
func streamData(obj []byte) ([]byte, error) {
	start := bytes.Index(obj, []byte("stream\n"))
	if start < 0 {
		return nil, fmt.Errorf("not a stream")
	}
	n, ok := refNum(reLength, obj[:start])
	start += len("stream\n")
	if !ok || n < 0 || start+n > len(obj) {
		return nil, fmt.Errorf("bad /Length")
	}
	if !bytes.Contains(obj[:start], []byte("/FlateDecode")) {
		return nil, fmt.Errorf("not FlateDecode")
	}
	r, err := zlib.NewReader(bytes.NewReader(obj[start : start+n]))
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(r, maxCIDToGIDMap+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxCIDToGIDMap || len(data)%2 != 0 {
		return nil, fmt.Errorf("%d bytes", len(data))
	}
	return data, nil
}

// deflate compresses a CIDSet for a FlateDecode stream: a bitmap over Unicode code points is
// mostly zero bytes (1.1 KB for a Latin text, under 100 bytes compressed). Go's compressor
// is deterministic, as the content streams gofpdf compresses already rely on.
func deflate(data []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression) // the level is valid: no error
	w.Write(data)                                         // a bytes.Buffer does not fail
	w.Close()
	return b.Bytes()
}

// withCIDSet adds /CIDSet ref to a font descriptor object ("N 0 obj\n<<…>>\nendobj\n").
func withCIDSet(body []byte, ref int) []byte {
	end := bytes.LastIndex(body, []byte(">>"))
	if end < 0 {
		return body
	}
	out := make([]byte, 0, len(body)+24)
	out = append(out, body[:end]...)
	out = append(out, fmt.Sprintf(" /CIDSet %d 0 R", ref)...)
	return append(out, body[end:]...)
}

// sortedKeys returns m's keys in increasing order, so that new objects are numbered the
// same way every time.
func sortedKeys(m map[int][]byte) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}
