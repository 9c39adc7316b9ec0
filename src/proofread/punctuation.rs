//! `doubled-punctuation`: 句読点 typed twice or mixed: 「。。」「、、」「，，」「．．」
//! 「、。」「。、」, the ASCII 「,,」 and 「..」, and 「・・・」 used as an ellipsis.
//!
//! Choices: 「！！」「？？」 are left alone (emphasis, not a typo); 「……」 and 「‥」 are
//! the correct leaders; 「...」 (three or more ASCII dots) is left alone, and 「..」 next to
//! a slash or backslash is a path (「../」), not a typo. 「・・」 (two) is left alone
//! (it is used as a placeholder, 「○○・・」); three or more 「・」 get 「……」 suggested.
use super::{Chars, Finding, TextKind};

/// Rule id.
pub(super) const ID: &str = "doubled-punctuation";

fn is_kuten(c: char) -> bool {
    matches!(c, '。' | '、' | '，' | '．' | '｡' | '､')
}

/// Every finding has two 句読点 in a row, or a doubled 「,」「.」「・」.
#[inline]
pub(super) fn trigger(prev: Option<char>, c: char) -> bool {
    if matches!(c, ',' | '.' | '・') {
        prev == Some(c)
    } else {
        is_kuten(c) && prev.is_some_and(is_kuten)
    }
}

/// Finds doubled punctuation; see the module doc.
pub(super) fn check(c: &Chars, _kind: TextKind) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let Some(ch) = c.get(i) else { break };
        let run_of = |pred: &dyn Fn(char) -> bool| {
            let mut j = i;
            while c.get(j).is_some_and(pred) {
                j += 1;
            }
            j
        };
        if is_kuten(ch) {
            let j = run_of(&is_kuten);
            if j - i >= 2 {
                let run = c.slice(i, j);
                let keep = if run.contains('。') || run.contains('．') || run.contains('｡') {
                    run.chars().find(|&x| matches!(x, '。' | '．' | '｡'))
                } else {
                    Some(ch)
                };
                out.push(c.finding(
                    i,
                    j,
                    ID,
                    format!("句読点「{run}」が重なっています"),
                    keep.map(String::from).unwrap_or_default(),
                ));
            }
            i = j;
            continue;
        }
        if ch == ',' || ch == '.' {
            let j = run_of(&|x| x == ch);
            let path = |x: Option<char>| x.is_some_and(|x| x == '/' || x == '\\');
            let flagged = if ch == ',' {
                j - i >= 2
            } else {
                j - i == 2 && !path(c.prev(i)) && !path(c.get(j))
            };
            if flagged {
                out.push(c.finding(
                    i,
                    j,
                    ID,
                    format!("「{}」が重なっています", c.slice(i, j)),
                    ch.to_string(),
                ));
            }
            i = j;
            continue;
        }
        if ch == '・' {
            let j = run_of(&|x| x == '・');
            if j - i >= 3 {
                out.push(c.finding(
                    i,
                    j,
                    ID,
                    "「・」を重ねて省略を表しています（三点リーダー「……」を使います）".to_string(),
                    "……".to_string(),
                ));
            }
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
    fn flags_doubled_punctuation() {
        // 「実施します」 is 5 chars of 3 bytes.
        assert_eq!(run("実施します。。"), vec![(15, 21, "。".to_string())]);
        assert_eq!(run("公園、、道路"), vec![(6, 12, "、".to_string())]);
        assert_eq!(run("公園、。"), vec![(6, 12, "。".to_string())]);
        assert_eq!(run("公園。、道路"), vec![(6, 12, "。".to_string())]);
        assert_eq!(run("公園，，道路"), vec![(6, 12, "，".to_string())]);
        assert_eq!(run("A,,B"), vec![(1, 3, ",".to_string())]);
        assert_eq!(run("終わり.."), vec![(9, 11, ".".to_string())]);
        assert_eq!(run("このため・・・"), vec![(12, 21, "……".to_string())]);
    }

    #[test]
    fn leaves_correct_punctuation_alone() {
        for text in [
            "実施します。",
            "なお……",
            "すごい！！本当？？",
            "72.1%",
            "../data",
            "wait...",
            "○○・・",
            "「公園」、「道路」。",
        ] {
            assert_eq!(run(text), vec![], "{text}");
        }
    }
}
