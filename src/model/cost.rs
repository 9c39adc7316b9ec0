//! 事業費 — a goal's costs by fiscal year (予算, 決算, 人件費) and what follows from them:
//! フルコスト (決算 + 人件費) and the cost per resident (住民1人当たり, in 円).
//!
//! Pure values and arithmetic; the front matter is read in `build::cost`.

use super::fiscal_year::FiscalYear;

/// The unit costs are written in: 円, 千円 or 万円.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostUnit {
    /// 円.
    Yen,
    /// 千円 (1,000 円).
    ThousandYen,
    /// 万円 (10,000 円).
    TenThousandYen,
}

impl CostUnit {
    /// Every unit, in the order messages list them.
    pub const ALL: [CostUnit; 3] = [
        CostUnit::Yen,
        CostUnit::ThousandYen,
        CostUnit::TenThousandYen,
    ];

    /// Reads `円`, `千円`, `万円`.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.label() == text.trim())
    }

    /// How it is written (`千円`).
    pub fn label(self) -> &'static str {
        match self {
            CostUnit::Yen => "円",
            CostUnit::ThousandYen => "千円",
            CostUnit::TenThousandYen => "万円",
        }
    }

    /// Yen in one of this unit.
    pub fn yen(self) -> u32 {
        match self {
            CostUnit::Yen => 1,
            CostUnit::ThousandYen => 1_000,
            CostUnit::TenThousandYen => 10_000,
        }
    }
}

/// One fiscal year's costs, in the goal's [`CostUnit`]; each may be missing (a budget
/// year has no 決算 yet).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CostYear {
    /// 年度.
    pub year: FiscalYear,
    /// 予算.
    pub budget: Option<f64>,
    /// 決算.
    pub settlement: Option<f64>,
    /// 人件費.
    pub personnel: Option<f64>,
}

impl CostYear {
    /// フルコスト = 決算 + 人件費; `None` unless both are known (half of it would look
    /// like the whole).
    pub fn full_cost(&self) -> Option<f64> {
        Some(self.settlement? + self.personnel?)
    }
}

/// 事業費: the unit and the years, in year order (each year once).
#[derive(Debug, Clone, PartialEq)]
pub struct Cost {
    /// The unit of every figure.
    pub unit: CostUnit,
    /// The years, sorted.
    pub years: Vec<CostYear>,
    /// Decimal places to show: the most any figure was written with.
    pub decimals: u8,
}

/// 住民1人当たり: `full_cost` (in `unit`) ÷ `population`, in 円, rounded to the nearest yen
/// (halves up). The figure is first turned into whole yen (a 千円 figure has at most three
/// decimals that matter), so the division is exact integer arithmetic. `None` when the
/// population is 0 or the cost is negative.
pub(crate) fn per_resident_yen(full_cost: f64, unit: CostUnit, population: u64) -> Option<u64> {
    if population == 0 || !full_cost.is_finite() || full_cost < 0.0 {
        return None;
    }
    let yen = (full_cost * f64::from(unit.yen())).round();
    // Costs are validated to at most 1e15 of their unit: the product fits in u128.
    let yen = yen as u128;
    let population = u128::from(population);
    let rounded = (2 * yen + population) / (2 * population);
    u64::try_from(rounded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(budget: Option<f64>, settlement: Option<f64>, personnel: Option<f64>) -> CostYear {
        CostYear {
            year: FiscalYear::new(2024).unwrap(),
            budget,
            settlement,
            personnel,
        }
    }

    #[test]
    fn full_cost_is_settlement_plus_personnel() {
        assert_eq!(
            year(Some(12000.0), Some(11480.0), Some(3200.0)).full_cost(),
            Some(14680.0)
        );
        assert_eq!(year(Some(12000.0), Some(11480.0), None).full_cost(), None);
        assert_eq!(year(Some(12500.0), None, Some(3200.0)).full_cost(), None);
    }

    #[test]
    fn per_resident_converts_the_unit_to_yen() {
        // 14,680千円 = 14,680,000円 ÷ 33,000人 = 444.85円 → 445円.
        assert_eq!(
            per_resident_yen(14680.0, CostUnit::ThousandYen, 33000),
            Some(445)
        );
        // 1,468万円 = 14,680,000円: the same.
        assert_eq!(
            per_resident_yen(1468.0, CostUnit::TenThousandYen, 33000),
            Some(445)
        );
        assert_eq!(
            per_resident_yen(14_680_000.0, CostUnit::Yen, 33000),
            Some(445)
        );
        // 12.5万円 = 125,000円 ÷ 1,000人 = 125円 exactly.
        assert_eq!(
            per_resident_yen(12.5, CostUnit::TenThousandYen, 1000),
            Some(125)
        );
    }

    #[test]
    fn per_resident_rounds_halves_up_and_below_half_down() {
        // 16,500円 ÷ 33,000人 = 0.5円 → 1円; 16,499円 → 0円.
        assert_eq!(per_resident_yen(16500.0, CostUnit::Yen, 33000), Some(1));
        assert_eq!(per_resident_yen(16499.0, CostUnit::Yen, 33000), Some(0));
        // 0.1千円 is 100円, not 99.99…円.
        assert_eq!(per_resident_yen(0.1, CostUnit::ThousandYen, 100), Some(1));
    }

    #[test]
    fn per_resident_needs_people_and_a_cost() {
        assert_eq!(per_resident_yen(100.0, CostUnit::Yen, 0), None);
        assert_eq!(per_resident_yen(-1.0, CostUnit::Yen, 10), None);
    }

    #[test]
    fn units_read_as_written() {
        assert_eq!(CostUnit::parse("千円"), Some(CostUnit::ThousandYen));
        assert_eq!(CostUnit::parse(" 万円 "), Some(CostUnit::TenThousandYen));
        assert_eq!(CostUnit::parse("円"), Some(CostUnit::Yen));
        assert_eq!(CostUnit::parse("百万円"), None);
    }
}
