//! Data flows one way (content → load (config, model, proofreading) → pipeline (chart,
//! render, export) → output): every module may use only the modules listed for it here, and
//! the table itself runs one way (no circle of modules). A new dependency is a design
//! decision — add it to this table on purpose, not by accident.

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
    // The command line's help and errors in Japanese, over the clap types.
    ("usage", &["cli"]),
    ("markup", &[]),
    ("timings", &[]),
    // Settings read years with the model's pure FiscalYear parser.
    ("config", &["diag", "model"]),
    ("content", &["diag", "fsio", "timings"]),
    ("model", &["config", "content", "diag"]),
    // History from git (§10): the walk (gix), and its words from the model's own parser.
    ("history", &["content", "fsio", "markup", "model"]),
    // Siblings over the model: never each other.
    ("chart", &["markup", "model"]),
    ("render", &["config", "fsio", "model"]),
    ("export", &["config", "markup", "model"]),
    // The proofreading driver: the rules of `proofread` over the content's prose.
    (
        "prose",
        &["config", "content", "diag", "model", "proofread"],
    ),
    ("error", &["fsio", "output", "render"]),
    // The offline link check: the output's paths and pages, and the model's bodies.
    (
        "links",
        &[
            "content", "diag", "fsio", "model", "output", "render", "timings",
        ],
    ),
    // The one way in: settings, content part by part, proofreading and the model.
    (
        "load",
        &[
            "config", "content", "diag", "error", "history", "model", "prose", "timings",
        ],
    ),
    // 過去の版: tagged commits' content through the same load, linked with the current site.
    (
        "edition",
        &[
            "config", "content", "diag", "error", "history", "load", "model", "output", "render",
            "timings",
        ],
    ),
    // The way out: a loaded model into charts, pages and open data; never the files again.
    (
        "pipeline",
        &[
            "chart", "diag", "error", "export", "fsio", "history", "links", "load", "model",
            "output", "render", "timings",
        ],
    ),
    // Its own front door: sheets in, content files out, read and checked with the model's
    // parsers and the proofreading rules (for breaking ties between copies).
    // config: whether the site has a grade scale decides how a sheet's grade is written.
    (
        "import",
        &["config", "content", "diag", "fsio", "model", "proofread"],
    ),
    // The preview server: the pipeline's in-memory site, over HTTP.
    ("serve", &["diag", "error", "load", "output", "pipeline"]),
    // New content files from archetypes (their only writes).
    ("scaffold", &["config", "error", "fsio", "model"]),
    (
        "cmd",
        &[
            "cli", "diag", "edition", "error", "import", "links", "load", "model", "output",
            "pipeline", "scaffold", "serve", "timings",
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

/// Every `crate::` path a source text names, whole: `crate::{a, b::{c, self}}` gives
/// `a`, `b::c` and `b`.
fn used_paths(source: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 7 <= chars.len() {
        if chars[i..i + 7].iter().collect::<String>() == "crate::" {
            i = path_tree(&chars, i + 7, &mut Vec::new(), &mut out);
        } else {
            i += 1;
        }
    }
    out
}

/// Reads one path (or a `{…}` group of them) at `i` under `prefix`; returns where it ends.
fn path_tree(
    chars: &[char],
    mut i: usize,
    prefix: &mut Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    let at = |i: usize| chars.get(i).copied().unwrap_or(' ');
    loop {
        if at(i) == '{' {
            i += 1;
            loop {
                while at(i).is_whitespace() || at(i) == ',' {
                    i += 1;
                }
                if i >= chars.len() || at(i) == '}' {
                    return i + 1;
                }
                i = path_tree(chars, i, &mut prefix.clone(), out);
                // Past `as name`, to the next item.
                while i < chars.len() && !matches!(at(i), ',' | '}') {
                    i += 1;
                }
            }
        }
        let start = i;
        while at(i).is_ascii_alphanumeric() || at(i) == '_' {
            i += 1;
        }
        let segment: String = chars[start..i].iter().collect();
        let named = !segment.is_empty();
        if named && segment != "self" {
            prefix.push(segment);
        }
        if at(i) == ':' && at(i + 1) == ':' && named {
            i += 2;
            continue;
        }
        if !prefix.is_empty() {
            out.push(prefix.clone());
        }
        return i;
    }
}

/// The source file a `crate::` path ends in: the longest prefix that is a file.
fn file_of(src: &Path, path: &[String]) -> Option<std::path::PathBuf> {
    (1..=path.len()).rev().find_map(|k| {
        let base = src.join(path[..k].join("/"));
        [base.with_extension("rs"), base.join("mod.rs")]
            .into_iter()
            .find(|f| f.is_file())
    })
}

/// No circle of files crosses a module's border: the files a module's files import
/// (through `crate::` paths) never lead back into that module. Test files are left out.
#[test]
fn no_file_circle_between_modules() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(&src)
        .into_iter()
        .map(|e| e.expect("walk").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter(|p| {
            !p.components()
                .any(|c| c.as_os_str() == "tests" || c.as_os_str() == "tests.rs")
        })
        .collect();
    let module_of = |f: &Path| {
        f.strip_prefix(&src).unwrap().components().next().map(|c| {
            let name = c.as_os_str().to_string_lossy().into_owned();
            name.trim_end_matches(".rs").to_string()
        })
    };
    let imports: BTreeMap<&Path, BTreeSet<std::path::PathBuf>> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let to = used_paths(&text)
                .iter()
                .filter_map(|p| file_of(&src, p))
                .filter(|t| t != f)
                .collect();
            (f.as_path(), to)
        })
        .collect();
    let reach = |from: &Path| {
        let mut seen: BTreeSet<&Path> = BTreeSet::new();
        let mut todo = vec![from];
        while let Some(f) = todo.pop() {
            for to in imports.get(f).into_iter().flatten() {
                if seen.insert(to.as_path()) {
                    todo.push(to.as_path());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&Path, BTreeSet<&Path>> =
        files.iter().map(|f| (f.as_path(), reach(f))).collect();
    let mut circles = Vec::new();
    for (a, from_a) in &reached {
        for b in from_a {
            if module_of(a) != module_of(b) && reached[b].contains(a) && a < b {
                let short = |f: &Path| f.strip_prefix(&src).unwrap().display().to_string();
                circles.push(format!("src/{} <-> src/{}", short(a), short(b)));
            }
        }
    }
    assert!(
        circles.is_empty(),
        "file circles between modules:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_path_scanner_reads_whole_grouped_paths() {
    let found = used_paths(
        "use crate::{check, content::{self, Node as N, raw::Pos}};\nuse crate::model::Site;",
    );
    let found: Vec<String> = found.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        found,
        [
            "check",
            "content",
            "content::Node",
            "content::raw::Pos",
            "model::Site"
        ]
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

/// The rooms of `src/output/` → the rooms they may use (`super::x`, `crate::output::x`).
/// Read from the top: `staged` writes the folder that `target` allowed, through `emit`.
const OUTPUT_ROOMS: &[(&str, &[&str])] = &[
    ("staged", &["emit", "error", "plan", "target"]),
    ("emit", &["error", "plan"]),
    ("target", &["error"]),
    ("error", &["plan"]),
    ("plan", &[]),
];

/// The module path of a source file under `src/` (`output/staged/files.rs` →
/// `[output, staged, files]`; a `mod.rs` is its folder).
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut path: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if path.last().is_some_and(|last| last == "mod") {
        path.pop();
    }
    path
}

/// The modules a file names through `super::` (resolved from `module`) and `crate::`, as
/// full paths; `self` and globs are left out.
fn named_modules(module: &[String], source: &str) -> BTreeSet<Vec<String>> {
    let mut named = BTreeSet::new();
    for (at, _) in source.match_indices("super::") {
        // Only the start of a chain: `super::super::x` is read once, from its first `super`.
        if source[..at].ends_with("super::") {
            continue;
        }
        let mut rest = &source[at..];
        let mut base = module.to_vec();
        while let Some(after) = rest.strip_prefix("super::") {
            base.pop();
            rest = after;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            base.push(name);
            named.insert(base);
        }
    }
    for (at, _) in source.match_indices("crate::") {
        let names: Vec<String> = source[at + "crate::".len()..]
            .split("::")
            .take(2)
            .map(|s| {
                s.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect()
            })
            .collect();
        named.insert(names);
    }
    named
}

#[test]
fn output_rooms_use_only_the_rooms_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed: BTreeMap<&str, &[&str]> = OUTPUT_ROOMS.iter().copied().collect();
    let mut violations = Vec::new();
    for file in sources_of("output") {
        let module = module_path(&src, &file);
        let Some(room) = module.get(1) else { continue };
        let Some(permitted) = allowed.get(room.as_str()) else {
            violations.push(format!("{}: not in OUTPUT_ROOMS", file.display()));
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        for named in named_modules(&module, &text) {
            if named.first().map(String::as_str) != Some("output") {
                continue;
            }
            let Some(used) = named.get(1).filter(|u| allowed.contains_key(u.as_str())) else {
                continue;
            };
            if used != room && !permitted.contains(&used.as_str()) {
                violations.push(format!("{} uses output::{used}", file.display()));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn output_rooms_stand_in_order_and_cannot_form_a_circle() {
    // Each room may use only rooms listed after it, so no two can use each other.
    for (i, (room, uses)) in OUTPUT_ROOMS.iter().enumerate() {
        let below: Vec<&str> = OUTPUT_ROOMS[i + 1..].iter().map(|(r, _)| *r).collect();
        for used in *uses {
            assert!(below.contains(used), "{room} uses {used}, listed above it");
        }
    }
}

#[test]
fn no_two_files_use_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files: Vec<_> = sources_of("output");
    let modules: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = files
        .iter()
        .map(|file| {
            let module = module_path(&src, file);
            let text = std::fs::read_to_string(file).unwrap();
            let named = named_modules(&module, &text);
            (module, named)
        })
        .collect();
    // A file uses another when it names that file's module or something inside it.
    let uses = |a: &Vec<String>, b: &Vec<String>| {
        a != b
            && modules[a]
                .iter()
                .any(|n| n.starts_with(b) && !a.starts_with(b))
    };
    let mut circles = Vec::new();
    for a in modules.keys() {
        for b in modules.keys() {
            if a < b && uses(a, b) && uses(b, a) {
                circles.push(format!("{} ⇄ {}", a.join("::"), b.join("::")));
            }
        }
    }
    assert!(circles.is_empty(), "files that use each other: {circles:?}");
}

#[test]
fn the_module_reader_resolves_super_from_the_files_place() {
    let module: Vec<String> = ["output", "staged", "files"].map(String::from).to_vec();
    let named = named_modules(
        &module,
        "use super::SPARE;\nuse super::super::error::WriteError;\nuse crate::output::plan;",
    );
    let named: Vec<String> = named.into_iter().map(|n| n.join("::")).collect();
    assert_eq!(
        named,
        ["output::error", "output::plan", "output::staged::SPARE"]
    );
}
