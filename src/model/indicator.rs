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
    /// What real reports add (§8.1): code, definition, source, milestone steps, exclusion,
    /// notes on values and years not measured. Empty for an indicator written as in §4.
    pub details: Details,
}

/// What real reports add to an indicator (§8.1); all optional.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Details {
    /// 指標コード (`4-1-1`): unique in the site; the anchor on the goal page and the data id.
    pub code: Option<String>,
    /// 指標の定義・算出方法.
    pub definition: Option<String>,
    /// 出典.
    pub source: Option<String>,
    /// `kind: milestone`: the ordered steps; the series' values are their positions (0, 1 …).
    pub steps: Option<Vec<String>>,
    /// 評価対象外: the reason given with `exclude:`.
    pub exclude: Option<String>,
    /// Notes written beside values (見込, 速報 …).
    pub notes: Vec<Note>,
    /// Years whose actual was written as `null` or `－`: not measured.
    pub unmeasured: Vec<FiscalYear>,
}

/// Which value of the series a note belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SeriesKind {
    /// 初期値.
    Baseline,
    /// 実績.
    Actual,
    /// 目標値.
    Target,
}

/// A note written beside one value (`{ value: 69.5, note: 見込 }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Which value.
    pub kind: SeriesKind,
    /// Its year.
    pub year: FiscalYear,
    /// The note (`見込`).
    pub text: String,
}

impl Indicator {
    /// Whether this is a milestone indicator (`kind: milestone`).
    pub fn is_milestone(&self) -> bool {
        self.details.steps.is_some()
    }

    /// The steps of a milestone indicator, in order (empty for a numeric one).
    pub fn steps(&self) -> &[String] {
        self.details.steps.as_deref().unwrap_or_default()
    }

    /// Whether the indicator is 評価対象外.
    pub fn is_excluded(&self) -> bool {
        self.details.exclude.is_some()
    }

    /// Whether the indicator uses anything of §8.1 (the pages and data then show it).
    pub fn has_details(&self) -> bool {
        self.details != Details::default()
    }

    /// The step name of a milestone value (its position), if it is one.
    pub fn step_name(&self, value: f64) -> Option<&str> {
        let steps = self.details.steps.as_ref()?;
        if value < 0.0 || value.fract() != 0.0 {
            return None;
        }
        steps.get(value as usize).map(String::as_str)
    }

    /// The note written beside the value of `kind` in `year`, if any.
    pub fn note(&self, kind: SeriesKind, year: FiscalYear) -> Option<&str> {
        self.details
            .notes
            .iter()
            .find(|n| n.kind == kind && n.year == year)
            .map(|n| n.text.as_str())
    }

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
