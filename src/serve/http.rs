//! HTTP: answers requests from the in-memory plan, under base_url's path as the town's web
//! server would (`https://x.jp/hyoka/` → pages at `/hyoka/…`, `/` redirects there).
//!
//! Only files of the plan are ever sent — nothing is read from disk — so `..`, `%2e%2e`,
//! `//etc/passwd` or backslashes cannot reach another file; [`OutputPlan::resolve_url`]
//! rejects them as well. HTML responses get the live-reload script; while the latest build
//! has errors, every HTML request gets the error page instead.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::watch;

use crate::output::OutputPlan;

use super::host::AllowedHosts;
use super::state::{Shared, SiteState};
use super::{error_page, livereload};

/// What every handler sees.
pub(crate) struct App {
    /// The site.
    pub shared: Arc<Shared>,
    /// Becomes `true` on Ctrl-C (ends the live-reload streams).
    pub shutdown: watch::Receiver<bool>,
    /// The `Host` names requests may use.
    pub hosts: AllowedHosts,
}

/// The server's routes: the live-reload stream, and the site for every other path; any
/// request naming another host is refused first.
pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new()
        .route(livereload::EVENTS_PATH, get(livereload::events))
        .fallback(site_file)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&app),
            only_allowed_hosts,
        ))
        .with_state(app)
}

/// 421 for a request whose `Host` is not one the server was started for (DNS rebinding).
async fn only_allowed_hosts(
    State(app): State<Arc<App>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if app.hosts.allows(host) {
        return next.run(request).await;
    }
    let text = app.hosts.refusal(host);
    (StatusCode::MISDIRECTED_REQUEST, text).into_response()
}

/// Any request other than the event stream.
async fn site_file(State(app): State<Arc<App>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = (
            StatusCode::METHOD_NOT_ALLOWED,
            "GET と HEAD だけを受け付けます",
        )
            .into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let site = app.shared.site.read().await;
    answer(&site, &uri)
}

/// The response for `uri` given the site as it is now.
fn answer(site: &SiteState, uri: &Uri) -> Response {
    let base = site.rebuilder.base_path().unwrap_or("/");
    let path = uri.path();
    let prefix = base.trim_end_matches('/');
    if path == prefix || (path == "/" && base != "/") {
        return redirect(base, uri.query());
    }
    let rel = path.strip_prefix(prefix).filter(|r| r.starts_with('/'));
    let plan = site.rebuilder.plan();
    let found = rel.zip(plan).and_then(|(rel, plan)| plan.resolve_url(rel));
    match (found, &site.failure) {
        (Some((file, _)), _) if needs_slash(file, path) => {
            redirect(&format!("{path}/"), uri.query())
        }
        (Some((file, bytes)), None) => file_response(StatusCode::OK, file, bytes, site.version),
        (Some((file, bytes)), Some(_)) if !file.ends_with(".html") => {
            file_response(StatusCode::OK, file, bytes, site.version)
        }
        (_, Some(failure)) => html_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            error_page::render(failure, site.version),
        ),
        (None, None) => not_found(plan, site.version),
    }
}

/// `/somu/jichikai` is served as `/somu/jichikai/`, so the page's relative links work.
fn needs_slash(file: &str, path: &str) -> bool {
    file.ends_with("index.html") && !path.ends_with('/') && !path.ends_with("index.html")
}

/// The site's own 404.html, or a plain Japanese line when the plan has none.
fn not_found(plan: Option<&OutputPlan>, version: u64) -> Response {
    match plan.and_then(|p| p.get("404.html")) {
        Some(page) => html_response(
            StatusCode::NOT_FOUND,
            livereload::inject(page, version, None),
        ),
        None => (StatusCode::NOT_FOUND, "ページが見つかりません").into_response(),
    }
}

fn redirect(to: &str, query: Option<&str>) -> Response {
    let location = match query {
        Some(q) => format!("{to}?{q}"),
        None => to.to_string(),
    };
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// A planned file with its content type; HTML gets the reload script.
fn file_response(status: StatusCode, file: &str, bytes: &[u8], version: u64) -> Response {
    if file.ends_with(".html") {
        return html_response(status, livereload::inject(bytes, version, Some(file)));
    }
    with_headers(status, content_type(file), bytes.to_vec())
}

fn html_response(status: StatusCode, html: Vec<u8>) -> Response {
    with_headers(status, "text/html; charset=utf-8".to_string(), html)
}

fn with_headers(status: StatusCode, content_type: String, body: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    // A preview must never show yesterday's page from the browser's cache.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The content type of a planned file, from its extension; text types say UTF-8.
pub(crate) fn content_type(file: &str) -> String {
    let mime = mime_guess::from_path(file).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || mime.essence_str() == "application/xml"
        || mime.essence_str() == "application/javascript";
    if text && mime.get_param(mime_guess::mime::CHARSET).is_none() {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_of_site_files() {
        let cases = [
            ("index.html", "text/html; charset=utf-8"),
            ("somu/jichikai/data.csv", "text/csv; charset=utf-8"),
            ("data/indicators.json", "application/json"),
            ("css/hyoka.css", "text/css; charset=utf-8"),
            ("logo.svg", "image/svg+xml"),
            ("sitemap.xml", "text/xml; charset=utf-8"),
            ("files/report.pdf", "application/pdf"),
            ("logo.png", "image/png"),
            ("unknown.zzz", "application/octet-stream"),
        ];
        for (file, want) in cases {
            assert_eq!(content_type(file), want, "{file}");
        }
    }

    #[test]
    fn only_directory_pages_reached_without_a_slash_are_redirected() {
        assert!(needs_slash("somu/index.html", "/hyoka/somu"));
        assert!(!needs_slash("somu/index.html", "/hyoka/somu/"));
        assert!(!needs_slash("somu/index.html", "/hyoka/somu/index.html"));
        assert!(!needs_slash(
            "data/indicators.csv",
            "/hyoka/data/indicators.csv"
        ));
    }
}
