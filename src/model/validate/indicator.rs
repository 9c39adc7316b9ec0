//! The indicator block of a goal: name, unit, direction, baseline, actuals and targets,
//! with years and values read and checked at their positions; and what real reports add
//! (§8.1): code, definition, source, milestone steps, exclusion, notes and `null` values.

use crate::content::{Node, NodeValue, Pos};
use crate::diag::Code;

use super::super::fiscal_year::FiscalYear;
use super::super::indicator::{Details, Direction, Indicator, Note, Point, SeriesKind};
use super::super::value::{ValueError, check_number, decimals_of, format_number, parse_value};
use super::checker::{Checker, suggest};
use super::{BASELINE_KEYS, INDICATOR_KEYS, VALUE_KEYS};

/// How an indicator's values are read: numbers in its unit, or the names of its steps.
#[derive(Clone, Copy)]
enum Scale<'s> {
    Number(&'s str),
    Steps(&'s [String]),
}

/// One value as read: a number (with its decimals) or not measured, with its note.
enum Read {
    Value(f64, u8, Option<String>),
    Unmeasured(Option<String>),
}

/// A series as read: its points (with decimals), notes and the years not measured.
#[derive(Default)]
struct SeriesRead {
    points: Vec<(Point, u8)>,
    notes: Vec<(FiscalYear, String)>,
    unmeasured: Vec<FiscalYear>,
}

/// What staff write for "not measured" besides `null`.
const UNMEASURED_MARKS: &[&str] = &["－", "-", "—", "―", "ー", "未測定"];

impl Checker<'_> {
    /// The goal's indicators: `indicator:` (one) or `indicators:` (a list), exactly one of
    /// the two.
    pub(super) fn indicators(&mut self, front: &Node) -> Option<Vec<Indicator>> {
        let key_pos = front
            .as_map()
            .unwrap_or_default()
            .iter()
            .find(|(k, _)| k.text == "indicators")
            .map_or(front.pos, |(k, _)| k.pos);
        match (front.get("indicator"), front.get("indicators")) {
            (Some(one), None) => self.indicator(one, "indicator").map(|i| vec![i]),
            (None, Some(list)) => self.indicator_list(list, key_pos),
            (Some(_), Some(_)) => {
                self.error(
                    Code::IndicatorBoth,
                    key_pos,
                    "「indicator」と「indicators」の両方が書かれています",
                    "指標が1つなら indicator:、複数なら indicators: の下に「- name: 〜」の形で並べ、どちらか一方だけにしてください",
                );
                None
            }
            (None, None) => {
                self.missing(
                    "indicator",
                    front.pos,
                    "必須のキー「indicator」（指標）がありません",
                    "indicator: の下に name, unit, direction, baseline, targets を書いてください（指標が複数なら indicators: の下に並べます）",
                );
                None
            }
        }
    }

    fn indicator_list(&mut self, list: &Node, key_pos: Pos) -> Option<Vec<Indicator>> {
        let help =
            "indicators: の下の行に「  - name: 指標名」で始めて、指標を1つずつ書いてください";
        let items = match &list.value {
            NodeValue::Seq(items) if !items.is_empty() => items,
            NodeValue::Seq(_) | NodeValue::Null => {
                self.error(
                    Code::NoIndicators,
                    key_pos,
                    "indicators に指標が1つも書かれていません",
                    help,
                );
                return None;
            }
            _ => {
                self.error(
                    Code::Type,
                    key_pos,
                    "「indicators」は指標のリストで書いてください",
                    help,
                );
                return None;
            }
        };
        let read: Vec<Option<Indicator>> = items
            .iter()
            .map(|item| self.indicator(item, "indicators の指標"))
            .collect();
        read.into_iter().collect()
    }

    /// Reads `indicator:` or one item of `indicators:` (`what` names it in messages).
    pub(super) fn indicator(&mut self, node: &Node, what: &str) -> Option<Indicator> {
        if node.as_map().is_none() {
            self.error(
                Code::Type,
                node.pos,
                format!(
                    "「{what}」は name, unit, direction, baseline, targets を持つ組で書いてください"
                ),
                format!("{what}: の次の行から字下げして name: 〜 などを書いてください"),
            );
            return None;
        }
        self.known_keys(node, INDICATOR_KEYS, what);
        let name = self.required_text(node, "name", "指標名（例: name: 自治会加入割合）");
        // A wrong `kind:` or `steps:` leaves the values unreadable: stop at that error.
        let steps = self.milestone_steps(node).ok()?;
        let unit = self.optional_text(node, "unit").unwrap_or_default();
        let direction = match &steps {
            Some(_) => self.milestone_direction(node),
            None => self.direction(node),
        };
        let scale = match &steps {
            Some(steps) => Scale::Steps(steps),
            None => Scale::Number(&unit),
        };
        let mut notes = Vec::new();
        let baseline = match node.get("baseline") {
            Some(b) => self.baseline(b, scale, &mut notes),
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
            .map(|a| self.series(a, "actual", scale))
            .unwrap_or_default();
        let targets = match node.get("targets") {
            Some(t) => self.series(t, "targets", scale),
            None => SeriesRead::default(),
        };
        let details = Details {
            code: self.code(node),
            definition: self.optional_text(node, "definition"),
            source: self.optional_text(node, "source"),
            exclude: self.exclude(node),
            unmeasured: actual.unmeasured.clone(),
            steps: None,
            notes: Vec::new(),
        };
        if targets.points.is_empty() && !self.failed {
            let pos = node.get("targets").map_or(node.pos, |t| t.pos);
            self.error(Code::NoTargets, pos, "目標値（targets）がありません", "targets: の下に「令和7年度: 72.7」のように年度と目標値を書いてください（最も後の年度が最終目標値です）");
        }
        let (baseline, baseline_decimals) = baseline?;
        if let Some(first) = targets.points.first()
            && first.0.year <= baseline.year
        {
            let pos = node.get("baseline").map_or(node.pos, |b| b.pos);
            self.error(
                Code::BaselineAfterTarget,
                pos,
                format!("初期値の年度（{}）が最初の目標年度（{}）より後か同じです", baseline.year.label(), first.0.year.label()),
                "初期値（baseline）は計画の始まりの年度、目標値（targets）はそれより後の年度で書いてください",
            );
            return None;
        }
        let decimals = actual
            .points
            .iter()
            .chain(&targets.points)
            .map(|(_, d)| *d)
            .chain([baseline_decimals])
            .max()
            .unwrap_or(0);
        let notes = notes
            .into_iter()
            .map(|(year, text)| (SeriesKind::Baseline, year, text))
            .chain(
                actual
                    .notes
                    .into_iter()
                    .map(|(y, t)| (SeriesKind::Actual, y, t)),
            )
            .chain(
                targets
                    .notes
                    .into_iter()
                    .map(|(y, t)| (SeriesKind::Target, y, t)),
            )
            .map(|(kind, year, text)| Note { kind, year, text })
            .collect();
        Some(Indicator {
            name: name?,
            unit,
            direction: direction?,
            baseline,
            actual: actual.points.into_iter().map(|(p, _)| p).collect(),
            targets: targets.points.into_iter().map(|(p, _)| p).collect(),
            decimals,
            details: Details {
                steps,
                notes,
                ..details
            },
        })
    }

    /// `kind: milestone` with its `steps:` (at least two, each once); `None` for a numeric
    /// indicator. `steps:` without `kind: milestone` is an error (`Err`, reported).
    fn milestone_steps(&mut self, node: &Node) -> Result<Option<Vec<String>>, ()> {
        let kind = node.get("kind");
        let milestone = match kind {
            None => false,
            Some(k) => match k.as_text().as_deref().map(str::trim) {
                Some("milestone") => true,
                Some("number") => false,
                other => {
                    let text = other.unwrap_or_default().to_string();
                    let help = match suggest(&text, &["milestone", "number"]) {
                        Some(s) => format!("もしかして「{s}」ですか？"),
                        None => "段階で進み具合を示す指標は kind: milestone と書いてください（数値の指標には kind は要りません）".to_string(),
                    };
                    self.error(
                        Code::Kind,
                        k.pos,
                        format!("kind「{text}」は milestone（段階の指標）か number（数値の指標）で書いてください"),
                        help,
                    );
                    return Err(());
                }
            },
        };
        let help = "steps: [未着手, 検討中, 策定, 運用] のように、段階を始めから順に書いてください";
        let Some(steps_node) = node.get("steps") else {
            if milestone {
                let pos = kind.map_or(node.pos, |k| k.pos);
                self.missing(
                    "steps",
                    pos,
                    "kind: milestone の指標に steps（段階の一覧）がありません",
                    help,
                );
                return Err(());
            }
            return Ok(None);
        };
        if !milestone {
            self.error(
                Code::StepsWithoutMilestone,
                steps_node.pos,
                "steps（段階の一覧）は kind: milestone の指標にだけ書けます",
                "段階で進み具合を示す指標なら kind: milestone を加え、数値の指標なら steps を消してください",
            );
            return Err(());
        }
        let NodeValue::Seq(items) = &steps_node.value else {
            self.error(
                Code::Type,
                steps_node.pos,
                "「steps」はリストで書いてください",
                help,
            );
            return Err(());
        };
        let mut steps: Vec<String> = Vec::new();
        for item in items {
            let Some(text) = item
                .as_text()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
            else {
                self.error(
                    Code::Type,
                    item.pos,
                    "steps の項目は段階の名前（文字列）で書いてください",
                    help,
                );
                return Err(());
            };
            if steps.contains(&text) {
                self.error(
                    Code::DuplicateStep,
                    item.pos,
                    format!("段階「{text}」が二回書かれています"),
                    "steps の段階は、それぞれ一度だけ書いてください",
                );
                return Err(());
            }
            steps.push(text);
        }
        if steps.len() < 2 {
            self.error(
                Code::Steps,
                steps_node.pos,
                "steps には段階を2つ以上書いてください",
                help,
            );
            return Err(());
        }
        Ok(Some(steps))
    }

    /// A milestone moves forward through its steps: `direction:` may be left out, and
    /// must be `up` when written.
    fn milestone_direction(&mut self, node: &Node) -> Option<Direction> {
        let Some(value) = node.get("direction") else {
            return Some(Direction::Up);
        };
        let text = value.as_text().unwrap_or_default();
        if Direction::parse(&text) == Some(Direction::Up) {
            return Some(Direction::Up);
        }
        self.error(
            Code::Direction,
            value.pos,
            format!("段階の指標（kind: milestone）の direction「{text}」は使えません（段階は先へ進むほど良いとみなします）"),
            "direction の行を消すか、direction: up と書いてください",
        );
        None
    }

    /// `code:`: one word, no spaces (it becomes the page anchor `#code` and the data id).
    fn code(&mut self, node: &Node) -> Option<String> {
        let code = self.optional_text(node, "code")?;
        if code
            .chars()
            .any(|c| c.is_whitespace() || c == '#' || c == '/')
        {
            let pos = node.get("code").map_or(node.pos, |n| n.pos);
            self.error(
                Code::IndicatorCode,
                pos,
                format!("指標コード「{code}」に空白・「#」・「/」は使えません"),
                "code: \"4-1-1\" のように、空白を含まない1語で書いてください",
            );
            return None;
        }
        Some(code)
    }

    /// `exclude:`: the reason the indicator is 評価対象外; a reason is required.
    fn exclude(&mut self, node: &Node) -> Option<String> {
        let value = node.get("exclude")?;
        let reason = self.optional_text(node, "exclude");
        if reason.is_none() && !matches!(value.value, NodeValue::Seq(_) | NodeValue::Map(_)) {
            self.error(
                Code::EmptyValue,
                value.pos,
                "「exclude」（評価の対象外）に理由が書かれていません",
                "exclude: 感染症の影響で比較できないため のように、対象外とする理由を書いてください",
            );
        }
        reason
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
                Code::Direction,
                value.pos,
                format!("direction「{text}」は up か down で書いてください"),
                help,
            );
        }
        parsed
    }

    fn baseline(
        &mut self,
        node: &Node,
        scale: Scale,
        notes: &mut Vec<(FiscalYear, String)>,
    ) -> Option<(Point, u8)> {
        let help = "baseline: { year: 令和5年度, value: 74.6 } のように書いてください";
        let Some(map) = node.as_map() else {
            self.error(
                Code::Type,
                node.pos,
                "「baseline」は year と value の組で書いてください",
                help,
            );
            return None;
        };
        if map.len() == 1 && node.get("year").is_none() && node.get("value").is_none() {
            // `baseline: { 令和5年度: 74.6 }` — the same shape as actual and targets.
            let read = self.series(node, "baseline", scale);
            notes.extend(read.notes);
            return read.points.into_iter().next();
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
            Some(v) => self.value(v, "baseline", scale),
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
        let note = match (node.get("note"), year) {
            (Some(_), Some(year)) => self.optional_text(node, "note").map(|n| (year, n)),
            _ => None,
        };
        notes.extend(note);
        let Read::Value(value, decimals, _) = value? else {
            return None;
        };
        Some((Point { year: year?, value }, decimals))
    }

    fn series(&mut self, node: &Node, key: &str, scale: Scale) -> SeriesRead {
        let Some(map) = node.as_map() else {
            if node.value != NodeValue::Null {
                self.error(
                    Code::Type,
                    node.pos,
                    format!("「{key}」は「年度: 値」の組で書いてください"),
                    format!("{key}: の下の行に「  令和6年度: 72.1」のように書いてください"),
                );
            }
            return SeriesRead::default();
        };
        let mut read = SeriesRead::default();
        let mut seen: Vec<(FiscalYear, Pos)> = Vec::new();
        for (k, v) in map {
            let Some(year) = self.year(&k.text, k.pos) else {
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(y, _)| *y == year) {
                let line = first.line;
                self.error(
                    Code::DuplicateYear,
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
            seen.push((year, k.pos));
            match self.value(v, key, scale) {
                Some(Read::Value(value, decimals, note)) => {
                    read.points.push((Point { year, value }, decimals));
                    read.notes.extend(note.map(|n| (year, n)));
                }
                Some(Read::Unmeasured(note)) => {
                    read.unmeasured.push(year);
                    read.notes.extend(note.map(|n| (year, n)));
                }
                None => {}
            }
        }
        read.points.sort_by_key(|(p, _)| p.year);
        read.unmeasured.sort();
        read.notes.sort_by_key(|(y, _)| *y);
        read
    }

    pub(super) fn year(&mut self, text: &str, pos: Pos) -> Option<FiscalYear> {
        match FiscalYear::parse_noted(text) {
            Ok((y, note)) => {
                if let Some(note) = note {
                    self.warning(Code::YearWarning, pos, note.message(), note.help());
                }
                Some(y)
            }
            Err(e) => {
                // The carets cover the whole year token (「令和0年度」), not its first character.
                let d = crate::diag::Diagnostic::error(
                    Code::Year,
                    &self.doc.source.path,
                    pos.line,
                    pos.column,
                    e.to_string(),
                )
                .with_help(e.help())
                .with_width(text.trim().chars().count());
                self.push(d);
                None
            }
        }
    }

    /// One value: a number (or a step name), `{ value: …, note: … }`, or — for 実績 only —
    /// `null` / `－` for a year not measured.
    fn value(&mut self, node: &Node, key: &str, scale: Scale) -> Option<Read> {
        if node.as_map().is_some() {
            return self.noted_value(node, key, scale);
        }
        let unmeasured = match &node.value {
            NodeValue::Null => true,
            NodeValue::String(s) => UNMEASURED_MARKS.contains(&s.trim()),
            _ => false,
        };
        if unmeasured {
            if key == "actual" {
                return Some(Read::Unmeasured(None));
            }
            self.error(
                Code::Value,
                node.pos,
                format!("{}の値が空です", key_label(key)),
                "72.1 のように数値を書いてください（まだ値がない年度は行ごと消してください）",
            );
            return None;
        }
        let steps = match scale {
            Scale::Steps(steps) => steps,
            Scale::Number(unit) => {
                return self
                    .number(node, key, unit)
                    .map(|(v, d)| Read::Value(v, d, None));
            }
        };
        let written = node.as_text().unwrap_or_default();
        let written = written.trim();
        if let Some(i) = steps.iter().position(|s| s == written) {
            return Some(Read::Value(i as f64, 0, None));
        }
        let names: Vec<&str> = steps.iter().map(String::as_str).collect();
        let list = names.join("、");
        let help = match suggest(written, &names) {
            Some(s) => format!("もしかして「{s}」ですか？ 書ける段階は {list} です"),
            None => format!("steps に書いた段階（{list}）のどれかを書いてください"),
        };
        self.error(
            Code::Step,
            node.pos,
            format!("{}「{written}」は steps にない段階です", key_label(key)),
            help,
        );
        None
    }

    /// `{ value: 69.5, note: 見込 }`.
    fn noted_value(&mut self, node: &Node, key: &str, scale: Scale) -> Option<Read> {
        self.known_keys(node, VALUE_KEYS, "値");
        let note = self.optional_text(node, "note");
        match node.get("value") {
            Some(v) if v.as_map().is_none() => match self.value(v, key, scale)? {
                Read::Value(value, decimals, _) => Some(Read::Value(value, decimals, note)),
                Read::Unmeasured(_) => Some(Read::Unmeasured(note)),
            },
            Some(v) => {
                self.error(
                    Code::Type,
                    v.pos,
                    "value には数値を1つ書いてください",
                    "{ value: 69.5, note: 見込 } のように書いてください",
                );
                None
            }
            None => {
                self.missing(
                    "value",
                    node.pos,
                    format!("{}に value（値）がありません", key_label(key)),
                    "{ value: 69.5, note: 見込 } のように、値と注記を書いてください",
                );
                None
            }
        }
    }

    fn number(&mut self, node: &Node, key: &str, unit: &str) -> Option<(f64, u8)> {
        let result = match &node.value {
            NodeValue::Number { value, text } => check_number(*value, text),
            NodeValue::String(s) => parse_value(s, unit),
            _ => Err(ValueError::NotANumber(node.kind().to_string())),
        };
        match result {
            Ok(parsed) => {
                if parsed.normalized {
                    let written = node.as_text().unwrap_or_default();
                    self.warning(
                        Code::ValueNormalized,
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
                    Code::Value,
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
