//! A pass over front matter YAML before the YAML crate reads it, for two things the crate
//! handles badly. Nesting: its scanner keeps one entry per open `[` or `{` and walks them
//! all at every token, so 200,000 brackets take minutes before its depth limit (128
//! collections) applies; deeper text is refused here, in one linear pass. Control
//! characters: the crate reports them in English with a byte position only; here they get
//! their line and column.
//!
//! The depth found here never exceeds the real nesting (brackets inside quoted, plain and
//! block scalars and comments are not counted; block nesting is counted only where it is
//! written on one line, as in `- - - x`), so text the crate would accept is never refused.

/// The deepest nesting of collections the YAML crate accepts (its recursion limit).
pub(super) const MAX_DEPTH: usize = 128;

/// What the YAML text holds that must not reach the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hazard {
    /// The collection opened at this byte offset is nested deeper than [`MAX_DEPTH`].
    TooDeep {
        /// Byte offset of the opening `[`, `{`, `-` or `?`.
        offset: usize,
    },
    /// A character YAML does not allow (C0 and C1 controls other than tab, line feed,
    /// carriage return and NEL; DEL; U+FFFE and U+FFFF).
    Control {
        /// Byte offset of the character.
        offset: usize,
        /// The character.
        ch: char,
    },
}

/// The first hazard in `yaml`, if any (control characters first: they stop the parser
/// wherever they are).
pub(super) fn scan(yaml: &str) -> Option<Hazard> {
    control_character(yaml).or_else(|| too_deep(yaml))
}

/// True for the characters YAML 1.2 forbids in a stream (what libyaml's reader refuses).
pub(super) fn is_forbidden(c: char) -> bool {
    let c = u32::from(c);
    !(c == 0x9
        || c == 0xA
        || c == 0xD
        || (0x20..=0x7E).contains(&c)
        || c == 0x85
        || (0xA0..=0xD7FF).contains(&c)
        || (0xE000..=0xFFFD).contains(&c)
        || c >= 0x10000)
}

fn control_character(yaml: &str) -> Option<Hazard> {
    yaml.char_indices()
        .find(|&(_, c)| is_forbidden(c))
        .map(|(offset, ch)| Hazard::Control { offset, ch })
}

/// Where a block node lies: the column of its key or `-` (`None`: the document itself).
type Parent = Option<usize>;

/// True when a line indented `indent` lies inside the node whose key or `-` is at `parent`.
fn inside(indent: usize, parent: Parent) -> bool {
    parent.is_none_or(|p| indent > p)
}

/// What a node written alone at the start of the next line would be the value of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// Nothing written yet: it would be the document.
    Document,
    /// The key or `-` at this column, whose value is still to come.
    Open(usize),
    /// The previous line was complete (such a node is an error for the parser).
    Closed,
}

/// Where the scan is between lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Carry {
    /// In block context.
    Block(Owner),
    /// Lines inside `parent` (and blank lines) belong to a `|` or `>` scalar.
    BlockScalar(Parent),
    /// Lines inside `parent` (and blank lines) continue a plain scalar.
    Plain(Parent),
    /// Inside `[ ]` / `{ }`.
    Flow(Flow),
    /// Inside a quoted scalar opened with this quote.
    Quoted(u8, Within),
}

/// An open flow collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Flow {
    depth: usize,
    /// Block collections open around the outermost bracket (`- - [`).
    base: usize,
    /// Column of the outermost bracket (a key's, when `: ` follows the collection).
    col: usize,
    /// Inside a plain scalar, which may go on over lines and hold quotes and `#`; anywhere
    /// else a token starts, where a quote opens a quoted scalar and `#` a comment (the
    /// parser takes `[#` as a comment too).
    in_plain: bool,
}

/// Where a quoted scalar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Within {
    Flow(Flow),
    /// In block context, opened at this column.
    Block(usize),
}

fn too_deep(yaml: &str) -> Option<Hazard> {
    let mut carry = Carry::Block(Owner::Document);
    let mut start = 0;
    for line in yaml.split_inclusive('\n') {
        let scanner = LineScanner {
            bytes: line.as_bytes(),
            start,
        };
        match scanner.scan(carry) {
            Ok(next) => carry = next,
            Err(hazard) => return Some(hazard),
        }
        start += line.len();
    }
    None
}

/// One line of the text; offsets in hazards are of the whole text, columns are bytes
/// from the line's start.
struct LineScanner<'a> {
    bytes: &'a [u8],
    start: usize,
}

/// `Err` carries the hazard out of the line's loops.
type Step = Result<Carry, Hazard>;

impl LineScanner<'_> {
    /// Scans the line from what the previous line left open.
    fn scan(&self, carry: Carry) -> Step {
        let b = self.bytes;
        let indent = b.iter().take_while(|&&c| c == b' ').count();
        let blank = b[indent..]
            .iter()
            .all(|c| matches!(c, b'\n' | b'\r' | b' ' | b'\t'));
        match carry {
            Carry::BlockScalar(parent) | Carry::Plain(parent)
                if blank || inside(indent, parent) =>
            {
                Ok(carry)
            }
            Carry::BlockScalar(_) | Carry::Plain(_) => {
                self.node(indent, 0, Some(indent), Owner::Closed)
            }
            Carry::Block(owner) => {
                let parent = match owner {
                    Owner::Document => None,
                    Owner::Open(col) => Some(col),
                    Owner::Closed => Some(indent),
                };
                self.node(indent, 0, parent, owner)
            }
            Carry::Flow(flow) => self.flow(0, flow),
            Carry::Quoted(quote, within) => self.quoted(0, quote, within),
        }
    }

    fn at(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(b'\n')
    }

    /// The byte at `i` ends a token: a space, a tab or the end of the line.
    fn ends_token(&self, i: usize) -> bool {
        matches!(self.at(i), b' ' | b'\t' | b'\n' | b'\r')
    }

    /// Block context, where a node may start at `i`: `open` block collections were opened
    /// on this line so far (`- - x`), the node lies in `parent`, and `owner` is what the
    /// next line continues if this one ends here.
    fn node(&self, mut i: usize, mut open: usize, mut parent: Parent, mut owner: Owner) -> Step {
        // A node with an anchor or a tag begins at the first of them (a key's column is
        // where its properties begin).
        let mut props = None;
        loop {
            while matches!(self.at(i), b' ' | b'\t') {
                i += 1;
            }
            match self.at(i) {
                b'\n' | b'\r' | b'#' => return Ok(Carry::Block(owner)),
                c @ (b'-' | b'?' | b':') if self.ends_token(i + 1) => {
                    if c != b':' {
                        open += 1;
                        if open > MAX_DEPTH {
                            return Err(self.hazard(i));
                        }
                    }
                    // `&a : v` is an empty key with an anchor: its mapping begins at `&`.
                    let col = if c == b':' { props.unwrap_or(i) } else { i };
                    (parent, owner, props) = (Some(col), Owner::Open(col), None);
                    i += 1;
                }
                b'&' | b'!' => {
                    props.get_or_insert(i);
                    while !self.ends_token(i) {
                        i += 1;
                    }
                }
                b'[' | b'{' => {
                    if open + 1 > MAX_DEPTH {
                        return Err(self.hazard(i));
                    }
                    let flow = Flow {
                        depth: 1,
                        base: open,
                        col: props.unwrap_or(i),
                        in_plain: false,
                    };
                    return self.flow(i + 1, flow);
                }
                quote @ (b'"' | b'\'') => {
                    return self.quoted(i + 1, quote, Within::Block(props.unwrap_or(i)));
                }
                b'|' | b'>' => return Ok(Carry::BlockScalar(parent)),
                _ => return self.plain(i, props.unwrap_or(i), open, parent),
            }
        }
    }

    /// A plain scalar (or a key) at `i` in block context, in `parent`, its node beginning at
    /// `col`: brackets and quotes in it are text; a `: ` makes it a key, ` #` starts a
    /// comment.
    fn plain(&self, mut i: usize, col: usize, open: usize, parent: Parent) -> Step {
        loop {
            match self.at(i) {
                b'\n' | b'\r' => return Ok(Carry::Plain(parent)),
                b':' if self.ends_token(i + 1) => {
                    return self.node(i + 1, open, Some(col), Owner::Open(col));
                }
                b'#' if matches!(self.at(i.wrapping_sub(1)), b' ' | b'\t') => {
                    return Ok(Carry::Block(Owner::Closed));
                }
                _ => i += 1,
            }
        }
    }

    /// After a quoted scalar or a flow collection opened at `col`, in block context: a
    /// `: ` makes it a key.
    fn after_node(&self, mut i: usize, col: usize) -> Step {
        loop {
            match self.at(i) {
                b':' if self.ends_token(i + 1) => {
                    return self.node(i + 1, 0, Some(col), Owner::Open(col));
                }
                b'\n' | b'\r' | b'#' => return Ok(Carry::Block(Owner::Closed)),
                _ => i += 1,
            }
        }
    }

    /// Inside `[ ]` / `{ }`: every bracket outside quotes and comments nests.
    fn flow(&self, mut i: usize, mut flow: Flow) -> Step {
        while i < self.bytes.len() {
            let c = self.bytes[i];
            let indicator_follows = self.ends_token(i + 1)
                || matches!(self.at(i + 1), b',' | b'[' | b']' | b'{' | b'}');
            match c {
                b'[' | b'{' => {
                    flow.depth += 1;
                    if flow.base + flow.depth > MAX_DEPTH {
                        return Err(self.hazard(i));
                    }
                    flow.in_plain = false;
                }
                b']' | b'}' => {
                    flow.depth = flow.depth.saturating_sub(1);
                    if flow.depth == 0 {
                        return self.after_node(i + 1, flow.col);
                    }
                    flow.in_plain = false;
                }
                b',' => flow.in_plain = false,
                // `: ` ends a plain scalar; `? ` only begins a key (in a plain it is text).
                b':' if indicator_follows || !flow.in_plain => flow.in_plain = false,
                b'?' if !flow.in_plain => {}
                b' ' | b'\t' | b'\r' | b'\n' => {}
                b'#' if !flow.in_plain || matches!(self.at(i.wrapping_sub(1)), b' ' | b'\t') => {
                    return Ok(Carry::Flow(Flow {
                        in_plain: false,
                        ..flow
                    }));
                }
                b'&' | b'!' if !flow.in_plain => {
                    while !self.ends_token(i + 1)
                        && !matches!(self.at(i + 1), b',' | b'[' | b']' | b'{' | b'}')
                    {
                        i += 1;
                    }
                }
                quote @ (b'"' | b'\'') if !flow.in_plain => {
                    return self.quoted(i + 1, quote, Within::Flow(flow));
                }
                _ => flow.in_plain = true,
            }
            i += 1;
        }
        Ok(Carry::Flow(flow))
    }

    /// Inside a quoted scalar opened with `quote`.
    fn quoted(&self, mut i: usize, quote: u8, within: Within) -> Step {
        while i < self.bytes.len() {
            let c = self.bytes[i];
            if quote == b'"' && c == b'\\' {
                i += 2;
                continue;
            }
            if c == quote {
                if quote == b'\'' && self.at(i + 1) == b'\'' {
                    i += 2;
                    continue;
                }
                return match within {
                    Within::Flow(flow) => self.flow(i + 1, flow),
                    Within::Block(col) => self.after_node(i + 1, col),
                };
            }
            i += 1;
        }
        Ok(Carry::Quoted(quote, within))
    }

    fn hazard(&self, i: usize) -> Hazard {
        Hazard::TooDeep {
            offset: self.start + i,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_refused(yaml: &str) -> Option<usize> {
        match scan(yaml) {
            Some(Hazard::TooDeep { offset }) => Some(offset),
            _ => None,
        }
    }

    #[test]
    fn brackets_beyond_the_limit_are_refused_at_the_first_one_too_many() {
        let ok = format!("a: {}{}\n", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(depth_refused(&ok), None);
        let deep = format!("a: {}\n", "[".repeat(200_000));
        assert_eq!(depth_refused(&deep), Some(3 + MAX_DEPTH));
        let braces = "{a: ".repeat(MAX_DEPTH + 1);
        assert_eq!(depth_refused(&braces), Some(4 * MAX_DEPTH));
        // Over several lines, and under block collections written on one line.
        let lines = "[\n".repeat(MAX_DEPTH + 1);
        assert_eq!(depth_refused(&lines), Some(2 * MAX_DEPTH));
        let dashes = format!("{}[[\n", "- ".repeat(MAX_DEPTH - 1));
        assert_eq!(depth_refused(&dashes), Some(2 * (MAX_DEPTH - 1) + 1));
        assert_eq!(
            depth_refused(&"- ".repeat(MAX_DEPTH + 1)),
            Some(2 * MAX_DEPTH)
        );
    }

    #[test]
    fn brackets_in_text_are_not_nesting() {
        let many = "[".repeat(MAX_DEPTH + 10);
        for yaml in [
            format!("title: a{many}\n"),
            format!("title: \"{many}\"\n"),
            format!("title: '{many}'\n"),
            format!("title: '\n  {many}'\n"),
            format!("title: \"a\\\"{many}\"\n"),
            format!("title: # {many}\n"),
            format!("summary: |\n  {many}\n  more\nnext: 1\n"),
            format!("summary: >\n\n  {many}\n"),
            format!("title: abc\n  {many}\n"),
            format!("list: [\"{many}\", '{many}']\n"),
            format!("list: [a #{many}\n]\n"),
        ] {
            assert_eq!(depth_refused(&yaml), None, "{yaml}");
            assert!(
                serde_yaml::from_str::<serde_yaml::Value>(&yaml).is_ok(),
                "{yaml}"
            );
        }
    }

    #[test]
    fn control_characters_are_found_where_they_are() {
        assert_eq!(
            scan("title: ok\nsummary: a\u{7}b\n"),
            Some(Hazard::Control {
                offset: 20,
                ch: '\u{7}'
            })
        );
        for ok in ["a: \t\"x\"\r\n", "a: \u{85}\u{a0}", "a: 令和\u{feff}"] {
            assert_eq!(scan(ok), None, "{ok:?}");
        }
        for bad in ['\u{0}', '\u{1b}', '\u{7f}', '\u{80}', '\u{9f}', '\u{fffe}'] {
            assert!(is_forbidden(bad), "{bad:?}");
            let yaml = format!("a: {bad}");
            assert!(
                serde_yaml::from_str::<serde_yaml::Value>(&yaml).is_err(),
                "{bad:?}"
            );
        }
    }

    /// Pieces of YAML that nest, quote, comment and continue lines, and long runs of
    /// brackets and dashes, so that many texts go past the limit.
    fn pieces() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let run = prop::sample::select(vec![
            "[".repeat(64),
            "{".repeat(64),
            "- ".repeat(64),
            "[{".repeat(32),
        ]);
        let any = prop_oneof![4 => piece().prop_map(str::to_string), 1 => run];
        prop::collection::vec(any, 0..40).prop_map(|v| v.concat())
    }

    /// Short pieces only: text whose own nesting stays far below the limit.
    fn shallow() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop::collection::vec(piece(), 0..30).prop_map(|v| v.concat())
    }

    /// No aliases: an alias of a collection inside itself also ends at the crate's
    /// recursion limit, which would hide what the second property looks for.
    fn piece() -> impl proptest::strategy::Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "[",
            "{",
            "]",
            "}",
            ",",
            ": ",
            ":",
            "- ",
            "? ",
            "\n",
            "\n  ",
            "\n    ",
            "'",
            "\"",
            "''",
            "\\",
            "#",
            " #",
            "a",
            "x y",
            "|",
            ">",
            "&a ",
            "!t ",
            "k: ",
            "\t",
            // Whole lines the crate reads, so that more texts get as far as the brackets.
            "k: v\n",
            "- a\n",
            "k: 'x[y'\n",
            "k: |\n  [t\n",
            "k: \"a\\\"[\"\n",
            "k: [a, b]\n",
            "k: {a: 1}\n",
            "# [c\n",
            "k:\n  - x\n",
            "k: a\n  [b\n",
            "- - x\n",
            "? k\n: v\n",
        ])
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 300,
            failure_persistence: None,
            ..Default::default()
        })]

        /// Never refuses text the YAML crate would read: the guard's depth is never more
        /// than the real one.
        #[test]
        fn what_is_refused_as_too_deep_the_crate_refuses_too(yaml in pieces()) {
            if let Some(Hazard::TooDeep { offset }) = scan(&yaml) {
                proptest::prop_assert!(yaml.is_char_boundary(offset));
                proptest::prop_assert!(
                    serde_yaml::from_str::<serde_yaml::Value>(&yaml).is_err(),
                    "refused but readable: {:?}",
                    yaml
                );
            }
        }

        /// Never lets deep brackets through to the crate: whatever comes before them, when
        /// the crate nests them (and gives up at its limit), the guard counted them.
        #[test]
        fn brackets_the_crate_nests_are_counted(
            before in shallow(),
            lead in proptest::sample::select(vec!["", "k: ", "- ", "  k: ", "? "]),
        ) {
            let yaml = format!("{before}\n{lead}{}\n", "[".repeat(300));
            let parsed = serde_yaml::from_str::<serde_yaml::Value>(&yaml);
            if parsed.is_err_and(|e| e.to_string().contains("recursion limit")) {
                proptest::prop_assert!(
                    matches!(scan(&yaml), Some(Hazard::TooDeep { .. })),
                    "nested by the crate, not counted: {:?}",
                    yaml
                );
            }
        }
    }
}
