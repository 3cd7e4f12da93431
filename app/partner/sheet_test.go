package partner

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"bando/schema"
)

// TestExportHoldsOneMember: a sheet holds the member's item (the capofila's entries, with its
// id), the declarations, and nothing of any other member.
func TestExportHoldsOneMember(t *testing.T) {
	c := fami(t)
	d := openComplete(t, c)
	s, err := Export(d, c, 1, exportedAt)
	if err != nil {
		t.Fatal(err)
	}
	if s.Member != "i2" || s.Name != "Mediazione Insieme ODV" || s.Proposal != ProposalID(d) || s.CallHash != CallHash(c) {
		t.Fatalf("envelope %+v", s)
	}
	b, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	for i, it := range d.Answers.Items("ats.membri") {
		if i == 1 {
			continue
		}
		for _, k := range []string{"denominazione", "cf", "rl_cf", "pec"} {
			if v, _ := it.(map[string]any)[k].(string); v != "" && strings.Contains(string(b), v) {
				t.Errorf("the sheet of member 2 holds %s of member %d: %q", k, i+1, v)
			}
		}
	}
	for _, sec := range []string{"azioni", "budget", "coprogettazione"} {
		if _, ok := s.Answers[sec]; ok {
			t.Errorf("the sheet holds section %s", sec)
		}
	}
	if Item(partOf(t, c), s.Answers)["cf"] != "92056781005" {
		t.Fatalf("member's answers not in the sheet: %v", Item(partOf(t, c), s.Answers))
	}
	if got := roundTrip(t, s); Check(got, c) != nil || !sameJSON(t, got.Answers, s.Answers) || !sameJSON(t, got.Base, s.Base) {
		t.Fatalf("round trip changed the sheet")
	}
	t.Logf("figure sheet_bytes_one_member %d", len(b))
}

func sameJSON(t *testing.T, a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func TestExportRefuses(t *testing.T) {
	c := fami(t)
	d := openComplete(t, c)
	for _, i := range []int{-1, 5, 40} {
		if _, err := Export(d, c, i, exportedAt); errKey(err) != "partner.no_member" {
			t.Errorf("member %d: %v", i, err)
		}
	}
	w, err := schema.Shipped("toscana-welfare-comunita-2019")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Export(d, w, 0, exportedAt); errKey(err) != "partner.none" {
		t.Errorf("a call without partner part: %v", err)
	}
}

// TestDecodeRefuses: every file that is not a usable sheet gets its own message, Italian and
// English, and none panics.
func TestDecodeRefuses(t *testing.T) {
	c := fami(t)
	d := openComplete(t, c)
	s, err := Export(d, c, 1, exportedAt)
	if err != nil {
		t.Fatal(err)
	}
	good, _ := Encode(s)
	draftFile, _ := json.Marshal(map[string]any{"format": "bando-draft", "formatVersion": 1, "call": "x"})
	cases := []struct {
		name string
		data string
		key  string
	}{
		{"empty", "  \n", "partner.empty"},
		{"not json", "{\"format\": ", "partner.syntax"},
		{"a draft", string(draftFile), "partner.is_draft"},
		{"other format", `{"format": "x"}`, "partner.format"},
		{"newer", strings.Replace(string(good), `"formatVersion": 1`, `"formatVersion": 9`, 1), "partner.newer"},
		{"no version", strings.Replace(string(good), `"formatVersion": 1`, `"formatVersion": 0`, 1), "partner.format"},
		{"no member", strings.Replace(string(good), `"member": "i2"`, `"member": ""`, 1), "partner.incomplete"},
		{"answers not an object", strings.Replace(string(good), `"answers": {`, `"answers": [{`, 1), "partner.syntax"},
		{"too deep", `{"a":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "}", "partner.too_big_depth"},
		{"too many values", "[" + strings.Repeat("{},", 20000) + "{}]", "partner.too_big_items"},
		{"too large", `{"x": "` + strings.Repeat("a", MaxSize) + `"}`, "partner.too_large"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.data))
			if errKey(err) != tc.key {
				t.Fatalf("got %v (%s), want %s", err, errKey(err), tc.key)
			}
			e := err.(*Error)
			if e.Msg.IT == "" || e.Msg.EN == "" || e.Msg.IT == e.Msg.EN {
				t.Fatalf("message not in both languages: %+v", e.Msg)
			}
		})
	}
}

// TestCheckRefuses: a sheet of another call, of a newer version, or of the same version with
// other rules is refused; one that names a member it does not hold too.
func TestCheckRefuses(t *testing.T) {
	c := fami(t)
	d := openComplete(t, c)
	cases := []struct {
		name string
		edit func(s *Sheet)
		key  string
	}{
		{"other call", func(s *Sheet) { s.Call = "toscana-welfare-comunita-2019" }, "partner.other_call"},
		{"newer call version", func(s *Sheet) { s.CallVersion = c.Version + 1 }, "partner.call_newer"},
		{"same version, other rules", func(s *Sheet) { s.CallHash = "sha256:00" }, "partner.call_changed"},
		{"other member inside", func(s *Sheet) { s.Member = "i3" }, "partner.shape"},
		{"two members inside", func(s *Sheet) {
			m := s.Answers["ats"].(map[string]any)
			m["membri"] = append(m["membri"].([]any), map[string]any{"_id": "i3"})
		}, "partner.shape"},
		{"no member inside", func(s *Sheet) { delete(s.Base, "ats") }, "partner.shape"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Export(d, c, 1, exportedAt)
			if err != nil {
				t.Fatal(err)
			}
			tc.edit(s)
			if err := Check(s, c); errKey(err) != tc.key {
				t.Fatalf("got %v, want %s", err, tc.key)
			}
		})
	}
}

// TestValidateReducedForm: the reduced form is judged by the call's rules, per-item checks
// included, and only for what the member fills.
func TestValidateReducedForm(t *testing.T) {
	c := fami(t)
	d := openComplete(t, c)
	cases := []struct {
		name string
		edit func(item map[string]any, a schema.Answers)
		want []string // "path key"
	}{
		{"as exported, declarations still to accept", func(map[string]any, schema.Answers) {}, []string{
			"dichiarazioni.dpr445 declaration.required", "dichiarazioni.accettazione_avviso declaration.required",
			"dichiarazioni.requisiti_generali declaration.required", "dichiarazioni.regolarita declaration.required",
			"dichiarazioni.conflitto_interessi declaration.required", "dichiarazioni.privacy declaration.required"}},
		{"all accepted", acceptAll(c), nil},
		{"wrong codice fiscale", func(it map[string]any, a schema.Answers) {
			acceptAll(c)(it, a)
			it["cf"] = "12345678901"
		}, []string{"ats.membri[0].cf cf_ente.checksum"}},
		{"birth date unlike the codice fiscale (a per-item check)", func(it map[string]any, a schema.Answers) {
			acceptAll(c)(it, a)
			it["rl_nascita_data"] = "1985-11-04"
		}, []string{"ats.membri[0].rl_nascita_data check.rl_nascita_cf"}},
		{"a field the member does not fill is not its problem", func(it map[string]any, a schema.Answers) {
			acceptAll(c)(it, a)
			delete(it, "capofila")
		}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Export(d, c, 1, exportedAt)
			if err != nil {
				t.Fatal(err)
			}
			tc.edit(Item(partOf(t, c), s.Answers), s.Answers)
			var got []string
			for _, is := range Validate(s, c, schema.IT) {
				got = append(got, is.Path+" "+is.Key)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func acceptAll(c *schema.Call) func(map[string]any, schema.Answers) {
	return func(_ map[string]any, a schema.Answers) {
		p, _ := c.PartnerPart()
		for _, f := range p.DeclarationFields() {
			sec, id, _ := strings.Cut(f.Path(), ".")
			a[sec].(map[string]any)[id] = true
		}
	}
}

func TestFileName(t *testing.T) {
	// exported at 23:30 UTC on 2 March: already the 3rd in Italy
	s := &Sheet{Call: "toscana-fami-2024", Name: "Società L'Orto ODV", CreatedAt: time.Date(2024, 3, 2, 23, 30, 0, 0, time.UTC)}
	if got := FileName(s); got != "toscana-fami-2024_societa-lorto-odv_2024-03-03"+Ext {
		t.Fatalf("got %s", got)
	}
}
