//! Years as towns' sheets write them, more loosely than the content format: `平成32年度`
//! and later (contract §8.5: read as 令和, with a warning), `昭和60年度`, calendar years
//! (`平成25年`), dates (`平成15年9月30日現在`), a year with a note (`平成15年末見込`,
//! `令和6年度（速報）`), and era-less `27年度` where the document names its era elsewhere.
//! The result is always a [`FiscalYear`] that the content format accepts as it is written
//! out (`FiscalYear::label`, so 平成32年度 is written 令和2年度), plus a note and a warning.

use unicode_normalization::UnicodeNormalization;

use crate::model::FiscalYear;

/// A year read from a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReadYear {
    /// The fiscal year.
    pub year: FiscalYear,
    /// `見込`, `速報`, `9月30日現在` …, when the year carried one.
    pub note: Option<String>,
    /// Why the reading deserves a look (Japanese), when it does.
    pub warning: Option<String>,
}

/// An era as a sheet names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EraName {
    /// 昭和 (1926–1989).
    Showa,
    /// 平成 (1989–2019).
    Heisei,
    /// 令和 (2019–).
    Reiwa,
}

impl EraName {
    fn first(self) -> i32 {
        match self {
            EraName::Showa => 1925,
            EraName::Heisei => 1988,
            EraName::Reiwa => 2018,
        }
    }

    fn last(self) -> i32 {
        match self {
            EraName::Showa => 64,
            EraName::Heisei => 50,
            EraName::Reiwa => 182,
        }
    }

    /// 漢字の元号名.
    pub(crate) fn name(self) -> &'static str {
        match self {
            EraName::Showa => "昭和",
            EraName::Heisei => "平成",
            EraName::Reiwa => "令和",
        }
    }
}

const ERA_PREFIXES: &[(&str, EraName)] = &[
    ("令和", EraName::Reiwa),
    ("平成", EraName::Heisei),
    ("昭和", EraName::Showa),
    ("R", EraName::Reiwa),
    ("H", EraName::Heisei),
    ("S", EraName::Showa),
];

fn normalize(text: &str) -> String {
    text.nfkc()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
}

/// The first era named anywhere in `text` (the document's era, for era-less years).
pub(crate) fn era_named_in(text: &str) -> Option<EraName> {
    let t = normalize(text);
    ["令和", "平成", "昭和"]
        .iter()
        .filter_map(|w| t.find(w).map(|i| (i, *w)))
        .min()
        .map(|(_, w)| match w {
            "令和" => EraName::Reiwa,
            "平成" => EraName::Heisei,
            _ => EraName::Showa,
        })
}

/// True when `text` starts like a year (`平成25`, `R7`, `2025年`, `27年度`, `2025`).
pub(crate) fn looks_like_year(text: &str) -> bool {
    let t = normalize(text);
    let (era, rest) = match ERA_PREFIXES.iter().find_map(|(p, _)| t.strip_prefix(p)) {
        Some(r) => (true, r),
        None => (false, t.as_str()),
    };
    let (digits, after) = match rest.strip_prefix('元') {
        Some(a) => (1, a),
        None => {
            let d = rest.chars().take_while(char::is_ascii_digit).count();
            if d == 0 {
                return false;
            }
            (d, &rest[d..])
        }
    };
    after.starts_with('年')
        || (era && (after.is_empty() || after.starts_with(['(', '（'])))
        || (!era && digits == 4 && after.is_empty())
}

/// Reads a year; `era` is the document's era for a year written without one. `Err` holds
/// the Japanese reason.
pub(crate) fn read_year(text: &str, era: Option<EraName>) -> Result<ReadYear, String> {
    let t = normalize(text);
    let t = t.trim_matches(|c| matches!(c, '(' | ')' | '[' | ']'));
    if t.is_empty() {
        return Err("年度が書かれていません".into());
    }
    let (named, rest) = match ERA_PREFIXES
        .iter()
        .find_map(|(p, e)| t.strip_prefix(p).map(|r| (Some(*e), r)))
    {
        Some(found) => found,
        None => (None, t),
    };
    let (n, rest) = if let Some(r) = rest.strip_prefix('元') {
        (1, r)
    } else {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() {
            return Err(format!("「{text}」は年度として読めません"));
        }
        let n: i32 = digits
            .parse()
            .map_err(|_| format!("「{text}」は年度として読めません"))?;
        (n, &rest[digits.len()..])
    };
    let (fiscal, rest) = match rest.strip_prefix("年度") {
        Some(r) => (true, r),
        None => match rest.strip_prefix('年') {
            Some(r) => (false, r),
            None if rest.is_empty() || rest.starts_with(['(', '（']) => (true, rest),
            None => return Err(format!("「{text}」は年度として読めません")),
        },
    };
    let mut warnings: Vec<String> = Vec::new();
    let western = match (named, era) {
        (None, _) if n >= 1000 => n,
        (Some(e), _) => era_year(e, n, text, &mut warnings)?,
        (None, Some(e)) => {
            let w = era_year(e, n, text, &mut warnings)?;
            warnings.insert(
                0,
                format!(
                    "「{text}」には元号がないため、文書に書かれた元号から{}{}年度と読みました",
                    e.name(),
                    n
                ),
            );
            w
        }
        (None, None) => {
            return Err(format!(
                "「{text}」には元号がなく、文書のどこにも元号が書かれていないため、どの年度か決められません"
            ));
        }
    };
    // A date (`9月30日現在`) places the year in its fiscal year (January–March: the one before).
    let month: Option<u8> = {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        (!digits.is_empty() && rest[digits.len()..].starts_with('月'))
            .then(|| digits.parse().ok())
            .flatten()
    };
    let start = match month {
        Some(m) if (1..=3).contains(&m) && !fiscal => western - 1,
        _ => western,
    };
    let year = u16::try_from(start)
        .ok()
        .and_then(FiscalYear::new)
        .ok_or_else(|| format!("「{text}」はありえない年です"))?;
    if !fiscal {
        warnings.push(format!(
            "「{text}」は年度ではなく暦年（または日付）の書き方のため、{}として読みました",
            year.label()
        ));
    }
    let rest = rest.trim_matches(|c| matches!(c, '(' | ')' | '（' | '）'));
    let note = if rest.contains("見込") {
        Some("見込".to_string())
    } else if rest.contains("速報") {
        Some("速報".to_string())
    } else if month.is_some() || rest.contains("現在") {
        Some(rest.to_string()).filter(|r| !r.is_empty())
    } else {
        None
    };
    Ok(ReadYear {
        year,
        note,
        warning: (!warnings.is_empty()).then(|| warnings.join("。")),
    })
}

fn era_year(e: EraName, n: i32, text: &str, warnings: &mut Vec<String>) -> Result<i32, String> {
    if n < 1 || n > e.last() {
        return Err(format!(
            "「{text}」はありえない年度です（{}は{}年まで）",
            e.name(),
            e.last()
        ));
    }
    let western = e.first() + n;
    if e == EraName::Heisei && n > 31 {
        warnings.push(format!(
            "「{text}」は令和{}年度（{western}年度）のことと読みました（平成は31年度まで）",
            n - 30
        ));
    }
    Ok(western)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(text: &str, era: Option<EraName>) -> (u16, Option<String>, bool) {
        let r = read_year(text, era).unwrap_or_else(|e| panic!("{text}: {e}"));
        (r.year.western(), r.note, r.warning.is_some())
    }

    #[test]
    fn the_years_towns_write() {
        assert_eq!(y("令和5年度", None), (2023, None, false));
        assert_eq!(y("平成22年度", None), (2010, None, false));
        assert_eq!(y("Ｈ２７", None), (2015, None, false));
        assert_eq!(y("2025年度", None), (2025, None, false));
        assert_eq!(y("平成元年度", None), (1989, None, false));
        assert_eq!(y("昭和60年度", None), (1985, None, false));
    }

    #[test]
    fn late_heisei_calendar_years_dates_and_notes_warn() {
        assert_eq!(y("平成32年度", None), (2020, None, true));
        assert_eq!(y("平成25年", None), (2013, None, true));
        assert_eq!(
            y("平成15年9月30日現在", None),
            (2003, Some("9月30日現在".into()), true)
        );
        assert_eq!(y("平成16年3月31日現在", None).0, 2003);
        assert_eq!(y("平成15年末見込", None), (2003, Some("見込".into()), true));
        assert_eq!(
            y("令和6年度（見込）", None),
            (2024, Some("見込".into()), false)
        );
        let r = read_year("平成32年度", None).unwrap();
        assert_eq!(r.year.label(), "令和2年度");
        assert!(r.warning.unwrap().contains("令和2年度"));
    }

    #[test]
    fn an_era_less_year_takes_the_documents_era_or_is_refused() {
        assert_eq!(y("27年度", Some(EraName::Heisei)), (2015, None, true));
        let e = read_year("27年度", None).unwrap_err();
        assert!(e.contains("元号がなく"), "{e}");
        assert_eq!(era_named_in("計画期間 平成28年度〜"), Some(EraName::Heisei));
    }

    #[test]
    fn impossible_years_are_errors() {
        for t in ["令和0年度", "平成51年度", "昭和65年度", "5ヵ年", "目標"] {
            assert!(read_year(t, Some(EraName::Heisei)).is_err(), "{t}");
        }
    }

    #[test]
    fn what_looks_like_a_year() {
        for t in ["平成25", "R7", "2025年", "27年度", "平成元年度", "2025"] {
            assert!(looks_like_year(t), "{t}");
        }
        for t in ["指標名", "57.1", "5ヵ年", "100"] {
            assert!(!looks_like_year(t), "{t}");
        }
    }
}
