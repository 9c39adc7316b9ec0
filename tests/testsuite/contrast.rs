//! The default theme's colours meet WCAG 2.2 AA contrast (1.4.3: 4.5:1 for text; 1.4.11:
//! 3:1 for borders and chart lines), in the light palette and in the dark one, against both
//! the page background and the tinted panels.

use hyoka::{Palette, contrast_ratio, palettes};

const CSS: &str = include_str!("../../themes/default/static/css/hyoka.css");

fn contrast(a: &str, b: &str) -> f64 {
    contrast_ratio(a, b).expect("hex colours")
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

fn check(palette: &Palette, scheme: &str, failures: &mut Vec<String>) {
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
    let (light, dark) = palettes(CSS);
    let mut failures = Vec::new();
    check(&light, "light", &mut failures);
    check(&dark.expect("a dark palette"), "dark", &mut failures);
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn chart_lines_stand_out_against_the_white_chart() {
    for colour in [hyoka::ACTUAL_COLOR, hyoka::PLAN_COLOR] {
        let ratio = contrast(colour, "#ffffff");
        assert!(ratio >= 3.0, "{colour}: {ratio:.2}:1 < 3:1 (WCAG 1.4.11)");
    }
}

/// The colours the stylesheet gives the CSS rule `selector` (its `#hex` values, and the
/// light palette's value of each `var(--name)`), lower-case.
fn rule_colours(selector: &str, light: &Palette) -> Vec<String> {
    let at = CSS
        .find(&format!("\n{selector} {{"))
        .unwrap_or_else(|| panic!("hyoka.css has a rule {selector}"));
    let body = &CSS[at..];
    let body = &body[..body.find('}').expect("a closed rule")];
    let mut colours = Vec::new();
    for word in body.split([' ', ';', '\n']) {
        if word.starts_with('#') {
            colours.push(word.to_ascii_lowercase());
        } else if let Some(name) = word
            .strip_prefix("var(--")
            .and_then(|w| w.strip_suffix(')'))
        {
            colours.push(light[name].clone());
        }
    }
    colours
}

#[test]
fn the_chart_legend_shows_the_charts_own_colours() {
    // The legend sits on the light page beside a chart drawn on white: it must show the
    // very colours the chart and the sparkline are drawn with.
    let (light, _) = palettes(CSS);
    let actual = hyoka::ACTUAL_COLOR.to_ascii_lowercase();
    let plan = hyoka::PLAN_COLOR.to_ascii_lowercase();
    assert_eq!(
        rule_colours(".legend-key", &light),
        std::slice::from_ref(&actual)
    );
    // このままのペース is drawn dotted in the actual's colour.
    assert_eq!(rule_colours(".legend-projection", &light), [actual]);
    for rule in [".legend-plan", ".legend-mark", ".legend-final"] {
        assert_eq!(
            rule_colours(rule, &light),
            std::slice::from_ref(&plan),
            "{rule}"
        );
    }
}
