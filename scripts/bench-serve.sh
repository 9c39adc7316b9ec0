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
  if ls examples/gen_corpus* >/dev/null 2>&1; then
    cargo run --release --quiet --example gen_corpus -- --goals "$goals" --seed 1 "$site"
  else # until the corpus generator lands: 20 departments of plain goals
    mkdir -p "$site/content" && cp config.toml "$site/"
    for d in $(seq 1 20); do
      mkdir -p "$site/content/dept-$d"
      printf -- '---\ntitle: 第%d課\nweight: %d\n---\n' "$d" "$d" >"$site/content/dept-$d/_index.md"
    done
    for g in $(seq 1 "$goals"); do
      printf -- '---\ntitle: 目標%d\nindicator:\n  name: 指標%d\n  unit: "%%"\n  direction: up\n  baseline: { year: 令和5年度, value: %d }\n  actual:\n    令和6年度: %d\n  targets:\n    令和11年度: %d\n---\n\n## 期待される効果\n\n地域の活性化が期待できます。\n' \
        "$g" "$g" $((g % 90)) $((g % 90 + g % 7)) $((g % 90 + 10)) >"$site/content/dept-$(( (g - 1) % 20 + 1 ))/goal-$g.md"
    done
  fi
  echo "== ${goals} goals"
  target/release/examples/serve_latency "$site" 10
done
