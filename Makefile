# Parcel Standoff — the two commands:  make serve   and   make test
# Both install what is missing first (scripts/setup.sh: pinned versions, idempotent).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

.PHONY: serve test setup setup-test build cli pictures test-native test-wasm test-server test-e2e size bench lighthouse lint fmt-check

## serve: build a release and serve it at http://127.0.0.1:8080
serve: setup
	$(MAKE) --no-print-directory build
	node scripts/serve.mjs dist 8080

## test: every test (native, lints, wasm components in headless Chromium, end-to-end, size budget, formatting)
test: setup-test
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-server
	$(MAKE) --no-print-directory test-wasm
	$(MAKE) --no-print-directory build cli
	$(MAKE) --no-print-directory test-e2e
	$(MAKE) --no-print-directory size
	$(MAKE) --no-print-directory fmt-check

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

## build: the release site in dist/ (scripts/build.mjs: cargo, wasm-bindgen, wasm-opt, hashed names, the page)
build:
	node scripts/build.mjs dist
	node scripts/languages.mjs dist
	node scripts/publish.mjs dist
	node scripts/csp.mjs dist
	node scripts/single-file.mjs dist
	node scripts/minify.mjs dist
	node scripts/compress.mjs dist
	$(MAKE) --no-print-directory pictures

cli:
	cargo build --profile native --bin standoff

## pictures: each built-in scenario's still picture in each language (dist/pictures/ID.LANG.png)
## and the script that shows one when WebAssembly cannot start (docs/embed.md); fetched only then
pictures: cli
	./target/native/standoff render --builtin dist/pictures
	cp static/fallback.js dist/pictures/

test-native:
	cargo test
	@echo "calibration of the baseline (asserted row by row in tests/model.rs):"
	@cargo run -q --profile native --bin standoff -- calibrate
	@cargo run -q --profile native --bin standoff -- run --scenario june-2017 --summary

## test-wasm: component tests in headless Chromium, built with a pseudo-language (every text ⟦bracketed⟧)
## so one test can prove that every visible string comes from the catalogue
test-wasm:
	cargo test --target wasm32-unknown-unknown --test web --features pseudo-locale

## lint: clippy, warnings as errors, for the native and the wasm builds
lint:
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

fmt-check:
	cargo fmt --check

test-server:
	node --test tests/server/

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

size:
	node scripts/size-report.mjs dist

## bench: native model figures (the browser figures print in test-e2e)
bench: cli
	./target/native/standoff bench

## lighthouse: Lighthouse (desktop) on the built app from the project's server, median of 3 runs
## (installs a pinned Lighthouse into target/tools on first use; not part of `make test`)
lighthouse:
	node scripts/lighthouse.mjs dist 3
