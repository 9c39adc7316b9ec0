//! Whatever staff commit, hyoka answers with diagnostics, never a panic: thousands of
//! damaged versions of a real goal file go through loading, the model and proofreading.

use std::path::Path;

use hyoka::Config;
use hyoka::Diagnostics;
use hyoka::{DepartmentDocs, LoadedContent, SourceFile, parse_document};
use hyoka::{GoalCache, SiteBuilder};

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces that are likely to confuse a YAML, Markdown or Japanese text parser.
const PIECES: &[&str] = &[
    ":",
    "-",
    " ",
    "\n",
    "\t",
    "'",
    "\"",
    "{",
    "}",
    "[",
    "]",
    "&a",
    "*a",
    "#",
    "---",
    "**",
    "`",
    "<",
    ">",
    "&",
    "%",
    "|",
    ">-",
    "、",
    "。",
    "「",
    "」",
    "　",
    "れ",
    "つ",
    "ななど",
    "令和",
    "年度",
    "０",
    "9",
    ".",
    "e9",
    "△",
    "\u{feff}",
    "\r",
    "ｶ",
    "𠮷",
    "\u{0}",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(3) {
            0 if !chars.is_empty() => {
                let end = (at + 1 + rng.below(8)).min(chars.len());
                chars.drain(at.min(chars.len())..end.max(at.min(chars.len())));
            }
            1 => {
                let piece = PIECES[rng.below(PIECES.len())];
                for (k, c) in piece.chars().enumerate() {
                    chars.insert((at + k).min(chars.len()), c);
                }
            }
            _ => {
                let from = rng.below(chars.len().max(1));
                let end = (from + rng.below(12)).min(chars.len());
                let copy: Vec<char> = chars[from.min(end)..end].to_vec();
                for (k, c) in copy.into_iter().enumerate() {
                    chars.insert((at + k).min(chars.len()), c);
                }
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn damaged_files_never_panic() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let originals = [
        std::fs::read_to_string(repo.join("content/somu/jichikai.md")).unwrap(),
        std::fs::read_to_string(repo.join("content/somu/_index.md")).unwrap(),
        std::fs::read_to_string(
            repo.join("tests/fixtures/seed-as-written/content/somu/jishu-bosai.md"),
        )
        .unwrap(),
    ];
    let config = Config::parse(
        "title = \"t\"\nbase_url = \"https://example.jp/\"\nmunicipality = \"町\"\n",
        Path::new("config.toml"),
    )
    .unwrap();
    let rules = hyoka::Rules::new(&config);
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut errors = 0;
    // HYOKA_FUZZ_ROUNDS=50000 for a longer hunt; the default keeps the suite quick.
    let rounds: usize = std::env::var("HYOKA_FUZZ_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1500);
    for round in 0..rounds {
        let original = &originals[round % originals.len()];
        let text = mutate(&mut rng, original);
        let mut diags = Diagnostics::new();
        let goal = parse_document(
            SourceFile::new("content/somu/x.md", text.clone()),
            &mut diags,
        );
        let index = parse_document(
            SourceFile::new("content/somu/_index.md", mutate(&mut rng, &originals[1])),
            &mut diags,
        );
        let content = LoadedContent {
            home: None,
            departments: vec![DepartmentDocs {
                folder: "somu".into(),
                path: "content/somu".into(),
                index: Some(index),
                goals: vec![goal],
            }],
        };
        let mut builder = SiteBuilder::new(&config, true);
        builder.add(&content, &mut GoalCache::default());
        let (_, more) = builder.finish();
        diags.extend(more);
        diags.extend(rules.proofread_where(&content, |_| true));
        for d in diags.iter() {
            assert!(
                !d.message.is_empty(),
                "round {round}: empty message for\n{text}"
            );
            if d.severity == hyoka::Severity::Error {
                errors += 1;
                assert!(
                    d.help.is_some(),
                    "round {round}: {} has no fix:\n{text}",
                    d.code
                );
            }
        }
    }
    assert!(
        errors > 100,
        "the mutations should break many files ({errors} errors)"
    );
}

/// A FIFO (or, when this runs as root, a character device) in content/ is reported at once
/// with its path; before, `check` waited forever for a writer (or read /dev/zero until memory
/// ran out). The harness's run limit turns a hang into a failure.
#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_in_content_is_an_error_not_a_hang() {
    let site = crate::harness::SiteTest::minimal();
    let fifo = site.path("content/somu/pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let device = site.path("content/somu/zero.md");
    let has_device = std::process::Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "5"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_device {
        eprintln!("not root: the character-device case is skipped");
    }
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        assert!(
            run.stderr.contains("content/somu/pipe.md: エラー: 通常のファイルではありません（名前付きパイプ（FIFO））"),
            "{command}: {}",
            run.stderr
        );
        if has_device {
            assert!(
                run.stderr.contains(
                    "content/somu/zero.md: エラー: 通常のファイルではありません（デバイス）"
                ),
                "{}",
                run.stderr
            );
        }
    }
    assert!(!site.path("public").exists());
}

/// A FIFO in static/ or among a theme's templates stops the build at once with
/// E-NOT-A-FILE (before, walking left it out without a word, and a file swapped for one
/// between the walk and the read blocked the build): files are opened without blocking.
#[cfg(unix)]
#[test]
fn a_fifo_in_static_or_in_a_theme_stops_the_build_at_once() {
    let limit = std::time::Duration::from_secs(60);
    for (rel, config) in [
        ("static/files/keikaku.pdf", ""),
        ("themes/town/templates/footer.html", "theme = \"town\"\n"),
        ("themes/town/static/css/town.css", "theme = \"town\"\n"),
    ] {
        let site = crate::harness::SiteTest::minimal().file(
            "config.toml",
            &format!("{}{config}", crate::harness::CONFIG),
        );
        let fifo = site.path(rel);
        std::fs::create_dir_all(fifo.parent().unwrap()).unwrap();
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let run = site
            .run_limited(&["build"], &[], limit)
            .unwrap_or_else(|late| panic!("{rel}: {late}"));
        assert_ne!(run.code, 0, "{rel}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "{rel}: 通常のファイルではありません（名前付きパイプ（FIFO））"
            )) && run.stderr.contains("[E-NOT-A-FILE]"),
            "{rel}: {}",
            run.stderr
        );
        assert!(!site.path("public").exists(), "{rel}");
    }
}

/// A theme's template past the 4 MiB hyoka reads is refused with E-TOO-LARGE, naming it.
#[test]
fn a_huge_template_is_refused_naming_it() {
    let site = crate::harness::SiteTest::minimal()
        .file(
            "config.toml",
            &format!("{}theme = \"town\"\n", crate::harness::CONFIG),
        )
        .bytes(
            "themes/town/templates/footer.html",
            &vec![b' '; 4 * 1024 * 1024 + 1],
        );
    let run = site.run(&["build"]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("themes/town/templates/footer.html: ファイルが大きすぎます（4194305バイト、4 MiB まで） [E-TOO-LARGE]"),
        "{}",
        run.stderr
    );
}

/// 200,000 nested brackets (a 400 KB file) are refused at once: the YAML crate's scanner
/// is quadratic in their depth, and this took minutes before the guard ahead of it.
#[test]
fn deeply_nested_front_matter_is_refused_at_once() {
    let site = crate::harness::SiteTest::minimal();
    for (name, opener) in [("brackets", "["), ("braces", "{a: ")] {
        site.write(
            &format!("content/somu/{name}.md"),
            &format!(
                "---\ntitle: 深い\nsummary: {}\n---\n",
                opener.repeat(400_000 / opener.len())
            ),
        );
    }
    let started = std::time::Instant::now();
    let run = site
        .run_limited(&["check"], &[], std::time::Duration::from_secs(30))
        .unwrap_or_else(|late| panic!("{late}"));
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert_eq!(run.code, 1);
    for (name, column) in [("brackets", 10 + 128), ("braces", 10 + 4 * 128)] {
        let at = format!("content/somu/{name}.md:3:{column}: エラー: YAMLの入れ子が深すぎます");
        assert!(run.stderr.contains(&at), "{at}\n{}", short(&run.stderr));
    }
    assert!(run.stderr.contains("[E-YAML-LIMIT]"));
    // Each 400 KB line is shown as a window around the column.
    assert!(run.stderr.len() < 8_000, "{} bytes", run.stderr.len());
}

/// A 3 MB line in an error: the message and the line shown under it are cut around the
/// column (before, the whole line was printed, twice over with the caret's padding).
#[test]
fn a_huge_line_is_shown_as_a_window_around_the_error() {
    let huge = "x".repeat(3_000_000);
    let site = crate::harness::SiteTest::minimal()
        .file(
            "content/somu/colon.md",
            &format!("---\ntitle: {huge}: y\n---\n"),
        )
        .file(
            "content/somu/value.md",
            &crate::harness::goal(
                "値",
                &format!(
                    "  name: n\n  unit: \"%\"\n  direction: up\n  baseline: {{ year: 令和5年度, value: {huge} }}\n  targets:\n    令和7年度: 1\n"
                ),
            ),
        );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.len() < 8_000,
        "{} bytes:\n{}",
        run.stderr.len(),
        short(&run.stderr)
    );
    assert!(
        run.stderr.contains("content/somu/colon.md:2:"),
        "{}",
        short(&run.stderr)
    );
    assert!(
        run.stderr.contains("content/somu/value.md:7:35:"),
        "{}",
        short(&run.stderr)
    );
    // The shown line is cut on the right, and the caret is under the value's first 'x'.
    let lines: Vec<&str> = run.stderr.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("7 |   baseline:"))
        .expect("the line of the value");
    let before = lines[at].split("value: ").next().unwrap();
    let width = unicode_width::UnicodeWidthStr::width(before) + "value: ".len();
    assert_eq!(
        lines[at + 1].find('^'),
        Some(width),
        "{}\n{}",
        lines[at],
        lines[at + 1]
    );
    assert!(lines[at].ends_with('…'));
}

/// A control character in a value: a Japanese message at its own line and column (before:
/// "control characters are not allowed at position 20" at 2:1), the character shown as a
/// symbol, never sent to the terminal.
#[test]
fn a_control_character_is_reported_in_japanese_where_it_is() {
    let site = crate::harness::SiteTest::minimal().file(
        "content/somu/bell.md",
        "---\ntitle: 鐘\nsummary: 町の\u{7}事業\n---\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/somu/bell.md:3:12: エラー: フロントマターに制御文字（U+0007、目に見えない文字）が入っています"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3 | summary: 町の␇事業\n"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains('\u{7}') && !run.stderr.contains("control characters"));
}

/// The first characters of a long output, for a failure message.
fn short(text: &str) -> String {
    text.chars().take(2_000).collect()
}

/// An empty key (`"": 72.1` under `actual:`) made `check`, `build` and `serve` loop forever
/// while looking for where it was written (found by the fuzz test); now it is an E-YEAR at
/// its place.
#[test]
fn an_empty_key_is_an_error_not_a_hang() {
    let site = crate::harness::SiteTest::minimal().file(
        "content/somu/kara.md",
        &crate::harness::goal(
            "空のキー",
            &crate::harness::SEED_INDICATOR.replace("令和6年度: 72.1", "\"\": 72.1"),
        ),
    );
    let run = site
        .run_limited(&["check"], &[], std::time::Duration::from_secs(30))
        .unwrap_or_else(|late| panic!("{late}"));
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/somu/kara.md:9:5: エラー: 「」は年度として読めません"),
        "{}",
        run.stderr
    );
}
