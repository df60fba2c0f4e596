//! The dashboard: how many customers of each type, who moved this week, and the charts.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use clientele_core::analytics::DAY_MS;
use clientele_core::bulk_reads::BulkReadSettings;
use clientele_store::auth::Need;
use clientele_store::{ListRequest, TransitionFilter};

use super::i18n::Tr;
use super::{Me, Page, PageError, dashboard_cache, insights, me};
use crate::AppState;
use crate::error::ApiError;

struct Count {
    name: String,
    label: String,
    count: String,
}

/// The signed-in employee's tasks due today or overdue, first on the dashboard.
struct Today {
    summary: String,
    tasks: Vec<(String, String, String)>,
}

/// The bulk-read alarms, shown to admins only.
struct Alerts {
    intro: String,
    lines: Vec<(String, String)>,
}

struct Moved {
    label: String,
    customers: Vec<MovedLine>,
}

/// A customer who moved: a link with their name, what they were before, and when.
struct MovedLine {
    id: String,
    name: String,
    was: String,
    when: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    classified: String,
    stages: Vec<Count>,
    tiers: Vec<Count>,
    flags: Vec<Count>,
    moved: Vec<Moved>,
    alerts: Option<Alerts>,
    today: Option<Today>,
    charts: insights::DashboardCharts,
}

pub(super) async fn dashboard(
    State(app): State<AppState>,
    page: Page,
) -> Result<Response, PageError> {
    let t = &page.tr;
    let scope = page
        .authorise(&app, Need::Aggregate, "read the dashboard")
        .await?;
    let personal = page.caller.principal.authorise(Need::ReadPersonal).ok();
    let facts = dashboard_facts(&app, &scope, personal.as_ref())
        .await
        .map_err(|e| page.fail(e))?;
    let counts = &facts.counts;
    let label_counts = |prefix: &str, list: &[clientele_store::NamedCount]| {
        list.iter()
            .map(|c| Count {
                name: c.name.clone(),
                label: t.t(&format!("{prefix}-{}", c.name)),
                count: t.number(c.customers as i64),
            })
            .collect::<Vec<_>>()
    };
    let classified = match &counts.as_of {
        Some(at) => t.count(
            "dashboard-classified",
            counts.classified,
            "date",
            t.date_text(at),
        ),
        None => t.t("dashboard-not-classified"),
    };
    let moved = facts
        .moved
        .iter()
        .map(|(key, customers)| Moved {
            label: t.t(key),
            customers: customers
                .iter()
                .map(|m| {
                    let was = match (*key, m.from.as_deref()) {
                        (_, None) => String::new(),
                        ("moved-dissatisfied", Some(_)) => String::new(),
                        (_, Some(from)) => t.t(&format!("stage-{from}")),
                    };
                    MovedLine {
                        id: m.customer_id.clone(),
                        name: m.name.clone().unwrap_or_else(|| m.customer_id.clone()),
                        was,
                        when: t.date(m.at),
                    }
                })
                .collect(),
        })
        .collect();
    let alerts = match page.caller.principal.authorise(Need::Admin) {
        Ok(_) => Some(
            bulk_read_alerts(&app, &page)
                .await
                .map_err(|e| page.fail(e))?,
        ),
        Err(_) => None,
    };
    let today = match personal {
        Some(_) => Some(todays_tasks(&app, &page).await.map_err(|e| page.fail(e))?),
        None => None,
    };
    let charts = insights::dashboard_charts(&app, &scope, t).await;
    page.render(DashboardPage {
        t,
        me: Some(me(&page.caller)),
        charts,
        classified,
        stages: label_counts("stage", &counts.stages),
        tiers: label_counts("tier", &counts.tiers),
        flags: label_counts("flag", &counts.flags),
        moved,
        alerts,
        today,
    })
}

/// Today's and overdue tasks of the signed-in employee: how many, and the first few.
async fn todays_tasks(app: &AppState, page: &Page) -> Result<Today, clientele_app::AppError> {
    let t = &page.tr;
    let today = super::today::today();
    let tomorrow = today.tomorrow().unwrap_or(today);
    let lines = app.app.my_day(&page.caller, false, tomorrow).await?;
    let overdue = lines.iter().filter(|l| l.task.due_on < today).count() as i64;
    let due_today = lines.len() as i64 - overdue;
    let summary = t.with_numbers(
        "dashboard-today-counts",
        &[
            ("overdue_text", t.number(overdue)),
            ("today_text", t.number(due_today)),
        ],
        &[("overdue", overdue), ("today", due_today)],
    );
    let tasks = lines
        .iter()
        .take(5)
        .map(|l| {
            (
                l.task.title.clone(),
                l.task.customer_id.clone(),
                l.customer_name
                    .clone()
                    .unwrap_or_else(|| l.task.customer_id.clone()),
            )
        })
        .collect();
    Ok(Today { summary, tasks })
}

/// The last 7 days' alarms of the audit log: an employee reading or exporting far more
/// customers than they usually do (a departing salesperson taking the base with them).
async fn bulk_read_alerts(app: &AppState, page: &Page) -> Result<Alerts, clientele_app::AppError> {
    let t = &page.tr;
    let settings = BulkReadSettings::default();
    let since = clientele_core::time::to_millis(jiff::Timestamp::now()) - 6 * DAY_MS;
    let found = app
        .app
        .bulk_read_alerts(
            clientele_app::Actor::Employee(&page.caller),
            since,
            &settings,
        )
        .await?;
    let lines = found
        .iter()
        .map(|alert| {
            let at = clientele_core::time::from_millis(alert.day * DAY_MS)
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
            let day = at.strftime("%Y-%m-%d").to_string();
            let text = t.tn(
                "dashboard-alert",
                Some(alert.customers),
                &[
                    ("actor", alert.actor.clone()),
                    (
                        "customers",
                        t.number(alert.customers.min(i64::MAX as u64) as i64),
                    ),
                    ("usual", t.number(alert.usual.min(i64::MAX as u64) as i64)),
                    ("day", t.date(at)),
                ],
            );
            let mut query = form_urlencoded::Serializer::new(String::new());
            query
                .append_pair("actor", &alert.actor)
                .append_pair("since", &day);
            (text, format!("/admin/audit?{}", query.finish()))
        })
        .collect();
    Ok(Alerts {
        intro: t.tn(
            "dashboard-alerts-intro",
            None,
            &[
                ("factor", t.number(settings.factor as i64)),
                ("min", t.number(settings.min_customers as i64)),
            ],
        ),
        lines,
    })
}

/// The dashboard's figures for a scope: from memory when nothing changed since they were
/// read (see `dashboard_cache`), else from the store.
async fn dashboard_facts(
    app: &AppState,
    scope: &clientele_store::AccessScope,
    personal: Option<&clientele_store::AccessScope>,
) -> Result<std::sync::Arc<dashboard_cache::DashboardFacts>, ApiError> {
    let key = format!("{scope:?}|{personal:?}");
    let (cached, changes) = app.dashboard.get(&key);
    if let Some(facts) = cached {
        return Ok(facts);
    }
    let counts = app.store.type_counts(scope).await?;
    // Who moved this week: the latest of each kind of move the caller may see. Figures
    // only for an analyst; names for those who may read customers.
    let mut moved = Vec::new();
    if let Some(personal) = personal {
        let since = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * 7);
        for (key, axis, to) in [
            ("moved-lapsed", "stage", "lapsed"),
            ("moved-won-back", "stage", "reborn"),
            ("moved-dissatisfied", "flag", "dissatisfied"),
        ] {
            let transitions = app
                .store
                .list_transitions(
                    personal,
                    &TransitionFilter {
                        since: Some(since.to_string()),
                        axis: Some(axis.into()),
                        to: Some(to.into()),
                        ..Default::default()
                    },
                    &ListRequest {
                        limit: Some(12),
                        cursor: None,
                        sort: Some("-at".into()),
                    },
                )
                .await?;
            let ids: Vec<String> = transitions
                .items
                .iter()
                .map(|r| r.transition.customer_id.clone())
                .collect();
            let names = app.store.customer_names(personal, &ids).await?;
            moved.push((
                key,
                transitions
                    .items
                    .into_iter()
                    .map(|r| dashboard_cache::MovedCustomer {
                        name: names.get(&r.transition.customer_id).cloned().flatten(),
                        customer_id: r.transition.customer_id,
                        from: r.transition.from,
                        at: r.transition.at,
                    })
                    .collect(),
            ));
        }
    }
    let facts = std::sync::Arc::new(dashboard_cache::DashboardFacts { counts, moved });
    app.dashboard
        .put(key, changes, std::sync::Arc::clone(&facts));
    Ok(facts)
}
