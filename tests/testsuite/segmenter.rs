//! Why `doubled-kana` uses context patterns instead of word boundaries: the issue asked to
//! measure both. The segmenter baseline flags two identical hiragana on either side of a
//! word boundary from ICU4X (`icu_segmenter`, data built in) — 「行わ|れれ」, 「な|など」 —
//! and is measured on the same labelled corpus as hyoka's rule. The test prints both and
//! fails if hyoka's rule ever becomes worse than the baseline on either side.

use hyoka::{RuleSet, TextKind, proofread_text as proofread};
use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{WordSegmenter, WordSegmenterBorrowed};

const TYPOS: &str = include_str!("../../src/proofread/corpus/typos.txt");
const CORRECT: &str = include_str!("../../src/proofread/corpus/correct.txt");

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309F}').contains(&c)
}

/// The baseline: a word boundary with the same hiragana on both sides.
fn segmenter_flags(segmenter: &WordSegmenterBorrowed<'static>, text: &str) -> bool {
    segmenter.segment_str(text).any(|b| {
        let before = text[..b].chars().next_back();
        let after = text[b..].chars().next();
        matches!((before, after), (Some(x), Some(y)) if x == y && is_hiragana(x))
    })
}

fn hyoka_flags(text: &str) -> bool {
    let (kind, text) = match text.strip_prefix("item:") {
        Some(t) => (TextKind::Item, t),
        None => (TextKind::Prose, text),
    };
    proofread(text, kind, &RuleSet::all())
        .iter()
        .any(|f| f.rule == "doubled-kana")
}

#[test]
fn doubled_kana_rule_against_a_word_segmenter_baseline() {
    let segmenter = WordSegmenter::new_auto(WordBreakInvariantOptions::default());
    let typos: Vec<&str> = sentences(TYPOS)
        .filter_map(|l| l.strip_prefix("doubled-kana\t"))
        .collect();
    let correct: Vec<&str> = sentences(CORRECT).collect();
    assert!(typos.len() >= 15 && correct.len() >= 80);
    let measure = |flags: &dyn Fn(&str) -> bool| {
        let caught = typos.iter().filter(|t| flags(t)).count();
        let alarms: Vec<&str> = correct.iter().copied().filter(|c| flags(c)).collect();
        (caught, alarms)
    };
    let plain = |t: &str| t.strip_prefix("item:").unwrap_or(t).to_string();
    let (seg_caught, seg_alarms) = measure(&|t| segmenter_flags(&segmenter, &plain(t)));
    let (our_caught, our_alarms) = measure(&|t| hyoka_flags(t));
    println!(
        "doubled-kana, segmenter baseline: recall {seg_caught}/{}, false alarms {}/{} {:?}",
        typos.len(),
        seg_alarms.len(),
        correct.len(),
        seg_alarms
    );
    println!(
        "doubled-kana, hyoka rule:         recall {our_caught}/{}, false alarms {}/{}",
        typos.len(),
        our_alarms.len(),
        correct.len()
    );
    assert!(
        our_caught >= seg_caught,
        "the rule catches fewer typos than the segmenter baseline"
    );
    assert!(
        our_alarms.len() <= seg_alarms.len(),
        "the rule raises more false alarms than the baseline"
    );
}
