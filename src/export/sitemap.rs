//! `/sitemap.xml` (sitemaps.org 0.9), written by hand: one `<loc>` per page, sorted and
//! absolute, with non-ASCII characters percent-encoded as UTF-8 and XML special characters
//! escaped. No `<lastmod>`, so the output depends only on the pages. The protocol allows
//! 50,000 URLs in one file: a larger site gets `sitemap-1.xml`, `sitemap-2.xml` … of at most
//! that many, in order, and `/sitemap.xml` becomes their index ([`sitemap_files`]).

use crate::markup::escape_xml;

/// Percent-encodes what may not appear raw in a URL: non-ASCII bytes (as UTF-8), controls,
/// space and `"<>\^`{|}`. Everything else, including `%` and reserved characters, is kept.
pub(super) fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for &b in url.as_bytes() {
        let keep = b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The sitemap of `paths` (site-relative URL paths such as `""`, `somu/`,
/// `somu/jichikai/`), each made absolute with `base_url` (ending in `/`). Paths are sorted
/// and deduplicated; the text ends with a newline. (A build writes [`sitemap_files`].)
#[cfg(test)]
pub(crate) fn sitemap(base_url: &str, paths: &[String]) -> String {
    urlset(base_url, &sorted(paths))
}

/// The most URLs one sitemap file may hold (sitemaps.org).
pub(crate) const SITEMAP_URL_LIMIT: usize = 50_000;

/// The sitemap files of `paths` as (output path, text): `sitemap.xml` alone (one `<urlset>`)
/// up to [`SITEMAP_URL_LIMIT`] URLs; beyond, `sitemap-1.xml` … with that many each (the
/// sorted URLs in order) and `sitemap.xml` as the index of them.
pub(crate) fn sitemap_files(base_url: &str, paths: &[String]) -> Vec<(String, String)> {
    let sorted = sorted(paths);
    if sorted.len() <= SITEMAP_URL_LIMIT {
        return vec![(super::SITEMAP_PATH.to_string(), urlset(base_url, &sorted))];
    }
    let parts: Vec<(String, String)> = sorted
        .chunks(SITEMAP_URL_LIMIT)
        .enumerate()
        .map(|(i, chunk)| (sitemap_part_path(i + 1), urlset(base_url, chunk)))
        .collect();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, _) in &parts {
        index.push_str("  <sitemap><loc>");
        index.push_str(&escape_xml(&encode_url(&format!("{base_url}{path}"))));
        index.push_str("</loc></sitemap>\n");
    }
    index.push_str("</sitemapindex>\n");
    let mut files = vec![(super::SITEMAP_PATH.to_string(), index)];
    files.extend(parts);
    files
}

/// The output path of the `n`th (1-based) part of a split sitemap.
pub(crate) fn sitemap_part_path(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// Whether `path` is a part of a split sitemap (`sitemap-3.xml`).
pub(crate) fn is_sitemap_part(path: &str) -> bool {
    path.strip_prefix("sitemap-")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Site-relative paths without a leading `/`, sorted, once each.
fn sorted(paths: &[String]) -> Vec<&str> {
    let mut sorted: Vec<&str> = paths.iter().map(|p| p.trim_start_matches('/')).collect();
    sorted.sort_unstable();
    sorted.dedup();
    sorted
}

/// One `<urlset>` of the (sorted) `paths`.
fn urlset(base_url: &str, paths: &[&str]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        let loc = escape_xml(&encode_url(&format!("{base_url}{path}")));
        out.push_str("  <url><loc>");
        out.push_str(&loc);
        out.push_str("</loc></url>\n");
    }
    out.push_str("</urlset>\n");
    out
}
