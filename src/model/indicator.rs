//! 指標 — an indicator and its series: 初期値 (baseline), 実績 (actuals) and 目標値 (targets).

use serde::Serialize;

use super::fiscal_year::FiscalYear;

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// 高いほど良い.
    Up,
    /// 低いほど良い.
    Down,
}

impl Direction {
    /// Reads the contract's words (`up`/`down`), and the Japanese ones staff may use.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "up" | "Up" | "UP" | "増加" | "上昇" | "高いほど良い" | "アップ" => {
                Some(Self::Up)
            }
            "down" | "Down" | "DOWN" | "減少" | "低下" | "低いほど良い" | "ダウン" => {
                Some(Self::Down)
            }
            _ => None,
        }
    }

    /// Contract code: `up` / `down`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Up => "up",
            Self::Down => "down",
        }
    }

    /// Japanese wording for pages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Up => "高いほど良い",
            Self::Down => "低いほど良い",
        }
    }

    /// True when `a` is at least as good as `b`.
    pub fn at_least_as_good(self, a: f64, b: f64) -> bool {
        match self {
            Self::Up => a >= b,
            Self::Down => a <= b,
        }
    }

    /// True when `a` is strictly worse than `b`.
    pub fn worse(self, a: f64, b: f64) -> bool {
        !self.at_least_as_good(a, b)
    }
}

/// One value of the series in one fiscal year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// 年度.
    pub year: FiscalYear,
    /// The value, in the indicator's unit.
    pub value: f64,
}

/// 指標: what is measured, with its whole series. Validated: targets are not empty, years
/// are unique within actuals and within targets, and every target is after the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// 指標名.
    pub name: String,
    /// 単位 (`%`, `地区`, `人` …); may be empty.
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
    /// 初期値.
    pub baseline: Point,
    /// 実績, in year order.
    pub actual: Vec<Point>,
    /// 目標値, in year order, never empty; the last is the 最終目標値.
    pub targets: Vec<Point>,
    /// Decimal places to show, the most any value was written with.
    pub decimals: u8,
}

impl Indicator {
    /// 最終目標値: the target of the latest year.
    pub fn final_target(&self) -> Point {
        *self
            .targets
            .last()
            .expect("validated: targets are never empty")
    }

    /// The plan line p(y): straight lines through the baseline and the targets in year
    /// order; a point's own year gives its value exactly; flat before the first and after
    /// the last point.
    pub fn plan_value(&self, year: FiscalYear) -> f64 {
        let points = self.plan_points();
        let first = points[0];
        if year <= first.year {
            return first.value;
        }
        for pair in points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if year <= b.year {
                let span = f64::from(b.year.western() - a.year.western());
                let t = f64::from(year.western() - a.year.western()) / span;
                return a.value + (b.value - a.value) * t;
            }
        }
        points[points.len() - 1].value
    }

    /// Baseline followed by the targets: the points the plan line goes through.
    pub fn plan_points(&self) -> Vec<Point> {
        std::iter::once(self.baseline)
            .chain(self.targets.iter().copied())
            .collect()
    }

    /// The latest actual not after `as_of` (all actuals when `as_of` is `None`).
    pub fn latest_actual(&self, as_of: Option<FiscalYear>) -> Option<Point> {
        self.actual
            .iter()
            .rev()
            .find(|p| as_of.is_none_or(|limit| p.year <= limit))
            .copied()
    }

    /// Every year that appears in the series, sorted, unique.
    pub fn years(&self) -> Vec<FiscalYear> {
        let mut years: Vec<FiscalYear> = std::iter::once(self.baseline.year)
            .chain(self.actual.iter().map(|p| p.year))
            .chain(self.targets.iter().map(|p| p.year))
            .collect();
        years.sort();
        years.dedup();
        years
    }
}
