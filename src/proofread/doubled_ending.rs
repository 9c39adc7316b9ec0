//! `doubled-ending`: the end of a sentence typed again after its 。:
//! 「開催しました。した。」→「開催しました。」, 「取り組みます。ます。」→「取り組みます。」.
//!
//! After a sentence end (。！？), a run of one to six hiragana that ends at the next
//! sentence end, at a line end or at the end of the text, and that repeats the last chars
//! of the sentence before it, is flagged; the suggestion drops it.
//!
//! Not flagged: a short sentence that is a word of its own (「はい。」「いいえ。」「ええ。」),
//! a sentence that is not longer than the repeat (「はい。はい。」), and 「です。す」, which
//! `doubled-kana` reports (a single す typed again).
use super::{Finding, TextKind, is_hiragana};

/// Rule id.
pub(super) const ID: &str = "doubled-ending";

/// Short sentences that are words of their own.
const WORDS: &[&str] = &["はい", "いいえ", "ええ", "うん", "いや", "そう", "ね", "よ"];

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// Every finding has a hiragana right after a sentence end.
#[inline]
pub(super) fn trigger(prev: Option<char>, c: char) -> bool {
    matches!(prev, Some('。' | '！' | '？')) && is_hiragana(c)
}

/// Finds doubled sentence endings; looks only after `ends`, the byte offsets of the text's
/// line and sentence ends (`\n` 。！？, in order).
pub(super) fn check(text: &str, _kind: TextKind, ends: &[usize]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut sentence_start = 0;
    for &e in ends {
        let Some(end_char) = text[e..].chars().next() else {
            continue;
        };
        let after = e + end_char.len_utf8();
        let start = sentence_start;
        sentence_start = after;
        if !is_sentence_end(end_char) {
            continue;
        }
        if let Some(f) = repeat_after(text, start, e, after) {
            out.push(f);
        }
    }
    out
}

/// The finding for a repeat of the sentence `start..e` (ended by the char at `e`) that
/// begins at byte `after`, if there is one.
fn repeat_after(text: &str, start: usize, e: usize, after: usize) -> Option<Finding> {
    let rest = &text[after..];
    let frag_len: usize = rest
        .chars()
        .take_while(|&x| is_hiragana(x))
        .map(char::len_utf8)
        .sum();
    let frag = &rest[..frag_len];
    let n = frag.chars().count();
    let terminator = rest[frag_len..].chars().next();
    let ends_there = terminator.is_none_or(|t| is_sentence_end(t) || t == '\n' || t == '\r');
    let sentence = &text[start..e];
    if n == 0 || n > 6 || !ends_there || frag == "す" || WORDS.contains(&frag) {
        return None;
    }
    if !sentence.ends_with(frag) || sentence.chars().count() < n + 2 {
        return None;
    }
    // The flagged range: the repeated ending (with up to two more hiragana before it, so
    // that it reads as a word), the sentence end, the repeat and its own 。.
    let mut from = e - frag_len;
    for (i, x) in sentence[..from - start].char_indices().rev().take(2) {
        if !is_hiragana(x) {
            break;
        }
        from = start + i;
    }
    let to = after
        + frag_len
        + terminator
            .filter(|&t| is_sentence_end(t))
            .map_or(0, char::len_utf8);
    let kept = &text[from..after];
    Some(Finding {
        start: from,
        end: to,
        rule: ID,
        message: format!("文末の「{frag}」が重なっています（誤字の可能性）"),
        suggestion: kept.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    fn run(text: &str, kind: TextKind) -> Vec<(String, String)> {
        snippets(super::ID, text, kind)
    }

    #[test]
    fn flags_a_repeated_ending() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "説明会を開催しました。した。",
                "しました。した。",
                "しました。",
            ),
            ("今後も取り組みます。ます。", "みます。ます。", "みます。"),
            (
                "結果は良好でした。でした。次に",
                "でした。でした。",
                "でした。",
            ),
            (
                "下回りました。ました\n次の段落",
                "りました。ました",
                "りました。",
            ),
            (
                "応募者は増えました！した！",
                "えました！した！",
                "えました！",
            ),
        ];
        for (text, range, suggestion) in cases {
            let found = run(text, TextKind::Prose);
            assert_eq!(
                found,
                vec![(range.to_string(), suggestion.to_string())],
                "{text}"
            );
        }
    }

    #[test]
    fn leaves_other_sentences_alone() {
        for text in [
            "参加者は120人でした。来年度も継続します。",
            "はい。はい。",
            "質問に答えました。はい。",
            "結果を公表します。します、という表現は避けます。",
            "計画を見直します。すべての事業が対象です。",
            "図書館は午後7時までとなっています。す。",
        ] {
            assert_eq!(run(text, TextKind::Prose), vec![], "{text}");
        }
    }
}
