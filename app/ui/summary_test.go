package ui

import "testing"

func TestLabelled(t *testing.T) {
	tests := []struct{ name, label, msg, want string }{
		{"a label", "CAP", "Questo campo è obbligatorio.", "CAP: Questo campo è obbligatorio."},
		{"a question", "È il capofila dell'ATS?", "Scegli una risposta.", "È il capofila dell'ATS? Scegli una risposta."},
		{"a label ending with a colon", "Sede legale:", "Questo campo è obbligatorio.", "Sede legale: Questo campo è obbligatorio."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := labelled(tt.label, tt.msg); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}
