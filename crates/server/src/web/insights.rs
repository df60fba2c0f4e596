//! The analytics as pictures: the Lorenz (Pareto) curve of profit, the cohort retention heat
//! map and CLV / acquisition cost per channel, served as SVG images for the dashboard in the
//! caller's language and scope; and the Persona page (tier A against the rest, ideal
//! prospects).
//!
//! The analytics pass over a large base takes seconds, so it never runs inside a page: the
//! dashboard only refers to the images, and the figures are computed once per access scope
//! (off the async runtime) and kept in memory until the type engine's next full pass or ten
//! minutes, whichever comes first. Concurrent requests for the same scope wait for one
//! computation.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use clientele_core::Currency;
use clientele_core::analytics::Millis;
use clientele_core::analytics::persona::ProfileAttribute;
use clientele_core::analytics::report::{
    AnalysisSettings, ChannelsReport, CohortsReport, PersonaReport, ProspectsReport, TiersReport,
    analyse,
};
use clientele_store::AccessScope;
use clientele_store::auth::Need;

use super::charts::{self, Bar, Bars, HeatMap, HeatRow, Lorenz};
use super::i18n::Tr;
use super::{Me, Page, PageError, me};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/charts/lorenz.svg", get(lorenz_svg))
        .route("/charts/cohorts.svg", get(cohorts_svg))
        .route("/charts/channels.svg", get(channels_svg))
        .route("/persona", get(persona_page))
}

// ----- the figures and their cache -------------------------------------------------------

/// Prospects kept per scope: the Persona page lists these.
const PROSPECTS: usize = 50;
/// How long figures are kept at most.
const FRESH_FOR: Duration = Duration::from_secs(10 * 60);
/// Scopes kept at most (the oldest is dropped).
const SCOPES: usize = 64;

/// The reports the charts and the Persona page draw, for one scope.
pub(crate) struct Insights {
    pub tiers: TiersReport,
    pub cohorts: CohortsReport,
    pub channels: ChannelsReport,
    pub persona: PersonaReport,
    pub prospects: ProspectsReport,
    pub currency: Currency,
}

struct Entry {
    scope: AccessScope,
    /// The last full pass these figures follow.
    pass: Option<Millis>,
    made: Instant,
    cell: Arc<tokio::sync::OnceCell<Arc<Insights>>>,
}

/// Figures per access scope, in memory.
#[derive(Clone, Default)]
pub(crate) struct InsightsCache(Arc<Mutex<Vec<Entry>>>);

impl InsightsCache {
    /// The cell of this scope's figures, a new one if the kept one is stale.
    fn cell(
        &self,
        scope: &AccessScope,
        pass: Option<Millis>,
    ) -> Arc<tokio::sync::OnceCell<Arc<Insights>>> {
        let mut entries = self.0.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|e| e.made.elapsed() < FRESH_FOR);
        if let Some(entry) = entries.iter().find(|e| &e.scope == scope && e.pass == pass) {
            return entry.cell.clone();
        }
        entries.retain(|e| &e.scope != scope);
        if entries.len() >= SCOPES {
            entries.remove(0);
        }
        let cell = Arc::new(tokio::sync::OnceCell::new());
        entries.push(Entry {
            scope: scope.clone(),
            pass,
            made: Instant::now(),
            cell: cell.clone(),
        });
        cell
    }

    /// This scope's figures, computed now if there are none fresh.
    pub(crate) async fn get(
        &self,
        app: &AppState,
        scope: &AccessScope,
    ) -> Result<Arc<Insights>, ApiError> {
        let pass = last_pass(app).await?;
        let cell = self.cell(scope, pass);
        if let Some(ready) = cell.get() {
            return Ok(ready.clone());
        }
        // On a task of its own, so that a reader who leaves (a closed tab) does not throw
        // away seconds of work the next one needs.
        let (app, scope) = (app.clone(), scope.clone());
        tokio::spawn(async move {
            cell.get_or_try_init(|| compute(&app, &scope))
                .await
                .map(Arc::clone)
        })
        .await
        .map_err(|e| ApiError::Internal(format!("computing the charts failed: {e}")))?
    }

    /// This scope's figures if they are ready and fresh; never computes.
    pub(crate) async fn peek(&self, app: &AppState, scope: &AccessScope) -> Option<Arc<Insights>> {
        let pass = last_pass(app).await.ok()?;
        let entries = self.0.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .iter()
            .find(|e| &e.scope == scope && e.pass == pass && e.made.elapsed() < FRESH_FOR)
            .and_then(|e| e.cell.get().cloned())
    }
}

async fn last_pass(app: &AppState) -> Result<Option<Millis>, ApiError> {
    Ok(app.store.engine_state().await?.map(|s| s.as_of))
}

/// One analytics pass over the scope's customers as of now, on a blocking thread.
async fn compute(app: &AppState, scope: &AccessScope) -> Result<Arc<Insights>, ApiError> {
    let as_of = clientele_core::time::to_millis(jiff::Timestamp::now());
    let base = app.store.customer_facts(scope, as_of).await?;
    let currency = app.store.currency().await?;
    let insights = tokio::task::spawn_blocking(move || {
        let facts = &base.customers;
        let analysis = analyse(facts, &AnalysisSettings::new(as_of));
        Insights {
            tiers: analysis.tiers(currency),
            cohorts: analysis.cohorts(facts, currency),
            channels: analysis.channels(facts, currency),
            persona: analysis.persona(facts, currency),
            prospects: analysis.prospects(facts, currency, PROSPECTS),
            currency,
        }
    })
    .await
    .map_err(|e| ApiError::Internal(format!("computing the charts failed: {e}")))?;
    Ok(Arc::new(insights))
}

// ----- formatting ------------------------------------------------------------------------

/// A share as a percentage in the language's digits: `23%`, `۲۳٪`; one decimal below 10 %.
fn percent(t: &Tr, share: f64) -> String {
    let value = share * 100.0;
    let text = if value != 0.0 && value.abs() < 10.0 && value.fract().abs() > 0.05 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    };
    let sign = if t.code == "fa" { "٪" } else { "%" };
    format!("{}{sign}", t.digits(&text))
}

/// A mean in minor units as money of the business currency.
fn money_minor(t: &Tr, minor: f64, currency: Currency) -> String {
    let exponent = currency.exponent();
    let amount = minor / 10f64.powi(i32::from(exponent));
    t.money(
        &format!("{amount:.prec$}", prec = usize::from(exponent)),
        currency.code(),
    )
}

fn decimal(t: &Tr, value: f64, places: usize) -> String {
    t.digits(&format!("{value:.places$}"))
}

/// The share of the total at a share of customers, interpolated between the curve's points.
fn share_at(points: &[(f64, f64)], x: f64) -> Option<f64> {
    let mut previous: Option<(f64, f64)> = None;
    for &(px, py) in points {
        if px >= x {
            return Some(match previous {
                Some((qx, qy)) if px > qx => qy + (py - qy) * (x - qx) / (px - qx),
                _ => py,
            });
        }
        previous = Some((px, py));
    }
    None
}

fn attribute_name(attribute: ProfileAttribute) -> String {
    serde_json::to_value(attribute)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn attribute_label(t: &Tr, attribute: ProfileAttribute) -> String {
    t.t(&format!("insights-attr-{}", attribute_name(attribute)))
}

/// A small table of a chart's figures, so it reads without the picture.
pub(crate) struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

// ----- the three charts ------------------------------------------------------------------

fn customers_line(t: &Tr, customers: u64) -> String {
    t.count(
        "insights-based-on",
        customers,
        "n",
        t.number(customers as i64),
    )
}

fn lorenz_points(insights: &Insights) -> Vec<(f64, f64)> {
    insights
        .tiers
        .profit
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
    let percent = |s: f64| percent(t, s);
    charts::lorenz(&Lorenz {
        title: &title,
        desc: &desc,
        subtitle: &subtitle,
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
    if let Some(gini) = insights.tiers.profit.gini {
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

fn cohort_rows(insights: &Insights) -> &[clientele_core::analytics::cohorts::CohortRow] {
    let all = &insights.cohorts.table.cohorts;
    &all[all.len().saturating_sub(COHORT_ROWS)..]
}

pub(crate) fn cohorts_svg_of(t: &Tr, insights: &Insights) -> String {
    let rows: Vec<HeatRow> = cohort_rows(insights)
        .iter()
        .map(|row| HeatRow {
            label: t.digits(&row.cohort),
            cells: (0..COHORT_MONTHS)
                .map(|m| row.months.get(m).map(|c| c.share_ordering))
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
    let desc = t.t("insights-cohorts-desc");
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
                let mut cells = vec![t.digits(&row.cohort), t.number(row.customers as i64)];
                cells.extend((1..COHORT_MONTHS).map(|m| {
                    row.months
                        .get(m)
                        .map(|c| percent(t, c.share_ordering))
                        .unwrap_or_default()
                }));
                cells
            })
            .collect(),
    }
}

fn channel_label(t: &Tr, channel: &Option<String>) -> String {
    channel
        .clone()
        .unwrap_or_else(|| t.t("insights-not-recorded"))
}

fn ratio_text(t: &Tr, ratio: f64) -> String {
    format!("{}×", decimal(t, ratio, 1))
}

pub(crate) fn channels_svg_of(t: &Tr, insights: &Insights) -> String {
    let report = &insights.channels;
    let bars = if report.clv_unavailable.is_some() {
        Vec::new()
    } else {
        report
            .channels
            .iter()
            .filter_map(|c| {
                c.clv_to_acquisition_cost.map(|r| Bar {
                    label: channel_label(t, &c.channel),
                    values: vec![(r, ratio_text(t, r))],
                    note: String::new(),
                })
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
    caller: Caller,
    headers: HeaderMap,
    draw: fn(&Tr, &Insights) -> String,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    let scope = page
        .authorise(&app, Need::Aggregate, "read a chart")
        .await?;
    let insights = app
        .insights
        .get(&app, &scope)
        .await
        .map_err(|e| page.fail(e))?;
    Ok(svg_response(draw(&page.tr, &insights)))
}

async fn lorenz_svg(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    chart(app, caller, headers, lorenz_svg_of).await
}

async fn cohorts_svg(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    chart(app, caller, headers, cohorts_svg_of).await
}

async fn channels_svg(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    chart(app, caller, headers, channels_svg_of).await
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

// ----- the Persona page ------------------------------------------------------------------

/// Values of one attribute drawn at most (the most common in either group).
const PERSONA_VALUES: usize = 8;

struct AttributeView {
    name: String,
    svg: String,
    table: Table,
}

struct ProspectView {
    id: String,
    score: String,
    ideal: bool,
    reasons: String,
}

#[derive(Template)]
#[template(path = "persona.html")]
struct PersonaPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    groups: String,
    attributes: Vec<AttributeView>,
    /// `None`: the caller may not read individual customers.
    prospects: Option<Vec<ProspectView>>,
    prospects_intro: String,
}

fn persona_attributes(t: &Tr, insights: &Insights) -> Vec<AttributeView> {
    let persona = &insights.persona.persona;
    ProfileAttribute::ALL
        .iter()
        .filter_map(|&attribute| {
            let rows: Vec<_> = persona
                .rows
                .iter()
                .filter(|r| r.attribute == attribute)
                .collect();
            if rows.is_empty() {
                return None;
            }
            // The most common values, kept in the report's order.
            let mut by_weight: Vec<usize> = (0..rows.len()).collect();
            by_weight.sort_by(|&a, &b| {
                let weight = |i: usize| rows[i].share_a.max(rows[i].share_rest);
                weight(b).total_cmp(&weight(a))
            });
            by_weight.truncate(PERSONA_VALUES);
            by_weight.sort_unstable();
            let value =
                |v: &Option<String>| v.clone().unwrap_or_else(|| t.t("insights-not-recorded"));
            let name = attribute_label(t, attribute);
            let title = t.t1("insights-persona-chart", "attribute", name.clone());
            let desc = t.t("insights-persona-desc");
            let svg = charts::bars(&Bars {
                title: &title,
                desc: &desc,
                series: vec![t.t("insights-tier-a-series"), t.t("insights-rest-series")],
                note_label: &t.t("insights-lift"),
                empty: "",
                bars: by_weight
                    .iter()
                    .map(|&i| {
                        let r = rows[i];
                        Bar {
                            label: value(&r.value),
                            values: vec![
                                (r.share_a, percent(t, r.share_a)),
                                (r.share_rest, percent(t, r.share_rest)),
                            ],
                            note: ratio_text(t, r.lift),
                        }
                    })
                    .collect(),
                rtl: t.dir() == "rtl",
            });
            let table = Table {
                caption: title,
                head: vec![
                    name.clone(),
                    t.t("insights-tier-a-series"),
                    t.t("insights-rest-series"),
                    t.t("insights-lift"),
                ],
                rows: rows
                    .iter()
                    .map(|r| {
                        vec![
                            value(&r.value),
                            format!(
                                "{} ({})",
                                percent(t, r.share_a),
                                t.number(r.customers_a as i64)
                            ),
                            format!(
                                "{} ({})",
                                percent(t, r.share_rest),
                                t.number(r.customers_rest as i64)
                            ),
                            ratio_text(t, r.lift),
                        ]
                    })
                    .collect(),
            };
            Some(AttributeView { name, svg, table })
        })
        .collect()
}

fn prospect_views(t: &Tr, report: &ProspectsReport) -> Vec<ProspectView> {
    report
        .ranked
        .iter()
        .map(|p| ProspectView {
            id: p.customer_id.clone(),
            score: percent(t, p.score.probability),
            ideal: p.ideal_prospect,
            reasons: p
                .score
                .reasons
                .iter()
                .map(|r| {
                    let pairs: Vec<String> = r
                        .attributes
                        .iter()
                        .zip(&r.values)
                        .map(|(a, v)| format!("{}: {v}", attribute_label(t, *a)))
                        .collect();
                    format!("{} (+{})", pairs.join(" + "), decimal(t, r.contribution, 2))
                })
                .collect::<Vec<_>>()
                .join("; "),
        })
        .collect()
}

async fn persona_page(
    State(app): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let page = Page::new(caller, &headers);
    let t = &page.tr;
    let scope = page
        .authorise(&app, Need::Aggregate, "read the persona")
        .await?;
    let insights = app
        .insights
        .get(&app, &scope)
        .await
        .map_err(|e| page.fail(e))?;
    let persona = &insights.persona.persona;
    let groups = format!(
        "{} · {}",
        t.count(
            "insights-tier-a-count",
            persona.tier_a_customers,
            "n",
            t.number(persona.tier_a_customers as i64)
        ),
        t.count(
            "insights-rest-count",
            persona.rest_customers,
            "n",
            t.number(persona.rest_customers as i64)
        )
    );
    // Individual prospects only for those who may read customers, in their own scope.
    let mut prospects = None;
    let mut prospects_intro = String::new();
    if let Ok(personal) = page.caller.principal.authorise(Need::ReadPersonal) {
        let theirs = if personal == scope {
            insights.clone()
        } else {
            app.insights
                .get(&app, &personal)
                .await
                .map_err(|e| page.fail(e))?
        };
        let views = prospect_views(t, &theirs.prospects);
        app.record(
            &app.entry(&page.caller, "list")
                .about("customer")
                .with(serde_json::json!({ "rows": views.len(), "page": "persona" })),
        )
        .await;
        prospects_intro = t.count(
            "insights-prospects-intro",
            theirs.prospects.prospects,
            "n",
            t.number(theirs.prospects.prospects as i64),
        );
        prospects = Some(views);
    }
    page.render(PersonaPage {
        t,
        me: Some(me(&page.caller)),
        groups,
        attributes: persona_attributes(t, &insights),
        prospects,
        prospects_intro,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_in_each_language() {
        let en = Tr::new("en", None);
        let fa = Tr::new("fa", None);
        assert_eq!(percent(&en, 0.8), "80%");
        assert_eq!(percent(&en, 0.034), "3.4%");
        assert_eq!(percent(&en, 0.0), "0%");
        assert_eq!(percent(&fa, 0.8), "۸۰٪");
        assert_eq!(percent(&fa, 0.034), "۳٫۴٪");
        assert_eq!(money_minor(&en, 123_456.0, Currency::USD), "$1,234.56");
    }

    #[test]
    fn the_share_at_a_point_is_interpolated() {
        let points = [(0.0, 0.0), (0.5, 0.6), (1.0, 1.0)];
        assert!((share_at(&points, 0.25).unwrap() - 0.3).abs() < 1e-9);
        assert_eq!(share_at(&points, 1.0), Some(1.0));
        assert_eq!(share_at(&points, 1.5), None);
    }

    #[test]
    fn every_language_has_every_insights_message_and_every_attribute_a_name() {
        let english = include_str!("../../locales/en/insights.ftl");
        let keys: Vec<&str> = english
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
            .filter(|k| !k.starts_with(' '))
            .collect();
        assert!(keys.len() > 30);
        for (code, file) in [
            ("fa", include_str!("../../locales/fa/insights.ftl")),
            ("ka", include_str!("../../locales/ka/insights.ftl")),
            ("tl", include_str!("../../locales/tl/insights.ftl")),
        ] {
            for key in &keys {
                assert!(
                    file.lines().any(|l| l.starts_with(&format!("{key} ="))),
                    "{code} lacks {key}"
                );
            }
        }
        for attribute in ProfileAttribute::ALL {
            let key = format!("insights-attr-{}", attribute_name(attribute));
            assert!(keys.contains(&key.as_str()), "{key}");
        }
    }
}
