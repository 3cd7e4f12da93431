package pdf

import (
	"crypto/sha256"
	"encoding/hex"

	"bando/schema"
)

// AnswersDigest is the hex SHA-256 of the canonical JSON (see Canonical) of the answers the
// call shows, c.Visible(a): exactly what the PDF prints. Hidden answers the draft keeps for
// the applicant are left out, so toggling a hidden field does not change the printed
// fingerprint. Anyone holding the draft and the call can recompute it (bando pdf prints it),
// and tie a signed PDF back to the answers it was made from.
//
// Item ids (schema.ItemID) are left out too: they are bookkeeping, not answers, and a draft
// saved before items had ids must keep the fingerprint of the PDF already signed from it.
func AnswersDigest(c *schema.Call, a schema.Answers) (string, error) {
	b, err := Canonical(schema.WithoutItemIDs(map[string]any(c.Visible(a))))
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// Canonical writes v as canonical JSON, one byte sequence per value, so that a digest of it
// does not depend on the order a map was filled in or on how a number was typed:
//
//   - objects have their keys sorted by their UTF-8 bytes, no duplicates;
//   - no whitespace outside strings;
//   - strings are UTF-8; only ", \ and control characters are escaped, as \", \\, \b, \f,
//     \n, \r, \t or \u00XX (lowercase hex); invalid UTF-8 is an error;
//   - numbers that are integral and within ±2^53 are written as integers (5, not 5.0 or
//     5e0), whatever Go type carries them; other numbers in the shortest form that reads
//     back to the same float64 (strconv 'g', -1); NaN and infinities are errors;
//   - true, false, null as such; arrays in order.
//
// It is close to RFC 8785 (JCS), which differs only in sorting keys by UTF-16 code units and
// in the exponent form of very large or small floats; answers (money is integer cents) never
// reach either case. Values are those of schema.Answers: string, bool, nil, int, int64,
// float64, []any, []string, map[string]any.
func Canonical(v any) ([]byte, error) {
	// The encoder is schema's, shared with the call's own hash (docs/call-identity.md): one
	// definition of canonical JSON for both fingerprints the PDF prints.
	return schema.AppendCanonicalJSON(nil, v)
}
