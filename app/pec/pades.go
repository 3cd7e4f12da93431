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

// signedParts are the two byte ranges the signature covers, in order (no copy).
func (s padesSig) signedParts(file []byte) [][]byte {
	r := s.ranges
	return [][]byte{file[:r[1]], file[r[2] : r[2]+r[3]]}
}

// Bounds of the scan, so that a hostile file costs no more than a real one: a real file
// has one signature dictionary per signer and timestamp (a call has at most a few tens), and
// each dictionary's /ByteRange sits next to its own /Contents; the signatures' /Contents
// follow one another in the file. With these rules the scan reads every byte a bounded
// number of times (linear), however many "/ByteRange" the file holds.
const (
	maxPAdESSigs  = 100      // signature dictionaries (signers, countersigners, timestamps)
	maxSigWindow  = 64 << 10 // greatest distance between /ByteRange and its /Contents
	subFilterSpan = 8 << 10  // how far around a signature its /SubFilter is looked for
)

// findPAdES returns every signature of a PDF from offset `from`, in file order, or a problem
// with a range that makes no sense.
func findPAdES(file []byte, from int) ([]padesSig, *Error) {
	var out []padesSig
	key := []byte("/ByteRange")
	gapEnd := 0 // end of the previous signature's /Contents: the next one must follow it
	for off := from; ; {
		i := bytes.Index(file[off:], key)
		if i < 0 {
			return out, nil
		}
		if len(out) == maxPAdESSigs {
			return nil, errf("pades.too_many", nil, "Il PDF contiene più di %d firme: non è una domanda firmata dai suoi legali rappresentanti.", "The PDF holds more than %d signatures: it is not an application signed by its legal representatives.", maxPAdESSigs)
		}
		at := off + i
		off = at + len(key)
		r, ok := parseRange(file[off:min(len(file), off+128)])
		if !ok {
			return nil, errf("pades.range", nil, "Il PDF contiene una firma con un intervallo di byte (ByteRange) non valido.", "The PDF holds a signature with an invalid byte range (ByteRange).")
		}
		if r[0] != 0 || r[1] <= 0 || r[2] <= r[1]+1 || r[3] < 0 || r[2] > len(file) || r[3] > len(file)-r[2] {
			return nil, errf("pades.range", nil, "Il PDF contiene una firma il cui intervallo di byte (ByteRange) non corrisponde al file: il file è stato modificato o troncato.", "The PDF holds a signature whose byte range (ByteRange) does not fit the file: the file was changed or truncated.")
		}
		if r[1] < gapEnd || at < r[1]-maxSigWindow || at > r[2]+maxSigWindow {
			return nil, errf("pades.range", nil, "Il PDF contiene intervalli di byte (ByteRange) che si sovrappongono o sono lontani dalla loro firma: non è una firma PAdES regolare.", "The PDF holds byte ranges (ByteRange) that overlap or lie far from their signature: it is not a regular PAdES signature.")
		}
		gapEnd = r[2]
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
		sig.subFilter = subFilterNear(file, at, r)
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

// subFilterNear finds the /SubFilter of the signature dictionary holding the /ByteRange at
// offset at, whose /Contents is the gap of r: within the same object (between the previous
// "obj" and the next "endobj"), looked for a bounded distance around, never inside the gap.
func subFilterNear(file []byte, at int, r [4]int) string {
	lo, hi := min(at, r[1]), max(at, r[2])
	if r[2] <= r[1] || r[2] > len(file) {
		lo, hi = at, at
	}
	winLo, winHi := max(0, lo-subFilterSpan), min(len(file), hi+subFilterSpan)
	if i := bytes.LastIndex(file[winLo:lo], []byte("obj")); i >= 0 {
		winLo += i
	}
	if i := bytes.Index(file[hi:winHi], []byte("endobj")); i >= 0 {
		winHi = hi + i
	}
	parts := [][]byte{file[winLo:winHi]}
	if lo < hi && r[1] >= winLo && r[2] <= winHi {
		parts = [][]byte{file[winLo:r[1]], file[r[2]:winHi]}
	}
	for _, win := range parts {
		i := bytes.Index(win, []byte("/SubFilter"))
		if i < 0 {
			continue
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
	return ""
}
