//! `ra-nuki`: ら抜き言葉, the potential form of an 一段 verb (or 来る) without ら:
//! 「見れる」→「見られる」, 「来れます」→「来られます」, 「食べれない」→「食べられない」.
//!
//! 公用文 uses the full form. The rule matches a stem from a list of 一段 verbs written
//! with kanji (見, 来, 出, 着, 寝, 起き, 食べ, 考え, 決め, 受け …) followed by れ and a
//! potential-form ending (る, ない, ます, た, て, ず). It cannot fire on:
//! - 見れば, 来れば, 考えれば (仮定形: れ＋ば is not an ending here);
//! - 入れる, 忘れる, 流れる, 離れる, 恐れる, 晴れる, 現れる, 生まれる, 触れる, 外れる,
//!   遅れる, 訪れる, 慣れる, 優れる, 連れる, 溢れる, 倒れる, 受け入れる: their stems are not
//!   in the list (れ belongs to the verb itself);
//! - 取れる, 行ける (五段 potentials are correct), くれる, これ, それ, まれ (kana words:
//!   verbs written in kana are not checked, which trades recall for no false alarms).
use std::sync::OnceLock;

use super::{Chars, Finding, TextKind};

/// Rule id.
pub(super) const ID: &str = "ra-nuki";

/// Stems of 一段 verbs (and 来る), kanji with their okurigana up to before る.
const STEMS: &[&str] = &[
    "見",
    "来",
    "出",
    "着",
    "寝",
    "居",
    "似",
    "煮",
    "得",
    "起き",
    "生き",
    "過ぎ",
    "降り",
    "借り",
    "用い",
    "信じ",
    "感じ",
    "閉じ",
    "応じ",
    "論じ",
    "生じ",
    "通じ",
    "講じ",
    "投じ",
    "演じ",
    "浴び",
    "延び",
    "伸び",
    "落ち",
    "満ち",
    "尽き",
    "足り",
    "下り",
    "帯び",
    "食べ",
    "考え",
    "決め",
    "受け",
    "投げ",
    "認め",
    "答え",
    "教え",
    "覚え",
    "建て",
    "育て",
    "比べ",
    "調べ",
    "述べ",
    "伝え",
    "見せ",
    "続け",
    "助け",
    "届け",
    "避け",
    "付け",
    "分け",
    "設け",
    "始め",
    "止め",
    "進め",
    "求め",
    "集め",
    "定め",
    "高め",
    "深め",
    "捨て",
    "立て",
    "変え",
    "加え",
    "与え",
    "超え",
    "越え",
    "抑え",
    "備え",
    "支え",
    "整え",
    "揃え",
    "迎え",
    "終え",
    "換え",
    "替え",
    "控え",
    "鍛え",
    "押さえ",
    "捉え",
    "数え",
    "混ぜ",
    "任せ",
    "載せ",
    "乗せ",
    "寄せ",
    "合わせ",
    "知らせ",
    "済ませ",
    "向け",
    "預け",
    "掛け",
    "欠け",
    "抜け",
    "負け",
    "見つけ",
    "片付け",
    "出かけ",
    "確かめ",
    "眺め",
    "勤め",
    "務め",
    "努め",
    "辞め",
    "改め",
    "広め",
    "強め",
    "弱め",
    "早め",
    "占め",
    "締め",
    "諦め",
    "褒め",
    "攻め",
    "責め",
    "染め",
    "留め",
    "詰め",
    "温め",
    "着け",
    "聞こえ",
    "見え",
    "覚め",
    "冷め",
    "植え",
    "耐え",
    "訴え",
    "唱え",
    "称え",
    "据え",
    "建て替え",
];

/// Every finding has a れ right after the last char of a stem.
#[inline]
pub(super) fn trigger(prev: Option<char>, c: char) -> bool {
    c == 'れ' && prev.is_some_and(|p| !stems_ending_with(p).is_empty())
}

/// The [`STEMS`] whose last char is `last`, each with that char.
fn stems_ending_with(last: char) -> &'static [(char, &'static str)] {
    static BY_LAST: OnceLock<Vec<(char, &'static str)>> = OnceLock::new();
    let by_last = BY_LAST.get_or_init(|| {
        let mut stems: Vec<(char, &str)> = STEMS
            .iter()
            .map(|s| (s.chars().next_back().unwrap_or_default(), *s))
            .collect();
        stems.sort_unstable();
        stems
    });
    let from = by_last.partition_point(|&(c, _)| c < last);
    let to = by_last.partition_point(|&(c, _)| c <= last);
    &by_last[from..to]
}

/// Finds ら抜き言葉; see the module doc.
pub(super) fn check(c: &Chars, _kind: TextKind) -> Vec<Finding> {
    let mut out = Vec::new();
    // A finding needs a れ right after its stem: for each れ, the stems the text before it
    // ends with; at each start the longest of them (not every stem at every character).
    let mut found: Vec<(usize, &str)> = Vec::new();
    for j in (1..c.len()).filter(|&j| c.get(j) == Some('れ')) {
        let (before, last) = (c.before(j), c.prev(j).unwrap_or_default());
        for &(_, stem) in stems_ending_with(last) {
            if before.ends_with(stem) {
                found.push((j - stem.chars().count(), stem));
            }
        }
    }
    // By start, longest stem last; keep that one per start.
    found.sort_by_key(|&(i, s)| (i, s.len()));
    let mut longest: Vec<(usize, &str)> = Vec::with_capacity(found.len());
    for (i, stem) in found {
        match longest.last_mut() {
            Some(last) if last.0 == i => *last = (i, stem),
            _ => longest.push((i, stem)),
        }
    }
    for (i, stem) in longest {
        let n = stem.chars().count();
        let re = i + n;
        let tail = c.rest(re + 1);
        let ending = [
            "る",
            "ない",
            "なかった",
            "なかっ",
            "ます",
            "ません",
            "ました",
            "まし",
            "た",
            "て",
            "ず",
        ]
        .iter()
        .filter(|e| tail.starts_with(*e))
        .max_by_key(|e| e.len());
        let Some(ending) = ending else { continue };
        let end = re + 1 + ending.chars().count();
        let word = c.slice(i, end);
        out.push(c.finding(
            i,
            end,
            ID,
            format!("「{word}」はら抜き言葉です"),
            format!("{stem}られ{ending}"),
        ));
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
    fn flags_ra_nuki() {
        assert_eq!(run("見れる"), vec![(0, 9, "見られる".to_string())]);
        assert_eq!(
            run("誰でも来れます。"),
            vec![(9, 21, "来られます".to_string())]
        );
        assert_eq!(
            run("朝早く起きれない"),
            vec![(9, 24, "起きられない".to_string())]
        );
        assert_eq!(run("食べれた"), vec![(0, 12, "食べられた".to_string())]);
        assert_eq!(
            run("意見を述べれず"),
            vec![(9, 21, "述べられず".to_string())]
        );
        assert_eq!(run("信じれる"), vec![(0, 12, "信じられる".to_string())]);
        assert_eq!(
            run("着れなかった。"),
            vec![(0, 18, "着られなかった".to_string())]
        );
    }

    #[test]
    fn stems_are_found_by_their_last_char() {
        let mut all: Vec<&str> = Vec::new();
        for last in ['見', 'き', 'べ', 'え', 'め', 'せ'] {
            let stems = super::stems_ending_with(last);
            assert!(!stems.is_empty(), "{last}");
            assert!(stems.iter().all(|&(c, s)| c == last && s.ends_with(last)));
            all.extend(stems.iter().map(|&(_, s)| s));
        }
        assert!(all.contains(&"建て替え") && all.contains(&"起き") && all.contains(&"見"));
        assert!(super::stems_ending_with('れ').is_empty());
        assert!(super::stems_ending_with('\0').is_empty());
        let largest = super::STEMS
            .iter()
            .map(|s| super::stems_ending_with(s.chars().last().unwrap()).len())
            .max()
            .unwrap();
        assert!(largest < super::STEMS.len() / 2);
    }

    #[test]
    fn leaves_correct_verbs_alone() {
        for text in [
            "資料を見れば分かります。",
            "提案を受け入れる。",
            "箱に入れる。入れない。",
            "休みが取れる。現地に行ける。",
            "送ってくれる。これ、それ、あれ。まれな例。",
            "忘れる。流れる。離れる。恐れる。晴れる。現れる。生まれる。",
            "触れる。外れる。遅れる。訪れる。慣れる。優れる。連れる。溢れる。倒れる。",
            "見られる。来られる。考えられる。",
            "出来れば参加してください。",
        ] {
            assert_eq!(run(text), vec![], "{text}");
        }
    }
}
