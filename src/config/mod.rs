//! `config.toml` → [`Config`]: read with serde (unknown keys refused, with line and column),
//! the command line's [`Overrides`] put in place of the values they replace, then checked
//! (an override as strictly as the file, its findings naming the flag) and completed (base
//! URL with a trailing slash, its sub-path, the licence).

pub(crate) mod scale;

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::assessment::Grade;
use crate::model::fiscal_year::FiscalYear;
use crate::model::plan::Plan;

/// The default licence of the open data (公共データ利用規約 第1.0版, CC BY 4.0 compatible).
pub(crate) const DEFAULT_LICENSE: &str = "公共データ利用規約（第1.0版）";
/// Where the default licence is published.
pub(crate) const DEFAULT_LICENSE_URL: &str =
    "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: Spanned<String>,
    municipality: String,
    language: Option<Spanned<String>>,
    #[serde(default = "default_theme")]
    theme: String,
    description: Option<String>,
    municipality_code: Option<Spanned<String>>,
    as_of: Option<Spanned<toml::Value>>,
    #[serde(default)]
    unsafe_html: bool,
    license: Option<String>,
    license_url: Option<String>,
    #[serde(default)]
    proofreading: std::collections::BTreeMap<String, Spanned<toml::Value>>,
    // The town's own judgement and plan (§8.2–§8.4): checked in config::scale.
    population: Option<u64>,
    #[serde(default)]
    grades: Vec<scale::RawGrade>,
    #[serde(default)]
    plan: Vec<scale::RawPlanNode>,
    #[serde(default)]
    editions: Vec<RawEdition>,
}

/// One `[[editions]]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEdition {
    tag: Spanned<String>,
    label: String,
}

fn default_theme() -> String {
    "default".into()
}

/// Site settings, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// Absolute base URL, always ending in `/` (`https://example.jp/hyoka/`).
    pub base_url: String,
    /// The path part of the base URL (`/hyoka/`), for the 404 page's links.
    pub base_path: String,
    /// 自治体名.
    pub municipality: String,
    /// `ja`.
    pub language: String,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// Site description for the home page's meta description.
    pub description: Option<String>,
    /// 全国地方公共団体コード (6 digits, check digit verified).
    pub municipality_code: Option<String>,
    /// The year whose actuals are reported; `None` = latest actual in content.
    pub as_of: Option<FiscalYear>,
    /// Raw HTML in Markdown passes through when true.
    pub unsafe_html: bool,
    /// Open data licence name.
    pub license: String,
    /// Open data licence URL.
    pub license_url: String,
    /// Proofreading rules turned off or on by id (`rule-id = false`).
    pub proofreading: Vec<(String, bool)>,
    /// 人口, for the cost per resident (住民1人当たり).
    pub population: Option<u64>,
    /// The town's grade scale (`[[grades]]`), best first.
    pub grades: Vec<Grade>,
    /// 施策体系 (`[[plan]]`).
    pub plan: Plan,
    /// 過去の版 (`[[editions]]`), in written order.
    pub editions: Vec<Edition>,
}

/// One `[[editions]]` entry: a git tag whose content is built into `/archive/<tag>/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// The git tag (`r6`).
    pub tag: String,
    /// Its name on the pages (`令和6年度版`).
    pub label: String,
    /// Where `tag` was written in config.toml: 1-based line and character column.
    pub line: usize,
    /// See `line`.
    pub column: usize,
    /// That line's text, for messages.
    pub source_line: String,
}

/// Values given on the command line in place of config.toml's (`hyoka build --base-url`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `--base-url`: the site's base URL.
    pub base_url: Option<String>,
}

/// Where a setting was written: at a byte range of config.toml, or by a command-line flag.
#[derive(Debug, Clone)]
enum Origin {
    File(std::ops::Range<usize>),
    Flag(&'static str),
}

/// config.toml's text and path, for findings at the place a value was written.
struct Source<'a> {
    text: &'a str,
    path: &'a Path,
}

impl Source<'_> {
    /// An error about the setting `key` written at `origin`; `message` follows the name
    /// the user wrote (the key in the file, or the flag).
    fn error(
        &self,
        code: Code,
        key: &str,
        origin: &Origin,
        message: impl std::fmt::Display,
        help: impl Into<String>,
    ) -> Diagnostic {
        match origin {
            Origin::File(span) => {
                let (line, column) = line_col(self.text, span.start);
                Diagnostic::error(code, self.path, line, column, format!("{key}{message}"))
                    .with_source_line(self.text.lines().nth(line - 1))
            }
            Origin::Flag(flag) => Diagnostic::error(
                code,
                Path::new(COMMAND_LINE),
                0,
                0,
                format!("{flag} に指定した値{message}"),
            ),
        }
        .with_help(help)
    }
}

/// The "file" of a finding about a command-line flag.
const COMMAND_LINE: &str = "コマンドライン";

impl Config {
    /// Parses and checks `config.toml` text; `path` is used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Diagnostics> {
        Self::parse_with(text, path, &Overrides::default())
    }

    /// [`Config::parse`] with the command line's `overrides` in place of the values they
    /// replace, checked like them.
    pub fn parse_with(
        text: &str,
        path: &Path,
        overrides: &Overrides,
    ) -> Result<Config, Diagnostics> {
        let mut diags = Diagnostics::new();
        let raw: RawConfig = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
                diags.push(
                    Diagnostic::error(Code::Config, path, line, col, toml_message(&e))
                        .with_source_line(text.lines().nth(line - 1))
                        .with_help(toml_suggestion(&e).unwrap_or_else(|| "config.toml の書き方は README.md の「config.toml」を参照してください（キー名の綴り、文字列の引用符を確認）".into())),
                );
                return Err(diags);
            }
        };
        let source = Source { text, path };
        let (written_base_url, base_url_origin) = match &overrides.base_url {
            Some(url) => (url.clone(), Origin::Flag("--base-url")),
            None => (
                raw.base_url.get_ref().clone(),
                Origin::File(raw.base_url.span()),
            ),
        };
        let base_url = normalize_base_url(&written_base_url);
        if let Some((problem, help)) = base_url_problem(&base_url) {
            diags.push(source.error(
                Code::ConfigBaseUrl,
                "base_url",
                &base_url_origin,
                format_args!("「{written_base_url}」{problem}"),
                help,
            ));
        }
        let language = match raw.language {
            Some(language) => {
                if language.get_ref() != "ja" {
                    diags.push(source.error(
                        Code::ConfigLanguage,
                        "language",
                        &Origin::File(language.span()),
                        format_args!("「{}」には対応していません", language.get_ref()),
                        "language = \"ja\" と書いてください",
                    ));
                }
                language.into_inner()
            }
            None => "ja".to_string(),
        };
        if let Some(code) = &raw.municipality_code
            && !municipality_code_is_valid(code.get_ref())
        {
            diags.push(source.error(
                Code::ConfigCode,
                "municipality_code",
                &Origin::File(code.span()),
                format_args!(
                    "「{}」は全国地方公共団体コードとして正しくありません",
                    code.get_ref()
                ),
                "6桁（検査数字付き）で書いてください。例: 毛呂山町は \"113263\"",
            ));
        }
        let as_of = match &raw.as_of {
            None => None,
            Some(v) => {
                let text_value = match v.get_ref() {
                    toml::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                match FiscalYear::parse(&text_value) {
                    Ok(y) => Some(y),
                    Err(e) => {
                        diags.push(source.error(
                            Code::ConfigAsOf,
                            "as_of",
                            &Origin::File(v.span()),
                            format_args!(": {e}"),
                            e.help(),
                        ));
                        None
                    }
                }
            }
        };
        let mut proofreading = Vec::new();
        for (rule, value) in &raw.proofreading {
            match value.get_ref().as_bool() {
                Some(on) => proofreading.push((rule.clone(), on)),
                None => diags.push(source.error(
                    Code::Config,
                    "[proofreading] の ",
                    &Origin::File(value.span()),
                    format_args!("{rule} は true か false で書いてください"),
                    format!("{rule} = false と書くと、その校正ルールを使いません"),
                )),
            }
        }
        let population = scale::read_population(raw.population, text, path, &mut diags);
        let grades = scale::read_grades(&raw.grades, text, path, &mut diags);
        let plan = scale::read_plan(&raw.plan, text, path, &mut diags);
        let editions = read_editions(raw.editions, &source, &mut diags);
        if diags.has_errors() {
            return Err(diags);
        }
        let base_path = base_path_of(&base_url);
        let municipality_code = raw.municipality_code.map(Spanned::into_inner);
        Ok(Config {
            title: raw.title,
            base_url,
            base_path,
            municipality: raw.municipality,
            language,
            theme: raw.theme,
            description: raw.description,
            municipality_code,
            as_of,
            unsafe_html: raw.unsafe_html,
            license: raw.license.unwrap_or_else(|| DEFAULT_LICENSE.into()),
            license_url: raw
                .license_url
                .unwrap_or_else(|| DEFAULT_LICENSE_URL.into()),
            proofreading,
            population,
            grades,
            plan,
            editions,
        })
    }
}

/// `[[editions]]`, checked: a tag usable as one folder of the output (`/archive/<tag>/`),
/// written once, and a label.
fn read_editions(
    raw: Vec<RawEdition>,
    source: &Source<'_>,
    diags: &mut Diagnostics,
) -> Vec<Edition> {
    let mut editions: Vec<Edition> = Vec::new();
    for entry in raw {
        let span = entry.tag.span();
        let origin = Origin::File(span.clone());
        let tag = entry.tag.into_inner();
        let usable = !tag.is_empty()
            && tag != "."
            && tag != ".."
            && tag
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if !usable {
            diags.push(source.error(
                Code::ConfigEdition,
                "[[editions]] の tag",
                &origin,
                format_args!("「{tag}」はフォルダー名（/archive/<tag>/）に使えません"),
                "tag には英数字と - _ . だけの git タグ名（例: \"r6\"）を書いてください",
            ));
            continue;
        }
        if entry.label.trim().is_empty() {
            diags.push(source.error(
                Code::ConfigEdition,
                "[[editions]] の label ",
                &origin,
                format_args!("がありません（tag「{tag}」）"),
                "label = \"令和6年度版\" のように、ページに出す版の名前を書いてください",
            ));
            continue;
        }
        if editions.iter().any(|e| e.tag == tag) {
            diags.push(source.error(
                Code::ConfigEdition,
                "[[editions]] の tag",
                &origin,
                format_args!("「{tag}」が2回書かれています"),
                "同じ版は1回だけ書いてください",
            ));
            continue;
        }
        let (line, column) = line_col(source.text, span.start);
        editions.push(Edition {
            tag,
            label: entry.label,
            line,
            column,
            source_line: source.text.lines().nth(line - 1).unwrap_or("").to_string(),
        });
    }
    editions
}

/// What keeps `url` (with its trailing `/`) from being the site's base URL, and the fix;
/// `None` when it can be one: an absolute `http://` or `https://` URL with a host, no user
/// name, query or fragment, and no character that must not stand bare in a URL or an HTML
/// attribute (every link and the canonical URL of each page begin with it).
fn base_url_problem(url: &str) -> Option<(String, &'static str)> {
    const ABSOLUTE: &str =
        "https://www.town.example.jp/hyoka/ のように https:// から書いてください";
    if let Some(c) = url
        .chars()
        .find(|&c| c.is_whitespace() || c.is_control() || "\"'<>\\^`{|}".contains(c))
    {
        let shown = if c.is_whitespace() || c.is_control() {
            format!("U+{:04X}", u32::from(c))
        } else {
            c.to_string()
        };
        return Some((
            format!("にURLに使えない文字（{shown}）があります"),
            "空白や引用符などを取り除いてください（必要なら %20 のように書きます）",
        ));
    }
    if url.contains('?') {
        return Some((
            "に「?」から後ろ（クエリ）が付いています".into(),
            "base_url にはサイトの置き場所だけを書き、? から後ろを消してください",
        ));
    }
    if url.contains('#') {
        return Some((
            "に「#」から後ろ（フラグメント）が付いています".into(),
            "base_url にはサイトの置き場所だけを書き、# から後ろを消してください",
        ));
    }
    let parsed = url.parse::<http::Uri>().ok();
    let authority = parsed.as_ref().and_then(http::Uri::authority);
    let absolute = (url.starts_with("https://") || url.starts_with("http://"))
        && authority.is_some_and(|a| !a.host().is_empty());
    if !absolute {
        return Some(("は絶対URLではありません".into(), ABSOLUTE));
    }
    if authority.is_some_and(|a| a.as_str().contains('@')) {
        return Some((
            "に利用者名（@ の前）が含まれています".into(),
            "公開するURLに利用者名やパスワードは書けません。@ までを消してください",
        ));
    }
    None
}

fn normalize_base_url(url: &str) -> String {
    let url = url.trim();
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

/// `https://example.jp/hyoka/` → `/hyoka/`.
fn base_path_of(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    after_scheme
        .find('/')
        .map_or("/".to_string(), |i| after_scheme[i..].to_string())
}

/// JIS X 0402 check digit: weights 6,5,4,3,2; (11 − sum mod 11) mod 10.
pub(crate) fn municipality_code_is_valid(code: &str) -> bool {
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 6 || code.len() != 6 {
        return false;
    }
    let sum: u32 = digits[..5]
        .iter()
        .zip([6, 5, 4, 3, 2])
        .map(|(d, w)| d * w)
        .sum();
    (11 - sum % 11) % 10 == digits[5]
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// 「もしかして」 for an unknown key: the closest of the keys the table allows (serde lists
/// them in its message), so `parnet` in `[[plan]]` suggests `parent`.
fn toml_suggestion(e: &toml::de::Error) -> Option<String> {
    let rest = e.message().strip_prefix("unknown field `")?;
    let (name, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    crate::diag::suggest(name, &expected).map(|s| format!("もしかして「{s}」ですか？"))
}
fn toml_message(e: &toml::de::Error) -> String {
    let msg = e.message();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return format!("config.toml に知らないキー「{name}」があります");
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return format!("config.toml に必須のキー「{name}」がありません");
    }
    format!("config.toml が読めません（{msg}）")
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "title = \"毛呂山町 行政評価\"\nbase_url = \"https://example.jp/hyoka\"\nmunicipality = \"毛呂山町\"\nmunicipality_code = \"113263\"\nas_of = \"令和6年度\"\n";

    #[test]
    fn parses_and_completes() {
        let c = Config::parse(OK, Path::new("config.toml")).unwrap();
        assert_eq!(c.base_url, "https://example.jp/hyoka/");
        assert_eq!(c.base_path, "/hyoka/");
        assert_eq!(c.as_of.map(FiscalYear::western), Some(2024));
        assert_eq!(c.license, DEFAULT_LICENSE);
        let overrides = Overrides {
            base_url: Some("http://127.0.0.1:1111".into()),
        };
        let o = Config::parse_with(OK, Path::new("config.toml"), &overrides).unwrap();
        assert_eq!(
            (o.base_url.as_str(), o.base_path.as_str()),
            ("http://127.0.0.1:1111/", "/")
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_their_line() {
        let text = format!("{OK}base_ur = \"x\"\n");
        let d = Config::parse(&text, Path::new("config.toml"))
            .unwrap_err()
            .sorted();
        assert_eq!(d[0].line, 6);
        assert!(d[0].message.contains("base_ur"), "{}", d[0].message);
        assert_eq!(d[0].help.as_deref(), Some("もしかして「base_url」ですか？"));
        let text = format!("{OK}[[plan]]\ncode = \"4\"\ntitle = \"安全\"\nparnet = \"1\"\n");
        let d = Config::parse(&text, Path::new("config.toml"))
            .unwrap_err()
            .sorted();
        assert_eq!(d[0].line, 9);
        assert_eq!(d[0].help.as_deref(), Some("もしかして「parent」ですか？"));
    }

    #[test]
    fn municipality_code_check_digit() {
        assert!(municipality_code_is_valid("113263"));
        assert!(!municipality_code_is_valid("113264"));
        assert!(!municipality_code_is_valid("11326"));
        let text = OK.replace("113263", "113260");
        assert!(Config::parse(&text, Path::new("config.toml")).is_err());
    }

    fn base_url_finding(text: &str, overrides: &Overrides) -> Diagnostic {
        let diags = Config::parse_with(text, Path::new("config.toml"), overrides).unwrap_err();
        let found = diags.sorted();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::ConfigBaseUrl.id());
        found[0].clone()
    }

    #[test]
    fn a_base_url_that_breaks_links_is_refused_in_the_file() {
        for bad in [
            "not a url",
            "javascript:alert(1)//",
            "https://example.jp/hyoka/?utm=1#top",
            "https://example.jp/hyoka/#top",
            "https://example.jp/\\\"onmouseover=x/",
            "https://user:pw@example.jp/",
            "https:///hyoka/",
            "ftp://example.jp/",
        ] {
            let text = OK.replace("https://example.jp/hyoka", bad);
            let d = base_url_finding(&text, &Overrides::default());
            assert_eq!((d.line, d.column), (2, 12), "{bad}: {d:?}");
            assert!(d.message.starts_with("base_url「"), "{bad}: {}", d.message);
            assert_eq!(d.source_line.as_deref(), text.lines().nth(1), "{bad}");
        }
    }

    #[test]
    fn a_base_url_override_is_checked_like_the_file_and_named_as_the_flag() {
        for bad in [
            "not a url",
            "javascript:alert(1)//",
            "https://example.jp/hyoka/?utm=1#top",
        ] {
            let overrides = Overrides {
                base_url: Some(bad.into()),
            };
            let d = base_url_finding(OK, &overrides);
            assert_eq!(d.path, Path::new(COMMAND_LINE));
            assert!(
                d.message
                    .starts_with(&format!("--base-url に指定した値「{bad}」")),
                "{}",
                d.message
            );
        }
        // A good override replaces a bad value in the file: only what is used is checked.
        let text = OK.replace("https://example.jp/hyoka", "not a url");
        let overrides = Overrides {
            base_url: Some("https://www.town.example.lg.jp/kikaku/hyoka".into()),
        };
        let c = Config::parse_with(&text, Path::new("config.toml"), &overrides).unwrap();
        assert_eq!(c.base_url, "https://www.town.example.lg.jp/kikaku/hyoka/");
        assert_eq!(c.base_path, "/kikaku/hyoka/");
    }

    #[test]
    fn base_urls_that_stand_in_links_as_written_are_accepted() {
        for good in [
            "https://www.town.example.lg.jp/kikaku/hyoka/",
            "http://127.0.0.1:1111/",
            "https://example.jp/%E8%A9%95%E4%BE%A1/",
            "https://example.jp/評価/",
        ] {
            let text = OK.replace("https://example.jp/hyoka", good);
            let c = Config::parse(&text, Path::new("config.toml")).unwrap();
            assert_eq!(c.base_url, good);
        }
    }

    #[test]
    fn findings_point_at_the_value_as_written() {
        let text = OK.replace("\"113263\"", "\"113260\"") + "[proofreading]\nspacing = \"no\"\n";
        let d = Config::parse(&text, Path::new("config.toml"))
            .unwrap_err()
            .sorted();
        let places: Vec<(&str, usize, usize)> =
            d.iter().map(|d| (d.code, d.line, d.column)).collect();
        assert_eq!(
            places,
            [(Code::ConfigCode.id(), 4, 21), (Code::Config.id(), 7, 11)]
        );
    }
}
