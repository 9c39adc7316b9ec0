//! Live reload: a Server-Sent Events stream that tells every open tab the site's current
//! version, and the small script `serve` adds to each HTML response it sends. A tab reloads
//! when the version it was served with is no longer current; `EventSource` reconnects by
//! itself, so a tab also recovers after the server restarts.
//!
//! Only `serve` responses get the script: the plan itself (what `build` writes) is never
//! changed.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;

use super::http::App;

/// Where the event stream is served (outside any site path: slugs are `[a-z0-9-]`).
pub(crate) const EVENTS_PATH: &str = "/__hyoka/livereload";

const SCRIPT: &str = include_str!("livereload.js");

/// `html` with the reload script inserted before its last `</body>` (or at its end): the
/// page is planned `file` (`somu/jichikai/index.html`; `None` for pages that must reload on
/// any change, such as the error page) served at `version`.
pub(crate) fn inject(html: &[u8], version: u64, file: Option<&str>) -> Vec<u8> {
    // JSON is a JavaScript literal; `<` escaped so no path can close the script element.
    let file = serde_json::to_string(&file)
        .expect("a path serialises")
        .replace('<', "\\u003c");
    let script = format!(
        "<script>{}</script>\n",
        SCRIPT
            .replace("__HYOKA_VERSION__", &version.to_string())
            .replace("__HYOKA_FILE__", &file)
            .replace("__HYOKA_EVENTS__", EVENTS_PATH)
    );
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// `GET /__hyoka/livereload`: the current version at once, then each new one; ends when
/// the server shuts down, so Ctrl-C does not wait for open tabs.
pub(crate) async fn events(
    State(app): State<Arc<App>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let versions = app.shared.versions.subscribe();
    let shutdown = app.shutdown.clone();
    let stream = futures_util::stream::unfold(
        (versions, shutdown, true),
        |(mut versions, mut shutdown, first)| async move {
            if !first {
                tokio::select! {
                    changed = versions.changed() => changed.ok()?,
                    _ = shutdown.wait_for(|&stop| stop) => return None,
                }
            }
            let mut notice = versions.borrow_and_update().clone();
            if first {
                // A tab that connects cannot know what changed before: reload if behind.
                notice.pages = None;
            }
            let data = serde_json::to_string(&notice).expect("a notice serialises");
            let event = Event::default().event("version").data(data);
            Some((Ok(event), (versions, shutdown, false)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_body_end_tag() {
        let html = b"<html><body><p>a</p></body></html>";
        let out = String::from_utf8(inject(html, 7, Some("a/index.html"))).unwrap();
        assert!(out.starts_with("<html><body><p>a</p><script>"));
        assert!(out.ends_with("</script>\n</body></html>"));
        assert!(out.contains("var shown = 7;"));
        assert!(out.contains(EVENTS_PATH));
        assert!(out.contains("var file = \"a/index.html\";"), "{out}");
    }

    #[test]
    fn a_page_without_body_end_gets_the_script_at_its_end() {
        let out = String::from_utf8(inject(b"<p>x</p>", 1, None)).unwrap();
        assert!(out.starts_with("<p>x</p><script>"));
    }
}
