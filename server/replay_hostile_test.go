package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// replayPeakMax is the memory a replay of any bundle may take (issue 12: ≤ 200 MB for a 3 MB
// hostile bundle; a 3 MB bundle of empty group items once grew past 7 GB).
const replayPeakMax = 200

// TestReplayHostileBundles replays bundles of about 3 MB built to cost as much as a bundle can
// (the bounds of app/draft/shape.go), each in a separate process, and checks the peak
// resident memory. Time is a figure, printed for make bench: `go test -run
// TestReplayHostileBundles -v ./server | grep ^figure`.
func TestReplayHostileBundles(t *testing.T) {
	_, base := famiBundleJSON(t)
	list := func(item string, n int) string {
		return "[" + strings.TrimSuffix(strings.Repeat(item+",", n), ",") + "]"
	}
	long := strings.Repeat("x", 900)
	member := fmt.Sprintf(`{"denominazione":%q,"cf":%q,"pec":%q,"rl_cf":%q,"sede_cap":%q,"forma_giuridica":%q,"ets":true,"runts":%q,"rl_nascita_data":%q}`,
		long, strings.Repeat("1", 900), strings.Repeat("a@", 450), strings.Repeat("Z", 900), strings.Repeat("9", 900), long, long, long)
	manyVerdicts := make([]string, 0, 60_000)
	for i := range 60_000 {
		manyVerdicts = append(manyVerdicts, fmt.Sprintf(`{"path":"ats.membri[%d].cf","key":"required"}`, i%1000))
	}
	cases := []struct {
		name  string
		edit  func(b map[string]any) // on the bundle of the errors example
		code  int
		child string // in stderr, for a refused bundle
	}{
		// The finding: a million empty members. Refused before anything is built.
		{"million_empty_members", func(b map[string]any) { answers(b)["ats"].(map[string]any)["membri"] = raw(list("{}", 1_000_000)) }, 2, "troppi valori"},
		{"deep_nesting", func(b map[string]any) { answers(b)["x"] = deepPlaceholder }, 2, "annidati"},
		{"many_aside_keys", func(b map[string]any) {
			m := map[string]any{}
			for i := range 300_000 {
				m[fmt.Sprint(i)] = 0
			}
			draftOf(b)["aside"] = m
		}, 2, "troppi valori"},
		// Within the bounds: every group at its longest, every item empty (each a verdict per
		// field), and 60,000 recorded verdicts to compare.
		{"groups_at_the_bound_and_60k_verdicts", func(b map[string]any) {
			a := answers(b)
			a["ats"].(map[string]any)["membri"] = raw(list("{}", 1000))
			a["azioni"].(map[string]any)["linee"] = raw(list("{}", 1000))
			a["budget"].(map[string]any)["voci"] = raw(list("{}", 1000))
			b["verdicts"] = raw("[" + strings.Join(manyVerdicts, ",") + "]")
		}, 1, ""},
		{"long_wrong_answers", func(b map[string]any) { answers(b)["ats"].(map[string]any)["membri"] = raw(list(member, 330)) }, 1, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var b map[string]any
			if err := json.Unmarshal(base, &b); err != nil {
				t.Fatal(err)
			}
			tc.edit(b)
			data, err := json.Marshal(b)
			if err != nil {
				t.Fatal(err)
			}
			// encoding/json refuses to write what is nested too deeply: put it in by hand.
			data = bytes.Replace(data, []byte(`"`+deepPlaceholder+`"`), []byte(strings.Repeat("[", 1_500_000)+strings.Repeat("]", 1_500_000)), 1)
			path := writeTemp(t, "hostile.bando-support.json", string(data))
			if dir := os.Getenv("BANDO_KEEP_HOSTILE"); dir != "" {
				_ = os.WriteFile(filepath.Join(dir, tc.name+".bando-support.json"), data, 0o644)
			}
			c, peakRSS := startMeasured(t, "replay", path)
			code := c.wait(t, 30*time.Second)
			figure("replay_hostile_"+tc.name+"_MB", float64(len(data))/(1<<20))
			// Wall time depends on what else the machine runs; CPU time (user and system, all
			// threads, the garbage collector's included) is the work done.
			figure("replay_hostile_"+tc.name+"_seconds", c.elapsed.Seconds())
			figure("replay_hostile_"+tc.name+"_cpu_seconds", (c.cmd.ProcessState.UserTime() + c.cmd.ProcessState.SystemTime()).Seconds())
			rss := peakRSS()
			figure("replay_hostile_"+tc.name+"_peak_rss_MB", rss)
			if code != tc.code || !strings.Contains(c.stderr.String(), tc.child) {
				t.Fatalf("exit %d (want %d), stderr: %.300s", code, tc.code, c.stderr.String())
			}
			if len(data) < 2<<20 {
				t.Errorf("only %d bytes: not the 3 MB the figure is about", len(data))
			}
			if rss > replayPeakMax {
				t.Errorf("peak resident memory %.0f MB, more than %d MB", rss, replayPeakMax)
			}
		})
	}
}

// famiBundleJSON is the support bundle of the errors example, as `bando bundle` writes it.
func famiBundleJSON(t *testing.T) (string, []byte) {
	t.Helper()
	out, errs, code := cli(t, "bundle", famiErrors)
	if code != 0 {
		t.Fatalf("bundle: %s", errs)
	}
	return writeTemp(t, "case.bando-support.json", out), []byte(out)
}

const deepPlaceholder = "deep nesting goes here"

func draftOf(b map[string]any) map[string]any { return b["draft"].(map[string]any) }
func answers(b map[string]any) map[string]any { return draftOf(b)["answers"].(map[string]any) }
func raw(s string) json.RawMessage            { return json.RawMessage(s) }
