//! `hyoka import`: the town's legacy text sheets → content files. Its own front door: it
//! reads the sheets (through [`content::read_source_text`]: BOM, CRLF, Shift_JIS), parses
//! them with line numbers ([`sheet`], [`table`]), votes the department facts repeated in
//! every sheet ([`vote`]), infers `direction` ([`direction`]), names the files ([`slug`]),
//! writes their text ([`emit`]) — all in memory, as an [`ImportPlan`] — and only then, when
//! nothing went wrong and no file would be replaced without `--force`, writes them all or
//! none ([`write`](mod@write)). Checking the written site is the command's job (`cmd::import`).

pub mod direction;
pub mod emit;
pub mod report;
pub mod sheet;
pub mod slug;
pub mod table;
pub mod vote;
pub mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::content::{self, DepartmentDocs, Document, LoadedContent, NodeValue, SourceFile};
use crate::diag::{Diagnostic, Diagnostics};
use crate::fsio::FsError;
use crate::model::goal::is_valid_slug;

use direction::Inference;
use sheet::Sheet;
use vote::Disagreement;
pub use write::{NewFile, WriteError, write_files};

/// What was asked on the command line.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The sheet files.
    pub sheets: Vec<PathBuf>,
    /// `--department`: the 課名 (the sheets say only 当課).
    pub department: Option<String>,
    /// `--slug`: the department's folder name.
    pub slug: Option<String>,
    /// `--force`: replace existing files.
    pub force: bool,
}

/// One goal the import will write.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedGoal {
    /// The file.
    pub file: NewFile,
    /// 目標名.
    pub title: String,
    /// What the numbers said about `direction`.
    pub inference: Inference,
    /// The sheet and the line it starts at.
    pub sheet: (PathBuf, usize),
}

/// Everything an import will write, and what it found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    /// 課名.
    pub department: String,
    /// `content/<slug>/`.
    pub folder: PathBuf,
    /// The department file, or `None` when an existing `_index.md` is kept.
    pub index: Option<NewFile>,
    /// 主な業務 and 業務の対象 chosen (lines).
    pub facts: (usize, usize),
    /// How many sheets repeated the department facts.
    pub copies: usize,
    /// Where the copies disagreed.
    pub disagreements: Vec<Disagreement>,
    /// The goals, in sheet order.
    pub goals: Vec<PlannedGoal>,
    /// Files that exist and will be replaced (only with `--force`).
    pub replaced: Vec<PathBuf>,
}

impl ImportPlan {
    /// Every file to write, department first.
    pub fn files(&self) -> Vec<NewFile> {
        self.index
            .iter()
            .cloned()
            .chain(self.goals.iter().map(|g| g.file.clone()))
            .collect()
    }
}

/// Reads and parses every sheet and plans the files. `None` (with errors in `diags`) when
/// anything is wrong: then nothing may be written.
pub fn plan(
    root: &Path,
    request: &Request,
    diags: &mut Diagnostics,
) -> Result<Option<ImportPlan>, FsError> {
    let (sheets, sources) = read_sheets(&request.sheets, diags)?;
    if diags.has_errors() {
        return Ok(None);
    }
    let existing = if root.join("content").is_dir() {
        content::load_content(root, &mut Diagnostics::new())?
    } else {
        LoadedContent::default()
    };
    let Some((department, slug)) = department(request, &existing, &sheets, diags) else {
        return Ok(None);
    };
    let folder = Path::new("content").join(&slug);
    let dept_docs = existing.departments.iter().find(|d| d.folder == slug);
    let facts = vote::vote_facts(&sheets);
    for d in &facts.disagreements {
        diags.push(report::disagreement(d, sources.get(&d.path)));
    }
    let index_path = folder.join("_index.md");
    let index = (request.force || !root.join(&index_path).is_file()).then(|| NewFile {
        path: index_path,
        text: emit::department_file(&emit::DepartmentPage {
            title: department.clone(),
            weight: department_weight(&existing, dept_docs),
            duties: facts.duties.clone(),
            served: facts.served.clone(),
            provenance: report::provenance_of_facts(&sheets, facts.copies),
        }),
    });
    if index.is_none()
        && let Some(kept) = dept_docs.and_then(|d| d.index.as_ref())
        && duties_of(kept) != facts.duties
    {
        diags.push(report::kept_index_differs(&kept.source.path));
    }
    let existing_goals: Vec<(String, Option<String>)> = dept_docs
        .map(|d| d.goals.iter().map(|g| (g.stem(), title_of(g))).collect())
        .unwrap_or_default();
    let goals = plan_goals(&sheets, &folder, &existing_goals, diags, &sources);
    let mut plan = ImportPlan {
        department,
        folder,
        index,
        facts: (facts.duties.len(), facts.served.len()),
        copies: facts.copies,
        disagreements: facts.disagreements,
        goals,
        replaced: Vec::new(),
    };
    plan.replaced = existing_files(root, &plan);
    if !request.force && !plan.replaced.is_empty() {
        refuse(&plan.replaced, diags);
        return Ok(None);
    }
    Ok(Some(plan))
}

/// The planned files that exist already.
fn existing_files(root: &Path, plan: &ImportPlan) -> Vec<PathBuf> {
    plan.files()
        .into_iter()
        .map(|f| f.path)
        .filter(|p| root.join(p).exists())
        .collect()
}

/// Without `--force`, an existing file stops the import.
fn refuse(existing: &[PathBuf], diags: &mut Diagnostics) {
    for p in existing {
        diags.push(
            Diagnostic::error("E-IMPORT-EXISTS", p, 0, 0, "このファイルはすでにあるため、取り込みを中止しました（何も書き込んでいません）")
                .with_help("同じシートを取り込み直すなら --force を付けて上書きしてください（先に内容を確認してください）"),
        );
    }
}

/// Reads and parses every sheet file (each once), keeping the texts for messages.
fn read_sheets(
    paths: &[PathBuf],
    diags: &mut Diagnostics,
) -> Result<(Vec<Sheet>, BTreeMap<PathBuf, SourceFile>), FsError> {
    let mut sheets: Vec<Sheet> = Vec::new();
    let mut sources: BTreeMap<PathBuf, SourceFile> = BTreeMap::new();
    for path in paths {
        let rel = content::relative(Path::new("."), path);
        if sources.contains_key(&rel) {
            continue; // the same file named twice would vote twice
        }
        let Some(text) = content::read_source_text(Path::new("."), path, diags)? else {
            continue;
        };
        let source = SourceFile::new(rel, text);
        sheets.extend(sheet::parse_sheets(&source, diags));
        sources.insert(source.path.clone(), source);
    }
    Ok((sheets, sources))
}

/// A department keeps its `weight:` when its `_index.md` is replaced; a new one comes
/// after the others (10, 20, 30 …).
fn department_weight(existing: &LoadedContent, dept: Option<&DepartmentDocs>) -> i64 {
    let written = dept
        .and_then(|d| d.index.as_ref())
        .and_then(|i| i.front.as_ref()?.get("weight")?.as_text())
        .and_then(|w| w.parse().ok());
    written.unwrap_or(10 * (existing.departments.len() as i64 + 1))
}

/// The 課名 and folder: `--department` (or the title of the `--slug` folder), and `--slug`
/// (or the folder already holding that 課名, or a new slug from the name).
fn department(
    request: &Request,
    existing: &LoadedContent,
    sheets: &[Sheet],
    diags: &mut Diagnostics,
) -> Option<(String, String)> {
    let first = request.sheets.first().cloned().unwrap_or_default();
    let title_of_folder = |folder: &str| {
        existing
            .departments
            .iter()
            .find(|d| d.folder == folder)
            .and_then(|d| d.index.as_ref())
            .and_then(title_of)
    };
    if let Some(slug) = &request.slug
        && !is_valid_slug(slug)
    {
        diags.push(
            Diagnostic::error(
                "E-IMPORT-SLUG",
                &first,
                0,
                0,
                format!("--slug「{slug}」はURLに使えません"),
            )
            .with_help("半角の英小文字・数字・ハイフンで書いてください（例: --slug somu）"),
        );
        return None;
    }
    let title = request
        .department
        .clone()
        .or_else(|| request.slug.as_deref().and_then(title_of_folder));
    let Some(title) = title.filter(|t| !t.trim().is_empty()) else {
        diags.push(
            Diagnostic::error(
                "E-IMPORT-DEPARTMENT",
                &first,
                0,
                0,
                format!(
                    "課名がわかりません（{}枚のシートはどれも「当課」としか書いていません）",
                    sheets.len()
                ),
            )
            .with_help("--department 総務課 のように課名を指定してください"),
        );
        return None;
    };
    let title = title.trim().to_string();
    let slug = request.slug.clone().unwrap_or_else(|| {
        let same = existing
            .departments
            .iter()
            .find(|d| d.index.as_ref().and_then(title_of).as_deref() == Some(title.as_str()));
        match same {
            Some(d) => d.folder.clone(),
            None => slug::unique(&slug::department_slug(&title), &mut 1, |s| {
                existing.departments.iter().any(|d| d.folder == s)
            }),
        }
    });
    Some((title, slug))
}

/// One file per sheet, named by [`slug`]: a goal whose title an existing file already has
/// keeps that file's name (it is the same goal, replaced only with `--force`); any other
/// name already taken gets a number.
fn plan_goals(
    sheets: &[Sheet],
    folder: &Path,
    existing: &[(String, Option<String>)],
    diags: &mut Diagnostics,
    sources: &BTreeMap<PathBuf, SourceFile>,
) -> Vec<PlannedGoal> {
    let slugs = goal_slugs(sheets, existing);
    // Goals kept from before come first; re-importing the same sheets gives the same weights.
    let kept = existing
        .iter()
        .filter(|(stem, _)| !slugs.contains(stem))
        .count();
    let mut goals = Vec::new();
    for (i, (s, slug)) in sheets.iter().zip(slugs).enumerate() {
        let t = &s.goal;
        let last = t.targets.last().copied().unwrap_or(t.baseline);
        let inference = direction::infer(t.baseline.value, last.value);
        if inference == Inference::Unknown {
            diags.push(report::unknown_direction(
                &s.path,
                last.line,
                sources.get(&s.path),
            ));
        }
        let text = emit::goal_file(&emit::GoalPage {
            table: t,
            weight: (kept + i + 1) as i64,
            inference,
            prose: &s.prose,
            provenance: format!(
                "hyoka import: {}:{} から取り込みました",
                sheet::display_name(&s.path),
                s.line
            ),
        });
        goals.push(PlannedGoal {
            file: NewFile {
                path: folder.join(format!("{slug}.md")),
                text,
            },
            title: t.title.clone(),
            inference,
            sheet: (s.path.clone(), s.line),
        });
    }
    goals
}

/// The file stem of each sheet's goal (see [`plan_goals`]).
fn goal_slugs(sheets: &[Sheet], existing: &[(String, Option<String>)]) -> Vec<String> {
    let mut taken: BTreeSet<String> = existing.iter().map(|(stem, _)| stem.clone()).collect();
    let mut by_title: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (stem, title) in existing {
        if let Some(title) = title {
            by_title.entry(title).or_default().push(stem);
        }
    }
    let mut suffixes: BTreeMap<String, usize> = BTreeMap::new();
    let mut slugs = Vec::with_capacity(sheets.len());
    for s in sheets {
        let t = &s.goal;
        // The same goal again: the first existing file with its title not yet claimed.
        let same = by_title
            .get_mut(t.title.as_str())
            .and_then(|stems| (!stems.is_empty()).then(|| stems.remove(0)));
        let slug = match same {
            Some(stem) => stem.to_string(),
            None => {
                let base = slug::goal_slug(&t.indicator, &t.title);
                let next = suffixes.entry(base.clone()).or_insert(1);
                let slug = slug::unique(&base, next, |c| taken.contains(c));
                taken.insert(slug.clone());
                slug
            }
        };
        slugs.push(slug);
    }
    slugs
}

/// `duties:` of a department's front matter.
fn duties_of(doc: &Document) -> Vec<String> {
    match doc
        .front
        .as_ref()
        .and_then(|f| f.get("duties"))
        .map(|n| &n.value)
    {
        Some(NodeValue::Seq(items)) => items.iter().filter_map(|i| i.as_text()).collect(),
        _ => Vec::new(),
    }
}

/// `title:` of a document's front matter.
fn title_of(doc: &Document) -> Option<String> {
    doc.front.as_ref()?.get("title")?.as_text()
}
