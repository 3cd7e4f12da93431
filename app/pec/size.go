package pec

import (
	"fmt"

	"bando/schema"
)

// PEC providers must accept messages up to 30 MB (the guaranteed minimum of the PEC rules,
// DM 2 novembre 2005 and AgID's technical rules); some accept more, but a Region's mailbox
// may not. The size is the whole message after base64 encoding, about 4/3 of the files.
// Megabytes here are decimal (10^6 bytes), the stricter reading.
const (
	WarnSize int64 = 20_000_000
	MaxSize  int64 = 30_000_000
)

// SizeLevel grades a message size.
type SizeLevel string

const (
	SizeOK     SizeLevel = "ok"
	SizeWarn   SizeLevel = "warn"   // over 20 MB: may be refused by some mailboxes
	SizeRefuse SizeLevel = "refuse" // over 30 MB: beyond what PEC guarantees
)

// SizeCheck is the verdict on a message size.
type SizeCheck struct {
	Bytes   int64       `json:"bytes"`
	Level   SizeLevel   `json:"level"`
	Message schema.Text `json:"message"`
}

// CheckSize grades the size of the encoded message (Message.Size).
func CheckSize(n int64) SizeCheck {
	mb := func(n int64) string { return fmt.Sprintf("%.1f", float64(n)/1e6) }
	c := SizeCheck{Bytes: n, Level: SizeOK}
	switch {
	case n > MaxSize:
		c.Level = SizeRefuse
		c.Message = schema.Text{
			IT: fmt.Sprintf("Il messaggio pesa %s MB dopo la codifica: supera i 30 MB che la PEC garantisce. Riduci gli allegati (PDF compressi, scansioni a 150-200 dpi in bianco e nero) o concorda con l'ente l'invio in più PEC.", mb(n)),
			EN: fmt.Sprintf("The message is %s MB after encoding: over the 30 MB PEC guarantees. Shrink the attachments (compressed PDFs, 150-200 dpi black-and-white scans) or agree with the authority to send several PECs.", mb(n)),
		}
	case n > WarnSize:
		c.Level = SizeWarn
		c.Message = schema.Text{
			IT: fmt.Sprintf("Il messaggio pesa %s MB dopo la codifica: oltre 20 MB alcune caselle lo rifiutano. Se puoi, riduci gli allegati.", mb(n)),
			EN: fmt.Sprintf("The message is %s MB after encoding: over 20 MB some mailboxes refuse it. Shrink the attachments if you can.", mb(n)),
		}
	default:
		c.Message = schema.Text{
			IT: fmt.Sprintf("Il messaggio pesa %s MB dopo la codifica, entro i limiti della PEC.", mb(n)),
			EN: fmt.Sprintf("The message is %s MB after encoding, within PEC limits.", mb(n)),
		}
	}
	return c
}
