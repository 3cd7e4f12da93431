package pec

import (
	"bytes"
	"encoding/hex"
	"strconv"
)

// PAdES: a signature is an incremental update appended to the PDF, whose signature
// dictionary holds /ByteRange [0 a b c] and /Contents <hex CMS>. The signed bytes are
// [0, a) and [b, b+c); the gap [a, b) is exactly the /Contents hex string. Each later
// signature (a co-signer's) is another update whose range covers everything before it.
//
// We do not need a PDF parser to check this: the ranges locate the signature, the gap must be
// one hex string, and the file must begin with the proposal's exact bytes. A /ByteRange found
// by scanning may sit in a compressed stream by chance; its range would then fail to make
// sense (or its "signature" to verify), and the file is refused, never wrongly accepted.

// padesSig is one signature found in a PDF.
type padesSig struct {
	at        int    // offset of "/ByteRange" in the file
	ranges    [4]int // 0, a, b, c
	cms       []byte // decoded /Contents, zero padding included
	timestamp bool   // /SubFilter /ETSI.RFC3161: a document timestamp, not a person
	subFilter string
}

// signedBytes are the bytes the signature covers.
func (s padesSig) signedBytes(file []byte) []byte {
	r := s.ranges
	out := make([]byte, 0, r[1]+r[3])
	out = append(out, file[:r[1]]...)
	return append(out, file[r[2]:r[2]+r[3]]...)
}

// findPAdES returns every signature of a PDF from offset `from`, in file order, or a problem
// with a range that makes no sense.
func findPAdES(file []byte, from int) ([]padesSig, *Error) {
	var out []padesSig
	key := []byte("/ByteRange")
	for off := from; ; {
		i := bytes.Index(file[off:], key)
		if i < 0 {
			return out, nil
		}
		at := off + i
		off = at + len(key)
		r, ok := parseRange(file[off:])
		if !ok {
			return nil, errf("pades.range", nil, "Il PDF contiene una firma con un intervallo di byte (ByteRange) non valido.", "The PDF holds a signature with an invalid byte range (ByteRange).")
		}
		if r[0] != 0 || r[1] <= 0 || r[2] <= r[1]+1 || r[3] < 0 || r[2] > len(file) || r[3] > len(file)-r[2] {
			return nil, errf("pades.range", nil, "Il PDF contiene una firma il cui intervallo di byte (ByteRange) non corrisponde al file: il file è stato modificato o troncato.", "The PDF holds a signature whose byte range (ByteRange) does not fit the file: the file was changed or truncated.")
		}
		gapBytes := file[r[1]:r[2]]
		if gapBytes[0] != '<' || gapBytes[len(gapBytes)-1] != '>' {
			return nil, errf("pades.range", nil, "L'intervallo di byte della firma non esclude esattamente la firma stessa: il file non è una firma PAdES regolare.", "The signature's byte range does not exclude exactly the signature itself: the file is not a regular PAdES signature.")
		}
		h := gapBytes[1 : len(gapBytes)-1]
		if len(h)%2 == 1 {
			h = h[:len(h)-1]
		}
		cms := make([]byte, hex.DecodedLen(len(h)))
		if _, err := hex.Decode(cms, h); err != nil {
			return nil, errf("pades.contents", err, "La firma nel PDF non è leggibile (Contents non esadecimale).", "The signature in the PDF cannot be read (Contents is not hexadecimal).")
		}
		sig := padesSig{at: at, ranges: r, cms: cms}
		sig.subFilter = subFilterNear(file, at)
		sig.timestamp = sig.subFilter == "ETSI.RFC3161"
		out = append(out, sig)
		if off < r[2] { // continue after this signature's /Contents
			off = r[2]
		}
	}
}

// parseRange reads "[0 a b c]" with any white space.
func parseRange(b []byte) ([4]int, bool) {
	var r [4]int
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '[' {
		return r, false
	}
	i++
	for k := range r {
		i = skipSpace(b, i)
		j := i
		for j < len(b) && j-i < 12 && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		n, err := strconv.Atoi(string(b[i:j]))
		if err != nil {
			return r, false
		}
		r[k] = n
		i = j
	}
	i = skipSpace(b, i)
	return r, i < len(b) && b[i] == ']'
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t' || b[i] == '\f' || b[i] == 0) {
		i++
	}
	return i
}

// subFilterNear finds the /SubFilter of the dictionary around offset at: within the same
// object (between the previous "obj" and the next "endobj").
func subFilterNear(file []byte, at int) string {
	start := bytes.LastIndex(file[:at], []byte(" obj"))
	if start < 0 {
		start = 0
	}
	end := bytes.Index(file[at:], []byte("endobj"))
	if end < 0 {
		end = len(file) - at
	}
	win := file[start : at+end]
	i := bytes.Index(win, []byte("/SubFilter"))
	if i < 0 {
		return ""
	}
	j := skipSpace(win, i+len("/SubFilter"))
	if j >= len(win) || win[j] != '/' {
		return ""
	}
	k := j + 1
	for k < len(win) && bytes.IndexByte([]byte(" \r\n\t/<>[]()"), win[k]) < 0 {
		k++
	}
	return string(win[j+1 : k])
}
