//! Content-hashed names for the css and js files a theme ships: `css/hyoka.css` is published
//! as `css/hyoka.3f2a9c1e.css` (the CRC-32 of its bytes as published), so a web server can
//! tell browsers to keep it forever; a changed file gets a new name, and every page links
//! the name of the bytes it was built with. Same bytes, same name, build after build.

use std::collections::BTreeMap;

/// Whether a theme's static file at `path` is published under a hashed name.
pub(crate) fn is_hashed_asset(path: &str) -> bool {
    path.ends_with(".css") || path.ends_with(".js")
}

/// `css/hyoka.css` with `bytes` → `css/hyoka.<8 hex digits>.css`.
pub(crate) fn hashed_name(path: &str, bytes: &[u8]) -> String {
    let hash = crc32fast::hash(bytes);
    let (dir, file) = path.rsplit_once('/').map_or(("", path), |(d, f)| (d, f));
    let named = match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{hash:08x}.{ext}"),
        _ => format!("{file}.{hash:08x}"),
    };
    if dir.is_empty() {
        named
    } else {
        format!("{dir}/{named}")
    }
}

/// The theme's css/js paths and the names they are published under.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AssetNames(BTreeMap<String, String>);

impl AssetNames {
    /// The names of the hashed assets among `files` (path, bytes as published).
    pub(crate) fn of<'f>(files: impl IntoIterator<Item = (&'f str, &'f [u8])>) -> Self {
        AssetNames(
            files
                .into_iter()
                .filter(|(path, _)| is_hashed_asset(path))
                .map(|(path, bytes)| (path.to_string(), hashed_name(path, bytes)))
                .collect(),
        )
    }

    /// The path a static file is published at: its hashed name, or `path` itself.
    pub(crate) fn published<'p>(&'p self, path: &'p str) -> &'p str {
        self.0.get(path).map_or(path, String::as_str)
    }

    /// Source path → published name, for templates (`site.assets["css/hyoka.css"]`).
    pub(crate) fn map(&self) -> &BTreeMap<String, String> {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_hash_before_the_extension() {
        let a = hashed_name("css/hyoka.css", b"body{}");
        assert!(a.starts_with("css/hyoka.") && a.ends_with(".css"), "{a}");
        assert_eq!(a.len(), "css/hyoka.12345678.css".len());
        assert_eq!(a, hashed_name("css/hyoka.css", b"body{}"), "stable");
        assert_ne!(a, hashed_name("css/hyoka.css", b"body{ }"), "changes");
        assert!(hashed_name("app.min.js", b"x").starts_with("app.min."));
        assert!(!is_hashed_asset("favicon.svg"));
    }

    #[test]
    fn only_css_and_js_are_renamed() {
        let names = AssetNames::of([
            ("css/hyoka.css", &b"a"[..]),
            ("js/filter.js", &b"b"[..]),
            ("favicon.svg", &b"c"[..]),
        ]);
        assert_eq!(names.map().len(), 2);
        assert_eq!(names.published("favicon.svg"), "favicon.svg");
        assert_ne!(names.published("js/filter.js"), "js/filter.js");
    }
}
