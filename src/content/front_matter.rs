//! Front matter: splits the `---` block from the Markdown body and parses its YAML into a
//! position-carrying [`Node`] tree. The only module that calls the YAML crate.
//!
//! YAML errors carry positions relative to the block; they are moved to file lines here.
//! The YAML crate does not give positions of values, so keys are found again in the text by
//! `Locator`, which follows block indentation (and flow `{ }` on one line).

use crate::diag::Code;
use serde_yaml::Value;

use super::raw::{Key, Node, NodeValue, Pos};
use super::yaml_guard::{self, Hazard};

/// A file split into front matter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The YAML text between the fences (`None` when the file has no front matter).
    pub yaml: Option<&'a str>,
    /// File line of the first YAML line.
    pub yaml_first_line: usize,
    /// The Markdown body.
    pub body: &'a str,
    /// File line of the first body line.
    pub body_first_line: usize,
}

/// Why the front matter could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FrontMatterError {
    /// Stable code.
    pub code: Code,
    /// File line.
    pub line: usize,
    /// Column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// Splits `---\n…\n---\n body`. A file that does not start with `---` has no front matter.
pub(crate) fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Ok(Split {
            yaml: None,
            yaml_first_line: 1,
            body: text,
            body_first_line: 1,
        });
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    for (line, raw_line) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        let trimmed = raw_line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let body_start = offset + raw_line.len();
            return Ok(Split {
                yaml: Some(&text[yaml_start..offset]),
                yaml_first_line: 2,
                body: &text[body_start..],
                body_first_line: line + 1,
            });
        }
        offset += raw_line.len();
    }
    Err(FrontMatterError {
        code: Code::FmUnclosed,
        line: 1,
        column: 1,
        message: "フロントマター（先頭の --- で始まる設定部分）が閉じられていません".into(),
        help: "設定部分の終わりに、--- だけを書いた行を追加してください".into(),
    })
}

/// Parses front matter YAML into a [`Node`] tree; `first_line` is the file line of its first line.
pub(crate) fn parse(yaml: &str, first_line: usize) -> Result<Node, FrontMatterError> {
    if let Some(hazard) = yaml_guard::scan(yaml) {
        return Err(hazard_error(hazard, yaml, first_line));
    }
    let value: Value = serde_yaml::from_str(yaml).map_err(|e| yaml_error(&e, yaml, first_line))?;
    let locator = Locator {
        text: yaml,
        first_line,
        line_starts: std::iter::once(0)
            .chain(yaml.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
    };
    let root_pos = Pos {
        line: first_line,
        column: 1,
    };
    Ok(locator.node(&value, 0, yaml.len(), root_pos))
}

/// The file line and column of a byte offset in the YAML text (lines end at `\n`).
fn file_position(yaml: &str, first_line: usize, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(yaml.len());
    while !yaml.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &yaml[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        first_line + before.matches('\n').count(),
        before[line_start..].chars().count() + 1,
    )
}

/// The byte offset of the parser's 1-based `line` and `column`, counted as the parser
/// counts them: LF, CR, CRLF, NEL (U+0085), LS (U+2028) and PS (U+2029) end a line.
fn parser_offset(yaml: &str, line: usize, column: usize) -> usize {
    let (mut at_line, mut at_column) = (1, 1);
    let mut chars = yaml.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if (at_line, at_column) >= (line, column) {
            return offset;
        }
        match c {
            '\r' if chars.peek().is_some_and(|&(_, next)| next == '\n') => {}
            '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                (at_line, at_column) = (at_line + 1, 1)
            }
            _ => at_column += 1,
        }
    }
    yaml.len()
}

/// What the guard found, at its file line and column, before the parser saw it.
fn hazard_error(hazard: Hazard, yaml: &str, first_line: usize) -> FrontMatterError {
    let at = |offset: usize| file_position(yaml, first_line, offset);
    match hazard {
        Hazard::TooDeep { offset } => {
            let (line, column) = at(offset);
            FrontMatterError {
                code: Code::YamlLimit,
                line,
                column,
                message: format!(
                    "YAMLの入れ子が深すぎます（[ ] や {{ }}、「- 」の重なりは {} 段までです）",
                    yaml_guard::MAX_DEPTH
                ),
                help: "フロントマターには、キーと値を素直に書いてください（かっこの閉じ忘れがないかも確認してください）".into(),
            }
        }
        Hazard::Control { offset, ch } => {
            let (line, column) = at(offset);
            FrontMatterError {
                code: Code::Yaml,
                line,
                column,
                message: format!(
                    "フロントマターに制御文字（U+{:04X}、目に見えない文字）が入っています",
                    u32::from(ch)
                ),
                help: "その文字を消してください（ほかのソフトから貼り付けたときに紛れ込むことがあります）".into(),
            }
        }
    }
}

fn yaml_error(e: &serde_yaml::Error, yaml: &str, first_line: usize) -> FrontMatterError {
    let text = e.to_string();
    // An unclosed bracket or quote is found only where the parser gives up (often the end of
    // the front matter); staff need the place where it was opened.
    // The parser counts NEL, LS and PS (and a lone CR) as line ends too: its line and column
    // are turned into a place in the text, and that into the file's line and column.
    let (line, column) = opening_mark(&text)
        .map(|(l, c)| parser_offset(yaml, l, c))
        .or_else(|| e.location().map(|l| l.index().min(yaml.len())))
        .map_or((first_line, 1), |offset| {
            file_position(yaml, first_line, offset)
        });
    let base = FrontMatterError {
        code: Code::Yaml,
        line,
        column,
        message: String::new(),
        help: String::new(),
    };
    if let Some(rest) = text.split("duplicate entry with key ").nth(1) {
        let key = rest
            .split(" at line")
            .next()
            .unwrap_or(rest)
            .trim_matches('"');
        let line = second_occurrence(yaml, key, line - first_line).map_or(line, |l| l + first_line);
        return FrontMatterError {
            code: Code::DuplicateKey,
            line,
            column: 1,
            message: format!("キー「{key}」が二回書かれています"),
            help:
                "同じキーは一度だけ書いてください（年度の重複なら、どちらかの値を消してください）"
                    .into(),
        };
    }
    if let Some(rest) = text.split("invalid type: integer `").nth(1) {
        // An integer too large for any number type: a value, not a YAML syntax problem.
        let number = rest.split('`').next().unwrap_or(rest);
        return FrontMatterError {
            code: Code::Value,
            message: format!("「{number}」は数値として大きすぎるか、数値ではない特別な値です"),
            help: "72.1 のように実際の値を半角数字で書いてください".into(),
            ..base
        };
    }
    if text.contains("recursion limit") || text.contains("repetition limit") {
        return FrontMatterError {
            code: Code::YamlLimit,
            message: "YAMLの入れ子やエイリアス（&・*）が深すぎるか多すぎます".into(),
            help:
                "フロントマターには、キーと値を素直に書いてください（& や * は使わないでください）"
                    .into(),
            ..base
        };
    }
    let tab = yaml
        .lines()
        .nth(line.saturating_sub(first_line))
        .is_some_and(|l| l.starts_with('\t'));
    let help = if tab {
        "字下げにタブ文字は使えません。半角スペースで字下げしてください".to_string()
    } else {
        "「キー: 値」の形（コロンの後に半角スペース）、字下げ、引用符やかっこの閉じ忘れを確認してください".to_string()
    };
    FrontMatterError {
        message: format!(
            "フロントマターのYAMLが読めません: {}",
            describe_yaml_problem(&text)
        ),
        help,
        ..base
    }
}

/// Where an unclosed flow sequence `[`, flow mapping `{` or quoted scalar began: libyaml's
/// context mark (`…, while parsing a flow sequence at line 2 column 8`), 1-based within the
/// YAML text.
fn opening_mark(text: &str) -> Option<(usize, usize)> {
    const CONTEXTS: [&str; 3] = [
        "while parsing a flow sequence at line ",
        "while parsing a flow mapping at line ",
        "while scanning a quoted scalar at line ",
    ];
    let rest = CONTEXTS
        .iter()
        .find_map(|context| text.split(context).nth(1))?;
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// The 0-based line of the second key `key` at or after line `from` (the parser reports the
/// start of the mapping, but staff need the line of the repeated key).
fn second_occurrence(yaml: &str, key: &str, from: usize) -> Option<usize> {
    let is_key_line = |l: &str| {
        let t = l.trim_start().trim_start_matches("- ");
        [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .any(|k| {
                t.strip_prefix(k.as_str())
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
    };
    yaml.lines()
        .enumerate()
        .skip(from)
        .filter(|(_, l)| is_key_line(l))
        .nth(1)
        .map(|(i, _)| i)
}

/// The parser's problem in Japanese: known libyaml messages are translated; others keep
/// the parser's words (without the position, which we give ourselves).
fn describe_yaml_problem(text: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        (
            "did not find expected ',' or ']'",
            "リストの [ ] が閉じられていません",
        ),
        (
            "did not find expected ',' or '}'",
            "{ } が閉じられていません",
        ),
        (
            "mapping values are not allowed",
            "この位置に「キー: 値」は書けません（値の中のコロン「:」は引用符で囲んでください）",
        ),
        (
            "found character that cannot start any token",
            "YAMLでは使えない文字で始まっています（タブ文字や記号 @ ` などを確認してください）",
        ),
        ("did not find expected key", "字下げがそろっていません"),
        (
            "could not find expected ':'",
            "「キー: 値」のコロン「:」がありません",
        ),
        (
            "while scanning a quoted scalar",
            "引用符（\" または '）が閉じられていません",
        ),
        ("found a tab character", "タブ文字で字下げしています"),
        (
            "block sequence entries are not allowed",
            "リストの「-」の位置が正しくありません",
        ),
        (
            "found undefined alias",
            "定義されていないエイリアス（*）があります",
        ),
        ("did not find expected node content", "値が書かれていません"),
        (
            "did not find expected '-' indicator",
            "リストの「-」の字下げがそろっていません",
        ),
        (
            "found unexpected end of stream",
            "ファイルの終わりで記述が途切れています（引用符やかっこの閉じ忘れ）",
        ),
        ("invalid type", "値の形が正しくありません"),
    ];
    if let Some((_, japanese)) = KNOWN.iter().find(|(english, _)| text.contains(english)) {
        return (*japanese).to_string();
    }
    let head = text.split(" at line ").next().unwrap_or(text);
    let head = head.split(", while ").next().unwrap_or(head);
    head.trim().to_string()
}

/// Finds where keys and sequence items were written (see the module doc).
struct Locator<'a> {
    text: &'a str,
    first_line: usize,
    /// Byte offset of each line's start in `text`.
    line_starts: Vec<usize>,
}

impl Locator<'_> {
    fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        // The line holding `offset`: the last line start at or before it.
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let line_start = self.line_starts[line];
        Pos {
            line: self.first_line + line,
            column: self.text[line_start..offset].chars().count() + 1,
        }
    }

    fn node(&self, value: &Value, start: usize, end: usize, pos: Pos) -> Node {
        let value = match value {
            Value::Null => NodeValue::Null,
            Value::Bool(b) => NodeValue::Bool(*b),
            Value::Number(n) => NodeValue::Number {
                value: n.as_f64().unwrap_or(f64::NAN),
                text: n.to_string(),
            },
            Value::String(s) => NodeValue::String(s.clone()),
            Value::Sequence(items) => NodeValue::Seq(self.seq(items, start, end, pos)),
            Value::Mapping(map) => NodeValue::Map(self.map(map, start, end, pos)),
            Value::Tagged(tagged) => return self.node(&tagged.value, start, end, pos),
        };
        Node { pos, value }
    }

    fn map(
        &self,
        map: &serde_yaml::Mapping,
        start: usize,
        end: usize,
        pos: Pos,
    ) -> Vec<(Key, Node)> {
        let mut cursor = start;
        let mut entries = Vec::with_capacity(map.len());
        for (k, v) in map {
            let text = key_text(k);
            let (key_pos, value_start, value_end) = match self.find_key(&text, cursor, end) {
                Some(found) => {
                    cursor = found.value_start;
                    (self.pos(found.key), found.value_start, found.block_end)
                }
                None => (pos, start, end),
            };
            let value_pos = self.value_pos(value_start, value_end).unwrap_or(key_pos);
            entries.push((
                Key { text, pos: key_pos },
                self.node(v, value_start, value_end, value_pos),
            ));
        }
        entries
    }

    fn seq(&self, items: &[Value], start: usize, end: usize, pos: Pos) -> Vec<Node> {
        let dashes = self.dashes(start, end);
        items
            .iter()
            .enumerate()
            .map(|(i, item)| match dashes.get(i) {
                Some(&d) => {
                    let item_end = dashes.get(i + 1).copied().unwrap_or(end);
                    let value_pos = self.value_pos(d + 1, item_end).unwrap_or(self.pos(d));
                    self.node(item, d + 1, item_end, value_pos)
                }
                None => self.node(item, start, end, pos),
            })
            .collect()
    }

    /// Offsets of block sequence dashes at the first dash's indentation.
    fn dashes(&self, start: usize, end: usize) -> Vec<usize> {
        let mut found = Vec::new();
        let mut indent = None;
        let mut offset = start;
        for line in self.text[start..end].split_inclusive('\n') {
            let content = line.trim_start_matches(' ');
            let this_indent = line.len() - content.len();
            let is_dash = content.starts_with("- ") || content.trim_end() == "-";
            let at_line_start = offset == 0 || self.text.as_bytes()[offset - 1] == b'\n';
            if is_dash && at_line_start && indent.is_none_or(|i| i == this_indent) {
                indent = Some(this_indent);
                found.push(offset + this_indent);
            } else if let Some(i) = indent
                && !content.trim().is_empty()
                && !content.starts_with('#')
                && this_indent < i
            {
                break;
            }
            offset += line.len();
        }
        found
    }

    /// First non-space character of the value: on the key's line, or the next non-blank line.
    fn value_pos(&self, start: usize, end: usize) -> Option<Pos> {
        let slice = &self.text[start..end.max(start)];
        let skip = slice.find(|c: char| !c.is_whitespace())?;
        if slice[skip..].starts_with('#') {
            let next_line = slice[skip..].find('\n')? + skip + 1;
            return self.value_pos(start + next_line, end);
        }
        Some(self.pos(start + skip))
    }

    fn find_key(&self, key: &str, from: usize, end: usize) -> Option<FoundKey> {
        let hay = &self.text[from..end];
        for variant in [key.to_string(), format!("\"{key}\""), format!("'{key}'")] {
            // An empty key is found only quoted (an empty pattern would match forever).
            if variant.is_empty() {
                continue;
            }
            let mut search = 0;
            while let Some(i) = hay[search..].find(&variant) {
                let at = from + search + i;
                search += i + variant.len();
                if let Some(found) = self.key_at(at, variant.len(), end) {
                    return Some(found);
                }
            }
        }
        None
    }

    fn key_at(&self, at: usize, len: usize, end: usize) -> Option<FoundKey> {
        let before = self.text[..at].chars().next_back();
        let line_start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let prefix = &self.text[line_start..at];
        let starts_ok = prefix.trim_start_matches([' ', '-']).is_empty()
            || matches!(before, Some('{' | ',' | ' ') if prefix.contains('{'));
        let after = &self.text[at + len..end];
        let colon = after.len() - after.trim_start_matches(' ').len();
        let is_key = after[colon..].starts_with(':')
            && after[colon + 1..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || c == ',' || c == '}');
        if !(starts_ok && is_key) {
            return None;
        }
        let value_start = at + len + colon + 1;
        let key_indent = prefix.len();
        Some(FoundKey {
            key: at,
            value_start,
            block_end: self.block_end(value_start, key_indent, end),
        })
    }

    /// End of a key's block: the first later line indented no deeper than the key.
    fn block_end(&self, value_start: usize, key_indent: usize, end: usize) -> usize {
        let Some(nl) = self.text[value_start..end].find('\n') else {
            return end;
        };
        let mut offset = value_start + nl + 1;
        for line in self.text[offset..end].split_inclusive('\n') {
            let content = line.trim_start_matches(' ');
            let indent = line.len() - content.len();
            let meaningful = !content.trim().is_empty() && !content.starts_with('#');
            let is_seq_at_same = content.starts_with('-') && indent == key_indent;
            if meaningful && indent <= key_indent && !is_seq_at_same {
                return offset;
            }
            offset += line.len();
        }
        end
    }
}

struct FoundKey {
    key: usize,
    value_start: usize,
    block_end: usize,
}

fn key_text(k: &Value) -> String {
    match k {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "~".into(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOAL: &str = "---\ntitle: 地域コミュニティの推進\nindicator:\n  name: 自治会加入割合\n  unit: \"%\"\n  baseline: { year: 令和5年度, value: 74.6 }\n  actual:\n    令和6年度: 72.1\n  targets:\n    令和7年度: 72.7\n    2029: 75.0\nduties:\n  - 一つ目\n  - 二つ目\n---\n本文\n";

    #[test]
    fn splits_front_matter_and_body() {
        let s = split(GOAL).unwrap();
        assert_eq!(s.body, "本文\n");
        assert_eq!(s.body_first_line, 16);
        assert!(split("# 見出し\n").unwrap().yaml.is_none());
        let e = split("---\ntitle: x\n本文\n").unwrap_err();
        assert_eq!((e.code, e.line), (Code::FmUnclosed, 1));
    }

    #[test]
    fn every_value_knows_its_line_and_column() {
        let s = split(GOAL).unwrap();
        let root = parse(s.yaml.unwrap(), s.yaml_first_line).unwrap();
        let ind = root.get("indicator").unwrap();
        let pos = |n: &Node| (n.pos.line, n.pos.column);
        assert_eq!(pos(root.get("title").unwrap()), (2, 8));
        assert_eq!(pos(ind.get("unit").unwrap()), (5, 9));
        let baseline = ind.get("baseline").unwrap();
        assert_eq!(pos(baseline.get("value").unwrap()), (6, 35));
        assert_eq!(
            pos(ind.get("actual").unwrap().get("令和6年度").unwrap()),
            (8, 12)
        );
        let targets = ind.get("targets").unwrap().as_map().unwrap();
        assert_eq!(
            (targets[1].0.text.as_str(), targets[1].0.pos.line),
            ("2029", 11)
        );
        let NodeValue::Seq(duties) = &root.get("duties").unwrap().value else {
            panic!()
        };
        assert_eq!(
            duties.iter().map(pos).collect::<Vec<_>>(),
            [(13, 5), (14, 5)]
        );
    }

    #[test]
    fn yaml_errors_point_at_file_lines() {
        // An unclosed bracket or quote: at its opening, not where the parser gave up.
        let e = parse("title: x\nindicator: [1\n", 2).unwrap_err();
        assert_eq!((e.code, e.line, e.column), (Code::Yaml, 3, 12));
        let e = parse("title: \"abc\nindicator: x\n", 2).unwrap_err();
        assert_eq!((e.line, e.column), (2, 8));
        assert!(e.message.contains("引用符"), "{}", e.message);
        let e = parse("a:\n  b: {c: 1\n  d: 3\n", 2).unwrap_err();
        assert_eq!((e.line, e.column), (3, 6));
        // Other errors keep the parser's position.
        let e = parse("a: 1\n b: 2\n", 2).unwrap_err();
        assert_eq!(e.line, 3);
        let d = parse("a:\n  令和6年度: 1\n  令和6年度: 2\n", 2).unwrap_err();
        assert_eq!((d.code, d.line), (Code::DuplicateKey, 4));
        assert!(d.message.contains("令和6年度"));
    }

    #[test]
    fn hostile_yaml_ends_quickly_with_an_error() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep, 2).unwrap_err().code, Code::YamlLimit);
        let mut bomb = String::from("a: &a [x,x,x,x,x,x,x,x,x]\n");
        for i in 0..20 {
            let prev = if i == 0 {
                "*a".to_string()
            } else {
                format!("*b{}", i - 1)
            };
            bomb += &format!("b{i}: &b{i} [{}]\n", vec![prev; 9].join(","));
        }
        assert_eq!(parse(&bomb, 2).unwrap_err().code, Code::YamlLimit);
    }

    #[test]
    fn deep_brackets_are_refused_in_linear_time_where_they_get_too_deep() {
        // The YAML crate's scanner is quadratic in the depth of [ and {: 200,000 of them
        // (a 400 KB file) took minutes before they were refused ahead of it.
        for opener in ["[", "{a: ", "[\n"] {
            let deep = format!("title: x\nindicator: {}\n", opener.repeat(200_000));
            let started = std::time::Instant::now();
            let e = parse(&deep, 2).unwrap_err();
            assert!(started.elapsed() < std::time::Duration::from_secs(3));
            assert_eq!(e.code, Code::YamlLimit, "{opener}");
            assert!(e.message.contains("入れ子が深すぎます"), "{}", e.message);
            // At the first bracket too many.
            let expected = if opener.ends_with('\n') {
                (3 + 128, 1)
            } else {
                (3, "indicator: ".len() + 128 * opener.len() + 1)
            };
            assert_eq!((e.line, e.column), expected, "{opener}");
        }
    }

    #[test]
    fn an_empty_key_is_found_where_it_is_written() {
        // Looking for the key "" never ended (found by the fuzz test).
        let root = parse("actual:\n  \"\": 72.1\n  令和6年度: 1\n", 2).unwrap();
        let actual = root.get("actual").unwrap().as_map().unwrap();
        assert_eq!(actual[0].0.text, "");
        assert_eq!((actual[0].0.pos.line, actual[0].0.pos.column), (3, 3));
        assert_eq!((actual[1].1.pos.line, actual[1].1.pos.column), (4, 10));
    }

    #[test]
    fn line_ends_only_the_parser_knows_do_not_move_errors() {
        // NEL and LS end a line for the parser, not for the file: the error is still at the
        // file's line and column.
        for break_char in ['\u{85}', '\u{2028}'] {
            let yaml = format!("title: \"a{break_char}b\"\nsummary: x\n  y: 1\n");
            let e = parse(&yaml, 2).unwrap_err();
            assert_eq!((e.line, e.column), (4, 4), "{break_char:?}: {}", e.message);
            // And an unclosed quote opened after one.
            let yaml = format!("title: \"a{break_char}b\"\nsummary: 'x\n");
            let e = parse(&yaml, 2).unwrap_err();
            assert_eq!((e.line, e.column), (3, 10), "{break_char:?}: {}", e.message);
        }
    }

    #[test]
    fn a_control_character_is_reported_in_japanese_at_its_line_and_column() {
        let e = parse("title: 総務\nsummary: 町の\u{7}事業\n", 2).unwrap_err();
        assert_eq!((e.code, e.line, e.column), (Code::Yaml, 3, 12));
        assert!(e.message.contains("制御文字（U+0007"), "{}", e.message);
        assert!(!e.message.contains("control"), "{}", e.message);
    }
}
