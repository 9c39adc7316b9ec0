#!/usr/bin/env bash
# Runs every test on a bare machine: installs what is missing (Debian's Chromium, the Noto CJK
# fonts, poppler-utils and a Java runtime for the browser tests, the npm packages of tests/browser), then the
# Rust tests and the browser tests (axe-core, Nu Html Checker, headless Chromium on two sites).
#
# Nothing may hang: every test has its own limit (the Rust harness kills a run of the binary
# after 3 minutes; each browser test fails after 5 minutes, each browser test file after 25, and
# node's runner exits even if a handle is left open; browsers and servers are closed or killed
# within 10 s), and each phase below runs under `timeout`, which kills it whole if it ever runs
# past its bound. A phase that times out fails the script (exit 124).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
# pdfinfo and pdftotext, for the printed booklet (tests/browser/report.test.mjs).
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -d tests/browser/node_modules/axe-core ] || [ ! -d tests/browser/node_modules/vnu-jar ] || [ ! -d tests/browser/node_modules/playwright-core ]; then
  echo "== installing browser test packages (npm)"
  # --ignore-scripts: vnu-jar's install script would download a Java runtime; we use Debian's.
  (cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --silent)
fi

# `timeout` sends SIGTERM to the phase's whole process group at its limit, SIGKILL 30 s later.
phase() { # seconds command...
  local limit=$1; shift
  timeout --kill-after=30 "$limit" "$@"
}

echo "== cargo fmt --check"
phase 300 cargo fmt --check

echo "== cargo clippy (warnings are errors)"
phase 1800 cargo clippy --all-targets --quiet -- -D warnings

echo "== cargo test"
phase 1800 cargo test --all-targets

echo "== cargo doc (the crate's docs, its own modules included, build without warnings)"
RUSTDOCFLAGS="-D warnings" phase 900 cargo doc --no-deps --document-private-items --quiet

echo "== browser tests (headless Chromium, axe-core, Nu Html Checker)"
phase 900 cargo build --quiet
# The search test (tests/browser/search.test.mjs) times its search on a generated corpus.
phase 900 cargo build --quiet --example gen_corpus
(cd tests/browser && phase 1800 node --test --test-timeout=1500000 --test-force-exit)
