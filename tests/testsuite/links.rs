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

/// Every page and file reachable from the home page of `public` served under [`PREFIX`];
/// broken links are collected.
fn crawl(public: PathBuf) -> (BTreeSet<String>, Vec<String>, u16) {
    let port = serve(public);
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
    (seen, broken, port)
}

fn is_hashed(path: &str, stem: &str, ext: &str) -> bool {
    path.strip_prefix(stem)
        .and_then(|r| r.strip_suffix(ext))
        .is_some_and(|h| h.len() == 8 && h.chars().all(|c| c.is_ascii_hexdigit()))
}

#[test]
fn every_link_works_under_a_sub_path() {
    let site = SiteTest::repo_site();
    site.build();
    let (seen, broken, port) = crawl(site.path("public"));
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    for expected in [
        "/hyoka/somu/",
        "/hyoka/somu/jichikai/",
        "/hyoka/somu/jichikai/data.csv",
        "/hyoka/about/evaluation/",
        "/hyoka/data/indicators.json",
    ] {
        assert!(
            seen.contains(expected),
            "{expected} not reachable from the home page; seen {seen:#?}"
        );
    }
    // The stylesheet under its content-hashed name (css/hyoka.<8 hex>.css).
    assert!(
        seen.iter()
            .any(|p| is_hashed(p, "/hyoka/css/hyoka.", ".css")),
        "no hashed stylesheet reached; seen {seen:#?}"
    );
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

/// The link fixture with its broken links (the lines and definitions marked 壊) left out.
fn valid_links_only(site: &SiteTest) {
    for rel in [
        "content/_index.md",
        "content/somu/_index.md",
        "content/somu/a.md",
    ] {
        let text = site.read(rel);
        let kept: String = text
            .split_inclusive('\n')
            .map(|line| {
                if line.starts_with("[bad]:") {
                    return String::new();
                }
                // Each broken link is `[壊…](…)` or `[壊…][ref]`: cut from its `[`.
                let mut line = line.to_string();
                while let Some(at) = line.find("[壊") {
                    let start = if line[..at].ends_with('!') {
                        at - 1
                    } else {
                        at
                    };
                    line.truncate(start);
                    line.push('\n');
                }
                line
            })
            .collect();
        site.write(rel, &kept);
    }
}

/// The fixture published at `base_url` (its absolute links rewritten to it).
fn link_fixture_at(base_url: &str) -> SiteTest {
    let site = SiteTest::fixture("links");
    let config = site
        .read("config.toml")
        .replace("https://example.jp/a/b/", base_url);
    site.write("config.toml", &config);
    let goal = site
        .read("content/somu/a.md")
        .replace("https://example.jp/a/b/", base_url);
    site.write("content/somu/a.md", &goal);
    site
}

/// Where each `[壊…` link (or `![壊…` image) starts: (file, line, column in characters).
fn marked_broken(site: &SiteTest) -> BTreeSet<(String, usize, usize)> {
    let mut want = BTreeSet::new();
    for rel in [
        "content/_index.md",
        "content/somu/_index.md",
        "content/somu/a.md",
        "content/somu/b.md",
    ] {
        for (i, line) in site.read(rel).lines().enumerate() {
            for (at, _) in line.match_indices("[壊") {
                let start = if line[..at].ends_with('!') {
                    at - 1
                } else {
                    at
                };
                want.insert((rel.to_string(), i + 1, line[..start].chars().count() + 1));
            }
        }
    }
    want
}

/// The link findings of `hyoka check --format json`: (file, line, column).
fn link_findings(site: &SiteTest) -> BTreeSet<(String, usize, usize)> {
    let run = site.run(&["check", "--format", "json"]);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line"))
        .filter(|d| d["code"].as_str().is_some_and(|c| c.starts_with("E-LINK")))
        .map(|d| {
            (
                d["path"].as_str().unwrap().replace('\\', "/"),
                d["line"].as_u64().unwrap() as usize,
                d["column"].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

#[test]
fn each_broken_link_is_reported_at_its_place_and_no_valid_one_under_the_root_or_a_sub_path() {
    for base_url in ["https://example.jp/a/b/", "https://example.jp/"] {
        let site = link_fixture_at(base_url);
        let want = marked_broken(&site);
        assert_eq!(want.len(), 11, "the fixture's broken links");
        assert_eq!(link_findings(&site), want, "at {base_url}");
        // build refuses the same links and leaves no output.
        let run = site.run(&["build"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_eq!(run.stderr.matches("[E-LINK").count(), 11, "{}", run.stderr);
        assert!(
            run.stderr.contains("ビルドを中止しました"),
            "{}",
            run.stderr
        );
        assert!(!site.path("public").exists());
        // Without the broken ones it builds, and nothing valid was reported on the way.
        valid_links_only(&site);
        assert!(link_findings(&site).is_empty(), "at {base_url}");
        site.build();
    }
}

#[test]
fn messages_name_the_link_and_the_nearest_target() {
    let site = SiteTest::fixture("links");
    let run = site.run(&["check"]);
    for want in [
        "content/somu/a.md:28:1: エラー: リンク「../nothing/」の行き先 /somu/nothing/ はサイトにありません — もしかして「/somu/」",
        "リンク「/files/plam.pdf」の行き先 /files/plam.pdf はサイトにありません — もしかして「/files/plan.pdf」",
        "リンク「../b/#期待される効里」の見出し「#期待される効里」が /somu/b/ にありません — もしかして「#期待される効果」",
        "リンク「#存在しない」の見出し「#存在しない」が /somu/a/ にありません — そのページにある見出し・位置: #今年度の取り組み、#壊れたリンク、",
        "リンク「../../../../x」はサイト（https://example.jp/a/b/）の外を指しています",
        "リンク「/files/%E7%84%A1.pdf」の行き先 /files/無.pdf はサイトにありません",
    ] {
        assert!(run.stderr.contains(want), "{want}\nin\n{}", run.stderr);
    }
}

#[test]
fn root_relative_links_are_written_with_the_sub_path_and_every_link_is_served() {
    let site = link_fixture_at("https://example.jp/hyoka/");
    valid_links_only(&site);
    site.build();
    let page = site.read("public/somu/a/index.html");
    for want in [
        "href=\"../../files/plan.pdf\"",
        "src=\"../../files/graph.svg\"",
        "href=\"../../somu/b/#%E6%9C%9F%E5%BE%85%E3%81%95%E3%82%8C%E3%82%8B%E5%8A%B9%E6%9E%9C\"",
    ] {
        assert!(page.contains(want), "{want} in the goal page");
    }
    let (seen, broken, _) = crawl(site.path("public"));
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    for expected in [
        "/hyoka/files/plan.pdf",
        "/hyoka/files/graph.svg",
        "/hyoka/files/%E8%A8%88%E7%94%BB%20%E6%9B%B8.pdf",
        "/hyoka/favicon.svg",
    ] {
        assert!(
            seen.contains(expected),
            "{expected} not reached; seen {seen:#?}"
        );
    }
}

#[test]
fn a_template_override_that_writes_a_broken_link_stops_the_build() {
    let footer = include_str!("../../themes/default/templates/footer.html");
    let site = SiteTest::minimal()
        .file(
            "templates/footer.html",
            &format!("{footer}<a href=\"{{{{ root }}}}about/nai/\">案内</a><link rel=\"stylesheet\" href=\"{{{{ root }}}}css/hyoka.css\">"),
        );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("[E-TEMPLATE-LINK]").count(),
        2,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("テンプレートが書いたリンク「"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("の行き先 /about/nai/ がサイトにありません"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("{{ root }}{{ site.assets[\"css/hyoka.css\"] }} と書いてください"),
        "{}",
        run.stderr
    );
    assert!(!site.path("public").exists());
    // check, which writes nothing, finds them too.
    assert_eq!(
        site.run(&["check"])
            .stderr
            .matches("[E-TEMPLATE-LINK]")
            .count(),
        2
    );
}

#[test]
fn external_links_are_listed_by_host_without_a_network() {
    let site = SiteTest::fixture("links");
    valid_links_only(&site);
    let run = site.run(&["check", "--external"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("サイトの外へのリンク "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("www.city.example.jp（1件）\n  content/somu/a.md:21:48  https://www.city.example.jp/kurashi/?id=1&x=2\n"),
        "{}",
        run.stdout
    );
    // The licence link of every page's footer, once.
    assert!(
        run.stdout
            .contains("www.digital.go.jp（1件）\n  テンプレート: "),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("mailto:") && !run.stdout.contains("tel:"));
}

/// The published name of `css/hyoka.css` in `public/`.
fn stylesheet(site: &SiteTest) -> String {
    let names: Vec<String> = std::fs::read_dir(site.path("public/css"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 1, "one stylesheet: {names:?}");
    names[0].clone()
}

#[test]
fn hashed_asset_names_are_stable_change_with_the_file_and_every_page_links_them() {
    let site = SiteTest::minimal();
    site.build();
    let first = stylesheet(&site);
    assert!(is_hashed(&first, "hyoka.", ".css"), "{first}");
    site.build();
    assert_eq!(stylesheet(&site), first, "same bytes, same name");
    // The site replaces the theme's stylesheet: a new name, and the old one is gone.
    let css = include_str!("../../themes/default/static/css/hyoka.css");
    site.write("static/css/hyoka.css", &format!("{css}\n/* 町の色 */\n"));
    site.build();
    let second = stylesheet(&site);
    assert_ne!(second, first);
    assert!(is_hashed(&second, "hyoka.", ".css"), "{second}");
    assert!(
        site.read(&format!("public/css/{second}"))
            .ends_with("/* 町の色 */\n")
    );
    for page in [
        "public/index.html",
        "public/somu/index.html",
        "public/somu/jichikai/index.html",
        "public/404.html",
    ] {
        assert!(
            site.read(page).contains(&format!("css/{second}\"")),
            "{page}"
        );
    }
    let mut js: Vec<String> = std::fs::read_dir(site.path("public/js"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    js.sort();
    assert!(
        js.len() == 2 && is_hashed(&js[0], "filter.", ".js") && is_hashed(&js[1], "search.", ".js"),
        "{js:?}"
    );
    assert!(
        site.read("public/index.html")
            .contains(&format!("js/{}\"", js[0]))
    );
    assert!(
        site.read("public/search/index.html")
            .contains(&format!("js/{}\"", js[1]))
    );
}
