//! hyoka (評価) — a static site generator for Japanese municipal performance reports.
//!
//! Staff write each goal sheet once, as Markdown with YAML front matter holding the
//! indicator's values; hyoka checks them, evaluates them (status, 達成率, 進捗率), draws
//! charts and renders an accessible Japanese site with open data beside every chart.
//!
//! # Stages (data flows one way)
//!
//! ```text
//! config.toml ─┐ (+ --base-url, checked like the file)
//! content/ ────┴─load──▶ load::Loaded (config, content, findings by source, rules)
//!      one part at a time (home, then each department): read, proofread (prose), added to the
//!      model::validate::SiteBuilder, kept only for serve (load::Keep) ──▶ model::Site
//!                                                               │
//!                     ┌─────────────────┬───────────────────────┤
//!                     ▼                 ▼                       ▼
//!               chart (plotters)  render (tera, markdown)  export (csv, json, sitemap)
//!                     └────────┬────────┴───────────────────────┘
//!                              ▼
//!        pipeline ─▶ output::Emit, file by file: output::StagedOutput (build: the spare
//!                    copy beside public/ updated, then swapped in), OutputPlan (serve),
//!                    paths only (check)
//!                   │
//!                   └─ pipeline::Rebuilder (a kept Loaded, updated by load::Edit, plus
//!                      its caches and an OutputPlan in memory) ─▶ serve (HTTP, live reload)
//! ```
//!
//! `links` (the offline link check of `check` and `build`) stands in front of the output:
//! `links::LinkCollector` notes each path and each page's ids as the pipeline emits them,
//! and resolves each page's links there and then (one entry per target, with its first
//! place); once the site is made, every internal link is checked against them (the bodies'
//! links at their source positions, the templates' once per target).
//!
//! `timings` (stage times for `hyoka build --timings`) stands below every stage.
//!
//! A side entrance, `import`: the town's legacy text sheets → content files (written all
//! or none, after the same checks in memory: `load::load_site` with the files as an
//! overlay).
//!
//! `scaffold` writes new content files from the theme's archetypes (`hyoka new`, `hyoka init`).
//!
//! 過去の版, `edition` (`[[editions]]`): each tagged commit's content, read from the git
//! objects (`content::files::Source::Tree`), goes through the same load (`load::load_edition`)
//! and pipeline into `/archive/<tag>/` of the same staged output, linked with the current site.
//!
//! # Glossary
//! - 年度 (fiscal year, April–March): `model::FiscalYear`, stored as the western start year.
//! - 指標 (indicator): `model::Indicator`; 初期値 baseline, 実績 actual, 目標値 targets,
//!   最終目標値 the last target. A goal has one or several (`model::Goal::indicators`),
//!   each evaluated on its own; a 段階 (milestone) indicator's values are step names,
//!   evaluated by position; 対象外 (`exclude:`) ones are not evaluated.
//! - 進捗率 (progress to the final target), 達成率 (achievement of the year's plan), and
//!   評価区分 (status): `model::evaluation`.
#![warn(missing_docs)]
// An item only the crate itself reaches says so (`pub(crate)`), so what is public is on purpose.
#![warn(unreachable_pub)]
// The public surface is kept small on purpose (below); its types' docs point into the
// crate's own modules, which `cargo doc --document-private-items` documents (scripts/test.sh).
#![allow(rustdoc::private_intra_doc_links)]

// The binary's entry: the command line, its parsing and the subcommands (src/main.rs).
pub mod cli;
pub mod cmd;
pub mod usage;

// Everything else is the crate's own, so rustc reports what nothing calls (what only unit
// tests call is `#[cfg(test)]`).
pub(crate) mod chart;
pub(crate) mod config;
pub(crate) mod content;
pub(crate) mod diag;
pub(crate) mod edition;
pub(crate) mod error;
pub(crate) mod export;
pub(crate) mod fsio;
pub(crate) mod history;
pub(crate) mod import;
pub(crate) mod links;
pub(crate) mod load;
pub(crate) mod markup;
pub(crate) mod model;
pub(crate) mod output;
pub(crate) mod pipeline;
pub(crate) mod proofread;
pub(crate) mod prose;
pub(crate) mod render;
pub(crate) mod scaffold;
pub(crate) mod serve;
pub(crate) mod timings;

// On purpose, and only these: what tests/testsuite and examples/ drive directly (the
// incremental rebuild compared with a whole build, robustness over parsed documents, the
// theme's colour contrast, the segmenter's proofreading), and the types the subcommands'
// signatures name.
pub use chart::{ACTUAL_COLOR, PLAN_COLOR};
pub use config::Config;
pub use content::{DepartmentDocs, LoadedContent, SourceFile, load_content, parse_document};
pub use diag::{Code, Diagnostic, Diagnostics, Severity};
pub use error::Error;
pub use fsio::decode;
pub use load::{BuildOptions, Keep, load, load_site};
pub use model::Site;
pub use model::validate::{GoalCache, SiteBuilder};
pub use output::OutputPlan;
pub use pipeline::{Rebuilder, plan_site};
pub use proofread::{RuleSet, TextKind, proofread as proofread_text};
pub use prose::{Rules, check_rule_config};
pub use render::contrast::{Palette, contrast_ratio, palettes};
pub use render::markdown::{MarkdownOptions, render_markdown};
pub use timings::Timings;
