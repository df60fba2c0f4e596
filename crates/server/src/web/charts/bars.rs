//! Horizontal bars: one per label, or a group of bars, one per series, with a legend.

use super::{ACCENT, LINE, MUTED, SECOND, Side, Svg, clip};

/// One bar (or a group of bars, one per series) with its label and an optional note after it.
pub(crate) struct Bar {
    pub label: String,
    /// (value, its label), one per series.
    pub values: Vec<(f64, String)>,
    pub note: String,
}

pub(crate) struct Bars<'a> {
    pub title: &'a str,
    pub desc: &'a str,
    /// Names of the series, for the legend (none drawn for a single series).
    pub series: Vec<String>,
    /// The heading of the notes column (e.g. "Lift"); empty for none.
    pub note_label: &'a str,
    pub empty: &'a str,
    pub bars: Vec<Bar>,
    pub rtl: bool,
}

pub(crate) const BARS_WIDTH: f64 = 640.0;
pub(crate) const BARS_LABEL: f64 = 170.0;
const BAR_HEIGHT: f64 = 16.0;
const BARS_VALUE: f64 = 78.0;
const BARS_NOTE: f64 = 56.0;
const SERIES_FILLS: [&str; 2] = [ACCENT, SECOND];

/// The length of the longest bar.
pub(crate) fn bars_span() -> f64 {
    BARS_WIDTH - BARS_LABEL - 10.0 - BARS_VALUE - BARS_NOTE
}

pub(crate) fn bars(chart: &Bars<'_>) -> String {
    let series = chart
        .bars
        .iter()
        .map(|b| b.values.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let group = series as f64 * (BAR_HEIGHT + 2.0) + 10.0;
    let legend = if chart.series.len() > 1 { 26.0 } else { 0.0 };
    let top = 40.0 + legend;
    let height = top + chart.bars.len().max(1) as f64 * group + 16.0;
    let mut svg = Svg::categories(BARS_WIDTH, height, chart.title, chart.desc, chart.rtl);
    if chart.series.len() > 1 {
        let mut x = BARS_LABEL + 10.0;
        for (i, name) in chart.series.iter().enumerate() {
            svg.rect(x, 34.0, 14.0, 14.0, SERIES_FILLS[i % 2], "");
            svg.text(x + 20.0, 46.0, Side::Right, name, "");
            x += 150.0;
        }
    }
    if !chart.note_label.is_empty() {
        svg.text(
            BARS_WIDTH - 10.0,
            top - 6.0,
            Side::Left,
            chart.note_label,
            &format!("fill=\"{MUTED}\" font-size=\"13\""),
        );
    }
    if chart.bars.is_empty() {
        svg.text(BARS_WIDTH / 2.0, top + 16.0, Side::Middle, chart.empty, "");
        return svg.finish();
    }
    let max = chart
        .bars
        .iter()
        .flat_map(|b| b.values.iter().map(|v| v.0))
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let span = bars_span();
    let start = BARS_LABEL + 10.0;
    svg.line(
        start,
        top - 4.0,
        start,
        height - 14.0,
        LINE,
        "stroke-width=\"1\"",
    );
    for (i, bar) in chart.bars.iter().enumerate() {
        let y = top + i as f64 * group;
        let middle = y + (group - 10.0) / 2.0;
        svg.text(
            BARS_LABEL,
            middle + 4.0,
            Side::Left,
            &clip(&bar.label, 24),
            "",
        );
        for (s, (value, label)) in bar.values.iter().enumerate() {
            let length = if max > 0.0 && value.is_finite() {
                (value.max(0.0) / max) * span
            } else {
                0.0
            };
            let by = y + s as f64 * (BAR_HEIGHT + 2.0);
            svg.rect(start, by, length, BAR_HEIGHT, SERIES_FILLS[s % 2], "");
            svg.text(
                start + length + 5.0,
                by + BAR_HEIGHT - 4.0,
                Side::Right,
                label,
                "font-size=\"13\"",
            );
        }
        if !bar.note.is_empty() {
            svg.text(
                BARS_WIDTH - 10.0,
                middle + 4.0,
                Side::Left,
                &bar.note,
                "font-weight=\"700\"",
            );
        }
    }
    svg.finish()
}
