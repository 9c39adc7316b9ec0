//! `space-in-number`: a space inside an era year or a number: 「令和 2年度」→「令和2年度」,
//! 「令和6 年度」→「令和6年度」, 「1,2 34件」→「1,234件」, 「3, 500人」→「3,500人」.
//!
//! A screen reader reads the parts on either side of the space as two numbers
//! (「令和、2年度」「1と2、34件」), and a line may break inside them.
//!
//! - An era year: 令和・平成・昭和・大正・明治, the year (digits or 元) and 年, with a space
//!   (ASCII, full-width or no-break) between any two of them.
//! - A number with thousands separators cut by a space: the digits before the space end
//!   in an unfinished group (fewer than three digits after the last comma, or the comma
//!   itself, when a unit such as 人 or % follows: 「3, 500人」), and with the space removed
//!   the number is grouped correctly (1,234; 12,345,678).
//!
//! Not flagged: a space between two whole numbers (「1,000 2,000」), a space after a year
//! (「平成30年 3月」), a number after a word (「相談 12件」), and 「12 345」 without commas
//! (spaces as thousands separators are a style, not a slip).
use super::spacing::is_space;
use super::{Chars, Finding, TextKind, is_japanese, is_jp_punct};

/// Rule id.
pub(super) const ID: &str = "space-in-number";

/// Names of eras, each two chars long.
const ERAS: &[&str] = &["令和", "平成", "昭和", "大正", "明治"];

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_comma(c: char) -> bool {
    matches!(c, ',' | '，')
}

/// Every finding has a space right after a digit, a comma or the last char of an era name.
#[inline]
pub(super) fn trigger(prev: Option<char>, c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{A0}')
        && prev
            .is_some_and(|p| is_digit(p) || is_comma(p) || matches!(p, '和' | '成' | '正' | '治'))
}

/// Finds spaces inside era years and numbers; see the module doc. Looks only around the
/// runs of spaces.
pub(super) fn check(c: &Chars, _kind: TextKind) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if !c.get(i).is_some_and(is_space) {
            i += 1;
            continue;
        }
        let (j, _) = skip_spaces(c, i);
        let Some((start, end, what)) = around(c, i) else {
            i = j;
            continue;
        };
        let text = c.slice(start, end);
        let fixed: String = text.chars().filter(|&x| !is_space(x)).collect();
        out.push(c.finding(
            start,
            end,
            ID,
            format!("{what}の中に空白があります（読み上げで分断されます）"),
            fixed,
        ));
        i = end.max(j);
    }
    out
}

/// The era year or the number that the space run starting at char `i` cuts, if any:
/// (start, end, what it is).
fn around(c: &Chars, i: usize) -> Option<(usize, usize, &'static str)> {
    let back = |mut k: usize, pred: fn(char) -> bool| {
        while k > 0 && c.get(k - 1).is_some_and(pred) {
            k -= 1;
        }
        k
    };
    // 「令和 2年」: the era right before; 「令和2 年」「令和 2 年」: the year, then the era.
    let year = back(i, |x| is_digit(x) || x == '元');
    let era = back(year, is_space);
    for start in [i.checked_sub(2), era.checked_sub(2)].into_iter().flatten() {
        if let Some((end, what)) = era_year(c, start).filter(|&(end, _)| end > i) {
            return Some((start, end, what));
        }
    }
    let start = back(i, |x| is_digit(x) || is_comma(x));
    split_number(c, start)
        .filter(|&(end, _)| end > i)
        .map(|(end, what)| (start, end, what))
}

/// Index after `k` and the spaces that follow it, and whether there were any.
fn skip_spaces(c: &Chars, mut k: usize) -> (usize, bool) {
    let from = k;
    while c.get(k).is_some_and(is_space) {
        k += 1;
    }
    (k, k > from)
}

/// An era year with a space in it that starts at char `i`: the index after its 年.
fn era_year(c: &Chars, i: usize) -> Option<(usize, &'static str)> {
    if !ERAS.iter().any(|e| c.rest(i).starts_with(e)) {
        return None;
    }
    let (k, space_before) = skip_spaces(c, i + 2);
    let mut m = k;
    if c.get(m) == Some('元') {
        m += 1;
    } else {
        while c.get(m).is_some_and(is_digit) {
            m += 1;
        }
    }
    if m == k {
        return None;
    }
    let (m, space_after) = skip_spaces(c, m);
    (c.get(m) == Some('年') && (space_before || space_after)).then_some((m + 1, "年号の年"))
}

/// A grouped number cut by a space that starts at char `i`: the index after it.
fn split_number(c: &Chars, i: usize) -> Option<(usize, &'static str)> {
    let in_number = |x: char| is_digit(x) || is_comma(x);
    if !c.get(i).is_some_and(is_digit) || c.prev(i).is_some_and(in_number) {
        return None;
    }
    let mut k = i;
    while c.get(k).is_some_and(in_number) {
        k += 1;
    }
    let left: String = c.slice(i, k).chars().map(ascii).collect();
    let (j, spaced) = skip_spaces(c, k);
    if !spaced || !c.get(j).is_some_and(is_digit) {
        return None;
    }
    let mut m = j;
    while c.get(m).is_some_and(in_number) {
        m += 1;
    }
    let right: String = c.slice(j, m).chars().map(ascii).collect();
    let unfinished = left
        .rsplit_once(',')
        .is_some_and(|(_, last)| last.len() < 3);
    // 「3, 500人」 is a number only when a unit follows: 「320, 390 and 640」 is a list.
    let unit_after = c
        .get(m)
        .is_some_and(|u| (is_japanese(u) && !is_jp_punct(u)) || matches!(u, '%' | '％'));
    let number = unfinished && (!left.ends_with(',') || unit_after);
    (number && well_grouped(&format!("{left}{right}"))).then_some((m, "数字"))
}

/// The ASCII form of a full-width digit or comma.
fn ascii(x: char) -> char {
    match x {
        '０'..='９' => char::from(b'0' + (x as u32 - '０' as u32) as u8),
        '，' => ',',
        _ => x,
    }
}

/// 1,234 / 12,345,678: one to three digits, then groups of three after commas.
fn well_grouped(n: &str) -> bool {
    let mut groups = n.split(',');
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    (1..=3).contains(&first.len())
        && !rest.is_empty()
        && rest.iter().all(|g| g.len() == 3)
        && n.chars().all(|x| x.is_ascii_digit() || x == ',')
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    fn run(text: &str) -> Vec<(String, String)> {
        snippets(super::ID, text, TextKind::Prose)
    }

    #[test]
    fn flags_spaces_in_years_and_numbers() {
        let cases: &[(&str, &str, &str)] = &[
            ("令和 2年度から実施します。", "令和 2年", "令和2年"),
            ("令和6 年度の決算", "令和6 年", "令和6年"),
            ("平成　30年度", "平成　30年", "平成30年"),
            ("令和 元年度", "令和 元年", "令和元年"),
            ("相談件数は1,2 34件でした。", "1,2 34", "1,234"),
            ("来場者は延べ3, 500人でした。", "3, 500", "3,500"),
            ("予算は12,34 5,000円です。", "12,34 5,000", "12,345,000"),
        ];
        assert_each_flagged(cases, run);
    }

    #[test]
    fn leaves_separate_numbers_alone() {
        for text in [
            "令和7年度から令和11年度まで",
            "平成30年 3月に策定しました。",
            "相談 12件、訪問 34件",
            "1,000 2,000",
            "項目1, 2, 3",
            "at 320, 390 and 640 px",
            "12 345",
            "第2条 2 前項の規定",
            "令和の時代 2年目",
        ] {
            assert_eq!(run(text), vec![], "{text}");
        }
    }
}
