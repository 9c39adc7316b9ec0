//! Cross-rule tests: the labelled corpus (recall and false alarms), the rule set, and
//! byte ranges on char boundaries.
use super::{Finding, RULES, RuleSet, Scan, TextKind, proofread, proofread_scanned};

const TYPOS: &str = include_str!("corpus/typos.txt");
const CORRECT: &str = include_str!("corpus/correct.txt");

/// Splits an optional `item:` prefix off a corpus sentence.
fn kind_of(sentence: &str) -> (TextKind, &str) {
    match sentence.strip_prefix("item:") {
        Some(rest) => (TextKind::Item, rest),
        None => (TextKind::Prose, sentence),
    }
}

fn lines(corpus: &str) -> impl Iterator<Item = &str> {
    corpus
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn describe(text: &str, found: &[Finding]) -> String {
    found
        .iter()
        .map(|f| {
            format!(
                "{}「{}」→「{}」",
                f.rule,
                &text[f.start..f.end],
                f.suggestion
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn corpus_recall_and_false_alarms() {
    let rules = RuleSet::all();
    let (mut hits, mut total) = (0, 0);
    let mut missed = Vec::new();
    for line in lines(TYPOS) {
        let (rule, sentence) = line.split_once('\t').expect("rule-id<TAB>sentence");
        assert!(RULES.iter().any(|r| r.id == rule), "unknown rule {rule}");
        let (kind, text) = kind_of(sentence);
        let found = proofread(text, kind, &rules);
        total += 1;
        if found.iter().any(|f| f.rule == rule) {
            hits += 1;
        } else {
            missed.push(format!("{rule}\t{text}\t[{}]", describe(text, &found)));
        }
    }
    let (mut alarms, mut correct) = (Vec::new(), 0);
    for line in lines(CORRECT) {
        let (kind, text) = kind_of(line);
        let found = proofread(text, kind, &rules);
        correct += 1;
        if !found.is_empty() {
            alarms.push(format!("{text}\t[{}]", describe(text, &found)));
        }
    }
    let recall = hits as f64 / total as f64;
    println!(
        "recall {hits}/{total} = {:.1}%, false alarms {}/{correct}",
        recall * 100.0,
        alarms.len()
    );
    for m in &missed {
        println!("missed: {m}");
    }
    for a in &alarms {
        println!("false alarm: {a}");
    }
    assert!(total >= 45, "at least 45 typo sentences, got {total}");
    assert!(
        correct >= 90,
        "at least 90 correct sentences, got {correct}"
    );
    assert!(recall >= 0.90, "recall {recall}");
    assert!(alarms.is_empty(), "false alarms: {alarms:#?}");
}

#[test]
fn every_rule_has_typos_in_the_corpus() {
    for rule in RULES {
        let n = lines(TYPOS)
            .filter(|l| l.split_once('\t').is_some_and(|(r, _)| r == rule.id))
            .count();
        assert!(n >= 4, "{} has {n} typo sentences", rule.id);
    }
}

#[test]
fn ranges_are_on_char_boundaries_and_sorted() {
    let rules = RuleSet::all();
    for line in lines(TYPOS) {
        let (_, sentence) = line.split_once('\t').unwrap();
        let (kind, text) = kind_of(sentence);
        let found = proofread(text, kind, &rules);
        for f in &found {
            assert!(f.start < f.end, "{text}: {f:?}");
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
        assert!(found.windows(2).all(|w| w[0].start <= w[1].start), "{text}");
        for r in RULES {
            let same: Vec<_> = found.iter().filter(|f| f.rule == r.id).collect();
            assert!(same.windows(2).all(|w| w[0].end <= w[1].start), "{text}");
        }
    }
}

#[test]
fn rule_set_enables_and_disables() {
    let all = RuleSet::all();
    assert!(RULES.iter().all(|r| all.is_enabled(r.id)));
    assert!(!all.is_enabled("no-such-rule"));
    let some = RuleSet::with_disabled(&["width", "ra-nuki"]);
    assert!(!some.is_enabled("width"));
    assert!(!some.is_enabled("ra-nuki"));
    assert!(some.is_enabled("doubled-kana"));
    let text = "２０２５年度に見れる";
    assert!(proofread(text, TextKind::Prose, &some).is_empty());
    assert_eq!(proofread(text, TextKind::Prose, &all).len(), 2);
}

#[test]
fn rules_are_unique_and_described() {
    for (i, r) in RULES.iter().enumerate() {
        assert!(!r.name.is_empty() && !r.description.is_empty());
        assert!(RULES[..i].iter().all(|o| o.id != r.id), "{}", r.id);
    }
    assert_eq!(RULES.len(), 7);
}

#[test]
fn empty_and_ascii_text() {
    let rules = RuleSet::all();
    assert!(proofread("", TextKind::Prose, &rules).is_empty());
    assert!(proofread("", TextKind::Item, &rules).is_empty());
    assert!(proofread("hello, world.", TextKind::Prose, &rules).is_empty());
}

/// Text made of the pieces the rules look for, at random (seeded).
fn random_text(rng: &mut fastrand::Rng) -> String {
    const PIECES: &[&str] = &[
        "あ",
        "い",
        "う",
        "か",
        "た",
        "て",
        "つ",
        "っ",
        "を",
        "の",
        "に",
        "が",
        "で",
        "へ",
        "は",
        "な",
        "ど",
        "れ",
        "る",
        "ん",
        "す",
        "し",
        "せ",
        "ま",
        "こ",
        "み",
        "と",
        "く",
        "び",
        "見",
        "行",
        "向",
        "一",
        "関",
        "及",
        "起き",
        "受け",
        "漢",
        "ア",
        "ｶ",
        "ﾞ",
        "、",
        "。",
        "，",
        "．",
        "｡",
        "､",
        "・",
        "！",
        "？",
        ",",
        ".",
        "/",
        " ",
        "　",
        "\u{A0}",
        "\n",
        "\r\n",
        "０",
        "Ａ",
        "－",
        "a",
        "1",
        "ます",
        "です",
        "こと",
        "について",
        "に関す",
        "され",
        "られ",
        "しつかり",
        "ちよつと",
        "みんな",
        "まで",
        "もの",
        "ため",
        "山田",
        "氏",
    ];
    let n = rng.usize(0..30);
    (0..n).map(|_| PIECES[rng.usize(..PIECES.len())]).collect()
}

#[test]
fn triggers_never_hide_a_finding() {
    let rules = RuleSet::all();
    let mut rng = fastrand::Rng::with_seed(11);
    let corpus = lines(TYPOS)
        .map(|l| l.split_once('\t').map_or(l, |(_, s)| s))
        .chain(lines(CORRECT))
        .map(|l| kind_of(l).1.to_string());
    let random = (0..30_000).map(|_| random_text(&mut rng));
    for text in corpus.chain(random) {
        for kind in [TextKind::Prose, TextKind::Item] {
            let everything = proofread_scanned(&text, kind, &rules, &Scan::all_triggered(&text));
            assert_eq!(proofread(&text, kind, &rules), everything, "{text:?}");
        }
    }
}
