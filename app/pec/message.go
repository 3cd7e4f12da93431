package pec

import (
	"fmt"
	"path"
	"strings"

	"bando/schema"
)

// File is a file that travels with the PEC message.
type File struct {
	Name string `json:"name"`
	Data []byte `json:"-"`
	// For is the id of the call attachment it provides ("statuti"); empty for the proposal.
	For string `json:"for,omitempty"`
}

// Message is the PEC to send: the recipient and the exact subject the call asks for, a short
// covering text, the signed proposal first and then the attachments.
type Message struct {
	From    string `json:"from,omitempty"` // the applicant's PEC address, when known
	To      string `json:"to"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
	Files   []File `json:"files"`
}

// NewMessage prepares the message for call c: signed is the signed proposal (.pdf.p7m or
// .pdf), attachments the files the applicant added for the call's attachment list, applicant
// the name that signs off the covering text (pdf.ReadFacts gives it).
func NewMessage(c *schema.Call, signed File, attachments []File, applicant string, lang schema.Lang) Message {
	m := Message{To: c.Submission.To, Subject: c.Submission.Subject}
	m.Files = append([]File{signed}, attachments...)
	var b strings.Builder
	office := c.Authority.Name.In(schema.IT)
	if o := c.Authority.Office.In(schema.IT); o != "" {
		office += " – " + o
	}
	// the covering text is for the Region: always Italian
	fmt.Fprintf(&b, "Spett.le %s,\n\n", office)
	fmt.Fprintf(&b, "si trasmette in allegato la domanda di partecipazione all'avviso «%s», sottoscritta con firma digitale", c.Title.In(schema.IT))
	if len(attachments) > 0 {
		b.WriteString(", con i seguenti allegati:\n\n")
		for _, f := range attachments {
			fmt.Fprintf(&b, "- %s\n", f.Name)
		}
	} else {
		b.WriteString(".\n")
	}
	fmt.Fprintf(&b, "\nDomanda firmata: %s\n\nCordiali saluti", signed.Name)
	if applicant != "" {
		fmt.Fprintf(&b, "\n%s", applicant)
	}
	b.WriteString("\n")
	m.Body = b.String()
	return m
}

// ChecklistItem is one attachment the call asks for, with the files given for it.
type ChecklistItem struct {
	Attachment schema.Attachment `json:"attachment"`
	Files      []string          `json:"files"`
	// Done: at least one file was given, or the attachment is optional.
	Done bool `json:"done"`
}

// Checklist lists the attachments the call asks of these answers (RequiredAttachments) with
// the files given for each; complete is false while a required one has no file.
func Checklist(c *schema.Call, a schema.Answers, files []File) (items []ChecklistItem, complete bool) {
	complete = true
	for _, at := range c.RequiredAttachments(a) {
		it := ChecklistItem{Attachment: at, Files: []string{}}
		for _, f := range files {
			if f.For == at.ID {
				it.Files = append(it.Files, f.Name)
			}
		}
		it.Done = len(it.Files) > 0 || !at.Required
		complete = complete && it.Done
		items = append(items, it)
	}
	return items, complete
}

// contentTypes are the types of the files an application carries. A fixed table rather
// than mime.TypeByExtension, which reads the system's tables and would make the .eml differ
// from one machine to another.
var contentTypes = map[string]string{
	".pdf":  "application/pdf",
	".p7m":  "application/pkcs7-mime",
	".p7s":  "application/pkcs7-signature",
	".zip":  "application/zip",
	".doc":  "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".odt":  "application/vnd.oasis.opendocument.text",
	".xls":  "application/vnd.ms-excel",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".png":  "image/png",
	".txt":  "text/plain",
	".xml":  "application/xml",
}

func contentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}
