package schema

import (
	"fmt"
	"reflect"
	"testing"

	"bando/schema/itid"
)

// largestProposal is the FAMI call and the largest proposal it allows, valid throughout: the
// complete example grown to 40 members (each with its own codice fiscale, partita IVA and legal
// representative, the capofila still the first) and 200 budget items (each of the example's
// items split into parts that add up to it, so every line's subtotal still matches its amount).
// It is what BenchmarkValidateFull measures: a proposal as an ATS would send it, not one with
// an error on every member.
func largestProposal(tb testing.TB) (*Call, Answers) {
	tb.Helper()
	c, a := loadExample(tb, "calls/examples/toscana-fami-2024.complete.bando.json")
	ats := a["ats"].(map[string]any)
	members := ats["membri"].([]any)
	grown := make([]any, 0, 40)
	for i := range 40 {
		m := deepCopy(members[i%len(members)]).(map[string]any)
		if i >= len(members) {
			m["_id"] = fmt.Sprintf("m%d", i+1) // the example's members keep theirs: the lines name them
			m["capofila"] = false
			m["denominazione"] = fmt.Sprintf("%s (%d)", m["denominazione"], i+1)
			m["cf"] = withMatricola(tb, m["cf"].(string), i)
			if _, ok := m["piva"]; ok {
				m["piva"] = m["cf"]
			}
			m["rl_cf"] = withSurname(tb, m["rl_cf"].(string), i)
		}
		grown = append(grown, m)
	}
	ats["membri"] = grown

	budget := a["budget"].(map[string]any)
	items := budget["voci"].([]any)
	per := 200 / len(items)
	more := 200 % len(items)
	split := make([]any, 0, 200)
	for i, it := range items {
		parts := per
		if i < more {
			parts++
		}
		total := it.(map[string]any)["importo"].(int64) // cents
		share := total / int64(parts)
		for p := range parts {
			v := deepCopy(it).(map[string]any)
			v["_id"] = fmt.Sprintf("v%d", len(split)+1)
			v["importo"] = share
			if p == parts-1 {
				v["importo"] = total - share*int64(parts-1)
			}
			split = append(split, v)
		}
	}
	budget["voci"] = split
	return c, a
}

// withMatricola is the 11-digit codice fiscale cf with its progressive number changed by n and
// its check digit made again: another valid code from the same office.
func withMatricola(tb testing.TB, cf string, n int) string {
	first := []byte(cf[:10])
	for k := 6; k >= 0 && n > 0; k-- {
		d := int(first[k]-'0') + n%10
		n = n/10 + d/10
		first[k] = byte('0' + d%10)
	}
	check, ok := itid.ElevenDigitCheck(string(first))
	if !ok {
		tb.Fatalf("no check digit for %s", first)
	}
	return string(first) + string(check)
}

// withSurname is the personal codice fiscale cf with its surname letters changed by n and its
// check character made again: another person born on the same day in the same place.
func withSurname(tb testing.TB, cf string, n int) string {
	first := []byte(cf[:15])
	first[0] = byte('A' + n%26)
	first[1] = byte('A' + n/26%26)
	check, ok := itid.CFCheckChar(string(first))
	if !ok {
		tb.Fatalf("no check character for %s", first)
	}
	return string(first) + string(check)
}

// TestLargestProposalValid: the benchmark's proposal has the size it claims and no issue.
func TestLargestProposalValid(t *testing.T) {
	c, a := largestProposal(t)
	if n := len(a.Get("ats.membri").([]any)); n != 40 {
		t.Fatalf("%d members", n)
	}
	if n := len(a.Get("budget.voci").([]any)); n != 200 {
		t.Fatalf("%d budget items", n)
	}
	if is := c.Validate(a, IT); len(is) != 0 {
		t.Fatalf("want no issues, got %d:\n%v", len(is), is)
	}
}

// TestValidateKeepsNoResult: a call's validations share emptied memos (validationRoom); each
// gives what a validation with memos of its own gives, whatever came before it, with the
// proposals alternating between valid, full of errors and of another shape.
func TestValidateKeepsNoResult(t *testing.T) {
	c, valid := largestProposal(t)
	_, errs := loadExample(t, "calls/examples/toscana-fami-2024.errors.bando.json")
	drafts := []Answers{bigAnswers(c), valid, errs, Answers{}, bigAnswers(c), errs, valid}
	for i, a := range drafts {
		got := c.Validate(a, IT)
		want := c.validate(&evalCtx{}, a, IT)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("draft %d: with the call's memos:\n%v\nwith its own:\n%v", i, got, want)
		}
	}
}

// TestValidateRoomBounded: memos grown past maxHint by one validation are not kept for the next.
func TestValidateRoomBounded(t *testing.T) {
	big := map[memoKey]bool{}
	for i := range maxHint + 1 {
		big[memoKey{at: [maxEnv]uintptr{uintptr(i)}}] = true
	}
	if emptied(big) != nil {
		t.Fatal("a memo of maxHint+1 entries was kept")
	}
	small := map[memoKey]bool{{}: true}
	if m := emptied(small); m == nil || len(m) != 0 {
		t.Fatalf("a small memo was not kept emptied: %v", m)
	}
}
