//! The indicator block of a goal: name, unit, direction, baseline, actuals and targets,
//! with years and values read and checked at their positions.

use crate::content::{Node, NodeValue, Pos};

use super::super::fiscal_year::FiscalYear;
use super::super::indicator::{Direction, Indicator, Point};
use super::super::value::{ValueError, check_number, decimals_of, format_number, parse_value};
use super::checker::Checker;
use super::{BASELINE_KEYS, INDICATOR_KEYS};

impl Checker<'_> {
    pub(super) fn indicator(&mut self, node: &Node) -> Option<Indicator> {
        if node.as_map().is_none() {
            self.error(
                "E-TYPE",
                node.pos,
                "「indicator」は name, unit, direction, baseline, targets を持つ組で書いてください",
                "indicator: の次の行から字下げして name: 〜 などを書いてください",
            );
            return None;
        }
        self.known_keys(node, INDICATOR_KEYS, "indicator");
        let name = self.required_text(node, "name", "指標名（例: name: 自治会加入割合）");
        let unit = self.optional_text(node, "unit").unwrap_or_default();
        let direction = self.direction(node);
        let baseline = match node.get("baseline") {
            Some(b) => self.baseline(b, &unit),
            None => {
                self.missing(
                    "baseline",
                    node.pos,
                    "必須のキー「baseline」（初期値）がありません",
                    "baseline: { year: 令和5年度, value: 74.6 } のように書いてください",
                );
                None
            }
        };
        let actual = node
            .get("actual")
            .map(|a| self.series(a, "actual", &unit))
            .unwrap_or_default();
        let targets = match node.get("targets") {
            Some(t) => self.series(t, "targets", &unit),
            None => Vec::new(),
        };
        if targets.is_empty() && !self.failed {
            let pos = node.get("targets").map_or(node.pos, |t| t.pos);
            self.error("E-NO-TARGETS", pos, "目標値（targets）がありません", "targets: の下に「令和7年度: 72.7」のように年度と目標値を書いてください（最も後の年度が最終目標値です）");
        }
        let (baseline, baseline_decimals) = baseline?;
        if let Some(first) = targets.first()
            && first.0.year <= baseline.year
        {
            let pos = node.get("baseline").map_or(node.pos, |b| b.pos);
            self.error(
                "E-BASELINE-AFTER-TARGET",
                pos,
                format!("初期値の年度（{}）が最初の目標年度（{}）より後か同じです", baseline.year.label(), first.0.year.label()),
                "初期値（baseline）は計画の始まりの年度、目標値（targets）はそれより後の年度で書いてください",
            );
            return None;
        }
        let decimals = actual
            .iter()
            .chain(&targets)
            .map(|(_, d)| *d)
            .chain([baseline_decimals])
            .max()
            .unwrap_or(0);
        Some(Indicator {
            name: name?,
            unit,
            direction: direction?,
            baseline,
            actual: actual.into_iter().map(|(p, _)| p).collect(),
            targets: targets.into_iter().map(|(p, _)| p).collect(),
            decimals,
        })
    }

    fn direction(&mut self, node: &Node) -> Option<Direction> {
        let help =
            "direction: up（高いほど良い）か direction: down（低いほど良い）と書いてください";
        let Some(value) = node.get("direction") else {
            self.missing(
                "direction",
                node.pos,
                "必須のキー「direction」（高いほど良いか低いほど良いか）がありません",
                help,
            );
            return None;
        };
        let text = value.as_text().unwrap_or_default();
        let parsed = Direction::parse(&text);
        if parsed.is_none() {
            self.error(
                "E-DIRECTION",
                value.pos,
                format!("direction「{text}」は up か down で書いてください"),
                help,
            );
        }
        parsed
    }

    fn baseline(&mut self, node: &Node, unit: &str) -> Option<(Point, u8)> {
        let help = "baseline: { year: 令和5年度, value: 74.6 } のように書いてください";
        let Some(map) = node.as_map() else {
            self.error(
                "E-TYPE",
                node.pos,
                "「baseline」は year と value の組で書いてください",
                help,
            );
            return None;
        };
        if map.len() == 1 && node.get("year").is_none() && node.get("value").is_none() {
            // `baseline: { 令和5年度: 74.6 }` — the same shape as actual and targets.
            return self.series(node, "baseline", unit).into_iter().next();
        }
        self.known_keys(node, BASELINE_KEYS, "baseline");
        let year = match node.get("year") {
            Some(y) => self.year(y.as_text().as_deref().unwrap_or(""), y.pos),
            None => {
                self.missing(
                    "year",
                    node.pos,
                    "baseline に year（初期値の年度）がありません",
                    help,
                );
                None
            }
        };
        let value = match node.get("value") {
            Some(v) => self.value(v, "baseline", unit),
            None => {
                self.missing(
                    "value",
                    node.pos,
                    "baseline に value（初期値）がありません",
                    help,
                );
                None
            }
        };
        let (value, decimals) = value?;
        Some((Point { year: year?, value }, decimals))
    }

    fn series(&mut self, node: &Node, key: &str, unit: &str) -> Vec<(Point, u8)> {
        let Some(map) = node.as_map() else {
            if node.value != NodeValue::Null {
                self.error(
                    "E-TYPE",
                    node.pos,
                    format!("「{key}」は「年度: 値」の組で書いてください"),
                    format!("{key}: の下の行に「  令和6年度: 72.1」のように書いてください"),
                );
            }
            return Vec::new();
        };
        let mut points: Vec<(Point, u8, Pos)> = Vec::new();
        for (k, v) in map {
            let Some(year) = self.year(&k.text, k.pos) else {
                continue;
            };
            if let Some((_, _, first)) = points.iter().find(|(p, _, _)| p.year == year) {
                let line = first.line;
                self.error(
                    "E-DUPLICATE-YEAR",
                    k.pos,
                    format!(
                        "{}の{}が二回書かれています（{}行目と同じ年度）",
                        key_label(key),
                        year.label(),
                        line
                    ),
                    "同じ年度は一度だけ書いてください",
                );
                continue;
            }
            if let Some((value, decimals)) = self.value(v, key, unit) {
                points.push((Point { year, value }, decimals, k.pos));
            }
        }
        points.sort_by_key(|(p, _, _)| p.year);
        points.into_iter().map(|(p, d, _)| (p, d)).collect()
    }

    pub(super) fn year(&mut self, text: &str, pos: Pos) -> Option<FiscalYear> {
        match FiscalYear::parse(text) {
            Ok(y) => Some(y),
            Err(e) => {
                self.error("E-YEAR", pos, e.to_string(), e.help());
                None
            }
        }
    }

    fn value(&mut self, node: &Node, key: &str, unit: &str) -> Option<(f64, u8)> {
        let result = match &node.value {
            NodeValue::Number { value, text } => check_number(*value, text),
            NodeValue::String(s) => parse_value(s, unit),
            NodeValue::Null => {
                self.error(
                    "E-VALUE",
                    node.pos,
                    format!("{}の値が空です", key_label(key)),
                    "72.1 のように数値を書いてください（まだ値がない年度は行ごと消してください）",
                );
                return None;
            }
            _ => Err(ValueError::NotANumber(node.kind().to_string())),
        };
        match result {
            Ok(parsed) => {
                if parsed.normalized {
                    let written = node.as_text().unwrap_or_default();
                    self.warning(
                        "W-VALUE-NORMALIZED",
                        node.pos,
                        format!(
                            "値「{written}」を {} として読みました",
                            format_number(parsed.value, parsed.decimals)
                        ),
                        "値は単位や全角文字を付けず、半角の数値だけで書くと確実です",
                    );
                }
                let decimals = match &node.value {
                    NodeValue::Number { text, .. } => decimals_of(text),
                    _ => parsed.decimals,
                };
                Some((parsed.value, decimals))
            }
            Err(e) => {
                self.error(
                    "E-VALUE",
                    node.pos,
                    format!("{}: {e}", key_label(key)),
                    e.help(),
                );
                None
            }
        }
    }
}

fn key_label(key: &str) -> &'static str {
    match key {
        "baseline" => "初期値",
        "actual" => "実績",
        "targets" => "目標値",
        _ => "値",
    }
}
