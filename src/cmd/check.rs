//! `hyoka check`: everything `build` checks, plus rendering in memory (so template errors
//! show too); nothing is written.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::{CheckArgs, Format};
use crate::error::Error;
use crate::load::{self, BuildOptions};
use crate::pipeline;
use crate::timings::Timings;

use super::{Outcome, counts, print_diagnostics, print_json};

/// Runs the checks; findings go to `out` (JSON) or `err` (text).
pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome, Error> {
    let root = args.site.clone().unwrap_or_else(|| PathBuf::from("."));
    let options = BuildOptions {
        root: root.clone(),
        base_url: None,
        drafts: true,
    };
    let (mut site, mut diags) = load::load_site(&options, &[], &Timings::new())?;
    // The [[editions]] tags are checked as build checks them (their pages are not rendered).
    if let Some(site) = &mut site {
        let (_, found) = crate::edition::load_editions(&root, site, &Timings::new())?;
        diags.extend(found);
    }
    if let Some(site) = &site
        && !diags.has_errors()
    {
        pipeline::check_site(site, &root)?;
    }
    let outcome = match args.format {
        Format::Json => print_json(diags, out),
        Format::Text => {
            let outcome = print_diagnostics(diags, false, err);
            let verdict = if outcome.errors > 0 {
                "問題があります"
            } else if outcome.warnings > 0 {
                "エラーはありません。警告を確かめてください"
            } else {
                "問題はありません"
            };
            let _ = writeln!(err, "検査しました: {verdict}（{}）", counts(outcome));
            outcome
        }
    };
    Ok(outcome)
}
