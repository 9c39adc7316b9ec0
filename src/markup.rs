//! Escaping text for the markup hyoka writes by hand, outside the templates: the chart's
//! `<title>`/`<desc>` and the sitemap's `<loc>`. Pure text, no other hyoka module.

/// Escapes the five XML special characters (`&`, `<`, `>`, `"`, `'`), for text and
/// attribute values.
pub(crate) fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_special_characters_and_nothing_else() {
        assert_eq!(
            escape_xml(r#"A&B <c> "d" 'e' 自治会/%"#),
            "A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos; 自治会/%"
        );
    }
}
