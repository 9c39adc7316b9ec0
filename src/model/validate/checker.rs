//! [`Checker`]: reads one document's front matter keys with their positions, pushing a
//! diagnostic at the key for each problem (missing, unknown with a suggestion, wrong type).

use crate::content::{Document, Node, NodeValue, Pos};
use crate::diag::{Code, Diagnostic, Diagnostics, Severity};

use super::super::goal::is_valid_slug;

/// Checks one document's front matter, pushing diagnostics at the right positions.
pub(super) struct Checker<'a> {
    pub(super) doc: &'a Document,
    diags: &'a mut Diagnostics,
    pub(super) failed: bool,
    /// Keys offered as "もしかして" for an unknown key: not reported again as missing.
    suggested: Vec<&'static str>,
}

impl<'a> Checker<'a> {
    pub(super) fn new(doc: &'a Document, diags: &'a mut Diagnostics) -> Self {
        Self {
            doc,
            diags,
            failed: false,
            suggested: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, d: Diagnostic) {
        if d.severity == Severity::Error {
            self.failed = true;
        }
        let line = self.doc.source.line(d.line);
        self.diags.push(d.with_source_line(line));
    }

    pub(super) fn error(
        &mut self,
        code: Code,
        pos: Pos,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let d = Diagnostic::error(code, &self.doc.source.path, pos.line, pos.column, message)
            .with_help(help);
        self.push(d);
    }

    /// A required `key` is missing — unless an unknown key was already reported with
    /// 「もしかして key」, which says the same more precisely.
    pub(super) fn missing(
        &mut self,
        key: &str,
        pos: Pos,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        if self.suggested.contains(&key) {
            self.failed = true;
        } else {
            self.error(Code::MissingKey, pos, message, help);
        }
    }

    pub(super) fn warning(
        &mut self,
        code: Code,
        pos: Pos,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let d = Diagnostic::warning(code, &self.doc.source.path, pos.line, pos.column, message)
            .with_help(help);
        self.push(d);
    }

    pub(super) fn front_matter(&mut self, what: &str) -> Option<&'a Node> {
        let doc = self.doc;
        if doc.unreadable {
            // Its one error (E-BINARY, E-NOT-A-FILE …) is already reported.
            self.failed = true;
            return None;
        }
        if doc.source.text.trim().is_empty() && !doc.has_front_matter {
            self.error(
                Code::Empty,
                Pos { line: 1, column: 1 },
                "ファイルが空です",
                format!("先頭に --- で囲んだ{what}の設定（フロントマター）を書いてください"),
            );
            return None;
        }
        if !doc.has_front_matter {
            self.error(
                Code::FmMissing,
                Pos { line: 1, column: 1 },
                "フロントマター（先頭の --- で囲んだ設定部分）がありません",
                format!("1行目に --- を書き、{what}の設定を書いて、--- の行で閉じてください"),
            );
            return None;
        }
        let front = doc.front.as_ref()?;
        if front.as_map().is_none() {
            let kind = front.kind();
            self.error(
                Code::FmNotMap,
                front.pos,
                format!("フロントマターが「キー: 値」の形になっていません（{kind}になっています）"),
                "title: 〜 のように、1行に1つずつ「キー: 値」を書いてください",
            );
            return None;
        }
        Some(front)
    }

    pub(super) fn known_keys(&mut self, node: &Node, allowed: &[&'static str], what: &str) {
        for (key, _) in node.as_map().unwrap_or_default() {
            if allowed.contains(&key.text.as_str()) {
                continue;
            }
            let help = match suggest(&key.text, allowed) {
                Some(s) => {
                    self.suggested.push(s);
                    format!("もしかして「{s}」ですか？")
                }
                None => format!("{what}に書けるキーは {} です", allowed.join(", ")),
            };
            self.error(
                Code::UnknownKey,
                key.pos,
                format!("知らないキー「{}」があります", key.text),
                help,
            );
        }
    }

    pub(super) fn required_text(
        &mut self,
        node: &Node,
        key: &str,
        example: &str,
    ) -> Option<String> {
        match node.get(key) {
            None => {
                self.missing(
                    key,
                    node.pos,
                    format!("必須のキー「{key}」がありません"),
                    format!("{example} を書いてください"),
                );
                None
            }
            Some(_) => {
                let text = self.optional_text(node, key);
                if text.is_none() && !self.failed {
                    let pos = node.get(key).map_or(node.pos, |n| n.pos);
                    self.error(
                        Code::EmptyValue,
                        pos,
                        format!("「{key}」が空です"),
                        format!("{example} を書いてください"),
                    );
                }
                text
            }
        }
    }

    pub(super) fn optional_text(&mut self, node: &Node, key: &str) -> Option<String> {
        let value = node.get(key)?;
        match &value.value {
            NodeValue::Null => None,
            NodeValue::String(s) if s.trim().is_empty() => None,
            NodeValue::String(s) => Some(s.trim().to_string()),
            NodeValue::Number { text, .. } => Some(text.clone()),
            _ => {
                let kind = value.kind();
                self.error(
                    Code::Type,
                    value.pos,
                    format!("「{key}」は文字列で書いてください（{kind}になっています）"),
                    format!("{key}: 〜 のように1行の文章で書いてください"),
                );
                None
            }
        }
    }

    pub(super) fn text_list(&mut self, node: &Node, key: &str) -> Vec<String> {
        let Some(value) = node.get(key) else {
            return Vec::new();
        };
        match &value.value {
            NodeValue::Null => Vec::new(),
            NodeValue::Seq(items) => items
                .iter()
                .filter_map(|item| match item.as_text() {
                    Some(t) => Some(t.trim().trim_start_matches('・').trim().to_string()),
                    None => {
                        self.error(
                            Code::Type,
                            item.pos,
                            format!("「{key}」の項目は文字列で書いてください"),
                            "- 〜に関すること のように1行ずつ書いてください",
                        );
                        None
                    }
                })
                .collect(),
            NodeValue::String(s) => vec![s.trim().to_string()],
            _ => {
                self.error(
                    Code::Type,
                    value.pos,
                    format!("「{key}」はリストで書いてください"),
                    format!("{key}: の下の行に「  - 項目」の形で1行ずつ書いてください"),
                );
                Vec::new()
            }
        }
    }

    pub(super) fn integer(&mut self, node: &Node, key: &str) -> Option<i64> {
        let value = node.get(key)?;
        match &value.value {
            NodeValue::Number { value: v, .. } if v.fract() == 0.0 && v.abs() < 1e12 => {
                Some(*v as i64)
            }
            NodeValue::Null => None,
            _ => {
                self.error(
                    Code::Type,
                    value.pos,
                    format!("「{key}」は整数で書いてください"),
                    format!("{key}: 10 のように半角の整数で書いてください"),
                );
                None
            }
        }
    }

    pub(super) fn boolean(&mut self, node: &Node, key: &str) -> Option<bool> {
        let value = node.get(key)?;
        match &value.value {
            NodeValue::Bool(b) => Some(*b),
            NodeValue::Null => None,
            _ => {
                self.error(
                    Code::Type,
                    value.pos,
                    format!("「{key}」は true か false で書いてください"),
                    format!("{key}: true（公開しない）または {key}: false（公開する）"),
                );
                None
            }
        }
    }

    pub(super) fn slug(&mut self, node: &Node, from_name: &str, what: &str) -> Option<String> {
        let slug = self.slug_as_written(node, from_name, what)?;
        if !crate::model::goal::is_windows_reserved(&slug) {
            return Some(slug);
        }
        let pos = node
            .get("slug")
            .map_or(Pos { line: 1, column: 1 }, |v| v.pos);
        self.error(
            Code::Slug,
            pos,
            format!("URL名「{slug}」は Windows のサーバー（IIS など）では使えない名前です（con・prn・aux・nul・com1〜9・lpt1〜9）"),
            format!("{what}を変えるか、フロントマターに slug: {slug}-1 のように別のURL名を書いてください"),
        );
        None
    }

    fn slug_as_written(&mut self, node: &Node, from_name: &str, what: &str) -> Option<String> {
        if let Some(value) = node.get("slug") {
            let slug = value.as_text().unwrap_or_default();
            if is_valid_slug(&slug) {
                return Some(slug);
            }
            self.error(
                Code::Slug,
                value.pos,
                format!("slug「{slug}」はURLに使えません"),
                "半角の英小文字・数字・ハイフンだけで書いてください（例: slug: jishu-bosai）",
            );
            return None;
        }
        if is_valid_slug(from_name) {
            return Some(from_name.to_string());
        }
        self.error(
            Code::Slug,
            Pos { line: 1, column: 1 },
            format!("{what}「{from_name}」はURLに使えません（URLは半角の英小文字・数字・ハイフンだけ）"),
            format!("{what}を半角英小文字に変えるか、フロントマターに slug: jichikai のようにURL名を書いてください"),
        );
        None
    }
}

pub(super) use crate::diag::suggest;
