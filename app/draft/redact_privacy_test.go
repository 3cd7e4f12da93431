package draft

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestBundleHidesEveryPersonalKeyAndChoice: a personal value survives nowhere in a redacted
// bundle — not in a choice that is no option (nor in the verdict that quotes it), not in the
// key of an answer the call does not know, not in the key of an answer a call update set
// aside, not in an item id written by hand (issue 12). Every verdict stays.
func TestBundleHidesEveryPersonalKeyAndChoice(t *testing.T) {
	c := fami(t)
	d := readDraftFile(t, complete)
	const secret = "Mario Rossi RSSMRA80A01H501U"
	d.Answers = mutated(t, d.Answers, map[string]any{
		"ats.stato":                           secret,                                // a choice that is no option
		"ats.membri[0].forma_giuridica":       secret,                                // again: the same placeholder
		"azioni.linee[0].territori":           []any{"FI", secret + " bis"},          // a multichoice
		"ats." + "nota_" + "RSSMRA80A01H501U": "x",                                   // a field the call does not know
		"Mario Rossi":                         map[string]any{secret: []any{secret}}, // a section the call does not know
		"ats.membri[1]._id":                   "Mario",                               // an item id written by hand
	})
	d.Aside = map[string]any{"v1:ats.Mario Rossi": secret, secret: map[string]any{"k " + secret: 1}}
	b, err := NewBundle(c, d, BundleOptions{Now: testNow, Salt: []byte("s")})
	if err != nil {
		t.Fatal(err)
	}
	data, err := EncodeBundle(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, word := range []string{"Mario", "Rossi", "RSSMRA80A01H501U", "bis"} {
		if strings.Contains(string(data), word) {
			t.Errorf("the bundle holds %q", word)
		}
	}
	if len(b.NotKept) > 0 {
		t.Errorf("verdicts not kept: %v", b.NotKept)
	}
	// The placeholders keep the shape and tell equal values: both choices got the same one,
	// which the verdicts quote.
	ph := b.Draft.Answers.Get("ats.stato")
	if ph != "Xxxxx Xxxxx XXXXXX00X00X000X" || b.Draft.Answers.Get("ats.membri[0].forma_giuridica") != ph {
		t.Errorf("placeholders: %v, %v", ph, b.Draft.Answers.Get("ats.membri[0].forma_giuridica"))
	}
	quoted := 0
	for _, v := range b.Verdicts {
		if v.Key == "choice.unknown" {
			quoted++
			if v.Params["value"] != ph && !strings.HasPrefix(v.Params["value"], "Xxxxx") {
				t.Errorf("verdict quotes %q", v.Params["value"])
			}
		}
	}
	if quoted < 3 {
		t.Errorf("%d choice.unknown verdicts, want 3: %v", quoted, b.Verdicts)
	}
	// The shape stays: the version of an answer set aside, the structure of unknown answers.
	var back map[string]any
	_ = json.Unmarshal(data, &back)
	aside := back["draft"].(map[string]any)["aside"].(map[string]any)
	if _, ok := aside["v1:xxx.Xxxxx Xxxxx"]; !ok || len(aside) != 2 {
		t.Errorf("aside: %v", aside)
	}
	// The bundle reads back as any other.
	if _, err := DecodeBundle(data); err != nil {
		t.Fatal(err)
	}
}

// TestBundleCoarsen: with Coarsen the facts kept by default change too — the sex and birth
// date inside codici fiscali, the birth year, provincia and CAP — and every verdict stays.
func TestBundleCoarsen(t *testing.T) {
	c := fami(t)
	for _, name := range []string{complete, errorsExample} {
		t.Run(name, func(t *testing.T) {
			d := readDraftFile(t, name)
			plain, err := NewBundle(c, d, BundleOptions{Now: testNow, Salt: []byte("s")})
			if err != nil {
				t.Fatal(err)
			}
			coarse, err := NewBundle(c, d, BundleOptions{Now: testNow, Salt: []byte("s"), Coarsen: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(coarse.NotKept) > 0 || !coarse.Coarsened || plain.Coarsened {
				t.Fatalf("notKept %v, coarsened %v/%v", coarse.NotKept, coarse.Coarsened, plain.Coarsened)
			}
			changed := map[string]int{}
			members := d.Answers.Items("ats.membri")
			for i := range members {
				at := func(b *Bundle, f string) string {
					s, _ := b.Draft.Answers.Get("ats.membri[" + itoa(i) + "]." + f).(string)
					return s
				}
				orig := func(f string) string { s, _ := d.Answers.Get("ats.membri[" + itoa(i) + "]." + f).(string); return s }
				if at(coarse, "sede_provincia") != orig("sede_provincia") {
					changed["provincia"]++
				}
				if at(coarse, "sede_cap") != orig("sede_cap") {
					changed["cap"]++
				}
				if y := at(coarse, "rl_nascita_data"); len(y) >= 4 && y[:4] != orig("rl_nascita_data")[:4] {
					changed["birth year"]++
				}
				if p := at(plain, "rl_nascita_data"); len(p) >= 4 && p[:4] != orig("rl_nascita_data")[:4] {
					t.Errorf("without coarsening the birth year changed: %s → %s", orig("rl_nascita_data"), p)
				}
				if at(plain, "sede_provincia") != orig("sede_provincia") {
					t.Errorf("without coarsening the provincia changed")
				}
				if cf := at(coarse, "rl_cf"); len(cf) == 16 && cfSex(cf) != cfSex(orig("rl_cf")) {
					changed["sex"]++
				}
			}
			for _, fact := range []string{"provincia", "cap", "birth year", "sex"} {
				if changed[fact] == 0 {
					t.Errorf("coarsening changed no %s in %d members", fact, len(members))
				}
			}
		})
	}
}

// cfSex is "F" when the day of birth of a codice fiscale says so (day over 40).
func cfSex(cf string) string {
	if len(cf) != 16 {
		return "?"
	}
	if cfDay([]byte(strings.ToUpper(cf))) > 40 {
		return "F"
	}
	return "M"
}
