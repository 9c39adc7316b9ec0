//! `SiteTest`: a site in a temporary folder, built by the real binary.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use wait_timeout::ChildExt;

/// The longest any one run of the binary may take before the test fails and the process is
/// killed: a generous bound for a debug build on a slow, shared 2-core machine, far below a
/// CI run's limit, so a hang (a FIFO read, a deadlock) fails one test instead of the suite.
pub const RUN_LIMIT: Duration = Duration::from_secs(180);

/// A site on disk in a temp dir.
pub struct SiteTest {
    dir: tempfile::TempDir,
}

/// What a run of the binary printed and returned.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub const CONFIG: &str = "title = \"テスト町 行政評価\"\nbase_url = \"https://example.jp/hyoka/\"\nmunicipality = \"テスト町\"\n";

pub const DEPT: &str =
    "---\ntitle: 総務課\nduties:\n  - 防災に関すること\nserved: 町民のために。\n---\n";

/// A goal file with the given indicator block lines (already indented by two spaces).
pub fn goal(title: &str, indicator: &str) -> String {
    format!(
        "---\ntitle: {title}\nindicator:\n{indicator}---\n\n## 期待される効果\n\n効果があります。\n"
    )
}

pub const SEED_INDICATOR: &str = "  name: 自治会加入割合\n  unit: \"%\"\n  direction: up\n  baseline: { year: 令和5年度, value: 74.6 }\n  actual:\n    令和6年度: 72.1\n  targets:\n    令和7年度: 72.7\n    令和11年度: 75.0\n";

impl SiteTest {
    /// An empty folder.
    pub fn empty() -> Self {
        Self {
            dir: tempfile::Builder::new()
                .prefix("hyoka-test")
                .tempdir()
                .expect("temp dir"),
        }
    }

    /// A minimal valid site: config, one department, one goal.
    pub fn minimal() -> Self {
        Self::empty()
            .file("config.toml", CONFIG)
            .file("content/somu/_index.md", DEPT)
            .file(
                "content/somu/jichikai.md",
                &goal("地域コミュニティの推進", SEED_INDICATOR),
            )
    }

    /// A copy of the repository's own site (config.toml and content/).
    pub fn repo_site() -> Self {
        let site = Self::empty();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(repo.join("config.toml"), site.path("config.toml")).expect("copy config");
        copy_dir(&repo.join("content"), &site.path("content"));
        site
    }

    /// A generated site of `goals` goals (the benchmark's corpus, `examples/gen_corpus`).
    pub fn corpus(goals: usize, seed: u64) -> Self {
        let site = Self::empty();
        crate::corpus::write_site(site.root(), goals, seed).expect("write corpus");
        site
    }

    /// A copy of `tests/fixtures/<name>/`.
    pub fn fixture(name: &str) -> Self {
        let site = Self::empty();
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&from, site.root());
        site
    }

    /// Writes a file (creating folders).
    pub fn file(self, rel: &str, text: &str) -> Self {
        self.bytes(rel, text.as_bytes())
    }

    /// Writes (or replaces) a file of a site in use, as an editor saving it would.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
    }

    /// Writes raw bytes.
    pub fn bytes(self, rel: &str, bytes: &[u8]) -> Self {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, bytes).expect("write");
        self
    }

    /// Absolute path of a site-relative path.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `hyoka <args>` in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(args, &[])
    }

    /// Runs with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        self.run_limited(args, env, RUN_LIMIT)
            .unwrap_or_else(|late| panic!("{late}"))
    }

    /// Runs `hyoka <args>` with no standard input; past `limit` the process is killed and
    /// the error says what it had printed by then.
    pub fn run_limited(
        &self,
        args: &[&str],
        env: &[(&str, &str)],
        limit: Duration,
    ) -> Result<Run, String> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hyoka"))
            .args(args)
            .current_dir(self.root())
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run hyoka");
        let stdout = drain(child.stdout.take().expect("stdout"));
        let stderr = drain(child.stderr.take().expect("stderr"));
        let status = child.wait_timeout(limit).expect("wait for hyoka");
        let killed = status.is_none() && kill(&mut child);
        let text = |h: std::thread::JoinHandle<Vec<u8>>| {
            String::from_utf8_lossy(&h.join().unwrap_or_default()).into_owned()
        };
        let (stdout, stderr) = (text(stdout), text(stderr));
        match status {
            Some(status) => Ok(Run {
                code: status.code().unwrap_or(-1),
                stdout,
                stderr,
            }),
            None => Err(format!(
                "hyoka {args:?} ran past {limit:?} and was killed (killed: {killed})\nstdout:\n{stdout}\nstderr:\n{stderr}"
            )),
        }
    }

    /// `hyoka build`, asserting success.
    pub fn build(&self) -> Run {
        let run = self.run(&["build"]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    /// Reads an output file as text.
    pub fn read(&self, rel: &str) -> String {
        let path = self.path(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Parses an output JSON file.
    pub fn json(&self, rel: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(rel)).expect("valid JSON")
    }

    /// Every file under a folder, as (relative path, bytes), sorted.
    pub fn snapshot_dir(&self, rel: &str) -> Vec<(String, Vec<u8>)> {
        let base = self.path(rel);
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&base)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.expect("walk"))
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(&base)
                    .expect("prefix")
                    .to_string_lossy()
                    .replace('\\', "/");
                (rel, std::fs::read(e.path()).expect("read"))
            })
            .collect();
        files.sort();
        files
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Reads a child's pipe to its end on a thread of its own (so a full pipe never blocks it).
fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

/// Kills a child that ran too long and reaps it; whether it is gone.
fn kill(child: &mut Child) -> bool {
    let _ = child.kill();
    child.wait().is_ok()
}

/// `html` with the theme's content-hashed css/js names (`css/hyoka.3f2a9c1e.css`) written
/// back as the files are named in the theme (`css/hyoka.css`): for snapshots, which should
/// not change with every edit of the stylesheet.
pub fn unhash_assets(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(dot) = rest.find('.') {
        let (head, tail) = rest.split_at(dot);
        out.push_str(head);
        let hash = tail.get(1..9).unwrap_or("");
        let ext = tail.get(9..);
        let hashed = hash.len() == 8
            && hash
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
            && ext.is_some_and(|e| e.starts_with(".css") || e.starts_with(".js"));
        if hashed {
            rest = &tail[9..];
        } else {
            out.push('.');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The published (content-hashed) name of the theme's `css/hyoka.css` in `public`.
pub fn published_css(public: &Path) -> String {
    let names: Vec<String> = std::fs::read_dir(public.join("css"))
        .expect("public/css")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("hyoka.") && n.ends_with(".css"))
        .collect();
    assert_eq!(names.len(), 1, "one stylesheet: {names:?}");
    format!("css/{}", names[0])
}
