//! Why the output could not be checked or written: one typed error for the folder checks
//! (`target`) and the staged write (`staged`), each
//! variant carrying its path and a Japanese message that says what to do.

use std::io;
use std::path::PathBuf;

use super::plan::PlanError;

/// Why the output could not be checked or written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A path could not be made absolute, canonicalised or inspected.
    #[error(
        "出力先「{path}」を確認できませんでした（{source}）。パスが正しいか、アクセス権があるかを確認してください"
    )]
    Resolve {
        /// The path that could not be resolved.
        path: PathBuf,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// The output directory is the file system root.
    #[error(
        "出力先「{path}」はファイルシステムのルートです。サイト内の public/ など専用のディレクトリを指定してください"
    )]
    FilesystemRoot {
        /// The resolved output directory.
        path: PathBuf,
    },
    /// The output directory is the home directory or one of its ancestors.
    #[error(
        "出力先「{path}」はホームディレクトリ「{home}」そのものか、それを含んでいます。専用のディレクトリ（例: サイト内の public/）を指定してください"
    )]
    ContainsHome {
        /// The resolved output directory.
        path: PathBuf,
        /// The resolved home directory.
        home: PathBuf,
    },
    /// The output directory is the site root itself.
    #[error(
        "出力先「{path}」がサイトのルートと同じです。出力すると原稿や設定が消えてしまいます。public/ など別のディレクトリを指定してください"
    )]
    SiteRoot {
        /// The resolved output directory.
        path: PathBuf,
    },
    /// The output directory is an ancestor of the site root.
    #[error(
        "出力先「{path}」がサイトのルート「{root}」を含んでいます。出力するとサイト全体が消えてしまいます。サイト内の public/ などを指定してください"
    )]
    ContainsSiteRoot {
        /// The resolved output directory.
        path: PathBuf,
        /// The resolved site root.
        root: PathBuf,
    },
    /// The output directory is, is inside, or contains `content/`, `themes/` or `static/`.
    #[error(
        "出力先「{path}」がサイトの原稿・テーマ・静的ファイルのディレクトリ「{protected}」と重なっています。別のディレクトリ（例: public/）を指定してください"
    )]
    OverlapsSources {
        /// The resolved output directory.
        path: PathBuf,
        /// The protected source directory it overlaps.
        protected: PathBuf,
    },
    /// The output path has no parent or no final name (e.g. ends in `..` or is a root).
    #[error(
        "出力先「{path}」の名前を決められません（「..」やルートで終わっています）。ディレクトリ名まで含めて指定してください"
    )]
    InvalidOutput {
        /// The offending output path.
        path: PathBuf,
    },
    /// The output path is a symbolic link.
    #[error(
        "出力先「{path}」はシンボリックリンクです。安全のため書き込みません。リンクを削除するか、実際のディレクトリを指定してください"
    )]
    OutputIsSymlink {
        /// The output path.
        path: PathBuf,
    },
    /// The output path exists but is not a directory.
    #[error(
        "出力先「{path}」はディレクトリではなくファイルです。そのファイルを移動するか、別の出力先を指定してください"
    )]
    OutputNotDir {
        /// The output path.
        path: PathBuf,
    },
    /// The output directory holds files that no build wrote: replacing it would delete them.
    #[error(
        "出力先「{path}」には、hyoka が書き出したものではないファイルがあります。出力先は中身ごと置き換えるため、空のフォルダーか、以前に hyoka が書き出したフォルダーを指定してください"
    )]
    ForeignContents {
        /// The output directory.
        path: PathBuf,
    },
    /// The plan cannot be written because a planned file is also needed as a directory.
    #[error("出力先「{path}」に書き込めません: {source}")]
    InvalidPlan {
        /// The output directory.
        path: PathBuf,
        /// The conflict found in the plan.
        source: PlanError,
    },
    /// A file's path was refused (not clean, or written twice).
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// A directory (output parent, staging dir or subdirectory) could not be created.
    #[error(
        "ディレクトリ「{path}」を作成できませんでした（{source}）。権限とディスク容量を確認してください"
    )]
    CreateDir {
        /// The directory that could not be created.
        path: PathBuf,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// A file could not be written into the staging directory.
    #[error(
        "ファイル「{path}」を書き込めませんでした（{source}）。権限とディスク容量を確認してください"
    )]
    WriteFile {
        /// The file that could not be written.
        path: PathBuf,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// A leftover staging or old-output directory from an earlier run could not be removed.
    #[error(
        "古い作業ディレクトリ「{path}」を削除できませんでした（{source}）。手動で削除してから再実行してください"
    )]
    RemoveStale {
        /// The leftover path that could not be removed.
        path: PathBuf,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// Moving the previous output aside, or the staging directory into place, failed.
    #[error(
        "「{path}」を「{to}」に移動できませんでした（{source}）。出力先は変更されていません。権限を確認して再実行してください"
    )]
    Rename {
        /// The path being renamed.
        path: PathBuf,
        /// The intended new path.
        to: PathBuf,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// The new output is in place but the previous output could not be removed.
    #[error(
        "新しい出力は書き込まれましたが、以前の出力「{path}」を削除できませんでした（{source}）。手動で削除してください"
    )]
    RemoveOld {
        /// The renamed previous output that is left behind.
        path: PathBuf,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// The disk (or the user's quota) is full: nothing was swapped, and what this build had
    /// written is removed again.
    #[error(
        "ディスクの空きが足りないため「{path}」を書き込めませんでした（{source}）。出力先は前回のまま変わっていません（書きかけのファイルは消しました）。ディスクの空きを増やしてから、もう一度実行してください（出力先と同じくらいの空きが要ります）"
    )]
    DiskFull {
        /// The file or folder that could not be written.
        path: PathBuf,
        /// The underlying I/O error.
        source: io::Error,
    },
    /// Files someone put into the output are where this build writes its own.
    #[error(
        "出力先「{path}」の次のファイルは hyoka が書いたものではありませんが、今回の build が同じ名前（またはその上のフォルダー）に書き出します: {listed}。出力先は変更していません。残すなら static/ に移すか名前を変え、要らなければ消してから、もう一度実行してください"
    )]
    ForeignInTheWay {
        /// The output directory.
        path: PathBuf,
        /// The files in the way, relative to the output.
        files: Vec<String>,
        /// The first of them, for the message.
        listed: String,
    },
}

impl WriteError {
    /// A file could not be written: [`WriteError::DiskFull`] when the disk is full.
    pub fn write_file(path: PathBuf, source: io::Error) -> Self {
        if is_disk_full(&source) {
            WriteError::DiskFull { path, source }
        } else {
            WriteError::WriteFile { path, source }
        }
    }

    /// A folder could not be made: [`WriteError::DiskFull`] when the disk is full.
    pub fn create_dir(path: PathBuf, source: io::Error) -> Self {
        if is_disk_full(&source) {
            WriteError::DiskFull { path, source }
        } else {
            WriteError::CreateDir { path, source }
        }
    }

    /// Foreign files in the way of `files` of this build, in `output`.
    pub fn foreign_in_the_way(path: PathBuf, files: Vec<String>) -> Self {
        const SHOWN: usize = 10;
        let mut listed = files
            .iter()
            .take(SHOWN)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("、");
        if files.len() > SHOWN {
            listed += &format!(" ほか {} 件", files.len() - SHOWN);
        }
        WriteError::ForeignInTheWay {
            path,
            files,
            listed,
        }
    }
}

/// No space left on the device, or the user's disk quota is used up.
fn is_disk_full(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}
