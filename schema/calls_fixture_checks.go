//go:build bando_checks_fixture

package schema

import _ "embed"

// A build for one browser test only: `go build -tags bando_checks_fixture ./wasm` (and
// ./wasm/worker) gives an app that ships, beside the real calls, the test call of per-item
// checks, warnings and unique fields (testdata/checks.json), so that the browser test can show
// them and make the PDF of a draft with warnings. Never used for a release: make builds it into
// bin/test/checks/ only.
//
//go:embed testdata/checks.json
var checksFixture []byte

func init() { replacedCalls = append(replacedCalls, checksFixture) }
