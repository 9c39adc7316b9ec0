//! Stage times of a build, for `hyoka build --timings`: where the time of a build goes, so a
//! benchmark can show the profile and the next bottleneck. Stages that run on many threads
//! add up the time of every thread; the report says which.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A stage of the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading and decoding files.
    Load,
    /// Splitting and parsing front matter.
    Parse,
    /// Validating the model and evaluating every goal.
    Evaluate,
    /// Proofreading every document.
    Proofread,
    /// Drawing charts and sparklines.
    Chart,
    /// Rendering pages with the templates.
    Render,
    /// Open data: per-goal CSV and JSON, the all-goals files and the sitemap.
    Data,
    /// Writing files into the staging folder and swapping it into place.
    Write,
    /// The link check: reading each page's anchors and links as it is made (also counted
    /// in the stage that hands the page on), then checking every link.
    Links,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 9] = [
        Stage::Load,
        Stage::Parse,
        Stage::Evaluate,
        Stage::Proofread,
        Stage::Chart,
        Stage::Render,
        Stage::Data,
        Stage::Write,
        Stage::Links,
    ];

    /// `(id, Japanese name, whether threads' times are added up)`.
    fn describe(self) -> (&'static str, &'static str, bool) {
        match self {
            Stage::Load => ("load", "読み込み", true),
            Stage::Parse => ("parse", "解析", true),
            Stage::Evaluate => ("evaluate", "検証と評価", false),
            Stage::Proofread => ("proofread", "校正", false),
            Stage::Chart => ("chart", "グラフ", true),
            Stage::Render => ("render", "ページ生成", true),
            Stage::Data => ("data", "オープンデータ", true),
            Stage::Write => ("write", "書き出し", true),
            Stage::Links => ("links", "リンク検査", true),
        }
    }
}

/// Time per stage, added to from any thread.
#[derive(Debug)]
pub struct Timings {
    started: Instant,
    ns: [AtomicU64; Stage::ALL.len()],
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            started: Instant::now(),
            ns: Default::default(),
        }
    }
}

impl Timings {
    /// Starts the clock.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `spent` to `stage`.
    pub fn add(&self, stage: Stage, spent: Duration) {
        let ns = u64::try_from(spent.as_nanos()).unwrap_or(u64::MAX);
        self.ns[stage as usize].fetch_add(ns, Ordering::Relaxed);
    }

    /// Adds the time since `since` to `stage` and returns now, to time the next stage from.
    pub fn since(&self, stage: Stage, since: Instant) -> Instant {
        let now = Instant::now();
        self.add(stage, now - since);
        now
    }

    /// Runs `f`, adding its wall time to `stage`.
    pub fn time<T>(&self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let out = f();
        self.since(stage, started);
        out
    }

    /// The time spent in `stage`.
    pub fn get(&self, stage: Stage) -> Duration {
        Duration::from_nanos(self.ns[stage as usize].load(Ordering::Relaxed))
    }

    /// The stage table, in Japanese, with the wall time since [`Timings::new`].
    pub fn report(&self, threads: usize) -> String {
        let mut out = format!(
            "段階ごとの時間（※ は {threads} スレッドの時間の合計で、壁時計の時間より長くなります）:\n"
        );
        for stage in Stage::ALL {
            let (id, name, summed) = stage.describe();
            let _ = writeln!(
                out,
                "  {id:<10} {name:<8}{:>10.1} ms{}",
                self.get(stage).as_secs_f64() * 1000.0,
                if summed { " ※" } else { "" }
            );
        }
        let _ = writeln!(
            out,
            "  {:<10} {:<8}{:>10.1} ms",
            "wall",
            "全体",
            self.started.elapsed().as_secs_f64() * 1000.0
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_add_up_and_the_report_names_each() {
        let t = Timings::new();
        t.add(Stage::Render, Duration::from_millis(3));
        t.add(Stage::Render, Duration::from_millis(4));
        assert_eq!(t.get(Stage::Render), Duration::from_millis(7));
        assert_eq!(t.time(Stage::Chart, || 5), 5);
        let report = t.report(2);
        for id in [
            "load",
            "parse",
            "evaluate",
            "proofread",
            "chart",
            "render",
            "data",
            "write",
            "wall",
        ] {
            assert!(report.contains(id), "{id} in {report}");
        }
        assert!(report.contains("7.0 ms"), "{report}");
    }
}
