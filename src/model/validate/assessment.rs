//! The `assessment` block of a goal (§8.3): `grade` (kept with its position and checked
//! against config.toml's scale in `settle`), `outlook` (今後の方向性) and `reviews`.

use jiff::civil::Date;

use crate::content::{Node, NodeValue, Pos};
use crate::diag::Code;

use super::super::assessment::{Assessment, GradeRef, Outlook, Review, Spot};
use super::checker::Checker;

const ASSESSMENT_KEYS: &[&str] = &["grade", "outlook", "reviews"];
const REVIEW_KEYS: &[&str] = &["by", "date", "text"];

impl Checker<'_> {
    pub(super) fn assessment(&mut self, node: &Node) -> Option<Assessment> {
        if node.as_map().is_none() {
            self.error(
                Code::Type,
                node.pos,
                "「assessment」（評価）は grade, outlook, reviews を持つ組で書いてください",
                "assessment: の次の行から字下げして grade: B、outlook: 改善 のように書いてください",
            );
            return None;
        }
        self.known_keys(node, ASSESSMENT_KEYS, "assessment");
        if node.as_map().is_some_and(<[_]>::is_empty) {
            self.error(
                Code::EmptyValue,
                node.pos,
                "「assessment」（評価）が空です",
                "grade（評価）、outlook（今後の方向性）、reviews（評価の経過）のどれかを書いてください",
            );
            return None;
        }
        let grade = node.get("grade").and_then(|g| {
            let code = g
                .as_text()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty());
            if code.is_none() {
                self.error(
                    Code::EmptyValue,
                    g.pos,
                    "「grade」（評価）が空です",
                    "config.toml の [[grades]] の code（例: grade: B）を書いてください",
                );
            }
            Some(GradeRef {
                code: code?,
                at: self.spot(g.pos),
            })
        });
        let outlook = node.get("outlook").and_then(|o| self.outlook(o));
        let reviews = node
            .get("reviews")
            .map(|r| self.reviews(r))
            .unwrap_or_default();
        Some(Assessment {
            grade,
            outlook,
            reviews,
        })
    }

    /// Where `pos` is, with its line, for a message given later.
    pub(super) fn spot(&self, pos: Pos) -> Spot {
        Spot {
            pos,
            line: self.doc.source.line(pos.line).map(str::to_string),
        }
    }

    fn outlook(&mut self, node: &Node) -> Option<Outlook> {
        let text = node.as_text().unwrap_or_default();
        if let Some(outlook) = Outlook::parse(&text) {
            return Some(outlook);
        }
        let words: Vec<&str> = Outlook::ALL.iter().map(|o| o.label()).collect();
        let list = format!(
            "今後の方向性は {} のどれかで書いてください",
            words.join("・")
        );
        let help = match Outlook::near(&text) {
            Some(near) => format!("もしかして「{}」ですか？ {list}", near.label()),
            None => list,
        };
        self.error(
            Code::Outlook,
            node.pos,
            format!("outlook（今後の方向性）「{text}」は使えない言葉です"),
            help,
        );
        None
    }

    fn reviews(&mut self, node: &Node) -> Vec<Review> {
        let NodeValue::Seq(items) = &node.value else {
            if node.value != NodeValue::Null {
                self.error(
                    Code::Type,
                    node.pos,
                    "「reviews」はリストで書いてください",
                    "reviews: の下の行に「  - by: 担当課（一次評価）」と「    text: 〜」を1件ずつ書いてください",
                );
            }
            return Vec::new();
        };
        items.iter().filter_map(|item| self.review(item)).collect()
    }

    fn review(&mut self, node: &Node) -> Option<Review> {
        if node.as_map().is_none() {
            self.error(
                Code::Type,
                node.pos,
                "reviews の項目は by（評価者）と text（評価の内容）の組で書いてください",
                "- by: 行政評価委員会（外部評価）\n  text: 〜 のように書いてください",
            );
            return None;
        }
        self.known_keys(node, REVIEW_KEYS, "reviews の項目");
        let by = self.required_text(node, "by", "評価者（例: by: 担当課（一次評価））");
        let text = self.required_text(node, "text", "評価の内容（例: text: 取り組みを継続する。）");
        let date = node.get("date").and_then(|d| self.date(d, "date"));
        Some(Review {
            by: by?,
            date,
            text: text?,
        })
    }

    /// A date written `2025-07-31`.
    pub(super) fn date(&mut self, node: &Node, key: &str) -> Option<Date> {
        if node.value == NodeValue::Null {
            return None;
        }
        let text = node.as_text().unwrap_or_default();
        match text.trim().parse::<Date>() {
            Ok(date) => Some(date),
            Err(_) => {
                self.error(
                    Code::Date,
                    node.pos,
                    format!("{key}「{text}」は日付として読めません"),
                    format!("{key}: 2025-07-31 のように 年-月-日 を半角で書いてください"),
                );
                None
            }
        }
    }
}
