//! The one pass over a text before the rules run. Most text has nothing to report, so each
//! rule names a `trigger`: a pair of neighbouring chars (`None` before the first) that every
//! one of its findings contains. The pass notes which triggers occur, so that a rule runs
//! only where it can fire, and where lines and sentences end (where `truncated` looks, so
//! that it need not read the text again).

use super::{
    broken_ending, doubled_ending, doubled_kana, is_hiragana, mixed_kana, number_spacing,
    punctuation, ra_nuki, small_tsu, small_ya, spacing, width,
};

/// Kanji (and the rest of U+3400–FEFF, and chars beyond U+FFFF) are half of Japanese
/// prose, and no trigger has one as its second char: the scan passes over them at once.
/// (A range pattern and `inline(always)`: the scan calls this for every char, and in a debug
/// build a call to `contains` costs more than the comparison.)
#[inline(always)]
fn never_triggers(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{FEFF}') || c > '\u{FFFF}'
}

/// The hiragana and katakana block (U+3041–U+30FF): the only second chars of the kana
/// rules' triggers.
#[inline(always)]
fn is_kana_block(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{30FF}')
}

/// What one pass over a text found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Scan {
    pub(super) doubled_kana: bool,
    pub(super) doubled_ending: bool,
    pub(super) small_tsu: bool,
    pub(super) small_ya: bool,
    pub(super) mixed_kana: bool,
    pub(super) broken_ending: bool,
    pub(super) punctuation: bool,
    pub(super) spacing: bool,
    pub(super) number_spacing: bool,
    pub(super) ra_nuki: bool,
    pub(super) width: bool,
    /// Byte offsets of the line ends and sentence ends (`\n` 。！？), in order.
    pub(super) ends: Vec<usize>,
}

impl Scan {
    /// Reads `text` once.
    pub(super) fn new(text: &str) -> Self {
        let mut s = Scan::default();
        let mut prev = None;
        for (i, c) in text.char_indices() {
            if never_triggers(c) {
                prev = Some(c);
                continue;
            }
            if is_kana_block(c) {
                s.kana_triggers(prev, c);
            }
            if !is_hiragana(c) {
                s.other_triggers(prev, c);
                if matches!(c, '\n' | '。' | '！' | '？') {
                    s.ends.push(i);
                }
            }
            prev = Some(c);
        }
        s
    }

    /// The triggers that a kana can be the second char of (hiragana trigger no others).
    fn kana_triggers(&mut self, prev: Option<char>, c: char) {
        self.doubled_kana |= doubled_kana::trigger(prev, c);
        self.doubled_ending |= doubled_ending::trigger(prev, c);
        self.small_tsu |= small_tsu::trigger(prev, c);
        self.small_ya |= small_ya::trigger(prev, c);
        self.mixed_kana |= mixed_kana::trigger(prev, c);
        self.broken_ending |= broken_ending::trigger(prev, c);
        self.ra_nuki |= ra_nuki::trigger(prev, c);
    }

    /// The triggers whose second char is punctuation, a space or a wide or narrow form.
    fn other_triggers(&mut self, prev: Option<char>, c: char) {
        self.punctuation |= punctuation::trigger(prev, c);
        self.spacing |= spacing::trigger(prev, c);
        self.number_spacing |= number_spacing::trigger(prev, c);
        self.width |= width::trigger(prev, c);
    }

    /// [`Scan::new`] with every rule triggered, as if the triggers did not exist (for tests).
    #[cfg(test)]
    pub(super) fn all_triggered(text: &str) -> Self {
        Scan {
            doubled_kana: true,
            doubled_ending: true,
            small_tsu: true,
            small_ya: true,
            mixed_kana: true,
            broken_ending: true,
            punctuation: true,
            spacing: true,
            number_spacing: true,
            ra_nuki: true,
            width: true,
            ..Scan::new(text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Scan;

    #[test]
    fn notes_line_and_sentence_ends_at_their_byte_offsets() {
        assert_eq!(Scan::new("").ends, Vec::<usize>::new());
        assert_eq!(Scan::new("あ。\nい！う？").ends, vec![3, 6, 10, 16]);
        assert_eq!(Scan::new("ab\n\n").ends, vec![2, 3]);
    }

    /// Every char a trigger compares the previous char with, a few others, and `c` itself.
    fn before(c: char) -> impl Iterator<Item = Option<char>> {
        [
            None,
            Some('。'),
            Some('、'),
            Some('，'),
            Some('ｰ'),
            Some('見'),
            Some('き'),
            Some('す'),
            Some('あ'),
            Some('　'),
            Some(' '),
            Some(','),
            Some('.'),
            Some('・'),
            Some('Ａ'),
            Some('一'),
            Some('タ'),
            Some('キ'),
            Some('し'),
            Some('ち'),
            Some('て'),
            Some('1'),
            Some('和'),
            Some(c),
        ]
        .into_iter()
    }

    /// Whether any kana trigger fires on the pair.
    fn kana_trigger(prev: Option<char>, c: char) -> bool {
        use super::super::{
            broken_ending, doubled_ending, doubled_kana, mixed_kana, ra_nuki, small_tsu, small_ya,
        };
        doubled_kana::trigger(prev, c)
            || doubled_ending::trigger(prev, c)
            || small_tsu::trigger(prev, c)
            || small_ya::trigger(prev, c)
            || mixed_kana::trigger(prev, c)
            || broken_ending::trigger(prev, c)
            || ra_nuki::trigger(prev, c)
    }

    /// Whether any trigger of the other rules fires on the pair.
    fn other_trigger(prev: Option<char>, c: char) -> bool {
        use super::super::{number_spacing, punctuation, spacing, width};
        punctuation::trigger(prev, c)
            || spacing::trigger(prev, c)
            || number_spacing::trigger(prev, c)
            || width::trigger(prev, c)
    }

    #[test]
    fn no_rule_is_triggered_by_the_chars_passed_over() {
        let passed_over = ('\u{3400}'..'\u{FF00}').chain(['\u{10000}', '\u{20B9F}', '\u{10FFFF}']);
        for c in passed_over {
            assert!(super::never_triggers(c));
            for prev in before(c) {
                assert!(
                    !kana_trigger(prev, c) && !other_trigger(prev, c),
                    "{prev:?} {c}"
                );
            }
        }
    }

    #[test]
    fn only_kana_trigger_the_kana_rules() {
        let others = ('\u{0}'..'\u{3041}').chain('\u{3100}'..='\u{FFFF}');
        for c in others {
            assert!(!super::is_kana_block(c));
            for prev in before(c) {
                assert!(!kana_trigger(prev, c), "{prev:?} {c}");
            }
        }
    }

    #[test]
    fn hiragana_trigger_only_the_kana_rules() {
        use super::super::is_hiragana;
        for c in ('\u{3000}'..'\u{3100}').filter(|&c| is_hiragana(c)) {
            assert!(!super::never_triggers(c));
            for prev in before(c) {
                assert!(!other_trigger(prev, c), "{prev:?} {c}");
            }
        }
    }

    #[test]
    fn notes_each_trigger() {
        let scan = |text: &str| {
            let s = Scan::new(text);
            [
                s.doubled_kana,
                s.doubled_ending,
                s.small_tsu,
                s.small_ya,
                s.mixed_kana,
                s.broken_ending,
                s.punctuation,
                s.spacing,
                s.number_spacing,
                s.ra_nuki,
                s.width,
            ]
        };
        let only = |k: usize| {
            let mut expected = [false; 11];
            expected[k] = true;
            expected
        };
        assert_eq!(scan("地域の防災に関すること。"), [false; 11]);
        assert_eq!(scan("計画をを"), only(0));
        assert_eq!(
            scan("です。す"),
            [
                true, true, false, false, false, false, false, false, false, false, false
            ]
        );
        assert_eq!(scan("した。"), [false; 11]);
        assert_eq!(scan("あつた"), only(2));
        assert_eq!(scan("しましよう"), only(3));
        assert_eq!(scan("データへルス"), only(4));
        assert_eq!(scan("でしだ"), only(5));
        assert_eq!(scan("公園、。"), only(6));
        assert_eq!(scan("目 標"), only(7));
        assert_eq!(scan(" 目標"), [false; 11]);
        assert_eq!(scan("1,2 34"), only(8));
        assert_eq!(scan("見れる"), only(9));
        assert_eq!(scan("これ"), [false; 11]);
        assert_eq!(scan("２０２５"), only(10));
    }
}
