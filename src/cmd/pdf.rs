//! `hyoka build --pdf`: the booklet (`report/index.html`, still in the build's staging
//! folder) printed to PDF by a headless Chromium found on `PATH`. Chromium writes into a
//! temporary folder of its own (with its own profile, removed afterwards); the PDF's bytes
//! then go into the output like every other file, through the staged write. The process
//! has a time limit and is killed when it passes it.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Where the PDF goes in the output.
pub const PDF_PATH: &str = "report/report.pdf";

/// The page printed (the booklet), in the output.
pub const REPORT_FILE: &str = "report/index.html";

/// The programs looked for on `PATH`, in this order.
pub const BROWSERS: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The longest Chromium may take to print the booklet.
pub const PRINT_LIMIT: Duration = Duration::from_secs(300);

/// The first of [`BROWSERS`] that `PATH` has as an executable file.
pub fn find_chromium() -> Option<PathBuf> {
    find_chromium_in(&std::env::var_os("PATH")?)
}

/// The first of [`BROWSERS`] in the folders of `path` (a `PATH` value).
fn find_chromium_in(path: &std::ffi::OsStr) -> Option<PathBuf> {
    let dirs: Vec<PathBuf> = std::env::split_paths(path).collect();
    BROWSERS.iter().find_map(|name| {
        dirs.iter()
            .map(|dir| dir.join(name))
            .find(|candidate| is_executable(candidate))
    })
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// Whether this process runs as root (Chromium's sandbox then refuses to start).
fn is_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Prints the HTML file `page` to PDF with `chromium`, within `limit`; the PDF's bytes, or
/// what went wrong (Japanese, for the message of `Error::Pdf`).
pub fn print_to_pdf(chromium: &Path, page: &Path, limit: Duration) -> Result<Vec<u8>, String> {
    let temp = tempfile::Builder::new()
        .prefix("hyoka-pdf")
        .tempdir()
        .map_err(|e| format!("一時フォルダーを作れません（{e}）"))?;
    let pdf = temp.path().join("report.pdf");
    let log_path = temp.path().join("chromium.log");
    let log = File::create(&log_path).map_err(|e| format!("一時ファイルを作れません（{e}）"))?;
    let mut command = Command::new(chromium);
    command
        .arg("--headless")
        .arg("--disable-gpu")
        .arg("--no-first-run")
        .arg("--no-default-browser-check")
        .arg("--disable-extensions")
        .arg("--no-pdf-header-footer")
        .arg(format!(
            "--user-data-dir={}",
            temp.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()));
    if is_root() {
        command.arg("--no-sandbox");
    }
    command
        .arg(file_url(page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
    let mut child = command
        .spawn()
        .map_err(|e| format!("{} を起動できません（{e}）", chromium.display()))?;
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{} が {} 秒たっても終わらないため止めました",
                    chromium.display(),
                    limit.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{} の終了を待てません（{e}）", chromium.display()));
            }
        }
    };
    let last_line = || {
        std::fs::read_to_string(&log_path)
            .ok()
            .and_then(|log| {
                log.lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .map(str::to_string)
            })
            .map(|l| format!("。最後のメッセージ: {l}"))
            .unwrap_or_default()
    };
    if !status.success() {
        return Err(format!(
            "{} が失敗しました（{status}）{}",
            chromium.display(),
            last_line()
        ));
    }
    match std::fs::read(&pdf) {
        Ok(bytes) if bytes.starts_with(b"%PDF-") => Ok(bytes),
        _ => Err(format!(
            "{} が PDF を書き出しませんでした{}",
            chromium.display(),
            last_line()
        )),
    }
}

/// `file://` URL of the absolute path `path` (bytes other than unreserved ones and `/`
/// percent-encoded: Japanese folder names, spaces).
fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_encode_what_is_not_plain() {
        assert_eq!(
            file_url(Path::new("/tmp/毛呂山 町/report/index.html")),
            "file:///tmp/%E6%AF%9B%E5%91%82%E5%B1%B1%20%E7%94%BA/report/index.html"
        );
    }

    #[test]
    fn browsers_are_found_only_as_executable_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().as_os_str();
        assert_eq!(find_chromium_in(path), None);
        // A file of the right name that is not executable does not count.
        let chrome = dir.path().join("google-chrome");
        std::fs::write(&chrome, "").expect("write");
        assert_eq!(find_chromium_in(path), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&chrome, std::fs::Permissions::from_mode(0o755))
                .expect("chmod");
            assert_eq!(find_chromium_in(path), Some(chrome.clone()));
            // chromium comes first.
            let chromium = dir.path().join("chromium");
            std::fs::write(&chromium, "").expect("write");
            std::fs::set_permissions(&chromium, std::fs::Permissions::from_mode(0o755))
                .expect("chmod");
            assert_eq!(find_chromium_in(path), Some(chromium));
        }
    }
}
