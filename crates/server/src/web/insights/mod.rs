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

mod cache;
mod figures;
mod persona;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use clientele_core::Currency;
use clientele_core::analytics::persona::ProfileAttribute;
use clientele_store::AccessScope;
use clientele_store::auth::Need;

use super::i18n::Tr;
use super::{Page, PageError};
use crate::AppState;
pub(crate) use cache::{Insights, InsightsCache};
pub(crate) use figures::{DashboardCharts, dashboard_charts, in_words};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/charts/lorenz.svg",
            figures::svg_route(figures::lorenz_svg_of),
        )
        .route(
            "/charts/cohorts.svg",
            figures::svg_route(figures::cohorts_svg_of),
        )
        .route(
            "/charts/channels.svg",
            figures::svg_route(figures::channels_svg_of),
        )
        .route("/persona", get(persona::persona_page))
}

/// The figures of the caller's scope for aggregates (and that scope), or the page saying
/// they may not read them.
async fn figures_for(
    app: &AppState,
    page: &Page,
    what: &str,
) -> Result<(AccessScope, Arc<Insights>), PageError> {
    let scope = page.authorise(app, Need::Aggregate, what).await?;
    let insights = app
        .insights
        .get(app, &scope)
        .await
        .map_err(|e| page.fail(e))?;
    Ok((scope, insights))
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

fn ratio_text(t: &Tr, ratio: f64) -> String {
    format!("{}×", decimal(t, ratio, 1))
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
    fn every_language_has_every_insights_message_and_every_attribute_a_name() {
        let keys = crate::web::i18n::keys_in_every_language("insights.ftl");
        assert!(keys.len() > 30);
        for attribute in ProfileAttribute::ALL {
            let key = format!("insights-attr-{}", attribute_name(attribute));
            assert!(keys.contains(&key), "{key}");
        }
    }
}
