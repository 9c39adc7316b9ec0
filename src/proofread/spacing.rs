//! `space-in-japanese`: spaces between two Japanese characters, 「目 標 名」→「目標名」.
//!
//! Spacing out letters with blanks is WCAG failure F32: a screen reader reads 「目 標」 as
//! two unrelated characters. A run of ASCII spaces, full-width spaces (U+3000) or
//! no-break spaces (U+00A0) between two Japanese characters (kanji, kana, 々, ー, and
//! Japanese punctuation such as 、。「」（）) is flagged when
//! - it spaces out single characters: a word on either side is one character long
//!   (「目 標 名」「氏　名」「主 な 取 組」), or
//! - it follows or precedes 、 or 。 (「本町では、 健康づくり」), or
//! - it sits in running prose: the line has 、。！？ (「地域 包括支援センターと連携して、」).
//!
//! A word spaced out over several runs (「目 標 名」) is one finding whose suggestion is the
//! text without the spaces.
//!
//! Choices (official prose uses spaces for layout, and layout is structure, not words):
//! - the space after a layout mark at the start of a line is never flagged, even in prose:
//!   an article number of 例規 (「第1条 この要綱は、」「第3条の2」「附則」), an item mark
//!   (「ア」「(1)」「（2）」「⑴」「①」「一」「※」「■」「・」), a label of 議会だより or of a
//!   notice (「問」「答」「町長」「田中議員」「健康福祉課長」「日時」「対象」), one after
//!   another (「答 町長 所有者への…」);
//! - a space next to a bracket （）「」【】 … is not inside a word, whether the bracket is
//!   full- or half-width (「3月1日（土） 午前10時」); after 、 or 。 it is still flagged;
//! - inside 「」『』 a space between words of two characters or more separates the phrases
//!   of a name or a slogan (「ともに支え合う 緑豊かなまち」);
//! - after a name that ends with the word for an organisation, a plan or an event (…隊,
//!   …協議会, …計画, …センター) or with a date (令和6年度, 8月3日), and between two nouns of
//!   three kanji or katakana or more, a space before the next word separates the parts of a
//!   name (「地域おこし協力隊 合同相談会」「第6次総合計画 後期基本計画」「マイナンバーカード
//!   出張申請受付」); a space before a particle (「協力隊 と」) and a space after a shorter
//!   noun (「地域 包括支援センター」) are still flagged;
//! - a space between two words of a title, label or heading without sentence punctuation
//!   is a word separator and is not flagged: 「毛呂山町 行政評価」「担当課　総務課」;
//! - a personal name 「姓 名」 followed by an honorific (「山田 太郎氏」「佐藤 花子様」) is not
//!   flagged even in prose; a bare 「山田 太郎」 inside a sentence is;
//! - leading indentation (spaces at the start of the text or of a line) is not flagged;
//! - katakana–space–katakana separates the parts of a foreign name (「ジョン スミス」), as
//!   textlint's rule does, unless one side is a single katakana: 「バ スの」 is a split word;
//! - a space next to an ASCII letter or digit is not this rule's business (「PDCA サイクル」
//!   reads correctly; a space inside an era year or a number is `space-in-number`'s).
use super::{Chars, Finding, TextKind, is_japanese, is_jp_punct, is_kanji, is_katakana};

/// Rule id.
pub(super) const ID: &str = "space-in-japanese";

pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{A0}')
}

/// Honorifics and titles after a personal name written 「姓 名」.
const TITLES: &[&str] = &[
    "氏",
    "様",
    "さん",
    "先生",
    "議員",
    "委員",
    "会長",
    "町長",
    "課長",
    "教授",
    "代表",
    "理事長",
];

/// Brackets, full- and half-width: a space next to one is not inside a word.
fn is_bracket(c: char) -> bool {
    matches!(
        c,
        '（' | '）'
            | '「'
            | '」'
            | '『'
            | '』'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '［'
            | '］'
            | '｛'
            | '｝'
            | '〈'
            | '〉'
            | '《'
            | '》'
            | '｢'
            | '｣'
    )
}

/// Words that end the name of an organisation, a plan or an event: a space after such a
/// name separates it from the next part of a longer name (「協力隊 合同相談会」).
const NAME_ENDS: &[&str] = &[
    "会",
    "隊",
    "団",
    "部",
    "課",
    "係",
    "局",
    "室",
    "所",
    "館",
    "園",
    "校",
    "院",
    "庁",
    "署",
    "町",
    "市",
    "村",
    "県",
    "組合",
    "計画",
    "戦略",
    "方針",
    "構想",
    "事業",
    "大会",
    "祭",
    "まつり",
    "センター",
    "フェア",
    "フェスタ",
    "講座",
    "教室",
    "委員",
];

/// Words that end a date: after a digit, 「令和6年度 まちづくり懇談会」「8月3日 午前」.
const DATE_ENDS: &[&str] = &["年度", "年", "月", "日", "号", "回"];

/// Hiragana that begin a particle: a space before one is never a separator of names.
const PARTICLE_STARTS: &[char] = &['を', 'に', 'が', 'で', 'は', 'の', 'へ', 'と', 'も', 'や'];

/// Whether the space run `i..j` (between two Japanese characters) splits text rather than
/// separating two words of a title, a label or a name.
fn splits_text(c: &Chars, marks: &Marks, i: usize, j: usize) -> bool {
    let word = |mut k: usize, step: isize| {
        let mut n = 0;
        let letter = |x: char| (is_japanese(x) && !is_jp_punct(x)) || x.is_alphanumeric();
        while c.get(k).is_some_and(letter) {
            n += 1;
            match k.checked_add_signed(step) {
                Some(next) => k = next,
                None => break,
            }
        }
        n
    };
    let (left, right) = (word(i - 1, -1), word(j, 1));
    // 「山田 太郎氏」: a personal name with its honorific.
    let given_name_then_title = (1..=3).any(|k| {
        (j..j + k).all(|m| c.get(m).is_some_and(is_kanji))
            && TITLES.iter().any(|t| c.rest(j + k).starts_with(t))
    });
    if left >= 2 && c.prev(i).is_some_and(is_kanji) && given_name_then_title {
        return false;
    }
    let kuten = |x: Option<char>| matches!(x, Some('、' | '。' | '，' | '．'));
    if kuten(c.get(i - 1)) || kuten(c.get(j)) {
        return true;
    }
    if c.get(i - 1).is_some_and(is_bracket) || c.get(j).is_some_and(is_bracket) {
        return false;
    }
    if left == 1 || right == 1 {
        return true;
    }
    if inside_quotes(c, marks, i, j) || after_name(c, i, j) {
        return false;
    }
    let line_start = last_before(&marks.newlines, i).map_or(0, |n| n + 1);
    let line_end = first_from(&marks.newlines, j).unwrap_or(c.len());
    first_from(&marks.sentence_punct, line_start).is_some_and(|p| p < line_end)
}

/// The space run `i..j` is inside 「」 or 『』 on its line: 「ともに支え合う 緑豊かなまち」.
/// (The nearest bracket of the pair before `i` on the line opens, and the nearest after `j`
/// closes.)
fn inside_quotes(c: &Chars, marks: &Marks, i: usize, j: usize) -> bool {
    [(&marks.kagi, '「', '」'), (&marks.niju, '『', '』')]
        .iter()
        .any(|&(at, open, close)| {
            last_before(at, i).is_some_and(|k| c.get(k) == Some(open))
                && first_from(at, j).is_some_and(|k| c.get(k) == Some(close))
        })
}

/// Char indices of what [`splits_text`] looks for on the line of a space run, found in one
/// pass over the text (looking along the line for each run made a long line quadratic).
struct Marks {
    newlines: Vec<usize>,
    /// 、。！？
    sentence_punct: Vec<usize>,
    /// 「 」 and line breaks.
    kagi: Vec<usize>,
    /// 『 』 and line breaks.
    niju: Vec<usize>,
}

impl Marks {
    fn new(c: &Chars) -> Self {
        let mut m = Marks {
            newlines: Vec::new(),
            sentence_punct: Vec::new(),
            kagi: Vec::new(),
            niju: Vec::new(),
        };
        for k in 0..c.len() {
            match c.get(k) {
                Some('\n') => {
                    m.newlines.push(k);
                    m.kagi.push(k);
                    m.niju.push(k);
                }
                Some('、' | '。' | '！' | '？') => m.sentence_punct.push(k),
                Some('「' | '」') => m.kagi.push(k),
                Some('『' | '』') => m.niju.push(k),
                _ => {}
            }
        }
        m
    }
}

/// The last of the sorted indices `at` before `i`.
fn last_before(at: &[usize], i: usize) -> Option<usize> {
    at[..at.partition_point(|&k| k < i)].last().copied()
}

/// The first of the sorted indices `at` from `j` on.
fn first_from(at: &[usize], j: usize) -> Option<usize> {
    at.get(at.partition_point(|&k| k < j)).copied()
}

/// The space run `i..j` separates the parts of a name: the word after it is not a particle,
/// and the word before it ends a name (an organisation, a plan, an event or a date:
/// 「協力隊 合同相談会」「令和6年度 事業」), or both sides are nouns of three kanji or
/// katakana or more (「マイナンバーカード 出張申請受付」; not 「地域 包括支援センター」).
fn after_name(c: &Chars, i: usize, j: usize) -> bool {
    if c.get(j).is_some_and(|x| PARTICLE_STARTS.contains(&x)) {
        return false;
    }
    let noun = |x: char| is_kanji(x) || (is_katakana(x) && x != '・');
    let left = (0..i).rev().take_while(|&k| c.get(k).is_some_and(noun));
    let right = (j..c.len()).take_while(|&k| c.get(k).is_some_and(noun));
    if left.take(3).count() == 3 && right.take(3).count() == 3 {
        return true;
    }
    let before = c.before(i);
    if NAME_ENDS.iter().any(|e| before.ends_with(e)) {
        return true;
    }
    DATE_ENDS.iter().any(|e| {
        before
            .strip_suffix(e)
            .and_then(|b| b.chars().next_back())
            .is_some_and(|d| d.is_ascii_digit() || ('０'..='９').contains(&d) || d == '元')
    })
}

/// Every finding has a space right after a Japanese character.
#[inline]
pub(super) fn trigger(prev: Option<char>, c: char) -> bool {
    is_space(c) && prev.is_some_and(is_japanese)
}

/// Finds spaces between Japanese characters; see the module doc.
pub(super) fn check(c: &Chars, _kind: TextKind) -> Vec<Finding> {
    let mut layout = layout_spaces(c);
    layout.sort_unstable();
    let marks = Marks::new(c);
    // Flagged space runs as (index of the char before, index of the char after).
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if !c.get(i).is_some_and(is_space) {
            i += 1;
            continue;
        }
        let mut j = i;
        while c.get(j).is_some_and(is_space) {
            j += 1;
        }
        if i > 0 && layout.binary_search(&i).is_err() {
            let (a, b) = (c.get(i - 1), c.get(j));
            let both_japanese = a.is_some_and(is_japanese) && b.is_some_and(is_japanese);
            let flagged = if a.is_some_and(is_katakana) && b.is_some_and(is_katakana) {
                splits_katakana(c, i, j)
            } else {
                both_japanese && splits_text(c, &marks, i, j)
            };
            if flagged {
                runs.push((i - 1, j));
            }
        }
        i = j;
    }
    // Merge runs that share a character (「目 標 名」) into one finding.
    let mut out = Vec::new();
    let mut k = 0;
    while k < runs.len() {
        let first = k;
        while k + 1 < runs.len() && runs[k + 1].0 == runs[k].1 {
            k += 1;
        }
        let (start, end) = (runs[first].0, runs[k].1 + 1);
        let text = c.slice(start, end);
        let fixed: String = text.chars().filter(|&x| !is_space(x)).collect();
        let kind = if text.contains('\u{3000}') {
            "全角空白"
        } else {
            "空白"
        };
        out.push(c.finding(
            start,
            end,
            ID,
            format!("日本語の文字の間に{kind}があります（読み上げで語が分断されます）"),
            fixed,
        ));
        k += 1;
    }
    out
}

/// Katakana on both sides of the space run `i..j` is a foreign name (「ジョン スミス」),
/// unless one side is a single katakana: 「バ スの」 is one word split in two.
fn splits_katakana(c: &Chars, i: usize, j: usize) -> bool {
    let katakana = |x: char| is_katakana(x) && x != '・';
    let left = (0..i).rev().take_while(|&k| c.get(k).is_some_and(katakana));
    let right = (j..c.len()).take_while(|&k| c.get(k).is_some_and(katakana));
    left.count() == 1 || right.count() == 1
}

/// The char index of every space run that follows a layout mark at the start of a line
/// (see [`mark_end`]): those spaces are layout, not a split word.
fn layout_spaces(c: &Chars) -> Vec<usize> {
    let mut spaces = Vec::new();
    let line_starts = std::iter::once(0).chain(
        (0..c.len())
            .filter(|&k| c.get(k) == Some('\n'))
            .map(|k| k + 1),
    );
    for line in line_starts {
        let mut k = line;
        while c.get(k).is_some_and(is_space) {
            k += 1;
        }
        let mut first = true;
        while let Some(end) = mark_end(c, k, first) {
            if c.get(end).is_some_and(is_space) {
                spaces.push(end);
                k = end;
                while c.get(k).is_some_and(is_space) {
                    k += 1;
                }
            } else if c.get(k).is_some_and(|x| MARK_SYMBOLS.contains(&x)) {
                // A symbol right before a label: 「◯山田議員 …」「■問い合わせ …」.
                k = end;
            } else {
                break;
            }
            first = false;
        }
    }
    spaces
}

/// Symbols that mark an item or a note.
const MARK_SYMBOLS: &[char] = &[
    '※', '■', '□', '●', '○', '◯', '〇', '◎', '◆', '◇', '▲', '△', '▼', '▽', '★', '☆', '・', '▶',
    '▷', '►', '➤', '✓', '✔', '＊', '*', '◉', '◦', '▪', '▫', '→',
];

/// Labels that begin a line of 議会だより, a Q&A or a notice (not words that also begin a
/// compound, such as 意見 in 意見交換会: a space after them may split a word).
const LABELS: &[&str] = &[
    "問",
    "答",
    "問い",
    "答え",
    "質問",
    "答弁",
    "再質問",
    "再答弁",
    "質疑",
    "回答",
    "注",
    "日時",
    "日程",
    "期日",
    "場所",
    "会場",
    "対象",
    "定員",
    "費用",
    "料金",
    "参加費",
    "内容",
    "講師",
    "持ち物",
    "申込み",
    "申込",
    "申し込み",
    "申込先",
    "申込期限",
    "締切",
    "問合せ",
    "問い合わせ",
    "問合せ先",
    "問い合わせ先",
    "主催",
    "共催",
    "後援",
    "備考",
    "その他",
    "附則",
    "別表",
    "別記",
    "様式",
];

/// Titles that end a speaker's label in 議会だより (「町長」「田中議員」「健康福祉課長」).
const SPEAKER_TITLES: &[&str] = &[
    "議員",
    "議長",
    "町長",
    "市長",
    "村長",
    "区長",
    "知事",
    "教育長",
    "委員長",
    "委員",
    "課長",
    "部長",
    "局長",
    "室長",
    "所長",
    "館長",
    "次長",
    "参事",
    "主幹",
    "係長",
    "理事",
    "会長",
    "管理者",
    "監査委員",
];

/// Numerals of article and item numbers.
fn is_numeral(x: char) -> bool {
    x.is_ascii_digit()
        || ('０'..='９').contains(&x)
        || matches!(
            x,
            '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百'
        )
}

/// Where the layout mark that starts at char `k` ends, if one does:
/// an article number (第1条, 第3条の2, 第2章, 附則 …), an item mark (ア, (1), （2）, ⑴, ①,
/// 1., 一, ※, ■ …), or a label (問, 答, 日時, a speaker such as 町長 or 田中議員). The kanji
/// numeral and katakana item marks count only as the first mark of a line (`first`).
fn mark_end(c: &Chars, k: usize, first: bool) -> Option<usize> {
    let numerals = |from: usize| {
        let mut m = from;
        while c.get(m).is_some_and(is_numeral) {
            m += 1;
        }
        (m > from).then_some(m)
    };
    let x = c.get(k)?;
    let end = if x == '第' {
        // 第1条, 第12条, 第3条の2, 第2章, 第1項.
        let m = numerals(k + 1)?;
        if !c
            .get(m)
            .is_some_and(|u| "条項号章節款目編部回期次".contains(u))
        {
            return None;
        }
        let mut m = m + 1;
        while c.get(m) == Some('の') {
            match numerals(m + 1) {
                Some(n) => m = n,
                None => break,
            }
        }
        m
    } else if matches!(x, '(' | '（') {
        // (1), （2）, (ア), （イ）, （一）.
        let inner = c.get(k + 1)?;
        let m = if is_plain_katakana(inner) {
            k + 2
        } else {
            numerals(k + 1)?
        };
        if !matches!(c.get(m), Some(')' | '）')) {
            return None;
        }
        m + 1
    } else if ('\u{2460}'..='\u{24FF}').contains(&x)
        || ('\u{2776}'..='\u{2793}').contains(&x)
        || ('\u{3251}'..='\u{325F}').contains(&x)
        || ('\u{32B1}'..='\u{32BF}').contains(&x)
    {
        // ①, ⑴, ⒈, ❶.
        k + 1
    } else if MARK_SYMBOLS.contains(&x) {
        // ※, ※1, ■.
        numerals(k + 1).unwrap_or(k + 1)
    } else if x.is_ascii_digit() || ('０'..='９').contains(&x) {
        // 1. 1) １．
        let m = numerals(k)?;
        if !matches!(c.get(m), Some('.' | ')' | '．' | '）')) {
            return None;
        }
        m + 1
    } else if first && is_numeral(x) {
        // 一 交付申請書, 十一 その他.
        let m = numerals(k)?;
        if m - k > 3 {
            return None;
        }
        m
    } else if first && is_plain_katakana(x) && !c.get(k + 1).is_some_and(is_katakana) {
        // ア 申請者の住所.
        k + 1
    } else {
        label_end(c, k)?
    };
    Some(end)
}

/// A katakana without dakuten or a small form: the item marks ア イ ウ … and イ ロ ハ ….
fn is_plain_katakana(x: char) -> bool {
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲ"
        .contains(x)
}

/// Where the label (see [`LABELS`], [`SPEAKER_TITLES`]) that starts at char `k` ends: the
/// word up to the next space must be a label, or a speaker of up to ten kanji.
fn label_end(c: &Chars, k: usize) -> Option<usize> {
    let mut m = k;
    while c.get(m).is_some_and(|x| !is_space(x) && x != '\n') {
        m += 1;
        if m - k > 10 {
            return None;
        }
    }
    let word = c.slice(k, m);
    let speaker = word.chars().all(|x| is_kanji(x) || x == '〇')
        && SPEAKER_TITLES.iter().any(|t| word.ends_with(t));
    (LABELS.contains(&word) || speaker).then_some(m)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    fn run(text: &str) -> Vec<(usize, usize, String)> {
        spans(super::ID, text)
    }

    #[test]
    fn flags_spaced_out_words() {
        assert_eq!(run("目 標 名"), vec![(0, 11, "目標名".to_string())]);
        assert_eq!(run("氏\u{3000}名"), vec![(0, 9, "氏名".to_string())]);
        assert_eq!(run("実施\u{A0}します。"), vec![(3, 11, "施し".to_string())]);
        assert_eq!(run("です。 次に"), vec![(6, 13, "。次".to_string())]);
        assert_eq!(
            run("地域 包括支援センターと連携して、"),
            vec![(3, 10, "域包".to_string())]
        );
    }

    #[test]
    fn leaves_exempt_spaces_alone() {
        for text in [
            "　本町では、",
            "  本町では、",
            "ジョン スミス氏",
            "令和 7年度",
            "PDCA サイクル",
            "本町では\n　次に",
            "毛呂山町 行政評価",
            "担当課　総務課",
            "第1条　目的",
            "講師の山田 太郎氏が、講演しました。",
        ] {
            assert_eq!(run(text), vec![], "{text}");
        }
    }

    #[test]
    fn leaves_layout_marks_alone_even_in_prose() {
        for text in [
            "第1条 この要綱は、必要な事項を定める。",
            "第12条　町長は、届出を確認する。",
            "（目的）\n第3条の2 補助金の額は、20万円とする。",
            "附則 この要綱は、公布の日から施行する。",
            "次の書類を提出する。\n一 交付申請書\n二 事業計画書、見積書",
            "ア 施設を損傷しないこと。\nイ 迷惑となる行為をしないこと。",
            "（2） 図書館の蔵書を充実させました。",
            "(1) 図書館の開館時間を延長しました。",
            "⑴ 見守り活動を支援します。",
            "① 訓練を実施しました。",
            "１） 訓練を実施しました。",
            "※ 申込みは、1週間前までにお願いします。",
            "■ 申込み 電話で、生涯学習課へお申し込みください。",
            "・ 受付は、平日のみです。",
            "問 町の対策を伺う。\n答 町長 所有者への働きかけを強めます。",
            "町長 お答えいたします。",
            "田中議員 通学路について伺います。",
            "健康福祉課長 受診率は、上昇しました。",
        ] {
            assert_eq!(run(text), vec![], "{text}");
        }
    }

    #[test]
    fn leaves_names_slogans_and_brackets_alone() {
        for text in [
            "地域おこし協力隊 合同相談会を開催しました。",
            "将来像「ともに支え合う 緑豊かなまち」を掲げます。",
            "第6次総合計画 後期基本計画を策定しました。",
            "令和6年度 まちづくり懇談会を開催しました。",
            "3月1日（土） 午前10時から開きます。",
            "講師にマイケル ブラウン氏を招きました。",
            "マイナンバーカード 出張申請受付を実施しました。",
            "◯山田議員 子どもの居場所づくりについて伺います。",
            "■問い合わせ 企画財政課、電話049-295-2112",
        ] {
            assert_eq!(run(text), vec![], "{text}");
        }
    }

    #[test]
    fn flags_split_words_beside_layout_and_names() {
        let cases: &[(&str, &str)] = &[
            ("町営バ スの運行", "バス"),
            ("スポーツセンタ ー", "ター"),
            ("第1条 この要綱は、地域 福祉の推進に関し定める。", "域福"),
            ("答 町長 引き続き、 関係機関と協議します。", "、関"),
            ("本町では 、育成を進めています。", "は、"),
            ("ア 申請書の 提出は、窓口で受け付けます。", "の提"),
            ("「ともに支え合う 緑の ま ち」を掲げます。", "のまち"),
            ("協力隊 と連携して、実施しました。", "隊と"),
            ("要綱において、 「空き家」とは、", "、「"),
        ];
        for (text, fixed) in cases {
            let found: Vec<String> = run(text).into_iter().map(|(_, _, f)| f).collect();
            assert_eq!(found, vec![fixed.to_string()], "{text}");
        }
    }
}
