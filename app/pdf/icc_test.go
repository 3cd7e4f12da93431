package pdf

import (
	"encoding/binary"
	"math"
	"testing"
)

// TestSRGBColorants compares the computed D50 colorants with the values of the sRGB profiles
// in wide use (e.g. the ICC's sRGB v4 preference profile), to four decimals.
func TestSRGBColorants(t *testing.T) {
	want := [3][3]float64{
		{0.4361, 0.2225, 0.0139},
		{0.3851, 0.7169, 0.0971},
		{0.1431, 0.0606, 0.7141},
	}
	got := srgbColorants()
	names := []string{"red", "green", "blue"}
	for c := range 3 {
		for i := range 3 {
			if math.Abs(got[c][i]-want[c][i]) > 1.5e-4 {
				t.Errorf("%s colorant %d: %.5f, want %.4f", names[c], i, got[c][i], want[c][i])
			}
		}
	}
	// the three colorants add up to the D50 white
	for i := range 3 {
		if s := got[0][i] + got[1][i] + got[2][i]; math.Abs(s-d50[i]) > 5e-4 {
			t.Errorf("white component %d: %.5f, want %.4f", i, s, d50[i])
		}
	}
}

// TestSRGBProfileStructure reads the profile back as an ICC reader would.
func TestSRGBProfileStructure(t *testing.T) {
	p := srgbProfile
	be := binary.BigEndian
	checks := []struct {
		name      string
		got, want any
	}{
		{"declared size", int(be.Uint32(p)), len(p)},
		{"version 2.1", be.Uint32(p[8:]), uint32(0x02100000)},
		{"device class", string(p[12:16]), "mntr"},
		{"colour space (N 3)", string(p[16:20]), "RGB "},
		{"connection space", string(p[20:24]), "XYZ "},
		{"signature", string(p[36:40]), "acsp"},
		{"size multiple of 4", len(p) % 4, 0},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
	required := map[string]string{"desc": "desc", "cprt": "text", "wtpt": "XYZ ", "rXYZ": "XYZ ", "gXYZ": "XYZ ", "bXYZ": "XYZ ", "rTRC": "curv", "gTRC": "curv", "bTRC": "curv"}
	n := int(be.Uint32(p[128:]))
	for i := range n {
		e := p[132+12*i:]
		sig, off, size := string(e[:4]), int(be.Uint32(e[4:])), int(be.Uint32(e[8:]))
		if off%4 != 0 || off+size > len(p) || off < 132+12*n {
			t.Errorf("tag %s at %d+%d is outside the data area", sig, off, size)
			continue
		}
		if typ, ok := required[sig]; !ok || string(p[off:off+4]) != typ {
			t.Errorf("tag %s has type %q", sig, p[off:off+4])
		}
		delete(required, sig)
	}
	if len(required) > 0 {
		t.Errorf("missing tags %v", required)
	}
}

func TestSRGBCurve(t *testing.T) {
	tests := []struct {
		name    string
		in, out float64
	}{
		{"black", 0, 0},
		{"linear toe", 0.04, 0.04 / 12.92},
		{"mid grey", 0.5, 0.21404},
		{"white", 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := srgbDecode(tc.in); math.Abs(got-tc.out) > 1e-5 {
				t.Errorf("%.5f", got)
			}
		})
	}
}
