//! Raw documents → [`Site`]: checks every key of every front matter against the contract,
//! turns years and values into typed ones, evaluates, and orders everything. Each problem
//! becomes a diagnostic at the key's line and column; a file with errors is left out and
//! the others go on, so one run reports everything.

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::Config;
use crate::content::{Document, LoadedContent, Node, NodeValue, Pos};
use crate::diag::{Diagnostic, Diagnostics};

use super::Site;
use super::evaluation::evaluate;
use super::fiscal_year::FiscalYear;
use super::goal::{Department, Goal, is_valid_slug};
use super::indicator::{Direction, Indicator, Point};
use super::value::{ValueError, check_number, decimals_of, parse_value};

const DEPARTMENT_KEYS: &[&str] = &["title", "duties", "served", "weight", "slug"];
const GOAL_KEYS: &[&str] = &[
    "title",
    "indicator",
    "basis",
    "summary",
    "weight",
    "draft",
    "slug",
];
const INDICATOR_KEYS: &[&str] = &["name", "unit", "direction", "baseline", "actual", "targets"];
const BASELINE_KEYS: &[&str] = &["year", "value"];
const HOME_KEYS: &[&str] = &["title", "description"];

/// Builds the site model. `include_drafts` keeps goals with `draft: true`.
pub fn build_site(
    content: &LoadedContent,
    config: &Config,
    include_drafts: bool,
) -> (Site, Diagnostics) {
    let mut diags = Diagnostics::new();
    let (home_title, home_body) = match &content.home {
        Some(doc) => {
            let mut ck = Checker::new(doc, &mut diags);
            let title = doc.front.as_ref().and_then(|f| {
                ck.known_keys(f, HOME_KEYS, "ホームページ");
                ck.optional_text(f, "title")
            });
            (
                title.unwrap_or_else(|| config.title.clone()),
                doc.body.clone(),
            )
        }
        None => (config.title.clone(), String::new()),
    };
    let mut departments = Vec::new();
    for docs in &content.departments {
        let Some(index) = &docs.index else {
            diags.push(
                Diagnostic::error(
                    "E-NO-DEPT-INDEX",
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
            continue;
        };
        let Some(mut dept) = department(index, &docs.folder, &mut diags) else {
            continue;
        };
        for doc in &docs.goals {
            if let Some(goal) = goal(doc, &dept.slug, &mut diags)
                && (include_drafts || !goal.draft)
            {
                dept.goals.push(goal);
            }
        }
        departments.push(dept);
    }
    check_unique_urls(&departments, &mut diags);
    let as_of = config.as_of.or_else(|| {
        departments
            .iter()
            .flat_map(|d| &d.goals)
            .filter_map(|g| g.indicator.actual.last().map(|p| p.year))
            .max()
    });
    for dept in &mut departments {
        for goal in &mut dept.goals {
            goal.evaluation = evaluate(&goal.indicator, as_of);
        }
        dept.goals
            .sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
    }
    departments.sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
    let site = Site {
        config: config.clone(),
        home_title,
        home_body,
        departments,
        as_of,
    };
    (site, diags)
}

fn check_unique_urls(departments: &[Department], diags: &mut Diagnostics) {
    let mut seen: BTreeMap<String, &Path> = BTreeMap::new();
    let reserved = [
        "data",
        "about",
        "static",
        "404.html",
        "sitemap.xml",
        "index.html",
    ];
    let all = departments
        .iter()
        .map(|d| (format!("/{}/", d.slug), &d.source))
        .chain(departments.iter().flat_map(|d| {
            d.goals
                .iter()
                .map(|g| (format!("/{}/{}/", g.department_slug, g.slug), &g.source))
        }));
    for (url, source) in all {
        if reserved.iter().any(|r| url == format!("/{r}/")) {
            diags.push(
                Diagnostic::error(
                    "E-RESERVED-SLUG",
                    source,
                    0,
                    0,
                    format!("URL「{url}」は hyoka が使うため、課のURLにできません"),
                )
                .with_help(
                    "フォルダー名を変えるか、_index.md に slug: で別のURL名を書いてください",
                ),
            );
        } else if let Some(first) = seen.get(&url) {
            diags.push(
                Diagnostic::error(
                    "E-DUPLICATE-URL",
                    source,
                    0,
                    0,
                    format!("URL「{url}」が {} と重なっています", first.display()),
                )
                .with_help("どちらかのファイル名を変えるか、slug: で別のURL名を付けてください"),
            );
        } else {
            seen.insert(url, source);
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
        goals: Vec::new(),
    })
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
    let indicator = match front.get("indicator") {
        Some(node) => ck.indicator(node),
        None => {
            ck.error(
                "E-MISSING-KEY",
                front.pos,
                "必須のキー「indicator」（指標）がありません",
                "indicator: の下に name, unit, direction, baseline, targets を書いてください",
            );
            None
        }
    };
    let basis = ck.optional_text(front, "basis");
    let summary = ck.optional_text(front, "summary");
    let weight = ck.integer(front, "weight");
    let draft = ck.boolean(front, "draft");
    let slug = ck.slug(front, &doc.stem(), "ファイル名");
    if ck.failed {
        return None;
    }
    let indicator = indicator?;
    let evaluation = evaluate(&indicator, None);
    Some(Goal {
        slug: slug?,
        department_slug: department_slug.to_string(),
        title: title?,
        indicator,
        basis,
        summary,
        weight: weight.unwrap_or(0),
        draft: draft.unwrap_or(false),
        body: doc.body.clone(),
        source: doc.source.path.clone(),
        evaluation,
    })
}

/// Checks one document's front matter, pushing diagnostics at the right positions.
struct Checker<'a> {
    doc: &'a Document,
    diags: &'a mut Diagnostics,
    failed: bool,
    /// Keys offered as "もしかして" for an unknown key: not reported again as missing.
    suggested: Vec<&'static str>,
}

impl<'a> Checker<'a> {
    fn new(doc: &'a Document, diags: &'a mut Diagnostics) -> Self {
        Self {
            doc,
            diags,
            failed: false,
            suggested: Vec::new(),
        }
    }

    fn push(&mut self, d: Diagnostic) {
        if d.severity == crate::diag::Severity::Error {
            self.failed = true;
        }
        let line = self.doc.source.line(d.line);
        self.diags.push(d.with_source_line(line));
    }

    fn error(
        &mut self,
        code: &'static str,
        pos: Pos,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let message = message.into();
        if code == "E-MISSING-KEY"
            && self
                .suggested
                .iter()
                .any(|k| message.contains(&format!("「{k}」")))
        {
            self.failed = true;
            return;
        }
        let d = Diagnostic::error(code, &self.doc.source.path, pos.line, pos.column, message)
            .with_help(help);
        self.push(d);
    }

    fn warning(
        &mut self,
        code: &'static str,
        pos: Pos,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let d = Diagnostic::warning(code, &self.doc.source.path, pos.line, pos.column, message)
            .with_help(help);
        self.push(d);
    }

    fn front_matter(&mut self, what: &str) -> Option<&'a Node> {
        let doc = self.doc;
        if doc.source.text.trim().is_empty() && !doc.has_front_matter {
            self.error(
                "E-EMPTY",
                Pos { line: 1, column: 1 },
                "ファイルが空です",
                format!("先頭に --- で囲んだ{what}の設定（フロントマター）を書いてください"),
            );
            return None;
        }
        if !doc.has_front_matter {
            self.error(
                "E-FM-MISSING",
                Pos { line: 1, column: 1 },
                "フロントマター（先頭の --- で囲んだ設定部分）がありません",
                format!("1行目に --- を書き、{what}の設定を書いて、--- の行で閉じてください"),
            );
            return None;
        }
        let front = doc.front.as_ref()?;
        if front.as_map().is_none() {
            let kind = front.kind();
            self.error(
                "E-FM-NOT-MAP",
                front.pos,
                format!("フロントマターが「キー: 値」の形になっていません（{kind}になっています）"),
                "title: 〜 のように、1行に1つずつ「キー: 値」を書いてください",
            );
            return None;
        }
        Some(front)
    }

    fn known_keys(&mut self, node: &Node, allowed: &[&'static str], what: &str) {
        for (key, _) in node.as_map().unwrap_or_default() {
            if allowed.contains(&key.text.as_str()) {
                continue;
            }
            let help = match suggest(&key.text, allowed) {
                Some(s) => {
                    self.suggested.push(s);
                    format!("もしかして「{s}」ですか？")
                }
                None => format!("{what}に書けるキーは {} です", allowed.join(", ")),
            };
            self.error(
                "E-UNKNOWN-KEY",
                key.pos,
                format!("知らないキー「{}」があります", key.text),
                help,
            );
        }
    }

    fn required_text(&mut self, node: &Node, key: &str, example: &str) -> Option<String> {
        match node.get(key) {
            None => {
                self.error(
                    "E-MISSING-KEY",
                    node.pos,
                    format!("必須のキー「{key}」がありません"),
                    format!("{example} を書いてください"),
                );
                None
            }
            Some(_) => {
                let text = self.optional_text(node, key);
                if text.is_none() && !self.failed {
                    let pos = node.get(key).map_or(node.pos, |n| n.pos);
                    self.error(
                        "E-EMPTY-VALUE",
                        pos,
                        format!("「{key}」が空です"),
                        format!("{example} を書いてください"),
                    );
                }
                text
            }
        }
    }

    fn optional_text(&mut self, node: &Node, key: &str) -> Option<String> {
        let value = node.get(key)?;
        match &value.value {
            NodeValue::Null => None,
            NodeValue::String(s) if s.trim().is_empty() => None,
            NodeValue::String(s) => Some(s.trim().to_string()),
            NodeValue::Number { text, .. } => Some(text.clone()),
            _ => {
                let kind = value.kind();
                self.error(
                    "E-TYPE",
                    value.pos,
                    format!("「{key}」は文字列で書いてください（{kind}になっています）"),
                    format!("{key}: 〜 のように1行の文章で書いてください"),
                );
                None
            }
        }
    }

    fn text_list(&mut self, node: &Node, key: &str) -> Vec<String> {
        let Some(value) = node.get(key) else {
            return Vec::new();
        };
        match &value.value {
            NodeValue::Null => Vec::new(),
            NodeValue::Seq(items) => items
                .iter()
                .filter_map(|item| match item.as_text() {
                    Some(t) => Some(t.trim().trim_start_matches('・').trim().to_string()),
                    None => {
                        self.error(
                            "E-TYPE",
                            item.pos,
                            format!("「{key}」の項目は文字列で書いてください"),
                            "- 〜に関すること のように1行ずつ書いてください",
                        );
                        None
                    }
                })
                .collect(),
            NodeValue::String(s) => vec![s.trim().to_string()],
            _ => {
                self.error(
                    "E-TYPE",
                    value.pos,
                    format!("「{key}」はリストで書いてください"),
                    format!("{key}: の下の行に「  - 項目」の形で1行ずつ書いてください"),
                );
                Vec::new()
            }
        }
    }

    fn integer(&mut self, node: &Node, key: &str) -> Option<i64> {
        let value = node.get(key)?;
        match &value.value {
            NodeValue::Number { value: v, .. } if v.fract() == 0.0 && v.abs() < 1e12 => {
                Some(*v as i64)
            }
            NodeValue::Null => None,
            _ => {
                self.error(
                    "E-TYPE",
                    value.pos,
                    format!("「{key}」は整数で書いてください"),
                    format!("{key}: 10 のように半角の整数で書いてください"),
                );
                None
            }
        }
    }

    fn boolean(&mut self, node: &Node, key: &str) -> Option<bool> {
        let value = node.get(key)?;
        match &value.value {
            NodeValue::Bool(b) => Some(*b),
            NodeValue::Null => None,
            _ => {
                self.error(
                    "E-TYPE",
                    value.pos,
                    format!("「{key}」は true か false で書いてください"),
                    format!("{key}: true（公開しない）または {key}: false（公開する）"),
                );
                None
            }
        }
    }

    fn slug(&mut self, node: &Node, from_name: &str, what: &str) -> Option<String> {
        if let Some(value) = node.get("slug") {
            let slug = value.as_text().unwrap_or_default();
            if is_valid_slug(&slug) {
                return Some(slug);
            }
            self.error(
                "E-SLUG",
                value.pos,
                format!("slug「{slug}」はURLに使えません"),
                "半角の英小文字・数字・ハイフンだけで書いてください（例: slug: jishu-bosai）",
            );
            return None;
        }
        if is_valid_slug(from_name) {
            return Some(from_name.to_string());
        }
        self.error(
            "E-SLUG",
            Pos { line: 1, column: 1 },
            format!("{what}「{from_name}」はURLに使えません（URLは半角の英小文字・数字・ハイフンだけ）"),
            format!("{what}を半角英小文字に変えるか、フロントマターに slug: jichikai のようにURL名を書いてください"),
        );
        None
    }

    fn indicator(&mut self, node: &Node) -> Option<Indicator> {
        if node.as_map().is_none() {
            self.error(
                "E-TYPE",
                node.pos,
                "「indicator」は name, unit, direction, baseline, targets を持つ組で書いてください",
                "indicator: の次の行から字下げして name: 〜 などを書いてください",
            );
            return None;
        }
        self.known_keys(node, INDICATOR_KEYS, "indicator");
        let name = self.required_text(node, "name", "指標名（例: name: 自治会加入割合）");
        let unit = self.optional_text(node, "unit").unwrap_or_default();
        let direction = self.direction(node);
        let baseline = match node.get("baseline") {
            Some(b) => self.baseline(b, &unit),
            None => {
                self.error(
                    "E-MISSING-KEY",
                    node.pos,
                    "必須のキー「baseline」（初期値）がありません",
                    "baseline: { year: 令和5年度, value: 74.6 } のように書いてください",
                );
                None
            }
        };
        let actual = node
            .get("actual")
            .map(|a| self.series(a, "actual", &unit))
            .unwrap_or_default();
        let targets = match node.get("targets") {
            Some(t) => self.series(t, "targets", &unit),
            None => Vec::new(),
        };
        if targets.is_empty() && !self.failed {
            let pos = node.get("targets").map_or(node.pos, |t| t.pos);
            self.error("E-NO-TARGETS", pos, "目標値（targets）がありません", "targets: の下に「令和7年度: 72.7」のように年度と目標値を書いてください（最も後の年度が最終目標値です）");
        }
        let (baseline, baseline_decimals) = baseline?;
        if let Some(first) = targets.first()
            && first.0.year <= baseline.year
        {
            let pos = node.get("baseline").map_or(node.pos, |b| b.pos);
            self.error(
                "E-BASELINE-AFTER-TARGET",
                pos,
                format!("初期値の年度（{}）が最初の目標年度（{}）より後か同じです", baseline.year.label(), first.0.year.label()),
                "初期値（baseline）は計画の始まりの年度、目標値（targets）はそれより後の年度で書いてください",
            );
            return None;
        }
        let decimals = actual
            .iter()
            .chain(&targets)
            .map(|(_, d)| *d)
            .chain([baseline_decimals])
            .max()
            .unwrap_or(0);
        Some(Indicator {
            name: name?,
            unit,
            direction: direction?,
            baseline,
            actual: actual.into_iter().map(|(p, _)| p).collect(),
            targets: targets.into_iter().map(|(p, _)| p).collect(),
            decimals,
        })
    }

    fn direction(&mut self, node: &Node) -> Option<Direction> {
        let help =
            "direction: up（高いほど良い）か direction: down（低いほど良い）と書いてください";
        let Some(value) = node.get("direction") else {
            self.error(
                "E-MISSING-KEY",
                node.pos,
                "必須のキー「direction」（高いほど良いか低いほど良いか）がありません",
                help,
            );
            return None;
        };
        let text = value.as_text().unwrap_or_default();
        let parsed = Direction::parse(&text);
        if parsed.is_none() {
            self.error(
                "E-DIRECTION",
                value.pos,
                format!("direction「{text}」は up か down で書いてください"),
                help,
            );
        }
        parsed
    }

    fn baseline(&mut self, node: &Node, unit: &str) -> Option<(Point, u8)> {
        let help = "baseline: { year: 令和5年度, value: 74.6 } のように書いてください";
        let Some(map) = node.as_map() else {
            self.error(
                "E-TYPE",
                node.pos,
                "「baseline」は year と value の組で書いてください",
                help,
            );
            return None;
        };
        if map.len() == 1 && node.get("year").is_none() && node.get("value").is_none() {
            // `baseline: { 令和5年度: 74.6 }` — the same shape as actual and targets.
            return self.series(node, "baseline", unit).into_iter().next();
        }
        self.known_keys(node, BASELINE_KEYS, "baseline");
        let year = match node.get("year") {
            Some(y) => self.year(y.as_text().as_deref().unwrap_or(""), y.pos),
            None => {
                self.error(
                    "E-MISSING-KEY",
                    node.pos,
                    "baseline に year（初期値の年度）がありません",
                    help,
                );
                None
            }
        };
        let value = match node.get("value") {
            Some(v) => self.value(v, "baseline", unit),
            None => {
                self.error(
                    "E-MISSING-KEY",
                    node.pos,
                    "baseline に value（初期値）がありません",
                    help,
                );
                None
            }
        };
        let (value, decimals) = value?;
        Some((Point { year: year?, value }, decimals))
    }

    fn series(&mut self, node: &Node, key: &str, unit: &str) -> Vec<(Point, u8)> {
        let Some(map) = node.as_map() else {
            if node.value != NodeValue::Null {
                self.error(
                    "E-TYPE",
                    node.pos,
                    format!("「{key}」は「年度: 値」の組で書いてください"),
                    format!("{key}: の下の行に「  令和6年度: 72.1」のように書いてください"),
                );
            }
            return Vec::new();
        };
        let mut points: Vec<(Point, u8, Pos)> = Vec::new();
        for (k, v) in map {
            let Some(year) = self.year(&k.text, k.pos) else {
                continue;
            };
            if let Some((_, _, first)) = points.iter().find(|(p, _, _)| p.year == year) {
                let line = first.line;
                self.error(
                    "E-DUPLICATE-YEAR",
                    k.pos,
                    format!(
                        "{}の{}が二回書かれています（{}行目と同じ年度）",
                        key_label(key),
                        year.label(),
                        line
                    ),
                    "同じ年度は一度だけ書いてください",
                );
                continue;
            }
            if let Some((value, decimals)) = self.value(v, key, unit) {
                points.push((Point { year, value }, decimals, k.pos));
            }
        }
        points.sort_by_key(|(p, _, _)| p.year);
        points.into_iter().map(|(p, d, _)| (p, d)).collect()
    }

    fn year(&mut self, text: &str, pos: Pos) -> Option<FiscalYear> {
        match FiscalYear::parse(text) {
            Ok(y) => Some(y),
            Err(e) => {
                self.error("E-YEAR", pos, e.to_string(), e.help());
                None
            }
        }
    }

    fn value(&mut self, node: &Node, key: &str, unit: &str) -> Option<(f64, u8)> {
        let result = match &node.value {
            NodeValue::Number { value, text } => check_number(*value, text),
            NodeValue::String(s) => parse_value(s, unit),
            NodeValue::Null => {
                self.error(
                    "E-VALUE",
                    node.pos,
                    format!("{}の値が空です", key_label(key)),
                    "72.1 のように数値を書いてください（まだ値がない年度は行ごと消してください）",
                );
                return None;
            }
            _ => Err(ValueError::NotANumber(node.kind().to_string())),
        };
        match result {
            Ok(parsed) => {
                if parsed.normalized {
                    let written = node.as_text().unwrap_or_default();
                    self.warning(
                        "W-VALUE-NORMALIZED",
                        node.pos,
                        format!(
                            "値「{written}」を {} として読みました",
                            super::value::format_number(parsed.value, parsed.decimals)
                        ),
                        "値は単位や全角文字を付けず、半角の数値だけで書くと確実です",
                    );
                }
                let decimals = match &node.value {
                    NodeValue::Number { text, .. } => decimals_of(text),
                    _ => parsed.decimals,
                };
                Some((parsed.value, decimals))
            }
            Err(e) => {
                self.error(
                    "E-VALUE",
                    node.pos,
                    format!("{}: {e}", key_label(key)),
                    e.help(),
                );
                None
            }
        }
    }
}

fn key_label(key: &str) -> &'static str {
    match key {
        "baseline" => "初期値",
        "actual" => "実績",
        "targets" => "目標値",
        _ => "値",
    }
}

/// The closest allowed key within edit distance 2 (typos like `indcator`).
pub fn suggest<'k>(key: &str, allowed: &[&'k str]) -> Option<&'k str> {
    allowed
        .iter()
        .map(|a| (edit_distance(key, a), *a))
        .filter(|(d, a)| *d <= 2.min(a.len() / 2).max(1))
        .min()
        .map(|(_, a)| a)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests;
