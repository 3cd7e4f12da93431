package schema

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// lawCase is one applicant's situation, drawn from the law behind a shipped call, and the
// verdict that law gives: every issue Validate must report, at the place the law names — no
// more, no fewer. Each starts from the call's complete example (a valid proposal) and changes a
// few answers.
type lawCase struct {
	name string
	call string // "fami" or "welfare": which complete example the case starts from
	rule string // the rule of law (or of the call, or of Italian practice) behind the verdict
	set  []kv   // answers changed, in order; a nil value removes the answer
	do   func(Answers) error
	want []lawIssue // every issue expected, in any order
}

type kv struct {
	path string
	v    any
}

// lawIssue is what a case expects of one issue; sev is "" for an error.
type lawIssue struct {
	path, key string
	sev       Severity
}

func (w lawIssue) String() string {
	s := w.path + " " + w.key
	if w.sev != "" {
		s += " (" + string(w.sev) + ")"
	}
	return s
}

func warn(path, key string) lawIssue { return lawIssue{path, key, SeverityWarning} }
func fail(path, key string) lawIssue { return lawIssue{path, key, ""} }

const (
	famiExample    = "calls/examples/toscana-fami-2024.complete.bando.json"
	welfareExample = "calls/examples/toscana-welfare-comunita-2019.complete.bando.json"
)

// The FAMI example: an ATS costituenda of five members —
//
//	[0] i1 Ponti di Parole APS, capofila, RUNTS section B
//	[1] i2 Mediazione Insieme ODV, RUNTS section A
//	[2] i3 Il Crocevia, cooperativa sociale (Registro delle imprese)
//	[3] i4 Associazione Donne dal Mondo, not a third-sector body
//	[4] i5 Fondazione Orizzonti Comuni, RUNTS section G
//
// with action lines 1, 2, 4, 5, 6 (items 0-4) and their budget items, the stamp duty paid, signed
// on 1 March 2024 (deadline 4 March 2024).
//
// The welfare example: an associated project led by a Comune (public, capofila), with a social
// cooperative, an ODV and an APS, exempt from stamp duty as a public body.
var lawCases = []lawCase{
	// Who may take part (FAMI: a private partner of the Region; CTS art. 4 and 55).
	{name: "public body among the members", call: "fami",
		rule: "Avviso art. 2; D.lgs. 117/2017 art. 55 c. 3 and art. 4 c. 2: public administrations are not ETS and sit on the Region's side",
		set:  []kv{{"ats.membri[3].forma_giuridica", "ente_pubblico"}, {"ats.membri[3].denominazione", "Comune di Livorno"}},
		want: []lawIssue{fail("ats.membri[3].forma_giuridica", "check.membro_privato")}},
	{name: "a Comune as capofila", call: "fami",
		rule: "Avviso art. 2 (capofila: ETS in RUNTS); D.lgs. 117/2017 art. 4 c. 2",
		set: []kv{{"ats.membri[3].forma_giuridica", "ente_pubblico"}, {"ats.membri[3].capofila", true},
			{"ats.membri[0].capofila", false}},
		want: []lawIssue{fail("ats.membri[3].forma_giuridica", "check.membro_privato"), fail("ats.membri[3].ets", "check.capofila_ets")}},
	{name: "a private company as capofila is reported at the capofila", call: "fami",
		rule: "Avviso art. 2: the capofila is a third-sector body registered in RUNTS",
		set:  []kv{{"ats.membri[3].forma_giuridica", "altro_privato"}, {"ats.membri[3].capofila", true}, {"ats.membri[0].capofila", false}},
		want: []lawIssue{fail("ats.membri[3].ets", "check.capofila_ets")}},
	{name: "two capofila, both named", call: "fami",
		rule: "Avviso art. 2: one capofila represents the ATS",
		set:  []kv{{"ats.membri[1].capofila", true}},
		want: []lawIssue{fail("ats.membri[0].capofila", "check.capofila_unico"), fail("ats.membri[1].capofila", "check.capofila_unico")}},
	{name: "no capofila", call: "fami",
		rule: "Avviso art. 2",
		set:  []kv{{"ats.membri[0].capofila", false}},
		want: []lawIssue{fail("ats.membri", "check.one_capofila")}},
	{name: "a member that is not a third-sector body may take part", call: "fami",
		rule: "Avviso art. 2: only the capofila must be an ETS (the example's member [3])",
		set:  []kv{{"ats.membri[4].ets", false}},
	},

	// RUNTS: one section per entity, by legal form (CTS art. 46; imprese sociali art. 11 c. 3).
	{name: "ODV registered in section B", call: "fami",
		rule: "D.lgs. 117/2017 art. 46 c. 1 lett. a-b and c. 2: ODV are section A, APS section B, one section only",
		set:  []kv{{"ats.membri[1].runts_sezione", "b"}},
		want: []lawIssue{fail("ats.membri[1].runts_sezione", "check.sezione_odv"), fail("ats.membri[1].forma_giuridica", "check.sezione_b_solo_aps")}},
	{name: "APS registered in section A", call: "fami",
		rule: "D.lgs. 117/2017 art. 46 c. 1 lett. a-b and c. 2",
		set:  []kv{{"ats.membri[0].runts_sezione", "a"}},
		want: []lawIssue{fail("ats.membri[0].runts_sezione", "check.sezione_aps"), fail("ats.membri[0].forma_giuridica", "check.sezione_a_solo_odv")}},
	{name: "foundation registered among the associative networks", call: "fami",
		rule: "D.lgs. 117/2017 art. 41 (reti associative are associations) and art. 37 (enti filantropici: associations or foundations)",
		set:  []kv{{"ats.membri[4].runts_sezione", "e"}},
		want: []lawIssue{fail("ats.membri[4].runts_sezione", "check.sezione_fondazione")}},
	{name: "foundation registered as a philanthropic body", call: "fami",
		rule: "D.lgs. 117/2017 art. 37 and art. 46 c. 1 lett. c",
		set:  []kv{{"ats.membri[4].runts_sezione", "c"}},
	},
	{name: "association registered as a mutual aid society", call: "fami",
		rule: "D.lgs. 117/2017 art. 46 c. 1 lett. f; L. 3818/1886: mutual aid societies are not associations",
		set:  []kv{{"ats.membri[3].ets", true}, {"ats.membri[3].runts_sezione", "f"}, {"ats.membri[3].runts_numero", "31415"}},
		want: []lawIssue{fail("ats.membri[3].runts_sezione", "check.sezione_associazione")}},
	{name: "association registered as an associative network", call: "fami",
		rule: "D.lgs. 117/2017 art. 41 and art. 46 c. 1 lett. e",
		set:  []kv{{"ats.membri[3].ets", true}, {"ats.membri[3].runts_sezione", "e"}, {"ats.membri[3].runts_numero", "31415"}},
	},
	{name: "a registered entity gives section and number", call: "fami",
		rule: "D.lgs. 117/2017 art. 45-46; DM 106/2020 (numero di repertorio)",
		set:  []kv{{"ats.membri[3].ets", true}},
		want: []lawIssue{fail("ats.membri[3].runts_sezione", "required.choice"), fail("ats.membri[3].runts_numero", "required")}},
	{name: "social enterprise registered in the Registro delle imprese, not in RUNTS", call: "fami",
		rule: "D.lgs. 117/2017 art. 11 c. 3: for imprese sociali the Registro imprese section counts as RUNTS",
		set:  []kv{{"ats.membri[2].forma_giuridica", "impresa_sociale"}, {"ats.membri[2].impresa_societaria", false}},
	},
	{name: "a social enterprise says whether it is a company", call: "fami",
		rule: "D.lgs. 117/2017 art. 82 c. 1 (the question the stamp-duty rule needs); D.lgs. 112/2017 art. 1",
		set:  []kv{{"ats.membri[2].forma_giuridica", "impresa_sociale"}},
		want: []lawIssue{fail("ats.membri[2].impresa_societaria", "required.choice")}},
	{name: "an ODV that says it is not yet registered is not asked for a section", call: "fami",
		rule: "hidden answers are neither checked nor counted (RUNTS fields shown to registered entities only)",
		set:  []kv{{"ats.membri[1].ets", false}},
	},

	// The members are distinct entities, represented by their own legal representatives.
	{name: "two members with the same codice fiscale", call: "fami",
		rule: "Avviso art. 2 (an ATS of distinct entities); DPR 605/1973 (one codice fiscale per entity): reported at the later member",
		set:  []kv{{"ats.membri[4].cf", "92056781005"}},
		want: []lawIssue{fail("ats.membri[4].cf", "unique")}},
	{name: "one person legal representative of two members", call: "fami",
		rule: "No rule forbids it, but it is rare and often a copy error: a warning (prassi; the call is silent)",
		set: []kv{{"ats.membri[4].rl_nome", "Giulia Bartolini"}, {"ats.membri[4].rl_cf", "BRTGLU78E54D612D"},
			{"ats.membri[4].rl_nascita_data", "1978-05-14"}, {"ats.membri[4].rl_nascita_luogo", "Firenze"}},
		want: []lawIssue{warn("ats.membri[4].rl_cf", "unique")}},
	{name: "legal representative's birth date contradicts the codice fiscale", call: "fami",
		rule: "DPR 605/1973 art. 1, DM 23 dicembre 1976: the codice fiscale encodes the birth date; DPR 445/2000 art. 76",
		set:  []kv{{"ats.membri[0].rl_nascita_data", "1978-05-15"}},
		want: []lawIssue{fail("ats.membri[0].rl_nascita_data", "check.rl_nascita_cf")}},
	{name: "a woman's birth day is read from the codice fiscale (day + 40)", call: "fami",
		rule: "DM 23 dicembre 1976: for women the day of birth is increased by 40",
		set:  []kv{{"ats.membri[3].rl_nascita_data", "1990-07-09"}},
	},
	{name: "a wrong codice fiscale is reported once, not also as a birth-date mismatch", call: "fami",
		rule: "DM 23 dicembre 1976 (check character); the birth date cannot be read from an invalid code",
		set:  []kv{{"ats.membri[1].rl_cf", "LMRYSF85S03Z330A"}},
		want: []lawIssue{fail("ats.membri[1].rl_cf", "cf.checksum")}},

	// Stamp duty (DPR 642/1972; CTS art. 82).
	{name: "stamp-duty exemption claimed for a social enterprise set up as a company", call: "fami",
		rule: "D.lgs. 117/2017 art. 82 c. 1 and 5: the exemption excludes imprese sociali costituite in forma di società",
		set: []kv{{"ats.membri[0].forma_giuridica", "impresa_sociale"}, {"ats.membri[0].impresa_societaria", true},
			{"ats.membri[0].rea", "FI-612345"}, {"dichiarazioni.bollo", "esente"}},
		want: []lawIssue{fail("dichiarazioni.bollo", "check.bollo_esenzione"), warn("dichiarazioni.bollo", "check.bollo_esenzione_membri")}},
	{name: "stamp-duty exemption for a social cooperative as capofila", call: "fami",
		rule: "D.lgs. 117/2017 art. 82 c. 1: social cooperatives are included; the non-ETS member of an ATS costituenda is a warning",
		set:  []kv{{"ats.membri[2].capofila", true}, {"ats.membri[0].capofila", false}, {"dichiarazioni.bollo", "esente"}},
		want: []lawIssue{warn("dichiarazioni.bollo", "check.bollo_esenzione_membri")}},
	{name: "stamp-duty exemption with only third-sector members", call: "fami",
		rule: "D.lgs. 117/2017 art. 82 c. 5",
		set:  []kv{{"ats.membri[3].ets", true}, {"ats.membri[3].runts_sezione", "g"}, {"ats.membri[3].runts_numero", "31415"}, {"dichiarazioni.bollo", "esente"}},
	},
	{name: "revenue stamp bought after the signature", call: "fami",
		rule: "DPR 642/1972 artt. 3 and 19: the stamp is dated no later than the deed",
		set:  []kv{{"dichiarazioni.bollo_data", "2024-03-02"}},
		want: []lawIssue{fail("dichiarazioni.bollo_data", "check.bollo_data")}},

	// Dates: the deadline is a date, compared as a date.
	{name: "signed after the deadline", call: "fami",
		rule: "Avviso (comunicato feb. 2024): by 4 March 2024",
		set:  []kv{{"dichiarazioni.data", "2024-03-05"}, {"dichiarazioni.bollo_data", "2024-03-05"}},
		want: []lawIssue{fail("dichiarazioni.data", "check.data_entro_scadenza")}},
	{name: "signed on the day of the deadline", call: "fami",
		rule: "Avviso: by 4 March 2024, end of day",
		set:  []kv{{"dichiarazioni.data", "2024-03-04"}},
	},
	{name: "ATS set up after the application it is said to make", call: "fami",
		rule: "Avviso art. 2: an ATS costituita exists when it applies",
		set: []kv{{"ats.stato", "costituita"}, {"ats.atto_data", "2024-03-02"},
			{"ats.atto_estremi", "Scrittura privata autenticata, notaio Rossi, rep. 1234"}},
		want: []lawIssue{fail("ats.atto_data", "check.atto_prima_della_domanda")}},

	// Actions and budget (Avviso art. 4).
	{name: "budget item on a line nobody proposed", call: "fami",
		rule: "Avviso art. 4: the budget covers the proposed actions only",
		set:  []kv{{"budget.voci[3].azione", "3"}},
		want: []lawIssue{fail("budget.voci[3].azione", "check.voce_su_linea_proposta"), fail("azioni.linee[0].importo", "check.voci_linea")}},
	{name: "the same action line proposed twice", call: "fami",
		rule: "Avviso art. 4: six distinct action lines",
		set:  []kv{{"azioni.linee[4].linea", "5"}},
		want: []lawIssue{fail("azioni.linee[4].linea", "unique"), fail("azioni.linee[4].importo", "check.voci_linea"),
			fail("budget.voci[17].azione", "check.voce_su_linea_proposta"), fail("budget.voci[18].azione", "check.voce_su_linea_proposta"),
			fail("budget.voci[19].azione", "check.voce_su_linea_proposta"), fail("budget.voci[20].azione", "check.voce_su_linea_proposta")}},
	{name: "total requested over the call's resources", call: "fami",
		rule: "Avviso art. 4: estimated resources €2,464,000",
		set:  []kv{{"azioni.linee[1].importo", float64(198000000)}},
		want: []lawIssue{fail("azioni.linee", "check.budget_within_call"), fail("azioni.linee[1].importo", "check.voci_linea")}},
	{name: "members involved must be members of the ATS", call: "fami",
		rule: "Avviso artt. 2 and 4: the lines are carried out by the ATS's members",
		set:  []kv{{"azioni.linee[0].membri_coinvolti", []any{"i1", "i9"}}},
		want: []lawIssue{fail("azioni.linee[0].membri_coinvolti", "choice.item")}},
	{name: "removing a member leaves the lines it was in to be fixed", call: "fami",
		rule: "Avviso artt. 2 and 4",
		do:   func(a Answers) error { return a.RemoveItem("ats.membri", 1) },
		want: []lawIssue{fail("azioni.linee[0].membri_coinvolti", "choice.item"), fail("azioni.linee[2].membri_coinvolti", "choice.item"),
			fail("azioni.linee[4].membri_coinvolti", "choice.item")}},
	{name: "renaming and reordering members keeps the lines' choices", call: "fami",
		rule: "members are picked by a stable item id",
		set:  []kv{{"ats.membri[1].denominazione", "Mediazione Insieme ODV ETS"}},
		do:   func(a Answers) error { return a.MoveItem("ats.membri", 4, 0) },
	},

	// The welfare call of 2019: a public capofila is allowed there.
	{name: "welfare: a Comune leads the partnership", call: "welfare",
		rule: "Comunicato Regione Toscana: 18 of the 40 funded projects had a public capofila",
	},
	{name: "welfare: another private body cannot lead", call: "welfare",
		rule: "Comunicato Regione Toscana (capofila public or third sector)",
		set: []kv{{"partenariato.partner[0].capofila", false}, {"partenariato.partner[3].capofila", true},
			{"partenariato.partner[3].natura", "altro_privato"}, {"dichiarazioni.bollo", "assolta"},
			{"dichiarazioni.bollo_id", "01234567890123"}, {"dichiarazioni.bollo_data", "2019-09-10"},
			{"partenariato.partner[3].rl_nascita_luogo", "Tirana"}, {"partenariato.partner[3].rl_nascita_data", "1979-10-04"}},
		want: []lawIssue{fail("partenariato.partner[3].natura", "check.capofila_ammesso")}},
	{name: "welfare: co-financing under 10%", call: "welfare",
		rule: "Avviso 2019 (info-cooperazione.it): co-financing at least 10% of the cost",
		do: func(a Answers) error {
			cost := a.Get("budget.contributo").(int64) + a.Get("budget.cofinanziamento").(int64)
			co := cost/10 - 100 // one euro short of 10%
			if err := a.Set("budget.cofinanziamento", co); err != nil {
				return err
			}
			return a.Set("budget.contributo", cost-co)
		},
		want: []lawIssue{fail("budget.cofinanziamento", "check.cofinanziamento_minimo")}},
	{name: "welfare: less than three years' experience, at the partner", call: "welfare",
		rule: "Indirizzi della Giunta, giugno 2019: three years in the field of immigration",
		set:  []kv{{"partenariato.partner[2].esperienza_anni", float64(2)}},
		want: []lawIssue{fail("partenariato.partner[2].esperienza_anni", "check.esperienza_minima")}},
	{name: "welfare: public-body exemption claimed by a third-sector capofila", call: "welfare",
		rule: "DPR 642/1972 allegato B art. 16",
		set: []kv{{"partenariato.partner[0].capofila", false}, {"partenariato.partner[2].capofila", true},
			{"partenariato.partner[2].rl_nascita_luogo", "Firenze"}, {"partenariato.partner[2].rl_nascita_data", "1982-03-15"}},
		want: []lawIssue{fail("dichiarazioni.bollo", "check.bollo_esente_pubblico")}},
	{name: "welfare: third-sector exemption claimed for a social enterprise", call: "welfare",
		rule: "D.lgs. 117/2017 art. 104 c. 1 (in 2019 art. 82 applied to ODV, APS, ONLUS); DPR 642/1972 all. B art. 27-bis",
		set: []kv{{"partenariato.partner[0].capofila", false}, {"partenariato.partner[1].capofila", true},
			{"partenariato.partner[1].registro", "imprese_sociali"}, {"dichiarazioni.bollo", "esente_terzo_settore"},
			{"partenariato.partner[1].rl_nascita_luogo", "Pistoia"}, {"partenariato.partner[1].rl_nascita_data", "1975-06-09"}},
		want: []lawIssue{fail("dichiarazioni.bollo", "check.bollo_esente_terzo_settore")}},
}

// TestLaw: for each situation the validation gives the verdict the law gives, at the place the
// law names. The birth dates the welfare cases type are the ones of the example's codici
// fiscali when the rule needs them; a case that fails prints every issue Validate gave.
func TestLaw(t *testing.T) {
	if len(lawCases) < 30 {
		t.Fatalf("%d situations: the table must keep at least 30", len(lawCases))
	}
	for _, tc := range lawCases {
		t.Run(tc.name, func(t *testing.T) {
			file := map[string]string{"fami": famiExample, "welfare": welfareExample}[tc.call]
			c, a := loadExample(t, file)
			for _, s := range tc.set {
				if err := a.Set(s.path, s.v); err != nil {
					t.Fatal(err)
				}
			}
			if tc.do != nil {
				if err := tc.do(a); err != nil {
					t.Fatal(err)
				}
			}
			var got []string
			for _, is := range c.Validate(a, IT) {
				got = append(got, lawIssue{is.Path, is.Key, is.Severity}.String())
			}
			var want []string
			for _, w := range tc.want {
				want = append(want, w.String())
			}
			sort.Strings(got)
			sort.Strings(want)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("rule: %s\ngot:\n\t%s\nwant:\n\t%s\nissues:\n%s", tc.rule, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"), describe(c.Validate(a, IT)))
			}
		})
	}
}

func describe(is Issues) string {
	var b strings.Builder
	for _, x := range is {
		fmt.Fprintf(&b, "\t%s [%s %s] %s\n", x.Path, x.Key, x.Severity, x.Message)
	}
	return b.String()
}
