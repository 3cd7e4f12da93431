package itid

import (
	"errors"
	"fmt"
	"testing"
)

// reasons is every Reason the package may return; fuzz tests check errors against it.
var reasons = map[string]bool{
	ReasonLength: true, ReasonCharset: true, ReasonFormat: true, ReasonChecksum: true,
	ReasonZero: true, ReasonOffice: true, ReasonCountry: true, ReasonDate: true,
	ReasonSection: true, ReasonUnknown: true,
}

// tcase is one named table case: want is the expected Reason, "" for valid input.
type tcase struct {
	name, in, want string
}

// runCases runs check on every case as a subtest and compares the Reason exactly.
func runCases(t *testing.T, kind string, check func(string) error, cases []tcase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			expectReason(t, kind, c.in, check(c.in), c.want)
		})
	}
}

func expectReason(t *testing.T, kind, in string, err error, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("%q: got %v, want valid", in, err)
		}
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%q: got %v (%T), want *Error with reason %q", in, err, err, want)
	}
	if e.Kind != kind || e.Reason != want {
		t.Fatalf("%q: got kind %q reason %q, want kind %q reason %q", in, e.Kind, e.Reason, kind, want)
	}
}

// checkShape is the invariant shared by the fuzz tests: nil, or an *Error of the right
// kind with a known reason.
func checkShape(t *testing.T, kind, in string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("%q: error %v is %T, not *Error", in, err, err)
	}
	if e.Kind != kind || !reasons[e.Reason] {
		t.Fatalf("%q: error kind %q reason %q", in, e.Kind, e.Reason)
	}
}

func TestErrorString(t *testing.T) {
	err := CodiceFiscale("RSSMCL99M07F205Z")
	if got := err.Error(); got != "itid: cf: checksum" {
		t.Errorf("Error() = %q", got)
	}
	if got := (&Error{Kind: KindIBAN, Reason: ReasonCountry}).Error(); got != "itid: iban: country" {
		t.Errorf("Error() = %q", got)
	}
	wrapped := fmt.Errorf("field ats.membri[2].cf: %w", err)
	var e *Error
	if !errors.As(wrapped, &e) || e.Reason != ReasonChecksum {
		t.Errorf("errors.As through wrapping failed: %v", wrapped)
	}
	// Each call returns its own value: changing one must not change the next.
	e.Reason = "mutated"
	if CodiceFiscale("RSSMCL99M07F205Z").(*Error).Reason != ReasonChecksum {
		t.Error("errors are shared between calls")
	}
}

// TestEmptyRejected: every check refuses the empty string (and blank input) as too short,
// since callers skip empty optional fields themselves.
func TestEmptyRejected(t *testing.T) {
	checks := map[string]func(string) error{
		KindCF: CodiceFiscale, KindCFEnte: CodiceFiscaleEnte, KindPIVA: PartitaIVA,
		KindIBAN: IBAN, KindPEC: PEC, KindRUNTS: RUNTS, KindCUP: CUP, KindCAP: CAP,
		KindProvincia: Provincia,
	}
	for kind, check := range checks {
		for _, in := range []string{"", " ", "\t \u00a0\n"} {
			t.Run(kind+"/"+fmt.Sprintf("%q", in), func(t *testing.T) {
				expectReason(t, kind, in, check(in), ReasonLength)
			})
		}
	}
}
