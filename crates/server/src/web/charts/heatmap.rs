//! The cohort heat map: per acquisition cohort and month since the first order, the share
//! still ordering.

use super::{INK, MUTED, Side, Svg};

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
    let mut svg = Svg::categories(HEAT_WIDTH, height, chart.title, chart.desc, chart.rtl);
    svg.text(
        HEAT_LABEL,
        44.0,
        Side::Right,
        chart.x_label,
        &format!("fill=\"{MUTED}\""),
    );
    // The rows' heading stands over the row labels' column; a long one (Georgian's
    // "პირველი შეკვეთა") takes two lines there instead of running off the picture.
    let heading: Vec<&str> = match chart.y_label.rsplit_once(' ') {
        Some((first, last)) if chart.y_label.chars().count() > 10 => vec![first, last],
        _ => vec![chart.y_label],
    };
    for (i, line) in heading.iter().enumerate() {
        let lines_below = (heading.len() - 1 - i) as f64;
        svg.text(
            HEAT_LABEL - 8.0,
            HEAT_TOP - 6.0 - 15.0 * lines_below,
            Side::Left,
            line,
            &format!("fill=\"{MUTED}\" font-size=\"12\""),
        );
    }
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
    let font = if cell_width < 44.0 { 11 } else { 13 };
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
            "font-size=\"12\"",
        );
    }
    svg.finish()
}
