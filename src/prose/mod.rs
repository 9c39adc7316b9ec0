//! Proofreading of everything staff wrote: front matter strings and Markdown bodies are cut
//! into text runs ([`extract`]), each run goes through the Japanese rules of
//! [`crate::proofread`], plus two rules that need Markdown or the department
//! ([`emphasis`], [`dept_facts`]). Findings are warnings at the exact line and column, with
//! the rule id and a suggested correction. Rules are turned off in config.toml:
//! `[proofreading] doubled-kana = false`.

pub(crate) mod dept_facts;
pub(crate) mod emphasis;
pub(crate) mod extract;
pub(crate) mod locate;
pub(crate) mod placeholder;

use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Document, LoadedContent, NodeValue};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::proofread::{self, RuleInfo, RuleSet};
use dept_facts::DeptFacts;

/// The rules of this module, beside [`proofread::RULES`].
pub(crate) const MARKDOWN_RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "emphasis",
        name: "表示されない強調",
        description: "日本語の句読点や括弧に接した ** は強調にならず、そのまま表示されます",
    },
    RuleInfo {
        id: "dept-facts",
        name: "課の情報の不一致",
        description: "課の主な業務・業務の対象を、_index.md と違う文言で書き写しています",
    },
];

/// Every rule id, with its name and description.
pub(crate) fn all_rules() -> impl Iterator<Item = &'static RuleInfo> {
    proofread::RULES.iter().chain(MARKDOWN_RULES)
}

/// Checks config.toml's `[proofreading]` table: every key must be a rule id.
pub fn check_rule_config(config: &Config, diags: &mut Diagnostics) {
    let ids: Vec<&'static str> = all_rules().map(|r| r.id).collect();
    for (id, _) in &config.proofreading {
        if ids.contains(&id.as_str()) {
            continue;
        }
        let help = match crate::diag::suggest(id, &ids) {
            Some(s) => format!("もしかして「{s}」ですか？"),
            None => format!("校正ルールは {} です", ids.join(", ")),
        };
        diags.push(
            Diagnostic::error(
                Code::ConfigRule,
                Path::new("config.toml"),
                0,
                0,
                format!("[proofreading] の「{id}」という校正ルールはありません"),
            )
            .with_help(help),
        );
    }
}

/// A goal's department: its `_index.md` and the facts written there
/// ([`department_facts`], normalised once); `None` for other documents.
pub(crate) type Facts<'a> = Option<(&'a Document, &'a DeptFacts)>;

/// The proofreading rules in force for a site (config.toml's `[proofreading]`).
#[derive(Debug)]
pub struct Rules {
    rules: RuleSet,
    disabled: Vec<String>,
}

impl Rules {
    /// The rules config.toml leaves on.
    pub fn new(config: &Config) -> Self {
        let disabled: Vec<String> = config
            .proofreading
            .iter()
            .filter(|(_, on)| !on)
            .map(|(id, _)| id.clone())
            .collect();
        let ids: Vec<&str> = disabled.iter().map(String::as_str).collect();
        Rules {
            rules: RuleSet::with_disabled(&ids),
            disabled,
        }
    }

    /// Proofreads, in parallel, the documents of `content` that `wanted` selects; each goal
    /// with its department's facts ([`department_facts`], worked out only for departments
    /// with a wanted goal).
    pub fn proofread_where(
        &self,
        content: &LoadedContent,
        wanted: impl Fn(&Document) -> bool,
    ) -> Diagnostics {
        let facts: Vec<Option<DeptFacts>> = content
            .departments
            .iter()
            .map(|dept| {
                let needed = dept.goals.iter().any(&wanted);
                let index = dept.index.as_ref().filter(|_| needed)?;
                Some(DeptFacts::new(department_facts(index)))
            })
            .collect();
        // Whether each document is published (for placeholders: an error there, a warning in
        // a draft). A department is published unless all its goals are drafts.
        let mut jobs: Vec<(&Document, Facts, bool)> = Vec::new();
        jobs.extend(
            content
                .home
                .iter()
                .filter(|d| wanted(d))
                .map(|d| (d, None, true)),
        );
        for (dept, facts) in content.departments.iter().zip(&facts) {
            let facts = dept.index.as_ref().zip(facts.as_ref());
            let dept_published = dept.goals.is_empty() || dept.goals.iter().any(|g| !is_draft(g));
            jobs.extend(
                dept.index
                    .iter()
                    .filter(|d| wanted(d))
                    .map(|d| (d, None, dept_published)),
            );
            jobs.extend(
                dept.goals
                    .iter()
                    .filter(|d| wanted(d))
                    .map(|d| (d, facts, !is_draft(d))),
            );
        }
        let found: Vec<Diagnostics> = jobs
            .par_iter()
            .map(|(doc, facts, published)| {
                // Each check reads the same text runs: the Markdown is parsed once.
                let runs = Runs::of(doc);
                let mut diags = self.proofread_runs(doc, &runs, *facts);
                diags.extend(placeholders(doc, &runs, *published));
                diags
            })
            .collect();
        let mut diags = Diagnostics::new();
        found.into_iter().for_each(|d| diags.extend(d));
        diags
    }

    /// Proofreads one document; a goal also gets its department's `_index.md` and facts
    /// ([`department_facts`]).
    pub fn proofread_document(&self, doc: &Document, facts: Facts) -> Diagnostics {
        self.proofread_runs(doc, &Runs::of(doc), facts)
    }

    /// [`Rules::proofread_document`] of the document's text runs, already extracted.
    fn proofread_runs(&self, doc: &Document, runs: &Runs, facts: Facts) -> Diagnostics {
        let enabled = |id: &str| !self.disabled.iter().any(|d| d == id);
        let mut diags = Diagnostics::new();
        check_document(doc, runs, facts, &self.rules, &enabled, &mut diags);
        diags
    }
}

/// A document's text as the checks read it: its front matter's strings and its body's
/// runs of prose (Markdown parsed once for every check).
struct Runs {
    front: Vec<extract::TextRun>,
    body: Vec<extract::TextRun>,
}

impl Runs {
    fn of(doc: &Document) -> Self {
        Runs {
            front: extract::front_matter_runs(doc),
            body: extract::markdown_runs(&doc.body, body_offset(doc)),
        }
    }

    /// Every run: the front matter's, then the body's.
    fn all(&self) -> impl Iterator<Item = &extract::TextRun> {
        self.front.iter().chain(&self.body)
    }
}

/// Proofreads one document; a goal also gets its department's facts (`_index.md` and the
/// duties and 業務の対象 written there) to compare its body with.
fn check_document(
    doc: &Document,
    runs: &Runs,
    facts: Facts,
    rules: &RuleSet,
    enabled: &dyn Fn(&str) -> bool,
    diags: &mut Diagnostics,
) {
    let mut found = Capped::default();
    for run in runs.all() {
        for f in proofread::proofread(&run.text, run.kind, rules) {
            let offset = run.file_offset(f.start);
            found.push(f.rule, offset, || {
                let width = run.text[f.start..f.end].chars().count();
                (width, f.message, f.suggestion)
            });
        }
    }
    if enabled("emphasis") {
        for e in emphasis::find(&doc.body, body_offset(doc)) {
            found.push("emphasis", e.start, || {
                let width = doc.source.text[e.start..e.end].chars().count();
                let message = "この ** は強調にならず、記号のまま表示されます（日本語の括弧や句読点に接しているため）".to_string();
                (width, message, e.suggestion)
            });
        }
    }
    if let Some((index, facts)) = facts.filter(|_| enabled("dept-facts")) {
        for run in &runs.body {
            if let Some(d) = dept_facts::differing_fact(&run.text, facts) {
                found.push("dept-facts", run.file_offset(0), || {
                    let width = run.text.chars().count();
                    let message = format!(
                        "課の情報（{}）と文言が違います",
                        index.source.path.display()
                    );
                    (width, message, d.fact.to_string())
                });
            }
        }
    }
    found.report(doc, diags);
}

/// Findings of one rule shown for one file: past this many, one summary warning says how
/// many more there are (one pasted paragraph can hold 50,000 of the same typo). Above the
/// 208 near copies that the proofread-mistakes fixture pins in one file.
pub(crate) const SHOWN_PER_RULE: usize = 500;

/// A finding kept to be reported: rule, file offset, width in chars, message, suggestion.
type Kept = (&'static str, usize, usize, String, String);

/// A file's findings, at most [`SHOWN_PER_RULE`] of each rule (the first ones found, so the
/// same file always shows the same ones), and for each rule past that, how many more and
/// where the first of them is.
#[derive(Default)]
struct Capped {
    kept: Vec<Kept>,
    /// Per rule: (findings seen, offset of the first one not shown).
    seen: Vec<(&'static str, usize, usize)>,
}

impl Capped {
    /// Notes a finding of `rule` at `offset`; `details` (width, message, suggestion) is
    /// worked out only when it is shown.
    fn push(
        &mut self,
        rule: &'static str,
        offset: usize,
        details: impl FnOnce() -> (usize, String, String),
    ) {
        let k = match self.seen.iter().position(|s| s.0 == rule) {
            Some(k) => k,
            None => {
                self.seen.push((rule, 0, 0));
                self.seen.len() - 1
            }
        };
        let seen = &mut self.seen[k];
        seen.1 += 1;
        if seen.1 <= SHOWN_PER_RULE {
            let (width, message, suggestion) = details();
            self.kept.push((rule, offset, width, message, suggestion));
        } else if seen.1 == SHOWN_PER_RULE + 1 {
            seen.2 = offset;
        }
    }

    /// The warnings: each kept finding at its place, and a summary for each rule past the cap.
    fn report(self, doc: &Document, diags: &mut Diagnostics) {
        let over: Vec<_> = self.seen.iter().filter(|s| s.1 > SHOWN_PER_RULE).collect();
        let offsets: Vec<usize> = self
            .kept
            .iter()
            .map(|k| k.1)
            .chain(over.iter().map(|s| s.2))
            .collect();
        let places = locate::places(&doc.source.text, &offsets);
        for ((rule, _, width, message, suggestion), place) in self.kept.into_iter().zip(&places) {
            diags.push(warning(doc, rule, place, width, message, &suggestion));
        }
        for (&&(rule, seen, _), place) in over.iter().zip(&places[places.len() - over.len()..]) {
            let more = seen - SHOWN_PER_RULE;
            diags.push(
                Diagnostic::proofreading(
                    rule,
                    &doc.source.path,
                    place.line,
                    place.column,
                    format!("このファイルには同じ種類の指摘（{rule}）がほかに {more} 件あります"),
                )
                .with_help(format!(
                    "最初の {SHOWN_PER_RULE} 件だけを表示しています。表示された箇所を直してから、もう一度確かめてください"
                )),
            );
        }
    }
}

/// Whether a document says `draft: true`.
fn is_draft(doc: &Document) -> bool {
    doc.front
        .as_ref()
        .and_then(|f| f.get("draft"))
        .is_some_and(|n| matches!(n.value, NodeValue::Bool(true)))
}

/// Archetype placeholders left in `doc` ([`placeholder`]): errors (`E-PLACEHOLDER`) when the
/// file is published, warnings (`W-PLACEHOLDER`) in a draft.
fn placeholders(doc: &Document, runs: &Runs, published: bool) -> Diagnostics {
    let mut diags = Diagnostics::new();
    if doc.unreadable {
        return diags;
    }
    for run in runs.all() {
        for range in placeholder::find(&run.text) {
            let found = &run.text[range.clone()];
            let (line, column) = doc.source.line_col(run.file_offset(range.start));
            let (code, message, help) = if published {
                (
                    Code::Placeholder,
                    format!("ひな形の仮の文「{found}」が残っています。このままでは公開できません"),
                    "この文を、住民に読んでもらう本当の内容に書き換えてください。まだ書けないときは draft: true にして下書きにします",
                )
            } else {
                (
                    Code::PlaceholderInDraft,
                    format!(
                        "ひな形の仮の文「{found}」が残っています（下書きなので公開はされません）"
                    ),
                    "公開する前に、この文を本当の内容に書き換えてください",
                )
            };
            let d = if published {
                Diagnostic::error(code, &doc.source.path, line, column, message)
            } else {
                Diagnostic::warning(code, &doc.source.path, line, column, message)
            };
            diags.push(
                d.with_help(help)
                    .with_width(found.chars().count())
                    .with_source_line(doc.source.line(line)),
            );
        }
    }
    diags
}

/// Duties and 業務の対象 of a department, as written in its `_index.md`.
pub(crate) fn department_facts(index: &Document) -> Vec<String> {
    let Some(front) = &index.front else {
        return Vec::new();
    };
    let mut facts = Vec::new();
    if let Some(NodeValue::Seq(items)) = front.get("duties").map(|n| &n.value) {
        facts.extend(items.iter().filter_map(|i| i.as_text()));
    }
    facts.extend(front.get("served").and_then(|n| n.as_text()));
    facts
}

/// The body is the file's tail.
fn body_offset(doc: &Document) -> usize {
    doc.source.text.len() - doc.body.len()
}

fn warning(
    doc: &Document,
    rule: &'static str,
    place: &locate::Place,
    width: usize,
    message: String,
    suggestion: &str,
) -> Diagnostic {
    let help = if suggestion.is_empty() {
        "文言を確認してください".to_string()
    } else {
        format!("修正案: {suggestion}")
    };
    Diagnostic::proofreading(rule, &doc.source.path, place.line, place.column, message)
        .with_help(help)
        .with_width(width)
        .with_source_window(&place.window, place.cut_before, place.cut_after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{SourceFile, parse_document};

    fn check(text: String) -> Vec<Diagnostic> {
        let doc = parse_document(
            SourceFile::new("content/somu/a.md", text),
            &mut Diagnostics::new(),
        );
        let mut diags = Diagnostics::new();
        check_document(
            &doc,
            &Runs::of(&doc),
            None,
            &RuleSet::all(),
            &|_| true,
            &mut diags,
        );
        diags.sorted()
    }

    /// Bytes the diagnostics hold: message, help and shown line.
    fn held(diags: &[Diagnostic]) -> usize {
        diags
            .iter()
            .map(|d| {
                d.message.len()
                    + d.help.as_ref().map_or(0, String::len)
                    + d.source_line.as_ref().map_or(0, String::len)
            })
            .sum()
    }

    #[test]
    fn findings_on_one_long_line_hold_a_bounded_window_and_are_capped_per_rule() {
        // 20,000 「つた」 on one 120 KB line: each finding used to hold a copy of the line.
        let line = "つた".repeat(20_000);
        let diags = check(format!("---\ntitle: 題名\n---\n\n{line}\n"));
        assert!(held(&diags) < 1_000_000, "{} bytes", held(&diags));
        assert_eq!(diags.len(), SHOWN_PER_RULE + 1, "{:#?}", &diags[..3]);
        assert!(diags.iter().all(|d| d.code == "small-tsu" && d.line == 5));
        let columns: Vec<usize> = diags.iter().map(|d| d.column).collect();
        let expected: Vec<usize> = (0..=SHOWN_PER_RULE).map(|k| 4 * k + 2).collect();
        assert_eq!(columns, expected);
        let summary = &diags[SHOWN_PER_RULE];
        assert_eq!(
            summary.message,
            format!(
                "このファイルには同じ種類の指摘（small-tsu）がほかに {} 件あります",
                10_000 - SHOWN_PER_RULE
            )
        );
        assert!(summary.source_line.is_none());
        // The caret of a cut line is still under the finding.
        let shown = diags[160].render();
        let lines: Vec<&str> = shown.lines().collect();
        let window = lines[2].strip_prefix("5 | ").unwrap();
        assert!(window.starts_with('…') && window.ends_with('…'), "{window}");
        let caret = lines[3].strip_prefix("  | ").unwrap();
        let d = &diags[160];
        assert_eq!(caret.trim_start(), "^".repeat(2 * d.width));
        // 「…」 is one column and each kana two.
        let at = d.column - 1 - d.source_cut_before;
        assert_eq!(caret.find('^'), Some(1 + 2 * at));
    }

    #[test]
    fn a_short_file_shows_every_finding_with_its_whole_line() {
        let diags =
            check("---\ntitle: 題名\n---\n\n実情にあつた計画と、現地に行つて確認した。\n".into());
        assert_eq!(diags.len(), 2);
        assert!(diags.iter().all(|d| d.source_line.as_deref()
            == Some("実情にあつた計画と、現地に行つて確認した。")
            && d.source_cut_before == 0
            && !d.source_cut_after));
    }
}
