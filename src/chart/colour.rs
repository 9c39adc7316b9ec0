//! The series colours, defined once: the goal chart (drawn with plotters) takes them as
//! [`RGBColor`]s, the hand-written sparkline as `#RRGGBB` text, and the stylesheet's legend
//! must show the same ones (a test reads `hyoka.css` and compares).

use plotters::style::RGBColor;

/// Colour of the 実績 (actual) series: dark blue, 11:1 against white.
pub const ACTUAL_COLOR: &str = "#0017C1";
/// Colour of the 計画・目標 (plan) series: dark orange, 4.6:1 against white.
pub const PLAN_COLOR: &str = "#C75300";

/// [`ACTUAL_COLOR`] for plotters.
pub(super) const ACTUAL: RGBColor = rgb(ACTUAL_COLOR);
/// [`PLAN_COLOR`] for plotters.
pub(super) const PLAN: RGBColor = rgb(PLAN_COLOR);

/// `#RRGGBB` → its colour; anything else stops the build (the constants are the only input).
const fn rgb(hex: &str) -> RGBColor {
    let b = hex.as_bytes();
    assert!(b.len() == 7 && b[0] == b'#', "a colour is #RRGGBB");
    RGBColor(
        hex_byte(b[1], b[2]),
        hex_byte(b[3], b[4]),
        hex_byte(b[5], b[6]),
    )
}

const fn hex_byte(high: u8, low: u8) -> u8 {
    hex_digit(high) * 16 + hex_digit(low)
}

const fn hex_digit(d: u8) -> u8 {
    match d {
        b'0'..=b'9' => d - b'0',
        b'a'..=b'f' => d - b'a' + 10,
        b'A'..=b'F' => d - b'A' + 10,
        _ => panic!("not a hex digit"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plotters_colours_are_the_hex_ones() {
        assert_eq!(ACTUAL, RGBColor(0x00, 0x17, 0xC1));
        assert_eq!(PLAN, RGBColor(0xC7, 0x53, 0x00));
        assert_eq!(rgb("#a0b1ff"), RGBColor(0xA0, 0xB1, 0xFF));
    }
}
