//! Department facts repeated with differences: the source sheets repeat 主な業務 and
//! 業務の対象 on every goal sheet, each copy with its own typos. hyoka stores them once in
//! the department's `_index.md`; where a goal's text repeats one of them almost but not
//! exactly, this finds it and suggests the department's wording.
//!
//! A department's facts are normalised once ([`DeptFacts::new`]) and every text run of its
//! goals is compared with them: most runs are ruled out by their length alone, and the
//! others by an edit distance that stops as soon as it exceeds the limit.

/// A text that nearly repeats a department fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Differs<'f> {
    /// The department's wording.
    pub fact: &'f str,
}

/// A department's facts, each with its normalised form, ready to compare texts with.
#[derive(Debug, Clone, Default)]
pub struct DeptFacts {
    facts: Vec<Fact>,
    /// The normalised lengths of a text that can be near a fact (`None` without facts).
    near_lengths: Option<(usize, usize)>,
}

#[derive(Debug, Clone)]
struct Fact {
    /// As written in `_index.md`.
    text: String,
    /// The chars of `text` normalised ([`normalized`]).
    chars: Vec<char>,
}

/// Texts shorter than this (normalised) are not compared.
const SHORTEST: usize = 8;

impl DeptFacts {
    /// The facts of a department ([`super::department_facts`]), normalised once.
    pub fn new(facts: Vec<String>) -> Self {
        let facts: Vec<Fact> = facts
            .into_iter()
            .map(|text| Fact {
                chars: normalized(&text).collect(),
                text,
            })
            .collect();
        let near_lengths = facts
            .iter()
            .flat_map(|f| {
                let m = f.chars.len();
                // Lengths more than twice a fact's are never near it.
                (SHORTEST..=2 * m + 2).filter(move |&n| near_in_length(n, m))
            })
            .fold(None, |range: Option<(usize, usize)>, n| {
                Some(range.map_or((n, n), |(lo, hi)| (lo.min(n), hi.max(n))))
            });
        DeptFacts {
            facts,
            near_lengths,
        }
    }
}

/// Most edits a text of `n` chars may be away from a fact of `m` chars to be near it: about
/// one character in ten.
fn limit(n: usize, m: usize) -> usize {
    (n.max(m) / 10).max(1)
}

/// Whether lengths `n` and `m` allow a text and a fact to be near.
fn near_in_length(n: usize, m: usize) -> bool {
    n.abs_diff(m) <= limit(n, m)
}

/// The fact `text` nearly repeats, if any: same after removing list marks and spaces is
/// fine; within a small edit distance (about one character in ten) is a difference.
pub(crate) fn differing_fact<'f>(text: &str, facts: &'f DeptFacts) -> Option<Differs<'f>> {
    let (shortest, longest) = facts.near_lengths?;
    // Normalising only removes chars: a text of fewer chars is not near any fact.
    if text.chars().count() < shortest {
        return None;
    }
    // Collecting stops past the longest normalised length that can be near a fact.
    let mut chars = Vec::with_capacity(longest + 1);
    chars.extend(normalized(text).take(longest + 1));
    let n = chars.len();
    if !(shortest..=longest).contains(&n) {
        return None;
    }
    facts.facts.iter().find_map(|fact| {
        let m = fact.chars.len();
        let differs = near_in_length(n, m)
            && chars != fact.chars
            && within_distance(&chars, &fact.chars, limit(n, m));
        differs.then_some(Differs { fact: &fact.text })
    })
}

/// The chars of `text` without the list marks it starts with and without whitespace.
fn normalized(text: &str) -> impl Iterator<Item = char> + '_ {
    text.trim()
        .trim_start_matches(['・', '-', '*', '　', ' '])
        .chars()
        .filter(|c| !c.is_whitespace())
}

/// Whether the edit (Levenshtein) distance between `a` and `b` is at most `limit`.
///
/// A path of the edit table through a cell `(i, j)` costs at least `|i - j|`, so only the
/// band `|i - j| <= limit` is computed (cells outside it count as over the limit), and the
/// answer is no as soon as every cell of a row is over the limit (costs never decrease
/// along a path).
fn within_distance(a: &[char], b: &[char], limit: usize) -> bool {
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    // Any cost over the limit: values are capped here.
    let over = limit + 1;
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j.min(over)).collect();
    let mut cur = vec![over; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        let row = i + 1;
        let lo = row.saturating_sub(limit);
        let hi = (row + limit).min(b.len());
        // The cell left of the band (or the first column) of this row.
        if lo == 0 {
            cur[0] = row.min(over);
        } else {
            cur[lo - 1] = over;
        }
        let mut best = if lo == 0 { cur[0] } else { over };
        for j in lo.max(1)..=hi {
            let cost = usize::from(ca != b[j - 1]);
            let d = (prev[j - 1] + cost)
                .min(prev[j] + 1)
                .min(cur[j - 1] + 1)
                .min(over);
            cur[j] = d;
            best = best.min(d);
        }
        if best > limit {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= limit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(texts: &[&str]) -> DeptFacts {
        DeptFacts::new(texts.iter().map(|t| t.to_string()).collect())
    }

    #[test]
    fn near_copies_differ_and_exact_copies_do_not() {
        let fact = "人権相談、行政相談、法律相談及び住民相談などの各種相談に関すること";
        let facts = facts(&[fact]);
        let near = "・人権相談、行政相談、法律相談及び住民相談などの各種相談に関するこ";
        assert_eq!(differing_fact(near, &facts).map(|d| d.fact), Some(fact));
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

    #[test]
    fn spaces_and_list_marks_do_not_count() {
        let facts = facts(&["防災訓練の実施に関すること", "- 情報公開に関すること"]);
        assert_eq!(
            differing_fact(" - ・防災訓練の 実施に関すること ", &facts),
            None
        );
        assert_eq!(differing_fact("*防災訓練の実施に関すること", &facts), None);
        assert_eq!(
            differing_fact("防災訓練の実施に関するこ", &facts).map(|d| d.fact),
            Some("防災訓練の実施に関すること")
        );
        // The first near fact is the one suggested.
        assert_eq!(
            differing_fact("＊情報公開に関すること", &facts).map(|d| d.fact),
            Some("- 情報公開に関すること")
        );
        assert_eq!(
            differing_fact("防災訓練の実施に関すること", &DeptFacts::default()),
            None
        );
    }

    #[test]
    fn near_lengths_cover_every_length_near_a_fact() {
        let facts = facts(&[
            "地域の防災に関すること",
            "あ",
            "情報公開及び個人情報保護制度に関すること",
        ]);
        let (lo, hi) = facts.near_lengths.unwrap();
        for m in [11, 1, 20] {
            for n in 0..100 {
                if n >= SHORTEST && near_in_length(n, m) {
                    assert!((lo..=hi).contains(&n), "{n} {m}");
                }
            }
        }
        assert_eq!((lo, hi), (10, 22));
        assert_eq!(DeptFacts::new(Vec::new()).near_lengths, None);
    }

    #[test]
    fn within_distance_agrees_with_the_full_edit_distance() {
        let mut rng = fastrand::Rng::with_seed(7);
        let alphabet = ['あ', 'い', 'う', '漢', 'a'];
        let word = |rng: &mut fastrand::Rng| -> Vec<char> {
            let n = rng.usize(0..12);
            (0..n)
                .map(|_| alphabet[rng.usize(..alphabet.len())])
                .collect()
        };
        for _ in 0..20_000 {
            let (a, b) = (word(&mut rng), word(&mut rng));
            let (sa, sb): (String, String) = (a.iter().collect(), b.iter().collect());
            let d = strsim::levenshtein(&sa, &sb);
            for limit in 0..5 {
                assert_eq!(
                    within_distance(&a, &b, limit),
                    d <= limit,
                    "{sa} {sb} {limit}"
                );
            }
        }
    }
}
