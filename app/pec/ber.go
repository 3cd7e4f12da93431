package pec

import (
	"errors"
)

// Signing tools do not all write DER: some wrap the signed content in an indefinite-length,
// constructed OCTET STRING (BER), which encoding/asn1 refuses. berToDER rewrites such input
// as DER: definite lengths everywhere and constructed strings joined into primitive ones. It
// leaves DER input byte-identical, so certificates and signed attributes keep the bytes
// their digests and signatures were computed over.

// Limits keep hostile input from costing more than a real signed file would.
const (
	maxDepth    = 48
	maxElements = 1 << 20
)

var errBER = errors.New("malformed BER")

type berReader struct {
	in       []byte
	elements int
}

func berToDER(in []byte) ([]byte, error) {
	r := &berReader{in: in}
	out, n, err := r.element(0, 0)
	if err != nil {
		return nil, err
	}
	return append(out, in[n:]...), nil // trailing bytes (PAdES zero padding) kept as they are
}

// element converts the element at in[off:], returning its DER and the offset after it.
func (r *berReader) element(off, depth int) ([]byte, int, error) {
	if depth > maxDepth {
		return nil, 0, errBER
	}
	if r.elements++; r.elements > maxElements {
		return nil, 0, errBER
	}
	in := r.in
	if off >= len(in) {
		return nil, 0, errBER
	}
	start := off
	tag0 := in[off]
	off++
	if tag0&0x1f == 0x1f { // high tag number form
		for {
			if off >= len(in) || off-start > 5 {
				return nil, 0, errBER
			}
			b := in[off]
			off++
			if b&0x80 == 0 {
				break
			}
		}
	}
	tag := in[start:off]
	constructed := tag0&0x20 != 0
	if off >= len(in) {
		return nil, 0, errBER
	}
	lb := in[off]
	off++
	if lb == 0x80 { // indefinite length: children until the end-of-contents octets
		if !constructed {
			return nil, 0, errBER
		}
		var children [][]byte
		for {
			if off+1 < len(in) && in[off] == 0 && in[off+1] == 0 {
				off += 2
				break
			}
			child, next, err := r.element(off, depth+1)
			if err != nil {
				return nil, 0, err
			}
			children = append(children, child)
			off = next
		}
		der, err := joined(tag, children)
		return der, off, err
	}
	length := 0
	if lb&0x80 == 0 {
		length = int(lb)
	} else {
		n := int(lb & 0x7f)
		if n > 4 || n == 0 {
			return nil, 0, errBER
		}
		for range n {
			if off >= len(in) {
				return nil, 0, errBER
			}
			length = length<<8 | int(in[off])
			off++
		}
	}
	if length < 0 || length > len(in)-off {
		return nil, 0, errBER
	}
	end := off + length
	if !constructed {
		return der(tag, in[off:end]), end, nil
	}
	var children [][]byte
	for p := off; p < end; {
		child, next, err := r.element(p, depth+1)
		if err != nil {
			return nil, 0, err
		}
		if next > end {
			return nil, 0, errBER
		}
		children = append(children, child)
		p = next
	}
	d, err := joined(tag, children)
	return d, end, err
}

// joined encodes a constructed element from its DER children; a constructed OCTET STRING
// (or other string type) becomes one primitive string of the children's contents.
func joined(tag []byte, children [][]byte) ([]byte, error) {
	if len(tag) == 1 && tag[0]&0x20 != 0 && tag[0]&0xc0 == 0 && tag[0]&0x1f >= 3 && tag[0]&0x1f <= 30 && tag[0]&0x1f != 16 && tag[0]&0x1f != 17 {
		var content []byte
		for _, c := range children {
			_, body, ok := splitTLV(c)
			if !ok || c[0]&0x20 != 0 {
				return nil, errBER
			}
			content = append(content, body...)
		}
		return der([]byte{tag[0] &^ 0x20}, content), nil
	}
	var content []byte
	for _, c := range children {
		content = append(content, c...)
	}
	return der(tag, content), nil
}

// der writes tag, definite length, content.
func der(tag, content []byte) []byte {
	out := append([]byte{}, tag...)
	n := len(content)
	switch {
	case n < 0x80:
		out = append(out, byte(n))
	case n < 0x100:
		out = append(out, 0x81, byte(n))
	case n < 0x10000:
		out = append(out, 0x82, byte(n>>8), byte(n))
	case n < 0x1000000:
		out = append(out, 0x83, byte(n>>16), byte(n>>8), byte(n))
	default:
		out = append(out, 0x84, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	}
	return append(out, content...)
}

// splitTLV returns the tag byte and the content of a DER element with a one-byte tag.
func splitTLV(b []byte) (byte, []byte, bool) {
	if len(b) < 2 {
		return 0, nil, false
	}
	off, n := 2, int(b[1])
	if b[1]&0x80 != 0 {
		k := int(b[1] & 0x7f)
		if k == 0 || k > 4 || len(b) < 2+k {
			return 0, nil, false
		}
		n = 0
		for _, c := range b[2 : 2+k] {
			n = n<<8 | int(c)
		}
		off = 2 + k
	}
	if n < 0 || off+n != len(b) {
		return 0, nil, false
	}
	return b[0], b[off:], true
}
