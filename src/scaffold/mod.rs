//! Scaffolding for `hyoka new` and `hyoka init`: new content files from the theme's
//! archetypes (`themes/<name>/archetypes/`, the default theme's built in), every key present
//! with a Japanese comment and the fiscal year filled in.
//!
//! Files are created, never replaced (`create_new`): an existing file is an error, so a
//! staff member's work cannot be overwritten. Nothing else is written.

use std::io::Write;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::error::Error;
use crate::model::FiscalYear;
use crate::model::goal::is_valid_slug;

/// The default theme's archetypes: every file of `themes/default/archetypes/`.
static BUILTIN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default/archetypes");

/// Which goal archetype `hyoka new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum GoalArchetype {
    /// One numeric indicator (`goal.md`).
    #[default]
    Single,
    /// Several indicators (`goal-indicators.md`).
    Several,
    /// One milestone indicator (`goal-milestone.md`).
    Milestone,
}

impl GoalArchetype {
    /// The archetype's file name in `themes/<name>/archetypes/`.
    pub(crate) fn file_name(self) -> &'static str {
        match self {
            GoalArchetype::Single => "goal.md",
            GoalArchetype::Several => "goal-indicators.md",
            GoalArchetype::Milestone => "goal-milestone.md",
        }
    }
}

/// The department and goal slugs of `hyoka new <dept>/<goal>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GoalName {
    /// Department folder (`somu`).
    pub department: String,
    /// Goal file stem (`bosai-kunren`).
    pub goal: String,
}

impl GoalName {
    /// Parses `somu/bosai-kunren` (a trailing `.md` is allowed); both parts must be slugs.
    pub(crate) fn parse(given: &str) -> Result<Self, Error> {
        let bad = |reason: &str| Error::BadName {
            given: given.to_string(),
            reason: reason.to_string(),
        };
        let trimmed = given.trim().trim_end_matches(".md");
        let parts: Vec<&str> = trimmed.split(['/', '\\']).collect();
        let [department, goal] = parts[..] else {
            return Err(bad(
                "「課のフォルダー/目標のファイル名」の形で指定してください（例: somu/bosai-kunren）",
            ));
        };
        for part in [department, goal] {
            if !is_valid_slug(part) {
                return Err(bad(&format!(
                    "「{part}」はURLに使えません。半角英小文字・数字・ハイフンで書いてください（例: bosai-kunren）"
                )));
            }
        }
        Ok(GoalName {
            department: department.to_string(),
            goal: goal.to_string(),
        })
    }
}

/// The year labels an archetype is filled with.
fn years(this_year: FiscalYear) -> tera::Context {
    let label = |offset: i32| {
        FiscalYear::new((i32::from(this_year.western()) + offset) as u16)
            .map_or_else(|| this_year.label(), FiscalYear::label)
    };
    let mut context = tera::Context::new();
    context.insert("this_year", &this_year.label());
    context.insert("previous_year", &label(-1));
    context.insert("final_year", &label(4));
    context
}

/// Writes `content/<dept>/<goal>.md` (a draft, from the `archetype`) and, when the
/// department has none, `content/<dept>/_index.md`. Returns the files written, site-relative.
pub(crate) fn new_goal(
    root: &Path,
    name: &GoalName,
    this_year: FiscalYear,
    archetype: GoalArchetype,
) -> Result<Vec<PathBuf>, Error> {
    let dept_dir = Path::new("content").join(&name.department);
    let goal_file = dept_dir.join(format!("{}.md", name.goal));
    if root.join(&goal_file).exists() {
        return Err(Error::Exists(goal_file));
    }
    let archetypes = Archetypes::of_site(root);
    let mut written = Vec::new();
    let index = dept_dir.join("_index.md");
    if !root.join(&index).exists() {
        let mut context = years(this_year);
        context.insert("title", "（課の名前を書いてください）");
        create(root, &index, &archetypes.render("department.md", &context)?)?;
        written.push(index);
    }
    let mut context = years(this_year);
    context.insert("slug", &name.goal);
    context.insert("department", &name.department);
    context.insert("draft", &true);
    create(
        root,
        &goal_file,
        &archetypes.render(archetype.file_name(), &context)?,
    )?;
    written.push(goal_file);
    Ok(written)
}

/// Writes a new site into `dir` (created if missing; refused unless empty or holding only
/// `.git`): config.toml, .gitignore, the home page text, one department and one goal.
pub(crate) fn init_site(dir: &Path, this_year: FiscalYear) -> Result<Vec<PathBuf>, Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io)?;
        if entries.any(|e| e.map_or(true, |e| e.file_name() != ".git")) {
            return Err(Error::NotEmpty(dir.to_path_buf()));
        }
    }
    std::fs::create_dir_all(dir).map_err(io)?;
    let archetypes = Archetypes::builtin();
    let mut context = years(this_year);
    context.insert("municipality", "○○町");
    context.insert("title", "総務課");
    context.insert("slug", "mokuhyo");
    // The goal holds the archetype's placeholders, so it starts as a draft: the site builds
    // at once, and publishes the goal when staff have written it and set draft: false.
    context.insert("draft", &true);
    let files = [
        ("config.toml", "config.toml"),
        (".gitignore", "gitignore"),
        ("content/_index.md", "home.md"),
        ("content/somu/_index.md", "department.md"),
        ("content/somu/mokuhyo.md", "goal.md"),
    ];
    let mut written = Vec::new();
    for (path, archetype) in files {
        create(
            dir,
            Path::new(path),
            &archetypes.render(archetype, &context)?,
        )?;
        written.push(PathBuf::from(path));
    }
    Ok(written)
}

/// Archetype texts: the site's theme folder first, then the built-in default theme.
struct Archetypes {
    dir: Option<PathBuf>,
}

impl Archetypes {
    fn builtin() -> Self {
        Archetypes { dir: None }
    }

    /// The archetypes of the theme named in `<root>/config.toml` (default when unreadable),
    /// decoded as a build decodes it (BOM, UTF-16, Shift_JIS).
    fn of_site(root: &Path) -> Self {
        let theme = crate::fsio::read_text(&root.join("config.toml"))
            .ok()
            .and_then(Result::ok)
            .and_then(|decoded| {
                crate::config::Config::parse(&decoded.text, Path::new("config.toml")).ok()
            })
            .map_or_else(|| "default".to_string(), |c| c.theme);
        let dir = root.join("themes").join(theme).join("archetypes");
        Archetypes {
            dir: dir.is_dir().then_some(dir),
        }
    }

    fn render(&self, name: &str, context: &tera::Context) -> Result<String, Error> {
        let own = self
            .dir
            .as_ref()
            .map(|d| d.join(name))
            .filter(|p| p.is_file());
        let (origin, text) = match own {
            Some(path) => {
                let bytes = crate::fsio::read_file(&path, crate::fsio::MAX_FILE_BYTES)?;
                let text = String::from_utf8(bytes).map_err(|e| Error::Io {
                    path: path.clone(),
                    source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
                })?;
                (path.display().to_string(), text)
            }
            None => {
                let text = BUILTIN
                    .get_file(name)
                    .and_then(|file| file.contents_utf8())
                    .expect("every archetype is built in, as UTF-8")
                    .to_string();
                (format!("組み込みの default テーマの {name}"), text)
            }
        };
        tera::Tera::one_off(&text, context, false).map_err(|e| Error::Archetype {
            origin,
            detail: e.to_string(),
        })
    }
}

/// Creates `root/rel` with `text`; an existing file is an error, never replaced.
fn create(root: &Path, rel: &Path, text: &str) -> Result<(), Error> {
    crate::fsio::refuse_symlinks(root, rel).map_err(Error::Symlink)?;
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| Error::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Exists(rel.to_path_buf()),
            _ => Error::Io {
                path: path.clone(),
                source,
            },
        })?;
    file.write_all(text.as_bytes())
        .map_err(|source| Error::Io { path, source })
}

#[cfg(test)]
mod tests;
