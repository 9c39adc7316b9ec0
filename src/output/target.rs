//! Which folders may be written: the output folder is never the file system's root, the
//! home folder, the site's root or its sources (`content/`, `themes/`, `static/`), and a
//! folder that holds files no build wrote is never replaced. Paths only: nothing here
//! writes.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::error::WriteError;

/// Site subdirectories that hold sources and must never overlap the output.
const PROTECTED_DIRS: [&str; 3] = ["content", "themes", "static"];

/// Makes `path` absolute (relative to the current directory) and removes `.`
/// and `..` components lexically, without touching the file system.
pub(super) fn absolute_lexical(path: &Path) -> Result<PathBuf, WriteError> {
    let abs = std::path::absolute(path).map_err(|source| WriteError::Resolve {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = PathBuf::new();
    for comp in abs.components() {
        match comp {
            Component::CurDir => {}
            Component::ParentDir => {
                // Popping never removes the root or a prefix.
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                }
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// [`absolute_lexical`], then canonicalises the longest existing ancestor (so
/// symlinks such as `/tmp` → `/private/tmp` are resolved) and appends the
/// rest.
fn resolve(path: &Path) -> Result<PathBuf, WriteError> {
    let abs = absolute_lexical(path)?;
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if existing.exists() {
            let mut canon = fs::canonicalize(existing).map_err(|source| WriteError::Resolve {
                path: existing.to_path_buf(),
                source,
            })?;
            canon.extend(rest.iter().rev());
            return Ok(canon);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            // Nothing exists, not even the root: keep the lexical form.
            _ => return Ok(abs),
        }
    }
}

fn home_dir() -> Option<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    std::env::var_os(var)
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// Checks that `output` is a safe place to write and returns it absolute and
/// normalised (relative paths are taken from the current directory).
///
/// Refuses `/`, the home directory or any ancestor of it, the site root, any
/// ancestor of the site root, and anything equal to, inside or containing the
/// site's `content/`, `themes/` or `static/` directories. Output inside the
/// site root (e.g. `<root>/public`) or outside it (e.g. `/tmp/x`) is fine.
pub(crate) fn check_output_dir(site_root: &Path, output: &Path) -> Result<PathBuf, WriteError> {
    let out = resolve(output)?;
    if out.parent().is_none() {
        return Err(WriteError::FilesystemRoot { path: out });
    }
    if let Some(home) = home_dir() {
        let home = resolve(&home)?;
        if home.starts_with(&out) {
            return Err(WriteError::ContainsHome { path: out, home });
        }
    }
    let root = resolve(site_root)?;
    if out == root {
        return Err(WriteError::SiteRoot { path: out });
    }
    if root.starts_with(&out) {
        return Err(WriteError::ContainsSiteRoot { path: out, root });
    }
    for dir in PROTECTED_DIRS {
        let protected = resolve(&root.join(dir))?;
        if out.starts_with(&protected) || protected.starts_with(&out) {
            return Err(WriteError::OverlapsSources {
                path: out,
                protected,
            });
        }
    }
    Ok(out)
}

/// Files every build writes: a folder holding them (or an empty or missing folder) may be
/// replaced; any other folder holds someone's files.
const OUTPUT_MARKERS: [&str; 3] = ["404.html", "sitemap.xml", "data/indicators.json"];

/// Refuses to replace a folder that hyoka did not write (an explicit `--output` pointing at,
/// say, a documents folder). A missing or empty folder, or a previous output, is fine.
pub(crate) fn check_replaceable(output: &Path) -> Result<(), WriteError> {
    let mut entries = match fs::read_dir(output) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(WriteError::Resolve {
                path: output.to_path_buf(),
                source,
            });
        }
    };
    if entries.next().is_none() || OUTPUT_MARKERS.iter().all(|m| output.join(m).is_file()) {
        return Ok(());
    }
    Err(WriteError::ForeignContents {
        path: output.to_path_buf(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_missing_empty_or_previous_outputs_are_replaceable() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        assert!(check_replaceable(&out).is_ok());
        fs::create_dir(&out).unwrap();
        assert!(check_replaceable(&out).is_ok());
        fs::write(out.join("family-photo.jpg"), b"x").unwrap();
        assert!(matches!(
            check_replaceable(&out),
            Err(WriteError::ForeignContents { .. })
        ));
        for marker in OUTPUT_MARKERS {
            fs::create_dir_all(out.join(marker).parent().unwrap()).unwrap();
            fs::write(out.join(marker), b"x").unwrap();
        }
        assert!(check_replaceable(&out).is_ok());
    }

    #[test]
    fn check_output_dir_cases() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        for d in ["content/somu", "themes/default", "static"] {
            fs::create_dir_all(root.join(d)).unwrap();
        }
        let canon_root = fs::canonicalize(&root).unwrap();

        let refused = [
            root.clone(),
            root.join("."),
            root.join("public/.."),
            tmp.path().to_path_buf(),
            root.join(".."),
            root.join("content"),
            root.join("content/somu"),
            root.join("content/new/deeper"),
            root.join("themes"),
            root.join("themes/default/out"),
            root.join("static/out"),
            PathBuf::from("/"),
        ];
        for out in &refused {
            assert!(check_output_dir(&root, out).is_err(), "{out:?}");
        }
        assert!(matches!(
            check_output_dir(&root, &root),
            Err(WriteError::SiteRoot { .. })
        ));
        assert!(matches!(
            check_output_dir(&root, &root.join("..")),
            Err(WriteError::ContainsSiteRoot { .. })
        ));
        assert!(matches!(
            check_output_dir(&root, &root.join("content/somu")),
            Err(WriteError::OverlapsSources { .. })
        ));
        assert!(matches!(
            check_output_dir(&root, Path::new("/")),
            Err(WriteError::FilesystemRoot { .. })
        ));
        if let Some(home) = home_dir() {
            assert!(check_output_dir(&root, &home).is_err());
        }

        assert_eq!(
            check_output_dir(&root, &root.join("public")).unwrap(),
            canon_root.join("public")
        );
        assert_eq!(
            check_output_dir(&root, &root.join("content/../dist")).unwrap(),
            canon_root.join("dist")
        );
        let elsewhere = tempfile::tempdir().unwrap();
        let out = elsewhere.path().join("x/y");
        assert_eq!(
            check_output_dir(&root, &out).unwrap(),
            fs::canonicalize(elsewhere.path()).unwrap().join("x/y")
        );
    }

    #[cfg(unix)]
    #[test]
    fn check_output_dir_sees_through_symlinks() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        let alias = tmp.path().join("alias");
        std::os::unix::fs::symlink(root.join("content"), &alias).unwrap();
        assert!(matches!(
            check_output_dir(&root, &alias.join("out")),
            Err(WriteError::OverlapsSources { .. })
        ));
    }
}
