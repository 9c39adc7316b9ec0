#!/usr/bin/env bash
# Benchmark of `hyoka import`: one text file of N sheets (default 300; the seed's three
# sheets repeated with numbered titles and indicators, so every goal gets its own file)
# imported into an empty site with the release binary. Prints wall time, sheets/s and peak
# memory (from /usr/bin/time), then the time of the build of the imported site.
# Usage: scripts/bench-import.sh [SHEETS]
set -euo pipefail
cd "$(dirname "$0")/.."
sheets=${1:-300}
cargo build --release --quiet
bin=$PWD/target/release/hyoka
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/site"
cp config.toml "$work/site/config.toml"
seed=tests/fixtures/seed/somu-sheets.txt
for i in $(seq 1 $(( (sheets + 2) / 3 ))); do
  sed -e "s/^\(目 標 名\t[^\t]*\)/\1（その$i）/" -e "s/^\(指 標 名\t\)/\1第${i}の/" "$seed"
  echo
done >"$work/sheets.txt"
count=$(grep -c '^目 標 名' "$work/sheets.txt")

timed() { # label command… — wall time and peak memory of one run
  local label=$1 log=$work/time.log start end peak
  shift
  start=$(date +%s%N)
  /usr/bin/time -v "$@" 2>"$log" >/dev/null || { tail -20 "$log"; exit 1; }
  end=$(date +%s%N)
  peak=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  awk -v l="$label" -v ns=$((end - start)) -v n="$count" -v m="$peak" \
    'BEGIN { s = ns / 1e9; printf "%-8s %5d sheets  %8.1f ms  %8.0f sheets/s  peak %6.1f MiB\n", l, n, s * 1000, n / s, m / 1024 }'
}

(cd "$work/site" && timed import "$bin" import ../sheets.txt --department 総務課)
timed build "$bin" build "$work/site" -q
