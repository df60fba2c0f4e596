//! The Persona page: tier A against the rest, attribute by attribute, and the ideal
//! prospects (for those who may read customers).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use clientele_core::analytics::persona::ProfileAttribute;
use clientele_core::analytics::report::ProspectsReport;
use clientele_store::auth::Need;

use super::{Insights, Table, attribute_label, decimal, figures_for, percent, ratio_text};
use crate::AppState;
use crate::web::charts::{self, Bar, Bars};
use crate::web::i18n::Tr;
use crate::web::{Me, Page, PageError, me};

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
    /// Said when tier A is too small for its lifts to mean much.
    few: Option<String>,
    attributes: Vec<AttributeView>,
    /// `None`: the caller may not read individual customers.
    prospects: Option<Vec<ProspectView>>,
    prospects_intro: String,
}

/// A value of a profile attribute as the reader reads it: an age band in the page's digits,
/// isolated left to right (so `65+` and `30-34` keep their order in Persian), gender and
/// income band in words, a country by its CLDR name, a channel by its name; a city or
/// region as the business wrote it.
pub(crate) fn value_label(t: &Tr, attribute: ProfileAttribute, value: &Option<String>) -> String {
    let Some(v) = value else {
        return t.t("insights-not-recorded");
    };
    let words = |prefix: &str| {
        t.try_t(&format!("{prefix}-{}", v.to_lowercase()))
            .unwrap_or_else(|| super::figures::in_words(v))
    };
    match attribute {
        ProfileAttribute::AgeBand => format!("\u{2066}{}\u{2069}", t.digits(v)),
        ProfileAttribute::Gender => words("gender"),
        ProfileAttribute::IncomeBand => words("income-band"),
        ProfileAttribute::Country => crate::web::country_name(t, v),
        ProfileAttribute::AcquisitionChannel => super::figures::channel_label(t, value),
        ProfileAttribute::City | ProfileAttribute::Region => v.clone(),
    }
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
            let value = |v: &Option<String>| value_label(t, attribute, v);
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

pub(super) async fn persona_page(
    State(app): State<AppState>,
    page: Page,
) -> Result<Response, PageError> {
    let t = &page.tr;
    let (scope, insights) = figures_for(&app, &page, "read the persona").await?;
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
        few: (persona.tier_a_customers < super::figures::FEW_CUSTOMERS).then(|| {
            t.count(
                "insights-persona-few",
                persona.tier_a_customers,
                "n",
                t.number(persona.tier_a_customers as i64),
            )
        }),
        attributes: persona_attributes(t, &insights),
        prospects,
        prospects_intro,
    })
}
