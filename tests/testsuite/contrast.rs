//! The default theme's colours meet WCAG 2.2 AA contrast (1.4.3: 4.5:1 for text; 1.4.11:
//! 3:1 for borders and chart lines), in the light palette and in the dark one, against both
//! the page background and the tinted panels.

use hyoka::render::contrast::{Palette, contrast_ratio, palettes};

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
    for colour in [hyoka::chart::ACTUAL_COLOR, hyoka::chart::PLAN_COLOR] {
        let ratio = contrast(colour, "#ffffff");
        assert!(ratio >= 3.0, "{colour}: {ratio:.2}:1 < 3:1 (WCAG 1.4.11)");
    }
}
