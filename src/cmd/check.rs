//! `hyoka check`: everything `build` checks, plus rendering in memory (so template errors
//! show too); nothing is written.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::{CheckArgs, Format};
use crate::error::Error;
use crate::links::External;
use crate::load::{self, BuildOptions};
use crate::model::edition::archive_path;
use crate::output::Emit;
use crate::timings::Timings;
use crate::{edition, pipeline};

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
    let mut external = None;
    // The [[editions]] tags are checked as build checks them; their pages are made in
    // memory as targets of the current pages' links (過去の版), their own links unchecked.
    let mut archives = Vec::new();
    if let Some(site) = &mut site {
        let (found_archives, found) = edition::load_editions(&root, site, &Timings::new())?;
        diags.extend(found);
        archives = found_archives;
    }
    if let Some(site) = &site
        && !diags.has_errors()
    {
        let unchecked: Vec<String> = archives.iter().map(|a| archive_path(&a.tag)).collect();
        let also = |out: &dyn Emit| -> Result<(), Error> {
            for archived in &archives {
                let under = edition::Under::new(out, &archived.tag);
                pipeline::emit_site(&archived.site, &root, &under, &Timings::new())?;
            }
            Ok(())
        };
        let report = pipeline::check_site(site, &root, &also, &unchecked)?;
        diags.extend(report.diagnostics);
        external = Some(report.external);
    }
    if args.external {
        match &external {
            Some(list) => {
                let _ = write!(out, "{}", external_report(list));
            }
            None => {
                let _ = writeln!(
                    err,
                    "サイトの外へのリンクの一覧は、内容のエラーを直してから出します。"
                );
            }
        }
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

/// `hyoka check --external`: the links out of the site, grouped by host (no network: a
/// list for the webmaster to check elsewhere).
fn external_report(links: &[External]) -> String {
    use std::collections::BTreeMap;
    let mut by_host: BTreeMap<&str, Vec<&External>> = BTreeMap::new();
    for link in links {
        let host = link
            .url
            .split_once("://")
            .map_or("", |(_, rest)| rest)
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("");
        by_host.entry(host).or_default().push(link);
    }
    let mut out = format!(
        "サイトの外へのリンク {}件（{}ホスト）。hyoka はネットワークに接続しないため、つながるかはリンクチェッカーなどで確かめてください:\n",
        links.len(),
        by_host.len()
    );
    for (host, links) in by_host {
        out += &format!("\n{host}（{}件）\n", links.len());
        for link in links {
            out += &format!("  {}  {}\n", link.place, link.url);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_links_are_grouped_by_host() {
        let link = |url: &str, place: &str| External {
            url: url.to_string(),
            place: place.to_string(),
        };
        let report = external_report(&[
            link("https://b.example/x", "content/somu/a.md:3:1"),
            link(
                "https://a.example/",
                "テンプレート: index.html ほか 9 ページ",
            ),
            link("http://b.example:8080/y?q=1", "content/somu/a.md:9:4"),
        ]);
        assert_eq!(
            report,
            "サイトの外へのリンク 3件（3ホスト）。hyoka はネットワークに接続しないため、つながるかはリンクチェッカーなどで確かめてください:\n\
             \na.example（1件）\n  テンプレート: index.html ほか 9 ページ  https://a.example/\n\
             \nb.example（1件）\n  content/somu/a.md:3:1  https://b.example/x\n\
             \nb.example:8080（1件）\n  content/somu/a.md:9:4  http://b.example:8080/y?q=1\n"
        );
    }
}
