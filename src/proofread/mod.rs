//! Japanese proofreading (校正) of the prose that town staff write.
//!
//! `hyoka check` calls [`proofread`] on every plain-text run that it extracts from the
//! Markdown body and from the text fields of the front matter. Each rule family lives in
//! its own file and looks for one kind of typo that spell checkers and linters for
//! Japanese do not catch in 公用文:
//!
//! | id | file | what it finds |
//! | --- | --- | --- |
//! | `doubled-kana` | `doubled_kana.rs` | 「行われれます」「ななど」「をを」: a kana typed twice |
//! | `doubled-ending` | `doubled_ending.rs` | 「開催しました。した。」: a sentence end typed again |
//! | `small-tsu` | `small_tsu.rs` | 「あつた」「行つて」: a large つ where 促音 っ is meant |
//! | `small-ya-yu-yo` | `small_ya.rs` | 「しましよう」: a large や・ゆ・よ where 拗音 ゃゅょ is meant |
//! | `mixed-kana` | `mixed_kana.rs` | 「データへルス」「課ヘ提出」: a look-alike kana of the other script |
//! | `truncated` | `truncated.rs` | 「…に関するこ」「…を行いま」: text cut short |
//! | `broken-ending` | `broken_ending.rs` | 「ありませんでしだ」「大切てす」: endings that do not exist |
//! | `doubled-punctuation` | `punctuation.rs` | 「。。」「、、」「、。」「,,」 |
//! | `space-in-japanese` | `spacing.rs` | 「目 標 名」: spaces between Japanese characters (WCAG F32) |
//! | `space-in-number` | `number_spacing.rs` | 「令和 2年度」「1,2 34件」: spaces inside an era year or a number |
//! | `ra-nuki` | `ra_nuki.rs` | 「見れる」「来れます」: ら抜き言葉 |
//! | `width` | `width.rs` | 「２０２５年」「ＰＤＣＡ」「ｶﾀｶﾅ」: full-width alphanumerics, half-width katakana |
//!
//! Most text has nothing to report, and `hyoka check` proofreads every run of every file,
//! so the text is first read once (`scan.rs`): each rule names a trigger, a pair of
//! neighbouring chars that all its findings contain, and runs only on text where its
//! trigger occurs (`truncated` runs on every text, from the line and sentence ends the scan
//! noted, and `doubled-ending` from the sentence ends).
//!
//! The rules are written for precision first: a false alarm in `hyoka check` teaches
//! staff to ignore it, so every pattern carries the context (what precedes and follows)
//! that tells a typo from a correct word such as ここ, いろいろ, とともに, かつて,
//! 見れば or 入れる. The labelled corpus under `corpus/` measures recall and false
//! alarms (see the `corpus_recall_and_false_alarms` test).
#![warn(missing_docs)]

mod broken_ending;
mod doubled_ending;
mod doubled_kana;
mod mixed_kana;
mod number_spacing;
mod punctuation;
mod ra_nuki;
mod scan;
mod small_tsu;
mod small_ya;
mod spacing;
mod truncated;
mod width;

#[cfg(test)]
mod tests;

use scan::Scan;

/// A proofreading rule's stable id, name and description.
///
/// The id is used in messages and in config.toml `[proofreading] <id> = false`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RuleInfo {
    /// Stable id, e.g. `doubled-kana`.
    pub id: &'static str,
    /// Short Japanese name, e.g. 「かなの重複」.
    pub name: &'static str,
    /// One-line Japanese description.
    pub description: &'static str,
}

/// Every proofreading rule, in the order they are documented.
pub(crate) const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: doubled_kana::ID,
        name: "かなの重複",
        description: "「行われれます」「ななど」「をを」のように、同じかなや助詞が誤って重なっている箇所を見つけます。",
    },
    RuleInfo {
        id: doubled_ending::ID,
        name: "文末の重複",
        description: "「開催しました。した。」のように、文末が句点の後にもう一度書かれている箇所を見つけます。",
    },
    RuleInfo {
        id: small_tsu::ID,
        name: "促音の書き誤り",
        description: "「あつた」「行つて」のように、小さい「っ」を大きい「つ」で書いている箇所を見つけます。",
    },
    RuleInfo {
        id: small_ya::ID,
        name: "拗音の書き誤り",
        description: "「しましよう」「コミユニティ」のように、小さい「ゃ・ゅ・ょ」を大きく書いている箇所を見つけます。",
    },
    RuleInfo {
        id: mixed_kana::ID,
        name: "ひらがなとカタカナの取り違え",
        description: "「データへルス」「総務課ヘ提出」「デ一タ」のように、形の似た別の文字（へとヘ、一とー など）が混じっている箇所を見つけます。",
    },
    RuleInfo {
        id: truncated::ID,
        name: "文の途切れ",
        description: "「…に関するこ」「…を行いま」のように、文や項目が途中で切れている箇所を見つけます。",
    },
    RuleInfo {
        id: broken_ending::ID,
        name: "ありえない語尾",
        description: "「ありませんでしだ」「大切てす」「くだざい」のように、日本語にない語尾を見つけます。",
    },
    RuleInfo {
        id: punctuation::ID,
        name: "句読点の重複",
        description: "「。。」「、、」「、。」のように、句読点が重なっている箇所を見つけます。",
    },
    RuleInfo {
        id: spacing::ID,
        name: "日本語の間の空白",
        description: "「目 標 名」のように、日本語の文字の間に空白が入っている箇所を見つけます（読み上げで語が分断されます）。",
    },
    RuleInfo {
        id: number_spacing::ID,
        name: "年号・数字の中の空白",
        description: "「令和 2年度」「1,2 34件」のように、年号の年や数字の中に空白が入っている箇所を見つけます。",
    },
    RuleInfo {
        id: ra_nuki::ID,
        name: "ら抜き言葉",
        description: "「見れる」「来れます」のような、ら抜き言葉を見つけます（「見られる」「来られます」）。",
    },
    RuleInfo {
        id: width::ID,
        name: "全角英数字・半角カタカナ",
        description: "「２０２５年」「ＰＤＣＡ」のような全角英数字と、「ｶﾀｶﾅ」のような半角カタカナを見つけます。",
    },
];

/// One finding in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte offset where the flagged range starts (always on a char boundary).
    pub start: usize,
    /// Byte offset where the flagged range ends (exclusive, on a char boundary).
    pub end: usize,
    /// The rule's id (one of [`RULES`]).
    pub rule: &'static str,
    /// Japanese message naming the problem.
    pub message: String,
    /// The replacement text for the range, or a short Japanese instruction.
    pub suggestion: String,
}

/// Which rules run.
#[derive(Debug, Clone)]
pub struct RuleSet {
    disabled: Vec<&'static str>,
}

impl RuleSet {
    /// Every rule in [`RULES`] enabled.
    pub fn all() -> Self {
        RuleSet {
            disabled: Vec::new(),
        }
    }

    /// Every rule enabled except those whose ids are listed (unknown ids are ignored).
    pub fn with_disabled(ids: &[&str]) -> Self {
        RuleSet {
            disabled: RULES
                .iter()
                .map(|r| r.id)
                .filter(|id| ids.contains(id))
                .collect(),
        }
    }

    /// Whether the rule with this id runs (false for unknown ids).
    pub fn is_enabled(&self, id: &str) -> bool {
        RULES.iter().any(|r| r.id == id) && !self.disabled.contains(&id)
    }
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet::all()
    }
}

/// What kind of text is being proofread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A whole paragraph or sentence of prose (may contain line breaks).
    Prose,
    /// A short structured field or list item: truncation checks apply to its end.
    Item,
}

/// Proofreads one piece of plain text (no Markdown syntax: the caller extracts text runs).
///
/// Findings are sorted by start (then end, then rule order) and a rule never reports two
/// overlapping ranges.
///
/// The text is read once first (see the module doc): a rule runs only where its trigger
/// occurs, and the text is cut into chars only when such a rule runs.
pub fn proofread(text: &str, kind: TextKind, rules: &RuleSet) -> Vec<Finding> {
    proofread_scanned(text, kind, rules, &Scan::new(text))
}

/// [`proofread`] with the text already scanned.
fn proofread_scanned(text: &str, kind: TextKind, rules: &RuleSet, scan: &Scan) -> Vec<Finding> {
    let chars = std::cell::OnceCell::new();
    let chars = || chars.get_or_init(|| Chars::new(text));
    let mut all = Vec::new();
    let mut run = |id: &'static str, triggered: bool, check: &dyn Fn() -> Vec<Finding>| {
        if triggered && !rules.disabled.contains(&id) {
            all.extend(without_overlaps(check()));
        }
    };
    run(doubled_kana::ID, scan.doubled_kana, &|| {
        doubled_kana::check(chars(), kind)
    });
    run(doubled_ending::ID, scan.doubled_ending, &|| {
        doubled_ending::check(text, kind, &scan.ends)
    });
    run(small_tsu::ID, scan.small_tsu, &|| {
        small_tsu::check(chars(), kind)
    });
    run(small_ya::ID, scan.small_ya, &|| {
        small_ya::check(chars(), kind)
    });
    run(mixed_kana::ID, scan.mixed_kana, &|| {
        mixed_kana::check(chars(), kind)
    });
    run(truncated::ID, true, &|| {
        truncated::check(text, kind, &scan.ends)
    });
    run(broken_ending::ID, scan.broken_ending, &|| {
        broken_ending::check(chars(), kind)
    });
    run(punctuation::ID, scan.punctuation, &|| {
        punctuation::check(chars(), kind)
    });
    run(spacing::ID, scan.spacing, &|| spacing::check(chars(), kind));
    run(number_spacing::ID, scan.number_spacing, &|| {
        number_spacing::check(chars(), kind)
    });
    run(ra_nuki::ID, scan.ra_nuki, &|| ra_nuki::check(chars(), kind));
    run(width::ID, scan.width, &|| width::check(chars(), kind));
    let order = |id: &str| RULES.iter().position(|r| r.id == id).unwrap_or(usize::MAX);
    all.sort_by_key(|f| (f.start, f.end, order(f.rule)));
    all
}

/// One rule's findings sorted by range, without a finding that overlaps the previous kept one.
fn without_overlaps(mut found: Vec<Finding>) -> Vec<Finding> {
    found.sort_by_key(|f| (f.start, f.end));
    let mut kept: Vec<Finding> = Vec::with_capacity(found.len());
    for f in found {
        if kept.last().is_some_and(|k| f.start < k.end) {
            continue;
        }
        kept.push(f);
    }
    kept
}

/// The text as chars with their byte offsets, so rules can look around by char index.
pub(crate) struct Chars<'a> {
    text: &'a str,
    offsets: Vec<usize>,
    chars: Vec<char>,
}

impl<'a> Chars<'a> {
    fn new(text: &'a str) -> Self {
        let n = text.chars().count();
        let (mut offsets, mut chars) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for (i, c) in text.char_indices() {
            offsets.push(i);
            chars.push(c);
        }
        Chars {
            text,
            offsets,
            chars,
        }
    }

    /// Number of chars.
    pub(crate) fn len(&self) -> usize {
        self.chars.len()
    }

    /// The char at index `i`, if any.
    pub(crate) fn get(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// The char before index `i`, if any.
    pub(crate) fn prev(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|j| self.get(j))
    }

    /// Byte offset of char `i` (the text's length for `i == len`).
    pub(crate) fn byte(&self, i: usize) -> usize {
        self.offsets.get(i).copied().unwrap_or(self.text.len())
    }

    /// The text from char `i` to the end.
    pub(crate) fn rest(&self, i: usize) -> &'a str {
        &self.text[self.byte(i)..]
    }

    /// The text before char `i`.
    pub(crate) fn before(&self, i: usize) -> &'a str {
        &self.text[..self.byte(i)]
    }

    /// The text of chars `i..j`.
    pub(crate) fn slice(&self, i: usize, j: usize) -> &'a str {
        &self.text[self.byte(i)..self.byte(j)]
    }

    /// A finding over chars `i..j`.
    pub(crate) fn finding(
        &self,
        i: usize,
        j: usize,
        rule: &'static str,
        message: String,
        suggestion: String,
    ) -> Finding {
        Finding {
            start: self.byte(i),
            end: self.byte(j),
            rule,
            message,
            suggestion,
        }
    }
}

/// Kana that end a 連用形 before ます (行い・書き・し・見せ・述べ …).
pub(crate) const MASU_STEMS: &[char] = &[
    'い', 'き', 'ぎ', 'し', 'じ', 'ち', 'に', 'び', 'み', 'り', 'え', 'け', 'げ', 'せ', 'ぜ', 'て',
    'で', 'ね', 'べ', 'め', 'れ',
];

/// Whether `before` ends with a 連用形 that ます attaches to: a kana of [`MASU_STEMS`]
/// (い only after a kanji: 行い, not ただい), or a one-kanji verb (見, 来, 出, 寝 …).
pub(crate) fn ends_with_masu_stem(before: &str) -> bool {
    let mut back = before.chars().rev();
    match back.next() {
        Some('い') => back.next().is_some_and(is_kanji),
        Some(s) if MASU_STEMS.contains(&s) => true,
        Some(k) => "見来出寝着居得似煮".contains(k),
        None => false,
    }
}

/// ひらがな (including ゝゞ).
///
/// (This and the next two are range patterns, inlined: the scan and the rules call them for
/// every char, and in a debug build a call to `contains` costs more than the comparison.)
#[inline(always)]
pub(crate) fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}')
}

/// カタカナ, full- or half-width (including ー and ・).
#[inline(always)]
pub(crate) fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A0}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}')
}

/// 漢字 (CJK ideographs) and the iteration marks 々〆.
#[inline(always)]
pub(crate) fn is_kanji(c: char) -> bool {
    matches!(
        c,
        '\u{4E00}'..='\u{9FFF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2FFFF}'
            | '々'
            | '〆'
    )
}

/// Japanese punctuation and brackets: 、。「」『』（）【】・！？ and the like.
pub(crate) fn is_jp_punct(c: char) -> bool {
    (('\u{3001}'..='\u{303F}').contains(&c) && !is_kanji(c))
        || matches!(
            c,
            '・' | '…'
                | '‥'
                | '！'
                | '？'
                | '（'
                | '）'
                | '，'
                | '．'
                | '：'
                | '；'
                | '～'
                | '［'
                | '］'
                | '｛'
                | '｝'
                | '｡'
                | '｢'
                | '｣'
                | '､'
        )
}

/// A Japanese character: kana, kanji or Japanese punctuation.
pub(crate) fn is_japanese(c: char) -> bool {
    is_hiragana(c) || is_katakana(c) || is_kanji(c) || is_jp_punct(c)
}

/// Punctuation, space or line break: where a word ends.
pub(crate) fn is_break(c: char) -> bool {
    is_jp_punct(c) || c.is_whitespace() || c.is_ascii_punctuation()
}

/// What the rule tests share: one rule's findings on a text, in two shapes.
#[cfg(test)]
pub(crate) mod test_support {
    pub(crate) use super::{RuleSet, TextKind, proofread};

    /// `(start, end, suggestion)` of each finding of `rule` in prose.
    pub(crate) fn spans(rule: &str, text: &str) -> Vec<(usize, usize, String)> {
        of_rule(rule, text, TextKind::Prose)
            .map(|f| (f.start, f.end, f.suggestion))
            .collect()
    }

    /// `(flagged text, suggestion)` of each finding of `rule`.
    pub(crate) fn snippets(rule: &str, text: &str, kind: TextKind) -> Vec<(String, String)> {
        of_rule(rule, text, kind)
            .map(|f| (text[f.start..f.end].to_string(), f.suggestion))
            .collect()
    }

    /// Asserts that `run` flags exactly `range` with `suggestion` in each `(text, range,
    /// suggestion)` case.
    pub(crate) fn assert_each_flagged(
        cases: &[(&str, &str, &str)],
        run: impl Fn(&str) -> Vec<(String, String)>,
    ) {
        for (text, range, suggestion) in cases {
            assert_eq!(
                run(text),
                vec![(range.to_string(), suggestion.to_string())],
                "{text}"
            );
        }
    }

    fn of_rule<'r>(
        rule: &'r str,
        text: &str,
        kind: TextKind,
    ) -> impl Iterator<Item = super::Finding> + 'r {
        proofread(text, kind, &RuleSet::all())
            .into_iter()
            .filter(move |f| f.rule == rule)
    }
}
