//! Archetype placeholders left in a file: the 「（…を書いてください）」 and
//! 「（…に書き換えてください）」 texts that `hyoka init` / `hyoka new` write for staff to
//! replace, and a value that is nothing but an example 「（例：…）」. Found in the same text
//! runs as proofreading ([`super::extract`]): every front matter string and the body.
//!
//! A published file with a placeholder is an error (`E-PLACEHOLDER`: the page would show
//! it to residents); a draft's is a warning (`W-PLACEHOLDER`), a reminder of what is left.

use std::ops::Range;

/// Words that mark a bracketed text as an instruction to staff, not report text.
const INSTRUCTIONS: [&str; 2] = ["書いてください", "書き換えてください"];

/// Byte ranges of the placeholders in `text`: each 「（…）」 holding an instruction, and the
/// whole text when it is only an example 「（例：…）」.
pub(crate) fn find(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('（').map(|i| from + i) {
        let Some(close) = text[open..].find('）').map(|i| open + i + '）'.len_utf8()) else {
            break;
        };
        let inside = &text[open..close];
        if INSTRUCTIONS.iter().any(|w| inside.contains(w)) {
            found.push(open..close);
        }
        from = close;
    }
    let trimmed = text.trim();
    if found.is_empty()
        && trimmed.starts_with("（例：")
        && trimmed.ends_with('）')
        && trimmed.matches('（').count() == 1
    {
        let start = text.len() - text.trim_start().len();
        found.push(start..start + trimmed.len());
    }
    found
}

#[cfg(test)]
mod tests {
    use super::find;

    fn found(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn instructions_in_brackets_are_placeholders() {
        assert_eq!(
            found("新しい目標（目標名に書き換えてください）"),
            ["（目標名に書き換えてください）"]
        );
        assert_eq!(
            found("（課の名前を書いてください）"),
            ["（課の名前を書いてください）"]
        );
        assert_eq!(
            found("（設定根拠を書いてください。例：第六次総合振興計画前期基本計画）"),
            ["（設定根拠を書いてください。例：第六次総合振興計画前期基本計画）"]
        );
    }

    #[test]
    fn a_value_that_is_only_an_example_is_a_placeholder() {
        assert_eq!(found("（例：○○課調べ）"), ["（例：○○課調べ）"]);
        // An example inside real text is the author's own words.
        assert!(found("防災訓練（例：避難訓練）を行う").is_empty());
    }

    #[test]
    fn report_text_is_not_a_placeholder() {
        for text in [
            "自治会加入割合",
            "町民（特に高齢者）の安全",
            "申請書に氏名を書いてください、と案内した",
            "（閉じていない括弧",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }
}
