#!/usr/bin/env bash
# Runs every test on a bare machine: installs what is missing (Chromium for the browser
# test, the npm packages of tests/browser), then the Rust tests and the browser test.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
if [ -f tests/browser/package.json ] && [ ! -d tests/browser/node_modules ]; then
  echo "== installing browser test packages (npm)"
  (cd tests/browser && npm ci --no-audit --no-fund --silent)
fi

echo "== cargo test"
cargo test --all-targets

if [ -f tests/browser/package.json ]; then
  echo "== browser test (headless Chromium)"
  cargo build --quiet
  (cd tests/browser && node --test)
fi
