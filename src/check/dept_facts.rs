//! Department facts repeated with differences: the source sheets repeat 主な業務 and
//! 業務の対象 on every goal sheet, each copy with its own typos. hyoka stores them once in
//! the department's `_index.md`; where a goal's text repeats one of them almost but not
//! exactly, this finds it and suggests the department's wording.

use crate::model::build::edit_distance;

/// A text that nearly repeats a department fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Differs<'f> {
    /// The department's wording.
    pub fact: &'f str,
}

/// The fact `text` nearly repeats, if any: same after removing list marks and spaces is
/// fine; within a small edit distance (about one character in ten) is a difference.
pub fn differing_fact<'f>(text: &str, facts: &'f [String]) -> Option<Differs<'f>> {
    let text = normalize(text);
    let n = text.chars().count();
    if n < 8 {
        return None;
    }
    facts.iter().find_map(|fact| {
        // Normalising only shortens: a fact already too short to be near is skipped unread.
        if fact.chars().count() + (n / 10).max(1) < n {
            return None;
        }
        let f = normalize(fact);
        if f == text {
            return None;
        }
        let m = f.chars().count();
        let limit = (n.max(m) / 10).max(1);
        (n.abs_diff(m) <= limit && edit_distance(&text, &f) <= limit).then_some(Differs { fact })
    })
}

fn normalize(text: &str) -> String {
    text.trim()
        .trim_start_matches(['・', '-', '*', '　', ' '])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_copies_differ_and_exact_copies_do_not() {
        let facts =
            vec!["人権相談、行政相談、法律相談及び住民相談などの各種相談に関すること".to_string()];
        let near = "・人権相談、行政相談、法律相談及び住民相談などの各種相談に関するこ";
        assert_eq!(
            differing_fact(near, &facts).map(|d| d.fact),
            Some(facts[0].as_str())
        );
        assert_eq!(
            differing_fact(
                "・人権相談、行政相談、法律相談及び住民相談などの各種相談に関すること",
                &facts
            ),
            None
        );
        assert_eq!(
            differing_fact(
                "地域コミュニティの安全・安心な地域づくりが期待できます。",
                &facts
            ),
            None
        );
        assert_eq!(differing_fact("相談", &facts), None);
    }
}
