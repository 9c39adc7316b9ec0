//! The `cost` block of a goal (§8.2): `unit` (円, 千円, 万円) and `years`, each year with
//! `budget` (予算), `settlement` (決算) and `personnel` (人件費), read and checked at their
//! positions.

use crate::content::{Node, NodeValue};
use crate::diag::Code;

use super::super::cost::{Cost, CostUnit, CostYear};
use super::super::value::{ValueError, check_number, decimals_of, format_number, parse_value};
use super::checker::{Checker, suggest};

const COST_KEYS: &[&str] = &["unit", "years"];
const COST_YEAR_KEYS: &[&str] = &["budget", "settlement", "personnel"];
const EXAMPLE: &str = "cost:\n  unit: 千円\n  years:\n    令和6年度: { budget: 12000, settlement: 11480, personnel: 3200 }";

impl Checker<'_> {
    pub(super) fn cost(&mut self, node: &Node) -> Option<Cost> {
        if node.as_map().is_none() {
            self.error(
                Code::Type,
                node.pos,
                "「cost」（事業費）は unit と years を持つ組で書いてください",
                format!("次のように書いてください:\n{EXAMPLE}"),
            );
            return None;
        }
        self.known_keys(node, COST_KEYS, "cost");
        let unit = self.cost_unit(node);
        let years = match node.get("years") {
            Some(y) => self.cost_years(y, unit.unwrap_or(CostUnit::Yen)),
            None => {
                self.missing(
                    "years",
                    node.pos,
                    "cost に years（年度ごとの予算・決算・人件費）がありません",
                    format!("次のように書いてください:\n{EXAMPLE}"),
                );
                return None;
            }
        };
        if years.is_empty() && !self.failed {
            let pos = node.get("years").map_or(node.pos, |y| y.pos);
            self.error(
                Code::EmptyValue,
                pos,
                "cost の years に年度がありません",
                format!("次のように書いてください:\n{EXAMPLE}"),
            );
            return None;
        }
        let decimals = years.iter().map(|(_, d)| *d).max().unwrap_or(0);
        Some(Cost {
            unit: unit?,
            years: years.into_iter().map(|(y, _)| y).collect(),
            decimals,
        })
    }

    fn cost_unit(&mut self, node: &Node) -> Option<CostUnit> {
        let allowed: Vec<&str> = CostUnit::ALL.iter().map(|u| u.label()).collect();
        let help = format!("unit: には {} のどれかを書いてください", allowed.join("、"));
        let Some(value) = node.get("unit") else {
            self.missing(
                "unit",
                node.pos,
                "cost に unit（金額の単位）がありません",
                help,
            );
            return None;
        };
        let text = value.as_text().unwrap_or_default();
        let unit = CostUnit::parse(&text);
        if unit.is_none() {
            let help = match suggest(text.trim(), &allowed) {
                Some(near) if text.trim().chars().count() > 1 => {
                    format!("もしかして「{near}」ですか？ {help}")
                }
                _ => help,
            };
            self.error(
                Code::CostUnit,
                value.pos,
                format!("金額の単位「{text}」は使えません"),
                help,
            );
        }
        unit
    }

    fn cost_years(&mut self, node: &Node, unit: CostUnit) -> Vec<(CostYear, u8)> {
        let Some(map) = node.as_map() else {
            self.error(
                Code::Type,
                node.pos,
                "「years」は「年度: { budget: 予算, settlement: 決算, personnel: 人件費 }」の組で書いてください",
                format!("次のように書いてください:\n{EXAMPLE}"),
            );
            return Vec::new();
        };
        let mut years: Vec<(CostYear, u8, usize)> = Vec::new();
        for (key, entry) in map {
            let Some(year) = self.year(&key.text, key.pos) else {
                continue;
            };
            if let Some((_, _, line)) = years.iter().find(|(y, _, _)| y.year == year) {
                let message = format!(
                    "事業費の{}が二回書かれています（{line}行目と同じ年度）",
                    year.label()
                );
                self.error(
                    Code::DuplicateYear,
                    key.pos,
                    message,
                    "同じ年度は一度だけ書いてください",
                );
                continue;
            }
            if let Some((cost, decimals)) = self.cost_year(entry, year, unit) {
                years.push((cost, decimals, key.pos.line));
            }
        }
        years.sort_by_key(|(y, _, _)| y.year);
        years.into_iter().map(|(y, d, _)| (y, d)).collect()
    }

    fn cost_year(
        &mut self,
        node: &Node,
        year: super::super::FiscalYear,
        unit: CostUnit,
    ) -> Option<(CostYear, u8)> {
        if node.as_map().is_none_or(<[_]>::is_empty) {
            self.error(
                Code::Type,
                node.pos,
                format!(
                    "{}の事業費は budget（予算）, settlement（決算）, personnel（人件費）の組で書いてください",
                    year.label()
                ),
                "{ budget: 12000, settlement: 11480, personnel: 3200 } のように、分かっているものだけ書いてください",
            );
            return None;
        }
        self.known_keys(node, COST_YEAR_KEYS, "事業費の年度");
        let mut decimals = 0;
        let mut figure = |ck: &mut Self, key: &str| {
            let (value, d) = ck.cost_figure(node.get(key)?, key, unit)?;
            decimals = decimals.max(d);
            Some(value)
        };
        let budget = figure(self, "budget");
        let settlement = figure(self, "settlement");
        let personnel = figure(self, "personnel");
        Some((
            CostYear {
                year,
                budget,
                settlement,
                personnel,
            },
            decimals,
        ))
    }

    /// One figure: a number of `unit`, not negative; `"12,000千円"` is read with a warning.
    fn cost_figure(&mut self, node: &Node, key: &str, unit: CostUnit) -> Option<(f64, u8)> {
        let what = match key {
            "budget" => "予算",
            "settlement" => "決算",
            _ => "人件費",
        };
        let result = match &node.value {
            NodeValue::Number { value, text } => check_number(*value, text),
            NodeValue::String(s) => parse_value(s, unit.label()),
            NodeValue::Null => return None,
            _ => Err(ValueError::NotANumber(node.kind().to_string())),
        };
        let parsed = match result {
            Ok(parsed) => parsed,
            Err(e) => {
                self.error(Code::Value, node.pos, format!("{what}: {e}"), e.help());
                return None;
            }
        };
        if parsed.value < 0.0 {
            self.error(
                Code::Value,
                node.pos,
                format!("{what}がマイナスになっています"),
                format!(
                    "{what}は0以上の金額を、単位（{}）の数値で書いてください",
                    unit.label()
                ),
            );
            return None;
        }
        if parsed.normalized {
            let written = node.as_text().unwrap_or_default();
            self.warning(
                Code::ValueNormalized,
                node.pos,
                format!(
                    "{what}「{written}」を {} として読みました",
                    format_number(parsed.value, parsed.decimals)
                ),
                format!(
                    "金額は単位（{}）や桁区切りを付けず、半角の数値だけで書くと確実です",
                    unit.label()
                ),
            );
        }
        let decimals = match &node.value {
            NodeValue::Number { text, .. } => decimals_of(text),
            _ => parsed.decimals,
        };
        Some((parsed.value, decimals))
    }
}
