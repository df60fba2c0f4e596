//! A customer's page: their types with the evidence and what to do, their figures, the
//! timeline, their organisation's people, and the forms that record (see `record`).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use clientele_core::model::{ROLE_ALLY, ROLE_WALLET_HOLDER};
use clientele_store::auth::Need;

use super::i18n::Tr;
use super::{Me, Option_, Page, PageError, evidence, me, options, record};
use crate::AppState;

struct TypeLine {
    class: &'static str,
    label: String,
    evidence: String,
    action: String,
}

struct ProfileView {
    lines: Vec<TypeLine>,
    metrics: Vec<(String, String)>,
    whose_job: Option<String>,
}

struct Event {
    at: jiff::Timestamp,
    when: String,
    what: String,
    /// The record's kind and key in `/customers/{id}/records/{kind}/{key}`, for the entry's
    /// actions (none for the owner history).
    record: Option<(&'static str, String)>,
    /// A complaint's state: `Some(true)` open (can be resolved), `Some(false)` resolved.
    open: Option<bool>,
}

#[derive(Template)]
#[template(path = "customer.html")]
struct CustomerPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    csrf: String,
    id: String,
    name: String,
    owner: String,
    organisation: Option<String>,
    profile: Option<ProfileView>,
    timeline: Vec<Event>,
    /// Open tasks on the customer: title, due day, assignee.
    tasks: Vec<(String, String, String)>,
    can_write: bool,
    severities: Vec<(&'static str, String)>,
    /// The organisation's people the caller may see, wallet holder first.
    people: Vec<Person>,
    owner_history: Vec<Event>,
    channels: Vec<(&'static str, String)>,
    directions: Vec<(&'static str, String)>,
    outcomes: Vec<(&'static str, String)>,
    kinds: Vec<Option_>,
    /// The countries by name, the customer's (or, after a refusal, the typed one) chosen.
    countries: Vec<Option_>,
    edit: record::EditFields,
    /// A refused form's mistakes and what was typed.
    f: super::form_state::FormState,
}

/// Someone at the customer's organisation (or the organisation's own people).
struct Person {
    id: String,
    name: String,
    role: String,
    /// `wallet_holder`, `ally` or empty: how the page marks them.
    class: &'static str,
}

/// What the page's forms and the timeline's actions can have just done.
const DONE: &[&str] = &[
    "interaction",
    "feedback",
    "complaint",
    "edit",
    "order",
    "deleted",
    "resolved",
    "reopened",
];

/// The part of the page that says what was done: the form that did it, or the timeline
/// for a change of one of its entries.
pub(super) fn section_of(done: &str) -> &'static str {
    match done {
        "interaction" => "interaction",
        "feedback" => "feedback",
        "complaint" => "complaint",
        "edit" => "edit",
        "order" => "order",
        _ => "timeline",
    }
}

#[derive(serde::Deserialize, Default)]
pub(super) struct CustomerQuery {
    /// What a form of the page just recorded: `interaction`, `feedback`, `complaint`, `edit`.
    done: Option<String>,
}

pub(super) async fn customer_page(
    State(app): State<AppState>,
    page: Page,
    Path(customer_id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<CustomerQuery>,
) -> Result<Response, PageError> {
    let mut state = super::form_state::FormState::default();
    state.notice = q.done.as_deref().and_then(|done| {
        DONE.contains(&done).then(|| {
            (
                section_of(done).to_owned(),
                page.tr.t(&format!("done-{done}")),
            )
        })
    });
    render_customer(&app, &page, &customer_id, state, axum::http::StatusCode::OK).await
}

/// The customer's page, with a refused form's mistakes beside its fields (`f`) and the
/// status to answer with (422 when a form was refused).
pub(super) async fn render_customer(
    app: &AppState,
    page: &Page,
    customer_id: &str,
    f: super::form_state::FormState,
    status: axum::http::StatusCode,
) -> Result<Response, PageError> {
    let t = &page.tr;
    let export = app
        .app
        .customer_page(&page.caller, customer_id)
        .await
        .map_err(|e| page.fail(e))?;
    let currency = export.currency;
    let money = |amount: &str| t.money(amount, currency.code());
    let profile = export.profile.as_ref().map(|p| {
        let c = &p.classification;
        let action_of = |because: &str| {
            c.actions
                .iter()
                .find(|a| a.because == because)
                .map(|a| evidence::action(t, &a.because))
                .unwrap_or_default()
        };
        let evidence_of =
            |key: &str| evidence::say(t, c.phrases.get(key).map_or(&[][..], Vec::as_slice));
        let mut lines = vec![TypeLine {
            class: "stage",
            label: t.t(&format!("stage-{}", c.stage.as_str())),
            evidence: evidence_of("stage"),
            action: action_of(c.stage.as_str()),
        }];
        lines.push(TypeLine {
            class: "tier",
            label: t.t(&format!("tier-{}", c.tier.as_str())),
            evidence: evidence_of("tier"),
            action: String::new(),
        });
        for flag in &c.flags {
            lines.push(TypeLine {
                class: "flag",
                label: t.t(&format!("flag-{}", flag.as_str())),
                evidence: evidence_of(flag.as_str()),
                action: action_of(flag.as_str()),
            });
        }
        let m = &c.metrics;
        let mut metrics = vec![(t.t("metric-orders"), t.number(i64::from(m.orders)))];
        if let Some(days) = m.recency_days {
            metrics.push((t.t("metric-recency"), t.number(days)));
        }
        metrics.push((t.t("metric-monetary"), money(&m.monetary)));
        // The window is a setting: the label says how long it is.
        let window_days = u64::from(m.profit_window_days);
        let window = |key| {
            t.tn(
                key,
                Some(window_days),
                &[("days", t.number(window_days as i64))],
            )
        };
        metrics.push((window("metric-profit"), money(&m.profit_window)));
        if let Some(p) = m.p_alive {
            metrics.push((t.t("metric-p-alive"), t.digits(&format!("{p:.2}"))));
        }
        if let Some(expected) = m.expected_orders_90d {
            metrics.push((
                t.t("metric-expected-orders"),
                t.digits(&format!("{expected:.2}")),
            ));
        }
        if let Some(clv) = &m.clv_12m {
            metrics.push((t.t("metric-clv"), money(clv)));
        }
        metrics.push((
            window("metric-cost-to-serve"),
            money(&m.cost_to_serve_window),
        ));
        metrics.push((
            t.t("metric-open-complaints"),
            t.number(i64::from(m.open_complaints)),
        ));
        let whose_job = c
            .actions
            .first()
            .and_then(|a| a.owner.clone())
            .map(|owner| t.t1("customer-whose-job", "owner", owner));
        ProfileView {
            lines,
            metrics,
            whose_job,
        }
    });
    let mut timeline: Vec<Event> = Vec::new();
    for order in &export.orders {
        timeline.push(Event {
            at: order.ordered_at,
            when: t.date(order.ordered_at),
            what: t.t1("timeline-order", "amount", money(&order.amount.to_string())),
            record: Some(("orders", order.order_id.clone())),
            open: None,
        });
    }
    for complaint in &export.complaints {
        let mut what = t.t1(
            "timeline-complaint",
            "subject",
            complaint.subject.clone().unwrap_or_default(),
        );
        if complaint.resolved_at.is_some() {
            what = format!("{what} ({})", t.t("timeline-complaint-resolved"));
        }
        timeline.push(Event {
            at: complaint.opened_at,
            when: t.date(complaint.opened_at),
            what,
            record: Some(("complaints", complaint.complaint_id.clone())),
            open: Some(complaint.resolved_at.is_none()),
        });
    }
    for feedback in &export.feedback {
        let f = &feedback.feedback;
        timeline.push(Event {
            at: f.given_at,
            when: t.date(f.given_at),
            what: t.t1(
                "timeline-feedback",
                "nps",
                t.digits(&f.nps.map(|n| n.to_string()).unwrap_or_else(|| "–".into())),
            ),
            record: Some(("feedback", feedback.feedback_id.to_string())),
            open: None,
        });
    }
    for interaction in &export.interactions {
        let i = &interaction.interaction;
        timeline.push(Event {
            at: i.occurred_at,
            when: t.date(i.occurred_at),
            what: {
                let channel = i
                    .channel
                    .map(|c| t.t(&format!("channel-{}", c.as_str())))
                    .unwrap_or_default();
                let what = t.t1("timeline-interaction", "channel", channel);
                match &i.summary {
                    Some(summary) => format!("{what}: {summary}"),
                    None => what,
                }
            },
            record: Some(("interactions", interaction.interaction_id.to_string())),
            open: None,
        });
    }
    timeline.sort_by_key(|e| std::cmp::Reverse(e.at));
    let customer = &export.customer;
    // The organisation's people: of this customer if it is one, else of the organisation
    // the customer belongs to; only those the caller may see.
    let organisation_of = if customer.party == clientele_core::Party::Organisation {
        Some(customer.customer_id.clone())
    } else {
        customer.organisation_id.clone()
    };
    let mut people = Vec::new();
    if organisation_of.is_some() {
        for member in export.organisation_people.iter().cloned() {
            let role = member.role.clone().unwrap_or_default();
            // The spec's two roles have a word in every language and come first, the wallet
            // holder before the ally; the business's own words are shown as they are.
            let class = match role.as_str() {
                ROLE_WALLET_HOLDER => ROLE_WALLET_HOLDER,
                ROLE_ALLY => ROLE_ALLY,
                _ => "",
            };
            people.push(Person {
                role: match class {
                    "" => role,
                    known => t.t(&format!("role-{known}")),
                },
                class,
                name: member.name.clone().unwrap_or_else(|| t.t("unnamed")),
                id: member.customer_id,
            });
        }
        people.sort_by_key(|p| match p.class {
            ROLE_WALLET_HOLDER => 0,
            ROLE_ALLY => 1,
            _ => 2,
        });
    }
    let mut owner_history: Vec<Event> = export
        .owner_history
        .iter()
        .filter_map(|h| {
            let at: jiff::Timestamp = h.at.parse().ok()?;
            let nobody = t.t("customer-no-owner");
            Some(Event {
                at,
                when: t.date(at),
                what: t.t1(
                    &format!("owner-change-{}", h.reason),
                    "change",
                    format!(
                        "{} → {}",
                        h.from_email.as_deref().unwrap_or(&nobody),
                        h.to_email.as_deref().unwrap_or(&nobody)
                    ),
                ),
                record: None,
                open: None,
            })
        })
        .collect();
    owner_history.sort_by_key(|e| std::cmp::Reverse(e.at));
    let kinds: Vec<&str> = clientele_core::CustomerKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect();
    let tasks = export
        .tasks
        .iter()
        .map(|task| {
            let due = task
                .due_on
                .to_zoned(jiff::tz::TimeZone::UTC)
                .map(|z| t.date(z.timestamp()))
                .unwrap_or_default();
            (
                super::today::said_title(t, task, customer.name.as_deref()),
                due,
                task.assignee_email
                    .clone()
                    .unwrap_or_else(|| t.t("today-unassigned")),
            )
        })
        .collect();
    let me = me(&page.caller);
    let mut answer = page.render(CustomerPage {
        t,
        tasks,
        csrf: me.csrf.clone(),
        me: Some(me),
        id: customer.customer_id.clone(),
        name: customer.name.clone().unwrap_or_else(|| t.t("unnamed")),
        owner: customer
            .owner_email
            .clone()
            .unwrap_or_else(|| t.t("customer-no-owner")),
        organisation: customer.organisation_id.clone(),
        profile,
        timeline,
        can_write: page.caller.principal.authorise(Need::WritePersonal).is_ok(),
        severities: clientele_core::Severity::ALL
            .iter()
            .map(|s| (s.as_str(), t.t(&format!("severity-{}", s.as_str()))))
            .collect(),
        people,
        owner_history,
        channels: clientele_core::Channel::ALL
            .iter()
            .map(|c| (c.as_str(), t.t(&format!("channel-{}", c.as_str()))))
            .collect(),
        directions: clientele_core::Direction::ALL
            .iter()
            .map(|d| (d.as_str(), t.t(&format!("direction-{}", d.as_str()))))
            .collect(),
        outcomes: clientele_core::model::KNOWN_OUTCOMES
            .iter()
            .map(|o| (*o, t.t(&format!("outcome-{o}"))))
            .collect(),
        kinds: options(t, "kind", &kinds, Some(customer.kind.as_str())),
        countries: super::country_options(
            t,
            &f.value(
                "edit",
                "e-country",
                customer.country.as_deref().unwrap_or_default(),
            ),
            t.t("new-customer-no-country"),
        ),
        edit: record::EditFields::of(customer),
        f,
    })?;
    *answer.status_mut() = status;
    Ok(answer)
}
