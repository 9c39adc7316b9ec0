//! Tests of the SVG backend: exact output of each drawing call, escaping, colours, alpha,
//! dashes, paired markers, runs of lines and texts, numbers.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::BackendColor;

use super::write::{decimal, escape_into, font_size, hex_color, hundredths, int};
use super::{Anchor, Dashed, SvgBackend};

/// What `draw` writes on a 100×50 backend inside a `font-size` of 12.
fn drawn(draw: impl FnOnce(&DrawingArea<SvgBackend<'_>, plotters::coord::Shift>)) -> String {
    let mut out = String::new();
    {
        let root = SvgBackend::new(&mut out, (100, 50), 12.0).into_drawing_area();
        draw(&root);
        root.present().unwrap();
    }
    out
}

fn color(r: u8, g: u8, b: u8, alpha: f64) -> BackendColor {
    BackendColor {
        alpha,
        rgb: (r, g, b),
    }
}

#[test]
fn colours_are_upper_case_hex_and_opaque_ones_carry_no_opacity() {
    let out = drawn(|root| {
        root.draw(&Circle::new(
            (10, 10),
            3,
            RGBColor(0x0A, 0xBC, 0xFF).filled(),
        ))
        .unwrap();
        root.draw(&Circle::new(
            (20, 10),
            3,
            RGBColor(1, 2, 3).mix(0.5).filled(),
        ))
        .unwrap();
        root.draw(&Circle::new(
            (30, 10),
            3,
            RGBColor(1, 2, 3).mix(0.0).filled(),
        ))
        .unwrap();
    });
    assert_eq!(
        out,
        "<circle cx=\"10\" cy=\"10\" r=\"3\" fill=\"#0ABCFF\"/>\n\
         <circle cx=\"20\" cy=\"10\" r=\"3\" fill=\"#010203\" opacity=\"0.5\"/>\n"
    );
}

#[test]
fn a_filled_shape_then_its_stroke_is_one_element() {
    let out = drawn(|root| {
        root.draw(&Rectangle::new([(2, 3), (10, 11)], WHITE.filled()))
            .unwrap();
        root.draw(&Rectangle::new([(2, 3), (10, 11)], RED.stroke_width(1)))
            .unwrap();
        root.draw(&Circle::new((5, 5), 6, WHITE.filled())).unwrap();
        root.draw(&Circle::new((5, 5), 6, BLUE.stroke_width(2)))
            .unwrap();
    });
    assert_eq!(
        out,
        "<rect x=\"2\" y=\"3\" width=\"8\" height=\"8\" fill=\"#FFFFFF\" stroke=\"#FF0000\"/>\n\
         <circle cx=\"5\" cy=\"5\" r=\"6\" fill=\"#FFFFFF\" stroke=\"#0000FF\" stroke-width=\"2\"/>\n"
    );
}

#[test]
fn shapes_that_do_not_pair_stay_apart_in_their_order() {
    let out = drawn(|root| {
        // Another outline, a translucent stroke, a fill with nothing after it.
        root.draw(&Rectangle::new([(0, 0), (4, 4)], WHITE.filled()))
            .unwrap();
        root.draw(&Rectangle::new([(0, 0), (5, 5)], RED.stroke_width(1)))
            .unwrap();
        root.draw(&Circle::new((5, 5), 2, WHITE.filled())).unwrap();
        root.draw(&Circle::new((5, 5), 2, RED.mix(0.5).stroke_width(1)))
            .unwrap();
        root.draw(&Circle::new((9, 9), 2, BLACK.filled())).unwrap();
    });
    assert_eq!(
        out,
        "<rect width=\"4\" height=\"4\" fill=\"#FFFFFF\"/>\n\
         <rect width=\"5\" height=\"5\" fill=\"none\" stroke=\"#FF0000\"/>\n\
         <circle cx=\"5\" cy=\"5\" r=\"2\" fill=\"#FFFFFF\"/>\n\
         <circle cx=\"5\" cy=\"5\" r=\"2\" fill=\"none\" stroke=\"#FF0000\" opacity=\"0.5\"/>\n\
         <circle cx=\"9\" cy=\"9\" r=\"2\" fill=\"#000000\"/>\n"
    );
}

#[test]
fn lines_polygons_and_dashes() {
    let out = drawn(|root| {
        root.draw(&PathElement::new(
            vec![(0, 0), (10, 5), (20, 0)],
            BLUE.stroke_width(2),
        ))
        .unwrap();
        root.draw(&Dashed::new(
            vec![(1, 1), (2, 2)],
            RED.stroke_width(2),
            "7 5",
        ))
        .unwrap();
        root.draw(&Polygon::new(vec![(0, 0), (4, 0), (2, 3)], RED.filled()))
            .unwrap();
    });
    assert_eq!(
        out,
        "<polyline points=\"0,0 10,5 20,0\" fill=\"none\" stroke=\"#0000FF\" stroke-width=\"2\"/>\n\
         <polyline points=\"1,1 2,2\" fill=\"none\" stroke=\"#FF0000\" stroke-width=\"2\" stroke-dasharray=\"7 5\"/>\n\
         <polygon points=\"0,0 4,0 2,3\" fill=\"#FF0000\"/>\n"
    );
}

#[test]
fn segments_are_each_a_path_and_share_their_stroke() {
    let mut out = String::new();
    let mut backend = SvgBackend::new(&mut out, (100, 50), 12.0);
    let grey = color(0x76, 0x76, 0x76, 1.0);
    backend.segments(&[((1, 2), (9, 2))], grey, 1);
    backend.segments(&[((1, 2), (1, 9)), ((0, 0), (3, 4))], grey, 2);
    backend.segments(&[], grey, 1);
    backend.segments(&[((1, 2), (9, 2))], color(0, 0, 0, 0.0), 1);
    drop(backend);
    assert_eq!(
        out,
        "<path d=\"M1 2H9\" stroke=\"#767676\"/>\n\
         <g stroke=\"#767676\" stroke-width=\"2\">\n<path d=\"M1 2V9\"/>\n<path d=\"M0 0L3 4\"/>\n</g>\n"
    );
}

#[test]
fn texts_are_escaped_and_say_only_what_differs_from_the_defaults() {
    let out = drawn(|root| {
        let font = ("sans-serif", 14.88).into_font();
        root.draw(&Text::new(
            "<a href=\"x\">R&D's</a>",
            (6, 4),
            font.color(&RGBColor(0x33, 0x33, 0x33))
                .pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .unwrap();
        let big = ("sans-serif", 16.74).into_font();
        root.draw(&Text::new(
            "74.6%",
            (50, 20),
            big.color(&RED).pos(Pos::new(HPos::Right, VPos::Bottom)),
        ))
        .unwrap();
    });
    assert_eq!(
        out,
        "<text x=\"6\" y=\"4\" dy=\"0.76em\" font-family=\"sans-serif\" fill=\"#333333\">\
         &lt;a href=&quot;x&quot;&gt;R&amp;D&apos;s&lt;/a&gt;</text>\n\
         <text x=\"50\" y=\"20\" dy=\"-0.5ex\" text-anchor=\"end\" font-family=\"sans-serif\" \
         font-size=\"13.5\" fill=\"#FF0000\">74.6%</text>\n"
    );
}

#[test]
fn a_text_run_is_a_group_of_escaped_texts() {
    let mut out = String::new();
    let mut backend = SvgBackend::new(&mut out, (100, 50), 12.0);
    let labels = [(27, 273, "72"), (27, 198, "<&>")];
    let grey = color(0x33, 0x33, 0x33, 1.0);
    backend.text_run(&labels, "sans-serif", grey, Anchor::End, "0.5ex");
    backend.text_run(&[], "sans-serif", grey, Anchor::End, "0.5ex");
    drop(backend);
    assert_eq!(
        out,
        "<g fill=\"#333333\" text-anchor=\"end\">\n\
         <text x=\"27\" y=\"273\" dy=\"0.5ex\" font-family=\"sans-serif\">72</text>\n\
         <text x=\"27\" y=\"198\" dy=\"0.5ex\" font-family=\"sans-serif\">&lt;&amp;&gt;</text>\n\
         </g>\n"
    );
}

#[test]
fn numbers_are_written_exactly() {
    let written = |n: i64| {
        let mut out = String::new();
        decimal(&mut out, n);
        out
    };
    assert_eq!(written(1200), "12");
    assert_eq!(written(1350), "13.5");
    assert_eq!(written(1305), "13.05");
    assert_eq!(written(-50), "-0.5");
    assert_eq!(hundredths(font_size(16.74)), 1350);
    assert_eq!(hundredths(font_size(14.88)), 1200);
    let mut out = String::new();
    int(&mut out, -2_147_483_648);
    hex_color(&mut out, (0, 0x17, 0xC1));
    assert_eq!(out, "-2147483648#0017C1");
}

#[test]
fn escaping_matches_the_markup_module() {
    for text in ["", "plain", "自治会<&>\"'加入", "&&", "'", "末尾&"] {
        let mut out = String::new();
        escape_into(&mut out, text);
        assert_eq!(out, crate::markup::escape_xml(text), "{text}");
    }
}
