package schema

import "testing"

func TestConditionFields(t *testing.T) {
	c, err := Shipped(DefaultCallID)
	if err != nil {
		t.Fatal(err)
	}
	got := c.ConditionFields()
	cases := []struct {
		path string
		read bool
	}{
		{"ats.stato", true},                  // `when` of atto_data, signers
		{"ats.membri.forma_giuridica", true}, // `when` of the RUNTS fields and rea
		{"ats.membri.capofila", true},        // checks and signers
		{"azioni.linee.importo", true},       // budget checks
		{"budget.voci.azione", true},         // budget checks, inside a filter
		{"dichiarazioni.bollo", true},        // `when` of bollo_id
		{"ats.membri", false},                // a group: its count is not a value
		{"ats.membri.cf", true},              // unique: one member's CF decides another's verdict
		{"ats.membri.rl_nascita_luogo", false},
		{"ats.membri.rl_nome", false}, // signers name it as the signer, but no expression reads it
		{"azioni.titolo", false},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			f := c.Field(tc.path)
			if f == nil {
				t.Fatalf("no field %s", tc.path)
			}
			if got[f] != tc.read {
				t.Fatalf("ConditionFields()[%s] = %v, want %v", tc.path, got[f], tc.read)
			}
		})
	}
}

func TestCheckAnswer(t *testing.T) {
	c, err := Shipped(DefaultCallID)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, path string
		value      any
		key        string // "" when fine
	}{
		{"valid CF", "ats.membri.rl_cf", "RSSMCL99M07F205Y", ""},
		{"wrong check character", "ats.membri.rl_cf", "RSSMCL99M07F205Z", "cf.checksum"},
		{"blank required", "ats.membri.rl_cf", "  ", "required"},
		{"over maxChars", "ats.membri.ruolo", string(make([]byte, 1001)), "maxchars"},
		{"wrong type", "ats.membri.denominazione", int64(3), "type"},
		{"hidden field checked anyway", "ats.membri.rea", string(make([]byte, 41)), "max.string"},
		{"group", "ats.membri", nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := c.Field(tc.path).CheckAnswer(tc.value, EN)
			switch {
			case tc.key == "" && is != nil:
				t.Fatalf("want no issue, got %+v", is)
			case tc.key != "" && (is == nil || is.Key != tc.key || is.Message == ""):
				t.Fatalf("want %s, got %+v", tc.key, is)
			}
		})
	}
}
