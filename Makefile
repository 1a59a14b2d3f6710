# Branchdesk. `make run` starts the app on a demo database; `make test` runs every test.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo

.PHONY: setup run ui desktop cli test check rust-test bindings-check ui-test e2e deb deb-test fuzz bench-start bench-kpi bench-org bench-report bench-minutes bench-board bench-sync bench-pick bench-backup bench-document clean

setup:
	@.ci/setup

ui:
	cd ui && npm run build

desktop: ui
	$(CARGO) build -p branchdesk-desktop

cli:
	$(CARGO) build --bin branchdesk

## Start the desktop app. Its first start creates a demo database in the app-data directory
## (or at $$BRANCHDESK_DB).
run: setup desktop
	./target/debug/branchdesk-desktop

## Every test: formatting, lints, Rust tests, generated types, UI type check and unit tests,
## and the end-to-end test in the real window under Xvfb.
test: setup check rust-test bindings-check ui-test e2e deb-test fuzz

check: ui
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

rust-test:
	$(CARGO) test --workspace --locked

# `cargo test` regenerates ui/src/bindings from the Rust types, and the desktop build the
# capability and permissions from src-tauri/src/commands; they must match what is committed.
GENERATED := ui/src/bindings src-tauri/capabilities src-tauri/permissions
bindings-check:
	@if git rev-parse --git-dir >/dev/null 2>&1 && [ -n "$$(git status --porcelain -- $(GENERATED))" ]; then \
	  git status --short -- $(GENERATED); \
	  echo "generated files are out of date: run 'cargo test' and commit them."; exit 1; fi

ui-test:
	cd ui && npm run typecheck && npm test

e2e: desktop cli
	xvfb-run -a -s "-screen 0 1920x1080x24" node --test tests/e2e/

## The .deb package from the release build: target/deb/branchdesk_<version>_<arch>.deb.
deb:
	.ci/deb

## Installs a package (of the debug build the window tests use: see .ci/deb), drives the
## installed app under Xvfb, removes it and finds the data kept (as root or with sudo).
deb-test: desktop cli
	BRANCHDESK_PROFILE=debug .ci/deb --no-build
	.ci/deb-test

## The sync bundle reader under libFuzzer (cargo fuzz; stable Rust through RUSTC_BOOTSTRAP),
## for FUZZ_SECONDS, from the seed bundles. A crash fails the run and leaves its input in
## src-tauri/crates/sync/fuzz/artifacts/.
FUZZ_SECONDS ?= 20
fuzz:
	mkdir -p target/fuzz-corpus
	cd src-tauri/crates/sync && RUSTC_BOOTSTRAP=1 cargo fuzz run bundle $(CURDIR)/target/fuzz-corpus fuzz/seeds -- -max_total_time=$(FUZZ_SECONDS)

## Cold start to the home page's figures (median of 5) and resident memory, release build.
bench-start: ui cli
	$(CARGO) build --release -p branchdesk-desktop
	BRANCHDESK_APP=$(CURDIR)/target/release/branchdesk-desktop xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/bench-start.mjs

## Org import/export at 10,000 people (beside LibreOffice reading the same file), and the
## 5,000-node chart in the real window: open, expand all, find a person.
bench-org: ui cli
	tests/bench/org.sh
	$(CARGO) build --release -p branchdesk-desktop
	BRANCHDESK_APP=$(CURDIR)/target/release/branchdesk-desktop xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/bench-org.mjs

## Search over ~100,000 minutes paragraphs beside a LIKE scan, and the follow-up board with
## ~23,000 open action items, in-process and in the real window.
bench-minutes: ui
	$(CARGO) build --release -p branchdesk-app --example work_bench
	./target/release/examples/work_bench 7700 target/bench/work.db
	$(CARGO) build --release -p branchdesk-desktop
	BRANCHDESK_APP=$(CURDIR)/target/release/branchdesk-desktop xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/bench-minutes.mjs $(CURDIR)/target/bench/work.db

## The quarterly bulletin PDF at 30 and 300 units beside headless Chromium printing the same
## content (apt install chromium for the comparison).
## The monitoring board: the demo and 14,000 more sub-branches (figures, plans, items): time to
## compute it (and its parts), and to show it in the real window.
bench-board: ui
	$(CARGO) build --release -p branchdesk-app --example board_bench
	./target/release/examples/board_bench 14000 target/bench/board.db
	$(CARGO) build --release -p branchdesk-desktop -p branchdesk-cli
	BRANCHDESK_NEW_PASSWORD=zibo2016 ./target/release/branchdesk --db target/bench/board.db users setup --admin ZB-001
	BRANCHDESK_APP=$(CURDIR)/target/release/branchdesk-desktop xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/bench-board.mjs $(CURDIR)/target/bench/board.db

bench-report:
	tests/bench/report.sh

## Sync: a bundle of ~100,000 records out and in beside `sqlite3 .dump` + zstd replayed, and
## headquarters importing 1,000 unit bundles (apt install sqlite3 zstd for the comparison).
bench-sync:
	tests/bench/sync.sh

## Importing a picked file in the window (junk and a 100,000-record bundle of the same size,
## median of 5); run after bench-sync, which makes the bundle.
bench-pick: ui
	$(CARGO) build --release -p branchdesk-desktop
	BRANCHDESK_APP=$(CURDIR)/target/release/branchdesk-desktop xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/bench-pick.mjs

## 公文: a 20-page document in the national format beside headless Chromium with the same fonts,
## and a draft with a 5 MB attachment through sync (apt install chromium zstd).
bench-document:
	tests/bench/document.sh

## Backup, check and restore of a ~100,000-record database beside sqlite3's .backup.
bench-backup:
	tests/bench/backup.sh

## `branchdesk kpi score` at 300, 3,000 and 30,000 units × 30 indicators × 12 months.
bench-kpi:
	tests/bench/kpi.sh

clean:
	rm -rf target ui/dist ui/node_modules tests/e2e/out
