//! What an import tells staff, in Japanese: each disagreement between the copies of the
//! department facts and each direction it could not infer, as diagnostics at the sheet's
//! file and line; and the summary of what was (or would be) written.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::content::SourceFile;
use crate::diag::{Code, Diagnostic};
use crate::model::Site;
use crate::model::value::format_percent;

use super::ImportPlan;
use super::direction::Inference;
use super::sheet::{self, Sheet};
use super::vote::Disagreement;

/// A copy of the department facts that lost the vote, at its line.
pub(crate) fn disagreement(d: &Disagreement, source: Option<&SourceFile>) -> Diagnostic {
    let (message, help) = if d.count {
        (
            format!(
                "この写しの項目は{}件で、他の写し（{}枚中{}枚）の{}件と違うため、多数決から外しました",
                d.written, d.copies, d.agreeing, d.chosen
            ),
            "取り込んだ _index.md の内容を確認してください".to_string(),
        )
    } else if d.heading {
        (
            format!(
                "見出しの文言が他の写しと違います（{}枚中{}枚が同じ文言）",
                d.copies, d.agreeing
            ),
            format!(
                "多数の写しは「{}」です。見出しは取り込まないため、書き出す内容には影響しません",
                d.chosen
            ),
        )
    } else {
        let how = if d.tie {
            "同数のため、校正で指摘のない方（同じなら先のシート）の文言"
        } else {
            "多数の写しの文言"
        };
        (
            format!(
                "課の情報の写しが他と違います（{}枚中{}枚が同じ文言）",
                d.copies, d.agreeing
            ),
            format!("{how}「{}」を採用しました", d.chosen),
        )
    };
    let line = source.and_then(|s| s.line(d.line));
    // Point at the item itself, not at its `- ・`.
    let (column, width) = match line.and_then(|l| l.find(d.written.as_str())) {
        Some(at) if !d.count => (
            line.map_or(0, |l| l[..at].chars().count()) + 1,
            d.written.chars().count(),
        ),
        _ => (1, 0),
    };
    Diagnostic::warning(Code::ImportFacts, &d.path, d.line, column, message)
        .with_help(help)
        .with_width(width)
        .with_source_line(line)
}

/// The sheets' duties differ from those of the `_index.md` that is kept.
pub(crate) fn kept_index_differs(path: &Path) -> Diagnostic {
    Diagnostic::warning(
        Code::ImportKept,
        path,
        0,
        0,
        "シートの主な業務がこのファイルと違いますが、このファイルをそのまま使います",
    )
    .with_help("シートの内容で置き換えるなら --force を付けて取り込み直してください（--dry-run で内容を確かめられます）")
}

/// A goal whose final target equals its baseline.
pub(crate) fn unknown_direction(
    path: &Path,
    line: usize,
    source: Option<&SourceFile>,
) -> Diagnostic {
    Diagnostic::warning(
        Code::ImportDirection,
        path,
        line,
        1,
        "最終目標値が初期値と同じため、高いほど良いか低いほど良いかを推定できません（direction: up と仮に書きました）",
    )
    .with_help("取り込んだファイルの direction を確かめ、低いほど良い指標なら down にしてください")
    .with_source_line(source.and_then(|s| s.line(line)))
}

/// The comment on top of `_index.md`.
pub(crate) fn provenance_of_facts(sheets: &[Sheet], copies: usize) -> String {
    let mut names: Vec<String> = sheets
        .iter()
        .map(|s| sheet::display_name(&s.path))
        .collect();
    names.dedup();
    format!(
        "hyoka import: {} の{copies}枚のシートに繰り返し書かれた課の情報を、行ごとの多数決で取り込みました",
        names.join("、")
    )
}

/// The summary of a plan, one line each (what the command prints before the checks).
pub(crate) fn summary(plan: &ImportPlan, dry_run: bool) -> Vec<String> {
    let verb = if dry_run {
        "書き込む予定"
    } else {
        "書き込みました"
    };
    let mut out = vec![format!(
        "取り込み: 課「{}」（{}/）、目標 {}件",
        plan.department,
        plan.folder.display(),
        plan.goals.len()
    )];
    match &plan.index {
        Some(f) => out.push(format!(
            "  {} — 課の情報: 主な業務 {}件・業務の対象 {}段落（{}枚の写しから行ごとに多数決、食い違い {}か所）［{verb}］",
            f.path.display(),
            plan.facts.0,
            plan.facts.1,
            plan.copies,
            plan.disagreements.len()
        )),
        None => out.push(format!(
            "  {}/_index.md — 既存のファイルをそのまま使います（置き換えるには --force）",
            plan.folder.display()
        )),
    }
    for g in &plan.goals {
        let direction = match g.inference {
            Inference::Inferred(d) => format!("direction: {}（推定）", d.code()),
            Inference::Unknown => "direction: 推定できません（up と仮置き・要確認）".to_string(),
        };
        out.push(format!(
            "  {} — {}、{}（{}:{}）［{verb}］",
            g.file.path.display(),
            g.title,
            direction,
            g.sheet.0.display(),
            g.sheet.1
        ));
    }
    let unknown = plan
        .goals
        .iter()
        .filter(|g| g.inference == Inference::Unknown)
        .count();
    out.push(format!(
        "direction（高いほど良い／低いほど良い）はシートにないため、最終目標値と初期値から推定しました: 推定 {}件、推定できず {unknown}件",
        plan.goals.len() - unknown
    ));
    if !plan.arithmetic.is_empty() {
        out.push(format!(
            "シートに印刷された達成率・進捗率の検算（hyoka の計算と比べて、端数の違いを超えるもの）: 食い違い {}件",
            plan.arithmetic.len()
        ));
        out.extend(plan.arithmetic.iter().cloned());
    }
    for d in &plan.drafted {
        out.push(format!(
            "  {} — hyoka init の仮の目標のため、下書き（draft: true）にしました［{verb}］",
            d.path.display()
        ));
    }
    if !plan.replaced.is_empty() {
        out.push(format!(
            "--force により既存の{}ファイルを置き換えます",
            plan.replaced.len()
        ));
    }
    out
}

/// One line per imported goal with its evaluation, as the built site will show it.
pub(crate) fn evaluations(site: Option<&Site>, written: &BTreeSet<PathBuf>) -> Option<Vec<String>> {
    let site = site?;
    let lines = site
        .goals()
        .filter(|(_, g)| written.contains(&g.source))
        .map(|(_, g)| {
            let e = g.evaluation();
            let pct = |v: Option<f64>| v.map_or("—".to_string(), format_percent);
            format!(
                "  {} {} — {}{}（進捗率 {}、達成率 {}）",
                g.source.display(),
                g.title,
                e.status.symbol(),
                e.status.label(),
                pct(e.progress_pct),
                pct(e.achievement_pct)
            )
        })
        .collect();
    Some(lines)
}

/// W-IMPORT-GRADE: a sheet gives the town's grade (評価) but config.toml has no grade scale,
/// so the grade was written into `goal` as a comment; says how to turn it on.
pub(crate) fn grade_without_scale(
    sheet: &Path,
    line: usize,
    (code, label): &(String, String),
    goal: &Path,
) -> Diagnostic {
    Diagnostic::warning(
        Code::ImportGrade,
        sheet,
        line,
        0,
        format!(
            "シートの評価「{code} {label}」は、config.toml に評価の段階（[[grades]]）がないため、{} にコメントとして書きました（サイトには載りません）",
            goal.display()
        ),
    )
    .with_help(format!(
        "載せるには config.toml に町の評価の段階を書き（例: [[grades]] の下に code = \"{code}\" と label = \"{label}\"。段階ごとに [[grades]] を一つ）、{} の「# assessment:」と「#   grade: {code}」の行の先頭の「# 」を消してください",
        goal.display()
    ))
}
