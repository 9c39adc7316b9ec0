//! `broken-ending`: sentence endings that do not exist in Japanese, typed one key off:
//! 「ありませんでしだ」→「ありませんでした」, 「参加しましだ」→「参加しました」,
//! 「ありまぜん」→「ありません」, 「向上しまじた」→「向上しました」, 「大切てす」→「大切です」,
//! 「お問い合わせくだざい」→「お問い合わせください」, 「でごさいます」→「でございます」.
//!
//! Each pattern carries the context it needs:
//! - でしだ, でじた anywhere before a word end (。、」 a line end, が, の);
//! - ましだ, まじた, ますた (before a word end) and まぜん after a 連用形 (行い, し, 見 …),
//!   so that 「…の方がましだ」 and 「行いますため」 are left alone;
//! - てす and でず after a kanji and before a word end or か (「重要てす」; not 「建てすぎ」);
//! - くだざい and ごさいま anywhere.
use super::{Chars, Finding, TextKind, ends_with_masu_stem, is_break, is_kanji};

/// Rule id.
pub(super) const ID: &str = "broken-ending";

/// What must come before a broken ending.
#[derive(Clone, Copy)]
enum Before {
    Anything,
    MasuStem,
    Kanji,
}

/// What must come after it.
#[derive(Clone, Copy)]
enum After {
    Anything,
    WordEnd,
    WordEndOrKa,
}

/// (broken ending, what was meant, before, after).
const ENDINGS: &[(&str, &str, Before, After)] = &[
    ("でしだ", "でした", Before::Anything, After::WordEnd),
    ("でじた", "でした", Before::Anything, After::WordEnd),
    ("ましだ", "ました", Before::MasuStem, After::WordEnd),
    ("まじた", "ました", Before::MasuStem, After::WordEnd),
    ("ますた", "ました", Before::MasuStem, After::WordEnd),
    ("まぜん", "ません", Before::MasuStem, After::Anything),
    ("てす", "です", Before::Kanji, After::WordEndOrKa),
    ("でず", "です", Before::Kanji, After::WordEndOrKa),
    ("くだざい", "ください", Before::Anything, After::Anything),
    ("ごさいま", "ございま", Before::Anything, After::Anything),
];

/// Every finding has one of the pairs of kana しだ, じた, すた, ぜん, てす, でず, だざ, ごさ
/// (the second and third chars of [`ENDINGS`], or the first and second); the second char
/// is matched first, as the scan calls this for every kana.
#[inline]
pub(super) fn trigger(prev: Option<char>, c: char) -> bool {
    let Some(p) = prev else { return false };
    match c {
        'だ' => p == 'し',
        'た' => p == 'じ' || p == 'す',
        'ん' => p == 'ぜ',
        'す' => p == 'て',
        'ず' => p == 'で',
        'ざ' => p == 'だ',
        'さ' => p == 'ご',
        _ => false,
    }
}

/// Finds broken endings; see the module doc.
pub(super) fn check(c: &Chars, _kind: TextKind) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let Some(&(broken, meant, _, _)) = ENDINGS
            .iter()
            .find(|(broken, _, before, after)| matches_at(c, i, broken, *before, *after))
        else {
            i += 1;
            continue;
        };
        let n = broken.chars().count();
        // Begin with the char before (the stem or the kanji) so that it reads as a word.
        let start = if c.prev(i).is_some_and(|p| !is_break(p)) {
            i - 1
        } else {
            i
        };
        let written = c.slice(start, i + n);
        let fixed = format!("{}{meant}", c.slice(start, i));
        let message =
            format!("「{written}」という語尾はありません（「{fixed}」の誤りではありませんか）");
        out.push(c.finding(start, i + n, ID, message, fixed));
        i += n;
    }
    out
}

fn matches_at(c: &Chars, i: usize, broken: &str, before: Before, after: After) -> bool {
    if !c.rest(i).starts_with(broken) {
        return false;
    }
    let ok_before = match before {
        Before::Anything => true,
        Before::MasuStem => ends_with_masu_stem(c.before(i)),
        Before::Kanji => c.prev(i).is_some_and(is_kanji),
    };
    let next = c.get(i + broken.chars().count());
    let word_end = next.is_none_or(|x| is_break(x) || matches!(x, 'が' | 'の'));
    let ok_after = match after {
        After::Anything => true,
        After::WordEnd => word_end,
        After::WordEndOrKa => word_end || next == Some('か'),
    };
    ok_before && ok_after
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    fn run(text: &str) -> Vec<(String, String)> {
        snippets(super::ID, text, TextKind::Prose)
    }

    /// The pairs of kana that [`super::trigger`] matches.
    const PAIRS: &[(char, char)] = &[
        ('し', 'だ'),
        ('じ', 'た'),
        ('す', 'た'),
        ('ぜ', 'ん'),
        ('て', 'す'),
        ('で', 'ず'),
        ('だ', 'ざ'),
        ('ご', 'さ'),
    ];

    #[test]
    fn the_trigger_is_the_pairs() {
        for (broken, ..) in super::ENDINGS {
            let chars: Vec<char> = broken.chars().collect();
            assert!(
                chars.windows(2).any(|w| PAIRS.contains(&(w[0], w[1]))),
                "{broken}"
            );
        }
        for c in '\u{3041}'..='\u{30FF}' {
            for p in '\u{3041}'..='\u{30FF}' {
                let pair = PAIRS.contains(&(p, c));
                assert_eq!(super::trigger(Some(p), c), pair, "{p}{c}");
            }
        }
    }

    #[test]
    fn flags_endings_that_do_not_exist() {
        let cases: &[(&str, &str, &str)] = &[
            ("混雑はありませんでしだ。", "んでしだ", "んでした"),
            ("300人が参加しましだ。", "しましだ", "しました"),
            ("申請はありまぜん。", "りまぜん", "りません"),
            ("満足度は向上しまじた。", "しまじた", "しました"),
            ("点検を行いますた。", "いますた", "いました"),
            ("検証することが大切てす。", "切てす", "切です"),
            ("対応が必要でずか。", "要でず", "要です"),
            ("お気軽にお問い合わせくだざい。", "せくだざい", "せください"),
            ("次のとおりでごさいます。", "でごさいま", "でございま"),
        ];
        assert_each_flagged(cases, run);
    }

    #[test]
    fn leaves_real_endings_alone() {
        for text in [
            "こちらの方がましだという意見もありました。",
            "工事を行いますため、通行止めとなります。",
            "建物を建てすぎないよう、基準を設けています。",
            "天候しだいで、内容を変更します。",
            "参加しました。ありません。でした。です。ください。ございます。",
            "手をすぐに洗ってすすいでください。",
        ] {
            assert_eq!(run(text), vec![], "{text}");
        }
    }
}
