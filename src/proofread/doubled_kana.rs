//! `doubled-kana`: a kana or particle typed twice (「行われれます」「ななど」「をを」).
//!
//! Japanese has many correct words with a repeated kana (ここ, いろいろ, それぞれ,
//! ますます, ことと, とともに, すすめる, たたく, ののしる, ななめ, 立てて, 見れば …), so
//! there is no blanket "any XX" rule. Only these pairs are checked, each with the context
//! that tells a typo from a word:
//!
//! - particles: をを (always), のの (not ものの, そののち, ののしる, の＋のび・のこり…),
//!   にに (not に＋にぎわい・にんき・にこにこ…), がが, でで (not で＋できる・でかける…,
//!   not まで＋で/です: 「これまでで最も」「5時までです」),
//!   へへ (not へ＋へや・へらす…), はは only before a kanji, katakana or punctuation
//!   (「本事業はは継続」; not は＋はじめて, ちちはは, ははおや);
//! - ななど (not みんななど, おとななど), and 漢字＋なな＋漢字 (「重要なな施策」);
//! - verb endings: れれ (not 〜れれば: 入れれば, 忘れれば), るる, っっ, んん,
//!   〜ったた / 〜したた at a word end (not 行ったため, したため, 持ったたくさん, したたる),
//!   漢字＋いいま (「行いいます」), 漢字＋しします・ししました (「実施しします」; not 少しした,
//!   not the humble お話しします・お渡しします・お返しして, not 前倒しして・後押しします),
//!   せせ (not せせらぎ), and すす after ます/です or before a sentence end
//!   (not ですすめる: で＋すすめる).
//!
//! Not checked because the doubled forms are mostly correct words: かか, ここ, しし (except
//! after a kanji as above),
//! そそ, たた (except after っ), てて, とと (ことと, とともに, ととのえる, と＋とらえる),
//! まま, もも (すもも), やや, いい.
use super::{Chars, Finding, TextKind, is_break, is_hiragana, is_kanji, is_katakana};

/// Rule id.
pub(super) const ID: &str = "doubled-kana";

/// What must surround a doubled kana for it to count as a typo.
struct Pair {
    kana: char,
    /// The pair is a particle: the suggestion keeps only the word before it.
    particle: bool,
    /// Not a typo when the text before the pair ends with one of these.
    exempt_before: &'static [&'static str],
    /// Not a typo when the text from the second kana starts with one of these.
    exempt_from_second: &'static [&'static str],
    /// Extra condition on (chars, index of first kana).
    extra: fn(&Chars, usize) -> bool,
}

fn always(_: &Chars, _: usize) -> bool {
    true
}

/// After a verb (「行ったた」「したた」), and the second た ends the word (not 行ったため,
/// したため, 持ったたくさん, したたる, ふたたび).
fn tta(c: &Chars, i: usize) -> bool {
    if !c.prev(i).is_some_and(is_hiragana) {
        return false;
    }
    let after = c.rest(i + 2);
    after.chars().next().is_none_or(is_break)
        || ["が、", "こと", "ので", "から"]
            .iter()
            .any(|s| after.starts_with(s))
}

/// Nouns ending in し that take します・して: 「前倒しして実施」「後押しします」.
const SHI_NOUNS: &[&str] = &[
    "前倒し",
    "後押し",
    "手渡し",
    "引渡し",
    "引き渡し",
    "受け渡し",
    "橋渡し",
    "見直し",
    "手直し",
    "貸出し",
    "貸し出し",
    "洗い出し",
    "取崩し",
    "取り崩し",
    "繰越し",
    "繰り越し",
    "口出し",
    "呼出し",
    "呼び出し",
    "持ち出し",
];

/// 漢字＋しし＋ま/た/て (「実施しします」; not 少しした, 久しく), and 漢字＋ししし.
///
/// Not the humble お＋連用形＋します (「お話しします」「お渡しします」「お返しして」:
/// お or ご before the kanji), nor a noun of [`SHI_NOUNS`] ＋します.
fn shishi(c: &Chars, i: usize) -> bool {
    if !c
        .prev(i)
        .is_some_and(|k| is_kanji(k) && k != '少' && k != '久')
    {
        return false;
    }
    if c.get(i + 2) == Some('し') {
        return true;
    }
    if !matches!(c.get(i + 2), Some('ま' | 'た' | 'て')) {
        return false;
    }
    let mut stem = i;
    while stem > 0 && c.get(stem - 1).is_some_and(is_kanji) {
        stem -= 1;
    }
    let humble = matches!(c.prev(stem), Some('お' | 'ご'));
    let noun = SHI_NOUNS.iter().any(|n| c.before(i + 1).ends_with(n));
    !humble && !noun
}

/// 漢字＋いい＋ま (「行いいます」).
fn iima(c: &Chars, i: usize) -> bool {
    c.prev(i).is_some_and(is_kanji) && c.get(i + 2) == Some('ま')
}

/// ますす / ですす (not ですすめる: で＋すすめる), or すす before a sentence end.
fn susu(c: &Chars, i: usize) -> bool {
    let after = c.get(i + 2);
    if after.is_none_or(is_break) {
        return true;
    }
    let verb_end = c.before(i).ends_with('ま') || c.before(i).ends_with('で');
    let word = [
        'め', 'む', 'み', 'ま', 'ぐ', 'が', 'ぎ', 'げ', 'き', 'け', 'こ', 'る', 'り', 'す', 'ん',
    ];
    verb_end && after.is_some_and(|a| !word.contains(&a))
}

/// はは followed by something other than hiragana (「本事業はは継続」「ははじめて」 is
/// は＋はじめて, 「ははおや」 is 母親).
fn ha_ha(c: &Chars, i: usize) -> bool {
    !c.get(i + 2).is_some_and(is_hiragana)
}

/// ななど (not みんななど), or 漢字＋なな＋漢字/カタカナ (「重要なな施策」).
fn nana(c: &Chars, i: usize) -> bool {
    let before = c.prev(i);
    let after = c.get(i + 2);
    if after == Some('ど') {
        return !c.before(i).ends_with("みん")
            && !c.before(i).ends_with("おと")
            && !c.before(i).ends_with("さか");
    }
    before.is_some_and(is_kanji) && after.is_some_and(|a| is_kanji(a) || is_katakana(a))
}

const PAIRS: &[Pair] = &[
    Pair {
        kana: 'を',
        particle: true,
        exempt_before: &[],
        exempt_from_second: &[],
        extra: always,
    },
    Pair {
        kana: 'の',
        particle: true,
        exempt_before: &["も"],
        exempt_from_second: &[
            "のし",
            "のち",
            "のぞ",
            "のび",
            "のば",
            "のみ",
            "のこり",
            "のこす",
            "のこさ",
            "のこし",
            "のこっ",
            "のう",
            "のぼ",
            "のせ",
            "のど",
            "のり",
            "のろ",
            "のん",
            "のれん",
            "のの",
        ],
        extra: always,
    },
    Pair {
        kana: 'に',
        particle: true,
        exempt_before: &[],
        exempt_from_second: &[
            "にぎ", "にん", "にこ", "にご", "にお", "にて", "にた", "にせ", "にる", "にゅ", "にょ",
            "にわ", "にが", "にく", "にじ", "にな", "にっ",
        ],
        extra: always,
    },
    Pair {
        kana: 'が',
        particle: true,
        exempt_before: &[],
        exempt_from_second: &[
            "がま", "がん", "がっ", "がく", "がら", "がい", "がけ", "がそ", "がぞ",
        ],
        extra: always,
    },
    Pair {
        kana: 'で',
        particle: true,
        exempt_before: &["ま"],
        exempt_from_second: &[
            "でき", "でか", "でく", "でけ", "でこ", "でぐ", "でま", "でる", "でた", "でて", "でし",
            "でん", "でぃ", "でぱ", "でっ", "でも", "でむ", "でわ", "です",
        ],
        extra: always,
    },
    Pair {
        kana: 'へ',
        particle: true,
        exempt_before: &[],
        exempt_from_second: &[
            "へい", "へん", "へや", "へら", "へり", "へる", "へっ", "へた", "へだ", "へそ",
        ],
        extra: always,
    },
    Pair {
        kana: 'は',
        particle: true,
        exempt_before: &["ち", "は"],
        exempt_from_second: &[],
        extra: ha_ha,
    },
    Pair {
        kana: 'な',
        particle: true,
        exempt_before: &[],
        exempt_from_second: &[],
        extra: nana,
    },
    Pair {
        kana: 'れ',
        particle: false,
        exempt_before: &[],
        exempt_from_second: &["れば"],
        extra: always,
    },
    Pair {
        kana: 'る',
        particle: false,
        exempt_before: &[],
        exempt_from_second: &[],
        extra: always,
    },
    Pair {
        kana: 'っ',
        particle: false,
        exempt_before: &[],
        exempt_from_second: &[],
        extra: always,
    },
    Pair {
        kana: 'ん',
        particle: false,
        exempt_before: &[],
        exempt_from_second: &[],
        extra: always,
    },
    Pair {
        kana: 'た',
        particle: false,
        exempt_before: &[],
        exempt_from_second: &[],
        extra: tta,
    },
    Pair {
        kana: 'い',
        particle: false,
        exempt_before: &[],
        exempt_from_second: &[],
        extra: iima,
    },
    Pair {
        kana: 'す',
        particle: false,
        exempt_before: &[],
        exempt_from_second: &[],
        extra: susu,
    },
    Pair {
        kana: 'し',
        particle: false,
        exempt_before: &[],
        exempt_from_second: &[],
        extra: shishi,
    },
    Pair {
        kana: 'せ',
        particle: false,
        exempt_before: &[],
        exempt_from_second: &["せら", "せこ", "せせ"],
        extra: always,
    },
];

/// Every finding has one of the [`PAIRS`] kana twice in a row, or 「。す」 ([`stray_su`]).
#[inline]
pub(super) fn trigger(prev: Option<char>, c: char) -> bool {
    if prev == Some(c) {
        PAIRS.iter().any(|pair| pair.kana == c)
    } else {
        c == 'す' && prev == Some('。')
    }
}

/// Finds doubled kana; see the module doc for the patterns.
pub(super) fn check(c: &Chars, _kind: TextKind) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < c.len() {
        let (Some(a), Some(b)) = (c.get(i), c.get(i + 1)) else {
            break;
        };
        let pair = if a == b {
            PAIRS.iter().find(|p| p.kana == a)
        } else {
            None
        };
        if let Some(p) = pair
            && !p.exempt_before.iter().any(|s| c.before(i).ends_with(s))
            && !p
                .exempt_from_second
                .iter()
                .any(|s| c.rest(i + 1).starts_with(s))
            && (p.extra)(c, i)
            && !(p.particle && ends_reduplication(c, i))
        {
            out.push(report(c, i, p));
            i += 2;
            continue;
        }
        if let Some(f) = stray_su(c, i) {
            out.push(f);
        }
        i += 1;
    }
    out
}

/// The first kana of the pair ends a reduplicated word (おのおの＋の, それぞれ＋れ is not a
/// particle): the chars before and at `i` read ABAB.
fn ends_reduplication(c: &Chars, i: usize) -> bool {
    i >= 3 && c.get(i - 3) == c.get(i - 1) && c.get(i - 2) == c.get(i)
}

/// 「です。す」 at the end of a line: the す was typed again after the 。.
fn stray_su(c: &Chars, i: usize) -> Option<Finding> {
    if c.get(i) == Some('。')
        && c.prev(i) == Some('す')
        && c.get(i + 1) == Some('す')
        && c.get(i + 2).is_none_or(|n| matches!(n, '\n' | '\r' | '。'))
    {
        return Some(c.finding(
            i - 1,
            i + 2,
            ID,
            "文末の「す」が重なっています（誤字の可能性）".to_string(),
            "す。".to_string(),
        ));
    }
    None
}

/// The finding for the doubled kana at `i, i + 1`, with a little context so that the
/// suggestion reads as a word: 「行われれます」→「行われます」.
fn report(c: &Chars, i: usize, p: &Pair) -> Finding {
    // Left: for verb endings up to two hiragana, then up to three kanji/katakana; for
    // particles only the kanji/katakana word before.
    let mut start = i;
    if !p.particle {
        let mut n = 0;
        while n < 2 && start > 0 && c.get(start - 1).is_some_and(is_hiragana) {
            start -= 1;
            n += 1;
        }
    }
    // (Katakana words are longer: 「マニュアルをを」.)
    let mut n = 0;
    let max = if c.prev(start).is_some_and(is_katakana) {
        8
    } else {
        3
    };
    while n < max
        && start > 0
        && c.get(start - 1)
            .is_some_and(|x| is_kanji(x) || is_katakana(x))
    {
        start -= 1;
        n += 1;
    }
    // Right: for verb endings up to three hiragana (「ます」「でした」); for ななど the ど.
    let mut end = i + 2;
    if p.kana == 'な' && c.get(end) == Some('ど') {
        end += 1;
    } else if !p.particle {
        let mut n = 0;
        while n < 3 && c.get(end).is_some_and(is_hiragana) {
            end += 1;
            n += 1;
        }
    }
    let suggestion = format!("{}{}", c.slice(start, i + 1), c.slice(i + 2, end));
    let pair = c.slice(i, i + 2);
    let message = if p.particle && p.kana != 'な' {
        format!(
            "助詞「{}」が重なっています（誤字の可能性）",
            &pair[..pair.len() / 2]
        )
    } else {
        format!("「{pair}」が重なっています（誤字の可能性）")
    };
    c.finding(start, end, ID, message, suggestion)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    fn run(text: &str) -> Vec<(String, String)> {
        snippets(super::ID, text, TextKind::Prose)
    }

    #[test]
    fn flags_typos_with_suggestions() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "当課の業務は次の方々のために行われれます。",
                "行われれます",
                "行われます",
            ),
            ("説明する機会をつくっていただくななど、", "ななど", "など"),
            ("計画をを見直しました。", "計画をを", "計画を"),
            ("マニュアルをを改訂", "マニュアルをを", "マニュアルを"),
            ("本町のの施策です。", "本町のの", "本町の"),
            ("地域にに根ざした取組です。", "地域にに", "地域に"),
            ("住民がが参加しました。", "住民がが", "住民が"),
            ("会場でで実施します。", "会場でで", "会場で"),
            ("県へへ報告します。", "県へへ", "県へ"),
            ("本事業はは継続します。", "本事業はは", "本事業は"),
            ("今後も推進しますす。", "推進しますす", "推進します"),
            ("施設を整備するる。", "整備するる", "整備する"),
            ("研修を行ったた。", "行ったた", "行った"),
            ("訪問を行っって確認した。", "行っって", "行って"),
            (
                "利用者は増えませんんでした。",
                "ませんんでした",
                "ませんでした",
            ),
            ("点検を行いいます。", "行いいます", "行います"),
            ("施設を利用したた。", "利用したた", "利用した"),
            ("調査を実施しします。", "実施しします", "実施します"),
            ("内容をお話ししします。", "話ししします", "話しします"),
            ("書類を渡しします。", "渡しします", "渡します"),
            ("重要なな施策です。", "重要なな", "重要な"),
        ];
        assert_each_flagged(cases, run);
    }

    #[test]
    fn leaves_correct_repetitions_alone() {
        for text in [
            "ここで、いろいろな意見をそれぞれ伺い、ますます充実させます。",
            "まだまだ課題はありますが、ときどき、なかなか、のびのびと、しばしば、たびたび。",
            "わざわざ、いよいよ、そろそろ、だんだん、どんどん、もろもろ、おのおの、いちいち。",
            "大切なことと考えます。関係機関とともに取り組みます。",
            "計画をすすめる。ささいなこと。扉をたたく。費用がかかる。",
            "ののしる。ななめの線。いい。いいえ。ややこしい。",
            "改善しつつ進めます。すももも、もももある。",
            "午後。部分。ここち。ききとり。",
            "計画を立てて、人材を育てて、ごみを捨てて、見せて説明します。",
            "窓口でできる手続です。電話ででも申し込めます。",
            "これまでで最も多く、午後5時までです。",
            "地域ににぎわいを取り戻す。",
            "困難であったものの、実施しました。",
            "施設を入れれば、忘れれば、くれれば。",
            "役に立ったため、持ったたくさんの資料。",
            "みんななどと呼びかけます。",
            "窓口ですすめています。",
            "ちちははの思い。",
            "おのおのの事業について。",
            "本町でははじめての試みです。",
            "雨が降ったため、延期したため、少ししました。水がしたたる。ふたたび。",
            "制度の内容をお話しします。書類をお渡しします。車いすをお貸しします。",
            "書類はお返しします。資料をお示しして説明しました。お手渡ししました。",
            "工事を前倒しして実施しました。移住を後押しします。計画を見直しします。",
        ] {
            assert_eq!(run(text), vec![], "{text}");
        }
    }
}
