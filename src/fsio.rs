//! File reading that names its path and turns what Windows editors save into clean text:
//! UTF-8 with or without BOM, UTF-16 with BOM, CRLF or CR line ends, and Shift_JIS (CP932),
//! which is read with a warning telling staff to save as UTF-8.

use std::path::{Path, PathBuf};

/// Largest content file read; a report is a few kilobytes, and a larger file is a mistake
/// (or an attack) that must not make the tool use unbounded memory.
pub(crate) const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// An I/O failure, with the path.
#[derive(Debug, thiserror::Error)]
pub enum FsError {
    /// The file could not be read.
    #[error("{path} を読めません: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A file hyoka publishes or renders (static/, a theme's templates) is a FIFO, socket or
    /// device: reading it would block or never end. (The code in the text is diag's
    /// `Code::NotAFile`, written out: fsio is below diag.)
    #[error(
        "{}: 通常のファイルではありません（{kind}）。読み込まずに止めました。このファイルを削除してください [E-NOT-A-FILE]",
        path.display()
    )]
    NotAFile {
        /// The file.
        path: PathBuf,
        /// What it is, in staff's words.
        kind: &'static str,
    },
    /// A theme's template is larger than [`MAX_FILE_BYTES`].
    #[error(
        "{}: ファイルが大きすぎます（{size}バイト、{} MiB まで） [E-TOO-LARGE]",
        path.display(),
        MAX_FILE_BYTES / 1024 / 1024
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
    },
}

/// How a file's bytes were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a BOM, if any, removed).
    Utf8,
    /// UTF-16 with a BOM.
    Utf16,
    /// Shift_JIS / CP932, detected.
    ShiftJis,
}

/// Why a file's bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeProblem {
    /// Contains NUL bytes or is not decodable: an image, a Word file …
    Binary,
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge(u64),
    /// Not a regular file: a FIFO, a socket or a device, which would block or never end.
    NotAFile(&'static str),
}

/// Decoded text with what was done to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with `\n` line ends and no BOM.
    pub text: String,
    /// The encoding found.
    pub encoding: Encoding,
    /// True when the file had CRLF or CR line ends.
    pub had_crlf: bool,
    /// True when the file started with a BOM.
    pub had_bom: bool,
}

/// Reads a file's bytes, refusing files over [`MAX_FILE_BYTES`] and anything that is not a
/// regular file. The file is opened without blocking (a FIFO with no writer would wait
/// forever) and checked on the opened handle, so it cannot be swapped for something else
/// between the check and the read; at most one byte past the limit is ever read.
pub(crate) fn read_bytes(path: &Path) -> Result<Result<Vec<u8>, DecodeProblem>, FsError> {
    read_bytes_up_to(path, MAX_FILE_BYTES)
}

/// Reads a file the site publishes or renders (a static file, a theme's template), opened
/// as [`read_bytes`] opens it: a FIFO, socket or device is [`FsError::NotAFile`] at once
/// instead of a build that waits forever. Files larger than `max` are
/// [`FsError::TooLarge`] (static files, PDFs of the plan among them, have no limit:
/// `u64::MAX`).
pub(crate) fn read_file(path: &Path, max: u64) -> Result<Vec<u8>, FsError> {
    match read_bytes_up_to(path, max)? {
        Ok(bytes) => Ok(bytes),
        Err(DecodeProblem::NotAFile(kind)) => Err(FsError::NotAFile {
            path: path.into(),
            kind,
        }),
        Err(DecodeProblem::TooLarge(size)) => Err(FsError::TooLarge {
            path: path.into(),
            size,
        }),
        Err(DecodeProblem::Binary) => unreachable!("bytes are not decoded"),
    }
}

fn read_bytes_up_to(path: &Path, max: u64) -> Result<Result<Vec<u8>, DecodeProblem>, FsError> {
    use std::io::Read;
    let error = |source| FsError::Read {
        path: path.into(),
        source,
    };
    let file = open_without_blocking(path).map_err(error)?;
    let meta = file.metadata().map_err(error)?;
    if !meta.is_file() {
        return Ok(Err(DecodeProblem::NotAFile(kind_of(&meta.file_type()))));
    }
    if meta.len() > max {
        return Ok(Err(DecodeProblem::TooLarge(meta.len())));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(error)?;
    if bytes.len() as u64 > max {
        // It grew while being read.
        return Ok(Err(DecodeProblem::TooLarge(bytes.len() as u64)));
    }
    Ok(Ok(bytes))
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC;
    Ok(rustix::fs::open(path, flags, Mode::empty())?.into())
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// What a non-regular file is, in staff's words.
fn kind_of(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "名前付きパイプ（FIFO）";
        }
        if kind.is_socket() {
            return "ソケット";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "デバイス";
        }
    }
    if kind.is_dir() {
        return "フォルダー";
    }
    "通常のファイルではないもの"
}

/// A folder or file on the way to a file hyoka would write is a symbolic link: writing
/// through it could put the file outside the site, so nothing is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{} はシンボリックリンクです。サイトの外に書き込むおそれがあるため、書き込みません（リンクではなく本物のフォルダーにしてください）",
    .0.display()
)]
pub struct SymlinkInTheWay(pub PathBuf);

/// Checks every part of `rel` (a path relative to `root`, which may itself be a link the
/// user chose) that exists: none may be a symbolic link.
pub(crate) fn refuse_symlinks(root: &Path, rel: &Path) -> Result<(), SymlinkInTheWay> {
    let mut walked = PathBuf::new();
    for part in rel.components() {
        walked.push(part);
        match std::fs::symlink_metadata(root.join(&walked)) {
            Ok(meta) if meta.file_type().is_symlink() => return Err(SymlinkInTheWay(walked)),
            Ok(_) => {}
            // Missing: nothing further down exists either.
            Err(_) => return Ok(()),
        }
    }
    Ok(())
}

/// Reads a text file (see [`decode`]).
pub(crate) fn read_text(path: &Path) -> Result<Result<Decoded, DecodeProblem>, FsError> {
    Ok(read_bytes(path)?.and_then(|bytes| decode(&bytes)))
}

/// Turns bytes into clean text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeProblem> {
    let (text, encoding, had_bom) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8(rest)?, Encoding::Utf8, true)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        if had_errors {
            return Err(DecodeProblem::Binary);
        }
        (text.into_owned(), Encoding::Utf16, true)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (checked(text)?, Encoding::Utf8, false)
    } else {
        (shift_jis(bytes)?, Encoding::ShiftJis, false)
    };
    let had_crlf = text.contains('\r');
    let text = if had_crlf {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(Decoded {
        text,
        encoding,
        had_crlf,
        had_bom,
    })
}

fn utf8(bytes: &[u8]) -> Result<String, DecodeProblem> {
    std::str::from_utf8(bytes)
        .map_err(|_| DecodeProblem::Binary)
        .and_then(checked)
}

fn checked(text: &str) -> Result<String, DecodeProblem> {
    if text.contains('\0') {
        return Err(DecodeProblem::Binary);
    }
    Ok(text.to_string())
}

/// Not UTF-8: accept it only if chardetng says Japanese and Shift_JIS decodes it cleanly.
fn shift_jis(bytes: &[u8]) -> Result<String, DecodeProblem> {
    if bytes.contains(&0) {
        return Err(DecodeProblem::Binary);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"jp"), true);
    if guess != encoding_rs::SHIFT_JIS && guess != encoding_rs::EUC_JP {
        return Err(DecodeProblem::Binary);
    }
    let (text, had_errors) = guess.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(DecodeProblem::Binary);
    }
    checked(&text)
}

/// Every file under `dir` as (path relative to `dir` with `/` between names, full path),
/// sorted by name at every level. A FIFO, socket or device is listed too, so that reading it
/// ([`read_file`]) stops the build with `E-NOT-A-FILE` instead of leaving it out unsaid. Symbolic links are not followed (a linked file is
/// left out, so nothing outside `dir` is read through one), and files whose name starts
/// with `.` (`.DS_Store`, an editor's `.#draft`) are left out; folders are entered whatever
/// their name, so `static/.well-known/security.txt` is published. A missing `dir` has no
/// files.
pub(crate) fn walk_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, FsError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| FsError::Read {
            path: e
                .path()
                .map_or_else(|| dir.to_path_buf(), Path::to_path_buf),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("ループするリンクがあります")),
        })?;
        let kind = entry.file_type();
        if kind.is_dir()
            || kind.is_symlink()
            || entry.file_name().to_string_lossy().starts_with('.')
        {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let names: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        files.push((names.join("/"), entry.into_path()));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        assert_eq!(
            read_bytes(&fifo).unwrap(),
            Err(DecodeProblem::NotAFile("名前付きパイプ（FIFO）"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_instead_of_read_until_memory_runs_out() {
        // /dev/zero's metadata says 0 bytes; reading it never ends.
        assert_eq!(
            read_bytes(Path::new("/dev/zero")).unwrap(),
            Err(DecodeProblem::NotAFile("デバイス"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_anywhere_on_the_way_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/kikaku")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("content/somu")).unwrap();
        assert_eq!(
            refuse_symlinks(dir.path(), Path::new("content/somu/a.md")),
            Err(SymlinkInTheWay(PathBuf::from("content/somu")))
        );
        assert_eq!(
            refuse_symlinks(dir.path(), Path::new("content/kikaku/a.md")),
            Ok(())
        );
        assert_eq!(
            refuse_symlinks(dir.path(), Path::new("content/new/a.md")),
            Ok(())
        );
        let file = dir.path().join("content/kikaku/link.md");
        std::os::unix::fs::symlink("/etc/passwd", &file).unwrap();
        assert!(refuse_symlinks(dir.path(), Path::new("content/kikaku/link.md")).is_err());
    }

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "---\ntitle: a\n---\n").unwrap();
        assert_eq!(read_bytes(&file).unwrap().unwrap(), b"---\ntitle: a\n---\n");
    }

    #[test]
    fn bom_and_crlf_are_removed() {
        let d = decode("\u{feff}---\r\ntitle: 総務課\r\n---\r\n".as_bytes()).unwrap();
        assert_eq!(d.text, "---\ntitle: 総務課\n---\n");
        assert!(d.had_bom && d.had_crlf);
        assert_eq!(d.encoding, Encoding::Utf8);
    }

    #[test]
    fn shift_jis_is_read() {
        let (bytes, _, _) =
            encoding_rs::SHIFT_JIS.encode("---\ntitle: 地域コミュニティの推進\n---\n本文です。\n");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, Encoding::ShiftJis);
        assert!(d.text.contains("地域コミュニティの推進"));
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "総務課".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "総務課");
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0"),
            Err(DecodeProblem::Binary)
        );
        assert_eq!(decode(b"a\0b"), Err(DecodeProblem::Binary));
    }

    #[test]
    fn files_in_name_order_without_hidden_files_or_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "b.txt",
            "a/z.css",
            "a/.DS_Store",
            ".well-known/security.txt",
            "a/b/c.js",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("b.txt"), root.join("link.txt")).unwrap();
        let found: Vec<String> = walk_files(root)
            .unwrap()
            .into_iter()
            .map(|(r, _)| r)
            .collect();
        assert_eq!(
            found,
            [".well-known/security.txt", "a/b/c.js", "a/z.css", "b.txt"]
        );
        assert!(walk_files(&root.join("missing")).unwrap().is_empty());
    }
}
