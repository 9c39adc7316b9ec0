//! Paged goal lists: what keeps every page small (under 1 MB) however many goals a site has.
//!
//! A site of a town's size (up to [`PAGE_SIZE`] goals) is shown as it always was: the home page
//! lists every goal. A larger site's home page shows counts, the department table and the
//! goals that need attention, and links to lists of [`PAGE_SIZE`] goals a page: every goal
//! (`goals/`, `goals/2/` …) and the goals of one status (`goals/status/worse/`,
//! `goals/status/worse/2/` …). A department with more than [`PAGE_SIZE`] goals is paged the same
//! way (`somu/`, `somu/page/2/` …). Every list works without JavaScript; the page numbers are
//! all listed, so any goal is three links from the home page.

use serde::Serialize;

use crate::model::{Department, Goal, Site, Status, department_path};

/// Goals on one page of a list, and the most a site (or a department) may have to be shown
/// on one page as before.
pub(crate) const PAGE_SIZE: usize = 100;

/// Goals that need attention (悪化) shown on a large site's home page.
pub(crate) const ATTENTION_MAX: usize = 20;

/// Site-relative path of the paged list of every goal.
pub(crate) const GOALS_LIST_PATH: &str = "goals/";

/// Whether `site` is shown with paged lists (more goals than fit on one page).
pub(crate) fn is_large(site: &Site) -> bool {
    site.departments
        .iter()
        .map(|d| d.goals.len())
        .sum::<usize>()
        > PAGE_SIZE
}

/// Number of pages for `items` entries (at least one).
pub(crate) fn page_count(items: usize) -> usize {
    items.div_ceil(PAGE_SIZE).max(1)
}

/// Path of page `number` (1-based) of the list at `base`: `base` itself for the first page,
/// else `{base}{sub}{number}/` (`goals/2/`, `somu/page/2/`).
pub(crate) fn page_path(base: &str, sub: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}{sub}{number}/")
    }
}

/// Path of the paged list of the goals of `status` (`goals/status/worse/`).
pub(crate) fn status_list_path(status: Status) -> String {
    format!("{GOALS_LIST_PATH}status/{}/", status.code())
}

/// The sub-path of a department's pages after the first (`somu/page/2/`).
pub(crate) const DEPARTMENT_PAGE_SUB: &str = "page/";

/// Number of list entries of `status`: one per indicator of that status.
pub(crate) fn status_entries(site: &Site, status: Status) -> usize {
    site.goals()
        .flat_map(|(_, g)| g.evaluations())
        .filter(|e| e.status == status)
        .count()
}

/// The (department, goal, indicator index) entries of `status`, in site order.
pub(crate) fn status_members(site: &Site, status: Status) -> Vec<(&Department, &Goal, usize)> {
    site.goals()
        .flat_map(|(dept, goal)| {
            (0..goal.indicators().len())
                .filter(move |&i| goal.evaluations()[i].status == status)
                .map(move |i| (dept, goal, i))
        })
        .collect()
}

/// Site-relative paths of every paged list page (none for a site of a town's size): the
/// all-goals and per-status lists of a large site ([`site_list_page_paths`]), and the second
/// and later pages of a large department ([`department_page_paths`]).
pub(crate) fn list_page_paths(site: &Site) -> Vec<String> {
    let mut paths = site_list_page_paths(site);
    paths.extend(department_page_paths(site));
    paths
}

/// The pages of the all-goals and per-status lists (all under [`GOALS_LIST_PATH`]); none for
/// a site of a town's size.
pub(crate) fn site_list_page_paths(site: &Site) -> Vec<String> {
    let mut paths = Vec::new();
    if is_large(site) {
        let goals = site.goals().count();
        paths.extend((1..=page_count(goals)).map(|n| page_path(GOALS_LIST_PATH, "", n)));
        for status in site.statuses() {
            let base = status_list_path(status);
            let pages = page_count(status_entries(site, status));
            paths.extend((1..=pages).map(|n| page_path(&base, "", n)));
        }
    }
    paths
}

/// The second and later pages of each department of more than [`PAGE_SIZE`] goals.
pub(crate) fn department_page_paths(site: &Site) -> Vec<String> {
    let mut paths = Vec::new();
    for dept in &site.departments {
        if dept.goals.len() > PAGE_SIZE {
            let base = department_path(dept);
            let pages = page_count(dept.goals.len());
            paths.extend((2..=pages).map(|n| page_path(&base, DEPARTMENT_PAGE_SUB, n)));
        }
    }
    paths
}

/// One page number in a pagination.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageLinkView {
    /// 1-based page number.
    pub number: usize,
    /// Site-relative path of that page.
    pub path: String,
    /// Whether it is the page shown.
    pub current: bool,
    /// Whether page numbers are left out before this one (shown as 「…」).
    pub gap_before: bool,
}

/// Most pages a list may have for every page to list every page number; a longer list
/// lists them all on its first page only (so every page stays two links from the list's
/// first page) and, on the others, the first, the last and [`NEAR`] either side of the
/// page shown.
pub(crate) const ALL_NUMBERS_MAX: usize = 15;

/// Page numbers shown either side of the page shown, in a long list's later pages.
pub(crate) const NEAR: usize = 2;

/// The pagination of one page of a list (「前へ」, the page numbers, 「次へ」).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PaginationView {
    /// 1-based number of this page.
    pub current: usize,
    /// Number of pages.
    pub page_count: usize,
    /// Entries in the whole list.
    pub item_count: usize,
    /// 1-based position of this page's first entry.
    pub first_item: usize,
    /// 1-based position of this page's last entry.
    pub last_item: usize,
    /// The previous page's path, if any.
    pub previous_path: Option<String>,
    /// The next page's path, if any.
    pub next_path: Option<String>,
    /// Every page.
    pub pages: Vec<PageLinkView>,
}

impl PaginationView {
    /// Page `current` (1-based) of a list of `items` entries at `base` (later pages at
    /// `{base}{sub}{n}/`).
    pub(crate) fn new(base: &str, sub: &str, current: usize, items: usize) -> Self {
        let page_count = page_count(items);
        let path = |n| page_path(base, sub, n);
        PaginationView {
            current,
            page_count,
            item_count: items,
            first_item: ((current - 1) * PAGE_SIZE + 1).min(items),
            last_item: (current * PAGE_SIZE).min(items),
            previous_path: (current > 1).then(|| path(current - 1)),
            next_path: (current < page_count).then(|| path(current + 1)),
            pages: shown_numbers(current, page_count)
                .into_iter()
                .scan(0, |last, number| {
                    let gap_before = number > *last + 1;
                    *last = number;
                    Some(PageLinkView {
                        number,
                        path: path(number),
                        current: number == current,
                        gap_before,
                    })
                })
                .collect(),
        }
    }
}

/// The page numbers a pagination lists on page `current` of `page_count` (see
/// [`ALL_NUMBERS_MAX`]).
fn shown_numbers(current: usize, page_count: usize) -> Vec<usize> {
    if page_count <= ALL_NUMBERS_MAX || current == 1 {
        return (1..=page_count).collect();
    }
    let near = current.saturating_sub(NEAR).max(1)..=(current + NEAR).min(page_count);
    let mut numbers = vec![1];
    numbers.extend(near);
    numbers.push(page_count);
    numbers.dedup();
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_split_in_hundreds_and_link_both_ways() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(100), 1);
        assert_eq!(page_count(101), 2);
        let p = PaginationView::new("goals/", "", 2, 250);
        assert_eq!((p.first_item, p.last_item, p.page_count), (101, 200, 3));
        assert_eq!(p.previous_path.as_deref(), Some("goals/"));
        assert_eq!(p.next_path.as_deref(), Some("goals/3/"));
        assert!(p.pages[1].current && !p.pages[0].current);
        let last = PaginationView::new("somu/", DEPARTMENT_PAGE_SUB, 3, 250);
        assert_eq!((last.first_item, last.last_item), (201, 250));
        assert_eq!(last.next_path, None);
        assert_eq!(last.pages[2].path, "somu/page/3/");
    }

    #[test]
    fn a_long_list_numbers_every_page_on_its_first_page_only() {
        let first = PaginationView::new("goals/", "", 1, 100_000);
        assert_eq!(first.pages.len(), 1000);
        assert!(first.pages.iter().all(|p| !p.gap_before));
        let middle = PaginationView::new("goals/", "", 500, 100_000);
        let numbers: Vec<_> = middle
            .pages
            .iter()
            .map(|p| (p.number, p.gap_before))
            .collect();
        assert_eq!(
            numbers,
            [
                (1, false),
                (498, true),
                (499, false),
                (500, false),
                (501, false),
                (502, false),
                (1000, true)
            ]
        );
        let near_start = PaginationView::new("goals/", "", 2, 100_000);
        let numbers: Vec<_> = near_start.pages.iter().map(|p| p.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 1000]);
        // Up to fifteen pages, every page lists every number.
        assert_eq!(PaginationView::new("goals/", "", 7, 1500).pages.len(), 15);
    }
}
