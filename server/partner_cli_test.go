package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bando/app/draft"
	"bando/app/partner"
	"bando/schema"
)

// TestPartnerCLI: an ATS of a capofila and two members as the command line sees it. The
// capofila exports two sheets; the members fill them; the capofila changed one of the same
// answers meanwhile, so merging fails listing the conflict and writes nothing, until --prefer
// settles it; merging the same sheet again changes nothing; the history records each merge.
func TestPartnerCLI(t *testing.T) {
	dir := t.TempDir()
	draftFile := filepath.Join(dir, "ats.bando.json")
	copyFile(t, famiComplete, draftFile)
	sheet2, sheet3 := filepath.Join(dir, "m2.bando-partner.json"), filepath.Join(dir, "m3.bando-partner.json")
	for _, tc := range []struct{ member, file, name string }{{"2", sheet2, "Mediazione Insieme ODV"}, {"i3", sheet3, ""}} {
		out, errb, code := cli(t, "partner", "export", "--member", tc.member, draftFile, "-o", tc.file)
		if code != 0 || !strings.Contains(out, "Scritta "+tc.file) || !strings.Contains(out, tc.name) {
			t.Fatalf("export %s: %d\n%s%s", tc.member, code, out, errb)
		}
	}
	editSheet(t, sheet2, func(item map[string]any, a schema.Answers) {
		item["telefono"] = "+39 0574 111111"
		a["dichiarazioni"].(map[string]any)["dpr445"] = true
	})
	editSheet(t, sheet3, func(item map[string]any, _ schema.Answers) { item["rl_carica"] = "Presidente e legale rappresentante" })
	editDraft(t, draftFile, func(d *draft.Draft) {
		d.Answers.Items("ats.membri")[2].(map[string]any)["rl_carica"] = "Vicepresidente"
	})

	merged := filepath.Join(dir, "unita.bando.json")
	out, errb, code := cli(t, "partner", "merge", draftFile, sheet2, sheet3, "-o", merged)
	if code != 1 || !strings.Contains(errb, "m3.bando-partner.json: ats.membri[2].rl_carica: nella bozza \"Vicepresidente\", nella scheda \"Presidente e legale rappresentante\"") ||
		!strings.Contains(errb, "1 conflitti") {
		t.Fatalf("merge with a conflict: %d\n%s%s", code, out, errb)
	}
	if _, err := os.Stat(merged); !os.IsNotExist(err) {
		t.Fatal("a merge with conflicts wrote a file")
	}
	_, errb, _ = cli(t, "partner", "merge", "--lang", "en", draftFile, sheet2, sheet3, "-o", merged)
	if !strings.Contains(errb, "in the draft \"Vicepresidente\", in the sheet") || !strings.Contains(errb, "1 conflicts") {
		t.Fatalf("in English:\n%s", errb)
	}

	out, errb, code = cli(t, "partner", "merge", "--prefer", "theirs", draftFile, sheet2, sheet3, "-o", merged)
	if code != 0 || !strings.Contains(out, "2 risposte unite: ats.membri[1].telefono, dichiarazioni.dpr445") || !strings.Contains(out, "1 risposte unite: ats.membri[2].rl_carica") {
		t.Fatalf("merge --prefer theirs: %d\n%s%s", code, out, errb)
	}
	d := readDraftT(t, merged)
	if d.Answers.Get("ats.membri[1].telefono") != "+39 0574 111111" || d.Answers.Get("ats.membri[2].rl_carica") != "Presidente e legale rappresentante" {
		t.Fatalf("merged answers %v %v", d.Answers.Get("ats.membri[1].telefono"), d.Answers.Get("ats.membri[2].rl_carica"))
	}
	if got := d.Answers.Get("ats.membri[1]._declared"); len(got.([]any)) != 1 {
		t.Fatalf("declarations %v", got)
	}
	h, err := draft.Events(d)
	if err != nil || len(h) != 2 || h[0].Kind != draft.EventMerge || h[0].From != sheet2 || h[1].From != sheet3 {
		t.Fatalf("history %+v %v", h, err)
	}
	if out, _, code := cli(t, "validate", merged); code != 0 {
		t.Fatalf("the merged draft does not validate:\n%s", out)
	}

	again := filepath.Join(dir, "again.bando.json")
	out, errb, code = cli(t, "partner", "merge", merged, sheet2, sheet3, "-o", again)
	if code != 0 || strings.Count(out, "nessuna modifica") != 2 {
		t.Fatalf("merging again: %d\n%s%s", code, out, errb)
	}
	if h, _ := draft.Events(readDraftT(t, again)); len(h) != 2 {
		t.Fatalf("merging again was recorded: %d events", len(h))
	}

	// The history lists both merges; restoring the version before the first gives the draft
	// back as it was, and records the restore.
	out, errb, code = cli(t, "history", merged)
	if code != 0 || !strings.Contains(out, "1. ") || !strings.Contains(out, "unione della scheda "+sheet2+": ats.membri[1].telefono, dichiarazioni.dpr445") || !strings.Contains(out, "2. ") {
		t.Fatalf("history: %d\n%s%s", code, out, errb)
	}
	restored := filepath.Join(dir, "restored.bando.json")
	if out, errb, code = cli(t, "history", merged, "--restore", "1", "-o", restored); code != 0 {
		t.Fatalf("restore: %d\n%s%s", code, out, errb)
	}
	r := readDraftT(t, restored)
	if r.Answers.Get("ats.membri[1].telefono") != "+39 0574 765432" || r.Answers.Get("ats.membri[2].rl_carica") != "Vicepresidente" {
		t.Fatalf("restored %v %v", r.Answers.Get("ats.membri[1].telefono"), r.Answers.Get("ats.membri[2].rl_carica"))
	}
	if h, _ := draft.Events(r); len(h) != 3 || h[2].Kind != draft.EventRestore {
		t.Fatalf("restore not recorded: %+v", h)
	}
	if _, errb, code = cli(t, "history", "--lang", "en", merged, "--restore", "9"); code != 2 || !strings.Contains(errb, "not in the draft's history") {
		t.Fatalf("restore 9: %d %s", code, errb)
	}

	// --prefer ours keeps the draft's answer on a conflict, and takes the rest.
	ours := filepath.Join(dir, "ours.bando.json")
	if _, errb, code := cli(t, "partner", "merge", "--prefer", "ours", draftFile, sheet3, "-o", ours); code != 0 {
		t.Fatalf("--prefer ours: %s", errb)
	}
	if got := readDraftT(t, ours).Answers.Get("ats.membri[2].rl_carica"); got != "Vicepresidente" {
		t.Fatalf("--prefer ours gave %v", got)
	}
}

// TestPartnerCLIRefuses: bad usage and files that are not this proposal's sheets exit 2 with a
// message, and write nothing.
func TestPartnerCLIRefuses(t *testing.T) {
	dir := t.TempDir()
	sheet := filepath.Join(dir, "m2.bando-partner.json")
	if _, errb, code := cli(t, "partner", "export", "--member", "2", famiComplete, "-o", sheet); code != 0 {
		t.Fatal(errb)
	}
	out := filepath.Join(dir, "out.bando.json")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no subcommand", []string{"partner"}, "export o merge"},
		{"unknown subcommand", []string{"partner", "split"}, "sottocomando sconosciuto"},
		{"export without member", []string{"partner", "export", famiComplete}, "--member"},
		{"member out of range", []string{"partner", "export", "--member", "9", famiComplete}, "la domanda ha 5 membri"},
		{"member unknown id", []string{"partner", "export", "--member", "i99", famiComplete}, "nessun membro"},
		{"merge without sheets", []string{"partner", "merge", famiComplete}, "almeno una scheda"},
		{"bad prefer", []string{"partner", "merge", "--prefer", "mine", famiComplete, sheet}, "theirs o ours"},
		{"sheet of another proposal", []string{"partner", "merge", famiErrors, sheet, "-o", out}, "viene da un'altra domanda"},
		{"a draft given as a sheet", []string{"partner", "merge", famiComplete, famiErrors, "-o", out}, "è una bozza di domanda, non una scheda partner"},
		{"a missing sheet", []string{"partner", "merge", famiComplete, filepath.Join(dir, "nope.json"), "-o", out}, "non leggibile"},
		{"in English", []string{"partner", "merge", "--lang", "en", famiErrors, sheet, "-o", out}, "comes from another proposal"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errb, code := cli(t, tc.args...)
			if code != 2 || !strings.Contains(errb, tc.want) {
				t.Fatalf("exit %d, want 2 with %q:\n%s", code, tc.want, errb)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Fatal("a refused merge wrote a file")
			}
		})
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readDraftT(t *testing.T, name string) *draft.Draft {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	d, err := draft.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func editDraft(t *testing.T, name string, edit func(*draft.Draft)) {
	t.Helper()
	d := readDraftT(t, name)
	c, err := schema.Shipped(d.Call)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := draft.Open(d, c); err != nil {
		t.Fatal(err)
	}
	edit(d)
	b, err := draft.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// editSheet changes a sheet as the member would in the app.
func editSheet(t *testing.T, name string, edit func(item map[string]any, a schema.Answers)) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	s, err := partner.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := schema.Shipped(s.Call)
	p, _ := c.PartnerPart()
	edit(partner.Item(p, s.Answers), s.Answers)
	if b, err = partner.Encode(s); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
