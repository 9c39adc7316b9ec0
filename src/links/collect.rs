//! [`LinkCollector`]: an [`Emit`] in front of another that notes every path the site will
//! have and, of each HTML page, its anchors and where its links go, for the check that runs
//! once the whole site has been made (a link may point at a page made later).
//!
//! A page is read as it passes, in the thread that made it, and only a little of it is
//! kept: its ids, and of its links (resolved against the page at once) one entry per place
//! they go and one per URL out of the site, with the first page that writes it and on how
//! many pages it is written. "First" is the order the findings are shown in: the home page,
//! then the other pages by path, the 404 page last (it writes its links from the server's
//! root); within a page, page order. A link that cannot fail is not kept at all: nothing
//! to check (`mailto:`), or an anchor of its own page that the page has.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::io;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::html::{self, Found};
use super::resolve::{Base, Resolved, Written, resolve};
use crate::output::emit::FileWriter;
use crate::output::{Emit, WriteError};
use crate::timings::{Stage, Timings};

/// What a site's output holds, for the link check.
#[derive(Debug, Default)]
pub(crate) struct LinkIndex {
    /// Every output path; an HTML page's with its `id`s (and `<a name>`s), sorted.
    pub(super) files: BTreeMap<String, Option<Ids>>,
    /// The templates' links into the site (and above it), by where they go.
    pub(super) internal: HashMap<Resolved, Occurrence>,
    /// The templates' links out of the site, by URL as written.
    pub(super) external: HashMap<String, Occurrence>,
}

/// A page's ids, sorted, each once.
pub(super) type Ids = Box<[Box<str>]>;

impl LinkIndex {
    /// Whether the site has the file `path`.
    pub(super) fn has(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The ids of the HTML page `path`; `None` when it is not one.
    pub(super) fn ids(&self, path: &str) -> Option<&[Box<str>]> {
        self.files.get(path)?.as_deref()
    }
}

/// Whether the page's `ids` hold the anchor `fragment`.
pub(super) fn has_id(ids: &[Box<str>], fragment: &str) -> bool {
    ids.binary_search_by(|id| (**id).cmp(fragment)).is_ok() || fragment.eq_ignore_ascii_case("top")
}

/// The first place a link is written, and how many times it is.
#[derive(Debug, Clone)]
pub(super) struct Occurrence {
    /// The page's output path.
    pub page: Arc<str>,
    /// 1-based line of the link in the page.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// The link as written there.
    pub href: String,
    /// On how many pages (each time a page writes it).
    pub count: usize,
}

impl Occurrence {
    /// The first of `link` on the page `page`.
    fn new(page: &Arc<str>, link: &Link<'_>) -> Self {
        Occurrence {
            page: Arc::clone(page),
            line: link.line,
            column: link.column,
            href: link.href.to_string(),
            count: 1,
        }
    }

    /// One more of the same link, `link` on the page `page`: counted, and kept as the
    /// first place when it comes before.
    fn add(&mut self, page: &Arc<str>, link: &Link<'_>) {
        self.count += 1;
        let earlier =
            (rank(page), link.line, link.column) < (rank(&self.page), self.line, self.column);
        if earlier {
            self.page = Arc::clone(page);
            (self.line, self.column) = (link.line, link.column);
            self.href = link.href.to_string();
        }
    }

    /// Which of two comes first in the findings' order (see the module's comment).
    pub(super) fn order(&self, other: &Occurrence) -> Ordering {
        rank(&self.page)
            .cmp(&rank(&other.page))
            .then((self.line, self.column).cmp(&(other.line, other.column)))
    }

    /// Adds `other`, the same place elsewhere: the counts summed, the first place kept.
    pub(super) fn merge(&mut self, other: Occurrence) {
        let count = self.count + other.count;
        if other.order(self).is_lt() {
            *self = other;
        }
        self.count = count;
    }
}

/// A page's place in the findings' order: the home page first, the 404 page last, else by
/// path.
fn rank(page: &str) -> (bool, bool, &str) {
    (page != "index.html", page == "404.html", page)
}

/// Notes what passes through to `inner`.
pub(crate) struct LinkCollector<'a> {
    inner: &'a dyn Emit,
    base: Base,
    unchecked: Vec<String>,
    index: Mutex<LinkIndex>,
    timings: Option<&'a Timings>,
}

impl<'a> LinkCollector<'a> {
    /// In front of `inner`, for the site at `base`.
    pub(crate) fn new(inner: &'a dyn Emit, base: Base) -> Self {
        LinkCollector {
            inner,
            base,
            unchecked: Vec::new(),
            index: Mutex::new(LinkIndex::default()),
            timings: None,
        }
    }

    /// Adds the time spent reading pages to `timings`' link stage.
    pub(crate) fn timed(mut self, timings: &'a Timings) -> Self {
        self.timings = Some(timings);
        self
    }

    /// Keeps the pages under the folders `prefixes` (`archive/r6/`) as targets, with their
    /// ids, but not their own links: those are not checked.
    pub(crate) fn unchecked_under(mut self, prefixes: Vec<String>) -> Self {
        self.unchecked = prefixes;
        self
    }

    /// What was noted.
    pub(crate) fn into_index(self) -> LinkIndex {
        self.index.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn note(&self, path: String, bytes: &[u8]) {
        let started = Instant::now();
        let page = path
            .ends_with(".html")
            .then(|| (self.read(&path, bytes), Arc::<str>::from(path.as_str())));
        let mut index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        match page {
            Some((page, name)) => {
                for (resolved, link) in page.internal {
                    match index.internal.entry(resolved) {
                        Entry::Occupied(kept) => kept.into_mut().add(&name, &link),
                        Entry::Vacant(slot) => {
                            slot.insert(Occurrence::new(&name, &link));
                        }
                    }
                }
                for link in page.external {
                    match index.external.get_mut(link.href.as_ref()) {
                        Some(kept) => kept.add(&name, &link),
                        None => {
                            let first = Occurrence::new(&name, &link);
                            index.external.insert(link.href.into_owned(), first);
                        }
                    }
                }
                index.files.insert(path, Some(page.ids));
            }
            None => {
                index.files.insert(path, None);
            }
        }
        drop(index);
        if let Some(t) = self.timings {
            t.since(Stage::Links, started);
        }
    }

    /// The page `path`'s ids, and its links that may fail, resolved.
    fn read<'h>(&self, path: &str, bytes: &'h [u8]) -> Page<'h> {
        let mut ids: Vec<Box<str>> = Vec::new();
        let mut links: Vec<Link<'h>> = Vec::new();
        let checked = !self.unchecked.iter().any(|p| path.starts_with(p.as_str()));
        html::scan(bytes, &mut |found| match found {
            Found::Id(id) => ids.push(id.into()),
            Found::Link { href, line, column } if checked => {
                links.push(Link { href, line, column })
            }
            Found::Link { .. } => {}
        });
        ids.sort_unstable();
        ids.dedup();
        let mut page = Page {
            ids: ids.into_boxed_slice(),
            internal: Vec::new(),
            external: Vec::new(),
        };
        for link in links {
            match resolve(path, &link.href, &self.base, Written::Page) {
                Resolved::Ignored => {}
                Resolved::External => page.external.push(link),
                Resolved::Internal { path: to, fragment } if is_page(&to, path) => {
                    // Its own page: found now, if the page has the anchor.
                    let holds = fragment.as_deref().is_none_or(|f| has_id(&page.ids, f));
                    if !holds {
                        page.internal
                            .push((Resolved::Internal { path: to, fragment }, link));
                    }
                }
                resolved => page.internal.push((resolved, link)),
            }
        }
        page
    }
}

/// Whether the link path `to` names the page `page` (`somu/x/index.html`, `somu/x/`).
fn is_page(to: &str, page: &str) -> bool {
    to == page
        || ((to.is_empty() || to.ends_with('/')) && page.strip_suffix("index.html") == Some(to))
}

/// One link of a page being read, as written.
struct Link<'h> {
    href: Cow<'h, str>,
    line: usize,
    column: usize,
}

/// What is kept of one page: its ids, and its links to check, in page order (out of the
/// site by URL as written).
struct Page<'h> {
    ids: Ids,
    internal: Vec<(Resolved, Link<'h>)>,
    external: Vec<Link<'h>>,
}

impl Emit for LinkCollector<'_> {
    fn emit(&self, path: String, bytes: Vec<u8>) -> Result<(), WriteError> {
        self.note(path.clone(), &bytes);
        self.inner.emit(path, bytes)
    }

    fn stream(&self, path: String) -> Result<Box<dyn FileWriter + '_>, WriteError> {
        let inner = self.inner.stream(path.clone())?;
        let html = path.ends_with(".html");
        Ok(Box::new(Noted {
            collector: self,
            inner,
            path,
            bytes: html.then(Vec::new),
        }))
    }
}

/// A streamed file passing through: an HTML page's bytes are kept until it is finished.
struct Noted<'c, 'a> {
    collector: &'c LinkCollector<'a>,
    inner: Box<dyn FileWriter + 'c>,
    path: String,
    bytes: Option<Vec<u8>>,
}

impl io::Write for Noted<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        if let Some(bytes) = &mut self.bytes {
            bytes.extend_from_slice(&buf[..n]);
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl FileWriter for Noted<'_, '_> {
    fn finish(self: Box<Self>) -> Result<(), WriteError> {
        let Noted {
            collector,
            inner,
            path,
            bytes,
        } = *self;
        inner.finish()?;
        collector.note(path, bytes.as_deref().unwrap_or_default());
        Ok(())
    }
}
