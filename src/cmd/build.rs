//! `hyoka build`: load and check everything; on any content error stop before the output
//! folder is touched; otherwise write the site into a staging folder as it is made and swap
//! it into the output folder.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use crate::cli::BuildArgs;
use crate::edition;
use crate::error::Error;
use crate::load::{self, BuildOptions};
use crate::output::{self, StagedOutput};
use crate::timings::{Stage, Timings};
use crate::{links, pipeline};

use super::pdf;
use super::progress::Progress;
use super::{Outcome, counts, print_diagnostics};

/// Runs the build; messages go to `err`.
pub fn run(args: &BuildArgs, err: &mut dyn Write) -> Result<Outcome, Error> {
    let started = Instant::now();
    let root = args.site.clone().unwrap_or_else(|| PathBuf::from("."));
    let options = BuildOptions {
        root: root.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
    };
    let progress = Progress::start("内容を読み込んで検査しています");
    let timings = Timings::new();
    let (site, mut diags) = load::load_site_for_build(&options, &timings)?;
    // 過去の版 ([[editions]]): loaded with the current site, their findings among its own.
    let (site, editions) = match site {
        Some(mut site) => {
            let (editions, found) = edition::load_editions(&root, &mut site, &timings)?;
            diags.extend(found);
            (Some(site), editions)
        }
        None => (None, Vec::new()),
    };
    let site = match site {
        Some(site) if !diags.has_errors() => site,
        _ => {
            drop(progress);
            let outcome = print_diagnostics(diags, args.quiet, err);
            let _ = writeln!(
                err,
                "ビルドを中止しました（{}）。出力フォルダーは変更していません。",
                counts(outcome)
            );
            return Ok(outcome);
        }
    };
    let outcome = progress.suspend(|| print_diagnostics(diags, args.quiet, err));
    // Without a history from git (§10) its pages are left out: said once, as a note.
    if let crate::model::history::History::Absent(absence) = &site.history
        && !args.quiet
    {
        let _ = progress.suspend(|| writeln!(err, "{}", absence.message()));
    }
    let target = args.output.clone().unwrap_or_else(|| root.join("public"));
    let target = output::check_output_dir(&root, &target)?;
    // public/ is hyoka's by contract; a folder named on the command line may be anyone's.
    if args.output.is_some() {
        output::check_replaceable(&target)?;
    }
    // Files go into a staging folder as they are made; it replaces the output only when
    // everything succeeded.
    progress.stage("ページとグラフを作って書き出しています");
    let staged = StagedOutput::begin(&target)?;
    let (departments, goals) = (site.departments.len(), site.goals().count());
    // The links of the bodies are taken before the build drops each body with its page.
    let link_started = Instant::now();
    let (mut sources, base) = (links::SourceLinks::of(&site), pipeline::link_base(&site));
    timings.since(Stage::Links, link_started);
    // 過去の版 under archive/<tag>/: their files are targets of the current pages' links,
    // their own links are history (written under earlier rules) and are not checked.
    let archives = editions
        .iter()
        .map(|archived| crate::model::edition::archive_path(&archived.tag))
        .collect();
    let collector = links::LinkCollector::new(&staged, base.clone())
        .timed(&timings)
        .unchecked_under(archives);
    // The goals' own links come as their bodies are read again from their files.
    sources
        .0
        .extend(pipeline::emit_site_once(site, &root, &collector, &timings)?);
    for archived in editions {
        let under = edition::Under::new(&collector, &archived.tag);
        pipeline::emit_site_once(archived.site, &root, &under, &timings)?;
    }
    let index = collector.into_index();
    let report = timings.time(Stage::Links, || {
        links::check(&index, &sources, &base, &root)
    });
    let failed = report.diagnostics.has_errors();
    if failed {
        // The staged folder is dropped unswapped: the output stays as it was.
        drop(staged);
        drop(progress);
        let found = print_diagnostics(report.diagnostics, args.quiet, err);
        let outcome = outcome.plus(found);
        let _ = writeln!(
            err,
            "ビルドを中止しました（{}）。出力フォルダーは変更していません。",
            counts(outcome)
        );
        return Ok(outcome);
    }
    let found = progress.suspend(|| print_diagnostics(report.diagnostics, args.quiet, err));
    let outcome = outcome.plus(found);
    // The PDF is printed from the staged booklet and goes in with the rest; without it the
    // HTML still replaces the output, and the command fails after saying so.
    let pdf = if args.pdf {
        progress.stage("冊子を PDF に印刷しています");
        print_booklet(&staged, &target)
    } else {
        Ok(())
    };
    let stats = timings.time(Stage::Write, || staged.finish())?;
    drop(progress);
    let _ = writeln!(
        err,
        "{}課・{}目標、{}ファイル（{} KB）を {} に書き出しました（{} ms、{}）",
        departments,
        goals,
        stats.files,
        stats.bytes.div_ceil(1024),
        target.display(),
        started.elapsed().as_millis(),
        counts(outcome),
    );
    if !stats.kept.is_empty() {
        let _ = writeln!(err, "{}", kept_message(&stats.kept));
    }
    if args.timings {
        let _ = write!(err, "{}", timings.report(rayon::current_num_threads()));
    }
    pdf?;
    if args.pdf {
        let _ = writeln!(
            err,
            "冊子の PDF を {} に書き出しました",
            target.join(pdf::PDF_PATH).display()
        );
    }
    Ok(outcome)
}

/// `--pdf`: the staged booklet printed by Chromium, its PDF written into the staged output.
fn print_booklet(staged: &StagedOutput, target: &std::path::Path) -> Result<(), Error> {
    let html = target.join(pdf::REPORT_FILE);
    let Some(chromium) = pdf::find_chromium() else {
        return Err(Error::NoChromium { html });
    };
    let Some(page) = staged.staged_file(pdf::REPORT_FILE) else {
        return Err(Error::Pdf {
            detail: format!("{} を作っていません", pdf::REPORT_FILE),
            html,
        });
    };
    let bytes =
        pdf::print_to_pdf(&chromium, &page, pdf::PRINT_LIMIT).map_err(|detail| Error::Pdf {
            detail,
            html: html.clone(),
        })?;
    staged.write(pdf::PDF_PATH.to_string(), &bytes)?;
    Ok(())
}

/// Files in the output that hyoka did not write are kept; staff are told which.
fn kept_message(kept: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut list = kept
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join("、");
    if kept.len() > SHOWN {
        list += &format!(" ほか {} 件", kept.len() - SHOWN);
    }
    format!(
        "出力先にあった、hyoka が書いたものではないファイル {} 件は、そのまま残しました: {list}",
        kept.len()
    )
}
