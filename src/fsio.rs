//! File reading that names its path and turns what Windows editors save into clean text:
//! UTF-8 with or without BOM, UTF-16 with BOM, CRLF or CR line ends, and Shift_JIS (CP932),
//! which is read with a warning telling staff to save as UTF-8.

use std::path::{Path, PathBuf};

/// Largest content file read; a report is a few kilobytes, and a larger file is a mistake
/// (or an attack) that must not make the tool use unbounded memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

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

/// Reads a file's bytes, refusing files over [`MAX_FILE_BYTES`] before reading them.
pub fn read_bytes(path: &Path) -> Result<Result<Vec<u8>, DecodeProblem>, FsError> {
    let meta = std::fs::metadata(path).map_err(|source| FsError::Read {
        path: path.into(),
        source,
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Ok(Err(DecodeProblem::TooLarge(meta.len())));
    }
    std::fs::read(path).map(Ok).map_err(|source| FsError::Read {
        path: path.into(),
        source,
    })
}

/// Reads a text file (see [`decode`]).
pub fn read_text(path: &Path) -> Result<Result<Decoded, DecodeProblem>, FsError> {
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

/// Every regular file under `dir` as (path relative to `dir` with `/` between names, full
/// path), sorted by name at every level. Symbolic links are not followed (a linked file is
/// left out, so nothing outside `dir` is read through one), and files whose name starts
/// with `.` (`.DS_Store`, an editor's `.#draft`) are left out; folders are entered whatever
/// their name, so `static/.well-known/security.txt` is published. A missing `dir` has no
/// files.
pub fn walk_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, FsError> {
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
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
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
