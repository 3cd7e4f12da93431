package pec

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"mime"
	"mime/quotedprintable"
	"strings"
	"time"
)

// The .eml draft: an RFC 5322 message the applicant downloads and opens in a mail client.
// "X-Unsent: 1" makes Outlook open it as a draft ready to send; Thunderbird opens it as a
// message and "Modifica come nuovo" (Edit as New) turns it into one. The subject is encoded
// per RFC 2047 (quoted-printable words, folded), the body is UTF-8 quoted-printable, files are
// base64 in lines of 76 characters, all lines end in CRLF. The output is a function of the
// message and the date alone (the boundary is derived from the content), so tests can
// compare bytes and the app and the CLI write the same file.

const lineLen = 76

// EML writes the message as an unsent draft dated date.
func (m Message) EML(date time.Time) []byte {
	var b bytes.Buffer
	m.writeHead(&b, date)
	b.WriteString(m.bodyPart())
	for _, f := range m.Files {
		b.WriteString(m.fileHead(f))
		writeBase64(&b, f.Data)
	}
	b.WriteString("--" + m.boundary() + "--\r\n")
	return b.Bytes()
}

// Size is the exact size of EML's output: the figure the PEC provider counts against its
// limit (the files after base64 encoding, plus the headers). It is computed without encoding
// anything, so the UI can show it as files are added.
func (m Message) Size(date time.Time) int64 {
	var head bytes.Buffer
	m.writeHead(&head, date)
	n := int64(head.Len() + len(m.bodyPart()) + len("--"+m.boundary()+"--\r\n"))
	for _, f := range m.Files {
		n += int64(len(m.fileHead(f))) + base64Size(len(f.Data))
	}
	return n
}

func (m Message) writeHead(b *bytes.Buffer, date time.Time) {
	b.WriteString("X-Unsent: 1\r\n")
	b.WriteString("Date: " + date.Format(time.RFC1123Z) + "\r\n")
	if m.From != "" {
		b.WriteString("From: <" + m.From + ">\r\n")
	}
	b.WriteString("To: <" + m.To + ">\r\n")
	b.WriteString(foldHeader("Subject", encodeWords(m.Subject)))
	b.WriteString("MIME-Version: 1.0\r\n")
	b.WriteString(foldHeader("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": m.boundary()})))
	b.WriteString("\r\n")
}

func (m Message) bodyPart() string {
	var qp bytes.Buffer
	w := quotedprintable.NewWriter(&qp)
	w.Write([]byte(strings.ReplaceAll(m.Body, "\n", "\r\n")))
	w.Close()
	return "--" + m.boundary() + "\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
		qp.String() + "\r\n"
}

func (m Message) fileHead(f File) string {
	// non-ASCII file names go as RFC 2231 parameters (filename*=utf-8''…), which current
	// Outlook, Thunderbird and webmails read
	return "--" + m.boundary() + "\r\n" +
		foldHeader("Content-Type", mime.FormatMediaType(contentType(f.Name), map[string]string{"name": f.Name})) +
		foldHeader("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name})) +
		"Content-Transfer-Encoding: base64\r\n\r\n"
}

// boundary is derived from the message: stable for the same message, and starting with
// "=_", which quoted-printable and base64 text can never contain.
func (m Message) boundary() string {
	h := sha256.New()
	for _, s := range []string{m.From, m.To, m.Subject, m.Body} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	for _, f := range m.Files {
		h.Write([]byte(f.Name))
		h.Write([]byte{0})
		h.Write(f.Data)
	}
	return "=_bando_" + hex.EncodeToString(h.Sum(nil)[:12])
}

// wordChars bounds the encoded text of one word so that "Subject: =?utf-8?q?" + text + "?="
// stays within the 76 characters RFC 2047 allows a line holding encoded words.
const wordChars = 76 - len("Subject: =?utf-8?q??=")

// encodeWords writes a header text as RFC 2047 "Q" encoded words when it is not plain
// ASCII: short words (a UTF-8 character is never split) separated by spaces where the
// header can fold; the spaces of the text itself travel inside the words as "_", since a
// decoder drops the white space between encoded words.
func encodeWords(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e || s[i] == '=' && i+1 < len(s) && s[i+1] == '?' {
			plain = false
		}
	}
	if plain {
		return s
	}
	var words []string
	var w strings.Builder
	n := 0
	flush := func() {
		if w.Len() > 0 {
			words = append(words, "=?utf-8?q?"+w.String()+"?=")
			w.Reset()
			n = 0
		}
	}
	var enc strings.Builder
	for _, r := range s {
		enc.Reset()
		for _, c := range []byte(string(r)) {
			switch {
			case c == ' ':
				enc.WriteByte('_')
			case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!*+-/", c) >= 0:
				enc.WriteByte(c)
			default:
				enc.WriteByte('=')
				enc.WriteByte("0123456789ABCDEF"[c>>4])
				enc.WriteByte("0123456789ABCDEF"[c&15])
			}
		}
		if n+enc.Len() > wordChars {
			flush()
		}
		n += enc.Len()
		w.WriteString(enc.String())
	}
	flush()
	return strings.Join(words, " ")
}

func writeBase64(b *bytes.Buffer, data []byte) {
	enc := base64.StdEncoding
	line := make([]byte, lineLen)
	for len(data) > 0 {
		n := min(len(data), lineLen/4*3)
		enc.Encode(line, data[:n])
		b.Write(line[:enc.EncodedLen(n)])
		b.WriteString("\r\n")
		data = data[n:]
	}
}

// base64Size is what writeBase64 writes for n bytes.
func base64Size(n int) int64 {
	chars := int64(base64.StdEncoding.EncodedLen(n))
	lines := (chars + lineLen - 1) / lineLen
	return chars + 2*lines
}

// foldHeader writes "Name: value" folded at spaces so lines stay near 78 characters; RFC
// 2047 words are separated by a space, which the folding keeps (a decoder drops white space
// between encoded words). Spaces inside quoted strings are never folded.
func foldHeader(name, value string) string {
	var words []string
	start, quoted := 0, false
	for i := 0; i < len(value); i++ {
		switch {
		case value[i] == '"':
			quoted = !quoted
		case value[i] == '\\' && quoted:
			i++
		case value[i] == ' ' && !quoted:
			words = append(words, value[start:i])
			start = i + 1
		}
	}
	words = append(words, value[start:])
	var b strings.Builder
	b.WriteString(name + ":")
	col := len(name) + 1
	for i, w := range words {
		if i > 0 && col+1+len(w) > 78 {
			b.WriteString("\r\n")
			col = 0
		}
		b.WriteString(" " + w)
		col += 1 + len(w)
	}
	b.WriteString("\r\n")
	return b.String()
}
