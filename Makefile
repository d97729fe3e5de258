# Deconflict — build, play and test.
#
#   make play    install what the game needs (Debian packages), then open it
#   make web     build the game for the browser into bin/web (serve it with
#                deconflict-sim serve --web bin/web)
#   make test    install what the tests need, then run every test, the game's
#                real-window test under Xvfb (required: it fails without a
#                display), the browser client and the game's browser build
#                (make web) in headless Chromium, the
#                cross-architecture hash check (386, or 32-bit arm under
#                qemu-arm where 386 binaries cannot run) and Taplo's check of
#                the scenarios against their JSON Schema

GO ?= go
export PATH := $(PATH):/usr/local/go/bin

# Debian packages the desktop game links against (cgo, OpenGL, X11, ALSA) and
# the ones the tests use (Xvfb for a real window, qemu-user to run arm64 and arm,
# tzdata for the time-zone half of the hash check, Chromium for the browser
# client of a served game).
GAME_PKGS := gcc libc6-dev libgl1-mesa-dev libxcursor-dev libxi-dev libxinerama-dev \
	libxrandr-dev libxxf86vm-dev libasound2-dev pkg-config
TEST_PKGS := $(GAME_PKGS) xvfb xauth qemu-user tzdata chromium

.PHONY: play test web deps-game deps-test build sim check fmt vet hashcheck bench pgo clean

play: deps-game
	$(GO) run ./cmd/deconflict

# DECONFLICT_REQUIRE_DISPLAY=1: the game's smoke test fails, rather than
# skips, if it finds no display (a plain go test without one skips it).
# DECONFLICT_BROWSER_TEST=1: the served game's browser client and the game's
# browser build (make web, found through DECONFLICT_WEB_DIR) are tested in
# headless Chromium (a plain go test skips them).
test: deps-test check web
	DECONFLICT_REQUIRE_DISPLAY=1 DECONFLICT_BROWSER_TEST=1 DECONFLICT_WEB_DIR=$(CURDIR)/$(WEB_DIR) xvfb-run -a -s "-screen 0 1600x1000x24" $(GO) test -count=1 ./...
	CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/deconflict-sim
	.ci/hashcheck.sh
	.ci/taplo.sh

deps-game:
	@.ci/deps.sh $(GAME_PKGS)

deps-test:
	@.ci/deps.sh $(TEST_PKGS)

# check: formatting and vet, before any test runs (vet also of the packages
# with files of their own for the browser build)
check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./cmd/deconflict ./game ./game/save ./internal/infile ./internal/webstorage

build:
	$(GO) build -o bin/deconflict ./cmd/deconflict
	CGO_ENABLED=0 $(GO) build -o bin/deconflict-sim ./cmd/deconflict-sim

# sim: the headless binary alone (no cgo, no system packages)
sim:
	CGO_ENABLED=0 $(GO) build -o bin/deconflict-sim ./cmd/deconflict-sim

hashcheck:
	.ci/hashcheck.sh

# web: the game for the browser. Go's loader for WebAssembly sits in
# lib/wasm since Go 1.24 (misc/wasm before).
WEB_DIR ?= bin/web
web:
	mkdir -p $(WEB_DIR)
	GOOS=js GOARCH=wasm $(GO) build -o $(WEB_DIR)/game.wasm ./cmd/deconflict
	cp "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js" $(WEB_DIR)/ 2>/dev/null || \
		cp "$$($(GO) env GOROOT)/misc/wasm/wasm_exec.js" $(WEB_DIR)/
	cp cmd/deconflict/web/index.html $(WEB_DIR)/

# bench: the engine's benchmarks (BenchmarkCampaign and BenchmarkTurn time
# the engine as the batch binary runs it, so they live in its package)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./sim/... ./cmd/deconflict-sim

# pgo: take the batch binary's CPU profile afresh from BenchmarkCampaign on
# shadow-war. go build and go test build deconflict-sim with it
# (cmd/deconflict-sim/default.pgo: profile-guided optimisation); redo it
# after large changes to the engine.
pgo:
	cd cmd/deconflict-sim && $(GO) test -run '^$$' -bench 'Campaign/shadow-war' -cpu 1 -benchtime 15s \
		-cpuprofile default.pgo.new -o /dev/null . && mv default.pgo.new default.pgo

clean:
	rm -rf bin
