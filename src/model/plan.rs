//! 施策体系 — the plan's tree from config.toml's `[[plan]]` (総合計画: 基本目標 → 施策 …),
//! and tags (`tags: [総合戦略, SDGs 11]`) with the URL rule of their pages (§8.4).
//!
//! Pure values. The tree is validated where config.toml is read (codes unique, every parent
//! exists, no cycles: [`plan_problems`]), so code here may walk it without guarding.
//!
//! # Tag URLs
//!
//! A tag is compared in its normalised form ([`normalize_tag`]: NFKC, so full-width
//! `ＳＤＧｓ　１１` is `SDGs 11`, with runs of spaces made one). Its page is
//! `tags/<slug>/` with [`tag_slug`]: a tag written only in ASCII becomes lower case with each
//! run of other characters than letters and digits made one `-` (`SDGs 11` → `sdgs-11`);
//! any other tag (Japanese) becomes `t-` and the CRC-32 of its normalised UTF-8 text in 8 hex
//! digits (`総合戦略` → `t-` + 8 digits). Slugs are ASCII `[a-z0-9-]+`: no file name on disk or
//! URL needs percent-encoding, so pages work on any server and under any sub-path, and the
//! same tag always gets the same URL. Two spellings that meet in one slug are an error.

use unicode_normalization::UnicodeNormalization;

/// One node of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanNode {
    /// `4-1`.
    pub code: String,
    /// `防災・消防`.
    pub title: String,
    /// The parent's code; `None` for a top node (基本目標).
    pub parent: Option<String>,
}

/// The plan's tree, nodes in config.toml order. Validated: codes unique, parents exist,
/// no cycles.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// The nodes in written order.
    pub nodes: Vec<PlanNode>,
}

impl Plan {
    /// True when config.toml has no `[[plan]]`.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The node of `code`.
    pub fn get(&self, code: &str) -> Option<&PlanNode> {
        self.nodes.iter().find(|n| n.code == code)
    }

    /// The children of `parent` (top nodes for `None`), in written order.
    pub fn children<'p>(&'p self, parent: Option<&'p str>) -> impl Iterator<Item = &'p PlanNode> {
        self.nodes
            .iter()
            .filter(move |n| n.parent.as_deref() == parent)
    }

    /// The path from the top node down to `code` (itself last); empty for an unknown code.
    pub fn path_to(&self, code: &str) -> Vec<&PlanNode> {
        let mut path = Vec::new();
        let mut at = self.get(code);
        while let Some(node) = at {
            path.push(node);
            // Validated acyclic; the bound only guards a tree built without validation.
            if path.len() > self.nodes.len() {
                break;
            }
            at = node.parent.as_deref().and_then(|p| self.get(p));
        }
        path.reverse();
        path
    }

    /// Whether `code` is `ancestor` or under it.
    pub fn is_within(&self, code: &str, ancestor: &str) -> bool {
        self.path_to(code).iter().any(|n| n.code == ancestor)
    }
}

/// What is wrong with one node of a written tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PlanProblem {
    /// The code was used by an earlier node (its index).
    DuplicateCode(usize),
    /// The parent names no node.
    UnknownParent,
    /// Following the parents from this node comes back to it.
    Cycle,
    /// The code is empty.
    EmptyCode,
}

/// Problems of a written tree, as (node index, problem), in node order.
pub(crate) fn plan_problems(nodes: &[PlanNode]) -> Vec<(usize, PlanProblem)> {
    let mut problems = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        if node.code.trim().is_empty() {
            problems.push((i, PlanProblem::EmptyCode));
        } else if let Some(first) = nodes[..i].iter().position(|n| n.code == node.code) {
            problems.push((i, PlanProblem::DuplicateCode(first)));
        }
        if let Some(parent) = &node.parent
            && !nodes.iter().any(|n| &n.code == parent)
        {
            problems.push((i, PlanProblem::UnknownParent));
        }
    }
    for (i, node) in nodes.iter().enumerate() {
        if on_cycle(nodes, node) {
            problems.push((i, PlanProblem::Cycle));
        }
    }
    problems.sort_by_key(|(i, _)| *i);
    problems
}

/// Whether following parents from `start` comes back to it (first node of a code wins).
fn on_cycle(nodes: &[PlanNode], start: &PlanNode) -> bool {
    let mut at = start;
    for _ in 0..nodes.len() {
        let Some(parent) = &at.parent else {
            return false;
        };
        if parent == &start.code {
            return true;
        }
        match nodes.iter().find(|n| &n.code == parent) {
            Some(next) => at = next,
            None => return false,
        }
    }
    false
}

/// A plan code with full-width characters made half-width and every dash or dot as `-`
/// (`４ー１` → `4-1`): how a mistyped code is matched to the code meant.
pub(crate) fn code_shape(code: &str) -> String {
    code.nfkc()
        .map(|c| {
            if "－ー‐—–−・.．_の".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect::<String>()
        .to_lowercase()
}

/// A tag as compared and shown: NFKC (full-width letters and digits made half-width),
/// trimmed, runs of whitespace made one space.
pub(crate) fn normalize_tag(text: &str) -> String {
    let nfkc: String = text.nfkc().collect();
    nfkc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The URL slug of a (normalised) tag: see the module's doc.
pub(crate) fn tag_slug(tag: &str) -> String {
    let tag = normalize_tag(tag);
    if tag.is_ascii() {
        let mut slug = String::with_capacity(tag.len());
        for c in tag.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let slug = slug.trim_end_matches('-');
        if !slug.is_empty() {
            return slug.to_string();
        }
    }
    format!("t-{:08x}", crc32fast::hash(tag.as_bytes()))
}

/// Site-relative path of the tag index page.
pub(crate) const TAGS_PAGE_PATH: &str = "tags/";

/// Site-relative path of the 施策体系 page.
pub(crate) const PLAN_PAGE_PATH: &str = "plan/";

/// Site-relative path of a tag's page (`tags/sdgs-11/`).
pub(crate) fn tag_path(tag: &str) -> String {
    format!("{TAGS_PAGE_PATH}{}/", tag_slug(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(code: &str, parent: Option<&str>) -> PlanNode {
        PlanNode {
            code: code.into(),
            title: format!("施策{code}"),
            parent: parent.map(str::to_string),
        }
    }

    #[test]
    fn a_valid_tree_has_no_problems_and_walks_down() {
        let nodes = vec![
            node("4", None),
            node("4-1", Some("4")),
            node("4-2", Some("4")),
            node("4-1-1", Some("4-1")),
        ];
        assert!(plan_problems(&nodes).is_empty());
        let plan = Plan { nodes };
        let top: Vec<&str> = plan.children(None).map(|n| n.code.as_str()).collect();
        assert_eq!(top, ["4"]);
        let under: Vec<&str> = plan.children(Some("4")).map(|n| n.code.as_str()).collect();
        assert_eq!(under, ["4-1", "4-2"]);
        let path: Vec<&str> = plan
            .path_to("4-1-1")
            .iter()
            .map(|n| n.code.as_str())
            .collect();
        assert_eq!(path, ["4", "4-1", "4-1-1"]);
        assert!(plan.is_within("4-1-1", "4"));
        assert!(!plan.is_within("4-2", "4-1"));
    }

    #[test]
    fn duplicate_codes_and_unknown_parents_are_found() {
        let nodes = vec![node("4", None), node("4", None), node("5-1", Some("5"))];
        assert_eq!(
            plan_problems(&nodes),
            vec![
                (1, PlanProblem::DuplicateCode(0)),
                (2, PlanProblem::UnknownParent)
            ]
        );
    }

    #[test]
    fn cycles_are_found_on_every_node_of_the_cycle() {
        let nodes = vec![
            node("1", Some("3")),
            node("2", Some("1")),
            node("3", Some("2")),
            node("4", Some("1")),
            node("5", Some("5")),
        ];
        let cyclic: Vec<usize> = plan_problems(&nodes)
            .into_iter()
            .filter(|(_, p)| *p == PlanProblem::Cycle)
            .map(|(i, _)| i)
            .collect();
        // 4 hangs from the cycle but is not on it.
        assert_eq!(cyclic, [0, 1, 2, 4]);
    }

    #[test]
    fn tag_slugs_are_ascii_and_stable() {
        assert_eq!(tag_slug("SDGs 11"), "sdgs-11");
        assert_eq!(tag_slug("ＳＤＧｓ　１１"), "sdgs-11");
        assert_eq!(tag_slug("  Smart-City!! "), "smart-city");
        let japanese = tag_slug("総合戦略");
        assert_eq!(
            japanese,
            format!("t-{:08x}", crc32fast::hash("総合戦略".as_bytes()))
        );
        assert_eq!(japanese.len(), 10);
        assert_eq!(tag_slug("総合戦略"), japanese);
        assert_ne!(tag_slug("総合計画"), japanese);
        assert!(tag_slug("!!!").starts_with("t-"));
        assert_eq!(tag_path("SDGs 11"), "tags/sdgs-11/");
    }

    #[test]
    fn tags_are_normalised() {
        assert_eq!(normalize_tag(" ＳＤＧｓ　 １１ "), "SDGs 11");
    }
}
