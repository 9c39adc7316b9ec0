//! 過去の版 (`[[editions]]`) as the pages see them: on the current site, which earlier
//! editions each goal page was in; on an archived edition, the banner that names it and
//! the current pages it can link back to. Plain data, set when the editions are loaded.

use std::collections::{BTreeMap, BTreeSet};

/// An edition's place in the output: `/archive/<tag>/`.
pub(crate) fn archive_path(tag: &str) -> String {
    format!("archive/{tag}/")
}

/// A site's links between editions.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Editions {
    /// A site without `[[editions]]`.
    #[default]
    None,
    /// The current site: page path (`somu/jichikai/`) → the earlier editions holding it,
    /// in config.toml's order.
    Current(BTreeMap<String, Vec<EarlierEdition>>),
    /// An archived edition.
    Archived(Banner),
}

/// An earlier edition a current page was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierEdition {
    /// `令和6年度版`.
    pub label: String,
    /// The git tag (`r6`).
    pub tag: String,
}

/// What an archived edition's banner says and links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    /// `令和6年度版`.
    pub label: String,
    /// `（2024年度）` after the label: the edition's year in 西暦, when it has one.
    pub year: Option<u16>,
    /// The git tag (`r6`).
    pub tag: String,
    /// The current site's page paths (a goal or department still there is linked to).
    pub current_pages: BTreeSet<String>,
}

impl Banner {
    /// The banner's sentence: 「令和6年度版（2024年度）の記録です。」
    pub fn sentence(&self) -> String {
        match self.year {
            Some(year) => format!("{}（{year}年度）の記録です。", self.label),
            None => format!("{}の記録です。", self.label),
        }
    }

    /// The current page of the archived page at `path` (its own path when the current
    /// site still has it, else the home page's `""`).
    pub fn current_of<'a>(&self, path: &'a str) -> &'a str {
        if self.current_pages.contains(path) {
            path
        } else {
            ""
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_names_the_edition_and_links_to_a_page_still_there() {
        let banner = Banner {
            label: "令和6年度版".into(),
            year: Some(2024),
            tag: "r6".into(),
            current_pages: ["somu/a/".to_string()].into(),
        };
        assert_eq!(banner.sentence(), "令和6年度版（2024年度）の記録です。");
        assert_eq!(banner.current_of("somu/a/"), "somu/a/");
        assert_eq!(banner.current_of("somu/gone/"), "");
        let no_year = Banner {
            year: None,
            ..banner
        };
        assert_eq!(no_year.sentence(), "令和6年度版の記録です。");
    }
}
