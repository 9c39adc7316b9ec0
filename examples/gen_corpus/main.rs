//! Writes a generated site for benchmarks: `cargo run --release --example gen_corpus --
//! --goals N --seed S OUT_DIR`. Deterministic for a given seed (see `corpus.rs`).

mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut goals = 1000usize;
    let mut seed = 1u64;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let parsed = match arg.as_str() {
            "--goals" => args
                .next()
                .and_then(|v| v.replace('_', "").parse().ok())
                .map(|v| goals = v),
            "--seed" => args.next().and_then(|v| v.parse().ok()).map(|v| seed = v),
            _ if !arg.starts_with('-') && out.is_none() => {
                out = Some(PathBuf::from(arg));
                Some(())
            }
            _ => None,
        };
        if parsed.is_none() {
            eprintln!("使い方: gen_corpus --goals N --seed S OUT_DIR");
            return ExitCode::from(2);
        }
    }
    let Some(out) = out else {
        eprintln!(
            "使い方: gen_corpus --goals N --seed S OUT_DIR（出力先のフォルダーを指定してください）"
        );
        return ExitCode::from(2);
    };
    if out.join("content").exists() {
        eprintln!(
            "{} には content/ があります。空のフォルダーを指定してください",
            out.display()
        );
        return ExitCode::from(2);
    }
    match corpus::write_site(&out, goals, seed) {
        Ok(()) => {
            eprintln!(
                "{}目標（{}課）を {} に書き出しました（seed {seed}）",
                goals,
                corpus::DEPARTMENTS,
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{} に書き込めませんでした: {e}", out.display());
            ExitCode::from(2)
        }
    }
}
