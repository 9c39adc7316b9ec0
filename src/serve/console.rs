//! What `hyoka serve` tells the terminal, in Japanese: which files changed, what each
//! rebuild did, every error of a failed build (the same text as `hyoka check`).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::state::{Failure, Rebuilt};

/// Rebuild messages for the terminal, in Japanese.
pub(crate) struct Console {
    /// Where messages go (stderr).
    pub out: Box<dyn Write + Send>,
}

impl Console {
    /// Says the first build has begun (a large site takes seconds).
    pub(super) fn building(&mut self) {
        let _ = writeln!(self.out, "サイトを作っています…");
        let _ = self.out.flush();
    }

    /// Names the files that changed.
    pub(super) fn changed(&mut self, paths: &[PathBuf], root: &Path) {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let names: Vec<String> = paths
            .iter()
            .take(3)
            .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
            .collect();
        let more = paths.len().saturating_sub(names.len());
        let more = if more > 0 {
            format!(" ほか{more}件")
        } else {
            String::new()
        };
        let _ = writeln!(self.out, "変更: {}{more}", names.join("、"));
    }

    /// Says what a rebuild did: files updated, or every error.
    pub(super) fn report(&mut self, rebuilt: &Rebuilt) {
        let ms = rebuilt.elapsed.as_millis();
        match &rebuilt.failure {
            None if rebuilt.site_wide && rebuilt.changed == 0 => {}
            None if rebuilt.site_wide => {
                let _ = writeln!(
                    self.out,
                    "一覧とデータも更新しました: {}ファイル（{ms} ms）",
                    rebuilt.changed
                );
            }
            None if rebuilt.first => {
                let _ = writeln!(
                    self.out,
                    "サイトを作りました: {}ファイル（{ms} ms、警告 {}件。一覧は hyoka check で）",
                    rebuilt.changed,
                    rebuilt.warnings.len()
                );
            }
            None if rebuilt.recovered => {
                let _ = writeln!(
                    self.out,
                    "直りました: サイトを表示しています（{ms} ms、警告 {}件）",
                    rebuilt.warnings.len()
                );
            }
            None => {
                let _ = writeln!(
                    self.out,
                    "更新しました: {}ファイル（{ms} ms、警告 {}件）",
                    rebuilt.changed,
                    rebuilt.warnings.len()
                );
            }
            Some(Failure::Content(errors)) => {
                for d in errors {
                    let _ = write!(self.out, "{}", d.render());
                }
                let _ = writeln!(
                    self.out,
                    "エラー {}件: 直すまでブラウザーにはエラーの一覧を表示します（{ms} ms）",
                    errors.len()
                );
            }
            Some(Failure::Fatal(message)) => {
                let _ = writeln!(self.out, "hyoka: エラー: {message}");
            }
        }
        let _ = self.out.flush();
    }
}
