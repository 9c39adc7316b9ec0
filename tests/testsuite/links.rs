//! Every link works when the site is served under a sub-path: a real HTTP server on
//! 127.0.0.1 serves public/ under /hyoka/, and a crawler follows every href and src from
//! the home page.

use std::collections::{BTreeSet, VecDeque};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

use crate::harness::*;

const PREFIX: &str = "/hyoka/";

/// Serves `root` under [`PREFIX`] until the process ends; returns the port.
fn serve(root: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                respond(&root, stream).map_err(|e| eprintln!("server: {e}"))
            });
        }
    });
    port
}

fn respond(root: &Path, mut stream: TcpStream) -> std::io::Result<()> {
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 65536 {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        request.extend_from_slice(&buf[..n]);
    }
    let request = String::from_utf8_lossy(&request);
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or(""));
    let file = path.strip_prefix(PREFIX).and_then(|rel| {
        if rel.split('/').any(|s| s == "..") {
            return None;
        }
        let candidate = root.join(rel);
        let candidate = if rel.is_empty() || rel.ends_with('/') {
            candidate.join("index.html")
        } else {
            candidate
        };
        candidate.is_file().then_some(candidate)
    });
    let (status, body) = match file {
        Some(f) => ("200 OK", std::fs::read(f)?),
        None => (
            "404 Not Found",
            std::fs::read(root.join("404.html")).unwrap_or_default(),
        ),
    };
    let mut response = format!(
        "HTTP/1.0 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(&body);
    stream.write_all(&response)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    // One write: `write!` would send the pieces in separate segments.
    let request = format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Values of href="…" and src="…" attributes.
fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                found.push(rest[..end].replace("&amp;", "&"));
            }
        }
    }
    found
}

/// Resolves a link against the page's path, as a browser does (for path-only links).
fn resolve(page: &str, link: &str) -> Option<String> {
    let link = link.split('#').next().unwrap_or("");
    if link.is_empty()
        || link.contains("://")
        || link.starts_with("mailto:")
        || link.starts_with("tel:")
    {
        return None;
    }
    let joined = if link.starts_with('/') {
        link.to_string()
    } else {
        format!("{}{}", &page[..page.rfind('/').unwrap() + 1], link)
    };
    let trailing = joined.ends_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if trailing && out != "/" {
        out.push('/');
    }
    Some(out)
}

#[test]
fn every_link_works_under_a_sub_path() {
    let site = SiteTest::repo_site();
    site.build();
    let port = serve(site.path("public"));
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue = VecDeque::from([PREFIX.to_string()]);
    let mut broken = Vec::new();
    while let Some(page) = queue.pop_front() {
        if !seen.insert(page.clone()) {
            continue;
        }
        let (status, body) = get(port, &page);
        if status != 200 {
            broken.push(format!("{page} → {status}"));
            continue;
        }
        if !(page.ends_with('/') || page.ends_with(".html")) {
            continue;
        }
        for link in links(&body) {
            let Some(target) = resolve(&page, &link) else {
                continue;
            };
            if !target.starts_with(PREFIX) {
                broken.push(format!("{page}: {link} leaves {PREFIX}"));
            } else if !seen.contains(&target) {
                queue.push_back(target);
            }
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    for expected in [
        "/hyoka/somu/",
        "/hyoka/somu/jichikai/",
        "/hyoka/somu/jichikai/data.csv",
        "/hyoka/about/evaluation/",
        "/hyoka/data/indicators.json",
        "/hyoka/css/hyoka.css",
    ] {
        assert!(
            seen.contains(expected),
            "{expected} not reachable from the home page; seen {seen:#?}"
        );
    }
    let (status, body) = get(port, "/hyoka/no/such/page/");
    assert_eq!(status, 404);
    for link in links(&body) {
        if let Some(target) = resolve("/hyoka/no/such/page/", &link) {
            assert_eq!(
                get(port, &target).0,
                200,
                "404 page link {link} is broken at depth"
            );
        }
    }
}

#[test]
fn resolve_follows_browser_rules() {
    assert_eq!(
        resolve("/hyoka/somu/jichikai/", "../../css/a.css").as_deref(),
        Some("/hyoka/css/a.css")
    );
    assert_eq!(
        resolve("/hyoka/", "./somu/").as_deref(),
        Some("/hyoka/somu/")
    );
    assert_eq!(
        resolve("/hyoka/somu/", "jichikai/data.csv").as_deref(),
        Some("/hyoka/somu/jichikai/data.csv")
    );
    assert_eq!(resolve("/hyoka/", "https://example.jp/"), None);
}
