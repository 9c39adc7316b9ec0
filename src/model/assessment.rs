//! 評価 by the town itself (§8.3): the grade scale of config.toml's `[[grades]]`, a goal's
//! `assessment` (grade, 今後の方向性, reviews) and whether the grade agrees with the computed
//! status — pure values; the front matter is read in `build::assessment`.
//!
//! The grade never replaces the computed status (§5): pages show both, and `check` warns
//! when a grade that lists the statuses it fits disagrees with the numbers.

use jiff::civil::Date;

use crate::content::Pos;

use super::evaluation::Status;

/// Where a key was written, for messages given after the whole site is read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Spot {
    /// Line and column of the value.
    pub pos: Pos,
    /// The source line, for display under the message.
    pub line: Option<String>,
}

/// One grade of the town's scale (`[[grades]]` in config.toml), best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grade {
    /// `A`.
    pub code: String,
    /// `順調`.
    pub label: String,
    /// `計画どおりに進んでいる`.
    pub description: Option<String>,
    /// The computed statuses this grade fits; empty = not compared.
    pub statuses: Vec<Status>,
}

/// 今後の方向性.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outlook {
    /// 拡充.
    Expand,
    /// 継続.
    Continue,
    /// 改善.
    Improve,
    /// 縮小.
    Reduce,
    /// 統合.
    Merge,
    /// 休止.
    Suspend,
    /// 廃止.
    Abolish,
    /// 完了.
    Complete,
}

impl Outlook {
    /// Every direction, in the order pages list them.
    pub const ALL: [Outlook; 8] = [
        Outlook::Expand,
        Outlook::Continue,
        Outlook::Improve,
        Outlook::Reduce,
        Outlook::Merge,
        Outlook::Suspend,
        Outlook::Abolish,
        Outlook::Complete,
    ];

    /// The word (`改善`).
    pub fn label(self) -> &'static str {
        match self {
            Outlook::Expand => "拡充",
            Outlook::Continue => "継続",
            Outlook::Improve => "改善",
            Outlook::Reduce => "縮小",
            Outlook::Merge => "統合",
            Outlook::Suspend => "休止",
            Outlook::Abolish => "廃止",
            Outlook::Complete => "完了",
        }
    }

    /// Reads the word as written (spaces around it ignored).
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.label() == text.trim())
    }

    /// The word one character away from `text` (`継読` → 継続), for もしかして.
    pub fn near(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|o| strsim::levenshtein(text.trim(), o.label()) == 1)
    }
}

/// One review (一次評価, 二次評価, 外部評価 …), in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// Who reviewed (`担当課（一次評価）`).
    pub by: String,
    /// When, if written.
    pub date: Option<Date>,
    /// What they said.
    pub text: String,
}

/// A grade code as a goal wrote it, with where (checked against the scale once the
/// whole site is read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeRef {
    /// The code (`B`).
    pub code: String,
    /// Where `grade:` was written.
    pub at: Spot,
}

/// A goal's `assessment`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Assessment {
    /// The town's grade.
    pub grade: Option<GradeRef>,
    /// 今後の方向性.
    pub outlook: Option<Outlook>,
    /// Reviews, in order.
    pub reviews: Vec<Review>,
}

/// Whether a computed status is compared with a grade: only statuses of an evaluated
/// indicator (not 未測定, and not an indicator excluded from evaluation).
pub(crate) fn is_compared(status: Status) -> bool {
    matches!(
        status,
        Status::Achieved | Status::OnTrack | Status::Behind | Status::Worse
    )
}

/// The computed statuses among `statuses` that `grade` does not fit, in the order given,
/// each once. Empty when the grade lists no statuses (nothing to compare).
pub(crate) fn disagreeing(
    grade: &Grade,
    statuses: impl IntoIterator<Item = Status>,
) -> Vec<Status> {
    if grade.statuses.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Status> = Vec::new();
    for status in statuses {
        if is_compared(status) && !grade.statuses.contains(&status) && !out.contains(&status) {
            out.push(status);
        }
    }
    out
}

/// The grade of `code` in `scale`.
pub(crate) fn find_grade<'g>(scale: &'g [Grade], code: &str) -> Option<&'g Grade> {
    scale.iter().find(|g| g.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grade(statuses: &[Status]) -> Grade {
        Grade {
            code: "A".into(),
            label: "順調".into(),
            description: None,
            statuses: statuses.to_vec(),
        }
    }

    #[test]
    fn a_grade_agrees_with_the_statuses_it_lists() {
        let a = grade(&[Status::Achieved, Status::OnTrack]);
        assert!(disagreeing(&a, [Status::OnTrack]).is_empty());
        assert!(disagreeing(&a, [Status::Achieved, Status::OnTrack]).is_empty());
        assert_eq!(disagreeing(&a, [Status::Worse]), vec![Status::Worse]);
        assert_eq!(
            disagreeing(&a, [Status::Behind, Status::OnTrack, Status::Behind]),
            vec![Status::Behind]
        );
    }

    #[test]
    fn no_data_is_not_compared() {
        let a = grade(&[Status::Achieved]);
        assert!(disagreeing(&a, [Status::NoData]).is_empty());
    }

    #[test]
    fn a_grade_without_statuses_is_never_compared() {
        assert!(disagreeing(&grade(&[]), [Status::Worse]).is_empty());
    }

    #[test]
    fn outlook_words_and_near_misses() {
        assert_eq!(Outlook::parse("改善"), Some(Outlook::Improve));
        assert_eq!(Outlook::parse("現状維持"), None);
        assert_eq!(Outlook::near("継読"), Some(Outlook::Continue));
        assert_eq!(Outlook::near("見直し"), None);
    }
}
