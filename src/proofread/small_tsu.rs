//! `small-tsu`: a large つ where the word needs the small っ (促音):
//! 「あつた」→「あった」, 「行つて」→「行って」, 「にとつて」→「にとって」.
//!
//! The check looks at X＋つ＋た/て, where X is
//! - a kanji verb stem (行, 持, 言, 思, 立, 従, 伴, 図, 違 …), but not a numeral
//!   (「一つ」「二つ」), and not when つた starts another word: 「立つため」「持つたび」;
//! - one of the hiragana that end a verb or adjective stem before っ: あ い う か が た
//!   だ な や よ と も ま わ (「あつた」「なつた」「やつて」「によつて」「にとつて」
//!   「をもつて」「向かつて」「多かつた」).
//!
//! Exempt: かつて (「かつては」「史上かつてない」: only 向/分/掛/助… ＋かつて is a typo),
//! ついて/について (つ＋い, not つ＋て), つたえる/つたわる/つたない/つたう (伝える…),
//! うつたえる (訴える), まつたけ, and 伝手 (つて) which never follows a verb stem.
//! A few common adverbs are also checked as whole words: しつかり, すつかり, はつきり,
//! ゆつくり, きつかけ, やつぱり, もつぱら, ちよつと, やつと.
use super::{Chars, Finding, TextKind, is_hiragana, is_kanji};

/// Rule id.
pub(super) const ID: &str = "small-tsu";

const HIRAGANA_STEMS: &[char] = &[
    'あ', 'い', 'う', 'か', 'が', 'た', 'だ', 'な', 'や', 'よ', 'と', 'も', 'ま', 'わ',
];

/// Kanji that begin another word after つ (一つ, 二つ, 幾つ …): 「一つ手前」 is fine.
const NUMERALS: &[char] = &[
    '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '幾', '何',
];

/// Kanji verb stems that take かって (向かって, 分かって …); any other kanji before
/// かつて is a noun and かつて is the adverb (「史上かつてない」).
const KA_STEMS: &[char] = &['向', '分', '掛', '懸', '助', '預', '授', '浸', '架', '賭'];

/// Whole words written with つ for っ.
const WORDS: &[(&str, &str)] = &[
    ("しつかり", "しっかり"),
    ("すつかり", "すっかり"),
    ("はつきり", "はっきり"),
    ("ゆつくり", "ゆっくり"),
    ("きつかけ", "きっかけ"),
    ("やつぱり", "やっぱり"),
    ("もつぱら", "もっぱら"),
    ("ちよつと", "ちょっと"),
    ("やつと", "やっと"),
];

/// Every finding has a つ (the whole words of [`WORDS`] included).
#[inline]
pub(super) fn trigger(_prev: Option<char>, c: char) -> bool {
    c == 'つ'
}

/// The whole word of [`WORDS`] that starts at char `i`, if any (each has its つ second or
/// third).
fn word_at(c: &Chars, i: usize) -> Option<&'static (&'static str, &'static str)> {
    if c.get(i + 1) != Some('つ') && c.get(i + 2) != Some('つ') {
        return None;
    }
    WORDS.iter().find(|(w, _)| c.rest(i).starts_with(w))
}

/// Finds large つ written for っ; see the module doc.
pub(super) fn check(c: &Chars, _kind: TextKind) -> Vec<Finding> {
    let mut out = Vec::new();
    for i in 0..c.len() {
        if let Some((word, fixed)) = word_at(c, i) {
            let n = word.chars().count();
            out.push(c.finding(
                i,
                i + n,
                ID,
                format!("「{word}」は小さい「っ」で書きます"),
                fixed.to_string(),
            ));
            continue;
        }
        if c.get(i) != Some('つ') || i == 0 {
            continue;
        }
        let Some(next) = c.get(i + 1) else { continue };
        if next != 'た' && next != 'て' {
            continue;
        }
        let after = c.rest(i + 1);
        if next == 'た'
            && [
                "たえ", "たわ", "たう", "たい", "たな", "たけ", "ため", "たび", "たく",
            ]
            .iter()
            .any(|w| after.starts_with(w))
        {
            continue;
        }
        let Some(x) = c.prev(i) else { continue };
        let typo = if is_kanji(x) {
            !NUMERALS.contains(&x)
        } else if x == 'か' && next == 'て' {
            c.get(i.wrapping_sub(2))
                .is_some_and(|k| KA_STEMS.contains(&k))
        } else if x == 'う' {
            !after.starts_with("たえ")
        } else {
            HIRAGANA_STEMS.contains(&x)
        };
        if !typo {
            continue;
        }
        // Range: the kanji stem (up to 3 kanji) with its okurigana, then つ＋た/て.
        let mut start = i - 1;
        if is_hiragana(x) {
            let mut n = 0;
            while n < 3 && start > 0 && c.get(start - 1).is_some_and(is_kanji) {
                start -= 1;
                n += 1;
            }
        }
        let word = c.slice(start, i + 2);
        let fixed = format!("{}っ{}", c.slice(start, i), next);
        out.push(c.finding(
            start,
            i + 2,
            ID,
            format!("「{word}」の「つ」は小さい「っ」ではありませんか"),
            fixed,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    fn run(text: &str) -> Vec<(String, String)> {
        snippets(super::ID, text, TextKind::Prose)
    }

    #[test]
    fn flags_large_tsu() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "地域の実情にあつた自主防災組織を設立及び育成します。",
                "あつた",
                "あった",
            ),
            ("目標を達成できなかつた。", "かつた", "かった"),
            ("住民が主体となつた活動", "なつた", "なった"),
            ("調査を行つて、", "行つて", "行って"),
            ("資料を持つた職員", "持つた", "持った"),
            ("町民にとつて大切です。", "とつて", "とって"),
            ("計画によつて進めます。", "よつて", "よって"),
            ("誠意をもつて対応します。", "もつて", "もって"),
            ("目標に向かつて努力します。", "向かつて", "向かって"),
            ("実施に当たつては、", "当たつて", "当たって"),
            (
                "会議が開かれたときは、しつかり記録します。",
                "しつかり",
                "しっかり",
            ),
            ("従つて、", "従つて", "従って"),
        ];
        assert_each_flagged(cases, run);
    }

    #[test]
    fn every_word_has_its_tsu_second_or_third() {
        for (word, fixed) in super::WORDS {
            let tsu = word.chars().position(|c| c == 'つ');
            assert!(matches!(tsu, Some(1 | 2)), "{word}");
            assert_eq!(run(word), vec![(word.to_string(), fixed.to_string())]);
        }
    }

    #[test]
    fn leaves_correct_words_alone() {
        for text in [
            "本町はかつて宿場町でした。",
            "史上かつてない規模です。",
            "事業について説明します。",
            "情報をつたえる。思いを伝えつつ進めます。",
            "役に立つため、一つ一つ確認します。",
            "会議を持つたびに確認します。",
            "知人のつてを頼る。",
            "住民の声にうつたえる。",
            "一つ手前の交差点",
        ] {
            assert_eq!(run(text), vec![], "{text}");
        }
    }
}
