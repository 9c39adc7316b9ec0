//! The default theme's colours meet WCAG 2.2 AA contrast (1.4.3: 4.5:1 for text; 1.4.11:
//! 3:1 for borders and chart lines), in the light palette and in the dark one, against both
//! the page background and the tinted panels.

use std::collections::BTreeMap;

const CSS: &str = include_str!("../../themes/default/static/css/hyoka.css");

/// `--name: #rrggbb` declarations of the first `:root { … }` after `from`.
fn palette(from: usize) -> BTreeMap<String, String> {
    let start = CSS[from..].find(":root {").expect(":root block") + from;
    let end = CSS[start..].find('}').expect("end of :root") + start;
    CSS[start..end]
        .lines()
        .filter_map(|l| {
            let (name, value) = l.trim().strip_prefix("--")?.split_once(':')?;
            let value = value.trim().trim_end_matches(';');
            value
                .starts_with('#')
                .then(|| (name.to_string(), value.to_string()))
        })
        .collect()
}

fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    let hex = if hex.len() == 3 {
        hex.chars().flat_map(|c| [c, c]).collect()
    } else {
        hex.to_string()
    };
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex colour")) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

const TEXT: &[&str] = &[
    "text",
    "text-sub",
    "link",
    "link-visited",
    "link-hover",
    "achieved",
    "on-track",
    "behind",
    "worse",
    "no-data",
];

fn check(palette: &BTreeMap<String, String>, scheme: &str, failures: &mut Vec<String>) {
    for bg in ["bg", "bg-sub"] {
        let background = &palette[bg];
        for name in TEXT {
            let ratio = contrast(&palette[*name], background);
            if ratio < 4.5 {
                failures.push(format!(
                    "{scheme}: --{name} on --{bg}: {ratio:.2}:1 < 4.5:1"
                ));
            }
        }
        let ratio = contrast(&palette["border"], background);
        if ratio < 3.0 {
            failures.push(format!("{scheme}: --border on --{bg}: {ratio:.2}:1 < 3:1"));
        }
    }
}

#[test]
fn theme_colours_meet_aa_contrast() {
    let light = palette(0);
    let dark_at = CSS
        .find("prefers-color-scheme: dark")
        .expect("a dark palette");
    let dark = palette(dark_at);
    let mut failures = Vec::new();
    check(&light, "light", &mut failures);
    let mut merged = light.clone();
    merged.extend(dark);
    check(&merged, "dark", &mut failures);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn chart_lines_stand_out_against_the_white_chart() {
    for colour in [hyoka::chart::ACTUAL_COLOR, hyoka::chart::PLAN_COLOR] {
        let ratio = contrast(colour, "#ffffff");
        assert!(ratio >= 3.0, "{colour}: {ratio:.2}:1 < 3:1 (WCAG 1.4.11)");
    }
}

#[test]
fn contrast_formula_matches_known_values() {
    assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    assert!((contrast("#767676", "#ffffff") - 4.54).abs() < 0.01);
}
