//! `direction` is not on the sheets: it is inferred from the final target against the
//! baseline (a higher 最終目標値 means higher is better). A final target equal to the
//! baseline (a "keep the level" goal) tells nothing; the importer then writes `up`, marks
//! the line and warns, so staff decide.

use crate::model::Direction;
use crate::model::value::format_number;

/// What the sheet's numbers say about the direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Inference {
    /// Inferred from the numbers.
    Inferred(Direction),
    /// The final target equals the baseline: nothing to infer from.
    Unknown,
}

impl Inference {
    /// The direction to write (`up` when unknown, to be checked by staff).
    pub(crate) fn direction(self) -> Direction {
        match self {
            Inference::Inferred(d) => d,
            Inference::Unknown => Direction::Up,
        }
    }
}

/// Compares the final target with the baseline.
pub(crate) fn infer(baseline: f64, final_target: f64) -> Inference {
    if final_target > baseline {
        Inference::Inferred(Direction::Up)
    } else if final_target < baseline {
        Inference::Inferred(Direction::Down)
    } else {
        Inference::Unknown
    }
}

/// The YAML comment written after `direction:` (`推定: 最終目標値 75.0 > 初期値 74.6`).
pub(crate) fn comment(
    inference: Inference,
    baseline: (f64, u8),
    final_target: (f64, u8),
) -> String {
    let b = format_number(baseline.0, baseline.1);
    let f = format_number(final_target.0, final_target.1);
    match inference {
        Inference::Inferred(Direction::Up) => format!("推定: 最終目標値 {f} > 初期値 {b}"),
        Inference::Inferred(Direction::Down) => format!("推定: 最終目標値 {f} < 初期値 {b}"),
        Inference::Unknown => format!(
            "要確認: 最終目標値と初期値が同じ（{f}）ため推定できません。低いほど良いなら down"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_higher_final_target_means_up_a_lower_one_down() {
        assert_eq!(infer(74.6, 75.0), Inference::Inferred(Direction::Up));
        assert_eq!(infer(120.0, 80.0), Inference::Inferred(Direction::Down));
        assert_eq!(infer(53.2, 53.2), Inference::Unknown);
        assert_eq!(Inference::Unknown.direction(), Direction::Up);
        assert_eq!(
            comment(infer(9400.0, 8000.0), (9400.0, 0), (8000.0, 0)),
            "推定: 最終目標値 8,000 < 初期値 9,400"
        );
    }
}
