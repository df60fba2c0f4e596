//! Charts drawn on the server as SVG: plain functions from numbers and already translated
//! labels to a self-contained SVG document, readable without JavaScript and printable. No
//! style sheet and no script inside (the Content-Security-Policy allows neither): presentation
//! attributes only. Every text is escaped.
//!
//! Right to left: text is written with `direction="rtl"`, and the category charts (bars, the
//! cohort heat map) are mirrored so that their labels stand where a right-to-left reader
//! starts, like the tables under them. The Lorenz curve keeps its numeric axes left to right,
//! as plots of shares are printed in Persian too; only its text runs right to left.

use std::fmt::Write;

/// Where a text stands against its anchor point, as seen on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Left,
    Middle,
    Right,
}

impl Side {
    fn flip(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Middle => Side::Middle,
            Side::Right => Side::Left,
        }
    }
}

/// `text` safe inside an SVG (XML) text node or attribute.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters of `text`, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

const INK: &str = "#1d2433";
const MUTED: &str = "#5b6478";
const LINE: &str = "#d8dde8";
const ACCENT: &str = "#1f5fbf";
const SECOND: &str = "#9fb7dd";
const MARK: &str = "#b3261e";
const FONTS: &str = "system-ui, 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Georgian', sans-serif";

/// An SVG document being written: `rtl` sets the text direction, `mirror` flips the
/// geometry left to right.
struct Svg {
    out: String,
    width: f64,
    rtl: bool,
    mirror: bool,
}

impl Svg {
    fn open(width: f64, height: f64, title: &str, desc: &str, rtl: bool, mirror: bool) -> Svg {
        let mut out = String::with_capacity(8 * 1024);
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
             viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{title}\" \
             font-family=\"{FONTS}\" font-size=\"13\" fill=\"{INK}\"{dir}>\
             <title>{title}</title><desc>{desc}</desc>\
             <rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>",
            title = escape(title),
            desc = escape(desc),
            dir = if rtl { " direction=\"rtl\"" } else { "" },
        );
        Svg {
            out,
            width,
            rtl,
            mirror,
        }
    }

    fn x(&self, x: f64) -> f64 {
        if self.mirror { self.width - x } else { x }
    }

    fn anchor(&self, side: Side) -> &'static str {
        let side = if self.mirror { side.flip() } else { side };
        match (side, self.rtl) {
            (Side::Middle, _) => "middle",
            // A text to the right of its anchor starts there left to right, and ends there
            // right to left (where `start` is the text's right edge).
            (Side::Right, false) | (Side::Left, true) => "start",
            (Side::Right, true) | (Side::Left, false) => "end",
        }
    }

    /// A text whose anchor is at (x, y), standing on `side` of it (before mirroring).
    fn text(&mut self, x: f64, y: f64, side: Side, content: &str, attributes: &str) {
        let x = self.x(x);
        let anchor = self.anchor(side);
        let dir = if self.rtl { " direction=\"rtl\"" } else { "" };
        let _ = write!(
            self.out,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\"{dir} {attributes}>{}</text>",
            escape(content)
        );
    }

    /// A rectangle from x to x + width (before mirroring).
    fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, fill: &str, attributes: &str) {
        let left = if self.mirror {
            self.width - x - width
        } else {
            x
        };
        let _ = write!(
            self.out,
            "<rect x=\"{left:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\" {attributes}/>",
            width.max(0.0),
            height.max(0.0)
        );
    }

    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, attributes: &str) {
        let (x1, x2) = (self.x(x1), self.x(x2));
        let _ = write!(
            self.out,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{stroke}\" {attributes}/>"
        );
    }

    fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

// ----- the Lorenz (Pareto) curve ---------------------------------------------------------

/// The Lorenz curve of profit: share of customers (best first) against their share of it.
pub(crate) struct Lorenz<'a> {
    pub title: &'a str,
    pub desc: &'a str,
    /// A line under the title (e.g. how many customers).
    pub subtitle: &'a str,
    pub x_label: &'a str,
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
pub(crate) const LORENZ_HEIGHT: f64 = 440.0;
/// The plot area of the Lorenz chart: left, top, right, bottom.
pub(crate) const LORENZ_BOX: (f64, f64, f64, f64) = (70.0, 56.0, 620.0, 376.0);

/// The share of customers (best first) at which the curve first reaches `level` of the total,
/// interpolated linearly between points.
pub(crate) fn share_reaching(points: &[(f64, f64)], level: f64) -> Option<f64> {
    let mut previous: Option<(f64, f64)> = None;
    for &(x, y) in points {
        if y >= level {
            return Some(match previous {
                Some((px, py)) if y > py => px + (x - px) * (level - py) / (y - py),
                _ => x,
            });
        }
        previous = Some((x, y));
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
    svg.text(
        left,
        22.0,
        Side::Right,
        chart.title,
        "font-size=\"15\" font-weight=\"700\"",
    );
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

// ----- the cohort heat map ---------------------------------------------------------------

/// One acquisition cohort: its label and, per month since its first order, the share still
/// ordering (`None` for months that have not come yet).
pub(crate) struct HeatRow {
    pub label: String,
    pub cells: Vec<Option<f64>>,
}

pub(crate) struct HeatMap<'a> {
    pub title: &'a str,
    pub desc: &'a str,
    pub x_label: &'a str,
    pub y_label: &'a str,
    pub legend_label: &'a str,
    pub empty: &'a str,
    /// One label per column (month since the first order).
    pub columns: Vec<String>,
    pub rows: Vec<HeatRow>,
    /// The share shown darkest; larger shares are as dark.
    pub scale_max: f64,
    pub percent: &'a dyn Fn(f64) -> String,
    pub rtl: bool,
}

pub(crate) const HEAT_WIDTH: f64 = 680.0;
const HEAT_LABEL: f64 = 88.0;
const HEAT_CELL_HEIGHT: f64 = 24.0;
const HEAT_TOP: f64 = 70.0;

/// The colour of a share on the scale: from a pale blue to the accent, as `#rrggbb`, and
/// whether text on it should be white.
pub(crate) fn heat_colour(share: f64, scale_max: f64) -> (String, bool) {
    let t = if scale_max > 0.0 {
        (share / scale_max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let from = (0xee_u8, 0xf3_u8, 0xfb_u8);
    let to = (0x1f_u8, 0x5f_u8, 0xbf_u8);
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    (
        format!(
            "#{:02x}{:02x}{:02x}",
            mix(from.0, to.0),
            mix(from.1, to.1),
            mix(from.2, to.2)
        ),
        t > 0.55,
    )
}

pub(crate) fn heat_map(chart: &HeatMap<'_>) -> String {
    let columns = chart.columns.len().max(1);
    let cell_width = (HEAT_WIDTH - HEAT_LABEL - 20.0) / columns as f64;
    let height = HEAT_TOP + chart.rows.len().max(1) as f64 * HEAT_CELL_HEIGHT + 90.0;
    let mut svg = Svg::open(
        HEAT_WIDTH,
        height,
        chart.title,
        chart.desc,
        chart.rtl,
        chart.rtl,
    );
    svg.text(
        10.0,
        22.0,
        Side::Right,
        chart.title,
        "font-size=\"15\" font-weight=\"700\"",
    );
    svg.text(
        HEAT_LABEL,
        44.0,
        Side::Right,
        chart.x_label,
        &format!("fill=\"{MUTED}\""),
    );
    svg.text(
        HEAT_LABEL - 8.0,
        HEAT_TOP - 6.0,
        Side::Left,
        chart.y_label,
        &format!("fill=\"{MUTED}\" font-size=\"11\""),
    );
    for (i, label) in chart.columns.iter().enumerate() {
        svg.text(
            HEAT_LABEL + (i as f64 + 0.5) * cell_width,
            HEAT_TOP - 6.0,
            Side::Middle,
            label,
            &format!("fill=\"{MUTED}\""),
        );
    }
    if chart.rows.is_empty() {
        svg.text(
            HEAT_WIDTH / 2.0,
            HEAT_TOP + 16.0,
            Side::Middle,
            chart.empty,
            "",
        );
    }
    let font = if cell_width < 44.0 { 10 } else { 12 };
    for (r, row) in chart.rows.iter().enumerate() {
        let y = HEAT_TOP + r as f64 * HEAT_CELL_HEIGHT;
        svg.text(
            HEAT_LABEL - 8.0,
            y + HEAT_CELL_HEIGHT / 2.0 + 4.0,
            Side::Left,
            &row.label,
            "",
        );
        for (c, cell) in row.cells.iter().enumerate().take(columns) {
            let Some(share) = *cell else { continue };
            let x = HEAT_LABEL + c as f64 * cell_width;
            let (fill, white) = heat_colour(share, chart.scale_max);
            svg.rect(
                x + 1.0,
                y + 1.0,
                cell_width - 2.0,
                HEAT_CELL_HEIGHT - 2.0,
                &fill,
                "",
            );
            svg.text(
                x + cell_width / 2.0,
                y + HEAT_CELL_HEIGHT / 2.0 + 4.0,
                Side::Middle,
                &(chart.percent)(share),
                &format!(
                    "font-size=\"{font}\" fill=\"{}\"",
                    if white { "#ffffff" } else { INK }
                ),
            );
        }
    }
    // The legend: five swatches from nothing to the darkest share.
    let legend_y = HEAT_TOP + chart.rows.len().max(1) as f64 * HEAT_CELL_HEIGHT + 30.0;
    svg.text(
        HEAT_LABEL,
        legend_y - 8.0,
        Side::Right,
        chart.legend_label,
        &format!("fill=\"{MUTED}\""),
    );
    for i in 0..5 {
        let share = chart.scale_max * f64::from(i) / 4.0;
        let (fill, _) = heat_colour(share, chart.scale_max);
        let x = HEAT_LABEL + f64::from(i) * 72.0;
        svg.rect(x, legend_y, 70.0, 16.0, &fill, "");
        let label = if i == 4 {
            format!("≥ {}", (chart.percent)(share))
        } else {
            (chart.percent)(share)
        };
        svg.text(
            x + 35.0,
            legend_y + 32.0,
            Side::Middle,
            &label,
            "font-size=\"11\"",
        );
    }
    svg.finish()
}

// ----- horizontal bars -------------------------------------------------------------------

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
    let mut svg = Svg::open(
        BARS_WIDTH,
        height,
        chart.title,
        chart.desc,
        chart.rtl,
        chart.rtl,
    );
    svg.text(
        10.0,
        22.0,
        Side::Right,
        chart.title,
        "font-size=\"15\" font-weight=\"700\"",
    );
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
            &format!("fill=\"{MUTED}\" font-size=\"11\""),
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
                "font-size=\"12\"",
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

#[cfg(test)]
mod tests {
    use super::*;

    fn percent(share: f64) -> String {
        format!("{:.0}%", share * 100.0)
    }

    fn persian_percent(share: f64) -> String {
        format!("{:.0}٪", share * 100.0)
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(0x06F0 + (c as u32 - '0' as u32)).unwrap(),
                c => c,
            })
            .collect()
    }

    /// Every number of a `points="x,y x,y…"` attribute.
    fn polyline(svg: &str) -> Vec<(f64, f64)> {
        let start = svg.find("<polyline points=\"").expect("a polyline") + 18;
        let end = start + svg[start..].find('"').unwrap();
        svg[start..end]
            .split(' ')
            .map(|pair| {
                let (x, y) = pair.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect()
    }

    /// Values of one attribute on every element that has it.
    fn attribute(svg: &str, name: &str) -> Vec<f64> {
        let needle = format!(" {name}=\"");
        svg.match_indices(&needle)
            .filter_map(|(i, _)| {
                let rest = &svg[i + needle.len()..];
                rest[..rest.find('"')?].parse().ok()
            })
            .collect()
    }

    fn lorenz_of<'a>(
        points: &'a [(f64, f64)],
        percent: &'a dyn Fn(f64) -> String,
        rtl: bool,
    ) -> Lorenz<'a> {
        Lorenz {
            title: "Where the profit comes from",
            desc: "Customers sorted by profit <best first> & their share",
            subtitle: "1,234 customers",
            x_label: "Share of customers",
            y_label: "Share of profit",
            diagonal_label: "Equal shares",
            empty: "No profit",
            points,
            marker: share_reaching(points, 0.8).map(|x| (x, "22% of customers make 80%")),
            percent,
            rtl,
        }
    }

    fn concentrated() -> Vec<(f64, f64)> {
        // Values 1/k sorted best first: concentrated, positive, cumulative.
        let values: Vec<f64> = (1..=100).map(|k| 1.0 / f64::from(k)).collect();
        let total: f64 = values.iter().sum();
        let mut points = vec![(0.0, 0.0)];
        let mut running = 0.0;
        for (i, v) in values.iter().enumerate() {
            running += v;
            points.push(((i + 1) as f64 / 100.0, running / total));
        }
        points
    }

    #[test]
    fn the_lorenz_curve_is_monotone_inside_its_box_with_axes_labels_and_the_marker() {
        let points = concentrated();
        let svg = lorenz(&lorenz_of(&points, &percent, false));
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        let drawn = polyline(&svg);
        assert_eq!(drawn.len(), points.len());
        let (left, top, right, bottom) = LORENZ_BOX;
        for pair in drawn.windows(2) {
            assert!(pair[1].0 > pair[0].0, "x grows: {pair:?}");
            assert!(pair[1].1 <= pair[0].1, "the share never falls: {pair:?}");
        }
        for &(x, y) in &drawn {
            assert!((left..=right).contains(&x) && (top..=bottom).contains(&y));
        }
        assert_eq!(drawn[0], (left, bottom));
        assert_eq!(*drawn.last().unwrap(), (right, top));
        for label in [
            "Share of customers",
            "Share of profit",
            "Equal shares",
            "0%",
            "20%",
            "100%",
            "1,234 customers",
            "22% of customers make 80%",
        ] {
            assert!(svg.contains(&format!(">{label}<")), "{label} missing");
        }
        // Accessible: a name, a title and a description, all escaped.
        assert!(svg.contains("role=\"img\" aria-label=\"Where the profit comes from\""));
        assert!(svg.contains("<title>Where the profit comes from</title>"));
        assert!(svg.contains(
            "<desc>Customers sorted by profit &lt;best first&gt; &amp; their share</desc>"
        ));
        assert!(!svg.contains("<best"));
        // The marker sits where the curve reaches 80 %.
        let reach = share_reaching(&points, 0.8).unwrap();
        assert!(reach > 0.2 && reach < 0.6, "{reach}");
        assert!(svg.contains("<circle"));
        assert!(
            !svg.contains("style"),
            "no inline style: the CSP forbids it"
        );
    }

    #[test]
    fn share_reaching_interpolates_and_an_unreached_level_has_none() {
        let points = [(0.0, 0.0), (0.5, 0.6), (1.0, 1.0)];
        let x = share_reaching(&points, 0.8).unwrap();
        assert!((x - 0.75).abs() < 1e-9, "{x}");
        assert_eq!(share_reaching(&points, 0.0), Some(0.0));
        assert_eq!(share_reaching(&[(0.0, 0.0), (1.0, 0.5)], 0.8), None);
        assert_eq!(share_reaching(&[], 0.8), None);
    }

    #[test]
    fn a_whale_curve_stays_inside_the_box_and_an_empty_one_says_so() {
        let points = [(0.0, 0.0), (0.2, 1.3), (0.6, 1.5), (1.0, 1.0)];
        let svg = lorenz(&lorenz_of(&points, &percent, false));
        let (left, top, right, bottom) = LORENZ_BOX;
        for (x, y) in polyline(&svg) {
            assert!((left..=right).contains(&x) && (top..=bottom).contains(&y));
        }
        assert!(svg.contains(">160%<"), "the axis goes past 100 %");
        let empty = lorenz(&lorenz_of(&[], &percent, false));
        assert!(empty.contains(">No profit<"));
        assert!(!empty.contains("<polyline"));
    }

    #[test]
    fn right_to_left_text_runs_rtl_with_persian_digits_and_the_lorenz_axes_stay_numeric() {
        let points = concentrated();
        let ltr = lorenz(&lorenz_of(&points, &percent, false));
        let rtl = lorenz(&lorenz_of(&points, &persian_percent, true));
        assert!(rtl.contains("direction=\"rtl\""));
        assert!(!ltr.contains("direction=\"rtl\""));
        assert!(rtl.contains(">۸۰٪<"));
        // The same curve, not mirrored.
        assert_eq!(polyline(&ltr), polyline(&rtl));
    }

    fn bars_of(rtl: bool) -> Bars<'static> {
        Bars {
            title: "Persona",
            desc: "Tier A against the rest",
            series: vec!["Tier A".into(), "Other buyers".into()],
            note_label: "Lift",
            empty: "Nothing",
            bars: vec![
                Bar {
                    label: "Tbilisi <old town>".into(),
                    values: vec![(0.5, "50%".into()), (0.25, "25%".into())],
                    note: "×2.0".into(),
                },
                Bar {
                    label: "Manila".into(),
                    values: vec![(0.1, "10%".into()), (0.4, "40%".into())],
                    note: "×0.3".into(),
                },
            ],
            rtl,
        }
    }

    #[test]
    fn bars_are_proportional_labelled_and_mirrored_right_to_left() {
        let svg = bars(&bars_of(false));
        assert!(svg.contains(">Tbilisi &lt;old town&gt;<"));
        for label in [
            "50%",
            "25%",
            "10%",
            "40%",
            "×2.0",
            "Lift",
            "Tier A",
            "Other buyers",
        ] {
            assert!(svg.contains(&format!(">{label}<")), "{label}");
        }
        // Widths: the legend's two swatches, then the bars in order; the largest value spans
        // the whole length, the others in proportion.
        let widths = attribute(&svg, "width");
        let bars_widths: Vec<f64> = widths[widths.len() - 4..].to_vec();
        let span = bars_span();
        assert!((bars_widths[0] - span).abs() < 0.2, "{bars_widths:?}");
        assert!((bars_widths[1] - span / 2.0).abs() < 0.2);
        assert!((bars_widths[3] - span * 0.8).abs() < 0.2);
        // Left to right the bars start after the labels; right to left they end before them.
        let xs = attribute(&svg, "x");
        let rtl = bars(&bars_of(true));
        let rtl_xs = attribute(&rtl, "x");
        assert_eq!(xs.len(), rtl_xs.len());
        assert!(rtl.contains("direction=\"rtl\""));
        let ltr_rects = rect_spans(&svg);
        let rtl_rects = rect_spans(&rtl);
        for ((l0, l1), (r0, r1)) in ltr_rects.iter().zip(&rtl_rects) {
            assert!((l0 - (BARS_WIDTH - r1)).abs() < 0.2 && (l1 - (BARS_WIDTH - r0)).abs() < 0.2);
        }
        // Labels end at the bars (on their left, or on their right right to left), titles
        // start at the page's starting edge.
        assert!(text_tag(&svg, "Manila").contains("text-anchor=\"end\""));
        assert!(text_tag(&rtl, "Manila").contains("text-anchor=\"end\""));
        assert!(attribute(&text_tag(&rtl, "Manila"), "x")[0] > BARS_WIDTH / 2.0);
        assert!(attribute(&text_tag(&svg, "Manila"), "x")[0] < BARS_WIDTH / 2.0);
        assert!(text_tag(&svg, "Persona").contains("text-anchor=\"start\""));
        assert!(attribute(&text_tag(&rtl, "Persona"), "x")[0] > BARS_WIDTH / 2.0);
        let last = rtl_rects.last().unwrap();
        assert!(
            last.1 <= BARS_WIDTH - BARS_LABEL,
            "bars stand left of the labels"
        );
    }

    /// The opening tag of the text element holding exactly `content`.
    fn text_tag(svg: &str, content: &str) -> String {
        let end = svg.find(&format!(">{content}</text>")).expect("the text");
        let start = svg[..end].rfind("<text ").unwrap();
        svg[start..end].to_owned()
    }

    /// (left, right) of every rectangle but the background.
    fn rect_spans(svg: &str) -> Vec<(f64, f64)> {
        svg.match_indices("<rect ")
            .skip(1)
            .map(|(i, _)| {
                let tag = &svg[i..i + svg[i..].find("/>").unwrap()];
                let x = attribute(tag, "x")[0];
                let w = attribute(tag, "width")[0];
                (x, x + w)
            })
            .collect()
    }

    #[test]
    fn the_heat_map_has_a_cell_with_its_percentage_per_month_reached_and_a_legend() {
        let chart = HeatMap {
            title: "Who keeps ordering",
            desc: "Cohorts",
            x_label: "Months since the first order",
            y_label: "First order",
            legend_label: "Share still ordering",
            empty: "No orders",
            columns: (0..4).map(|m| m.to_string()).collect(),
            rows: vec![
                HeatRow {
                    label: "2026-01".into(),
                    cells: vec![Some(1.0), Some(0.3), Some(0.2), Some(0.1)],
                },
                HeatRow {
                    label: "2026-02".into(),
                    cells: vec![Some(1.0), Some(0.25), None, None],
                },
            ],
            scale_max: 0.3,
            percent: &percent,
            rtl: false,
        };
        let svg = heat_map(&chart);
        for label in [
            "2026-01",
            "2026-02",
            "100%",
            "30%",
            "25%",
            "10%",
            "Share still ordering",
            "≥ 30%",
            "Months since the first order",
        ] {
            assert!(svg.contains(&format!(">{label}<")), "{label}");
        }
        // Background + 6 cells + 5 legend swatches.
        assert_eq!(svg.matches("<rect ").count(), 1 + 6 + 5);
        // Darker for more; the darkest cells carry white text.
        assert_eq!(heat_colour(0.3, 0.3), heat_colour(1.0, 0.3));
        assert_eq!(heat_colour(0.0, 0.3).0, "#eef3fb");
        assert_eq!(heat_colour(0.3, 0.3).0, "#1f5fbf");
        assert!(heat_colour(0.3, 0.3).1 && !heat_colour(0.05, 0.3).1);
        let rtl = heat_map(&HeatMap { rtl: true, ..chart });
        let ltr_cells = rect_spans(&svg);
        let rtl_cells = rect_spans(&rtl);
        // Month 0 of the first cohort: at the left, or mirrored at the right.
        assert!(ltr_cells[0].0 < HEAT_WIDTH / 2.0 && rtl_cells[0].0 > HEAT_WIDTH / 2.0);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{0}b"), "ab");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
    }
}
