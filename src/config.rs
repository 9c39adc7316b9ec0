//! `config.toml` → [`Config`]: read with serde (unknown keys refused, with line and column),
//! then checked and completed (base URL with a trailing slash, its sub-path, the licence).
//! CLI overrides are applied in one explicit step, [`Config::with_overrides`].

use std::path::Path;

use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::assessment::Grade;
use crate::model::build::scale;
use crate::model::fiscal_year::FiscalYear;
use crate::model::plan::Plan;

/// The default licence of the open data (公共データ利用規約 第1.0版, CC BY 4.0 compatible).
pub const DEFAULT_LICENSE: &str = "公共データ利用規約（第1.0版）";
/// Where the default licence is published.
pub const DEFAULT_LICENSE_URL: &str =
    "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    municipality: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    description: Option<String>,
    municipality_code: Option<String>,
    as_of: Option<toml::Value>,
    #[serde(default)]
    unsafe_html: bool,
    license: Option<String>,
    license_url: Option<String>,
    #[serde(default)]
    proofreading: toml::Table,
    // The town's own judgement and plan (§8.2–§8.4): checked in model::build::scale.
    population: Option<u64>,
    #[serde(default)]
    grades: Vec<scale::RawGrade>,
    #[serde(default)]
    plan: Vec<scale::RawPlanNode>,
}

fn default_language() -> String {
    "ja".into()
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
}

impl Config {
    /// Parses and checks `config.toml` text; `path` is used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Diagnostics> {
        let mut diags = Diagnostics::new();
        let raw: RawConfig = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
                diags.push(
                    Diagnostic::error("E-CONFIG", path, line, col, toml_message(&e))
                        .with_source_line(text.lines().nth(line - 1))
                        .with_help(toml_suggestion(&e).unwrap_or_else(|| "config.toml の書き方は README.md の「config.toml」を参照してください（キー名の綴り、文字列の引用符を確認）".into())),
                );
                return Err(diags);
            }
        };
        let at = |key: &str| key_line(text, key);
        let base_url = normalize_base_url(&raw.base_url);
        if !(base_url.starts_with("https://") || base_url.starts_with("http://"))
            || base_url.len() < 10
        {
            diags.push(
                Diagnostic::error(
                    "E-CONFIG-BASE-URL",
                    path,
                    at("base_url"),
                    1,
                    format!("base_url「{}」は絶対URLではありません", raw.base_url),
                )
                .with_help(
                    "https://www.town.example.jp/hyoka/ のように https:// から書いてください",
                ),
            );
        }
        if raw.language != "ja" {
            diags.push(
                Diagnostic::error(
                    "E-CONFIG-LANGUAGE",
                    path,
                    at("language"),
                    1,
                    format!("language「{}」には対応していません", raw.language),
                )
                .with_help("language = \"ja\" と書いてください"),
            );
        }
        if let Some(code) = &raw.municipality_code
            && !municipality_code_is_valid(code)
        {
            diags.push(
                Diagnostic::error(
                    "E-CONFIG-CODE",
                    path,
                    at("municipality_code"),
                    1,
                    format!(
                        "municipality_code「{code}」は全国地方公共団体コードとして正しくありません"
                    ),
                )
                .with_help("6桁（検査数字付き）で書いてください。例: 毛呂山町は \"113263\""),
            );
        }
        let as_of = match &raw.as_of {
            None => None,
            Some(v) => {
                let text_value = match v {
                    toml::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                match FiscalYear::parse(&text_value) {
                    Ok(y) => Some(y),
                    Err(e) => {
                        diags.push(
                            Diagnostic::error(
                                "E-CONFIG-AS-OF",
                                path,
                                at("as_of"),
                                1,
                                format!("as_of: {e}"),
                            )
                            .with_help(e.help()),
                        );
                        None
                    }
                }
            }
        };
        let mut proofreading = Vec::new();
        for (rule, value) in &raw.proofreading {
            match value.as_bool() {
                Some(on) => proofreading.push((rule.clone(), on)),
                None => diags.push(
                    Diagnostic::error(
                        "E-CONFIG",
                        path,
                        at(rule),
                        1,
                        format!("[proofreading] の {rule} は true か false で書いてください"),
                    )
                    .with_help(format!(
                        "{rule} = false と書くと、その校正ルールを使いません"
                    )),
                ),
            }
        }
        let population = scale::read_population(raw.population, text, path, &mut diags);
        let grades = scale::read_grades(&raw.grades, text, path, &mut diags);
        let plan = scale::read_plan(&raw.plan, text, path, &mut diags);
        if diags.has_errors() {
            return Err(diags);
        }
        let base_path = base_path_of(&base_url);
        Ok(Config {
            title: raw.title,
            base_url,
            base_path,
            municipality: raw.municipality,
            language: raw.language,
            theme: raw.theme,
            description: raw.description,
            municipality_code: raw.municipality_code,
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
        })
    }

    /// A copy with the command line's base URL, if given.
    pub fn with_overrides(&self, base_url: Option<&str>) -> Config {
        let mut config = self.clone();
        if let Some(url) = base_url {
            config.base_url = normalize_base_url(url);
            config.base_path = base_path_of(&config.base_url);
        }
        config
    }
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
pub fn municipality_code_is_valid(code: &str) -> bool {
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

fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(key) && l.contains('='))
        .map_or(1, |i| i + 1)
}

/// 「もしかして」 for an unknown key: the closest of the keys the table allows (serde lists
/// them in its message), so `parnet` in `[[plan]]` suggests `parent`.
fn toml_suggestion(e: &toml::de::Error) -> Option<String> {
    let rest = e.message().strip_prefix("unknown field `")?;
    let (name, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    crate::model::build::suggest(name, &expected).map(|s| format!("もしかして「{s}」ですか？"))
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
        let o = c.with_overrides(Some("http://127.0.0.1:1111"));
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
}
