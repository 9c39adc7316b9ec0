//! 年度 — the Japanese fiscal year (April to March), named by its western start year.
//!
//! Owns parsing every notation the contract allows (`令和7年度`, `令和元年度`, `R7`, `H31`,
//! `平成31年度`, `2025年度`, `2025`, full-width digits) and the labels pages show
//! (`令和7年度`, `令和7年度（2025年度）`, `R7`). The era table is data ([`ERAS`]), so a new era
//! is one line, not new code.

use std::fmt;

use unicode_normalization::UnicodeNormalization;

/// A Japanese era (元号) and the western year of the fiscal year it starts naming.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Era {
    /// Kanji name, e.g. `令和`.
    pub name: &'static str,
    /// One-letter romanisation used in short forms, e.g. `R`.
    pub letter: char,
    /// Western year of the era's first fiscal year (令和元年度 = 2019).
    pub first_fiscal_year: u16,
}

/// Eras, oldest first. A fiscal year is named by the latest era whose first fiscal year is not
/// after it; the fiscal year in which an era changed is named by the new era (平成31年度 =
/// 令和元年度 = 2019), as municipalities did after 2019-05-01.
pub const ERAS: [Era; 5] = [
    Era {
        name: "明治",
        letter: 'M',
        first_fiscal_year: 1868,
    },
    Era {
        name: "大正",
        letter: 'T',
        first_fiscal_year: 1912,
    },
    Era {
        name: "昭和",
        letter: 'S',
        first_fiscal_year: 1926,
    },
    Era {
        name: "平成",
        letter: 'H',
        first_fiscal_year: 1989,
    },
    Era {
        name: "令和",
        letter: 'R',
        first_fiscal_year: 2019,
    },
];

/// The earliest and latest western year accepted. Reports are about the recent past and the
/// plan period; anything outside this is a typo.
pub const MIN_YEAR: u16 = 1868;
/// See [`MIN_YEAR`].
pub const MAX_YEAR: u16 = 2200;

/// 年度: a fiscal year, stored as its western start year (令和7年度 = 2025).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(u16);

/// Why a year could not be read. The messages are shown to staff as they are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FiscalYearError {
    /// Not any known notation.
    #[error("「{0}」は年度として読めません")]
    Unreadable(String),
    /// Year 0 or negative within an era (`令和0年度`, `R-1`).
    #[error("「{0}」という年度はありません（元号の年は元年＝1から数えます）")]
    ZeroOrNegative(String),
    /// A year past the end of its era (`平成40年度`).
    #[error("「{text}」は{era}の範囲外です（{era}は{last}年度まで）")]
    PastEraEnd {
        /// What was written.
        text: String,
        /// Era name.
        era: &'static str,
        /// Last year of the era, as written in that era (平成31).
        last: u16,
    },
    /// Western year outside [`MIN_YEAR`]..=[`MAX_YEAR`].
    #[error("「{0}」は対応できる年度の範囲（{MIN_YEAR}〜{MAX_YEAR}年度）の外です")]
    OutOfRange(String),
}

impl FiscalYearError {
    /// How to fix it, in Japanese.
    pub fn help(&self) -> &'static str {
        "「令和7年度」「R7」「2025年度」「2025」のように書いてください"
    }
}

impl FiscalYear {
    /// A fiscal year from its western start year, if in range.
    pub fn new(western: u16) -> Option<Self> {
        (MIN_YEAR..=MAX_YEAR)
            .contains(&western)
            .then_some(Self(western))
    }

    /// The fiscal year a calendar date falls in: April to March (2026-03-31 → 令和7年度,
    /// 2026-04-01 → 令和8年度). `month` is 1–12.
    pub fn containing(year: u16, month: u8) -> Option<Self> {
        Self::new(if month >= 4 {
            year
        } else {
            year.checked_sub(1)?
        })
    }

    /// Western start year (令和7年度 → 2025).
    pub fn western(self) -> u16 {
        self.0
    }

    /// The era that names this fiscal year and the year within it (1 = 元年).
    pub fn era(self) -> (Era, u16) {
        let era = ERAS
            .iter()
            .rev()
            .find(|e| e.first_fiscal_year <= self.0)
            .copied()
            .unwrap_or(ERAS[0]);
        (era, self.0 - era.first_fiscal_year + 1)
    }

    /// `令和7年度`, `令和元年度`.
    pub fn label(self) -> String {
        let (era, n) = self.era();
        if n == 1 {
            format!("{}元年度", era.name)
        } else {
            format!("{}{}年度", era.name, n)
        }
    }

    /// `令和7年度（2025年度）` — 和暦 first, 西暦 in full-width parentheses.
    pub fn full_label(self) -> String {
        format!("{}（{}年度）", self.label(), self.0)
    }

    /// `R7` — for chart axes, where space is short.
    pub fn short_label(self) -> String {
        let (era, n) = self.era();
        format!("{}{}", era.letter, n)
    }

    /// Parses any notation of the contract. Full-width digits and letters are accepted.
    pub fn parse(text: &str) -> Result<Self, FiscalYearError> {
        let normalized: String = text.nfkc().collect::<String>();
        let s = normalized.trim();
        let body = s
            .strip_suffix("年度")
            .or_else(|| s.strip_suffix('年'))
            .unwrap_or(s)
            .trim();
        if let Some((era, rest)) = split_era(body) {
            return Self::from_era_year(era, rest.trim(), text);
        }
        if !body.is_empty() && body.chars().all(|c| c.is_ascii_digit()) {
            let year: u32 = body
                .parse()
                .map_err(|_| FiscalYearError::OutOfRange(text.to_string()))?;
            return u16::try_from(year)
                .ok()
                .and_then(Self::new)
                .ok_or_else(|| FiscalYearError::OutOfRange(text.to_string()));
        }
        Err(FiscalYearError::Unreadable(text.to_string()))
    }

    fn from_era_year(era: Era, digits: &str, original: &str) -> Result<Self, FiscalYearError> {
        let n: i64 = if digits == "元" {
            1
        } else if let Some(num) = parse_signed(digits) {
            num
        } else {
            return Err(FiscalYearError::Unreadable(original.to_string()));
        };
        if n < 1 {
            return Err(FiscalYearError::ZeroOrNegative(original.to_string()));
        }
        let next = ERAS
            .iter()
            .find(|e| e.first_fiscal_year > era.first_fiscal_year);
        let western = i64::from(era.first_fiscal_year) + n - 1;
        if let Some(next) = next {
            // The era-change year may still be written in the old era (平成31年度 = 令和元年度).
            let last = next.first_fiscal_year - era.first_fiscal_year + 1;
            if n > i64::from(last) {
                return Err(FiscalYearError::PastEraEnd {
                    text: original.to_string(),
                    era: era.name,
                    last,
                });
            }
        }
        u16::try_from(western)
            .ok()
            .and_then(Self::new)
            .ok_or_else(|| FiscalYearError::OutOfRange(original.to_string()))
    }
}

/// Splits `令和7` / `R7` / `r7` into the era and the rest.
fn split_era(s: &str) -> Option<(Era, &str)> {
    for era in ERAS {
        if let Some(rest) = s.strip_prefix(era.name) {
            return Some((era, rest));
        }
        let mut chars = s.chars();
        if let Some(first) = chars.next()
            && first.to_ascii_uppercase() == era.letter
        {
            let rest = chars.as_str();
            if rest == "元" || rest.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
                return Some((era, rest));
            }
        }
    }
    None
}

fn parse_signed(s: &str) -> Option<i64> {
    let (neg, digits) = match s.strip_prefix(['-', '−', '△', '▲']) {
        Some(d) => (true, d),
        None => (false, s),
    };
    if digits.is_empty() || digits.len() > 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    Some(if neg { -n } else { n })
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_falls_in_the_fiscal_year_that_began_the_april_before() {
        assert_eq!(
            FiscalYear::containing(2026, 3).unwrap().label(),
            "令和7年度"
        );
        assert_eq!(
            FiscalYear::containing(2026, 4).unwrap().label(),
            "令和8年度"
        );
        assert_eq!(
            FiscalYear::containing(2019, 12).unwrap().label(),
            "令和元年度"
        );
    }

    fn fy(s: &str) -> u16 {
        FiscalYear::parse(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .western()
    }

    #[test]
    fn every_contract_notation_parses() {
        for (text, year) in [
            ("令和7年度", 2025),
            ("令和元年度", 2019),
            ("令和1年度", 2019),
            ("R7", 2025),
            ("r7", 2025),
            ("R元", 2019),
            ("R7年度", 2025),
            ("平成31年度", 2019),
            ("平成元年度", 1989),
            ("H30", 2018),
            ("2025年度", 2025),
            ("2025", 2025),
            ("令和７年度", 2025),
            ("２０２５", 2025),
            ("Ｒ７", 2025),
            (" 令和5年度 ", 2023),
            ("昭和64年度", 1989),
            ("令和7年", 2025),
        ] {
            assert_eq!(fy(text), year, "{text}");
        }
    }

    #[test]
    fn reiwa_gannen_is_2019() {
        assert_eq!(FiscalYear::new(2019).unwrap().label(), "令和元年度");
        assert_eq!(FiscalYear::new(2018).unwrap().label(), "平成30年度");
        assert_eq!(FiscalYear::new(1989).unwrap().label(), "平成元年度");
    }

    #[test]
    fn labels() {
        let y = FiscalYear::new(2025).unwrap();
        assert_eq!(y.label(), "令和7年度");
        assert_eq!(y.full_label(), "令和7年度（2025年度）");
        assert_eq!(y.short_label(), "R7");
        assert_eq!(FiscalYear::new(2019).unwrap().short_label(), "R1");
    }

    #[test]
    fn impossible_years_are_errors() {
        assert!(matches!(
            FiscalYear::parse("令和0年度"),
            Err(FiscalYearError::ZeroOrNegative(_))
        ));
        assert!(matches!(
            FiscalYear::parse("R-1"),
            Err(FiscalYearError::ZeroOrNegative(_))
        ));
        assert!(matches!(
            FiscalYear::parse("平成40年度"),
            Err(FiscalYearError::PastEraEnd { last: 31, .. })
        ));
        assert!(matches!(
            FiscalYear::parse("平成32年度"),
            Err(FiscalYearError::PastEraEnd { .. })
        ));
        assert!(matches!(
            FiscalYear::parse("1500"),
            Err(FiscalYearError::OutOfRange(_))
        ));
        assert!(matches!(
            FiscalYear::parse("99999999999"),
            Err(FiscalYearError::OutOfRange(_))
        ));
        for bad in ["", "来年度", "令和", "R", "X7", "7.5", "令和7.5年度"] {
            assert!(FiscalYear::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn error_messages_are_japanese() {
        let e = FiscalYear::parse("平成40年度").unwrap_err();
        assert_eq!(
            e.to_string(),
            "「平成40年度」は平成の範囲外です（平成は31年度まで）"
        );
    }
}
