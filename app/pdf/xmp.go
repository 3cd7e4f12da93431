package pdf

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf16"

	"bando/schema"
)

// meta is the document information the PDF states twice, in the Info dictionary and in the
// XMP packet; PDF/A (ISO 19005-2 §6.6.2.3.1) requires the two to agree, so both are written
// from this one value.
type meta struct {
	Title    string // Info /Title        = dc:title x-default
	Author   string // Info /Author       = dc:creator (one entry)
	Subject  string // Info /Subject      = dc:description x-default
	Creator  string // Info /Creator      = xmp:CreatorTool
	Producer string // Info /Producer     = pdf:Producer
	Date     time.Time
	Lang     string // catalog /Lang and the XMP language alternatives' x-default
}

func (p *proposal) meta() meta {
	author := p.facts.Applicant
	if author == "" {
		author = p.call.Authority.Name.In(p.lang)
	}
	lang := "it-IT"
	if p.lang == schema.EN {
		lang = "en"
	}
	title := word("application", p.lang) + " – " + p.call.Title.In(p.lang)
	if p.draft {
		title = word("draft.mark", p.lang) + " – " + title
	}
	return meta{
		Title:    clean(title),
		Author:   clean(author),
		Subject:  clean(p.call.Submission.Subject),
		Creator:  p.creator,
		Producer: p.producer,
		Date:     schema.InRome(p.date).Truncate(time.Second),
		Lang:     lang,
	}
}

// pdfDate is the Info dictionary's date form, D:YYYYMMDDHHmmSS+HH'mm'.
func pdfDate(t time.Time) string {
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("D:%s%c%02d'%02d'", t.Format("20060102150405"), sign, off/3600, off%3600/60)
}

// xmpDate is the same instant as pdfDate in XMP's form (ISO 8601 with offset).
func xmpDate(t time.Time) string { return t.Format("2006-01-02T15:04:05-07:00") }

// pdfText writes a PDF text string as UTF-16BE with a byte-order mark, in hex: it carries any
// character, and the hex form needs no escaping.
func pdfText(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

// xmpPacket is the document's XMP metadata: Dublin Core, XMP basic, Adobe PDF and the PDF/A
// identification schema (part 2, conformance B), all predefined schemas so that no extension
// schema description is needed. The packet is written without the "bytes" attribute and
// with a read-only end marker (PDF/A-2 §6.6.2.1).
func xmpPacket(m meta) []byte {
	e := xmlEscaper.Replace
	date := xmpDate(m.Date)
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<dc:format>application/pdf</dc:format>
`)
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", e(m.Title))
	fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", e(m.Author))
	if m.Subject != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", e(m.Subject))
	}
	fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", e(m.Lang))
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", date, date, date)
	fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", e(m.Creator))
	fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", e(m.Producer))
	b.WriteString("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n")
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}

// infoDict is the Info dictionary matching xmpPacket.
func infoDict(m meta) string {
	var b strings.Builder
	b.WriteString("<< /Title " + pdfText(m.Title))
	b.WriteString(" /Author " + pdfText(m.Author))
	if m.Subject != "" {
		b.WriteString(" /Subject " + pdfText(m.Subject))
	}
	b.WriteString(" /Creator " + pdfText(m.Creator))
	b.WriteString(" /Producer " + pdfText(m.Producer))
	d := pdfDate(m.Date)
	b.WriteString(" /CreationDate (" + d + ") /ModDate (" + d + ") >>")
	return b.String()
}
