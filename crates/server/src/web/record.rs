//! What the customer page records: an interaction, feedback, a complaint, and edits to the
//! customer. Each goes through the same validation, scope and store call as the API, and the
//! customer is re-evaluated at once, as after an API edit.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};
use axum::routing::post;
use clientele_core::model::{
    ComplaintDraft, Customer, FeedbackDraft, InteractionDraft, NumberText,
};
use serde::Deserialize;

use std::collections::HashMap;

use super::form_state::FormState;
use super::{Page, PageError};
use crate::AppState;
use crate::error::ApiError;

/// A form the use case refused: the customer's page again, the mistakes beside their
/// fields (`input` names the input of each field) and what was typed kept; any other
/// failure is the error page.
async fn refused(
    app: &AppState,
    page: &Page,
    customer_id: &str,
    form: &'static str,
    error: impl Into<ApiError>,
    typed: HashMap<String, String>,
    input: fn(&str) -> String,
) -> Result<Response, PageError> {
    match error.into() {
        ApiError::Invalid(errors) => {
            let state = FormState::refused(&page.tr, form, &errors, typed, input);
            super::customer::render_customer(
                app,
                page,
                customer_id,
                state,
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        other => Err(page.fail(other)),
    }
}

fn typed(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// The edit form's input of a customer's field.
fn edit_input(field: &str) -> String {
    match field {
        "owner_email" => "e-owner".to_owned(),
        "acquisition_channel" => "e-channel".to_owned(),
        other => format!("e-{other}"),
    }
}

/// The contact form's input of a field of the contact or of its follow-up task.
fn interaction_input(field: &str) -> String {
    match field {
        "due_on" => "follow_up_on".to_owned(),
        "title" => "follow_up_title".to_owned(),
        other => other.to_owned(),
    }
}

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/customers/{customer_id}", post(edit_customer))
        .route(
            "/customers/{customer_id}/interactions",
            post(add_interaction),
        )
        .route("/customers/{customer_id}/feedback", post(add_feedback))
        .route("/customers/{customer_id}/orders", post(add_order))
        .route(
            "/customers/{customer_id}/records/{kind}/{key}/delete",
            post(delete_entry),
        )
        .route(
            "/customers/{customer_id}/records/complaints/{key}/{change}",
            post(resolve_complaint),
        )
}

/// A form of the page that only carries its CSRF token.
#[derive(Deserialize, Default)]
#[serde(default)]
struct TokenOnly {
    #[serde(rename = "csrf_token")]
    _csrf_token: String,
}

/// Deletes an entry of the customer's timeline (an order, a complaint, feedback, a contact)
/// through the API's own use case: scope, audit, and the customer re-evaluated.
async fn delete_entry(
    State(app): State<AppState>,
    page: Page,
    Path((customer_id, kind, key)): Path<(String, String, String)>,
    axum::Form(_form): axum::Form<TokenOnly>,
) -> Result<Response, PageError> {
    use clientele_app::{ComplaintRecord, FeedbackRecordKind, InteractionRecordKind, OrderRecord};
    let caller = &page.caller;
    let done = match kind.as_str() {
        "orders" => app.app.delete_record::<OrderRecord>(caller, &key).await,
        "complaints" => app.app.delete_record::<ComplaintRecord>(caller, &key).await,
        "feedback" => {
            app.app
                .delete_record::<FeedbackRecordKind>(caller, &key)
                .await
        }
        "interactions" => {
            app.app
                .delete_record::<InteractionRecordKind>(caller, &key)
                .await
        }
        _ => {
            return Err(page.fail(ApiError::NotFound(format!("no kind of entry `{kind}`"))));
        }
    };
    done.map_err(|e| page.fail(e))?;
    Ok(back_to(&customer_id, "deleted"))
}

/// Resolves (`resolve`) or reopens (`reopen`) one of the customer's complaints, as a
/// change of its `resolved_at`; the customer is re-evaluated (an open complaint counts).
async fn resolve_complaint(
    State(app): State<AppState>,
    page: Page,
    Path((customer_id, key, change)): Path<(String, String, String)>,
    axum::Form(_form): axum::Form<TokenOnly>,
) -> Result<Response, PageError> {
    let (patch, done) = match change.as_str() {
        "resolve" => (
            serde_json::json!({ "resolved_at": jiff::Timestamp::now().to_string() }),
            "resolved",
        ),
        "reopen" => (serde_json::json!({ "resolved_at": null }), "reopened"),
        _ => {
            return Err(page.fail(ApiError::NotFound(format!(
                "no change `{change}` of a complaint"
            ))));
        }
    };
    app.app
        .update_record::<clientele_app::ComplaintRecord>(&page.caller, &key, patch)
        .await
        .map_err(|e| page.fail(e))?;
    Ok(back_to(&customer_id, done))
}

/// A field left out counts as empty: validation then names what is missing.
#[derive(Deserialize, Default)]
#[serde(default)]
struct OrderForm {
    amount: String,
    ordered_on: String,
    order_id: String,
    #[serde(rename = "csrf_token")]
    _csrf_token: String,
}

/// Records an order of the customer (today unless another day is given), through the same
/// validation as the API; the customer is re-evaluated.
async fn add_order(
    State(app): State<AppState>,
    page: Page,
    Path(customer_id): Path<String>,
    axum::Form(form): axum::Form<OrderForm>,
) -> Result<Response, PageError> {
    let was = typed(&[
        ("amount", &form.amount),
        ("ordered_on", &form.ordered_on),
        ("order_id", &form.order_id),
    ]);
    let given = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    let day = given(&super::admin::ascii_digits(&form.ordered_on))
        .unwrap_or_else(|| super::today::today().to_string());
    let draft = clientele_core::model::OrderDraft {
        order_id: given(&form.order_id),
        customer_id: Some(customer_id.clone()),
        ordered_at: Some(day),
        amount: given(&super::admin::ascii_digits(&form.amount)).map(clientele_core::AmountText),
        ..Default::default()
    };
    match app
        .app
        .create_record::<clientele_app::OrderRecord>(&page.caller, draft)
        .await
    {
        Ok(_) => Ok(back_to(&customer_id, "order")),
        Err(e) => refused(&app, &page, &customer_id, "order", e, was, order_input).await,
    }
}

/// The order form's input of an order's field.
fn order_input(field: &str) -> String {
    match field {
        "ordered_at" => "ordered_on".to_owned(),
        other => other.to_owned(),
    }
}

/// The customer's page, where a form goes back to.
/// Back to the customer's page after a form changed something through the application
/// layer, which recorded the change in the audit log (with what really changed); so the
/// answer says it is recorded.
fn back_to(customer_id: &str, done: &str) -> Response {
    // `done` names what was recorded, for the page to say so; the anchor brings the reader
    // back to the form they used (or the timeline, for a change of one of its entries).
    let section = super::customer::section_of(done);
    let location = format!(
        "/customers/{}?done={done}#{section}",
        percent_encoding::utf8_percent_encode(customer_id, percent_encoding::NON_ALPHANUMERIC)
    );
    crate::auth::audited(Redirect::to(&location))
}

/// The edit form's fields as they stand.
pub(crate) struct EditFields {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub city: String,
    pub role: String,
    pub owner_email: String,
    pub channel: String,
    pub tags: String,
}

impl EditFields {
    pub(crate) fn of(c: &Customer) -> EditFields {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        EditFields {
            name: text(&c.name),
            email: text(&c.email),
            phone: text(&c.phone),
            city: text(&c.city),
            role: text(&c.role),
            owner_email: text(&c.owner_email),
            channel: text(&c.acquisition_channel),
            tags: c.tags.join(", "),
        }
    }
}

/// The edit form. A field the form leaves out is left as it is (a merge patch); a field
/// sent empty is cleared.
#[derive(Deserialize)]
struct EditForm {
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    city: Option<String>,
    country: Option<String>,
    role: Option<String>,
    kind: Option<String>,
    owner_email: Option<String>,
    channel: Option<String>,
    tags: Option<String>,
    #[serde(rename = "csrf_token", default)]
    _csrf_token: String,
}

/// Saves the edit form: a merge patch of the fields shown, as `PATCH /customers/{id}`.
async fn edit_customer(
    State(app): State<AppState>,
    page: Page,
    Path(customer_id): Path<String>,
    axum::Form(form): axum::Form<EditForm>,
) -> Result<Response, PageError> {
    let value = |v: &str| match v.trim() {
        "" => serde_json::Value::Null,
        v => serde_json::Value::String(v.to_owned()),
    };
    let mut patch = serde_json::Map::new();
    for (field, sent) in [
        ("name", &form.name),
        ("email", &form.email),
        ("phone", &form.phone),
        ("city", &form.city),
        ("country", &form.country),
        ("role", &form.role),
        ("kind", &form.kind),
        ("owner_email", &form.owner_email),
        ("acquisition_channel", &form.channel),
    ] {
        if let Some(sent) = sent {
            patch.insert(field.to_owned(), value(sent));
        }
    }
    if let Some(tags) = &form.tags {
        let tags: Vec<String> = tags
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        patch.insert("tags".to_owned(), serde_json::json!(tags));
    }
    match app
        .app
        .update_customer(&page.caller, &customer_id, serde_json::Value::Object(patch))
        .await
    {
        Ok(stored) => Ok(back_to(&stored.customer_id, "edit")),
        Err(e) => {
            let text = |v: &Option<String>| v.clone().unwrap_or_default();
            let typed: HashMap<String, String> = [
                ("name", &form.name),
                ("email", &form.email),
                ("phone", &form.phone),
                ("city", &form.city),
                ("country", &form.country),
                ("role", &form.role),
                ("kind", &form.kind),
                ("owner_email", &form.owner_email),
                ("acquisition_channel", &form.channel),
                ("tags", &form.tags),
            ]
            .into_iter()
            .map(|(field, v)| (edit_input(field), text(v)))
            .collect();
            refused(&app, &page, &customer_id, "edit", e, typed, edit_input).await
        }
    }
}

/// A field left out counts as empty: validation then names what is missing.
#[derive(Deserialize, Default)]
#[serde(default)]
struct InteractionForm {
    channel: String,
    direction: String,
    summary: String,
    outcome: String,
    follow_up_title: String,
    follow_up_on: String,
    #[serde(rename = "csrf_token")]
    _csrf_token: String,
}

/// Records a contact with the customer, taken part in by the signed-in employee.
async fn add_interaction(
    State(app): State<AppState>,
    page: Page,
    Path(customer_id): Path<String>,
    axum::Form(form): axum::Form<InteractionForm>,
) -> Result<Response, PageError> {
    let was = typed(&[
        ("channel", &form.channel),
        ("direction", &form.direction),
        ("summary", &form.summary),
        ("outcome", &form.outcome),
        ("follow_up_title", &form.follow_up_title),
        ("follow_up_on", &form.follow_up_on),
    ]);
    let given = |v: String| Some(v).filter(|v| !v.trim().is_empty());
    let summary = given(form.summary);
    let outcome = given(form.outcome);
    let back = async |e: ApiError| {
        refused(
            &app,
            &page,
            &customer_id,
            "interaction",
            e,
            was.clone(),
            interaction_input,
        )
        .await
    };
    // A contact with nothing said of it is no record.
    if summary.is_none() && outcome.is_none() {
        return back(ApiError::invalid(
            "summary",
            clientele_core::Message::new("required"),
        ))
        .await;
    }
    let follow_up_title = given(form.follow_up_title);
    let follow_up_on = given(super::admin::ascii_digits(&form.follow_up_on));
    // The follow-up's day is checked before anything is written: all of the form or none.
    if let Some(day) = &follow_up_on
        && let Err(message) = clientele_core::model::parse_day(day)
    {
        return back(ApiError::invalid("due_on", message)).await;
    }
    let draft = InteractionDraft {
        customer_id: Some(customer_id.clone()),
        occurred_at: Some(jiff::Timestamp::now().to_string()),
        channel: given(form.channel),
        direction: given(form.direction),
        employee_email: Some(page.caller.principal.email.clone()),
        summary,
        outcome,
    };
    if let Err(e) = app
        .app
        .create_record::<clientele_app::InteractionRecordKind>(&page.caller, draft)
        .await
    {
        return back(e.into()).await;
    }
    // The next step, in the same form: a task for the one who logged the contact.
    if follow_up_title.is_some() || follow_up_on.is_some() {
        let due_on = match follow_up_on {
            Some(day) => day,
            None => {
                let weekend = app.store.weekend().await.map_err(|e| page.fail(e))?;
                weekend
                    .add_business_days(super::today::today(), 1)
                    .to_string()
            }
        };
        let draft = clientele_core::model::TaskDraft {
            customer_id: Some(customer_id.clone()),
            title: Some(
                follow_up_title.unwrap_or_else(|| page.tr.t("interaction-follow-up-default")),
            ),
            due_on: Some(due_on),
            ..Default::default()
        };
        app.app
            .create_task(clientele_app::Actor::Employee(&page.caller), draft)
            .await
            .map_err(|e| page.fail(e))?;
    }
    Ok(back_to(&customer_id, "interaction"))
}

/// A field left out counts as empty: validation then names what is missing.
#[derive(Deserialize, Default)]
#[serde(default)]
struct FeedbackForm {
    nps: String,
    csat: String,
    comment: String,
    #[serde(rename = "csrf_token")]
    _csrf_token: String,
}

/// Records what the customer told us: an NPS answer, a CSAT score, or both.
async fn add_feedback(
    State(app): State<AppState>,
    page: Page,
    Path(customer_id): Path<String>,
    axum::Form(form): axum::Form<FeedbackForm>,
) -> Result<Response, PageError> {
    let was = typed(&[
        ("nps", &form.nps),
        ("csat", &form.csat),
        ("comment", &form.comment),
    ]);
    // A score typed on a Persian or Arabic keyboard is read as its number.
    let score = |v: &str| {
        let v = super::admin::ascii_digits(v);
        (!v.is_empty()).then_some(NumberText::Text(v))
    };
    let draft = FeedbackDraft {
        customer_id: Some(customer_id.clone()),
        given_at: Some(jiff::Timestamp::now().to_string()),
        nps: score(&form.nps),
        csat: score(&form.csat),
        comment: Some(form.comment).filter(|c| !c.trim().is_empty()),
    };
    match app
        .app
        .create_record::<clientele_app::FeedbackRecordKind>(&page.caller, draft)
        .await
    {
        Ok(_) => Ok(back_to(&customer_id, "feedback")),
        Err(e) => refused(&app, &page, &customer_id, "feedback", e, was, str::to_owned).await,
    }
}
/// A field left out counts as empty: validation then names what is missing.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ComplaintForm {
    subject: String,
    severity: String,
    #[serde(rename = "csrf_token")]
    _csrf_token: String,
}

/// Records a complaint from the customer page; the customer is re-evaluated at once.
pub(super) async fn add_complaint(
    State(app): State<AppState>,
    page: Page,
    Path(customer_id): Path<String>,
    axum::Form(form): axum::Form<ComplaintForm>,
) -> Result<Response, PageError> {
    let was = typed(&[("subject", &form.subject), ("severity", &form.severity)]);
    let draft = ComplaintDraft {
        complaint_id: None,
        customer_id: Some(customer_id.clone()),
        opened_at: Some(jiff::Timestamp::now().to_string()),
        resolved_at: None,
        severity: Some(form.severity),
        subject: Some(form.subject),
    };
    match app
        .app
        .create_record::<clientele_app::ComplaintRecord>(&page.caller, draft)
        .await
    {
        Ok(_) => Ok(back_to(&customer_id, "complaint")),
        Err(e) => {
            refused(
                &app,
                &page,
                &customer_id,
                "complaint",
                e,
                was,
                str::to_owned,
            )
            .await
        }
    }
}
