package draft

import (
	"errors"
	"testing"
)

func TestCheckSize(t *testing.T) {
	tests := []struct {
		name    string
		n       int64
		wantKey string
	}{
		{"a normal draft", 40 << 10, ""},
		{"exactly the limit", MaxSize, ""},
		{"a video dropped by mistake", 700 << 20, "draft.too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckSize(tt.n)
			var de *Error
			switch {
			case tt.wantKey == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tt.wantKey != "" && (!errors.As(err, &de) || de.Key != tt.wantKey || de.Msg.EN == ""):
				t.Fatalf("got %v, want key %s with both languages", err, tt.wantKey)
			}
		})
	}
}
