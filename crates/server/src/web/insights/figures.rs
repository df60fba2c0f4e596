//! The dashboard's three charts as SVG images (the Lorenz curve of profit, the cohort
//! retention heat map, CLV / acquisition cost per channel) and, when the figures are ready,
//! the tables of their figures.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use clientele_store::AccessScope;

use super::{Insights, Table, decimal, figures_for, money_minor, percent, ratio_text};
use crate::AppState;
use crate::web::charts::{self, Bar, Bars, HeatMap, HeatRow, Lorenz};
use crate::web::i18n::Tr;
use crate::web::{Page, PageError};

/// The share of the total at a share of customers, interpolated between the curve's points.
fn share_at(points: &[(f64, f64)], x: f64) -> Option<f64> {
    charts::value_at(points.iter().copied(), x)
}

fn customers_line(t: &Tr, customers: u64) -> String {
    t.count(
        "insights-based-on",
        customers,
        "n",
        t.number(customers as i64),
    )
}

/// The curve of the profit customers make: a loss counts as none (the losses are said
/// beside it), so shares stay within 0–100 % and the Gini coefficient within 0–1.
fn lorenz_points(insights: &Insights) -> Vec<(f64, f64)> {
    insights
        .tiers
        .profit_made
        .points
        .iter()
        .map(|p| (p.share_of_customers, p.share_of_total))
        .collect()
}

/// "x % of customers make 80 % of the profit", when the curve reaches 80 %.
fn lorenz_key_figure(t: &Tr, points: &[(f64, f64)]) -> Option<(f64, String)> {
    charts::share_reaching(points, 0.8)
        .map(|x| (x, t.t1("insights-lorenz-marker", "share", percent(t, x))))
}

pub(crate) fn lorenz_svg_of(t: &Tr, insights: &Insights) -> String {
    let points = lorenz_points(insights);
    let marker = lorenz_key_figure(t, &points);
    let title = t.t("insights-lorenz-title");
    let desc = t.t("insights-lorenz-desc");
    let subtitle = customers_line(t, insights.tiers.profit.customers);
    let mut footnote = String::new();
    if insights.tiers.losing_customers > 0 {
        footnote.push_str(
            &t.tn(
                "insights-lorenz-losses",
                Some(insights.tiers.losing_customers),
                &[
                    ("n", t.number(insights.tiers.losing_customers as i64)),
                    (
                        "amount",
                        t.money(
                            &clientele_core::Money::from_minor(
                                insights.tiers.losses,
                                insights.currency,
                            )
                            .to_string(),
                            insights.currency.code(),
                        ),
                    ),
                ],
            ),
        );
    }
    let percent = |s: f64| percent(t, s);
    charts::lorenz(&Lorenz {
        title: &title,
        desc: &desc,
        subtitle: &subtitle,
        footnote: &footnote,
        x_label: &t.t("insights-lorenz-x"),
        y_label: &t.t("insights-lorenz-y"),
        diagonal_label: &t.t("insights-lorenz-diagonal"),
        empty: &t.t("insights-lorenz-empty"),
        points: &points,
        marker: marker.as_ref().map(|(x, label)| (*x, label.as_str())),
        percent: &percent,
        rtl: t.dir() == "rtl",
    })
}

fn lorenz_table(t: &Tr, insights: &Insights) -> Table {
    let points = lorenz_points(insights);
    let mut rows: Vec<Vec<String>> = [0.01, 0.05, 0.1, 0.2, 0.5, 1.0]
        .iter()
        .filter_map(|&x| share_at(&points, x).map(|y| vec![percent(t, x), percent(t, y)]))
        .collect();
    if let Some(gini) = insights.tiers.profit_made.gini {
        rows.push(vec![t.t("insights-gini"), decimal(t, gini, 2)]);
    }
    Table {
        caption: lorenz_key_figure(t, &points)
            .map(|(_, label)| label)
            .unwrap_or_else(|| t.t("insights-lorenz-empty")),
        head: vec![t.t("insights-lorenz-x"), t.t("insights-lorenz-y")],
        rows,
    }
}

/// Cohorts drawn: the latest, and months since the first order shown.
const COHORT_ROWS: usize = 12;
const COHORT_MONTHS: usize = 12;

/// A cohort's month `m` once it has ended: the running month (the last of every row) is
/// left blank rather than shown as the few days' share it has so far — except a cohort's own
/// first month, which is all of it by definition.
fn finished(
    row: &clientele_core::analytics::cohorts::CohortRow,
    m: usize,
) -> Option<&clientele_core::analytics::cohorts::CohortMonth> {
    let running = m + 1 == row.months.len() && m > 0;
    row.months.get(m).filter(|_| !running)
}

/// A cohort's month, `YYYY-MM` (Gregorian, UTC: the cohorts are Gregorian months), in the
/// reader's digits.
fn cohort_label(t: &Tr, cohort: &str) -> String {
    t.digits(cohort)
}

fn cohort_rows(insights: &Insights) -> &[clientele_core::analytics::cohorts::CohortRow] {
    let all = &insights.cohorts.table.cohorts;
    &all[all.len().saturating_sub(COHORT_ROWS)..]
}

pub(crate) fn cohorts_svg_of(t: &Tr, insights: &Insights) -> String {
    let rows: Vec<HeatRow> = cohort_rows(insights)
        .iter()
        .map(|row| HeatRow {
            label: cohort_label(t, &row.cohort),
            cells: (0..COHORT_MONTHS)
                .map(|m| finished(row, m).map(|c| c.share_ordering))
                .collect(),
        })
        .collect();
    // The scale ends at the largest share after the first month (the first is always all).
    let largest = rows
        .iter()
        .flat_map(|r| r.cells.iter().skip(1).flatten())
        .fold(0.0_f64, |a, &b| a.max(b));
    let scale_max = if largest > 0.0 {
        ((largest * 20.0).ceil() / 20.0).min(1.0)
    } else {
        1.0
    };
    let title = t.t("insights-cohorts-title");
    let desc = format!(
        "{} {}",
        t.t("insights-cohorts-desc"),
        t.t("insights-cohorts-running")
    );
    let percent = |s: f64| percent(t, s);
    charts::heat_map(&HeatMap {
        title: &title,
        desc: &desc,
        x_label: &t.t("insights-cohorts-x"),
        y_label: &t.t("insights-cohorts-y"),
        legend_label: &t.t("insights-cohorts-legend"),
        empty: &t.t("insights-cohorts-empty"),
        columns: (0..COHORT_MONTHS)
            .map(|m| t.digits(&m.to_string()))
            .collect(),
        rows,
        scale_max,
        percent: &percent,
        rtl: t.dir() == "rtl",
    })
}

fn cohorts_table(t: &Tr, insights: &Insights) -> Table {
    let mut head = vec![t.t("insights-cohorts-y"), t.t("insights-customers")];
    head.extend((1..COHORT_MONTHS).map(|m| t.digits(&m.to_string())));
    Table {
        caption: t.t("insights-cohorts-table"),
        head,
        rows: cohort_rows(insights)
            .iter()
            .map(|row| {
                let mut cells = vec![cohort_label(t, &row.cohort), t.number(row.customers as i64)];
                cells.extend((1..COHORT_MONTHS).map(|m| {
                    finished(row, m)
                        .map(|c| percent(t, c.share_ordering))
                        .unwrap_or_default()
                }));
                cells
            })
            .collect(),
    }
}

/// A channel as the reader reads it: the known ones in their language
/// (`acquisition-channel-<code>`), a code of the business's own in words (`trade_fair` →
/// "Trade fair"), none as "not recorded".
pub(crate) fn channel_label(t: &Tr, channel: &Option<String>) -> String {
    match channel {
        None => t.t("insights-not-recorded"),
        Some(code) => t
            .try_t(&format!("acquisition-channel-{code}"))
            .unwrap_or_else(|| in_words(code)),
    }
}

/// A code written as words: `_` and `-` as spaces, the first letter capital.
pub(crate) fn in_words(code: &str) -> String {
    let spaced = code.replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Fewer customers than this make a channel's ratio a guess: its bar says so.
pub(crate) const FEW_CUSTOMERS: u64 = 30;
pub(crate) fn channels_svg_of(t: &Tr, insights: &Insights) -> String {
    let report = &insights.channels;
    let bars = if report.clv_unavailable.is_some() {
        Vec::new()
    } else {
        // Best first; a channel of a handful of customers says so beside its bar.
        let mut rows: Vec<(f64, &clientele_core::analytics::channels::ChannelRow)> = report
            .channels
            .iter()
            .filter_map(|c| c.clv_to_acquisition_cost.map(|r| (r, c)))
            .collect();
        rows.sort_by(|a, b| b.0.total_cmp(&a.0));
        rows.into_iter()
            .map(|(r, c)| Bar {
                label: channel_label(t, &c.channel),
                values: vec![(r, ratio_text(t, r))],
                note: if c.customers < FEW_CUSTOMERS {
                    t.tn(
                        "insights-few-customers",
                        Some(c.customers),
                        &[("n", t.number(c.customers as i64))],
                    )
                } else {
                    String::new()
                },
            })
            .collect()
    };
    let title = t.t("insights-channels-title");
    let desc = t.t("insights-channels-desc");
    let empty = if report.clv_unavailable.is_some() {
        t.t("insights-channels-no-clv")
    } else {
        t.t("insights-channels-empty")
    };
    charts::bars(&Bars {
        title: &title,
        desc: &desc,
        series: Vec::new(),
        note_label: "",
        empty: &empty,
        bars,
        rtl: t.dir() == "rtl",
    })
}

fn channels_table(t: &Tr, insights: &Insights) -> Table {
    let currency = insights.currency;
    Table {
        caption: t.t("insights-channels-table"),
        head: [
            "insights-channel",
            "insights-customers",
            "insights-cost",
            "insights-clv",
            "insights-ratio",
            "insights-tier-a",
        ]
        .iter()
        .map(|k| t.t(k))
        .collect(),
        rows: insights
            .channels
            .channels
            .iter()
            .map(|c| {
                vec![
                    channel_label(t, &c.channel),
                    t.number(c.customers as i64),
                    money_minor(t, c.acquisition_cost_mean, currency),
                    c.clv_12m_mean
                        .map(|v| money_minor(t, v, currency))
                        .unwrap_or_else(|| "–".into()),
                    c.clv_to_acquisition_cost
                        .map(|r| ratio_text(t, r))
                        .unwrap_or_else(|| "–".into()),
                    percent(t, c.tier_a_share),
                ]
            })
            .collect(),
    }
}

fn svg_response(svg: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        svg,
    )
        .into_response()
}

async fn chart(
    app: AppState,
    page: Page,
    draw: fn(&Tr, &Insights) -> String,
) -> Result<Response, PageError> {
    let (_, insights) = figures_for(&app, &page, "read a chart").await?;
    Ok(svg_response(draw(&page.tr, &insights)))
}

/// The route of one chart's image: `draw` with the figures of the caller's scope.
pub(super) fn svg_route(draw: fn(&Tr, &Insights) -> String) -> MethodRouter<AppState> {
    get(move |State(app): State<AppState>, page: Page| chart(app, page, draw))
}

// ----- on the dashboard ------------------------------------------------------------------

/// One chart as the dashboard shows it: the image, and its figures when they are ready.
pub(crate) struct DashboardChart {
    pub src: &'static str,
    pub alt: String,
    pub table: Option<Table>,
}

/// The dashboard's charts. Never computes: the images are separate requests; the tables are
/// shown when the figures are already in memory.
pub(crate) struct DashboardCharts {
    pub charts: Vec<DashboardChart>,
}

pub(crate) async fn dashboard_charts(
    app: &AppState,
    scope: &AccessScope,
    t: &Tr,
) -> DashboardCharts {
    let ready = app.insights.peek(app, scope).await;
    let ready = ready.as_deref();
    let lorenz_alt = match ready.and_then(|i| lorenz_key_figure(t, &lorenz_points(i))) {
        Some((_, figure)) => format!("{}: {figure}", t.t("insights-lorenz-title")),
        None => t.t("insights-lorenz-title"),
    };
    DashboardCharts {
        charts: vec![
            DashboardChart {
                src: "/charts/lorenz.svg",
                alt: lorenz_alt,
                table: ready.map(|i| lorenz_table(t, i)),
            },
            DashboardChart {
                src: "/charts/cohorts.svg",
                alt: t.t("insights-cohorts-title"),
                table: ready.map(|i| cohorts_table(t, i)),
            },
            DashboardChart {
                src: "/charts/channels.svg",
                alt: t.t("insights-channels-title"),
                table: ready.map(|i| channels_table(t, i)),
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_at_a_point_is_interpolated() {
        let points = [(0.0, 0.0), (0.5, 0.6), (1.0, 1.0)];
        assert!((share_at(&points, 0.25).unwrap() - 0.3).abs() < 1e-9);
        assert_eq!(share_at(&points, 1.0), Some(1.0));
        assert_eq!(share_at(&points, 1.5), None);
    }
}
