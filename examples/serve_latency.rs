//! Benchmark: how long from saving one goal file until `hyoka serve` shows the change.
//!
//! Starts the real `hyoka serve` on a free loopback port for a site, listens to its live-reload
//! stream like a browser tab, then edits one goal's title again and again and measures, per
//! edit: save → reload event (the tab is told), and save → the new title served over HTTP.
//! Prints the first build's time and min / median / max of each latency.
//!
//! `cargo run --release --example serve_latency -- SITE_DIR [RUNS]` (the release binary must be
//! built: `cargo build --release`); `scripts/bench-serve.sh` generates the sites and runs it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Serve(Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let site = PathBuf::from(args.next().expect("usage: serve_latency SITE_DIR [RUNS]"));
    let runs: usize = args
        .next()
        .map_or(10, |r| r.parse().expect("RUNS is a number"));
    let bin = std::env::var_os("HYOKA_BIN").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/hyoka"),
        PathBuf::from,
    );
    let goal = first_goal(&site.join("content"));
    let original = std::fs::read_to_string(&goal).expect("read goal");

    let started = Instant::now();
    let mut child = Command::new(&bin)
        .args(["serve", "--port", "0"])
        .arg(&site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start hyoka serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("address line");
    let serve = Serve(child);
    let first_build = started.elapsed();
    let url = line.split_whitespace().next().expect("address").to_string();
    let host = url["http://".len()..]
        .split('/')
        .next()
        .expect("host")
        .to_string();
    let goal_path = goal_url(&site, &goal);
    let page = format!("{url}{goal_path}");
    let goal_file = format!("{goal_path}index.html");

    let mut events = TcpStream::connect(&host).expect("connect");
    events
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    write!(
        events,
        "GET /__hyoka/livereload HTTP/1.1\r\nHost: {host}\r\n\r\n"
    )
    .unwrap();
    next_notice(&mut events, &goal_file);

    let (mut to_event, mut to_http) = (Vec::new(), Vec::new());
    for run in 0..=runs {
        let marker = format!("計測{run}");
        let edited = original.replacen("\ntitle: ", &format!("\ntitle: {marker}"), 1);
        assert_ne!(edited, original, "the goal has a title line");
        std::thread::sleep(Duration::from_millis(300));
        let saved = Instant::now();
        std::fs::write(&goal, edited).expect("write goal");
        next_notice(&mut events, &goal_file);
        let event = saved.elapsed();
        while !fetch(&page).contains(&marker) {
            assert!(
                saved.elapsed() < Duration::from_secs(120),
                "{page} never changed"
            );
        }
        let http = saved.elapsed();
        if run > 0 {
            // Run 0 warms caches up and is not counted.
            to_event.push(event);
            to_http.push(http);
        }
    }
    std::fs::write(&goal, original).expect("restore goal");
    drop(serve);

    println!("site: {}", site.display());
    println!("first build and listen: {:>8.1} ms", ms(first_build));
    report("save → reload event", &mut to_event);
    report("save → new page over HTTP", &mut to_http);
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{what:<26} min {:>7.1} ms  median {:>7.1} ms  max {:>7.1} ms  ({} edits)",
        ms(times[0]),
        ms(median),
        ms(times[times.len() - 1]),
        times.len()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The first goal file (not `_index.md`) of the first department, by name.
fn first_goal(content: &Path) -> PathBuf {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(content)
        .expect("content/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut goals: Vec<PathBuf> = std::fs::read_dir(&dirs[0])
        .expect("department")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .collect();
    goals.sort();
    goals.swap_remove(0)
}

/// `dept/goal/` for `content/dept/goal.md` (generated sites use ASCII file names).
fn goal_url(site: &Path, goal: &Path) -> String {
    let rel = goal
        .strip_prefix(site.join("content"))
        .expect("inside content/");
    let rel = rel.with_extension("");
    format!("{}/", rel.to_string_lossy().replace('\\', "/"))
}

fn fetch(url: &str) -> String {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    agent
        .get(url)
        .call()
        .ok()
        .and_then(|mut r| r.body_mut().read_to_string().ok())
        .unwrap_or_default()
}

/// Reads the event stream until a notice tells the tab showing `file` to reload (its page
/// changed, or `pages` is null). Notices about other pages (the site-wide catch-up) are
/// skipped.
fn next_notice(stream: &mut TcpStream, file: &str) {
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).expect("event stream");
        assert!(n > 0, "event stream closed");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        while let Some(end) = seen.find("\n\n") {
            let event: String = seen.drain(..end + 2).collect();
            let Some(data) = event.lines().find_map(|l| l.strip_prefix("data: ")) else {
                continue;
            };
            let notice: serde_json::Value = serde_json::from_str(data).expect("a JSON notice");
            let pages = &notice["pages"];
            if pages.is_null()
                || pages
                    .as_array()
                    .is_some_and(|p| p.iter().any(|f| f == file))
            {
                return;
            }
        }
    }
}
