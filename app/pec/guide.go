package pec

import (
	"fmt"
	"strings"

	"bando/schema"
)

// Guide is a short how-to for sending the message from a PEC webmail (or opening the .eml
// draft in a mail client), with this call's recipient, subject, files and deadline.
func Guide(m Message, d DeadlineState, lang schema.Lang) string {
	var b strings.Builder
	files := make([]string, len(m.Files))
	for i, f := range m.Files {
		files[i] = "   - " + f.Name
	}
	list := strings.Join(files, "\n")
	if lang == schema.EN {
		fmt.Fprintf(&b, `How to send the application by PEC

With the .eml file: open it in Outlook (it opens as a draft ready to send) or in Thunderbird (open it, then More > Edit As New Message). Check that the sender is your PEC account, then send.

From your PEC provider's webmail:
1. Sign in to the webmail of your PEC mailbox (Aruba, Legalmail, Poste, …) and write a new message.
2. To: %s
3. Subject: copy it exactly, changing nothing:
   %s
4. Attach these files, exactly as they are:
%s
5. Check the total size: at most 30 MB after encoding.
6. Send it. %s
7. Keep the acceptance receipt and the delivery receipt (ricevuta di accettazione, ricevuta di avvenuta consegna): they prove that and when you sent it. If a non-delivery notice arrives, send again at once.
`, m.To, m.Subject, list, d.Message.EN)
		return b.String()
	}
	fmt.Fprintf(&b, `Come inviare la domanda via PEC

Con il file .eml: aprilo con Outlook (si apre come bozza pronta da inviare) o con Thunderbird (aprilo, poi Altro > Modifica come nuovo messaggio). Controlla che il mittente sia la tua casella PEC, poi invia.

Dalla webmail del tuo gestore PEC:
1. Accedi alla webmail della tua casella PEC (Aruba, Legalmail, Poste, …) e scrivi un nuovo messaggio.
2. Destinatario: %s
3. Oggetto: copialo esattamente, senza cambiare nulla:
   %s
4. Allega questi file, così come sono:
%s
5. Controlla il peso complessivo: al massimo 30 MB dopo la codifica.
6. Invia. %s
7. Conserva la ricevuta di accettazione e la ricevuta di avvenuta consegna: provano che e quando hai inviato. Se arriva un avviso di mancata consegna, invia di nuovo subito.
`, m.To, m.Subject, list, d.Message.IT)
	return b.String()
}
