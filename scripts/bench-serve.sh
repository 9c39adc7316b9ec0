#!/usr/bin/env bash
# Benchmark of the writing loop: generates sites of 1,000 and 10,000 goals (or the sizes
# given), starts `hyoka serve` (release) on each, edits one goal file again and again, and
# prints save → reload event and save → new page over HTTP (min / median / max).
# Usage: scripts/bench-serve.sh [GOALS...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
cargo build --release --quiet
cargo build --release --quiet --example serve_latency
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for goals in "${sizes[@]}"; do
  site=$work/site-$goals
  cargo run --release --quiet --example gen_corpus -- --goals "$goals" --seed 1 "$site"
  echo "== ${goals} goals"
  target/release/examples/serve_latency "$site" 10
done
