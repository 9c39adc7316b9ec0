//! `hyoka import`: plan the files from the sheets in memory; stop before writing on any
//! error or an existing file (without `--force`); with `--dry-run` print the files instead;
//! otherwise write them all, run the site's checks on what was written, and summarise.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::ImportArgs;
use crate::diag::{Diagnostics, Severity};
use crate::error::Error;
use crate::import::{self, report};
use crate::pipeline::{self, BuildOptions};

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
        let outcome = print_diagnostics(diags, false, err);
        let _ = writeln!(
            err,
            "取り込みを中止しました（{}）。何も書き込んでいません。",
            counts(outcome)
        );
        return Ok(outcome);
    };
    let files = plan.files();
    if args.dry_run {
        for f in &files {
            let _ = writeln!(out, "==> {} <==\n{}", f.path.display(), f.text);
        }
        let outcome = print_diagnostics(diags, false, err);
        print_lines(err, &report::summary(&plan, true));
        let _ = writeln!(
            err,
            "--dry-run のため何も書き込んでいません（{}）",
            counts(outcome)
        );
        return Ok(outcome);
    }
    import::write_files(&root, &files, args.force).map_err(|e| Error::Io {
        path: root.join(&e.path),
        source: e.source,
    })?;
    let written: Vec<PathBuf> = files.into_iter().map(|f| f.path).collect();
    let options = BuildOptions {
        root: root.clone(),
        base_url: None,
        drafts: true,
    };
    let (site, checked) = pipeline::load_site(&options)?;
    let outcome = print_diagnostics(concerning(diags, checked, &written), false, err);
    print_lines(err, &report::summary(&plan, false));
    if let Some(site) = &site {
        let _ = writeln!(err, "評価（hyoka check と同じ検査の結果）:");
        print_lines(err, &report::evaluations(site, &written));
    }
    let _ = writeln!(
        err,
        "{}ファイルを書き込み、検査しました（{}）。hyoka build でサイトに反映できます。",
        written.len(),
        counts(outcome)
    );
    Ok(outcome)
}

/// The import's own findings, and the site checks' findings about the files it wrote (and
/// any error, which would stop the next build).
fn concerning(mut diags: Diagnostics, checked: Diagnostics, written: &[PathBuf]) -> Diagnostics {
    for d in checked.sorted() {
        if d.severity == Severity::Error || written.iter().any(|w| Path::new(w) == d.path) {
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
