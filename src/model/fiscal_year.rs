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
    /// The last year of the era that plans may still name after the era ended (平成 plans
    /// name 令和 years as 平成32年度 …, up to 平成50年度), read with a warning; `None` for the
    /// current era or when only the era-change year is accepted.
    pub written_until: Option<u16>,
    /// Whether the fiscal year in which the next era began is still named in this era
    /// (平成31年度: the era changed in May 2019, after the fiscal year began). False for 昭和:
    /// 平成 began in January 1989, so fiscal 1989 was 平成元年度 and 昭和64年度 never existed.
    pub names_change_year: bool,
}

/// Eras, oldest first. A fiscal year is named by the latest era whose first fiscal year is not
/// after it; the fiscal year in which an era changed is named by the new era (平成31年度 =
/// 令和元年度 = 2019), as municipalities did after 2019-05-01.
pub(crate) const ERAS: [Era; 5] = [
    Era {
        name: "明治",
        letter: 'M',
        first_fiscal_year: 1868,
        written_until: None,
        names_change_year: true,
    },
    Era {
        name: "大正",
        letter: 'T',
        first_fiscal_year: 1912,
        written_until: None,
        names_change_year: true,
    },
    Era {
        name: "昭和",
        letter: 'S',
        first_fiscal_year: 1926,
        written_until: None,
        names_change_year: false,
    },
    Era {
        name: "平成",
        letter: 'H',
        first_fiscal_year: 1989,
        written_until: Some(50),
        names_change_year: true,
    },
    Era {
        name: "令和",
        letter: 'R',
        first_fiscal_year: 2019,
        written_until: None,
        names_change_year: true,
    },
];

/// The earliest and latest western year accepted. Reports are about the recent past and the
/// plan period; anything outside this is a typo.
pub(crate) const MIN_YEAR: u16 = 1868;
/// See [`MIN_YEAR`].
pub(crate) const MAX_YEAR: u16 = 2200;

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
    /// The forms read with a warning (see [`FiscalYear::parse_noted`]) are accepted too.
    pub fn parse(text: &str) -> Result<Self, FiscalYearError> {
        Self::parse_noted(text).map(|(year, _)| year)
    }

    /// [`FiscalYear::parse`], with what staff should be told when the year was read from a
    /// form that is not a fiscal year's own name: a year past its era's end (`平成32年度` =
    /// 令和2年度, `昭和64年度` = 平成元年度) or a calendar year (`平成25年`, `2013年`).
    pub fn parse_noted(text: &str) -> Result<(Self, Option<YearNote>), FiscalYearError> {
        let normalized: String = text.nfkc().collect::<String>();
        let s = normalized.trim();
        let (body, calendar) = match s.strip_suffix("年度") {
            Some(body) => (body, false),
            None => match s.strip_suffix('年') {
                Some(body) => (body, true),
                None => (s, false),
            },
        };
        let body = body.trim();
        let (year, later_era) = if let Some((era, rest)) = split_era(body) {
            Self::from_era_year(era, rest.trim(), text)?
        } else if !body.is_empty() && body.chars().all(|c| c.is_ascii_digit()) {
            let year: u32 = body
                .parse()
                .map_err(|_| FiscalYearError::OutOfRange(text.to_string()))?;
            let year = u16::try_from(year)
                .ok()
                .and_then(Self::new)
                .ok_or_else(|| FiscalYearError::OutOfRange(text.to_string()))?;
            (year, false)
        } else {
            return Err(FiscalYearError::Unreadable(text.to_string()));
        };
        let written = text.trim().to_string();
        let note = if later_era {
            Some(YearNote::LaterEra { written, year })
        } else if calendar {
            Some(YearNote::CalendarYear { written, year })
        } else {
            None
        };
        Ok((year, note))
    }

    /// The year of `digits` in `era`, and whether it lies past the fiscal years the era
    /// named (平成32年度, 昭和64年度).
    fn from_era_year(
        era: Era,
        digits: &str,
        original: &str,
    ) -> Result<(Self, bool), FiscalYearError> {
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
        let mut later_era = false;
        if let Some(next) = next {
            // The era-change year may still be written in the old era (平成31年度 = 令和元年度).
            let change = next.first_fiscal_year - era.first_fiscal_year + 1;
            let last = if era.names_change_year {
                change
            } else {
                change - 1
            };
            let accepted = era.written_until.unwrap_or(change).max(change);
            if n > i64::from(accepted) {
                return Err(FiscalYearError::PastEraEnd {
                    text: original.to_string(),
                    era: era.name,
                    last,
                });
            }
            later_era = n > i64::from(last);
        }
        let year = u16::try_from(western)
            .ok()
            .and_then(Self::new)
            .ok_or_else(|| FiscalYearError::OutOfRange(original.to_string()))?;
        Ok((year, later_era))
    }
}

/// A year read from a form that is not the fiscal year's own name: accepted, with a warning
/// that gives the name to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YearNote {
    /// A year past its era's end, as plans written in the old era name them (`平成32年度` =
    /// 令和2年度, `昭和64年度` = 平成元年度).
    LaterEra {
        /// What was written.
        written: String,
        /// The fiscal year it means.
        year: FiscalYear,
    },
    /// A calendar year where a fiscal year is expected (`平成25年`, `2013年`), read as the
    /// fiscal year of that number.
    CalendarYear {
        /// What was written.
        written: String,
        /// The fiscal year it was read as.
        year: FiscalYear,
    },
}

impl YearNote {
    /// What staff are told, in Japanese.
    pub fn message(&self) -> String {
        match self {
            YearNote::LaterEra { written, year } => {
                let (era, _) = year.era();
                format!(
                    "「{written}」を{}として読みました（この年度は{}の年度です）",
                    year.full_label(),
                    era.name
                )
            }
            YearNote::CalendarYear { written, year } => format!(
                "「{written}」は暦年（1月〜12月）の書き方です。年度として{}と読みました",
                year.full_label()
            ),
        }
    }

    /// How to write it so that no warning is needed.
    pub fn help(&self) -> String {
        match self {
            YearNote::LaterEra { year, .. } => {
                format!("「{}」と書いてください", year.label())
            }
            YearNote::CalendarYear { year, .. } => format!(
                "年度は「{}」のように「年度」を付けて書いてください（暦年の値なら、その年を含む年度を確かめてください）",
                year.label()
            ),
        }
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
            FiscalYear::parse("平成51年度"),
            Err(FiscalYearError::PastEraEnd { last: 31, .. })
        ));
        assert!(matches!(
            FiscalYear::parse("昭和65年度"),
            Err(FiscalYearError::PastEraEnd { last: 63, .. })
        ));
        assert!(matches!(
            FiscalYear::parse("H51"),
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
        let e = FiscalYear::parse("平成51年度").unwrap_err();
        assert_eq!(
            e.to_string(),
            "「平成51年度」は平成の範囲外です（平成は31年度まで）"
        );
    }

    fn noted(s: &str) -> (u16, Option<YearNote>) {
        let (y, note) = FiscalYear::parse_noted(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        (y.western(), note)
    }

    #[test]
    fn heisei_years_past_the_era_are_read_as_reiwa_with_a_warning() {
        for (text, year) in [
            ("平成32年度", 2020),
            ("平成37年度", 2025),
            ("H32", 2020),
            ("平成５０年度", 2038),
        ] {
            let (y, note) = noted(text);
            assert_eq!(y, year, "{text}");
            let note = note.unwrap_or_else(|| panic!("{text}: no warning"));
            assert!(matches!(note, YearNote::LaterEra { .. }), "{text}");
        }
        let (_, note) = noted("平成32年度");
        let note = note.unwrap();
        assert_eq!(
            note.message(),
            "「平成32年度」を令和2年度（2020年度）として読みました（この年度は令和の年度です）"
        );
        assert_eq!(note.help(), "「令和2年度」と書いてください");
        // The era-change year itself is a real fiscal year's name: no warning.
        assert_eq!(noted("平成31年度"), (2019, None));
    }

    #[test]
    fn showa_years_are_accepted_to_showa_64() {
        assert_eq!(noted("昭和63年度"), (1988, None));
        assert_eq!(noted("昭和50年度"), (1975, None));
        let (y, note) = noted("昭和64年度");
        assert_eq!(y, 1989);
        assert_eq!(
            note.unwrap().help(),
            "「平成元年度」と書いてください",
            "fiscal 1989 began under 平成"
        );
    }

    #[test]
    fn calendar_years_are_read_as_that_fiscal_year_with_a_warning() {
        for (text, year) in [
            ("平成25年", 2013),
            ("2013年", 2013),
            ("令和7年", 2025),
            ("２０１３年", 2013),
        ] {
            let (y, note) = noted(text);
            assert_eq!(y, year, "{text}");
            assert!(
                matches!(note, Some(YearNote::CalendarYear { .. })),
                "{text}: {note:?}"
            );
        }
        let (_, note) = noted("平成25年");
        assert_eq!(
            note.unwrap().message(),
            "「平成25年」は暦年（1月〜12月）の書き方です。年度として平成25年度（2013年度）と読みました"
        );
        // The contract's fiscal-year forms need no warning.
        for text in ["令和7年度", "R7", "2025年度", "2025", "令和元年度"] {
            assert_eq!(noted(text).1, None, "{text}");
        }
    }
}
