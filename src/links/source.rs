//! The links written in the site's Markdown (goal, department and home bodies), by the page
//! they are on, with where each is written: taken from the model before the pages are made
//! (a build drops each body once its page is made).

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::SourceFile;
use crate::model::{Site, department_path, goal_path};
use crate::render::markdown::destinations;

/// The home page's source file.
const HOME_SOURCE: &str = "content/_index.md";

/// One link of a body.
#[derive(Debug, Clone)]
pub(crate) struct SourceLink {
    /// As written.
    pub url: String,
    /// Byte offset in the body.
    pub offset: usize,
}

/// A page's body links and the file the body is in.
#[derive(Debug, Clone)]
pub(crate) struct BodyLinks {
    /// Site-relative output path of the page (`somu/x/index.html`).
    pub page: String,
    /// The body's file (`content/somu/x.md`), relative to the site root.
    pub source: PathBuf,
    /// The body, kept only when it has links (to find their lines).
    pub body: String,
    /// Its links.
    pub links: Vec<SourceLink>,
}

/// Every page's body links.
#[derive(Debug, Clone, Default)]
pub(crate) struct SourceLinks(pub Vec<BodyLinks>);

impl SourceLinks {
    /// The body links of every page of `site` (a goal whose body was left on disk has
    /// none here: the build takes them as it reads the body, [`body_links`]).
    pub(crate) fn of(site: &Site) -> Self {
        let mut bodies = vec![(
            "index.html".to_string(),
            PathBuf::from(HOME_SOURCE),
            site.home_body.as_str(),
        )];
        for dept in &site.departments {
            bodies.push((
                format!("{}index.html", department_path(dept)),
                dept.source.clone(),
                dept.body.as_str(),
            ));
            for goal in &dept.goals {
                bodies.push((
                    format!("{}index.html", goal_path(goal)),
                    goal.source.clone(),
                    goal.body.as_str(),
                ));
            }
        }
        SourceLinks(
            bodies
                .into_par_iter()
                .filter_map(|(page, source, body)| body_links(page, source, body))
                .collect(),
        )
    }
}

/// The links of one body (the page `page` shows it, it is in the file `source`), or `None`
/// when it has none.
pub(crate) fn body_links(page: String, source: PathBuf, body: &str) -> Option<BodyLinks> {
    // A link or an image needs a `[` (inline, reference) or a `<` (autolink): a body with
    // neither has none, and is not parsed.
    memchr::memchr2(b'[', b'<', body.as_bytes())?;
    let links: Vec<SourceLink> = destinations(body)
        .into_iter()
        .map(|d| SourceLink {
            url: d.url,
            offset: d.offset,
        })
        .collect();
    (!links.is_empty()).then(|| BodyLinks {
        page,
        source,
        body: body.to_string(),
        links,
    })
}

/// Where a body offset is in its file: (line, column, the line's text), found by reading
/// the file again (the model keeps only the body); the body is the end of the file's text.
pub(super) fn locate(
    root: &Path,
    source: &Path,
    body: &str,
    offset: usize,
) -> (usize, usize, Option<String>) {
    let text = std::fs::read(root.join(source))
        .ok()
        .and_then(|bytes| crate::fsio::decode(&bytes).ok())
        .map(|d| d.text);
    match text {
        Some(text) if text.ends_with(body) => {
            let at = text.len() - body.len() + offset;
            let file = SourceFile::new(source, text);
            let (line, col) = file.line_col(at);
            let shown = file.line(line).map(str::to_string);
            (line, col, shown)
        }
        _ => {
            let file = SourceFile::new(source, body.to_string());
            let (line, col) = file.line_col(offset);
            (line, col, None)
        }
    }
}
