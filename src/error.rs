//! Fatal errors: problems that are not in the user's content (I/O, themes, the output
//! folder). Each carries its path or template name; `main` maps them to exit status 2.

use std::path::PathBuf;

use crate::fsio::FsError;
use crate::output::{PlanError, WriteError};
use crate::render::RenderError;

/// A failure that stops a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error(transparent)]
    Fs(#[from] FsError),
    /// The site folder has no config.toml.
    #[error("{}/config.toml が見つかりません。サイトのフォルダーで実行するか、hyoka init で新しいサイトを作ってください", .0.display())]
    NoConfig(PathBuf),
    /// A theme or template problem.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Two parts of the build want the same output file.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// The output folder is unsafe or could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// Any other I/O failure, with its path.
    #[error("{path} を処理できません: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}
