package profile

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"bando/app/draft"
	"bando/schema"
)

var now = time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)

func ids() func() string {
	n := 0
	return func() string { n++; return fmt.Sprintf("p%d", n) }
}

func load(t testing.TB, id string) *schema.Call {
	t.Helper()
	c, err := schema.Shipped(id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func example(t testing.TB) *draft.Draft {
	t.Helper()
	data, err := os.ReadFile("../../schema/calls/examples/toscana-fami-2024.complete.bando.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := draft.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestExtractThenFillAnotherCall: the organisation saved from a FAMI member fills a partner of
// the welfare call, whose fields have other ids and another order, fact by fact.
func TestExtractThenFillAnotherCall(t *testing.T) {
	fami, welfare := load(t, "toscana-fami-2024"), load(t, "toscana-welfare-comunita-2019")
	d := example(t)
	p := Extract(fami.Field("ats.membri").Fields, d.Answers, "ats.membri[0]")
	for _, k := range []string{"ente.denominazione", "ente.cf", "ente.pec", "rl.nome", "rl.cf", "rl.nascita_data", "rl.carica", "ente.forma_giuridica"} {
		if p.Values[k] == "" {
			t.Errorf("the FAMI member gave no %s: %v", k, p.Values)
		}
	}
	if p.Name != p.Values["ente.denominazione"] {
		t.Errorf("name %q, want the organisation's %q", p.Name, p.Values["ente.denominazione"])
	}

	a := schema.Answers{}
	fields := welfare.Field("partenariato.partner").Fields
	changes := Fill(fields, a, "partenariato.partner[0]", p, false)
	if Count(changes, Filled) < 12 || Count(changes, Kept)+Count(changes, Skipped) != 0 {
		t.Fatalf("filling an empty partner: %+v", changes)
	}
	for _, pair := range [][2]string{{"cf", "ente.cf"}, {"rl_nascita_data", "rl.nascita_data"}, {"rl_carica", "rl.carica"}, {"pec", "ente.pec"}} {
		if got := a.Get("partenariato.partner[0]." + pair[0]); got != p.Values[pair[1]] {
			t.Errorf("%s = %v, want %q", pair[0], got, p.Values[pair[1]])
		}
	}
	// The filled facts pass the welfare call's own rules, field by field.
	for _, c := range changes {
		if is := welfare.ValidateField(a, c.Path, schema.IT); is != nil {
			t.Errorf("%s filled with %q fails the call's rules: %s", c.Path, c.Value, is.Message)
		}
	}
}

func TestFillOutcomes(t *testing.T) {
	fami := load(t, "toscana-fami-2024")
	fields := fami.Field("ats.membri").Fields
	p := Profile{Name: "Alfa APS", Values: map[string]string{
		"ente.denominazione": "Alfa APS", "ente.cf": "80012345678", "ente.forma_giuridica": "fondazione_bancaria",
		"rl.carica": "Presidente", "ente.pec": "alfa@pec.it",
	}}
	tests := []struct {
		name    string
		had     map[string]string
		replace bool
		want    map[string]Outcome // by field id
		after   map[string]string
	}{
		{"empty member", nil, false,
			map[string]Outcome{"denominazione": Filled, "cf": Filled, "forma_giuridica": Skipped, "rl_carica": Filled, "pec": Filled},
			map[string]string{"cf": "80012345678", "forma_giuridica": ""}},
		{"answers kept", map[string]string{"cf": "97123450018", "pec": "alfa@pec.it"}, false,
			map[string]Outcome{"denominazione": Filled, "cf": Kept, "pec": Same},
			map[string]string{"cf": "97123450018"}},
		{"answers replaced when asked", map[string]string{"cf": "97123450018"}, true,
			map[string]Outcome{"cf": Filled},
			map[string]string{"cf": "80012345678"}},
		{"a choice the call offers", map[string]string{}, false,
			map[string]Outcome{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := schema.Answers{}
			for id, v := range tt.had {
				_ = a.Set("ats.membri[0]."+id, v)
			}
			got := map[string]Outcome{}
			for _, c := range Fill(fields, a, "ats.membri[0]", p, tt.replace) {
				got[c.Field.ID] = c.Outcome
			}
			for id, o := range tt.want {
				if got[id] != o {
					t.Errorf("%s: outcome %d, want %d", id, got[id], o)
				}
			}
			for id, v := range tt.after {
				if s, _ := a.Get("ats.membri[0]." + id).(string); s != v {
					t.Errorf("%s = %q, want %q", id, s, v)
				}
			}
		})
	}
	// A choice the call offers is written.
	p.Values["ente.forma_giuridica"] = "aps"
	a := schema.Answers{}
	Fill(fields, a, "ats.membri[0]", p, false)
	if a.Get("ats.membri[0].forma_giuridica") != "aps" {
		t.Errorf("forma_giuridica = %v, want aps", a.Get("ats.membri[0].forma_giuridica"))
	}
}

func TestSaveUpdatesTheSameOrganisation(t *testing.T) {
	newID := ids()
	var ps []Profile
	ps, first := Save(ps, Profile{Name: "Alfa APS", Values: map[string]string{"ente.cf": "80012345678", "ente.rea": "FI-1"}}, now, newID)
	ps, _ = Save(ps, Profile{Name: "Beta ODV", Values: map[string]string{"ente.cf": "97123450018"}}, now, newID)
	// a call that asks fewer facts: the REA number stays, the PEC is added, the name follows
	ps, upd := Save(ps, Profile{Name: "Alfa APS ETS", Values: map[string]string{"ente.cf": " 80012345678 ", "ente.pec": "alfa@pec.it"}}, now.Add(time.Hour), newID)
	if len(ps) != 2 || upd.ID != first.ID || ps[0].ID != first.ID {
		t.Fatalf("the same codice fiscale made another profile: %+v", ps)
	}
	if upd.Values["ente.rea"] != "FI-1" || upd.Values["ente.pec"] != "alfa@pec.it" || upd.Name != "Alfa APS ETS" {
		t.Errorf("updated profile %+v", upd)
	}
	ps = Remove(ps, first.ID)
	if len(ps) != 1 || ps[0].Name != "Beta ODV" {
		t.Errorf("after remove: %+v", ps)
	}
}

func TestFileRoundTripAndImport(t *testing.T) {
	newID := ids()
	var ps []Profile
	ps, _ = Save(ps, Profile{Name: "Alfa APS", Values: map[string]string{"ente.cf": "80012345678"}}, now, newID)
	ps, _ = Save(ps, Profile{Name: "Beta ODV", Values: map[string]string{"ente.cf": "97123450018", "rl.nascita_data": "1970-01-02"}}, now, newID)
	back, err := Decode(Encode(ps))
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != 2 || back[0].Values["rl.nascita_data"] != "1970-01-02" { // newest first
		t.Fatalf("round trip: %+v", back)
	}
	// importing on another machine that knows Alfa already: Alfa updated, Beta added
	other, _ := Save(nil, Profile{Name: "Alfa", Values: map[string]string{"ente.cf": "80012345678", "ente.rea": "FI-1"}}, now, ids())
	merged, added, updated, err := Import(other, back, now, newID)
	if err != nil || added != 1 || updated != 1 || len(merged) != 2 {
		t.Fatalf("import: added %d updated %d err %v: %+v", added, updated, err, merged)
	}
	// twice: nothing added
	if again, added, _, _ := Import(merged, back, now, newID); added != 0 || len(again) != 2 {
		t.Errorf("importing the same file twice added %d", added)
	}
}

func TestDecodeRefuses(t *testing.T) {
	valid := func(profiles string) string {
		return `{"format":"bando-enti","formatVersion":1,"profiles":[` + profiles + `]}`
	}
	many := make([]string, MaxProfiles+1)
	for i := range many {
		many[i] = fmt.Sprintf(`{"id":"p%d","name":"x","values":{}}`, i)
	}
	values := make([]string, MaxValues+1)
	for i := range values {
		values[i] = fmt.Sprintf(`"ente.k%c%c":"v"`, 'a'+i/26, 'a'+i%26)
	}
	tests := []struct{ name, data, key string }{
		{"not JSON", `{`, "profile.json"},
		{"a draft", `{"format":"bando-draft","formatVersion":1}`, "profile.format"},
		{"newer format", `{"format":"bando-enti","formatVersion":2,"profiles":[]}`, "profile.version"},
		{"too many profiles", valid(strings.Join(many, ",")), "profile.count"},
		{"bad id", valid(`{"id":"../x","name":"x","values":{}}`), "profile.id"},
		{"same id twice", valid(`{"id":"p1","name":"x"},{"id":"p1","name":"y"}`), "profile.id"},
		{"too many values", valid(`{"id":"p1","name":"x","values":{` + strings.Join(values, ",") + `}}`), "profile.values"},
		{"bad key", valid(`{"id":"p1","name":"x","values":{"<script>":"v"}}`), "profile.key"},
		{"long value", valid(`{"id":"p1","name":"x","values":{"ente.esperienza":"` + strings.Repeat("a", MaxValueChars+1) + `"}}`), "profile.value_size"},
		{"too large", valid(`{"id":"p1","name":"` + strings.Repeat(" ", MaxFileBytes) + `"}`), "profile.size"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.data))
			var e *schema.Error
			if !errors.As(err, &e) || e.Key != tt.key {
				t.Fatalf("got %v, want %s", err, tt.key)
			}
			if e.Msg.IT == "" || e.Msg.EN == "" || e.Msg.IT == e.Msg.EN {
				t.Errorf("messages %q / %q", e.Msg.IT, e.Msg.EN)
			}
		})
	}
	// unknown facts of a newer app are kept
	ps, err := Decode([]byte(valid(`{"id":"p1","name":"x","values":{"ente.futuro":"v"}}`)))
	if err != nil || ps[0].Values["ente.futuro"] != "v" {
		t.Errorf("a newer app's fact: %v %+v", err, ps)
	}
}

func TestImportRefusesPastTheBound(t *testing.T) {
	newID := ids()
	var ps, incoming []Profile
	for i := range MaxProfiles {
		ps, _ = Save(ps, Profile{Name: fmt.Sprint("a", i)}, now, newID)
		incoming = append(incoming, Profile{Name: fmt.Sprint("b", i)})
	}
	out, _, _, err := Import(ps, incoming[:1], now, newID)
	if err == nil || len(out) != MaxProfiles {
		t.Fatalf("past the bound: %v, %d profiles", err, len(out))
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"format":"bando-enti","formatVersion":1,"profiles":[{"id":"p1","name":"Alfa","values":{"ente.cf":"80012345678"}}]}`))
	f.Add([]byte(`{"format":"bando-enti","formatVersion":1,"profiles":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := Decode(data)
		if err != nil {
			return
		}
		// what decodes encodes and decodes again to the same
		back, err := Decode(Encode(ps))
		if err != nil || len(back) != len(ps) {
			t.Fatalf("re-decoding: %v", err)
		}
	})
}
