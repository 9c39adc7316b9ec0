//! One-edit rebuild latency of `hyoka serve`'s in-memory site (`pipeline::Rebuilder`):
//! `cargo run --release --example bench_rebuild -- --goals 10000 [--edits 15] [--seed 1]`.
//! Generates the benchmark corpus, builds it once, then saves one goal file at a time (a
//! body edit or a value edit) and times from the save to the rebuilt plan. Prints figures.

#[path = "gen_corpus/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use hyoka::BuildOptions;
use hyoka::Rebuilder;

/// The allocator the `hyoka` binary uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let goals = arg("--goals", 1000);
    let edits = arg("--edits", 15).max(1);
    let seed = arg("--seed", 1) as u64;
    let dir = tempfile::tempdir().expect("temp dir");
    corpus::write_site(dir.path(), goals, seed).expect("write corpus");
    let options = BuildOptions {
        root: dir.path().to_path_buf(),
        ..BuildOptions::default()
    };
    let started = Instant::now();
    let mut rebuilder = Rebuilder::new(options).expect("first build");
    let first = started.elapsed();
    assert!(rebuilder.plan().is_some(), "{:?}", rebuilder.diagnostics());

    let mut times = Vec::new();
    let mut totals = Vec::new();
    let mut changed = 0;
    let mut one_goal = 0;
    for i in 0..edits {
        let g = (i * 7919) % goals;
        let rel = corpus::goal_path(g);
        let path: PathBuf = dir.path().join(&rel);
        let text = std::fs::read_to_string(&path).expect("read");
        // Odd edits change the text, even ones a value (and so the chart and evaluation).
        let edited = if i % 2 == 0 {
            text.replacen("## 期待される効果", &format!("## 期待される効果（{i}）"), 1)
        } else {
            text.replacen("令和6年度: ", "令和6年度: 1", 1)
        };
        let saved = Instant::now();
        std::fs::write(&path, edited).expect("write");
        let report = rebuilder.rebuild_page_first(&[path]).expect("rebuild");
        times.push(saved.elapsed());
        assert!(!report.failed && report.incremental, "{report:?}");
        one_goal += usize::from(report.one_goal);
        let rest = rebuilder.catch_up().expect("catch up");
        totals.push(saved.elapsed());
        changed += report.changed_outputs.len() + rest.changed_outputs.len();
    }
    let stats = |mut t: Vec<Duration>| {
        t.sort();
        format!(
            "median {:.1} ms (min {:.1}, max {:.1})",
            ms(t[t.len() / 2]),
            ms(t[0]),
            ms(*t.last().expect("edits"))
        )
    };
    println!(
        "{goals} goals, first build {:.0} ms, {edits} one-file edits (body or value):\n  save → rebuilt goal and department pages: {}\n  save → whole site rebuilt (home, evaluation, data pages, indicators.*): {}\n  {:.1} changed files per edit; {one_goal} of {edits} edits patched into the kept model in place",
        ms(first),
        stats(times),
        stats(totals),
        changed as f64 / edits as f64
    );
}
