//! What a goal sheet may hold besides its indicator (§8.2–§8.4): 事業費, the town's own
//! 評価, its place in the plan, tags, 問い合わせ先 and 更新日 — gathered in [`GoalFacts`] so
//! the goal carries them as one field.

use jiff::civil::Date;

use super::assessment::{Assessment, Spot};
use super::cost::Cost;

/// 問い合わせ先 (a department's, or a goal's own that replaces it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Contact {
    /// 担当 (`総務課 防災係`).
    pub section: Option<String>,
    /// 電話番号 (`049-295-2112`).
    pub phone: Option<String>,
    /// メールアドレス.
    pub email: Option<String>,
}

/// A plan code as a goal wrote it, with where (checked against config.toml's tree once the
/// whole site is read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRef {
    /// The code (`4-1`).
    pub code: String,
    /// Where `plan:` was written.
    pub at: Spot,
}

/// A tag as written (normalised), with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The normalised tag (see `plan::normalize_tag`).
    pub name: String,
    /// Where it was written.
    pub at: Spot,
}

/// A goal's facts of §8.2–§8.4; all optional.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GoalFacts {
    /// 事業費.
    pub cost: Option<Cost>,
    /// The town's own 評価.
    pub assessment: Option<Assessment>,
    /// Its place in the 施策体系.
    pub plan: Option<PlanRef>,
    /// Tags, in written order, each once.
    pub tags: Vec<Tag>,
    /// The goal's own 問い合わせ先.
    pub contact: Option<Contact>,
    /// The 問い合わせ先 shown: its own, else its department's (set when the site is built).
    pub shown_contact: Option<Contact>,
    /// 更新日.
    pub updated: Option<Date>,
}

/// `2025-06-01` → `令和7年6月1日（2025年6月1日）`: 和暦 with 西暦 beside (西暦 alone before
/// 平成).
pub(crate) fn date_label(date: Date) -> String {
    let (y, m, d) = (i32::from(date.year()), date.month(), date.day());
    let western = format!("{y}年{m}月{d}日");
    let era = if date >= Date::constant(2019, 5, 1) {
        Some(("令和", y - 2018))
    } else if date >= Date::constant(1989, 1, 8) {
        Some(("平成", y - 1988))
    } else {
        None
    };
    match era {
        Some((name, 1)) => format!("{name}元年{m}月{d}日（{western}）"),
        Some((name, n)) => format!("{name}{n}年{m}月{d}日（{western}）"),
        None => western,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_wareki_with_western_beside() {
        assert_eq!(
            date_label(Date::constant(2025, 6, 1)),
            "令和7年6月1日（2025年6月1日）"
        );
        assert_eq!(
            date_label(Date::constant(2019, 5, 1)),
            "令和元年5月1日（2019年5月1日）"
        );
        assert_eq!(
            date_label(Date::constant(2019, 4, 30)),
            "平成31年4月30日（2019年4月30日）"
        );
        assert_eq!(date_label(Date::constant(1980, 1, 2)), "1980年1月2日");
    }
}
