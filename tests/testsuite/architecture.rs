//! Data flows one way (load → model → render/chart/export → output): every module may use
//! only the modules listed for it here. A new dependency is a design decision — add it to
//! this table on purpose, not by accident.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module → the crate modules it may use.
const ALLOWED: &[(&str, &[&str])] = &[
    // Layer 0: no other hyoka module.
    ("diag", &[]),
    ("fsio", &[]),
    ("output", &[]),
    ("proofread", &[]),
    ("cli", &[]),
    ("markup", &[]),
    // Settings read years with the model's pure FiscalYear parser.
    ("config", &["diag", "model"]),
    ("content", &["diag", "fsio"]),
    ("model", &["config", "content", "diag"]),
    // Siblings over the model: never each other.
    ("chart", &["markup", "model"]),
    ("render", &["config", "model"]),
    ("export", &["config", "markup", "model"]),
    (
        "check",
        &["config", "content", "diag", "model", "proofread"],
    ),
    ("error", &["fsio", "output", "render"]),
    (
        "pipeline",
        &[
            "chart", "check", "config", "content", "diag", "error", "export", "model", "output",
            "render",
        ],
    ),
    // Its own front door: sheets in, content files out, read and checked with the model's
    // parsers and the proofreading rules (for breaking ties between copies).
    ("import", &["content", "diag", "fsio", "model", "proofread"]),
    // The preview server: the pipeline's in-memory site, over HTTP.
    ("serve", &["diag", "error", "output", "pipeline"]),
    // New content files from archetypes (their only writes).
    ("scaffold", &["config", "error", "fsio", "model"]),
    (
        "cmd",
        &[
            "cli", "diag", "error", "import", "model", "output", "pipeline", "scaffold", "serve",
        ],
    ),
];

/// The top-level crate modules a Rust source text uses (`crate::x`, `crate::{x, y::z}`).
fn used_modules(source: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut rest = source;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(i, _)| i);
            let mut level = 0;
            let mut token = String::new();
            for c in group[..end].chars().chain([',']) {
                match c {
                    '{' => level += 1,
                    '}' => level -= 1,
                    ',' if level == 0 => {
                        let name = token
                            .trim()
                            .split("::")
                            .next()
                            .unwrap_or("")
                            .trim()
                            .to_string();
                        if !name.is_empty() && name != "self" {
                            used.insert(name);
                        }
                        token.clear();
                        continue;
                    }
                    _ => {}
                }
                if level == 0 {
                    token.push(c);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            used.insert(name);
        }
    }
    used
}

fn sources_of(module: &str) -> Vec<std::path::PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let file = src.join(format!("{module}.rs"));
    if file.is_file() {
        return vec![file];
    }
    walkdir::WalkDir::new(src.join(module))
        .into_iter()
        .map(|e| e.expect("walk").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect()
}

#[test]
fn modules_only_use_the_layers_below_them() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules: Vec<String> = std::fs::read_dir(&src)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_stem()?.to_string_lossy().into_owned();
            (p.is_dir() || p.extension().is_some_and(|e| e == "rs")).then_some(name)
        })
        .filter(|n| n != "lib" && n != "main")
        .collect();
    modules.sort();
    modules.dedup();
    let mut violations = Vec::new();
    for module in &modules {
        let Some(permitted) = allowed.get(module.as_str()) else {
            violations.push(format!(
                "{module}: not in the ALLOWED table of tests/testsuite/architecture.rs"
            ));
            continue;
        };
        for file in sources_of(module) {
            let text = std::fs::read_to_string(&file).unwrap();
            for used in used_modules(&text) {
                if used != *module && !permitted.contains(&used.as_str()) {
                    violations.push(format!("{} uses crate::{used}", file.display()));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "upward or sideways imports:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_import_scanner_reads_grouped_paths() {
    let found = used_modules(
        "use crate::{check, content::{Node, Pos}};\nuse crate::model::Site;\nfn f() { crate::diag::x(); }",
    );
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["check", "content", "diag", "model"]
    );
}
