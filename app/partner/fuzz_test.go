package partner

import (
	"testing"
)

// FuzzDecode: no file makes Decode panic or accept a sheet Check then breaks on; what it
// accepts encodes again.
func FuzzDecode(f *testing.F) {
	c := fami(f)
	d := openComplete(f, c)
	s, err := Export(d, c, 1, exportedAt)
	if err != nil {
		f.Fatal(err)
	}
	good, _ := Encode(s)
	f.Add(good)
	f.Add([]byte(`{"format": "bando-partner", "formatVersion": 1, "call": "toscana-fami-2024", "callVersion": 2, "proposal": "p", "member": "i1", "answers": {"ats": {"membri": [{"_id": "i1"}]}}}`))
	f.Add([]byte(`[[[[[[]]]]]]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Decode(data)
		if err != nil {
			if e, ok := err.(*Error); !ok || e.Msg.IT == "" || e.Msg.EN == "" {
				t.Fatalf("not a message in both languages: %v", err)
			}
			return
		}
		if err := Check(s, c); err == nil {
			Validate(s, c, "it")
			if m, err := Plan(d, c, s); err == nil {
				dd := openComplete(t, c)
				if _, err := Apply(dd, c, m, func(Change) bool { return true }, "f", mergedAt); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := Encode(s); err != nil {
			t.Fatal(err)
		}
	})
}
