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
    /// A command that writes would have written through a symbolic link.
    #[error(transparent)]
    Symlink(#[from] crate::fsio::SymlinkInTheWay),
    /// Any other I/O failure, with its path.
    #[error("{path} を処理できません: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A goal file changed (or went) between being checked and its page being made.
    #[error(
        "{} がビルドの途中で変更されました（検査した内容とページにする内容が違います）。保存が終わってから、もう一度ビルドしてください。出力フォルダーは変更していません", .0.display()
    )]
    ChangedDuringBuild(PathBuf),
    /// `hyoka serve` could not listen because another program uses the port.
    #[error(
        "{addr} は他のプログラムが使っています。--port で別の番号を指定するか（例: --port 8081）、そのプログラムを終了してください"
    )]
    PortInUse {
        /// The address asked for.
        addr: String,
    },
    /// `hyoka serve` could not listen for another reason.
    #[error("{addr} で待ち受けできません: {source}。--bind と --port を確認してください")]
    Listen {
        /// The address asked for.
        addr: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file watcher of `hyoka serve` could not start.
    #[error("{} の変更を監視できません: {source}", path.display())]
    Watch {
        /// The folder to watch.
        path: PathBuf,
        /// The watcher's error.
        source: notify::Error,
    },
    /// `hyoka new` or `hyoka init` would replace a file that is already there.
    #[error("{} はすでにあります。上書きはしません。別の名前を指定するか、今のファイルを編集してください", .0.display())]
    Exists(PathBuf),
    /// `hyoka init` was given a folder that already holds files.
    #[error("{} は空ではありません。新しい（空の）フォルダーを指定してください", .0.display())]
    NotEmpty(PathBuf),
    /// A name given on the command line cannot be a URL slug.
    #[error("「{given}」は使えません: {reason}")]
    BadName {
        /// What was given.
        given: String,
        /// Why it cannot be used, and how to fix it.
        reason: String,
    },
    /// `hyoka build --pdf` found no Chromium to print the booklet with (the HTML build is
    /// in place).
    #[error(
        "冊子を PDF にできません: Chromium が見つかりません（PATH に chromium、chromium-browser、google-chrome、google-chrome-stable のどれもありません）。Chromium をインストールしてから（Debian・Ubuntu: sudo apt-get install chromium）、もう一度 hyoka build --pdf を実行してください。サイトと冊子の HTML は書き出しました（{}）。ブラウザーで開いて印刷することもできます",
        .html.display()
    )]
    NoChromium {
        /// The booklet's HTML in the output.
        html: PathBuf,
    },
    /// Chromium could not print the booklet (the HTML build is in place).
    #[error(
        "冊子を PDF にできませんでした: {detail}。サイトと冊子の HTML は書き出しました（{}）。ブラウザーで開いて印刷することもできます",
        .html.display()
    )]
    Pdf {
        /// What went wrong.
        detail: String,
        /// The booklet's HTML in the output.
        html: PathBuf,
    },
    /// An archetype of `hyoka new` / `hyoka init` is not a valid template.
    #[error(
        "雛形 {origin} を読めません: {detail}。テーマの archetypes フォルダーの {{{{ }}}} の書き方を確認してください"
    )]
    Archetype {
        /// Which archetype (file or built-in).
        origin: String,
        /// Tera's message.
        detail: String,
    },
}
