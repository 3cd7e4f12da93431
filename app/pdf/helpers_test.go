package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"bando/app/draft"
	"bando/schema"
)

// exampleDraft is the complete FAMI example shipped with the schema.
const exampleDraft = "../../schema/calls/examples/toscana-fami-2024.complete.bando.json"

func loadDraft(t testing.TB, name string) (*schema.Call, *draft.Draft) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	d, err := draft.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	c, err := schema.Shipped(d.Call)
	if err != nil {
		t.Fatal(err)
	}
	return c, d
}

// finalised returns a copy of d finalised at a fixed instant.
func finalised(d *draft.Draft) *draft.Draft {
	cp := *d
	at := time.Date(2024, 3, 2, 10, 15, 0, 0, time.UTC)
	cp.FinalisedAt = &at
	return &cp
}

// withMembers returns a copy of d whose ATS has n members, the example's members repeated
// with distinct names and codici fiscali: a realistic large proposal.
func withMembers(t testing.TB, d *draft.Draft, n int) *draft.Draft {
	t.Helper()
	cp := *d
	cp.Answers = d.Answers.Clone()
	base := d.Answers.Items("ats.membri")
	if len(base) == 0 {
		t.Fatal("the example has no members")
	}
	cfs := []string{"RSSMCL99M07F205Y", "RCCMNL83S18D969H"}
	members := make([]any, n)
	for i := range members {
		m := schema.Answers(base[i%len(base)].(map[string]any)).Clone()
		if i >= len(base) {
			m["denominazione"] = fmt.Sprintf("%s %d", m["denominazione"], i+1)
			m["capofila"] = false
			m["rl_cf"] = cfs[i%2]
		}
		members[i] = map[string]any(m)
	}
	if err := cp.Answers.Set("ats.membri", members); err != nil {
		t.Fatal(err)
	}
	return &cp
}

func makePDF(t testing.TB, c *schema.Call, d *draft.Draft, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, c, d, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// missing stops a test whose external checker is not installed: on a developer's machine it
// skips, loudly (`make deps` installs them); with CI=true it fails, because a CI run must
// never pass without the checks it claims to run.
func missing(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed and CI=true: run ./scripts/deps.sh (make test does) as root", what)
	}
	fmt.Fprintf(os.Stderr, "\n*** SKIPPED: %s is not installed (run `make deps`): PDF check %s not run ***\n\n", what, t.Name())
	t.Skipf("%s not installed", what)
}

// tool runs an external checker on a PDF written to a temporary file, named by the argument
// "FILE" or else appended. A missing tool skips the test (see missing).
func tool(t *testing.T, pdf []byte, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		missing(t, name)
	}
	file := filepath.Join(t.TempDir(), "proposal.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	full, named := make([]string, 0, len(args)+1), false
	for _, a := range args {
		if a == "FILE" {
			a, named = file, true
		}
		full = append(full, a)
	}
	if !named {
		full = append(full, file)
	}
	out, err := exec.Command(name, full...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}
