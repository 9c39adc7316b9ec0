#!/usr/bin/env bash
# Usage: scripts/history-repo.sh DIR [GOALS] [COMMITS]
# Makes a git repository in DIR for measuring the history walk (contract §10): the benchmark
# corpus (examples/gen_corpus, GOALS goals, seed 1) committed once, then COMMITS commits that
# each change three goal files (a target changed, an actual added or changed, a body edited),
# with fixed names and dates so every run makes the same history. Then time, for example:
#   target/debug/hyoka build DIR --timings     (the walk is in 読み込み)
# and compare with a copy of DIR without .git.
set -euo pipefail
dir=$1; goals=${2:-1000}; commits=${3:-200}
repo=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$repo/target/debug/examples/gen_corpus" ] || (cd "$repo" && cargo build -q --example gen_corpus)
rm -rf "$dir"; mkdir -p "$dir"
"$repo/target/debug/examples/gen_corpus" --goals "$goals" --seed 1 "$dir" >/dev/null
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME="$dir/.no-home"
export GIT_AUTHOR_NAME=総務課 GIT_AUTHOR_EMAIL=somu@example.jp
export GIT_COMMITTER_NAME=総務課 GIT_COMMITTER_EMAIL=somu@example.jp
g() { git -c init.defaultBranch=main -c commit.gpgsign=false -C "$dir" "$@"; }
at() { # commit number → a fixed date, one day apart from 2025-04-01
  date -u -d "2025-04-01 01:00:00 UTC + $1 days" '+%Y-%m-%dT%H:%M:%S+0000'
}
g init -q
export GIT_AUTHOR_DATE=$(at 0) GIT_COMMITTER_DATE=$(at 0)
g add -A config.toml content && g commit -q -m "初版"
python3 - "$dir" "$commits" <<'PY'
import os, random, re, subprocess, sys
from datetime import datetime, timedelta, timezone
root, commits = sys.argv[1], int(sys.argv[2])
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(root, "content"))
               for f in fs if f.endswith(".md") and f != "_index.md")
rng = random.Random(1)
start = datetime(2025, 4, 1, 1, 0, tzinfo=timezone.utc)
def edit(path, how):
    text = open(path, encoding="utf-8").read()
    if how == "target":
        # The first target's value moved by one.
        text = re.sub(r"(  targets:\n    \S+: )(-?[0-9.]+)", lambda m: m.group(1) + str(round(float(m.group(2)) - 1, 1)), text, count=1)
    elif how == "actual":
        text = re.sub(r"(  actual:\n    \S+: )(-?[0-9.]+)", lambda m: m.group(1) + str(round(float(m.group(2)) + 1, 1)), text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n追記しました。\n"
    open(path, "w", encoding="utf-8").write(text)
for n in range(1, commits + 1):
    for how in ("target", "actual", "body"):
        edit(rng.choice(files), how)
    date = (start + timedelta(days=n)).strftime("%Y-%m-%dT%H:%M:%S+0000")
    env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    git = ["git", "-c", "commit.gpgsign=false", "-C", root]
    subprocess.run(git + ["add", "-A", "content"], check=True, env=env)
    subprocess.run(git + ["commit", "-q", "-m", f"更新 {n}"], check=True, env=env)
PY
echo "$dir: $goals goals, $((commits + 1)) commits"
