use super::bars::*;
use super::heatmap::*;
use super::lorenz::*;
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
        footnote: "",
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
    assert!(
        svg.contains(
            "<desc>Customers sorted by profit &lt;best first&gt; &amp; their share</desc>"
        )
    );
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
