//! Raw documents → [`Site`]: checks every key of every front matter against the contract,
//! turns years and values into typed ones, evaluates, and orders everything. Each problem
//! becomes a diagnostic at the key's line and column; a file with errors is left out and
//! the others go on, so one run reports everything.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{DepartmentDocs, Document, LoadedContent, Pos};
use crate::diag::{Code, Diagnostic, Diagnostics};

use super::Site;
use super::evaluation::evaluate;
use super::goal::{Department, Goal};

mod assessment;
mod checker;
mod cost;
mod facts;
mod indicator;
mod patch;
mod settle;

pub(crate) use patch::{Patched, patch_goal};

use checker::Checker;

const DEPARTMENT_KEYS: &[&str] = &["title", "duties", "served", "weight", "slug", "contact"];
const GOAL_KEYS: &[&str] = &[
    "title",
    "indicator",
    "indicators",
    "basis",
    "summary",
    "weight",
    "draft",
    "slug",
    // §8.2–§8.4 (facts.rs)
    facts::GOAL_FACT_KEYS[0],
    facts::GOAL_FACT_KEYS[1],
    facts::GOAL_FACT_KEYS[2],
    facts::GOAL_FACT_KEYS[3],
    facts::GOAL_FACT_KEYS[4],
    facts::GOAL_FACT_KEYS[5],
];
pub(super) const INDICATOR_KEYS: &[&str] = &[
    "name",
    "code",
    "kind",
    "steps",
    "unit",
    "direction",
    "definition",
    "source",
    "exclude",
    "baseline",
    "actual",
    "targets",
];
pub(super) const BASELINE_KEYS: &[&str] = &["year", "value", "note"];
/// Keys of a value written with a note (`{ value: 69.5, note: 見込 }`).
pub(super) const VALUE_KEYS: &[&str] = &["value", "note"];
const HOME_KEYS: &[&str] = &["title", "description"];

/// Goals already validated, by source file, for rebuilding a site after a few files changed
/// (`hyoka serve`): a goal whose file text and department are the same as last time is not
/// validated again. [`GoalCache::default`] keeps nothing (a one-off build).
#[derive(Debug, Default)]
pub struct GoalCache {
    /// False for a one-off build: nothing is kept.
    remember: bool,
    /// The goals' bodies are left on disk ([`Goal::body_on_disk`]).
    bodies_on_disk: bool,
    goals: HashMap<PathBuf, CachedGoal>,
}

#[derive(Debug)]
struct CachedGoal {
    text: String,
    department_slug: String,
    goal: Option<Goal>,
    diags: Diagnostics,
    /// Its indicators' codes ([`patch_goal`] compares them).
    codes: Vec<String>,
}

impl GoalCache {
    /// A cache that keeps every goal it validates.
    pub fn remembering() -> Self {
        GoalCache {
            remember: true,
            bodies_on_disk: false,
            goals: HashMap::new(),
        }
    }

    /// A one-off build's cache, which keeps nothing, for content read from disk: each goal's
    /// body is left there ([`Goal::body_on_disk`]), read again as its page is made.
    pub(crate) fn bodies_on_disk() -> Self {
        GoalCache {
            bodies_on_disk: true,
            ..GoalCache::default()
        }
    }

    /// The goals of a department's files (in file order), in parallel: each from the cache
    /// when its text and department are unchanged, else validated (and remembered).
    fn goals(
        &mut self,
        docs: &DepartmentDocs,
        department_slug: &str,
        diags: &mut Diagnostics,
    ) -> Vec<Option<Goal>> {
        let found: Vec<(Option<Goal>, Diagnostics, bool)> = docs
            .goals
            .par_iter()
            .map(|doc| match self.cached(doc, department_slug) {
                Some(c) => (c.goal.clone(), c.diags.clone(), false),
                None => {
                    let mut local = Diagnostics::new();
                    let mut goal = goal(doc, department_slug, &mut local);
                    if let Some(goal) = goal.as_mut().filter(|_| self.bodies_on_disk) {
                        goal.body_on_disk = Some(crate::model::goal::body_digest(&goal.body));
                        goal.body = String::new();
                    }
                    (goal, local, true)
                }
            })
            .collect();
        found
            .into_iter()
            .zip(&docs.goals)
            .map(|((goal, found, fresh), doc)| {
                if fresh && self.remember {
                    let cached = CachedGoal {
                        text: doc.source.text.clone(),
                        department_slug: department_slug.to_string(),
                        goal: goal.clone(),
                        diags: found.clone(),
                        codes: patch::codes_of(&UrlClaim::codes(doc)),
                    };
                    self.goals.insert(doc.source.path.clone(), cached);
                }
                diags.extend(found);
                goal
            })
            .collect()
    }

    fn cached(&self, doc: &Document, department_slug: &str) -> Option<&CachedGoal> {
        self.goals
            .get(&doc.source.path)
            .filter(|c| c.text == doc.source.text && c.department_slug == department_slug)
    }

    /// Forgets goals whose files are no longer in `content`.
    pub fn retain_files_of(&mut self, content: &LoadedContent) {
        let live: HashSet<&Path> = content
            .departments
            .iter()
            .flat_map(|d| &d.goals)
            .map(|doc| doc.source.path.as_path())
            .collect();
        self.goals.retain(|path, _| live.contains(path.as_path()));
    }
}

/// The site model built from content handed in part by part (the home page, then each
/// department folder in name order, as `content::ContentScan` gives them; or everything as
/// one part), so the documents of one part can be dropped before the next is read. Keeps
/// the departments and, for the site-wide URL check, each page's URL with where it was
/// written.
#[derive(Debug)]
pub struct SiteBuilder {
    config: Config,
    include_drafts: bool,
    home: Option<(String, String)>,
    departments: Vec<Department>,
    urls: Vec<UrlClaim>,
    /// Every indicator `code:` with where it was written, for the site-wide check.
    codes: Vec<UrlClaim>,
    diags: Diagnostics,
}

/// A page URL and the place that gives it (the `slug:` line, else the top of the file).
#[derive(Debug)]
struct UrlClaim {
    url: String,
    path: PathBuf,
    pos: Pos,
    line: Option<String>,
}

impl UrlClaim {
    /// The `code:` of each item of the goal's `indicators:` (the claim's `url` is the code).
    fn codes(doc: &Document) -> Vec<UrlClaim> {
        let items = doc
            .front
            .as_ref()
            .and_then(|f| f.get("indicators"))
            .and_then(|list| match &list.value {
                crate::content::NodeValue::Seq(items) => Some(items.as_slice()),
                _ => None,
            })
            .unwrap_or_default();
        let single = doc.front.as_ref().and_then(|f| f.get("indicator"));
        items
            .iter()
            .chain(single)
            .filter_map(|item| item.get("code"))
            .filter_map(|code| {
                Some(UrlClaim {
                    url: code.as_text()?.trim().to_string(),
                    path: doc.source.path.clone(),
                    pos: code.pos,
                    line: doc.source.line(code.pos.line).map(str::to_string),
                })
            })
            .collect()
    }

    fn new(url: String, doc: &Document) -> Self {
        let pos = doc
            .front
            .as_ref()
            .and_then(|f| f.get("slug"))
            .map_or(Pos { line: 1, column: 1 }, |n| n.pos);
        UrlClaim {
            url,
            path: doc.source.path.clone(),
            pos,
            line: doc.source.line(pos.line).map(str::to_string),
        }
    }
}

impl SiteBuilder {
    /// An empty site with `config`; `include_drafts` keeps goals with `draft: true`.
    pub fn new(config: &Config, include_drafts: bool) -> Self {
        SiteBuilder {
            config: config.clone(),
            include_drafts,
            home: None,
            departments: Vec::new(),
            urls: Vec::new(),
            codes: Vec::new(),
            diags: Diagnostics::new(),
        }
    }

    /// Adds a part of the content: its home page (if any) and its departments, their
    /// goals validated in parallel or taken from `goals` ([`GoalCache`]).
    pub fn add(&mut self, content: &LoadedContent, goals: &mut GoalCache) {
        self.add_home(content);
        for docs in &content.departments {
            let Some((mut dept, index)) = self.department(docs) else {
                // The goals' own errors are reported in the same run (README: 「すべて一度に」),
                // though without a department they are not published.
                goals.goals(docs, &docs.folder, &mut self.diags);
                continue;
            };
            self.urls
                .push(UrlClaim::new(format!("/{}/", dept.slug), index));
            let validated = goals.goals(docs, &dept.slug, &mut self.diags);
            let mut drafts = 0;
            for (goal, doc) in validated.into_iter().zip(&docs.goals) {
                drafts += usize::from(goal.as_ref().is_some_and(|g| g.draft));
                self.keep_goal(&mut dept, goal, doc);
            }
            // A department whose goals are all drafts has nothing to publish yet.
            let only_drafts = drafts > 0 && drafts == docs.goals.len();
            if self.include_drafts || !only_drafts {
                self.departments.push(dept);
            }
        }
    }

    fn add_home(&mut self, content: &LoadedContent) {
        let Some(doc) = &content.home else {
            return;
        };
        let mut ck = Checker::new(doc, &mut self.diags);
        let title = doc.front.as_ref().and_then(|f| {
            ck.known_keys(f, HOME_KEYS, "ホームページ");
            ck.optional_text(f, "title")
        });
        self.home = Some((
            title.unwrap_or_else(|| self.config.title.clone()),
            doc.body.clone(),
        ));
    }

    /// The department of a folder (goals not yet added) and its `_index.md`; `None` with
    /// an error when the folder has no valid `_index.md`.
    fn department<'d>(&mut self, docs: &'d DepartmentDocs) -> Option<(Department, &'d Document)> {
        let Some(index) = &docs.index else {
            self.diags.push(
                Diagnostic::error(
                    Code::NoDeptIndex,
                    &docs.path,
                    0,
                    0,
                    format!("課のフォルダー「{}」に _index.md がありません", docs.folder),
                )
                .with_help(format!(
                    "{}/_index.md を作り、title: 課名 と主な業務（duties）を書いてください",
                    docs.path.display()
                )),
            );
            return None;
        };
        department(index, &docs.folder, &mut self.diags).map(|dept| (dept, index))
    }

    fn keep_goal(&mut self, dept: &mut Department, goal: Option<Goal>, doc: &Document) {
        if let Some(goal) = goal {
            self.urls
                .push(UrlClaim::new(format!("/{}/{}/", dept.slug, goal.slug), doc));
            self.codes.extend(UrlClaim::codes(doc));
            if self.include_drafts || !goal.draft {
                dept.goals.push(goal);
            }
        }
    }

    /// The site: URLs checked across every part, goals evaluated at the site's year, and
    /// everything in display order.
    pub fn finish(self) -> (Site, Diagnostics) {
        let SiteBuilder {
            config,
            home,
            mut departments,
            urls,
            codes,
            mut diags,
            ..
        } = self;
        check_unique_urls(&urls, &mut diags);
        check_unique_codes(&codes, &mut diags);
        let as_of = config.as_of.or_else(|| {
            departments
                .iter()
                .flat_map(|d| &d.goals)
                .filter_map(Goal::latest_actual_year)
                .max()
        });
        departments.par_iter_mut().for_each(|dept| {
            for goal in &mut dept.goals {
                goal.evaluations = goal.indicators.iter().map(|i| evaluate(i, as_of)).collect();
            }
            dept.goals
                .sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
        });
        departments.sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
        settle::settle(&mut departments, &config, &mut diags);
        let (home_title, home_body) = home.unwrap_or_else(|| (config.title.clone(), String::new()));
        let indicator_details = departments
            .iter()
            .flat_map(|d| &d.goals)
            .any(Goal::has_indicator_details);
        let site = Site {
            config,
            home_title,
            home_body,
            departments,
            as_of,
            indicator_details,
            history: Default::default(),
            editions: Default::default(),
        };
        (site, diags)
    }
}

/// Top-level names the output uses itself (theme CSS and script, open data, the about/ pages …).
const RESERVED_SLUGS: &[&str] = &[
    "about",
    "archive",
    "css",
    "data",
    "js",
    "static",
    "sitemap.xml",
    "404.html",
    // The 施策体系 and tag pages (§8.4).
    "plan",
    "tags",
    // The search page and its index.
    "search",
    // The paged goal lists of a large site.
    "goals",
];

/// Every page URL must be unique and must not take a name the output uses itself. Errors
/// point at the `slug:` line when there is one, else at the top of the file.
fn check_unique_urls(urls: &[UrlClaim], diags: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    for claim in urls {
        let (url, path, pos) = (&claim.url, claim.path.as_path(), claim.pos);
        let error = |code, message: String, help: &str| {
            Diagnostic::error(code, path, pos.line, pos.column, message)
                .with_help(help)
                .with_source_line(claim.line.as_deref())
        };
        if RESERVED_SLUGS.iter().any(|r| url == &format!("/{r}/")) {
            diags.push(error(
                Code::ReservedSlug,
                format!("URL「{url}」は hyoka が使うため、課のURLにできません"),
                "フォルダー名を変えるか、_index.md に slug: で別のURL名を書いてください",
            ));
        } else if let Some(first) = seen.get(url.as_str()) {
            diags.push(error(
                Code::DuplicateUrl,
                format!("URL「{url}」が {} と重なっています", first.display()),
                "どちらかのファイル名を変えるか、slug: で別のURL名を付けてください",
            ));
        } else {
            seen.insert(url, path);
        }
    }
}

/// Every indicator code must be unique in the site (it is the anchor and the data id).
fn check_unique_codes(codes: &[UrlClaim], diags: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, (&Path, usize)> = BTreeMap::new();
    for claim in codes {
        if let Some((path, line)) = seen.get(claim.url.as_str()) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateCode,
                    &claim.path,
                    claim.pos.line,
                    claim.pos.column,
                    format!(
                        "指標コード「{}」が {}:{} と重なっています",
                        claim.url,
                        path.display(),
                        line
                    ),
                )
                .with_help("指標コードはサイト全体で一つずつ、別々のコードを付けてください")
                .with_source_line(claim.line.as_deref()),
            );
        } else {
            seen.insert(&claim.url, (&claim.path, claim.pos.line));
        }
    }
}

fn department(doc: &Document, folder: &str, diags: &mut Diagnostics) -> Option<Department> {
    let mut ck = Checker::new(doc, diags);
    let front = ck.front_matter("課")?;
    ck.known_keys(front, DEPARTMENT_KEYS, "課の _index.md");
    let title = ck.required_text(front, "title", "課名（例: title: 総務課）");
    let duties = ck.text_list(front, "duties");
    let served = ck.optional_text(front, "served");
    let weight = ck.integer(front, "weight");
    let slug = ck.slug(front, folder, "フォルダー名");
    let contact = front.get("contact").and_then(|c| ck.contact(c));
    if ck.failed {
        return None;
    }
    Some(Department {
        slug: slug?,
        title: title?,
        duties,
        served,
        weight: weight.unwrap_or(0),
        body: doc.body.clone(),
        source: doc.source.path.clone(),
        contact,
        goals: Vec::new(),
    })
}

/// One goal file's text read as the model reads it (its department left empty), or `None`
/// when it has errors: what the history compares between two versions of a file.
pub(crate) fn goal_from_text(path: &Path, text: &str) -> Option<Goal> {
    let mut diags = Diagnostics::new();
    let source = crate::content::SourceFile::new(path, text.to_string());
    let doc = crate::content::parse_document(source, &mut diags);
    goal(&doc, "", &mut diags)
}

fn goal(doc: &Document, department_slug: &str, diags: &mut Diagnostics) -> Option<Goal> {
    let mut ck = Checker::new(doc, diags);
    let front = ck.front_matter("目標")?;
    ck.known_keys(front, GOAL_KEYS, "目標");
    let title = ck.required_text(
        front,
        "title",
        "目標名（例: title: 地域コミュニティの推進）",
    );
    let indicators = ck.indicators(front);
    let basis = ck.optional_text(front, "basis");
    let summary = ck.optional_text(front, "summary");
    let weight = ck.integer(front, "weight");
    let draft = ck.boolean(front, "draft");
    let slug = ck.slug(front, &doc.stem(), "ファイル名");
    let facts = ck.goal_facts(front);
    if ck.failed {
        return None;
    }
    let indicators = indicators?;
    let evaluations = indicators.iter().map(|i| evaluate(i, None)).collect();
    Some(Goal {
        slug: slug?,
        department_slug: department_slug.to_string(),
        title: title?,
        indicators,
        basis,
        summary,
        weight: weight.unwrap_or(0),
        draft: draft.unwrap_or(false),
        body: doc.body.clone(),
        body_on_disk: None,
        source: doc.source.path.clone(),
        evaluations,
        facts,
    })
}

#[cfg(test)]
mod tests;
