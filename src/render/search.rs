//! 検索 (`search/`): the text every goal is found by, normalised the way people type
//! ([`normalise`]), the static index the page's script searches (`search/index.js`), and the
//! page's list of every goal by department, which is what a reader without JavaScript gets.
//!
//! The index is one JavaScript file (so the page works opened from disk, where a script may
//! not fetch a JSON file) that assigns one JSON value: [`INDEX_PREFIX`], the JSON, `;`.
//! The JSON is
//!
//! ```text
//! {"version":1,
//!  "statuses":[["achieved","達成","◎"],…],          code, word, shape, in the order of
//!                                                    Status::WITH_EXCLUDED
//!  "departments":[["総務課","somu/","総務課"],…],     display name, path, normalised name
//!  "strings":["期待される効果",…],                    normalised headings, indicator names
//!                                                    and tags, each once, sorted
//!  "goals":[[0,"jichikai","自治会加入率の向上\n4-1-1\n…",[3,7],[1],"…"],…]}
//! ```
//!
//! A goal is `[department, slug, text, string ids, status ids]`, plus its display title when
//! that differs from the first line of `text` (the normalised title). `text` holds the goal's
//! own normalised fields, one a line: the title first, then indicator codes and 事業概要 when
//! there are any; what many goals share
//! (section headings, indicator names, tags) is in `strings` once. The same site gives the
//! same bytes: every list is in site order or sorted.
//!
//! [`normalise`] has a twin in `themes/default/static/js/search.js` (the query's side); the
//! test suite runs both over the same strings (tests/testsuite/search.rs).

use std::collections::BTreeSet;
use std::io::Write;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::model::{Department, Goal, Site, Status, department_path, goal_path};

use super::view::StatusView;

/// Site-relative URL path of the search page.
pub(crate) const SEARCH_PAGE_PATH: &str = "search/";

/// Output file of the search index.
pub(crate) const SEARCH_INDEX_PATH: &str = "search/index.js";

/// What the index file starts with, before its JSON.
pub(crate) const INDEX_PREFIX: &str = "window.hyokaSearchIndex=";

/// Text as it is searched: NFKC (full-width letters and digits to half width, half-width
/// katakana to full width), katakana folded to hiragana, ASCII letters to lower case, every
/// dash and long-vowel mark (ー ｰ ‐ − — …) to `-`, every wave dash (〜 ～ 〰 ∼) to `~`,
/// white space runs to one space, trimmed.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfkc() {
        let c = fold(c);
        if c == ' ' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// One character of [`normalise`], after NFKC.
fn fold(c: char) -> char {
    match c {
        // ァ … ヶ, ヽ ヾ: the hiragana 0x60 below.
        '\u{30A1}'..='\u{30F6}' | '\u{30FD}' | '\u{30FE}' => {
            char::from_u32(c as u32 - 0x60).unwrap_or(c)
        }
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{30FC}'
        | '\u{2010}'..='\u{2015}'
        | '\u{2212}'
        | '\u{2500}'
        | '\u{2501}'
        | '\u{02D7}'
        | '\u{2043}' => '-',
        '\u{301C}' | '\u{3030}' | '\u{223C}' | '\u{223E}' | '\u{2053}' => '~',
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => ' ',
        _ => c,
    }
}

/// What one goal is found by, normalised, as its page's renderer hands it on (the goal's
/// Markdown body is gone by the time the index is written: see `pipeline::emit_site_once`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GoalSearch {
    /// The goal's own fields, one a line: title, then indicator codes and 事業概要 if any.
    text: String,
    /// Headings of the body, indicator names and tags (shared by many goals).
    shared: Vec<String>,
    /// The title as shown, when it differs from its normalised form.
    title: Option<String>,
}

impl GoalSearch {
    /// The search text of `goal`, whose Markdown body is `body`.
    pub(crate) fn new(goal: &Goal, body: &str) -> Self {
        let title = normalise(&goal.title);
        let mut lines = vec![title.clone()];
        let codes: Vec<String> = goal
            .indicators()
            .iter()
            .filter_map(|ind| ind.details.code.as_deref())
            .map(normalise)
            .collect();
        lines.push(codes.join(" "));
        lines.push(goal.summary.as_deref().map(normalise).unwrap_or_default());
        // The title stays first (it is the display title when the two are the same).
        let mut at = 0;
        lines.retain(|line| {
            at += 1;
            at == 1 || !line.is_empty()
        });
        let mut shared: Vec<String> = heading_texts(body)
            .iter()
            .map(|h| normalise(h))
            .chain(goal.indicators().iter().map(|ind| normalise(&ind.name)))
            .chain(goal.facts.tags.iter().map(|t| normalise(&t.name)))
            .filter(|s| !s.is_empty())
            .collect();
        shared.sort();
        shared.dedup();
        GoalSearch {
            text: lines.join("\n"),
            shared,
            title: (title != goal.title).then(|| goal.title.clone()),
        }
    }
}

/// The text of every heading of a Markdown body, in order, inline markup left out.
fn heading_texts(body: &str) -> Vec<String> {
    let mut headings = Vec::new();
    let mut current: Option<String> = None;
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(body, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => current = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = current.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = current.as_mut() {
                    h.push(' ');
                }
            }
            _ => {}
        }
    }
    headings
}

/// The index's JSON (see the module doc).
#[derive(Serialize)]
struct IndexJson<'a> {
    version: u32,
    statuses: Vec<(&'static str, &'static str, &'static str)>,
    departments: Vec<(&'a str, String, String)>,
    strings: Vec<&'a str>,
    goals: Vec<GoalJson<'a>>,
}

/// One goal of the index: `[department, slug, text, string ids, status ids(, title)]`.
struct GoalJson<'a> {
    department: usize,
    slug: &'a str,
    text: &'a str,
    strings: Vec<usize>,
    statuses: Vec<usize>,
    title: Option<&'a str>,
}

impl Serialize for GoalJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(5 + usize::from(self.title.is_some())))?;
        seq.serialize_element(&self.department)?;
        seq.serialize_element(self.slug)?;
        seq.serialize_element(self.text)?;
        seq.serialize_element(&self.strings)?;
        seq.serialize_element(&self.statuses)?;
        if let Some(title) = self.title {
            seq.serialize_element(title)?;
        }
        seq.end()
    }
}

/// Writes the index file of `site` into `out`, from each goal's [`GoalSearch`] in
/// `site.goals()` order.
pub(crate) fn write_index<'a>(
    site: &Site,
    searches: impl Iterator<Item = &'a GoalSearch>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let searches: Vec<&GoalSearch> = searches.collect();
    let strings: BTreeSet<&str> = searches
        .iter()
        .flat_map(|s| s.shared.iter().map(String::as_str))
        .collect();
    let strings: Vec<&str> = strings.into_iter().collect();
    let id = |s: &str| strings.binary_search(&s).unwrap_or_default();
    let status_id = |status: Status| {
        Status::WITH_EXCLUDED
            .iter()
            .position(|s| *s == status)
            .unwrap_or_default()
    };
    let goals = site
        .departments
        .iter()
        .enumerate()
        .flat_map(|(d, dept)| dept.goals.iter().map(move |g| (d, g)))
        .zip(&searches)
        .map(|((department, goal), search)| GoalJson {
            department,
            slug: &goal.slug,
            text: &search.text,
            strings: search.shared.iter().map(|s| id(s)).collect(),
            statuses: goal.indicator_statuses().map(status_id).collect(),
            title: search.title.as_deref(),
        })
        .collect();
    let index = IndexJson {
        version: 1,
        statuses: Status::WITH_EXCLUDED
            .iter()
            .map(|s| (s.code(), s.label(), s.symbol()))
            .collect(),
        departments: site
            .departments
            .iter()
            .map(|d| (d.title.as_str(), department_path(d), normalise(&d.title)))
            .collect(),
        strings,
        goals,
    };
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
    out.write_all(INDEX_PREFIX.as_bytes())?;
    serde_json::to_writer(&mut out, &index)?;
    out.write_all(b";\n")?;
    out.flush()
}

/// A goal in the search page's list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SearchGoalView {
    /// 目標名.
    pub title: String,
    /// Site-relative path.
    pub path: String,
    /// Each indicator's status.
    pub statuses: Vec<StatusView>,
}

/// A department in the search page's list, with its goals.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SearchDepartmentView {
    /// 課名.
    pub title: String,
    /// Site-relative path.
    pub path: String,
    /// The element id of its heading (`search-somu`).
    pub anchor: String,
    /// Its goals, in display order (none listed on a large site, see
    /// [`SearchPageView::list_path`]).
    pub goals: Vec<SearchGoalView>,
    /// How many goals it has.
    pub goal_count: usize,
}

/// The search page: the form, and every goal by department (search_list.html).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SearchPageView {
    /// Number of goals.
    pub goal_count: usize,
    /// Every department with goals, in site order.
    pub departments: Vec<SearchDepartmentView>,
    /// The index file, site-relative.
    pub index_path: String,
    /// On a large site (more than [`super::paging::PAGE_SIZE`] goals) the list without
    /// JavaScript is the paged list of every goal (`goals/`): the departments are listed
    /// with their counts only, so the page stays small.
    pub list_path: Option<String>,
}

impl SearchPageView {
    /// The view of `site`'s search page.
    pub(crate) fn new(site: &Site) -> Self {
        let department = |d: &Department| SearchDepartmentView {
            title: d.title.clone(),
            path: department_path(d),
            anchor: format!("search-{}", d.slug),
            goal_count: d.goals.len(),
            goals: d
                .goals
                .iter()
                .map(|g| SearchGoalView {
                    title: g.title.clone(),
                    path: goal_path(g),
                    statuses: g.indicator_statuses().map(StatusView::new).collect(),
                })
                .collect(),
        };
        let large = super::paging::is_large(site);
        let shown: Vec<&Department> = site
            .departments
            .iter()
            .filter(|d| !d.goals.is_empty())
            .collect();
        SearchPageView {
            goal_count: site.goals().count(),
            departments: shown
                .iter()
                .map(|d| {
                    let mut view = department(d);
                    if large {
                        view.goals.clear();
                    }
                    view
                })
                .collect(),
            index_path: SEARCH_INDEX_PATH.to_string(),
            list_path: large.then(|| super::paging::GOALS_LIST_PATH.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn katakana_folds_to_hiragana_and_widths_to_one() {
        let cases = [
            ("ボウサイ", "ぼうさい"),
            ("ﾎﾞｳｻｲ", "ぼうさい"),
            ("ヴァイオリン", "ゔぁいおりん"),
            ("ヵヶヽヾ", "ゕゖゝゞ"),
            ("ＡＢＣ１２３", "abc123"),
            ("４－１－１", "4-1-1"),
            ("4−1−1", "4-1-1"),
            ("Ｗｉ－Ｆｉ", "wi-fi"),
            ("㈱", "(株)"),
            ("①", "1"),
        ];
        for (text, want) in cases {
            assert_eq!(normalise(text), want, "{text}");
        }
    }

    #[test]
    fn long_vowels_and_wave_dashes_have_one_form_each() {
        for text in [
            "センター",
            "センタｰ",
            "せんたー",
            "センタ‐",
            "センタ―",
            "センタ—",
        ] {
            assert_eq!(normalise(text), "せんた-", "{text}");
        }
        for text in [
            "7月〜9月",
            "7月～9月",
            "7月~9月",
            "７月〜９月",
            "7月〰9月",
            "7月∼9月",
        ] {
            assert_eq!(normalise(text), "7月~9月", "{text}");
        }
    }

    #[test]
    fn white_space_collapses_and_trims() {
        assert_eq!(normalise("　防災\t 訓練\n"), "防災 訓練");
        assert_eq!(normalise(" \u{3000} "), "");
        assert_eq!(normalise("防災"), "防災");
    }

    #[test]
    fn normalising_twice_changes_nothing() {
        for text in ["ﾎﾞｳｻｲ　ｾﾝﾀｰ", "４－１〜２", "Ｈ２Ｏ　ヴ", "㍻", "ｶﾞｷﾞｸﾞ"]
        {
            let once = normalise(text);
            assert_eq!(normalise(&once), once, "{text}");
        }
    }

    #[test]
    fn headings_are_found_at_every_level_without_markup() {
        let body = "# 大見出し\n\n本文\n\n## **防災**の`訓練`\n\n### 三つ目\n\n- 見出しでない\n";
        assert_eq!(heading_texts(body), ["大見出し", "防災の訓練", "三つ目"]);
    }
}
