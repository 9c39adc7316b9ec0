//! `hyoka import`: the town's legacy text sheets → content files. Its own front door: it
//! reads the sheets (through [`content::read_source_text`]: BOM, CRLF, Shift_JIS), parses
//! them with line numbers ([`sheet`], [`table`]), votes the department facts repeated in
//! every sheet ([`vote`]), infers `direction` ([`direction`]), names the files ([`slug`]),
//! writes their text ([`emit`]) — all in memory, as an [`ImportPlan`] — and only then, when
//! nothing went wrong and no file would be replaced without `--force`, writes them all or
//! none ([`write`](mod@write)). Checking the written site is the command's job (`cmd::import`).

pub(crate) mod direction;
pub(crate) mod emit;
pub(crate) mod emit_imported;
pub(crate) mod form;
pub(crate) mod grid;
pub(crate) mod imported;
pub(crate) mod list;
pub(crate) mod report;
pub(crate) mod sheet;
pub(crate) mod slug;
pub(crate) mod table;
pub(crate) mod vote;
pub(crate) mod write;
pub(crate) mod year;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::content::{self, DepartmentDocs, Document, LoadedContent, NodeValue, SourceFile};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::fsio::FsError;
use crate::model::goal::is_valid_slug;

use direction::Inference;
use sheet::Sheet;
use vote::Disagreement;
pub(crate) use write::{NewFile, write_files_replacing};

/// What was asked on the command line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Request {
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
pub(crate) struct PlannedGoal {
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
pub(crate) struct ImportPlan {
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
    /// Where the sheets' own 達成率 / 進捗率 differ from the contract's, one line each.
    pub arithmetic: Vec<String>,
    /// `hyoka init`'s placeholder goals, rewritten as drafts so they are not published.
    pub drafted: Vec<NewFile>,
    /// `hyoka init`'s placeholder files, replaced without `--force`.
    pub replaceable: Vec<PathBuf>,
}

impl ImportPlan {
    /// Every file to write, department first.
    pub(crate) fn files(&self) -> Vec<NewFile> {
        self.index
            .iter()
            .cloned()
            .chain(self.goals.iter().map(|g| g.file.clone()))
            .chain(self.drafted.iter().cloned())
            .collect()
    }
}

/// Reads and parses every sheet and plans the files. `None` (with errors in `diags`) when
/// anything is wrong: then nothing may be written.
pub(crate) fn plan(
    root: &Path,
    request: &Request,
    diags: &mut Diagnostics,
) -> Result<Option<ImportPlan>, FsError> {
    let (sheets, sources, imported) = read_sheets(&request.sheets, diags)?;
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
    let placeholder_index = dept_docs
        .and_then(|d| d.index.as_ref())
        .is_some_and(|i| duties_of(i) == [PLACEHOLDER_DUTY]);
    let index = (request.force || placeholder_index || !root.join(&index_path).is_file()).then(|| NewFile {
        path: index_path.clone(),
        text: emit::department_file(&emit::DepartmentPage {
            title: department.clone(),
            weight: department_weight(&existing, dept_docs),
            duties: facts.duties.clone(),
            served: facts.served.clone(),
            provenance: if sheets.is_empty() {
                "hyoka import: 表には課の情報がないため、課名だけを書きました（主な業務 duties を書き足してください）".to_string()
            } else {
                report::provenance_of_facts(&sheets, facts.copies)
            },
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
    let mut goals = plan_goals(&sheets, &folder, &existing_goals, diags, &sources);
    let grades = site_has_grades(root);
    let arithmetic = plan_imported(
        &imported,
        &folder,
        &existing_goals,
        grades,
        &mut goals,
        diags,
    );
    let drafted = placeholder_goals(&existing);
    let mut plan = ImportPlan {
        department,
        folder,
        index,
        facts: (facts.duties.len(), facts.served.len()),
        copies: facts.copies,
        disagreements: facts.disagreements,
        goals,
        replaced: Vec::new(),
        arithmetic,
        replaceable: drafted
            .iter()
            .map(|f| f.path.clone())
            .chain(placeholder_index.then(|| index_path.clone()))
            .collect(),
        drafted,
    };
    plan.replaced = existing_files(root, &plan)
        .into_iter()
        .filter(|p| !(placeholder_index && *p == index_path))
        .collect();
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
        .filter(|p| root.join(p).exists() && !plan.drafted.iter().any(|d| d.path == *p))
        .collect()
}

/// Without `--force`, an existing file stops the import.
fn refuse(existing: &[PathBuf], diags: &mut Diagnostics) {
    for p in existing {
        diags.push(
            Diagnostic::error(Code::ImportExists, p, 0, 0, "このファイルはすでにあるため、取り込みを中止しました（何も書き込んでいません）")
                .with_help("同じシートを取り込み直すなら --force を付けて上書きしてください（先に内容を確認してください）"),
        );
    }
}

/// What the files held: seed-form sheets, their texts, and goals of the other forms.
type Read = (
    Vec<Sheet>,
    BTreeMap<PathBuf, SourceFile>,
    Vec<imported::ImportedGoal>,
);

/// Reads and parses every file (each once): text in the seed's form through [`sheet`];
/// other text, CSV and every sheet of a workbook as a [`grid::Grid`], read as the 施策
/// form ([`form`]) or an 一覧表 ([`list`]).
fn read_sheets(paths: &[PathBuf], diags: &mut Diagnostics) -> Result<Read, FsError> {
    let mut sheets: Vec<Sheet> = Vec::new();
    let mut sources: BTreeMap<PathBuf, SourceFile> = BTreeMap::new();
    let mut goals = Vec::new();
    let mut seen = BTreeSet::new();
    for path in paths {
        let rel = content::relative(Path::new("."), path);
        if !seen.insert(rel.clone()) {
            continue; // the same file named twice would vote twice
        }
        let grids = if grid::kind_of(path) == grid::FileKind::Text {
            let Some(text) = content::read_source_text(Path::new("."), path, diags)? else {
                continue;
            };
            let source = SourceFile::new(rel.clone(), text);
            if is_seed_form(&source.text) {
                sheets.extend(sheet::parse_sheets(&source, diags));
                sources.insert(source.path.clone(), source);
                continue;
            }
            vec![grid::from_text(source)]
        } else {
            grid::read_file(path, diags)?
        };
        let mut found = false;
        for g in &grids {
            if list::is_list(g) {
                goals.extend(list::read(g, diags));
                found = true;
            } else if form::is_form(g) {
                goals.extend(form::read(g, diags));
                found = true;
            }
        }
        if !found && !diags.has_errors() {
            diags.push(
                Diagnostic::error(Code::SheetNoTable, &rel, 0, 0, format!("{}枚の表のどれにも、指標の表（「成果指標」「指標名」の行、または指標名と年度の列のある一覧表）が見つかりません", grids.len()))
                    .with_help("町の評価シート（6つの見出しの様式）、成果指標の表、または年度を列にした指標の一覧表を指定してください"),
            );
        }
    }
    Ok((sheets, sources, goals))
}

/// The seed's form: numbered headings 1 and 3 (主な業務, 数値目標).
fn is_seed_form(text: &str) -> bool {
    let numbers: BTreeSet<u8> = text.lines().filter_map(sheet::heading).collect();
    numbers.contains(&1) && numbers.contains(&3)
}

/// `hyoka init`'s placeholder duty in `_index.md`.
const PLACEHOLDER_DUTY: &str = "（主な業務を書いてください）";
/// `hyoka init`'s placeholder goal title.
const PLACEHOLDER_TITLE: &str = "新しい目標（目標名に書き換えてください）";

/// `hyoka init`'s placeholder goals still published, rewritten with `draft: true`.
fn placeholder_goals(existing: &LoadedContent) -> Vec<NewFile> {
    existing
        .departments
        .iter()
        .flat_map(|d| &d.goals)
        .filter(|g| title_of(g).as_deref() == Some(PLACEHOLDER_TITLE))
        .filter(|g| g.source.text.contains("\ndraft: false"))
        .map(|g| NewFile {
            path: g.source.path.clone(),
            text: g.source.text.replacen(
                "\ndraft: false",
                "\n# hyoka import: hyoka init の仮の目標のため、公開しないよう下書きにしました（不要なら削除してください）\ndraft: true",
                1,
            ),
        })
        .collect()
}

/// Whether the site's config.toml has a grade scale (`[[grades]]`): without one, a sheet's
/// grade is written as a comment ([`emit_imported::goal_file`]). An unreadable config.toml
/// counts as none (the check of the planned files then reports it).
fn site_has_grades(root: &Path) -> bool {
    crate::fsio::read_text(&root.join("config.toml"))
        .ok()
        .and_then(Result::ok)
        .and_then(|decoded| {
            crate::config::Config::parse(&decoded.text, Path::new("config.toml")).ok()
        })
        .is_some_and(|c| !c.grades.is_empty())
}

/// Plans the goals of the other forms after the seed-form ones: slugs, files, and the
/// town's arithmetic checked. Returns the summary lines of that check.
fn plan_imported(
    imported: &[imported::ImportedGoal],
    folder: &Path,
    existing: &[(String, Option<String>)],
    site_has_grades: bool,
    goals: &mut Vec<PlannedGoal>,
    diags: &mut Diagnostics,
) -> Vec<String> {
    let mut taken: BTreeSet<String> = existing.iter().map(|(s, _)| s.clone()).collect();
    for g in goals.iter() {
        if let Some(stem) = g.file.path.file_stem() {
            taken.insert(stem.to_string_lossy().into_owned());
        }
    }
    let kept = existing.len();
    let mut arithmetic = Vec::new();
    for g in imported {
        let same = existing
            .iter()
            .find(|(_, t)| t.as_deref() == Some(g.title.as_str()))
            .map(|(s, _)| s.clone());
        let slug = same.unwrap_or_else(|| {
            let base = if g.indicators.len() == 1 {
                slug::readable_slug(&g.indicators[0].name, &g.title)
            } else {
                slug::readable_slug(&g.title, &g.indicators[0].name)
            };
            let s = slug::unique(&base, &mut 1, |c| taken.contains(c));
            taken.insert(s.clone());
            s
        });
        for ind in &g.indicators {
            for m in imported::check_arithmetic(ind) {
                let message = imported::mismatch_message(ind, &m);
                arithmetic.push(format!("  {} {}", g.provenance, message));
                let d = Diagnostic::warning(
                    Code::ImportArithmetic,
                    &g.at.0,
                    m.printed.cell.line,
                    m.printed.cell.column,
                    format!("{}{message}", m.printed.place),
                )
                .with_help("シートの計算を確かめてください（hyoka の計算方法はサイトの「評価の方法」のページにあります）");
                diags.push(d);
            }
        }
        let inference = match g
            .indicators
            .iter()
            .map(imported::ImportedIndicator::direction_or_inferred)
            .collect::<Option<Vec<_>>>()
        {
            Some(ds) => Inference::Inferred(ds[0]),
            None => {
                diags.push(report::unknown_direction(&g.at.0, g.at.1, None));
                Inference::Unknown
            }
        };
        let weight = (kept + goals.len() + 1) as i64;
        let path = folder.join(format!("{slug}.md"));
        if let (Some(grade), false) = (&g.grade, site_has_grades) {
            diags.push(report::grade_without_scale(&g.at.0, g.at.1, grade, &path));
        }
        goals.push(PlannedGoal {
            file: NewFile {
                path,
                text: emit_imported::goal_file(g, weight, site_has_grades),
            },
            title: g.title.clone(),
            inference,
            sheet: g.at.clone(),
        });
    }
    arithmetic
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
                Code::ImportSlug,
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
                Code::ImportDepartment,
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
