//! `hyoka import`: plan the files from the sheets in memory; check the site as it would be
//! with them (the same checks as `hyoka check`); stop before writing on any error in the
//! sheets or in those files, or on an existing file (without `--force`); with `--dry-run`
//! print the files instead; otherwise write them all and summarise that check.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

use crate::cli::ImportArgs;
use crate::diag::{Diagnostics, Severity};
use crate::error::Error;
use crate::import::{self, ImportPlan, report};
use crate::load::{self, BuildOptions};
use crate::timings::Timings;

use super::{Outcome, counts, print_diagnostics};

/// Runs the import; file texts (`--dry-run`) go to `out`, messages to `err`.
pub fn run(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome, Error> {
    let root = args.site.clone().unwrap_or_else(|| PathBuf::from("."));
    if !root.join("config.toml").is_file() {
        return Err(Error::NoConfig(root));
    }
    let request = import::Request {
        sheets: args.files.clone(),
        department: args.department.clone(),
        slug: args.slug.clone(),
        force: args.force,
    };
    let mut diags = Diagnostics::new();
    let Some(plan) = import::plan(&root, &request, &mut diags)? else {
        return Ok(stop(diags, err));
    };
    let options = BuildOptions {
        root: root.clone(),
        base_url: None,
        drafts: true,
    };
    let files = plan.files();
    let written: BTreeSet<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
    let planned: Vec<(PathBuf, String)> = files
        .iter()
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect();
    let (site, checked) = load::load_site(&options, &planned, &Timings::new())?;
    let findings = concerning(checked, &written);
    let would_not_build = findings
        .iter()
        .any(|d| d.severity == Severity::Error && written.contains(&d.path));
    diags.extend(findings);
    if would_not_build {
        return Ok(stop(diags, err));
    }
    let evaluations = report::evaluations(site.as_ref(), &written);
    if args.dry_run {
        for f in &files {
            let _ = writeln!(out, "==> {} <==\n{}", f.path.display(), f.text);
        }
        let outcome = summarise(diags, &plan, evaluations, true, err);
        let _ = writeln!(
            err,
            "--dry-run のため何も書き込んでいません（{}）",
            counts(outcome)
        );
        return Ok(outcome);
    }
    import::write_files_replacing(&root, &files, args.force, &plan.replaceable).map_err(|e| {
        Error::Io {
            path: root.join(&e.path),
            source: e.source,
        }
    })?;
    // The files written are exactly the ones checked above: that check is the report.
    let outcome = summarise(diags, &plan, evaluations, false, err);
    let _ = writeln!(
        err,
        "{}ファイルを書き込み、検査しました（{}）。hyoka build でサイトに反映できます。",
        written.len(),
        counts(outcome)
    );
    Ok(outcome)
}

/// Nothing is written: the findings, and a line that says so.
fn stop(diags: Diagnostics, err: &mut dyn Write) -> Outcome {
    let outcome = print_diagnostics(diags, false, err);
    let _ = writeln!(
        err,
        "取り込みを中止しました（{}）。何も書き込んでいません。",
        counts(outcome)
    );
    outcome
}

/// Findings, what was (or would be) written, and each imported goal's evaluation.
fn summarise(
    diags: Diagnostics,
    plan: &ImportPlan,
    evaluations: Option<Vec<String>>,
    dry_run: bool,
    err: &mut dyn Write,
) -> Outcome {
    let outcome = print_diagnostics(diags, false, err);
    print_lines(err, &report::summary(plan, dry_run));
    if let Some(lines) = evaluations {
        let _ = writeln!(err, "評価（hyoka check と同じ検査による）:");
        print_lines(err, &lines);
    }
    outcome
}

/// The site checks' findings about the imported files, and any error elsewhere (which
/// would stop the next build).
fn concerning(checked: Diagnostics, written: &BTreeSet<PathBuf>) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for d in checked.sorted() {
        if d.severity == Severity::Error || written.contains(&d.path) {
            diags.push(d);
        }
    }
    diags
}

fn print_lines(err: &mut dyn Write, lines: &[String]) {
    for line in lines {
        let _ = writeln!(err, "{line}");
    }
}
