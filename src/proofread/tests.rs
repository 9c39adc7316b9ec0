//! Cross-rule tests: the labelled corpus (recall and false alarms), the rule set, and
//! byte ranges on char boundaries.
use super::{Finding, RULES, RuleSet, Scan, TextKind, proofread, proofread_scanned};

const TYPOS: &str = include_str!("corpus/typos.txt");
const CORRECT: &str = include_str!("corpus/correct.txt");
/// Official-layout text as real pages write it (例規, item marks, 議会だより …) and the
/// slips found on such pages.
const OFFICIAL_SLIPS: &str = include_str!("corpus/official-slips.txt");
const OFFICIAL_CORRECT: &str = include_str!("corpus/official-correct.txt");

/// Splits an optional `item:` or `cell:` prefix off a corpus entry (a list item and a table
/// cell are both items) and turns each `\n` into a line break.
fn kind_of(entry: &str) -> (TextKind, String) {
    let (kind, text) = match entry
        .strip_prefix("item:")
        .or_else(|| entry.strip_prefix("cell:"))
    {
        Some(rest) => (TextKind::Item, rest),
        None => (TextKind::Prose, entry),
    };
    (kind, text.replace("\\n", "\n"))
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

/// What the rules do on one labelled set.
struct Figures {
    hits: usize,
    typos: usize,
    correct: usize,
    missed: Vec<String>,
    alarms: Vec<String>,
}

impl Figures {
    /// Runs every rule on the typo entries (`rule-id<TAB>entry`, a hit when that rule
    /// reports) and on the correct entries (a false alarm when any rule reports).
    fn measure(typos: &str, correct: &str) -> Self {
        let rules = RuleSet::all();
        let mut f = Figures {
            hits: 0,
            typos: 0,
            correct: 0,
            missed: Vec::new(),
            alarms: Vec::new(),
        };
        for line in lines(typos) {
            let (rule, entry) = line.split_once('\t').expect("rule-id<TAB>entry");
            assert!(RULES.iter().any(|r| r.id == rule), "unknown rule {rule}");
            let (kind, text) = kind_of(entry);
            let found = proofread(&text, kind, &rules);
            f.typos += 1;
            if found.iter().any(|x| x.rule == rule) {
                f.hits += 1;
            } else {
                f.missed
                    .push(format!("{rule}\t{text:?}\t[{}]", describe(&text, &found)));
            }
        }
        for line in lines(correct) {
            let (kind, text) = kind_of(line);
            let found = proofread(&text, kind, &rules);
            f.correct += 1;
            if !found.is_empty() {
                f.alarms
                    .push(format!("{text:?}\t[{}]", describe(&text, &found)));
            }
        }
        f
    }

    fn recall(&self) -> f64 {
        self.hits as f64 / self.typos as f64
    }

    fn print(&self, name: &str) {
        println!(
            "{name}: recall {}/{} = {:.1}%, false alarms {}/{}",
            self.hits,
            self.typos,
            self.recall() * 100.0,
            self.alarms.len(),
            self.correct
        );
        for m in &self.missed {
            println!("  missed: {m}");
        }
        for a in &self.alarms {
            println!("  false alarm: {a}");
        }
    }
}

#[test]
fn corpus_recall_and_false_alarms() {
    let old = Figures::measure(TYPOS, CORRECT);
    let official = Figures::measure(OFFICIAL_SLIPS, OFFICIAL_CORRECT);
    old.print("corpus (typos.txt, correct.txt)");
    official.print("official layout (official-slips.txt, official-correct.txt)");
    assert!(
        old.typos >= 45,
        "at least 45 typo sentences, got {}",
        old.typos
    );
    assert!(old.correct >= 90, "at least 90 correct sentences");
    assert!(
        official.typos >= 25,
        "at least 25 slips, got {}",
        official.typos
    );
    assert!(official.correct >= 40, "at least 40 correct lines");
    for (name, f) in [("corpus", &old), ("official layout", &official)] {
        assert!(f.recall() >= 0.90, "{name}: recall {}", f.recall());
        assert!(f.alarms.is_empty(), "{name}: false alarms: {:#?}", f.alarms);
    }
}

#[test]
fn every_rule_has_typos_in_the_corpus() {
    for rule in RULES {
        let n = lines(TYPOS)
            .chain(lines(OFFICIAL_SLIPS))
            .filter(|l| l.split_once('\t').is_some_and(|(r, _)| r == rule.id))
            .count();
        assert!(n >= 4, "{} has {n} typo sentences", rule.id);
    }
}

#[test]
fn the_official_set_has_every_layout() {
    let entries = || {
        lines(OFFICIAL_CORRECT)
            .chain(lines(OFFICIAL_SLIPS).filter_map(|l| l.split_once('\t').map(|(_, e)| e)))
    };
    assert!(entries().any(|e| e.starts_with("item:")));
    assert!(entries().any(|e| e.starts_with("cell:")));
    assert!(
        entries().any(|e| !e.starts_with("item:") && !e.starts_with("cell:") && e.contains("\\n"))
    );
}

#[test]
fn ranges_are_on_char_boundaries_and_sorted() {
    let rules = RuleSet::all();
    for line in lines(TYPOS).chain(lines(OFFICIAL_SLIPS)) {
        let (_, sentence) = line.split_once('\t').unwrap();
        let (kind, text) = kind_of(sentence);
        let text = text.as_str();
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
    assert_eq!(RULES.len(), 12);
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
        "よ",
        "へ",
        "べ",
        "ヘ",
        "ベ",
        "一",
        "ー",
        "タ",
        "ミユ",
        "だ",
        "ざ",
        "ご",
        "さ",
        "ぜ",
        "ず",
        "じ",
        "令和",
        "2",
        "第1条",
        "問",
        "町長",
        "「",
        "」",
        "（",
        "）",
        "ア",
        "協議会",
        "年度",
    ];
    let n = rng.usize(0..30);
    (0..n).map(|_| PIECES[rng.usize(..PIECES.len())]).collect()
}

#[test]
fn triggers_never_hide_a_finding() {
    let rules = RuleSet::all();
    let mut rng = fastrand::Rng::with_seed(11);
    let corpus = lines(TYPOS)
        .chain(lines(OFFICIAL_SLIPS))
        .map(|l| l.split_once('\t').map_or(l, |(_, s)| s))
        .chain(lines(CORRECT))
        .chain(lines(OFFICIAL_CORRECT))
        .map(|l| kind_of(l).1);
    let random = (0..30_000).map(|_| random_text(&mut rng));
    for text in corpus.chain(random) {
        for kind in [TextKind::Prose, TextKind::Item] {
            let everything = proofread_scanned(&text, kind, &rules, &Scan::all_triggered(&text));
            assert_eq!(proofread(&text, kind, &rules), everything, "{text:?}");
        }
    }
}
