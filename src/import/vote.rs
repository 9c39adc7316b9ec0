//! Department facts repeated in every sheet → one version, voted line by line. Each sheet
//! repeats sections 1–2 (主な業務, 業務の対象) with its own typos; the version most copies
//! agree on wins at each line, so an item cut short in one copy (「…に関するこ」) or a typo
//! in one copy loses. A tie is broken by the proofreading rules (the text with fewer
//! findings wins), then by the order of the sheets, and is reported as a tie.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::proofread::{self, RuleSet, TextKind};

use super::sheet::{Line, Sheet};

/// One sheet's copy of a block of department lines.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Copy<'a> {
    /// The sheet file.
    pub path: &'a Path,
    /// Where a difference in the number of lines is reported (the section heading).
    pub line: usize,
    /// The lines.
    pub lines: &'a [Line],
}

/// A copy that says something else than the chosen version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Disagreement {
    /// The sheet file.
    pub path: PathBuf,
    /// Its line.
    pub line: usize,
    /// What this copy says (for a count difference: its number of lines).
    pub written: String,
    /// What was chosen.
    pub chosen: String,
    /// How many copies say the chosen text.
    pub agreeing: usize,
    /// How many copies were compared.
    pub copies: usize,
    /// True when no version had more copies than another.
    pub tie: bool,
    /// True when the copy has another number of lines and was left out of the vote.
    pub count: bool,
    /// True for a section heading: compared to find typos, but never written out.
    pub heading: bool,
}

/// The voted lines and every disagreement.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Voted {
    /// The chosen text of each line.
    pub lines: Vec<String>,
    /// Copies that differ, in sheet order.
    pub disagreements: Vec<Disagreement>,
}

/// Votes each line across the copies that have the most common number of lines.
pub(crate) fn vote(copies: &[Copy]) -> Voted {
    let mut voted = Voted::default();
    let mut lengths: BTreeMap<usize, usize> = BTreeMap::new();
    for c in copies {
        *lengths.entry(c.lines.len()).or_default() += 1;
    }
    // Most copies; on a tie the longer list, which has lost nothing.
    let Some((&length, &agreeing)) = lengths.iter().max_by_key(|&(len, n)| (*n, *len)) else {
        return voted;
    };
    let tie = lengths.values().filter(|&&n| n == agreeing).count() > 1;
    let (counted, others): (Vec<&Copy>, Vec<&Copy>) =
        copies.iter().partition(|c| c.lines.len() == length);
    for c in others {
        voted.disagreements.push(Disagreement {
            path: c.path.to_path_buf(),
            line: c.line,
            written: c.lines.len().to_string(),
            chosen: length.to_string(),
            agreeing,
            copies: copies.len(),
            tie,
            count: true,
            heading: false,
        });
    }
    for i in 0..length {
        let texts: Vec<(&Copy, &Line)> = counted.iter().map(|c| (*c, &c.lines[i])).collect();
        let (chosen, agreeing, tie) = choose(texts.iter().map(|(_, l)| l.text.as_str()));
        for (c, l) in &texts {
            if l.text != chosen {
                voted.disagreements.push(Disagreement {
                    path: c.path.to_path_buf(),
                    line: l.line,
                    written: l.text.clone(),
                    chosen: chosen.clone(),
                    agreeing,
                    copies: counted.len(),
                    tie,
                    count: false,
                    heading: false,
                });
            }
        }
        voted.lines.push(chosen);
    }
    voted
        .disagreements
        .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    voted
}

/// The text most copies have, how many have it, and whether that was a tie.
fn choose<'t>(texts: impl Iterator<Item = &'t str>) -> (String, usize, bool) {
    // text → (copies, first position)
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for t in texts {
        match counts.iter_mut().find(|(c, _)| *c == t) {
            Some((_, n)) => *n += 1,
            None => counts.push((t, 1)),
        }
    }
    let top = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let leaders: Vec<&str> = counts
        .iter()
        .filter(|(_, n)| *n == top)
        .map(|(t, _)| *t)
        .collect();
    let rules = RuleSet::all();
    let findings = |t: &str| proofread::proofread(t, TextKind::Item, &rules).len();
    // min_by_key keeps the first of equals: sheet order breaks what proofreading cannot.
    let chosen = leaders
        .iter()
        .min_by_key(|t| findings(t))
        .copied()
        .unwrap_or_default();
    (chosen.to_string(), top, leaders.len() > 1)
}

/// The voted department facts.
pub(crate) struct Facts {
    /// 主な業務, voted.
    pub duties: Vec<String>,
    /// 業務の対象, voted.
    pub served: Vec<String>,
    /// How many sheets had section 1.
    pub copies: usize,
    /// Every copy that lost, sections and headings, in sheet order.
    pub disagreements: Vec<Disagreement>,
}

/// What each sheet repeats about the department.
#[derive(Debug, Clone, Copy)]
enum Block {
    Duties,
    Served,
    DutiesHeading,
    ServedHeading,
}

/// A sheet's copy of a block, if it has that section.
fn copy_of(s: &Sheet, block: Block) -> Option<Copy<'_>> {
    let (heading, lines) = match block {
        Block::Duties => (s.duties_heading.as_ref()?, s.duties.as_slice()),
        Block::Served => (s.served_heading.as_ref()?, s.served.as_slice()),
        Block::DutiesHeading | Block::ServedHeading => {
            let h = match block {
                Block::DutiesHeading => s.duties_heading.as_ref()?,
                _ => s.served_heading.as_ref()?,
            };
            (h, std::slice::from_ref(h))
        }
    };
    Some(Copy {
        path: &s.path,
        line: heading.line,
        lines,
    })
}

/// Votes sections 1 and 2, and their headings, across every sheet that has them.
pub(crate) fn vote_facts(sheets: &[Sheet]) -> Facts {
    let block = |b: Block| {
        let copies: Vec<Copy> = sheets.iter().filter_map(|s| copy_of(s, b)).collect();
        vote(&copies)
    };
    let duties = block(Block::Duties);
    let served = block(Block::Served);
    let headings = [block(Block::DutiesHeading), block(Block::ServedHeading)];
    let mut disagreements = duties.disagreements;
    disagreements.extend(served.disagreements);
    for h in headings {
        disagreements.extend(
            h.disagreements
                .into_iter()
                .map(|d| Disagreement { heading: true, ..d }),
        );
    }
    disagreements.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    Facts {
        duties: duties.lines,
        served: served.lines,
        copies: sheets.iter().filter(|s| s.duties_heading.is_some()).count(),
        disagreements,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(first: usize, texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                line: first + i,
                text: t.to_string(),
            })
            .collect()
    }

    fn copy(line: usize, lines: &[Line]) -> Copy<'_> {
        Copy {
            path: Path::new("s.txt"),
            line,
            lines,
        }
    }

    #[test]
    fn the_majority_wins_line_by_line_and_every_other_copy_is_reported() {
        let a = lines(5, &["防災に関すること", "人権相談に関するこ"]);
        let b = lines(40, &["防災に関すること", "人権相談に関すること"]);
        let c = lines(75, &["防災に関すること", "人権相談に関すること"]);
        let copies: Vec<Copy> = [&a, &b, &c].iter().map(|l| copy(1, l)).collect();
        let v = vote(&copies);
        assert_eq!(v.lines, ["防災に関すること", "人権相談に関すること"]);
        assert_eq!(v.disagreements.len(), 1);
        let d = &v.disagreements[0];
        assert_eq!(
            (d.line, d.written.as_str(), d.agreeing, d.copies, d.tie),
            (6, "人権相談に関するこ", 2, 3, false)
        );
    }

    #[test]
    fn a_tie_goes_to_the_text_proofreading_finds_nothing_in() {
        let a = lines(1, &["業務は次の方々のために行われれます。"]);
        let b = lines(9, &["業務は次の方々のために行われます。"]);
        let v = vote(&[copy(1, &a), copy(9, &b)]);
        assert_eq!(v.lines, ["業務は次の方々のために行われます。"]);
        assert!(v.disagreements[0].tie);
        assert_eq!(v.disagreements[0].line, 1);
    }

    #[test]
    fn a_copy_with_another_number_of_lines_is_left_out_and_reported() {
        let a = lines(2, &["一に関すること", "二に関すること"]);
        let b = lines(20, &["一に関すること", "二に関すること"]);
        let c = lines(40, &["一に関すること"]);
        let v = vote(&[copy(1, &a), copy(19, &b), copy(39, &c)]);
        assert_eq!(v.lines.len(), 2);
        assert_eq!(v.disagreements.len(), 1);
        assert!(v.disagreements[0].count);
        assert_eq!(v.disagreements[0].line, 39);
    }
}
