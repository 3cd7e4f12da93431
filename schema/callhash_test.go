package schema

import (
	"os"
	"strings"
	"testing"
	"time"
)

// The golden hash of the FAMI call as shipped in its version 1, a frozen file. It was
// computed independently of this code, with Python's json.dumps(sort_keys=True,
// separators=(",", ":"), ensure_ascii=False) over the UTF-8 bytes: the canonical form is
// plain enough for any language to reproduce (docs/call-identity.md).
const famiV1Hash = "761b2a24b1f3761d10bf54c03bc43ba8d074a01bd97bbb8efd10e7eaa0e8bcdc"

func TestCallHashGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/toscana-fami-2024.v1.json")
	if err != nil {
		t.Fatal(err)
	}
	h, err := CallHash(data)
	if err != nil {
		t.Fatal(err)
	}
	if h != famiV1Hash {
		t.Fatalf("hash %s, want %s", h, famiV1Hash)
	}
	c, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	if c.Hash() != famiV1Hash || c.Hash() != famiV1Hash {
		t.Fatalf("Call.Hash %s, want %s", c.Hash(), famiV1Hash)
	}
	if got := ShortHash(c.Hash()); got != "761b2a24b1f3" {
		t.Fatalf("short form %q", got)
	}
}

func TestShippedCallsHaveHashes(t *testing.T) {
	for _, id := range ShippedIDs() {
		c, err := Shipped(id)
		if err != nil {
			t.Fatal(err)
		}
		src, _ := ShippedSource(id)
		want, err := CallHash(src)
		if err != nil || c.Hash() != want || len(want) != 64 {
			t.Errorf("%s: hash %q, want %q (%v)", id, c.Hash(), want, err)
		}
	}
}

// The same call written otherwise has the same hash: indentation, key order, escapes that
// mean the same character, numbers written otherwise, a key written twice (the last counts).
func TestCallHashInvariance(t *testing.T) {
	base := `{"id":"x","version":2,"title":{"it":"Città","en":"Town"},"n":[1,2.5,-3],"ok":true,"z":null}`
	same := map[string]string{
		"indented":        "{\n  \"id\": \"x\",\n  \"version\": 2,\n  \"title\": {\"it\": \"Città\", \"en\": \"Town\"},\n  \"n\": [1, 2.5, -3],\n  \"ok\": true,\n  \"z\": null\n}\n",
		"keys reordered":  `{"z":null,"ok":true,"n":[1,2.5,-3],"title":{"en":"Town","it":"Città"},"version":2,"id":"x"}`,
		"unicode escape":  `{"id":"x","version":2,"title":{"it":"Citt\u00e0","en":"Town"},"n":[1,2.5,-3],"ok":true,"z":null}`,
		"slash escaped":   `{"id":"\u0078","version":2,"title":{"it":"Città","en":"T\u006fwn"},"n":[1,2.5,-3],"ok":true,"z":null}`,
		"numbers":         `{"id":"x","version":2.0,"title":{"it":"Città","en":"Town"},"n":[1e0,25e-1,-3.000],"ok":true,"z":null}`,
		"key twice":       `{"id":"y","id":"x","version":2,"title":{"it":"Città","en":"Town"},"n":[1,2.5,-3],"ok":true,"z":null}`,
		"tabs and CRLF":   "{\r\n\t\"id\":\"x\",\"version\":2,\"title\":{\"it\":\"Città\",\"en\":\"Town\"},\"n\":[1,2.5,-3],\"ok\":true,\"z\":null}",
		"trailing spaces": base + "   \n",
	}
	want, err := CallHash([]byte(base))
	if err != nil {
		t.Fatal(err)
	}
	canon, _ := CanonicalCallJSON([]byte(base))
	if string(canon) != `{"id":"x","n":[1,2.5,-3],"ok":true,"title":{"en":"Town","it":"Città"},"version":2,"z":null}` {
		t.Fatalf("canonical form %s", canon)
	}
	for name, text := range same {
		t.Run(name, func(t *testing.T) {
			got, err := CallHash([]byte(text))
			if err != nil || got != want {
				t.Fatalf("hash %s (%v), want %s", got, err, want)
			}
		})
	}
}

// Any change of what the call says changes the hash: each mutation of the shipped FAMI call.
func TestCallHashChangesWithTheCall(t *testing.T) {
	src, err := ShippedSource(DefaultCallID)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Shipped(DefaultCallID)
	if err != nil {
		t.Fatal(err)
	}
	base := c.Hash()
	mutations := []struct{ name, from, to string }{
		{"version", `"version": 2`, `"version": 3`},
		{"deadline", `"deadline": "`, `"deadline": "1`},
		{"a label's letter case", `"Codice fiscale`, `"codice fiscale`},
		{"a rule", `"required,`, `"omitempty,`},
		{"a space inside a text", `"it": "`, `"it": " `},
		{"a key added", `"id": "toscana-fami-2024",`, `"id": "toscana-fami-2024", "summary2": 1,`},
	}
	for _, m := range mutations {
		t.Run(m.name, func(t *testing.T) {
			changed := strings.Replace(string(src), m.from, m.to, 1)
			if changed == string(src) {
				t.Fatalf("mutation %q did not apply", m.from)
			}
			h, err := CallHash([]byte(changed))
			if err != nil {
				t.Fatal(err)
			}
			if h == base {
				t.Fatalf("hash unchanged by %s", m.name)
			}
		})
	}
}

// Hostile call files: every one is refused, or hashed, quickly and with a message.
func TestCallHashBadInput(t *testing.T) {
	cases := map[string]string{
		"empty":        "",
		"bad JSON":     `{"id": "x",`,
		"two values":   `{} {}`,
		"deep nesting": strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
		"too large":    `{"x":"` + strings.Repeat("a", MaxCallSize) + `"}`,
		"not a number": `{"x": 1e999}`,
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, err := CallHash([]byte(text))
			if err == nil {
				t.Fatal("accepted")
			}
			if err.Error() == "" {
				t.Fatal("no message")
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Fatalf("took %v", d)
			}
		})
	}
}

// BenchmarkCallHash: hashing the shipped FAMI call, once per draft opened or started.
func BenchmarkCallHash(b *testing.B) {
	src, err := ShippedSource(DefaultCallID)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := CallHash(src); err != nil {
			b.Fatal(err)
		}
	}
}
