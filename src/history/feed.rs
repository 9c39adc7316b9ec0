//! `/feed.xml`: the newest changes (`FEED_LIMIT`) as an Atom feed (RFC 4287). Every date
//! comes from a commit, and each entry's id is a `tag:` URI made of the site's host, the
//! commit's date, the commit id and the goal's file, so an entry keeps its id from build to
//! build.

use crate::markup::escape_xml;
use crate::model::history::{
    CHANGES_PAGE_PATH, Change, FEED_LIMIT, FEED_PATH, SiteHistory, shown_changes,
};
use crate::model::{Site, goal_path};

/// The feed's entry id of a change.
pub(crate) fn entry_id(site: &Site, change: &Change) -> String {
    format!(
        "tag:{},{}:{}/{}",
        host(&site.config.base_url),
        change.date(),
        change.commit,
        change.source.to_string_lossy().replace('\\', "/")
    )
}

/// The host of a base URL (`https://example.jp/hyoka/` → `example.jp`).
fn host(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let host = rest.split(['/', ':']).next().unwrap_or("");
    if host.is_empty() { "localhost" } else { host }
}

/// The feed of `site`'s history.
pub(crate) fn atom(site: &Site, history: &SiteHistory) -> Vec<u8> {
    let base = &site.config.base_url;
    let changes = shown_changes(site, history);
    let updated = changes
        .first()
        .map_or_else(|| history.head_time(), |(c, _)| c.rfc3339());
    let mut out = String::with_capacity(1024 + changes.len().min(FEED_LIMIT) * 600);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ja\">\n");
    let title = format!("{} 更新履歴", site.config.title);
    out.push_str(&format!("<title>{}</title>\n", escape_xml(&title)));
    out.push_str(&format!(
        "<subtitle>{}</subtitle>\n",
        escape_xml("目標と指標の値（目標値・実績など）の変更を、新しい順にお知らせします。")
    ));
    out.push_str(&format!(
        "<id>{}</id>\n",
        escape_xml(&format!("{base}{FEED_PATH}"))
    ));
    out.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape_xml(&format!("{base}{FEED_PATH}"))
    ));
    out.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape_xml(&format!("{base}{}", CHANGES_PAGE_PATH))
    ));
    out.push_str(&format!("<updated>{updated}</updated>\n"));
    out.push_str(&format!(
        "<author><name>{}</name></author>\n",
        escape_xml(&site.config.municipality)
    ));
    for (change, goal) in changes.into_iter().take(FEED_LIMIT) {
        let mark = if change.lowered {
            "【目標の引き下げ】"
        } else {
            ""
        };
        let title = format!("{mark}{}：{}", goal.title, change.phrases.join("、"));
        out.push_str("<entry>\n");
        out.push_str(&format!(
            "<id>{}</id>\n",
            escape_xml(&entry_id(site, change))
        ));
        out.push_str(&format!("<title>{}</title>\n", escape_xml(&title)));
        out.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape_xml(&format!("{base}{}", goal_path(goal)))
        ));
        out.push_str(&format!("<updated>{}</updated>\n", change.rfc3339()));
        let summary = format!(
            "{}（{}）の変更: {}。{}",
            goal.title,
            crate::model::facts::date_label(change.date()),
            change.phrases.join("、"),
            if change.lowered {
                "目標値が引き下げられました（指標の良い向きとは逆への変更）。"
            } else {
                ""
            }
        );
        out.push_str(&format!("<summary>{}</summary>\n", escape_xml(&summary)));
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_is_taken_from_the_base_url() {
        assert_eq!(host("https://example.jp/hyoka/"), "example.jp");
        assert_eq!(host("http://localhost:1313/"), "localhost");
        assert_eq!(host("/"), "localhost");
    }
}
