#!/usr/bin/env bash
# Benchmark: builds the default site and a generated site of N goals (default 1,000 in 20
# departments) with the release binary, and prints pages/s and peak memory (from
# /usr/bin/time). Usage: scripts/bench.sh [GOALS]
set -euo pipefail
cd "$(dirname "$0")/.."
goals=${1:-1000}
depts=20
cargo build --release --quiet
bin=$PWD/target/release/hyoka
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # label dir runs — wall time averaged over runs; peak memory of the last run
  local label=$1 dir=$2 runs=${3:-1} log=$work/time.log start end
  start=$(date +%s%N)
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -v "$bin" build "$dir" --output "$work/out-$label" -q 2>"$log" >/dev/null || { cat "$log"; exit 1; }
  done
  end=$(date +%s%N)
  local peak pages
  peak=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  pages=$(find "$work/out-$label" -name '*.html' | wc -l)
  awk -v l="$label" -v ns=$((end - start)) -v r="$runs" -v p="$pages" -v m="$peak" \
    'BEGIN { s = ns / 1e9 / r; printf "%-10s %6d pages  %8.1f ms/build  %8.0f pages/s  peak %6.1f MiB\n", l, p, s * 1000, p / s, m / 1024 }'
}

measure default . 20

site=$work/generated
mkdir -p "$site/content"
cp config.toml "$site/config.toml"
for d in $(seq 1 $depts); do
  dir=$site/content/dept-$d
  mkdir -p "$dir"
  printf -- '---\ntitle: 第%d課\nweight: %d\nduties:\n  - 業務に関すること\n---\n' "$d" "$d" >"$dir/_index.md"
done
for g in $(seq 1 "$goals"); do
  d=$(( (g - 1) % depts + 1 ))
  base=$(( g % 90 + 5 )); actual=$(( base + g % 7 - 3 )); target=$(( base + 10 ))
  printf -- '---\ntitle: 目標%d\nindicator:\n  name: 指標%d\n  unit: "%%"\n  direction: up\n  baseline: { year: 令和5年度, value: %d.5 }\n  actual:\n    令和6年度: %d.1\n  targets:\n    令和7年度: %d.0\n    令和11年度: %d.0\nbasis: 総合計画\nsummary: 事業の概要です。\n---\n\n## 期待される効果\n\n地域の活性化が期待できます。\n\n## 今年度の取り組み\n\n| 項目 | 内容 |\n|---|---|\n| 研修 | 年%d回 |\n' \
    "$g" "$g" "$base" "$actual" "$(( base + 2 ))" "$target" "$(( g % 5 + 1 ))" >"$site/content/dept-$d/goal-$g.md"
done
measure "${goals}goals" "$site" 3
