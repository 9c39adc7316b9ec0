//! 前年度比 and このままのペース — the change from the previous year and where the pace
//! since the baseline leads, exactly as the contract (§9) defines them.
//!
//! Input: a validated [`Indicator`] and its [`Evaluation`] (which knows the latest actual
//! not after `as_of`). Output: a [`Pace`], or `None` for an indicator §9 does not cover: a
//! milestone (段階), an excluded one (対象外), one without a latest actual or whose latest
//! actual is not after the baseline year.
//!
//! Every value of an indicator is a decimal with at most [`Indicator::decimals`] places, so
//! the rules are computed on those values as integers (×10^decimals) and the results kept as
//! exact fractions ([`Exact`]): the reach year never depends on a floating-point rounding,
//! and numbers are rounded only when shown. The words pages use are in `pace_text`.

use super::evaluation::{Evaluation, Status};
use super::fiscal_year::FiscalYear;
use super::indicator::{Direction, Indicator, Point, SeriesKind};

/// How many years after the final target year a reach year may be (§9: "after yF + 20" is
/// none).
pub(crate) const REACH_HORIZON_YEARS: u16 = 20;

/// An exact fraction `num / den` (den > 0), in the indicator's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Exact {
    num: i128,
    den: i128,
}

impl Exact {
    fn new(num: i128, den: i128) -> Self {
        debug_assert!(den != 0, "a fraction's denominator is not zero");
        if den < 0 {
            Self {
                num: -num,
                den: -den,
            }
        } else {
            Self { num, den }
        }
    }

    /// The nearest `f64` (one correctly rounded division), for the open data.
    pub(crate) fn value(self) -> f64 {
        let v = self.num as f64 / self.den as f64;
        if v == 0.0 { 0.0 } else { v }
    }

    /// Rounded half away from zero to `places` decimals: the number as shown.
    pub(crate) fn rounded(self, places: u8) -> f64 {
        let scale = 10i128.pow(u32::from(places));
        let twice = 2 * self.num.abs() * scale;
        let units = (twice + self.den) / (2 * self.den);
        let units = if self.num < 0 { -units } else { units };
        let v = units as f64 / scale as f64;
        if v == 0.0 { 0.0 } else { v }
    }

    /// Whether `places` decimals show the fraction without rounding.
    pub(crate) fn is_exact_at(self, places: u8) -> bool {
        (self.num * 10i128.pow(u32::from(places))) % self.den == 0
    }

    /// The sign: −1, 0 or 1.
    pub(crate) fn signum(self) -> i128 {
        self.num.signum()
    }
}

/// Why there is no reach year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoReach {
    /// The pace is 0: the value does not move.
    Flat,
    /// The pace points away from the final target.
    AwayFromTarget,
    /// It would be after the final target year + [`REACH_HORIZON_YEARS`].
    TooLate,
}

/// When the pace reaches the final target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// The latest actual is already at least as good as the final target (reach year ya).
    Already,
    /// The first fiscal year whose projection is at least as good as the final target.
    In(FiscalYear),
    /// None, and why.
    Never(NoReach),
}

/// 前年度比 and このままのペース of one indicator (§9).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Pace {
    /// The value 前年度比 compares with: the latest earlier actual, or the baseline.
    pub previous: Point,
    /// Whether `previous` is the 実績 of its year or the 初期値.
    pub previous_kind: SeriesKind,
    /// b: the baseline (y0).
    pub baseline: Point,
    /// a: the latest actual (ya > y0).
    pub latest: Point,
    /// F: the final target (yF).
    pub final_target: Point,
    /// a − previous.
    pub change: Exact,
    /// r = (a − b) / (ya − y0), per year.
    pub per_year: Exact,
    /// a + r·(yF − ya); `None` when the latest actual is after the final target year.
    pub projected_final: Option<Exact>,
    /// The reach year, or why there is none.
    pub reach: Reach,
    /// a and b in units of the last decimal, that unit (10^decimals) and ya − y0.
    units: Units,
}

/// The values the fractions are made of, as integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Units {
    a: i128,
    b: i128,
    scale: i128,
    n: i128,
}

impl Pace {
    /// ya − y0: the years the pace is measured over (≥ 1).
    pub(crate) fn years_measured(&self) -> u16 {
        self.latest.year.western() - self.baseline.year.western()
    }

    /// yF − ya: the years from the latest actual to the final target year (may be 0).
    pub(crate) fn years_to_final(&self) -> Option<u16> {
        self.final_target
            .year
            .western()
            .checked_sub(self.latest.year.western())
    }

    /// a + r·(y − ya): the projection for `year`, from the latest actual's year on.
    pub(crate) fn projection_at(&self, year: FiscalYear) -> Option<Exact> {
        let k = year.western().checked_sub(self.latest.year.western())?;
        let Units { a, b, scale, n } = self.units;
        Some(Exact::new(a * n + (a - b) * i128::from(k), scale * n))
    }

    /// The reach year: ya when already reached, else the year found, else `None`.
    pub(crate) fn reach_year(&self) -> Option<FiscalYear> {
        match self.reach {
            Reach::Already => Some(self.latest.year),
            Reach::In(year) => Some(year),
            Reach::Never(_) => None,
        }
    }
}

/// 前年度比 and このままのペース of `indicator` as `evaluation` sees it (see the module
/// doc for the indicators that get none).
pub(crate) fn pace(indicator: &Indicator, evaluation: &Evaluation) -> Option<Pace> {
    if indicator.is_milestone() || evaluation.status == Status::Excluded {
        return None;
    }
    let latest = evaluation.latest?;
    let baseline = indicator.baseline;
    let n = i128::from(
        latest
            .year
            .western()
            .checked_sub(baseline.year.western())
            .filter(|&n| n > 0)?,
    );
    let (previous, previous_kind) = previous(indicator, baseline, latest);
    let final_target = evaluation.final_target;
    let scale = 10i128.pow(u32::from(indicator.decimals.min(12)));
    let units = |p: Point| (p.value * scale as f64).round() as i128;
    let (a, b, f) = (units(latest), units(baseline), units(final_target));
    let change = Exact::new(a - units(previous), scale);
    let per_year = Exact::new(a - b, scale * n);
    let reach = reach(
        indicator.direction,
        latest.year,
        final_target.year,
        a,
        b,
        f,
        n,
    );
    let mut pace = Pace {
        previous,
        previous_kind,
        baseline,
        latest,
        final_target,
        change,
        per_year,
        projected_final: None,
        reach,
        units: Units { a, b, scale, n },
    };
    pace.projected_final = pace.projection_at(final_target.year);
    Some(pace)
}

/// The latest actual before `latest` from the baseline year on, else the baseline.
fn previous(indicator: &Indicator, baseline: Point, latest: Point) -> (Point, SeriesKind) {
    indicator
        .actual
        .iter()
        .rev()
        .find(|p| p.year < latest.year && p.year >= baseline.year)
        .map_or((baseline, SeriesKind::Baseline), |p| {
            (*p, SeriesKind::Actual)
        })
}

/// The first year y ≥ ya with a + r·(y − ya) at least as good as F, on values in units of
/// the indicator's last decimal (r = (a − b) / n).
fn reach(
    direction: Direction,
    ya: FiscalYear,
    yf: FiscalYear,
    a: i128,
    b: i128,
    f: i128,
    n: i128,
) -> Reach {
    if direction.at_least_as_good(a as f64, f as f64) {
        return Reach::Already;
    }
    let step = a - b;
    let toward = match direction {
        Direction::Up => step > 0,
        Direction::Down => step < 0,
    };
    if step == 0 {
        return Reach::Never(NoReach::Flat);
    }
    if !toward {
        return Reach::Never(NoReach::AwayFromTarget);
    }
    // a + step·k/n reaches f: k ≥ (f − a)·n / step, both sides of the same sign.
    let (gap, step) = ((f - a).abs() * n, step.abs());
    let years = (gap + step - 1) / step;
    let limit = i128::from(yf.western()) + i128::from(REACH_HORIZON_YEARS);
    let year = i128::from(ya.western()) + years;
    if year > limit {
        return Reach::Never(NoReach::TooLate);
    }
    u16::try_from(year)
        .ok()
        .and_then(FiscalYear::new)
        .map_or(Reach::Never(NoReach::TooLate), Reach::In)
}

#[cfg(test)]
mod tests;
