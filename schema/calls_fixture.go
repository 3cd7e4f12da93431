//go:build bando_v1_fixture

package schema

import _ "embed"

// A build for one test only: `go build -tags bando_v1_fixture ./wasm` gives an app whose FAMI
// call is version 1 as it was first shipped, so the browser test can fill a draft with it,
// deploy the current app over it and check that the applicant's version 1 draft opens under the
// current version with nothing lost. Never used for a release: make builds it into bin/test/ only.
//
//go:embed testdata/toscana-fami-2024.v1.json
var famiV1Fixture []byte

func init() { replacedCalls = append(replacedCalls, famiV1Fixture) }
