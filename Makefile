# Bando — two commands on a fresh machine: `make run` and `make test`.
SHELL   := /bin/bash
GO      ?= go
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)-$(shell date -u +%Y%m%d%H%M%S)
LDFLAGS := -s -w
# WASMTAGS: build tags of the two wasm programs. validator_novalidatefn drops validator's
# validateFn, whose method lookup by name makes the linker keep every exported method of every
# type: 0.36 MB of brotli on a first visit. schema's lint refuses that tag in every build.
WASMTAGS := validator_novalidatefn
ADDR    ?= :8080

.PHONY: all build wasm wasm-v1 wasm-checks server run test vet unit deps bench bench-browser fuzz clean static

all: build

## wasm: the browser app, web/app.wasm (GOOS=js), the signing worker it starts in a Web
## Worker, web/worker.wasm (the PDF engine and signed-file checks, kept out of the first load),
## and the call editor, web/builder.wasm (the app plus the editor, sent only for /builder);
## built once per run, they take ~40 s each.
## Both are built against trimmed copies of go-app and validator (scripts/wasmoverlay: no
## server code, no checks that read the disk or DNS; 0.55 MB less brotli on a first visit).
WASMMOD   := bin/wasm/wasm.mod
WASMBUILD  = GOOS=js GOARCH=wasm $(GO) build -modfile $(WASMMOD) -trimpath -ldflags "$(LDFLAGS)"
$(WASMMOD): go.mod go.sum scripts/wasmoverlay/main.go
	$(GO) run ./scripts/wasmoverlay -out bin/wasm
wasm: $(WASMMOD)
	$(GO) run ./scripts/purgecss   # the part of Bootstrap Italia the markup uses
	$(WASMBUILD) -tags $(WASMTAGS) -o web/app.wasm ./wasm
	$(WASMBUILD) -tags $(WASMTAGS) -o web/worker.wasm ./wasm/worker
	$(WASMBUILD) -tags $(WASMTAGS) -o web/builder.wasm ./wasm/builder

## wasm-v1: for one browser test only (server/browser_update_test.go), the app with version 1
## of the FAMI call as first shipped (schema/testdata/toscana-fami-2024.v1.json); the normal
## build is deployed over it to check that an app update changing the call version loses
## nothing. Never shipped.
wasm-v1: $(WASMMOD)
	$(WASMBUILD) -tags $(WASMTAGS),bando_v1_fixture -o bin/test/v1/app.wasm ./wasm

## wasm-checks: for one browser test only (server/browser_checks_test.go), the app and its
## worker shipping, beside the real calls, the test call of per-item checks and warnings
## (schema/testdata/checks.json), to show them and make the PDF of a draft with warnings.
wasm-checks: $(WASMMOD)
	$(WASMBUILD) -tags $(WASMTAGS),bando_checks_fixture -o bin/test/checks/app.wasm ./wasm
	$(WASMBUILD) -tags $(WASMTAGS),bando_checks_fixture -o bin/test/checks/worker.wasm ./wasm/worker

## server: the bando binary (server and CLI).
server:
	$(GO) build -trimpath -ldflags "$(LDFLAGS) -X main.version=$(VERSION)" -o bin/bando ./server

## build: both, and the wasm precompressed (brotli 11, gzip 9) for the server and static hosts.
build: wasm server
	./bin/bando compress web/app.wasm web/worker.wasm web/builder.wasm

## run: build everything and serve the app on http://localhost:8080
run: build
	./bin/bando serve --addr $(ADDR) --web web

## static: the whole app as static files in dist/, for any web host or CDN.
static: build
	rm -rf dist && ./bin/bando static --out dist --web web

deps:
	./scripts/deps.sh

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/... ./app/... ./schema/...

## test: vet, every Go test, and the browser tests against the freshly built wasm.
test: deps wasm wasm-v1 wasm-checks vet
	BANDO_WEB=$(CURDIR)/web BANDO_WASM_V1=$(CURDIR)/bin/test/v1 BANDO_WASM_CHECKS=$(CURDIR)/bin/test/checks $(GO) test -count=1 -timeout 30m ./...
	$(GO) test -count=1 -modfile $(WASMMOD) -tags $(WASMTAGS) ./schema/...   # the rules as the wasm builds have them

## bench: every figure of issue 6, one per line ("figure NAME VALUE"): validation on one core
## and the CLI on the largest proposal, the PDF natively, the loopback load test, and what
## applicants feel in Chromium (bench-browser). Benchmarks run 3 times: 3 lines, for the spread.
BENCH_FIGURES = awk '/^Benchmark/ { n = $$1; sub(/-[0-9]+$$/, "", n); for (i = 3; i < NF; i += 2) print "figure", n "_" $$(i+1), $$i } /^(ok|FAIL)/'
bench: build
	set -o pipefail; $(GO) test -run '^$$' -bench . -benchmem -cpu 1 -count 3 ./schema/... | $(BENCH_FIGURES)
	set -o pipefail; $(GO) test -run '^$$' -bench CLIValidate -benchmem -cpu 1 -count 3 ./server | $(BENCH_FIGURES)
	set -o pipefail; $(GO) test -run '^$$' -bench PDF -benchmem -count 3 ./app/pdf | $(BENCH_FIGURES)
	set -o pipefail; $(GO) test -run '^$$' -bench Hostile -benchmem -count 3 ./app/pec | $(BENCH_FIGURES)
	set -o pipefail; BANDO_LOADTEST=1 BANDO_WEB=$(CURDIR)/web $(GO) test -count=1 -run TestLoopbackLoad -v ./server | grep -E '^figure |^(ok|FAIL)' 
	set -o pipefail; $(GO) test -count=1 -run 'TestReplayHostileBundles|TestSignalsStopEveryCommand' -v ./server | grep -E '^figure |^(ok|FAIL)' 
	$(BENCH_BROWSER)

## bench-browser: what applicants feel, in headless Chromium (protocol in server/browser_figures_test.go):
## ready-to-type on a first visit and on offline reloads, keystroke → message latency with 40 members;
## and (server/browser_sign_test.go) the PDF in the browser with 5 and 40 members, its size, the
## signing worker's load time, and the raw and brotli sizes of app.wasm and worker.wasm; the call
## editor (server/browser_editor_figures_test.go, browser_builder_load_test.go): an edit of the FAMI
## call until the JSON box and the preview show it, its download and when it works offline.
BENCH_BROWSER = set -o pipefail; BANDO_BENCH_BROWSER=1 BANDO_WEB=$(CURDIR)/web $(GO) test -count=1 -run '^TestBrowser((Sign|Bytes|Computed|Editor|Builder)?Figures|StartupBreakdown)$$' -v ./server | grep -E '^figure |^(ok|FAIL)'
bench-browser: build
	$(BENCH_BROWSER)

## fuzz: a short run of every fuzzer (make fuzz FUZZTIME=5m for longer). Minimising is capped:
## on a loaded 2-core machine Go's default 60 s minimisation stalls the run.
FUZZTIME ?= 20s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s $$pkg || exit 1; \
	  done; done

clean:
	rm -rf bin dist web/app.wasm web/app.wasm.br web/app.wasm.gz web/worker.wasm web/worker.wasm.br web/worker.wasm.gz web/builder.wasm web/builder.wasm.br web/builder.wasm.gz
