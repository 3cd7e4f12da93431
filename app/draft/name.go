package draft

import (
	"strings"
	"time"

	"bando/schema"
)

// File names. Every file made from a draft (its export, the PDF to sign and the draft PDF,
// the signed .p7m, the PEC .eml, the partner sheets, the support bundle) is named
//
//	<call>_<title>_<yyyy-mm-dd><ext>
//
// by FileName, in the browser and as the CLI's default, so that the files of one proposal
// sort together in a folder and two proposals to the same call never share a name. The parts
// are joined by "_", which Slug never produces, so each part can be read back.

// maxSlug bounds the title part: with the call id and the date, names stay well under the
// limits of e-mail clients and zip tools, and readable in a file list.
const maxSlug = 40

// FileName is the name of a file made from a draft of call about title on day (a time in
// Europe/Rome: schema.InRome), ending in ext (".bando.json", ".pdf", "_bozza.pdf", …).
// The zero day leaves the date out.
func FileName(call, title string, day time.Time, ext string) string {
	name := Slug(call, 0) + "_" + Slug(title, maxSlug)
	if !day.IsZero() {
		name += "_" + day.Format("2006-01-02")
	}
	return name + ext
}

// foldAccents covers the letters of Italian and its neighbours; a Unicode normalisation
// table would cost the Wasm build far more than file names are worth.
var foldAccents = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ä", "a", "ã", "a", "å", "a",
	"è", "e", "é", "e", "ê", "e", "ë", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i",
	"ò", "o", "ó", "o", "ô", "o", "ö", "o", "õ", "o",
	"ù", "u", "ú", "u", "û", "u", "ü", "u",
	"ç", "c", "ñ", "n", "ß", "ss", "’", "", "'", "",
)

// Slug is s as a part of a file name safe on every file system: lower case, accents folded
// (Società → societa), apostrophes dropped (L'Orto → lorto), any other run of characters
// but a-z and 0-9 made one "-", cut at a word within max bytes (0: no bound); "bozza" when
// nothing is left.
func Slug(s string, max int) string {
	s = foldAccents.Replace(strings.ToLower(s))
	var b strings.Builder
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteByte(c)
			dash = false
		} else {
			dash = true
		}
	}
	out := b.String()
	if max > 0 && len(out) > max {
		cut := out[:max]
		if out[max] != '-' { // a word cut in two: end at the previous one, if any is long enough
			if i := strings.LastIndexByte(cut, '-'); i >= max/2 {
				cut = cut[:i]
			}
		}
		out = strings.TrimRight(cut, "-")
	}
	if out == "" {
		return "bozza"
	}
	return out
}

// ExportName is the name of d's file exported at now: FileName with its Title and the day
// in Italy.
func ExportName(c *schema.Call, d *Draft, now time.Time) string {
	return FileName(d.Call, Title(c, d), schema.InRome(now), Ext)
}
