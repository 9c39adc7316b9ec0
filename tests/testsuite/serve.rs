//! `hyoka serve`: the real binary on a free loopback port, a real HTTP client, real file
//! edits. Every wait polls with a generous limit; nothing asserts on elapsed time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use crate::harness::{SEED_INDICATOR, SiteTest, goal};

/// How long any awaited change may take before the test fails (a slow, shared machine).
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `hyoka serve`; killed when dropped, whatever the test did.
struct Server {
    child: Child,
    /// The site's address (`http://127.0.0.1:PORT/hyoka/`).
    url: String,
    /// `http://127.0.0.1:PORT`.
    origin: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(site: &SiteTest) -> Server {
        Self::start_with(site, &[])
    }

    fn start_with(site: &SiteTest, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hyoka"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(site.root())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start hyoka serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let collected = Arc::clone(&stderr);
        let err = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let mut text = collected.lock().unwrap();
                text.push_str(&line);
                text.push('\n');
            }
        });
        let (tx, rx) = mpsc::channel();
        let out = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut server = Server {
            child,
            url: String::new(),
            origin: String::new(),
            stderr,
        };
        let line = rx
            .recv_timeout(PATIENCE)
            .unwrap_or_else(|_| panic!("serve printed no address; stderr:\n{}", server.stderr()));
        server.url = line.split_whitespace().next().expect("address").to_string();
        let after_scheme = &server.url["http://".len()..];
        let host = &after_scheme[..after_scheme.find('/').expect("path")];
        server.origin = format!("http://{host}");
        server
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn port(&self) -> u16 {
        self.origin.rsplit(':').next().unwrap().parse().unwrap()
    }

    /// GET a path of the server (no redirects followed).
    fn get(&self, path: &str) -> Reply {
        get(&format!("{}{path}", self.origin))
    }

    /// Polls `path` until `ok` holds for the reply.
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let started = Instant::now();
        loop {
            let reply = self.get(path);
            if ok(&reply) {
                return reply;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{what}: {path} still answers {} {}\nserver stderr:\n{}",
                reply.status,
                reply.body,
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the server answered.
#[derive(Debug)]
struct Reply {
    status: u16,
    content_type: String,
    location: String,
    body: String,
}

fn get(url: &str) -> Reply {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(PATIENCE))
        .build()
        .into();
    let mut response = agent.get(url).call().expect("HTTP request");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let (content_type, location) = (header("content-type"), header("location"));
    Reply {
        status: response.status().as_u16(),
        content_type,
        location,
        body: response.body_mut().read_to_string().unwrap_or_default(),
    }
}

/// Sends one request line as written (no client normalises it) and returns the raw reply.
fn raw_request(port: u16, target: &str) -> String {
    raw_request_to(port, "127.0.0.1", target)
}

/// The same, naming `host` in the `Host` header.
fn raw_request_to(port: u16, host: &str, target: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    String::from_utf8_lossy(&reply).into_owned()
}

fn site() -> SiteTest {
    SiteTest::minimal().file(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
}

#[test]
fn pages_and_data_are_served_with_their_types_under_the_base_path() {
    let site = site();
    let server = Server::start(&site);
    assert!(server.url.ends_with("/hyoka/"), "{}", server.url);

    let top = server.get("/");
    assert_eq!((top.status, top.location.as_str()), (302, "/hyoka/"));
    // The stylesheet's content-hashed name, as the home page links it.
    let home = server.get("/hyoka/").body;
    let at = home.find("href=\"./css/hyoka.").expect("stylesheet link") + "href=\"./".len();
    let css = format!("/hyoka/{}", &home[at..at + home[at..].find('"').unwrap()]);
    let cases = [
        ("/hyoka/", "text/html; charset=utf-8", "テスト町 行政評価"),
        (
            "/hyoka/somu/jichikai/",
            "text/html; charset=utf-8",
            "地域コミュニティの推進",
        ),
        (
            "/hyoka/somu/jichikai/data.csv",
            "text/csv; charset=utf-8",
            "自治会加入割合",
        ),
        (
            "/hyoka/somu/jichikai/data.json",
            "application/json",
            "\"slug\"",
        ),
        (
            "/hyoka/data/indicators.json",
            "application/json",
            "\"status\"",
        ),
        (
            "/hyoka/data/indicators.csv",
            "text/csv; charset=utf-8",
            "自治会加入割合",
        ),
        (css.as_str(), "text/css; charset=utf-8", "{"),
        ("/hyoka/logo.svg", "image/svg+xml", "<svg"),
    ];
    for (path, content_type, text) in cases {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.content_type, content_type, "{path}");
        assert!(reply.body.contains(text), "{path}: {}", reply.body);
    }
    let page = server.get("/hyoka/somu/jichikai/").body;
    assert!(
        page.contains("/__hyoka/livereload"),
        "served pages get the reload script"
    );

    let dir = server.get("/hyoka/somu");
    assert_eq!((dir.status, dir.location.as_str()), (302, "/hyoka/somu/"));
    let missing = server.get("/hyoka/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing
            .body
            .contains("お探しのページは見つかりませんでした"),
        "the site's 404.html"
    );
    assert_eq!(
        server.get("/somu/jichikai/").status,
        404,
        "outside base_url's path"
    );
}

#[test]
fn the_server_listens_on_loopback_only_by_default() {
    let site = site();
    let server = Server::start(&site);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    // This machine's address on its network (no packet is sent): not served there.
    let probe = std::net::UdpSocket::bind("0.0.0.0:0").unwrap();
    if probe.connect("192.0.2.1:9").is_ok()
        && let Ok(local) = probe.local_addr()
        && !local.ip().is_loopback()
        && !local.ip().is_unspecified()
    {
        let reached =
            TcpStream::connect_timeout(&(local.ip(), server.port()).into(), Duration::from_secs(2));
        assert!(reached.is_err(), "serve answered on {}", local.ip());
    }
}

/// Reads an SSE stream until a `version` event other than `not` arrives; returns it.
fn next_version(stream: &mut TcpStream, seen: &mut String, not: Option<&str>) -> String {
    let started = Instant::now();
    let mut buf = [0u8; 1024];
    loop {
        let versions: Vec<String> = seen
            .lines()
            .filter_map(|l| l.strip_prefix("data: "))
            .map(str::to_string)
            .collect();
        if let Some(v) = versions.iter().rev().find(|v| Some(v.as_str()) != not) {
            return v.clone();
        }
        assert!(
            started.elapsed() < PATIENCE,
            "no reload event; stream so far:\n{seen}"
        );
        if let Ok(n) = stream.read(&mut buf)
            && n > 0
        {
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    }
}

#[test]
fn an_edit_appears_without_restart_and_open_tabs_are_told_to_reload() {
    let site = site();
    let server = Server::start(&site);
    let mut events = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
    events
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    write!(
        events,
        "GET /__hyoka/livereload HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let mut seen = String::new();
    let first = next_version(&mut events, &mut seen, None);
    seen.clear();

    site.write(
        "content/somu/jichikai.md",
        &goal("地域のつながりづくり", SEED_INDICATOR),
    );
    let page = server.wait_for("/hyoka/somu/jichikai/", "the edit", |r| {
        r.body.contains("地域のつながりづくり")
    });
    assert_eq!(page.status, 200);
    let next = next_version(&mut events, &mut seen, Some(&first));
    assert_ne!(next, first);
    assert!(
        server.stderr().contains("content/somu/jichikai.md"),
        "{}",
        server.stderr()
    );
}

#[test]
fn a_broken_file_shows_the_error_page_and_the_fix_brings_the_site_back() {
    let site = site();
    let server = Server::start(&site);
    let good = site.read("content/somu/jichikai.md");
    site.write(
        "content/somu/jichikai.md",
        &good.replace("direction: up", "direction: up\n  unit: [\"%\""),
    );
    let error = server.wait_for("/hyoka/somu/jichikai/", "the error page", |r| {
        r.status == 500
    });
    assert_eq!(error.content_type, "text/html; charset=utf-8");
    for text in [
        "content/somu/jichikai.md:",
        "エラー",
        "修正方法",
        "/__hyoka/livereload",
    ] {
        assert!(error.body.contains(text), "{text} missing:\n{}", error.body);
    }
    assert_eq!(
        server.get("/hyoka/").status,
        500,
        "every page shows the error"
    );
    assert_eq!(
        server.get("/hyoka/data/indicators.csv").status,
        200,
        "the last good data stays"
    );

    site.write("content/somu/jichikai.md", &good);
    let back = server.wait_for("/hyoka/somu/jichikai/", "the fix", |r| r.status == 200);
    assert!(back.body.contains("地域コミュニティの推進"));
}

#[test]
fn a_broken_template_is_shown_and_fixed_without_restart() {
    let site = site().file("templates/footer.html", "<footer>{{ site.title }}</footer>");
    let server = Server::start(&site);
    server.wait_for("/hyoka/", "the site", |r| r.status == 200);
    site.write("templates/footer.html", "<footer>{{ site.title </footer>");
    let error = server.wait_for("/hyoka/", "the error page", |r| r.status == 500);
    assert!(error.body.contains("footer.html"), "{}", error.body);
    site.write("templates/footer.html", "<footer>直しました</footer>");
    server.wait_for("/hyoka/", "the fix", |r| r.body.contains("直しました"));
}

#[test]
fn traversal_attempts_get_no_file_outside_the_site() {
    let site = site().file("secret.txt", "TOP-SECRET");
    let server = Server::start(&site);
    let targets = [
        "/../secret.txt",
        "/hyoka/../secret.txt",
        "/hyoka/../../../../etc/passwd",
        "/hyoka/%2e%2e/secret.txt",
        "/hyoka/%2E%2E/%2E%2E/etc/passwd",
        "/hyoka/somu/%2e%2e%2f%2e%2e%2fsecret.txt",
        "//etc/passwd",
        "/hyoka//etc/passwd",
        "/hyoka/..\\secret.txt",
        "/hyoka/%5c..%5csecret.txt",
        "/hyoka/config.toml",
        "/hyoka/content/somu/jichikai.md",
        "/hyoka/secret.txt",
        "/etc/passwd",
        "/hyoka/%00",
        "http://127.0.0.1/etc/passwd",
    ];
    for target in targets {
        let reply = raw_request(server.port(), target);
        let status = reply.split_whitespace().nth(1).unwrap_or("");
        assert!(
            ["400", "404"].contains(&status),
            "{target}: {}",
            reply.lines().next().unwrap_or("")
        );
        for secret in ["TOP-SECRET", "root:", "base_url", "indicator:"] {
            assert!(!reply.contains(secret), "{target} leaked {secret}");
        }
    }
}

#[test]
fn drafts_are_served_with_a_mark_and_never_built() {
    let site = site().file(
        "content/somu/bosai.md",
        &goal("防災訓練の充実", SEED_INDICATOR).replace("title:", "draft: true\ntitle:"),
    );
    let server = Server::start(&site);
    let page = server.get("/hyoka/somu/bosai/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("下書き"), "{}", page.body);
    drop(server);

    site.build();
    assert!(!site.path("public/somu/bosai").exists());
}

#[test]
fn build_output_never_has_the_reload_script() {
    let site = site();
    site.build();
    for (path, bytes) in site.snapshot_dir("public") {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__hyoka") && !text.contains("EventSource"),
            "{path}"
        );
    }
}

#[test]
fn a_port_in_use_is_a_clear_japanese_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = site().run(&["serve", "--port", &port]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("他のプログラムが使っています"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--port"), "{}", run.stderr);
}

#[test]
fn ctrl_c_stops_the_server_cleanly_even_with_a_tab_open() {
    let site = site();
    let mut server = Server::start(&site);
    let mut events = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
    write!(
        events,
        "GET /__hyoka/livereload HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let pid = server.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < PATIENCE, "serve did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
    let stopped = Instant::now();
    while !server.stderr().contains("終了しました") && stopped.elapsed() < PATIENCE {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        server.stderr().contains("終了しました"),
        "{}",
        server.stderr()
    );
}

#[test]
fn an_editor_saving_by_rename_and_hyoka_new_both_show_up() {
    let site = site();
    let server = Server::start(&site);
    // Editors that save atomically write a hidden temporary file, then rename it.
    let text = goal("地域のつながりづくり", SEED_INDICATOR);
    site.write("content/somu/.jichikai.md.tmp", &text);
    std::fs::rename(
        site.path("content/somu/.jichikai.md.tmp"),
        site.path("content/somu/jichikai.md"),
    )
    .unwrap();
    server.wait_for("/hyoka/somu/jichikai/", "the renamed save", |r| {
        r.body.contains("地域のつながりづくり")
    });

    let run = site.run(&["new", "kikaku/kanko"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = server.wait_for("/hyoka/kikaku/kanko/", "the new goal", |r| r.status == 200);
    assert!(page.body.contains("下書き"), "{}", page.body);
}

#[test]
fn a_run_that_never_ends_is_killed_at_its_limit_and_fails_its_test() {
    // `serve` never ends by itself: the harness must stop it and report, not wait forever.
    let site = site();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let late = site
        .run_limited(
            &["serve", "--port", &port.to_string()],
            &[],
            Duration::from_secs(8),
        )
        .expect_err("serve cannot finish by itself");
    assert!(late.contains("was killed (killed: true)"), "{late}");
    assert!(
        late.contains("127.0.0.1"),
        "what it printed is kept: {late}"
    );
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "the killed server no longer listens"
    );
}

#[test]
fn a_request_for_another_host_name_is_refused_so_dns_rebinding_cannot_read_drafts() {
    let site = site().file(
        "content/somu/secret.md",
        &goal("未公開の目標", SEED_INDICATOR).replace("---\ntitle", "---\ndraft: true\ntitle"),
    );
    let server = Server::start(&site);
    let port = server.port();
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "127.0.0.1.evil.example",
    ] {
        let reply = raw_request_to(port, host, "/hyoka/somu/secret/");
        assert!(reply.starts_with("HTTP/1.1 421"), "{host}: {reply}");
        assert!(!reply.contains("未公開の目標"), "{host}: {reply}");
        assert!(
            reply.contains("このプレビューは http://127.0.0.1:"),
            "{reply}"
        );
        let events = raw_request_to(port, host, "/__hyoka/livereload");
        assert!(events.starts_with("HTTP/1.1 421"), "{host}: {events}");
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "localhost".into(),
    ] {
        let reply = raw_request_to(port, &host, "/hyoka/somu/secret/");
        assert!(reply.starts_with("HTTP/1.1 200"), "{host}: {reply}");
        assert!(reply.contains("未公開の目標"), "{host}");
    }
}

#[test]
fn a_connection_that_never_finishes_its_request_header_is_closed() {
    let site = site();
    let server = Server::start(&site);
    let mut idle = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
    idle.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(idle, "GET /hyoka/ HTTP/1.1\r\nHost: 127.0.0.1\r\n").unwrap();
    let started = Instant::now();
    let mut reply = Vec::new();
    let read = idle.read_to_end(&mut reply);
    assert!(read.is_ok(), "the server closed the connection: {read:?}");
    assert!(
        started.elapsed() < PATIENCE,
        "the idle connection was still open after {:?}",
        started.elapsed()
    );
    // And the server still answers everyone else.
    assert_eq!(server.get("/hyoka/").status, 200);
}

/// A soak: for 20 s (`HYOKA_SOAK_SECS` for longer) a goal file is saved every 50 ms — new
/// values, a broken version now and then, saved in place or by rename as editors do — while
/// three readers fetch pages and data and a tab listens for reloads, all on 127.0.0.1. Every
/// reply is the page (200) or the error page (500), the server never dies, and it stops
/// cleanly on Ctrl-C.
#[test]
fn a_server_under_edits_and_readers_keeps_answering_and_stops_cleanly() {
    let soak = Duration::from_secs(
        std::env::var("HYOKA_SOAK_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(20),
    );
    let site = site();
    let mut server = Server::start(&site);
    server.wait_for("/hyoka/", "the first build", |r| r.status == 200);
    let mut tab = TcpStream::connect(("127.0.0.1", server.port())).unwrap();
    write!(
        tab,
        "GET /__hyoka/livereload HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();

    let good = site.read("content/somu/jichikai.md");
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let origin = server.origin.clone();
    let readers: Vec<_> = (0..3)
        .map(|reader| {
            let (stop, origin) = (Arc::clone(&stop), origin.clone());
            std::thread::spawn(move || {
                let paths = [
                    "/hyoka/",
                    "/hyoka/somu/",
                    "/hyoka/somu/jichikai/",
                    "/hyoka/data/indicators.csv",
                    "/hyoka/somu/jichikai/data.json",
                    "/hyoka/logo.svg",
                ];
                let mut answered = 0;
                let mut wrong = Vec::new();
                let mut i = reader;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let path = paths[i % paths.len()];
                    i += 1;
                    match try_get(&format!("{origin}{path}")) {
                        Ok((200, _)) => {}
                        Ok((500, body)) if body.contains("修正方法") && body.contains("エラー") =>
                            {}
                        Ok((status, body)) => {
                            wrong.push(format!("{path}: {status} {}", &body[..body.len().min(300)]))
                        }
                        Err(e) => wrong.push(format!("{path}: no answer: {e}")),
                    }
                    answered += 1;
                }
                (answered, wrong)
            })
        })
        .collect();

    let started = Instant::now();
    let mut saves = 0;
    while started.elapsed() < soak {
        let text = if saves % 7 == 6 {
            good.replace("direction: up", "direction: up\n  unit: [\"%\"")
        } else {
            good.replace("72.1", &format!("{}.{}", 60 + saves % 30, saves % 10))
        };
        if saves % 2 == 0 {
            site.write("content/somu/jichikai.md", &text);
        } else {
            let tmp = site.path("content/somu/.jichikai.md.swp");
            std::fs::write(&tmp, &text).unwrap();
            std::fs::rename(&tmp, site.path("content/somu/jichikai.md")).unwrap();
        }
        saves += 1;
        assert!(
            server.child.try_wait().unwrap().is_none(),
            "serve died after {saves} saves:\n{}",
            server.stderr()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut answered = 0;
    for reader in readers {
        let (count, wrong) = reader.join().unwrap();
        assert!(
            wrong.is_empty(),
            "{} wrong replies, first: {:?}",
            wrong.len(),
            &wrong[..wrong.len().min(5)]
        );
        answered += count;
    }
    assert!(answered >= 100, "only {answered} replies in {soak:?}");
    assert!(saves >= 100, "only {saves} saves in {soak:?}");

    // The last good save is what is served, the server is alive, and Ctrl-C stops it.
    site.write("content/somu/jichikai.md", &good.replace("72.1", "99.9"));
    server.wait_for("/hyoka/somu/jichikai/", "the last save", |r| {
        r.status == 200 && r.body.contains("99.9")
    });
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let stopping = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            stopping.elapsed() < PATIENCE,
            "serve did not stop on Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{}", server.stderr());
    drop(tab);
}

/// A GET that reports a failed connection instead of panicking: (status, body).
fn try_get(url: &str) -> Result<(u16, String), String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(PATIENCE))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .read_to_string()
        .map_err(|e| e.to_string())?;
    Ok((status, body))
}
