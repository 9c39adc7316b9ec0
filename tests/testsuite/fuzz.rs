//! Generated goal files (front matter and Markdown, from pieces that confuse parsers) go
//! through loading, the model, proofreading and the Markdown renderer: no panic, no hang,
//! output bounded by the input, and every finding's line and column inside its file. The
//! case count is bounded so the test stays well under a minute in a debug build
//! (`PROPTEST_CASES` for a longer hunt).

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use hyoka::{
    Config, DepartmentDocs, Diagnostic, Diagnostics, GoalCache, LoadedContent, MarkdownOptions,
    Rules, SiteBuilder, SourceFile, parse_document, render_markdown,
};
use proptest::prelude::*;

/// How long one generated file may take through everything (a debug build on a loaded
/// machine; a hang or quadratic blow-up takes far longer).
const ONE_FILE: Duration = Duration::from_secs(20);

/// The longest a rendered finding may be: the message and the fix are cut at 400
/// characters, the shown line at 400 (a full-width character is 3 bytes, 2 columns).
const FINDING_BYTES: usize = 6_000;

/// Text that YAML, Markdown or Japanese proofreading may trip over.
fn text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "地域",
        "令和6年度",
        "、",
        "。",
        "「",
        "」",
        "　",
        "ななど",
        "れれ",
        "ｶﾀｶﾅ",
        "𠮷",
        "🚧",
        "が\u{3099}",
        "72.1",
        "７２．１",
        "△5",
        "1e308",
        "NaN",
        "-",
        ":",
        ": ",
        "#",
        " #",
        "'",
        "\"",
        "\\",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a",
        "*a",
        "!!str",
        "|",
        ">",
        "%",
        "@",
        "`",
        "\t",
        "\r",
        "\u{feff}",
        "\u{7}",
        "\u{1b}",
        "\u{85}",
        "\u{2028}",
        "<script>",
        "&amp;",
        "**",
        "__",
        "~~",
        "[x](javascript:alert(1))",
        "![i](data:x)",
        "<!--",
        "-->",
        "\n",
        "\n  ",
    ]);
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

/// A value: plain, quoted, a flow list or map, or a long run of one piece.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => text(),
        1 => text().prop_map(|t| format!("\"{}\"", t.replace('"', "\\\""))),
        1 => prop::collection::vec(text(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
        1 => (text(), text()).prop_map(|(k, v)| format!("{{ year: {k}, value: {v} }}")),
        1 => (prop::sample::select(vec!["[", "{a: ", "- ", "x", "あ", "**", ">"]), 100..3_000usize)
            .prop_map(|(p, n)| p.repeat(n)),
    ]
}

/// A front matter line: a key of the contract (or a typo of one) with a value, at some
/// indentation.
fn line() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "title",
        "indicator",
        "name",
        "unit",
        "direction",
        "baseline",
        "actual",
        "targets",
        "令和7年度",
        "2029",
        "basis",
        "summary",
        "weight",
        "draft",
        "slug",
        "indcator",
        "- ",
    ]);
    (0..3usize, key, value())
        .prop_map(|(indent, key, value)| format!("{}{key}: {value}", "  ".repeat(indent)))
}

/// A Markdown body: headings, lists, quotes, tables, code, emphasis and links, and runs of
/// markup deep enough to stress the parser.
fn body() -> impl Strategy<Value = String> {
    let block = prop_oneof![
        text().prop_map(|t| format!("## {t}")),
        text().prop_map(|t| format!("- {t}\n  - {t}")),
        text().prop_map(|t| format!("> {t}")),
        (text(), text()).prop_map(|(a, b)| format!("| {a} | {b} |\n|---|:-:|\n| {b} | {a} |")),
        text().prop_map(|t| format!("```\n{t}\n```")),
        text().prop_map(|t| format!("これは**{t}**です。[^1]\n\n[^1]: {t}")),
        text().prop_map(|t| format!("[{t}]({t}) <{t}>")),
        (
            prop::sample::select(vec![">", "*", "[", "- ", "`", "<div>", "_"]),
            50..2_000usize
        )
            .prop_map(|(p, n)| p.repeat(n)),
        text(),
    ];
    prop::collection::vec(block, 0..8).prop_map(|v| v.join("\n\n"))
}

/// A whole goal file: either lines of keys and values, or a goal as the contract wants it
/// with some of its values replaced; a body; front matter closed, or sometimes not.
fn goal_file() -> impl Strategy<Value = String> {
    prop_oneof![loose_goal(), shaped_goal()]
}

/// A goal of the contract's shape whose values are each kept or replaced by [`value`].
fn shaped_goal() -> impl Strategy<Value = String> {
    let slots = [
        "地域コミュニティの推進",
        "自治会加入割合",
        "\"%\"",
        "up",
        "令和5年度",
        "74.6",
        "令和6年度",
        "72.1",
        "令和7年度",
        "72.7",
        "令和11年度",
        "75.0",
        "mokuhyo",
        "10",
    ];
    let chosen: Vec<_> = slots
        .iter()
        .map(|&kept| prop_oneof![3 => Just(kept.to_string()), 1 => value()])
        .collect();
    (chosen, body()).prop_map(|(v, body)| {
        format!(
            "---\ntitle: {}\nindicator:\n  name: {}\n  unit: {}\n  direction: {}\n  baseline: {{ year: {}, value: {} }}\n  actual:\n    {}: {}\n  targets:\n    {}: {}\n    {}: {}\nslug: {}\nweight: {}\n---\n{body}\n",
            v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13]
        )
    })
}

/// Lines of keys and values in any order and indentation.
fn loose_goal() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line(), 0..10),
        body(),
        prop::sample::select(vec!["---\n", "---\n", "---\n", ""]),
    )
        .prop_map(|(lines, body, close)| {
            format!("---\ntitle: 目標\n{}\n{close}{body}\n", lines.join("\n"))
        })
}

/// Everything hyoka does with one goal file: its findings and the rendered body's length.
fn run_all(text: String) -> (Vec<Diagnostic>, usize) {
    let config = Config::parse(
        "title = \"t\"\nbase_url = \"https://example.jp/\"\nmunicipality = \"町\"\n",
        Path::new("config.toml"),
    )
    .expect("config");
    let mut diags = Diagnostics::new();
    let goal = parse_document(SourceFile::new("content/somu/x.md", text), &mut diags);
    let body = goal.body.clone();
    let index = parse_document(
        SourceFile::new("content/somu/_index.md", "---\ntitle: 総務課\n---\n".into()),
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
    diags.extend(Rules::new(&config).proofread_where(&content, |_| true));
    let html = render_markdown(&body, MarkdownOptions::default()).html;
    (diags.sorted(), html.len())
}

/// Runs [`run_all`] on another thread; a run past [`ONE_FILE`] is a hang.
fn run_bounded(text: &str) -> Result<(Vec<Diagnostic>, usize), TestCaseError> {
    let (tx, rx) = mpsc::channel();
    let owned = text.to_string();
    std::thread::spawn(move || {
        let _ = tx.send(std::panic::catch_unwind(|| run_all(owned)));
    });
    match rx.recv_timeout(ONE_FILE) {
        Ok(Ok(result)) => Ok(result),
        Ok(Err(_)) => Err(TestCaseError::fail("panicked")),
        Err(_) => Err(TestCaseError::fail(format!(
            "still running after {ONE_FILE:?}"
        ))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(400),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_goal_file_gets_findings_inside_it_and_bounded_output(written in goal_file()) {
        // As a file is read: line ends made `\n`, binary refused.
        let Ok(decoded) = hyoka::decode(written.as_bytes()) else {
            return Ok(());
        };
        let text = decoded.text;
        let (findings, html_len) = run_bounded(&text)?;
        let lines: Vec<&str> = text.split('\n').collect();
        prop_assert!(
            html_len <= 32 * text.len() + 10_000,
            "{html_len} bytes of HTML from {} bytes", text.len()
        );
        for d in &findings {
            let rendered = d.render();
            prop_assert!(rendered.len() <= FINDING_BYTES, "{} bytes: {}", rendered.len(), rendered.chars().take(300).collect::<String>());
            if d.path != Path::new("content/somu/x.md") || d.line == 0 {
                continue;
            }
            prop_assert!(d.line <= lines.len(), "{}:{} past the last line {}: {}", d.line, d.column, lines.len(), d.message);
            let chars = lines[d.line - 1].trim_end_matches('\r').chars().count();
            prop_assert!(
                d.column <= chars + 1,
                "{} at {}:{} past the end of its line ({chars} characters): {}",
                d.code, d.line, d.column, d.message
            );
        }
    }
}
