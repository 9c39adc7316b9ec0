//! `/sitemap.xml` (sitemaps.org 0.9), written by hand: one `<loc>` per page, sorted and
//! absolute, with non-ASCII characters percent-encoded as UTF-8 and XML special characters
//! escaped. No `<lastmod>`, so the output depends only on the pages.

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
/// and deduplicated; the text ends with a newline.
pub(crate) fn sitemap(base_url: &str, paths: &[String]) -> String {
    let mut sorted: Vec<&str> = paths.iter().map(|p| p.trim_start_matches('/')).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in sorted {
        let loc = escape_xml(&encode_url(&format!("{base_url}{path}")));
        out.push_str("  <url><loc>");
        out.push_str(&loc);
        out.push_str("</loc></url>\n");
    }
    out.push_str("</urlset>\n");
    out
}
