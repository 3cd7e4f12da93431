//go:build bando_v2_fixture

package schema

import _ "embed"

// A build for one test only: `go build -tags bando_v2_fixture ./wasm` gives an app whose FAMI
// call is the version 2 fixture (a renamed and a removed field), so the browser test can deploy
// it over a normal build and check that an applicant's version 1 draft opens with nothing lost.
// Never used for a release: make builds it into bin/test/ only.
//
//go:embed testdata/toscana-fami-2024.v2.json
var famiV2Fixture []byte

func init() { replacedCalls = append(replacedCalls, famiV2Fixture) }
