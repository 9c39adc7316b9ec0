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
//!      one part at a time (home, then each department): read, proofread, added to the
//!      model::build::SiteBuilder, kept only for serve (load::Keep) ──▶ model::Site
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
//! `timings` (stage times for `hyoka build --timings`) stands below every stage.
//!
//! A side entrance, [`import`]: the town's legacy text sheets → content files (written all
//! or none, after the same checks in memory: [`load::load_site`] with the files as an
//! overlay).
//!
//! `scaffold` writes new content files from the theme's archetypes (`hyoka new`, `hyoka init`).
//!
//! # Glossary
//! - 年度 (fiscal year, April–March): [`model::FiscalYear`], stored as the western start year.
//! - 指標 (indicator): [`model::Indicator`]; 初期値 baseline, 実績 actual, 目標値 targets,
//!   最終目標値 the last target. A goal has one or several ([`model::Goal::indicators`]),
//!   each evaluated on its own; a 段階 (milestone) indicator's values are step names,
//!   evaluated by position; 対象外 (`exclude:`) ones are not evaluated.
//! - 進捗率 (progress to the final target), 達成率 (achievement of the year's plan), and
//!   評価区分 (status): [`model::evaluation`].
#![warn(missing_docs)]

pub mod chart;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod diag;
pub mod error;
pub mod export;
pub mod fsio;
pub mod import;
pub mod load;
pub mod markup;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod proofread;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod timings;
pub mod usage;
