//! [`LinkCollector`]: an [`Emit`] in front of another that notes every path the site will
//! have and, of each HTML page, its anchors and links, for the check that runs once the
//! whole site has been made (a link may point at a page made later).

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::sync::Mutex;
use std::time::Instant;

use super::html::{self, PageLinks};
use crate::output::emit::FileWriter;
use crate::output::{Emit, WriteError};
use crate::timings::{Stage, Timings};

/// What a site's output holds, for the link check.
#[derive(Debug, Default)]
pub(crate) struct LinkIndex {
    /// Every output path.
    pub files: BTreeSet<String>,
    /// Each HTML page's anchors and links, by output path.
    pub pages: BTreeMap<String, PageLinks>,
}

impl LinkIndex {
    /// Keeps the pages under the folders `prefixes` (`archive/r6/`) as targets, with their
    /// ids, but drops their own links from the check.
    pub(crate) fn forget_links_under(&mut self, prefixes: &[String]) {
        for (page, links) in &mut self.pages {
            if prefixes.iter().any(|p| page.starts_with(p.as_str())) {
                links.links.clear();
            }
        }
    }
}

/// Notes what passes through to `inner`.
pub(crate) struct LinkCollector<'a> {
    inner: &'a dyn Emit,
    index: Mutex<LinkIndex>,
    timings: Option<&'a Timings>,
}

impl<'a> LinkCollector<'a> {
    /// In front of `inner`.
    pub(crate) fn new(inner: &'a dyn Emit) -> Self {
        LinkCollector {
            inner,
            index: Mutex::new(LinkIndex::default()),
            timings: None,
        }
    }

    /// Adds the time spent reading pages to `timings`' link stage.
    pub(crate) fn timed(mut self, timings: &'a Timings) -> Self {
        self.timings = Some(timings);
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
            .then(|| html::scan(&String::from_utf8_lossy(bytes)));
        let mut index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(page) = page {
            index.pages.insert(path.clone(), page);
        }
        index.files.insert(path);
        drop(index);
        if let Some(t) = self.timings {
            t.since(Stage::Links, started);
        }
    }
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
