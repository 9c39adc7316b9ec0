//! Raw front matter: a tree of YAML values, each carrying the line and column where it was
//! written, so that the model can validate it and point at the exact key. Nothing here is
//! validated against the contract.

/// A position in a file: 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// Line, 1-based.
    pub line: usize,
    /// Column in characters, 1-based.
    pub column: usize,
}

/// A YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value (or, for mappings and sequences, its key) was written.
    pub pos: Pos,
    /// The value.
    pub value: NodeValue,
}

/// The shapes YAML values take.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    /// `~`, `null` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number YAML parsed; `text` is how it prints (for decimals and messages).
    Number {
        /// The number.
        value: f64,
        /// Its text.
        text: String,
    },
    /// A string.
    String(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping in written order; keys as text with their positions.
    Map(Vec<(Key, Node)>),
}

/// A mapping key with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key as text (`令和6年度`, `2025`).
    pub text: String,
    /// Where it was written.
    pub pos: Pos,
}

impl Node {
    /// The entries of a mapping.
    pub fn as_map(&self) -> Option<&[(Key, Node)]> {
        match &self.value {
            NodeValue::Map(m) => Some(m),
            _ => None,
        }
    }

    /// A key of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.text == key)
            .map(|(_, v)| v)
    }

    /// A string or a number as text (`title: 2025` is still a title).
    pub fn as_text(&self) -> Option<String> {
        match &self.value {
            NodeValue::String(s) => Some(s.clone()),
            NodeValue::Number { text, .. } => Some(text.clone()),
            _ => None,
        }
    }

    /// A name of the value's shape, in Japanese, for messages.
    pub fn kind(&self) -> &'static str {
        match &self.value {
            NodeValue::Null => "空",
            NodeValue::Bool(_) => "真偽値",
            NodeValue::Number { .. } => "数値",
            NodeValue::String(_) => "文字列",
            NodeValue::Seq(_) => "リスト",
            NodeValue::Map(_) => "キーと値の組（マッピング）",
        }
    }
}
