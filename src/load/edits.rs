//! Edits of kept content: which changed files can be taken one by one (goal files,
//! department `_index.md` files and `content/_index.md`, in department folders that already
//! exist), and how each is read again into the content ([`super::Loaded::edit`] does that
//! with the findings). Anything else (config.toml, themes, templates, static files, a new or
//! removed department folder, a file in the wrong place) makes the caller load everything.

use std::path::{Component, Path, PathBuf};

use crate::content::{self, DepartmentDocs, LoadedContent};
use crate::diag::Diagnostics;
use crate::error::Error;

/// One content file to read again (or drop, when it no longer exists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Site-relative path (`content/somu/jichikai.md`).
    rel: PathBuf,
    slot: Slot,
    exists: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    /// A file that is not content and no longer exists.
    Gone,
    Home,
    DepartmentIndex(String),
    Goal(String),
}

/// The edits for `changed`, or `None` when one of them needs a full rebuild. Editor
/// leftovers (hidden files, backups ending in `~`) are no edit at all.
pub(crate) fn content_edits(
    root: &Path,
    content: &LoadedContent,
    changed: &[PathBuf],
) -> Option<Vec<Edit>> {
    if changed.is_empty() {
        return None;
    }
    let mut edits = Vec::new();
    for path in changed {
        let rel = site_relative(root, path)?;
        let parts: Vec<&str> = rel
            .components()
            .map(|c| match c {
                Component::Normal(s) => s.to_str(),
                _ => None,
            })
            .collect::<Option<_>>()?;
        let name = parts.last()?;
        if content::is_editor_leftover(name) {
            continue;
        }
        let exists = root.join(&rel).is_file();
        if !name.ends_with(".md") {
            // An editor's temporary file, gone by now (vim's 4913, `x.md.tmp` renamed into
            // place): only its findings, if any, go. One that stays, or a folder, may
            // change the site: read everything.
            if root.join(&rel).exists() || department(content, name).is_some() {
                return None;
            }
            edits.push(Edit {
                rel,
                slot: Slot::Gone,
                exists: false,
            });
            continue;
        }
        let slot = match parts.as_slice() {
            ["content", "_index.md"] => Slot::Home,
            ["content", folder, "_index.md"] if exists => {
                department(content, folder)?;
                Slot::DepartmentIndex(folder.to_string())
            }
            // A department without its _index.md is an error the whole build reports.
            ["content", _, "_index.md"] => return None,
            ["content", folder, _] => {
                department(content, folder)?.index.as_ref()?;
                Slot::Goal(folder.to_string())
            }
            _ => return None,
        };
        edits.push(Edit { rel, slot, exists });
    }
    Some(edits)
}

fn department<'a>(content: &'a LoadedContent, folder: &str) -> Option<&'a DepartmentDocs> {
    content.departments.iter().find(|d| d.folder == folder)
}

/// `path` relative to the site root, whether given absolute or relative.
fn site_relative(root: &Path, path: &Path) -> Option<PathBuf> {
    if path.is_relative() && !path.starts_with(root) {
        return Some(path.to_path_buf());
    }
    if let Ok(rel) = path.strip_prefix(root) {
        return Some(rel.to_path_buf());
    }
    let root = std::fs::canonicalize(root).ok()?;
    let parent = std::fs::canonicalize(path.parent()?).ok()?;
    Some(parent.strip_prefix(&root).ok()?.join(path.file_name()?))
}

impl Edit {
    /// The edited file, site-relative (`content/somu/jichikai.md`).
    pub fn path(&self) -> &Path {
        &self.rel
    }

    /// Reads the file again into `content` (or takes it out), with its findings.
    pub(super) fn apply(
        &self,
        root: &Path,
        content: &mut LoadedContent,
        diags: &mut Diagnostics,
    ) -> Result<(), Error> {
        let doc = if self.exists {
            Some(content::load_document(root, &root.join(&self.rel), diags)?)
        } else {
            None
        };
        let folder = match &self.slot {
            Slot::Gone => return Ok(()),
            Slot::Home => {
                content.home = doc;
                return Ok(());
            }
            Slot::DepartmentIndex(folder) | Slot::Goal(folder) => folder,
        };
        let Some(dept) = content.departments.iter_mut().find(|d| &d.folder == folder) else {
            return Ok(());
        };
        if matches!(self.slot, Slot::DepartmentIndex(_)) {
            dept.index = doc;
            return Ok(());
        }
        dept.goals.retain(|g| g.source.path != self.rel);
        if let Some(doc) = doc {
            // The same order as the loader's walk: by file name.
            let name = doc.source.path.file_name().map(|n| n.to_os_string());
            let at = dept
                .goals
                .partition_point(|g| g.source.path.file_name().map(|n| n.to_os_string()) < name);
            dept.goals.insert(at, doc);
        }
        Ok(())
    }

    /// Whether this is only a vanished temporary file (nothing to read or render).
    pub fn is_gone(&self) -> bool {
        self.slot == Slot::Gone
    }

    /// The department whose `_index.md` this edit is, if it is one.
    pub(super) fn department_index_of<'a>(
        &self,
        content: &'a LoadedContent,
    ) -> Option<&'a DepartmentDocs> {
        match &self.slot {
            Slot::DepartmentIndex(folder) => department(content, folder),
            _ => None,
        }
    }
}
