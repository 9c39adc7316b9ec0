//! A goal's keys of §8.2–§8.4 — `cost`, `assessment`, `plan`, `tags`, `contact`,
//! `updated` — read into [`GoalFacts`], and a department's `contact`.

use unicode_normalization::UnicodeNormalization;

use crate::content::{Node, NodeValue};
use crate::diag::Code;

use super::super::facts::{Contact, GoalFacts, PlanRef, Tag};
use super::super::plan::normalize_tag;
use super::checker::Checker;

/// The goal keys read here (after the seed's keys in `GOAL_KEYS`).
pub(super) const GOAL_FACT_KEYS: [&str; 6] =
    ["cost", "assessment", "plan", "tags", "contact", "updated"];
const CONTACT_KEYS: &[&str] = &["section", "phone", "email"];

impl Checker<'_> {
    pub(super) fn goal_facts(&mut self, front: &Node) -> GoalFacts {
        GoalFacts {
            cost: front.get("cost").and_then(|c| self.cost(c)),
            assessment: front.get("assessment").and_then(|a| self.assessment(a)),
            plan: front.get("plan").and_then(|p| self.plan_ref(p)),
            tags: front.get("tags").map(|t| self.tags(t)).unwrap_or_default(),
            contact: front.get("contact").and_then(|c| self.contact(c)),
            shown_contact: None,
            updated: front.get("updated").and_then(|u| self.date(u, "updated")),
        }
    }

    fn plan_ref(&mut self, node: &Node) -> Option<PlanRef> {
        let code = node.as_text().map(|t| t.trim().to_string());
        match code.filter(|c| !c.is_empty()) {
            Some(code) => Some(PlanRef {
                code,
                at: self.spot(node.pos),
            }),
            None => {
                if node.value != NodeValue::Null {
                    self.error(
                        Code::Type,
                        node.pos,
                        "「plan」は施策の番号で書いてください",
                        "config.toml の [[plan]] の code を plan: 4-1 のように書いてください",
                    );
                }
                None
            }
        }
    }

    fn tags(&mut self, node: &Node) -> Vec<Tag> {
        let items: Vec<&Node> = match &node.value {
            NodeValue::Null => return Vec::new(),
            NodeValue::Seq(items) => items.iter().collect(),
            NodeValue::String(_) | NodeValue::Number { .. } => vec![node],
            _ => {
                self.error(
                    Code::Type,
                    node.pos,
                    "「tags」はリストで書いてください",
                    "tags: [総合戦略, SDGs 11] のように書いてください",
                );
                return Vec::new();
            }
        };
        let mut tags: Vec<Tag> = Vec::new();
        for item in items {
            let Some(text) = item.as_text() else {
                self.error(
                    Code::Type,
                    item.pos,
                    "tags の項目は文字列で書いてください",
                    "tags: [総合戦略, SDGs 11] のように書いてください",
                );
                continue;
            };
            let name = normalize_tag(&text);
            if !name.is_empty() && !tags.iter().any(|t| t.name == name) {
                tags.push(Tag {
                    name,
                    at: self.spot(item.pos),
                });
            }
        }
        tags
    }

    /// A `contact` block (department or goal).
    pub(super) fn contact(&mut self, node: &Node) -> Option<Contact> {
        let example =
            "contact: { section: 総務課 防災係, phone: 049-295-2112, email: bosai@example.jp }";
        if node.as_map().is_none() {
            self.error(
                Code::Type,
                node.pos,
                "「contact」（問い合わせ先）は section, phone, email の組で書いてください",
                format!("{example} のように書いてください"),
            );
            return None;
        }
        self.known_keys(node, CONTACT_KEYS, "contact");
        let section = self.optional_text(node, "section");
        let phone = self.optional_text(node, "phone").and_then(|p| {
            let phone: String = p.nfkc().collect();
            let ok = phone.chars().any(|c| c.is_ascii_digit())
                && phone
                    .chars()
                    .all(|c| c.is_ascii_digit() || "-()+ ".contains(c));
            if !ok {
                let pos = node.get("phone").map_or(node.pos, |n| n.pos);
                self.error(
                    Code::Contact,
                    pos,
                    format!("電話番号「{p}」が読めません"),
                    "phone: 049-295-2112 のように数字とハイフンで書いてください（内線は section に書けます）",
                );
            }
            ok.then_some(phone)
        });
        let email = self.optional_text(node, "email").and_then(|e| {
            let ok = e.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty() && domain.contains('.') && !domain.contains('@')
            }) && e.is_ascii()
                && !e.contains(char::is_whitespace);
            if !ok {
                let pos = node.get("email").map_or(node.pos, |n| n.pos);
                self.error(
                    Code::Contact,
                    pos,
                    format!("メールアドレス「{e}」が正しくありません"),
                    "email: bosai@example.jp のように半角で書いてください",
                );
            }
            ok.then_some(e)
        });
        if section.is_none() && phone.is_none() && email.is_none() && !self.failed {
            self.error(
                Code::EmptyValue,
                node.pos,
                "「contact」（問い合わせ先）が空です",
                format!("{example} のように書いてください"),
            );
            return None;
        }
        Some(Contact {
            section,
            phone,
            email,
        })
    }
}

#[cfg(test)]
#[path = "judgement_tests.rs"]
mod tests;
