//! `hyoka new <dept>/<goal>`: a new goal file (a draft) from the theme's archetype, with
//! today's fiscal year; says what it wrote and what to do next.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::{GoalKind, NewArgs};
use crate::error::Error;
use crate::scaffold::{self, GoalArchetype, GoalName};

use super::{Outcome, this_fiscal_year};

/// Writes the files; messages go to `err`.
pub fn run(args: &NewArgs, err: &mut dyn Write) -> Result<Outcome, Error> {
    let root = args.site.clone().unwrap_or_else(|| PathBuf::from("."));
    if !root.join("config.toml").is_file() {
        return Err(Error::NoConfig(root));
    }
    let name = GoalName::parse(&args.goal)?;
    let archetype = match args.kind {
        GoalKind::Single => GoalArchetype::Single,
        GoalKind::Several => GoalArchetype::Several,
        GoalKind::Milestone => GoalArchetype::Milestone,
    };
    let written = scaffold::new_goal(&root, &name, this_fiscal_year(), archetype)?;
    for path in &written {
        let _ = writeln!(err, "作りました: {}", path.display());
    }
    let _ = writeln!(
        err,
        "「（…）」の部分と仮の数値を書き換えてください。draft: true の間は公開されません（hyoka serve では表示されます）。"
    );
    Ok(Outcome::default())
}
