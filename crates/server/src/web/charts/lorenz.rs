//! The Lorenz (Pareto) curve: share of customers, best first, against their share of profit.

use std::fmt::Write;

use super::{ACCENT, INK, LINE, MARK, MUTED, Side, Svg, escape};

/// The Lorenz curve of profit: share of customers (best first) against their share of it.
pub(crate) struct Lorenz<'a> {
    pub title: &'a str,
    pub desc: &'a str,
    /// A line under the title (e.g. how many customers).
    pub subtitle: &'a str,
    pub x_label: &'a str,
    /// A line under the picture (what the curve leaves out, e.g. the customers who lose
    /// money); empty for none.
    pub footnote: &'a str,
    pub y_label: &'a str,
    pub diagonal_label: &'a str,
    /// Shown instead of a curve when there are no points.
    pub empty: &'a str,
    /// (share of customers, share of profit), from (0, 0) to (1, 1).
    pub points: &'a [(f64, f64)],
    /// The share of customers that makes 80 % of the profit, and its label.
    pub marker: Option<(f64, &'a str)>,
    pub percent: &'a dyn Fn(f64) -> String,
    pub rtl: bool,
}

pub(crate) const LORENZ_WIDTH: f64 = 640.0;
pub(crate) const LORENZ_HEIGHT: f64 = 456.0;
/// The plot area of the Lorenz chart: left, top, right, bottom.
pub(crate) const LORENZ_BOX: (f64, f64, f64, f64) = (70.0, 56.0, 620.0, 376.0);

/// The share of customers (best first) at which the curve first reaches `level` of the total,
/// interpolated linearly between points.
pub(crate) fn share_reaching(points: &[(f64, f64)], level: f64) -> Option<f64> {
    value_at(points.iter().map(|&(x, y)| (y, x)), level)
}

/// Along a curve of (key, value) points whose keys rise, the value where the key first
/// reaches `key`, interpolated linearly between points: read one way or the other, the
/// Lorenz curve answers both "what share at this many customers" and "how many for this
/// share".
pub(crate) fn value_at(points: impl IntoIterator<Item = (f64, f64)>, key: f64) -> Option<f64> {
    let mut previous: Option<(f64, f64)> = None;
    for (k, v) in points {
        if k >= key {
            return Some(match previous {
                Some((pk, pv)) if k > pk => pv + (v - pv) * (key - pk) / (k - pk),
                _ => v,
            });
        }
        previous = Some((k, v));
    }
    None
}

pub(crate) fn lorenz(chart: &Lorenz<'_>) -> String {
    let (left, top, right, bottom) = LORENZ_BOX;
    let mut svg = Svg::open(
        LORENZ_WIDTH,
        LORENZ_HEIGHT,
        chart.title,
        chart.desc,
        chart.rtl,
        false,
    );
    svg.heading(left, chart.title);
    svg.text(
        left,
        42.0,
        Side::Right,
        chart.subtitle,
        &format!("fill=\"{MUTED}\""),
    );
    // Shares can pass 1 when some customers lose money (the "whale curve").
    let y_max = chart
        .points
        .iter()
        .map(|p| p.1)
        .fold(1.0_f64, f64::max)
        .min(10.0);
    let y_max = (y_max * 5.0).ceil() / 5.0;
    let px = |x: f64| left + x.clamp(0.0, 1.0) * (right - left);
    let py = |y: f64| bottom - (y.clamp(0.0, y_max) / y_max) * (bottom - top);
    // Grid and ticks.
    for i in 0..=5 {
        let share = f64::from(i) * 0.2;
        let x = px(share);
        svg.line(x, top, x, bottom, LINE, "stroke-width=\"1\"");
        svg.text(
            x,
            bottom + 18.0,
            Side::Middle,
            &(chart.percent)(share),
            &format!("fill=\"{MUTED}\""),
        );
    }
    let steps = (y_max / 0.2).round() as i32;
    for i in 0..=steps {
        let share = f64::from(i) * 0.2;
        let y = py(share);
        svg.line(left, y, right, y, LINE, "stroke-width=\"1\"");
        svg.text(
            left - 6.0,
            y + 4.0,
            Side::Left,
            &(chart.percent)(share),
            &format!("fill=\"{MUTED}\""),
        );
    }
    svg.line(left, bottom, right, bottom, INK, "stroke-width=\"1\"");
    svg.line(left, top, left, bottom, INK, "stroke-width=\"1\"");
    svg.text(
        (left + right) / 2.0,
        bottom + 40.0,
        Side::Middle,
        chart.x_label,
        "",
    );
    if !chart.footnote.is_empty() {
        svg.text(
            left,
            bottom + 60.0,
            Side::Right,
            chart.footnote,
            &format!("fill=\"{MUTED}\" font-size=\"13\""),
        );
    }
    let _ = write!(
        svg.out,
        "<text x=\"18\" y=\"{:.1}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {:.1})\"{}>{}</text>",
        (top + bottom) / 2.0,
        (top + bottom) / 2.0,
        if chart.rtl { " direction=\"rtl\"" } else { "" },
        escape(chart.y_label)
    );
    // The diagonal: everyone the same.
    svg.line(
        px(0.0),
        py(0.0),
        px(1.0),
        py(1.0),
        MUTED,
        "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"",
    );
    svg.text(
        px(0.62),
        py(0.62) + 16.0,
        Side::Right,
        chart.diagonal_label,
        &format!("fill=\"{MUTED}\""),
    );
    if chart.points.is_empty() {
        svg.text(
            (left + right) / 2.0,
            (top + bottom) / 2.0,
            Side::Middle,
            chart.empty,
            "font-size=\"15\"",
        );
        return svg.finish();
    }
    let mut path = String::new();
    for (i, &(x, y)) in chart.points.iter().enumerate() {
        let _ = write!(
            path,
            "{}{:.1},{:.1}",
            if i == 0 { "" } else { " " },
            px(x),
            py(y)
        );
    }
    let _ = write!(
        svg.out,
        "<polyline points=\"{path}\" fill=\"none\" stroke=\"{ACCENT}\" stroke-width=\"3\" stroke-linejoin=\"round\"/>"
    );
    if let Some((share, label)) = chart.marker {
        let (x, y) = (px(share), py(0.8));
        svg.line(
            x,
            bottom,
            x,
            y,
            MARK,
            "stroke-width=\"1.5\" stroke-dasharray=\"3 3\"",
        );
        svg.line(
            left,
            y,
            x,
            y,
            MARK,
            "stroke-width=\"1.5\" stroke-dasharray=\"3 3\"",
        );
        let _ = write!(
            svg.out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"{MARK}\"/>"
        );
        svg.text(
            x + 10.0,
            y + 22.0,
            Side::Right,
            label,
            &format!("fill=\"{MARK}\" font-weight=\"700\""),
        );
    }
    svg.finish()
}
