package pdf

import (
	_ "embed"
	"encoding/binary"
	"strings"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
)

// The fonts are Titillium Web (Accademia di Belle Arti di Urbino, SIL Open Font License 1.1,
// fonts/OFL.txt), the typeface of the Italian public administration's design system, taken
// unchanged from the npm package bootstrap-italia@2.18.3, dist/fonts/Titillium_Web/
// (titillium-web-v10-latin-ext_latin-{regular,600,italic}.ttf). They are embedded as bytes
// because the browser has no file system; gofpdf subsets them, so a PDF carries only the
// glyphs it uses (PDF/A wants every font embedded).
var (
	//go:embed fonts/TitilliumWeb-Regular.ttf
	fontRegular []byte
	//go:embed fonts/TitilliumWeb-SemiBold.ttf
	fontSemiBold []byte
	//go:embed fonts/TitilliumWeb-Italic.ttf
	fontItalic []byte
)

// family is the font family name registered with gofpdf; style "B" is SemiBold.
const family = "titillium"

func addFonts(f *gofpdf.Fpdf) {
	f.AddUTF8FontFromBytes(family, "", fontRegular)
	f.AddUTF8FontFromBytes(family, "B", fontSemiBold)
	f.AddUTF8FontFromBytes(family, "I", fontItalic)
}

// covered is the set of characters all three fonts draw, read from their cmap tables once.
// Text is passed through clean before it reaches gofpdf: a character the font lacks would
// print as an empty box (and one outside the Basic Multilingual Plane makes gofpdf's
// SplitText index past its width table).
var covered = func() map[rune]bool {
	out := map[rune]bool{}
	sets := []map[rune]bool{cmapRunes(fontRegular), cmapRunes(fontSemiBold), cmapRunes(fontItalic)}
	for r := range sets[0] {
		if sets[1][r] && sets[2][r] {
			out[r] = true
		}
	}
	return out
}()

// cmapRunes returns the characters of a TrueType font's Unicode BMP cmap (platform 3,
// encoding 1, format 4) that map to a glyph other than .notdef. It reads only fonts embedded
// in this package, so a malformed table yields an empty set rather than an error.
func cmapRunes(ttf []byte) map[rune]bool {
	out := map[rune]bool{}
	u16 := func(off int) int {
		if off < 0 || off+2 > len(ttf) {
			return -1
		}
		return int(binary.BigEndian.Uint16(ttf[off:]))
	}
	u32 := func(off int) int {
		if off < 0 || off+4 > len(ttf) {
			return -1
		}
		return int(binary.BigEndian.Uint32(ttf[off:]))
	}
	cmap := -1
	for i, n := 0, u16(4); i < n; i++ {
		rec := 12 + 16*i
		if rec+16 <= len(ttf) && string(ttf[rec:rec+4]) == "cmap" {
			cmap = u32(rec + 8)
		}
	}
	if cmap < 0 {
		return out
	}
	sub := -1
	for i, n := 0, u16(cmap+2); i < n; i++ {
		rec := cmap + 4 + 8*i
		if u16(rec) == 3 && u16(rec+2) == 1 {
			sub = cmap + u32(rec+4)
		}
	}
	if sub < 0 || u16(sub) != 4 {
		return out
	}
	segs := u16(sub+6) / 2
	ends, starts := sub+14, sub+16+2*segs
	deltas, rangeOffs := starts+2*segs, starts+4*segs
	for s := 0; s < segs; s++ {
		end, start := u16(ends+2*s), u16(starts+2*s)
		delta, ro := u16(deltas+2*s), u16(rangeOffs+2*s)
		if start < 0 || end < 0 || delta < 0 || ro < 0 {
			return out
		}
		for c := start; c <= end && c != 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else if raw := u16(rangeOffs + 2*s + ro + 2*(c-start)); raw > 0 {
				g = (raw + delta) & 0xFFFF
			}
			if g != 0 {
				out[rune(c)] = true
			}
		}
	}
	return out
}

// substitutes spell characters the fonts lack with ones they have.
var substitutes = map[rune]string{
	'\t': "    ", '\u00ad': "", '\u200b': "", '\ufeff': "",
	'≤': "<=", '≥': ">=", '≠': "!=", '×': "x", '→': "->", '←': "<-",
	'✓': "X", '✔': "X", '☑': "[X]", '☒': "[X]", '☐': "[ ]",
	'\u2011': "-", '\u2012': "-", '\u2015': "—", '\u2032': "'", '\u2033': "\"",
	'\u202f': " ", '\u2007': " ", '\u2009': " ", '\u200a': " ",
}

// composed folds an Italian vowel followed by a combining grave or acute accent (as some
// word processors and macOS file names write them) into the precomposed letter the fonts draw.
var composed = map[[2]rune]rune{
	{'a', 0x300}: 'à', {'e', 0x300}: 'è', {'i', 0x300}: 'ì', {'o', 0x300}: 'ò', {'u', 0x300}: 'ù',
	{'e', 0x301}: 'é', {'a', 0x301}: 'á', {'i', 0x301}: 'í', {'o', 0x301}: 'ó', {'u', 0x301}: 'ú',
	{'A', 0x300}: 'À', {'E', 0x300}: 'È', {'I', 0x300}: 'Ì', {'O', 0x300}: 'Ò', {'U', 0x300}: 'Ù',
	{'E', 0x301}: 'É',
}

// clean makes s printable with the embedded fonts: line ends become \n, other control
// characters and invalid UTF-8 are dropped, decomposed accents are composed, characters the
// fonts lack get a substitute or "?". Nothing is dropped silently that carries meaning.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	var prev rune = -1
	flush := func() {
		if prev >= 0 {
			b.WriteRune(prev)
		}
		prev = -1
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r == utf8.RuneError && n <= 1 {
			continue
		}
		if c, ok := composed[[2]rune{prev, r}]; ok {
			prev = c
			continue
		}
		flush()
		sub, hasSub := substitutes[r]
		switch {
		case r == '\n' || covered[r]:
			prev = r
		case r == '\r' || r == '\u2028' || r == '\u2029':
			prev = '\n'
		case hasSub:
			b.WriteString(sub)
		case r < 0x20 || (r >= 0x7f && r < 0xa0) || (r >= 0x300 && r < 0x370):
			// control characters and stray combining marks carry nothing printable
		default:
			b.WriteByte('?')
		}
	}
	flush()
	return b.String()
}
