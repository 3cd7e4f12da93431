package pdf

import (
	"encoding/binary"
	"math"
)

// The PDF/A output intent needs an ICC profile. Rather than vendoring a profile file (and its
// licence), we build a minimal ICC v2.1 display profile for sRGB here, from the published
// definition (IEC 61966-2-1): the primaries' chromaticities, the D65 white point and the
// tone curve. The profile is our own work, part of this source, redistributable with it.
//
// Colorants are the primaries' XYZ adapted from D65 to the D50 profile connection space with
// the Bradford transform, as ICC profiles require; the white point tag is D50 (ICC.1:2001-04
// lets a display profile state the adapted white). Each channel's tone curve is the sRGB
// piecewise curve sampled at 1024 points. The tags are the ones a v2 RGB display profile
// must have: desc, cprt, wtpt, rXYZ/gXYZ/bXYZ, rTRC/gTRC/bTRC.

var (
	srgbPrimaries = [3][2]float64{{0.64, 0.33}, {0.30, 0.60}, {0.15, 0.06}}
	d65           = [2]float64{0.3127, 0.3290}
	// d50 is the ICC profile connection space illuminant, exactly as ICC.1 gives it (header
	// and white point tag); cieD50 is the CIE value the chromatic adaptation aims at, as the
	// sRGB profiles in wide use do (their colorants add up to 0.9642, 1, 0.8252).
	d50      = [3]float64{0.9642, 1.0, 0.8249}
	cieD50   = [3]float64{0.96422, 1.0, 0.82521}
	bradford = [3][3]float64{{0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}}
)

type mat3 [3][3]float64

func (a mat3) mul(b mat3) mat3 {
	var m mat3
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				m[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return m
}

func (a mat3) apply(v [3]float64) [3]float64 {
	var out [3]float64
	for i := range 3 {
		for k := range 3 {
			out[i] += a[i][k] * v[k]
		}
	}
	return out
}

func (a mat3) inverse() mat3 {
	det := a[0][0]*(a[1][1]*a[2][2]-a[1][2]*a[2][1]) -
		a[0][1]*(a[1][0]*a[2][2]-a[1][2]*a[2][0]) +
		a[0][2]*(a[1][0]*a[2][1]-a[1][1]*a[2][0])
	var m mat3
	for i := range 3 {
		for j := range 3 {
			// cofactor of a[j][i] (transposed), by cyclic indices
			r1, r2 := (j+1)%3, (j+2)%3
			c1, c2 := (i+1)%3, (i+2)%3
			m[i][j] = (a[r1][c1]*a[r2][c2] - a[r1][c2]*a[r2][c1]) / det
		}
	}
	return m
}

func xyToXYZ(xy [2]float64) [3]float64 {
	return [3]float64{xy[0] / xy[1], 1, (1 - xy[0] - xy[1]) / xy[1]}
}

// srgbColorants returns the XYZ (D50) of the red, green and blue primaries, as columns.
func srgbColorants() [3][3]float64 {
	var p mat3
	for j, xy := range srgbPrimaries {
		c := xyToXYZ(xy)
		for i := range 3 {
			p[i][j] = c[i]
		}
	}
	white := xyToXYZ(d65)
	s := p.inverse().apply(white)
	var m mat3 // RGB → XYZ (D65)
	for i := range 3 {
		for j := range 3 {
			m[i][j] = p[i][j] * s[j]
		}
	}
	ma := mat3(bradford)
	src, dst := ma.apply(white), ma.apply(cieD50)
	var scale mat3
	for i := range 3 {
		scale[i][i] = dst[i] / src[i]
	}
	adapted := ma.inverse().mul(scale).mul(ma).mul(m)
	var out [3][3]float64 // out[channel] = XYZ
	for j := range 3 {
		for i := range 3 {
			out[j][i] = adapted[i][j]
		}
	}
	return out
}

// srgbDecode is the sRGB tone curve: encoded value → linear light.
func srgbDecode(v float64) float64 {
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

// s15Fixed16 is the ICC fixed-point number.
func s15Fixed16(v float64) uint32 { return uint32(int32(math.Round(v * 65536))) }

// srgbProfile is the profile's bytes, built once.
var srgbProfile = buildSRGBProfile()

func buildSRGBProfile() []byte {
	be := binary.BigEndian
	xyz := func(v [3]float64) []byte {
		b := make([]byte, 20)
		copy(b, "XYZ ")
		for i, c := range v {
			be.PutUint32(b[8+4*i:], s15Fixed16(c))
		}
		return b
	}
	const points = 1024
	curve := make([]byte, 12+2*points)
	copy(curve, "curv")
	be.PutUint32(curve[8:], points)
	for i := range points {
		be.PutUint16(curve[12+2*i:], uint16(math.Round(srgbDecode(float64(i)/(points-1))*65535)))
	}
	const name = "sRGB IEC61966-2.1 (Bando)"
	desc := make([]byte, 12+len(name)+1+4+4+2+1+67)
	copy(desc, "desc")
	be.PutUint32(desc[8:], uint32(len(name)+1))
	copy(desc[12:], name)
	cprt := append([]byte("text\x00\x00\x00\x00"), "No copyright, use freely\x00"...)
	col := srgbColorants()

	type tag struct {
		sig  string
		data []byte
	}
	tags := []tag{
		{"desc", desc}, {"cprt", cprt}, {"wtpt", xyz(d50)},
		{"rXYZ", xyz(col[0])}, {"gXYZ", xyz(col[1])}, {"bXYZ", xyz(col[2])},
		{"rTRC", curve}, {"gTRC", curve}, {"bTRC", curve},
	}
	table := 128 + 4 + 12*len(tags)
	out := make([]byte, table)
	offsets := map[*byte]int{} // the three TRC tags share one curve
	for i, t := range tags {
		off, seen := offsets[&t.data[0]]
		if !seen {
			for len(out)%4 != 0 {
				out = append(out, 0)
			}
			off = len(out)
			offsets[&t.data[0]] = off
			out = append(out, t.data...)
		}
		e := 132 + 12*i
		copy(out[e:], t.sig)
		be.PutUint32(out[e+4:], uint32(off))
		be.PutUint32(out[e+8:], uint32(len(t.data)))
	}
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	be.PutUint32(out[0:], uint32(len(out)))
	be.PutUint32(out[8:], 0x02100000) // version 2.1
	copy(out[12:], "mntr")
	copy(out[16:], "RGB ")
	copy(out[20:], "XYZ ")
	for i, v := range []uint16{2024, 1, 1, 0, 0, 0} { // a fixed date keeps PDFs reproducible
		be.PutUint16(out[24+2*i:], v)
	}
	copy(out[36:], "acsp")
	for i, c := range d50 {
		be.PutUint32(out[68+4*i:], s15Fixed16(c))
	}
	be.PutUint32(out[128:], uint32(len(tags)))
	return out
}
