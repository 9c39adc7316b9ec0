//! The one pass over a text before the rules run. Most text has nothing to report, so each
//! rule names a `trigger`: a pair of neighbouring chars (`None` before the first) that every
//! one of its findings contains. The pass notes which triggers occur, so that a rule runs
//! only where it can fire, and where lines and sentences end (where `truncated` looks, so
//! that it need not read the text again).

use super::{doubled_kana, is_hiragana, punctuation, ra_nuki, small_tsu, spacing, width};

/// Kanji (and the rest of U+3400–FEFF, and chars beyond U+FFFF) are half of Japanese
/// prose, and no trigger has one as its second char: the scan passes over them at once.
fn never_triggers(c: char) -> bool {
    ('\u{3400}'..'\u{FF00}').contains(&c) || c > '\u{FFFF}'
}

/// What one pass over a text found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Scan {
    pub(super) doubled_kana: bool,
    pub(super) small_tsu: bool,
    pub(super) punctuation: bool,
    pub(super) spacing: bool,
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
            s.kana_triggers(prev, c);
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
        self.small_tsu |= small_tsu::trigger(prev, c);
        self.ra_nuki |= ra_nuki::trigger(prev, c);
    }

    /// The triggers whose second char is punctuation, a space or a wide or narrow form.
    fn other_triggers(&mut self, prev: Option<char>, c: char) {
        self.punctuation |= punctuation::trigger(prev, c);
        self.spacing |= spacing::trigger(prev, c);
        self.width |= width::trigger(prev, c);
    }

    /// [`Scan::new`] with every rule triggered, as if the triggers did not exist (for tests).
    #[cfg(test)]
    pub(super) fn all_triggered(text: &str) -> Self {
        Scan {
            doubled_kana: true,
            small_tsu: true,
            punctuation: true,
            spacing: true,
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
            Some(c),
        ]
        .into_iter()
    }

    #[test]
    fn no_rule_is_triggered_by_the_chars_passed_over() {
        use super::super::{doubled_kana, punctuation, ra_nuki, small_tsu, spacing, width};
        let passed_over = ('\u{3400}'..'\u{FF00}').chain(['\u{10000}', '\u{20B9F}', '\u{10FFFF}']);
        for c in passed_over {
            assert!(super::never_triggers(c));
            for prev in before(c) {
                let any = doubled_kana::trigger(prev, c)
                    || small_tsu::trigger(prev, c)
                    || punctuation::trigger(prev, c)
                    || spacing::trigger(prev, c)
                    || ra_nuki::trigger(prev, c)
                    || width::trigger(prev, c);
                assert!(!any, "{prev:?} {c}");
            }
        }
    }

    #[test]
    fn hiragana_trigger_only_the_kana_rules() {
        use super::super::{is_hiragana, punctuation, spacing, width};
        for c in ('\u{3000}'..'\u{3100}').filter(|&c| is_hiragana(c)) {
            assert!(!super::never_triggers(c));
            for prev in before(c) {
                let any = punctuation::trigger(prev, c)
                    || spacing::trigger(prev, c)
                    || width::trigger(prev, c);
                assert!(!any, "{prev:?} {c}");
            }
        }
    }

    #[test]
    fn notes_each_trigger() {
        let scan = |text: &str| {
            let s = Scan::new(text);
            [
                s.doubled_kana,
                s.small_tsu,
                s.punctuation,
                s.spacing,
                s.ra_nuki,
                s.width,
            ]
        };
        assert_eq!(scan("地域の防災に関すること。"), [false; 6]);
        assert_eq!(scan("計画をを"), [true, false, false, false, false, false]);
        assert_eq!(scan("です。す"), [true, false, false, false, false, false]);
        assert_eq!(scan("あつた"), [false, true, false, false, false, false]);
        assert_eq!(scan("公園、。"), [false, false, true, false, false, false]);
        assert_eq!(scan("目 標"), [false, false, false, true, false, false]);
        assert_eq!(scan(" 目標"), [false; 6]);
        assert_eq!(scan("見れる"), [false, false, false, false, true, false]);
        assert_eq!(scan("これ"), [false; 6]);
        assert_eq!(scan("２０２５"), [false, false, false, false, false, true]);
    }
}
