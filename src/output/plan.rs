//! The output plan: every file a build will write, as site-relative `/`-separated
//! paths mapped to their exact bytes.
//!
//! This module owns path validation for output files, duplicate detection,
//! file/directory conflict detection and URL-to-file resolution for the dev
//! server. It knows nothing about pages, indicators or templates: bytes and
//! paths only.

use std::collections::{BTreeMap, BTreeSet};

/// One file of the output: a site-relative path using '/' (e.g.
/// "somu/jichikai/index.html", "data/indicators.csv", "index.html") and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Site-relative output path, '/'-separated.
    pub path: String,
    /// Exact contents of the file.
    pub bytes: Vec<u8>,
}

/// Everything a build will write, sorted by path, no duplicates.
#[derive(Debug, Default, Clone)]
pub struct OutputPlan {
    files: BTreeMap<String, Vec<u8>>,
}

/// Why a file could not be added to (or written from) a plan.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PlanError {
    /// The same output path was produced twice.
    #[error(
        "出力パス「{path}」が二重に生成されます（テンプレートかファイル名の重複を確認してください）"
    )]
    Duplicate {
        /// The output path that was produced twice.
        path: String,
    },
    /// The path is not a clean site-relative path.
    #[error(
        "出力パス「{path}」は使えません（空・絶対パス・「..」「.」・バックスラッシュ・空の区切り・NUL文字・末尾の「/」は不可です。ファイル名やスラッグを確認してください）"
    )]
    InvalidPath {
        /// The rejected output path.
        path: String,
    },
    /// `file` is planned as a file, but `path` needs it to be a directory.
    #[error(
        "出力パス「{path}」を書くには「{file}」がディレクトリである必要がありますが、「{file}」はファイルとしても生成されます（スラッグやファイル名の衝突を確認してください）"
    )]
    FileDirConflict {
        /// The planned path that needs `file` to be a directory.
        path: String,
        /// The planned file that is also needed as a directory.
        file: String,
    },
}

/// Returns true if `path` is a clean site-relative output path.
pub(super) fn is_valid_path(path: &str) -> bool {
    if path.is_empty()
        || path.starts_with('/')
        || path.ends_with('/')
        || path.contains('\\')
        || path.contains('\0')
    {
        return false;
    }
    path.split('/')
        .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
}

impl OutputPlan {
    /// Creates an empty plan.
    pub fn new() -> Self {
        Self::default()
    }

    fn validate(path: String) -> Result<String, PlanError> {
        if is_valid_path(&path) {
            Ok(path)
        } else {
            Err(PlanError::InvalidPath { path })
        }
    }

    /// Adds a file; returns `Err(PlanError::Duplicate{path})` if that path is
    /// already planned; `Err(PlanError::InvalidPath{path})` if the path is
    /// empty, absolute, contains "..", ".", "\\", an empty segment, a NUL or
    /// ends with '/'.
    pub fn add(
        &mut self,
        path: impl Into<String>,
        bytes: impl Into<Vec<u8>>,
    ) -> Result<(), PlanError> {
        let path = Self::validate(path.into())?;
        match self.files.entry(path) {
            std::collections::btree_map::Entry::Occupied(e) => Err(PlanError::Duplicate {
                path: e.key().clone(),
            }),
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert(bytes.into());
                Ok(())
            }
        }
    }

    /// Adds a file, replacing what is there (for site static files that
    /// override theme static files).
    pub fn insert_or_replace(
        &mut self,
        path: impl Into<String>,
        bytes: impl Into<Vec<u8>>,
    ) -> Result<(), PlanError> {
        let path = Self::validate(path.into())?;
        self.files.insert(path, bytes.into());
        Ok(())
    }

    /// Takes `path` out of the plan, returning its bytes.
    pub fn remove(&mut self, path: &str) -> Option<Vec<u8>> {
        self.files.remove(path)
    }

    /// Returns the bytes planned for `path`, if any.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Number of planned files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Returns true if no file is planned.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// All planned paths, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// All planned files, sorted by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))
    }

    /// Checks that no planned file is also needed as a directory (e.g. "a" and
    /// "a/b"); such a plan cannot be written to disk.
    pub fn check_conflicts(&self) -> Result<(), PlanError> {
        find_conflict(self.files.keys(), |p| self.files.contains_key(p))
    }

    /// For a URL path like "/somu/jichikai/" or "/somu/jichikai/data.csv" or
    /// "/" returns the planned file ("somu/jichikai/index.html", …) if any
    /// (used by the dev server).
    ///
    /// The query string and fragment are ignored; the path is percent-decoded
    /// as UTF-8. "/somu" falls back to "somu/index.html" when "somu" is not a
    /// planned file. Paths with "..", "." or other invalid segments resolve to
    /// nothing.
    pub fn resolve_url(&self, url_path: &str) -> Option<(&str, &[u8])> {
        let raw = url_path.split(['?', '#']).next().unwrap_or("");
        let decoded = percent_decode(raw)?;
        let rel = decoded.strip_prefix('/')?;
        let candidates: Vec<String> = if rel.is_empty() {
            vec!["index.html".to_string()]
        } else if rel.ends_with('/') {
            vec![format!("{rel}index.html")]
        } else {
            vec![rel.to_string(), format!("{rel}/index.html")]
        };
        candidates
            .into_iter()
            .filter(|c| is_valid_path(c))
            .find_map(|c| self.files.get_key_value(c.as_str()))
            .map(|(p, b)| (p.as_str(), b.as_slice()))
    }

    /// Sum of the sizes of all planned files.
    pub fn total_bytes(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }
}

impl IntoIterator for OutputPlan {
    type Item = OutputFile;
    type IntoIter = std::iter::Map<
        std::collections::btree_map::IntoIter<String, Vec<u8>>,
        fn((String, Vec<u8>)) -> OutputFile,
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.files
            .into_iter()
            .map(|(path, bytes)| OutputFile { path, bytes })
    }
}

/// [`OutputPlan::check_conflicts`] for a set of paths.
pub(super) fn check_path_conflicts(paths: &BTreeSet<String>) -> Result<(), PlanError> {
    find_conflict(paths.iter(), |p| paths.contains(p))
}

fn find_conflict<'a>(
    paths: impl Iterator<Item = &'a String>,
    contains: impl Fn(&str) -> bool,
) -> Result<(), PlanError> {
    for path in paths {
        for (i, _) in path.match_indices('/') {
            let ancestor = &path[..i];
            if contains(ancestor) {
                return Err(PlanError::FileDirConflict {
                    path: path.clone(),
                    file: ancestor.to_string(),
                });
            }
        }
    }
    Ok(())
}

/// Decodes `%XX` escapes; returns `None` for a malformed escape or if the
/// result is not valid UTF-8. '+' is left as is (this is a path, not a query).
fn percent_decode(s: &str) -> Option<String> {
    fn hex(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hi = hex(*bytes.get(i + 1)?)?;
            let lo = hex(*bytes.get(i + 2)?)?;
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_and_get() {
        let mut plan = OutputPlan::new();
        assert!(plan.is_empty());
        plan.add("index.html", "top").unwrap();
        plan.add("data/indicators.csv", b"a,b\n".to_vec()).unwrap();
        assert_eq!(plan.len(), 2);
        assert_eq!(plan.get("index.html"), Some(&b"top"[..]));
        assert_eq!(plan.get("nope"), None);
        assert_eq!(plan.total_bytes(), 3 + 4);
        let paths: Vec<_> = plan.paths().collect();
        assert_eq!(paths, ["data/indicators.csv", "index.html"]);
    }

    #[test]
    fn rejects_duplicate() {
        let mut plan = OutputPlan::new();
        plan.add("a/index.html", "1").unwrap();
        let err = plan.add("a/index.html", "2").unwrap_err();
        assert_eq!(
            err,
            PlanError::Duplicate {
                path: "a/index.html".into()
            }
        );
        assert!(err.to_string().contains("二重に生成"));
        assert_eq!(plan.get("a/index.html"), Some(&b"1"[..]));
    }

    #[test]
    fn insert_or_replace_overrides() {
        let mut plan = OutputPlan::new();
        plan.add("style.css", "theme").unwrap();
        plan.insert_or_replace("style.css", "site").unwrap();
        assert_eq!(plan.get("style.css"), Some(&b"site"[..]));
        assert_eq!(plan.len(), 1);
        assert!(plan.insert_or_replace("../x", "y").is_err());
    }

    #[test]
    fn rejects_invalid_paths() {
        let cases = [
            "", "/a", "a/../b", "..", "a/./b", ".", "a//b", "a\\b", "a/", "a\0b",
        ];
        for path in cases {
            let mut plan = OutputPlan::new();
            assert_eq!(
                plan.add(path, "x"),
                Err(PlanError::InvalidPath { path: path.into() }),
                "{path:?}"
            );
            assert!(plan.is_empty(), "{path:?}");
        }
        // Dots inside names are fine.
        let mut plan = OutputPlan::new();
        plan.add("a..b/.well-known/x.txt", "x").unwrap();
    }

    #[test]
    fn detects_file_dir_conflict() {
        let mut plan = OutputPlan::new();
        plan.add("a", "file").unwrap();
        plan.add("ab/c", "ok").unwrap();
        assert_eq!(plan.check_conflicts(), Ok(()));
        plan.add("a/b", "x").unwrap();
        assert_eq!(
            plan.check_conflicts(),
            Err(PlanError::FileDirConflict {
                path: "a/b".into(),
                file: "a".into()
            })
        );
    }

    fn sample() -> OutputPlan {
        let mut plan = OutputPlan::new();
        plan.add("index.html", "top").unwrap();
        plan.add("somu/index.html", "somu").unwrap();
        plan.add("somu/jichikai/index.html", "jichikai").unwrap();
        plan.add("somu/jichikai/data.csv", "csv").unwrap();
        plan.add("data/indicators.csv", "ind").unwrap();
        plan.add("総務/index.html", "jp").unwrap();
        plan
    }

    #[test]
    fn resolve_url_cases() {
        let plan = sample();
        let cases: &[(&str, Option<&str>)] = &[
            ("/", Some("index.html")),
            ("/somu/", Some("somu/index.html")),
            ("/somu", Some("somu/index.html")),
            ("/somu/jichikai/", Some("somu/jichikai/index.html")),
            ("/somu/jichikai/data.csv", Some("somu/jichikai/data.csv")),
            ("/data/indicators.csv", Some("data/indicators.csv")),
            ("/data/indicators.csv?v=1#x", Some("data/indicators.csv")),
            ("/%E7%B7%8F%E5%8B%99/", Some("総務/index.html")),
            ("/%e7%b7%8f%e5%8b%99", Some("総務/index.html")),
            ("/../etc/passwd", None),
            ("/somu/../index.html", None),
            ("/%2E%2E/etc/passwd", None),
            ("/missing/", None),
            ("/%E7%B7", None),
            ("/%zz", None),
            ("somu/", None),
            ("", None),
        ];
        for (url, want) in cases {
            let got = plan.resolve_url(url).map(|(p, _)| p);
            assert_eq!(got, *want, "{url:?}");
        }
        assert_eq!(plan.resolve_url("/somu").unwrap().1, b"somu");
    }

    #[test]
    fn into_iter_yields_sorted_files() {
        let files: Vec<OutputFile> = sample().into_iter().collect();
        assert_eq!(files.len(), 6);
        assert_eq!(files[0].path, "data/indicators.csv");
        assert_eq!(files[0].bytes, b"ind");
    }
}
