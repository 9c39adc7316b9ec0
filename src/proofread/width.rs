//! `width`: full-width ASCII letters and digits (「２０２５年」「ＰＤＣＡ」「１２件」) and
//! half-width katakana (「ｶﾀｶﾅ」).
//!
//! Screen readers read full-width numbers digit by digit (「５，０００」 as 五、〇、〇、〇),
//! and the digital style guides for 公用文 use half-width alphanumerics. A run of
//! full-width letters and digits, with the full-width ，．＋－ between digits
//! (「５，０００」「７２．１」), is flagged and the suggestion is its NFKC form. A run of
//! half-width katakana (with ﾞﾟｰ and the half-width 。「」、・) is flagged and the
//! suggestion is its full-width (NFKC) form.
//!
//! Not flagged: full-width punctuation （）「」、。, the full-width ％ (normal after a
//! number in Japanese, 「72.1％」), and the full-width space (the `space-in-japanese` rule's
//! business).
use unicode_normalization::UnicodeNormalization;

use super::{Chars, Finding, TextKind};

/// Rule id.
pub(super) const ID: &str = "width";

fn is_fw_alnum(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

fn is_fw_digit(c: char) -> bool {
    matches!(c, '０'..='９')
}

fn is_hw_katakana(c: char) -> bool {
    ('\u{FF61}'..='\u{FF9F}').contains(&c)
}

/// Every finding starts with a full-width alphanumeric or a half-width katakana.
#[inline]
pub(super) fn trigger(_prev: Option<char>, c: char) -> bool {
    is_fw_alnum(c) || is_hw_katakana(c)
}

/// Finds full-width alphanumerics and half-width katakana; see the module doc.
pub(super) fn check(c: &Chars, _kind: TextKind) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let Some(ch) = c.get(i) else { break };
        if is_fw_alnum(ch) {
            let mut j = i;
            loop {
                match c.get(j) {
                    Some(x) if is_fw_alnum(x) => j += 1,
                    // A separator inside a number: ５，０００ / ７２．１ / １－２.
                    Some('，' | '．' | '－' | '＋' | ',' | '.')
                        if c.get(j - 1).is_some_and(is_fw_digit)
                            && c.get(j + 1).is_some_and(is_fw_digit) =>
                    {
                        j += 1
                    }
                    _ => break,
                }
            }
            let run = c.slice(i, j);
            let fixed: String = run.nfkc().collect();
            out.push(c.finding(
                i,
                j,
                ID,
                format!("全角の英数字「{run}」は半角で書きます"),
                fixed,
            ));
            i = j;
            continue;
        }
        if is_hw_katakana(ch) {
            let mut j = i;
            while c.get(j).is_some_and(is_hw_katakana) {
                j += 1;
            }
            let run = c.slice(i, j);
            let fixed: String = run.nfkc().collect();
            out.push(c.finding(
                i,
                j,
                ID,
                format!("半角カタカナ「{run}」は全角で書きます"),
                fixed,
            ));
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    fn run(text: &str) -> Vec<(usize, usize, String)> {
        spans(super::ID, text)
    }

    #[test]
    fn flags_wrong_width() {
        assert_eq!(run("２０２５年"), vec![(0, 12, "2025".to_string())]);
        assert_eq!(run("ＰＤＣＡサイクル"), vec![(0, 12, "PDCA".to_string())]);
        assert_eq!(run("計５，０００人"), vec![(3, 18, "5,000".to_string())]);
        assert_eq!(run("７２．１％"), vec![(0, 12, "72.1".to_string())]);
        assert_eq!(run("ｶﾀｶﾅ"), vec![(0, 12, "カタカナ".to_string())]);
        assert_eq!(run("ﾃﾞｰﾀ"), vec![(0, 12, "データ".to_string())]);
    }

    #[test]
    fn leaves_correct_width_alone() {
        for text in [
            "令和7年度（2025年度）",
            "72.1％",
            "72.1%",
            "「広報」、。",
            "PDCAサイクル",
            "目標\u{3000}値",
        ] {
            assert_eq!(run(text), vec![], "{text}");
        }
    }
}
