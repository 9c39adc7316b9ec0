//! `hyoka init [DIR]`: a new site skeleton that builds at once.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::InitArgs;
use crate::error::Error;
use crate::scaffold;

use super::{Outcome, this_fiscal_year};

/// Writes the skeleton; messages go to `err`.
pub fn run(args: &InitArgs, err: &mut dyn Write) -> Result<Outcome, Error> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let written = scaffold::init_site(&dir, this_fiscal_year())?;
    for path in &written {
        let _ = writeln!(err, "作りました: {}", dir.join(path).display());
    }
    let _ = writeln!(
        err,
        "config.toml の自治体名と base_url を書き換え、hyoka serve {} で確認してください。",
        dir.display()
    );
    Ok(Outcome::default())
}
