# Bando — two commands on a fresh machine: `make run` and `make test`.
SHELL   := /bin/bash
GO      ?= go
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)-$(shell date -u +%Y%m%d%H%M%S)
LDFLAGS := -s -w
ADDR    ?= :8080

.PHONY: all build wasm server run test vet unit deps bench fuzz clean static

all: build

## wasm: the browser app, web/app.wasm (GOOS=js); built once per run, it takes ~40 s.
wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o web/app.wasm ./wasm

## server: the bando binary (server and CLI).
server:
	$(GO) build -trimpath -ldflags "$(LDFLAGS) -X main.version=$(VERSION)" -o bin/bando ./server

## build: both, and the wasm precompressed (brotli 11, gzip 9) for the server and static hosts.
build: wasm server
	./bin/bando compress web/app.wasm

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
	GOOS=js GOARCH=wasm $(GO) vet ./wasm ./app/... ./schema/...

## test: vet, every Go test, and the browser tests against the freshly built wasm.
test: deps wasm vet
	BANDO_WEB=$(CURDIR)/web $(GO) test -count=1 ./...

## bench: figures, one per line (validation on one core; more as the app grows).
bench: build
	$(GO) test -run '^$$' -bench . -benchmem -cpu 1 -count 3 ./schema/...
	$(GO) test -run '^$$' -bench PDF -benchmem -count 3 ./app/pdf
	BANDO_LOADTEST=1 BANDO_WEB=$(CURDIR)/web $(GO) test -count=1 -run TestLoopbackLoad -v ./server | grep -E 'loadtest_|^(ok|FAIL)' 

## fuzz: a short run of every fuzzer (make fuzz FUZZTIME=5m for longer). Minimising is capped:
## on a loaded 2-core machine Go's default 60 s minimisation stalls the run.
FUZZTIME ?= 20s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s $$pkg || exit 1; \
	  done; done

clean:
	rm -rf bin dist web/app.wasm web/app.wasm.br web/app.wasm.gz
