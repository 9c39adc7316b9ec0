//! Where the goal chart's value labels go: each label's box is measured with the same text
//! metrics the drawing uses ([`text_width`], [`LINE_EMS`]), then tried at positions around
//! its point (the side the figure prefers, the other side, right, left, then the corners)
//! until one lies inside the plotting area and touches no marker, no line and no label
//! already placed. A label that fits nowhere is left out: its value is in the page's tables.
//!
//! Input: the plotting area, the obstacles (marker boxes and line segments, in user units)
//! and the labels (point, preferred side, text width and height). Output: one box per label,
//! or `None` for a label left out. Pure geometry: knows neither plotters nor SVG.

use super::figure::Side;

/// A label's box height in ems: the ascent and descent fonts report (Noto Sans CJK's
/// 1.16 + 0.29 em, which browsers use for a text's box), so the drawn box is inside it.
pub(crate) const LINE_EMS: f64 = 1.45;
/// Where the baseline sits below the top of a label's box, in ems.
pub(crate) const BASELINE_EMS: f64 = 1.16;

/// Space kept between a label and anything else, in user units.
const CLEARANCE: f64 = 2.0;

/// An axis-aligned box in user units, `x0 ≤ x1`, `y0 ≤ y1` (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    /// The box of half-size `r` around `(x, y)`.
    pub(crate) fn around((x, y): (f64, f64), r: f64) -> Self {
        Rect {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        }
    }

    /// Whether the two boxes overlap (touching edges do not).
    pub(crate) fn intersects(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    /// Whether `self` lies wholly inside `outer`.
    pub(crate) fn inside(&self, outer: &Rect) -> bool {
        self.x0 >= outer.x0 && self.x1 <= outer.x1 && self.y0 >= outer.y0 && self.y1 <= outer.y1
    }

    /// The box grown by `by` on every side.
    fn grown(&self, by: f64) -> Rect {
        Rect {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }

    /// Whether the segment from `a` to `b` passes through the box (Liang–Barsky clipping).
    pub(crate) fn crossed_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let mut t0: f64 = 0.0;
        let mut t1: f64 = 1.0;
        for (p, q) in [
            (-dx, a.0 - self.x0),
            (dx, self.x1 - a.0),
            (-dy, a.1 - self.y0),
            (dy, self.y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// A straight piece of a drawn line: its two ends and the half-width of its stroke.
pub(crate) type Segment = ((f64, f64), (f64, f64), f64);

/// What a label must keep clear of.
#[derive(Debug, Clone, Default)]
pub(crate) struct Obstacles {
    /// The plotting area: every label lies inside it.
    pub plot: Option<Rect>,
    /// Markers (circles, squares, diamonds) by their bounding boxes.
    pub markers: Vec<Rect>,
    /// Straight pieces of the drawn lines, with the half-width of their stroke.
    pub segments: Vec<Segment>,
}

/// One value label to place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Request {
    /// The point labelled, in user units.
    pub at: (f64, f64),
    /// The side the figure prefers (away from the line leaving the point).
    pub side: Side,
    /// The box's width and height.
    pub width: f64,
    pub height: f64,
    /// Distance kept from the point (its marker's half-size and a little space).
    pub gap: f64,
}

/// The drawn width of `text` at SVG font size `em`, in user units, on the wide side of
/// common fonts: digits 0.64 em, `.` and `,` 0.32, `%` 0.95, other ASCII 0.66, other
/// characters (Japanese) 1 em.
pub(crate) fn text_width(text: &str, em: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            '0'..='9' => 0.64,
            '.' | ',' => 0.32,
            '%' => 0.95,
            c if c.is_ascii() => 0.66,
            _ => 1.0,
        })
        .sum();
    ems * em
}

/// The boxes tried for `r`, in order of preference.
fn candidates(r: &Request) -> Vec<Rect> {
    let (x, y) = r.at;
    let (w, h, g) = (r.width, r.height, r.gap);
    let above = |x0: f64| Rect {
        x0,
        y0: y - g - h,
        x1: x0 + w,
        y1: y - g,
    };
    let below = |x0: f64| Rect {
        x0,
        y0: y + g,
        x1: x0 + w,
        y1: y + g + h,
    };
    let beside = |x0: f64, y0: f64| Rect {
        x0,
        y0,
        x1: x0 + w,
        y1: y0 + h,
    };
    let centred = x - w / 2.0;
    // Under or over the point but shifted, so a label near an edge still fits.
    let shifts = [centred, x - w + g, x - g];
    let (first, second): (&dyn Fn(f64) -> Rect, &dyn Fn(f64) -> Rect) = match r.side {
        Side::Above => (&above, &below),
        Side::Below => (&below, &above),
    };
    let mut out: Vec<Rect> = shifts.iter().map(|&x0| first(x0)).collect();
    out.extend(shifts.iter().map(|&x0| second(x0)));
    let mid = y - h / 2.0;
    out.push(beside(x + g, mid));
    out.push(beside(x - g - w, mid));
    // Corners: diagonally off the point, clear of its marker.
    for y0 in [y - g - h, y + g] {
        out.push(beside(x + g, y0));
        out.push(beside(x - g - w, y0));
    }
    out
}

/// Whether `rect` is clear of everything in `obstacles` and of the boxes already `placed`.
fn is_clear(rect: &Rect, obstacles: &Obstacles, placed: &[Rect]) -> bool {
    // A unit inside the plot's edge: the axes are drawn on it, and a browser's glyph box can
    // be a fraction larger than the font's metrics say.
    if obstacles
        .plot
        .is_some_and(|plot| !rect.grown(1.0).inside(&plot))
    {
        return false;
    }
    let room = rect.grown(CLEARANCE);
    !obstacles.markers.iter().any(|m| room.intersects(m))
        && !obstacles
            .segments
            .iter()
            .any(|&(a, b, half)| room.grown(half).crossed_by(a, b))
        && !placed.iter().any(|p| room.intersects(p))
}

/// Places each label in turn: the first candidate box that is clear, or `None` when none is.
pub(crate) fn place(requests: &[Request], obstacles: &Obstacles) -> Vec<Option<Rect>> {
    let mut placed: Vec<Rect> = Vec::new();
    requests
        .iter()
        .map(|r| {
            let found = candidates(r)
                .into_iter()
                .find(|c| is_clear(c, obstacles, &placed));
            if let Some(rect) = found {
                placed.push(rect);
            }
            found
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(at: (f64, f64), side: Side, text: &str) -> Request {
        Request {
            at,
            side,
            width: text_width(text, 16.0),
            height: LINE_EMS * 16.0,
            gap: 10.0,
        }
    }

    fn plot() -> Rect {
        Rect {
            x0: 50.0,
            y0: 30.0,
            x1: 620.0,
            y1: 280.0,
        }
    }

    /// Every placed box is inside the plot, clear of every marker, line and other box.
    fn assert_clear(placed: &[Option<Rect>], obstacles: &Obstacles) {
        let boxes: Vec<Rect> = placed.iter().flatten().copied().collect();
        for (i, b) in boxes.iter().enumerate() {
            assert!(b.inside(&plot()), "box {i} leaves the plot: {b:?}");
            for m in &obstacles.markers {
                assert!(!b.intersects(m), "box {i} {b:?} crosses marker {m:?}");
            }
            for &(p, q, _) in &obstacles.segments {
                assert!(
                    !b.crossed_by(p, q),
                    "box {i} {b:?} crosses line {p:?}–{q:?}"
                );
            }
            for (j, other) in boxes.iter().enumerate().skip(i + 1) {
                assert!(!b.intersects(other), "boxes {i} and {j} overlap");
            }
        }
    }

    #[test]
    fn segments_crossing_and_missing_a_box() {
        let r = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 10.0,
            y1: 10.0,
        };
        assert!(r.crossed_by((-5.0, 5.0), (15.0, 5.0)));
        assert!(r.crossed_by((5.0, 5.0), (6.0, 6.0)), "inside");
        assert!(r.crossed_by((-5.0, -5.0), (15.0, 15.0)), "diagonal");
        assert!(!r.crossed_by((-5.0, 12.0), (15.0, 12.0)), "below");
        assert!(!r.crossed_by((11.0, -5.0), (30.0, 20.0)), "beside");
        assert!(!r.crossed_by((-5.0, 5.0), (-1.0, 5.0)), "stops short");
    }

    #[test]
    fn text_width_is_wider_for_japanese_than_digits() {
        assert!(text_width("12人", 10.0) > text_width("123", 10.0));
        assert!((text_width("74.6%", 10.0) - 31.9).abs() < 1e-9);
    }

    /// The seed's first goal at the wide size: 初期値 74.6% and the final 75.0% on a nearly
    /// flat plan line, the latest actual 72.1% below; every label placed, none touching.
    #[test]
    fn labels_on_a_nearly_flat_plan_do_not_touch() {
        let points = [(100.0, 80.0), (220.0, 240.0), (580.0, 70.0)];
        let obstacles = Obstacles {
            plot: Some(plot()),
            markers: points.iter().map(|&p| Rect::around(p, 8.0)).collect(),
            segments: vec![
                (points[0], points[1], 1.0),
                (points[0], (340.0, 160.0), 1.0),
                ((340.0, 160.0), points[2], 1.0),
            ],
        };
        let requests = [
            request(points[0], Side::Above, "74.6%"),
            request(points[2], Side::Above, "75.0%"),
            request(points[1], Side::Below, "72.1%"),
        ];
        let placed = place(&requests, &obstacles);
        assert!(placed.iter().all(Option::is_some), "{placed:?}");
        assert_clear(&placed, &obstacles);
    }

    /// Two labels at one point (a target and an actual of one year) go to different places.
    #[test]
    fn labels_at_one_point_go_to_different_places() {
        let p = (300.0, 150.0);
        let obstacles = Obstacles {
            plot: Some(plot()),
            markers: vec![Rect::around(p, 6.0)],
            segments: vec![((60.0, 150.0), (610.0, 150.0), 1.0)],
        };
        let requests = [
            request(p, Side::Above, "12人"),
            request(p, Side::Above, "0人"),
        ];
        let placed = place(&requests, &obstacles);
        assert!(placed.iter().all(Option::is_some), "{placed:?}");
        assert_clear(&placed, &obstacles);
    }

    /// Labels at the plot's corners move inwards instead of leaving it.
    #[test]
    fn labels_at_the_edges_stay_inside() {
        let corners = [(52.0, 32.0), (618.0, 32.0), (52.0, 278.0), (618.0, 278.0)];
        let obstacles = Obstacles {
            plot: Some(plot()),
            markers: corners.iter().map(|&p| Rect::around(p, 4.0)).collect(),
            segments: Vec::new(),
        };
        let requests: Vec<Request> = corners
            .iter()
            .map(|&p| request(p, Side::Above, "10,000人"))
            .collect();
        let placed = place(&requests, &obstacles);
        assert!(placed.iter().all(Option::is_some), "{placed:?}");
        assert_clear(&placed, &obstacles);
    }

    /// A label with no room anywhere is left out rather than drawn over something.
    #[test]
    fn a_label_without_room_is_left_out() {
        let tiny = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 40.0,
            y1: 20.0,
        };
        let obstacles = Obstacles {
            plot: Some(tiny),
            markers: vec![Rect::around((20.0, 10.0), 4.0)],
            segments: Vec::new(),
        };
        let placed = place(&[request((20.0, 10.0), Side::Above, "74.6%")], &obstacles);
        assert_eq!(placed, vec![None]);
    }

    /// Many labels crowded on a zig-zag line: whatever is placed is clear of everything.
    #[test]
    fn crowded_labels_never_collide() {
        let points: Vec<(f64, f64)> = (0..12)
            .map(|i| {
                let x = 70.0 + f64::from(i) * 48.0;
                (x, if i % 2 == 0 { 100.0 } else { 200.0 })
            })
            .collect();
        let obstacles = Obstacles {
            plot: Some(plot()),
            markers: points.iter().map(|&p| Rect::around(p, 4.0)).collect(),
            segments: points.windows(2).map(|w| (w[0], w[1], 1.0)).collect(),
        };
        let requests: Vec<Request> = points
            .iter()
            .map(|&p| request(p, Side::Above, "1,234人"))
            .collect();
        let placed = place(&requests, &obstacles);
        assert!(placed.iter().flatten().count() >= 4, "{placed:?}");
        assert_clear(&placed, &obstacles);
    }
}
