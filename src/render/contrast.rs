//! Colour contrast of a theme's stylesheet, for the アクセシビリティ方針 page and its tests.
//!
//! Input: the text of a stylesheet that declares its colours as custom properties
//! (`--text: #1a1a1a;`) in a first `:root { … }` block (light) and, optionally, in a `:root`
//! block inside `@media (prefers-color-scheme: dark)`. Output: the palettes and the WCAG 2.x
//! contrast ratio of colour pairs. Pure: no I/O, no markup.

use std::collections::BTreeMap;

/// Custom property name (without `--`) → `#rrggbb` colour.
pub type Palette = BTreeMap<String, String>;

/// The light palette and the dark one (the light palette with the dark block's overrides).
/// `None` for the dark palette when the stylesheet has no dark `:root` block.
pub fn palettes(css: &str) -> (Palette, Option<Palette>) {
    let light = root_block(css, 0).unwrap_or_default();
    let dark = css
        .find("prefers-color-scheme: dark")
        .and_then(|at| root_block(css, at))
        .map(|overrides| {
            let mut merged = light.clone();
            merged.extend(overrides);
            merged
        });
    (light, dark)
}

/// `--name: #hex` declarations of the first `:root { … }` at or after byte `from`.
fn root_block(css: &str, from: usize) -> Option<Palette> {
    let start = css.get(from..)?.find(":root")? + from;
    let open = css[start..].find('{')? + start;
    let end = css[open..].find('}')? + open;
    Some(
        css[open + 1..end]
            .split(';')
            .filter_map(|decl| {
                let (name, value) = decl.trim().strip_prefix("--")?.split_once(':')?;
                let value = value.trim();
                parse_hex(value).map(|_| (name.trim().to_string(), value.to_ascii_lowercase()))
            })
            .collect(),
    )
}

/// `#rgb` or `#rrggbb` → (r, g, b).
fn parse_hex(colour: &str) -> Option<(u8, u8, u8)> {
    let hex = colour.strip_prefix('#')?;
    let full: String = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_string(),
        _ => return None,
    };
    let channel = |i: usize| u8::from_str_radix(full.get(i..i + 2)?, 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

/// Relative luminance (WCAG 2.x) of a `#rgb`/`#rrggbb` colour.
fn luminance(colour: &str) -> Option<f64> {
    let (r, g, b) = parse_hex(colour)?;
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    Some(0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b))
}

/// WCAG contrast ratio of two colours (1.0 to 21.0); `None` when one is not a hex colour.
pub fn contrast_ratio(a: &str, b: &str) -> Option<f64> {
    let (x, y) = (luminance(a)?, luminance(b)?);
    Some((x.max(y) + 0.05) / (x.min(y) + 0.05))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_matches_known_values() {
        assert!((contrast_ratio("#000", "#ffffff").unwrap() - 21.0).abs() < 1e-9);
        assert!((contrast_ratio("#767676", "#fff").unwrap() - 4.54).abs() < 0.01);
        assert_eq!(contrast_ratio("red", "#fff"), None);
    }

    #[test]
    fn dark_palette_overrides_light() {
        let css = ":root {\n  --text: #1A1A1A;\n  --bg: #fff;\n  --width: 50rem;\n}\n\
                   @media (prefers-color-scheme: dark) {\n  :root { --text: #f2f2f2; }\n}";
        let (light, dark) = palettes(css);
        assert_eq!(light["text"], "#1a1a1a");
        assert!(!light.contains_key("width"));
        let dark = dark.unwrap();
        assert_eq!(
            (dark["text"].as_str(), dark["bg"].as_str()),
            ("#f2f2f2", "#fff")
        );
        assert_eq!(palettes(":root { --bg: #fff; }").1, None);
    }
}
