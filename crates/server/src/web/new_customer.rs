//! A new customer from the app (people who may write customers): a person or an
//! organisation, with an organisation's wallet holder and allies added as its people (a
//! person naming the organisation and their role). The same use case as the API's: checked,
//! in the caller's scope, audited, evaluated at once; a mistake is said beside its field.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use clientele_core::model::CustomerDraft;
use clientele_store::auth::Need;

use super::form_state::FormState;
use super::i18n::Tr;
use super::{Me, Option_, Page, PageError, me};
use crate::AppState;
use crate::error::ApiError;

#[derive(Template)]
#[template(path = "customer_new.html")]
struct NewCustomerPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    csrf: String,
    f: FormState,
    parties: Vec<Option_>,
    kinds: Vec<Option_>,
    countries: Vec<Option_>,
    owners: Vec<Option_>,
}

const TEXT_FIELDS: &[&str] = &[
    "name",
    "email",
    "phone",
    "city",
    "acquisition_channel",
    "tags",
    "organisation_id",
    "role",
];

fn chosen(options: impl IntoIterator<Item = (String, String)>, value: &str) -> Vec<Option_> {
    options
        .into_iter()
        .map(|(v, label)| Option_ {
            selected: v == value,
            value: v,
            label,
        })
        .collect()
}

async fn render(
    app: &AppState,
    page: &Page,
    typed: &HashMap<String, String>,
    f: FormState,
    status: axum::http::StatusCode,
) -> Result<Response, PageError> {
    let t = &page.tr;
    let v = |k: &str| typed.get(k).cloned().unwrap_or_default();
    let employees = crate::web::employees_for_lists(app, page, false).await?;
    let mine = page.caller.principal.email.clone();
    let owner = typed.get("owner_email").cloned().unwrap_or(mine);
    let me = me(&page.caller);
    let html = NewCustomerPage {
        t,
        csrf: me.csrf.clone(),
        me: Some(me),
        parties: chosen(
            ["person", "organisation"]
                .iter()
                .map(|p| ((*p).to_owned(), t.t(&format!("party-{p}")))),
            &v("party"),
        ),
        kinds: chosen(
            clientele_core::CustomerKind::ALL
                .iter()
                .map(|k| (k.as_str().to_owned(), t.t(&format!("kind-{}", k.as_str())))),
            &v("kind"),
        ),
        countries: super::country_options(t, &v("country"), t.t("new-customer-no-country")),
        owners: chosen(
            std::iter::once((String::new(), t.t("customer-no-owner"))).chain(
                employees
                    .iter()
                    .filter(|e| e.employee.role.may_own_customers())
                    .map(|e| {
                        (
                            e.employee.email.clone(),
                            crate::web::person_label(&e.employee.name, &e.employee.email),
                        )
                    }),
            ),
            &owner,
        ),
        f,
    }
    .render()
    .map_err(|e| page.fail(ApiError::internal("rendering a page", e)))?;
    Ok((status, axum::response::Html(html)).into_response())
}

pub(super) async fn new_customer_page(
    State(app): State<AppState>,
    page: Page,
) -> Result<Response, PageError> {
    page.authorise(&app, Need::WritePersonal, "add a customer")
        .await?;
    render(
        &app,
        &page,
        &HashMap::new(),
        FormState::default(),
        axum::http::StatusCode::OK,
    )
    .await
}

pub(super) async fn create_customer(
    State(app): State<AppState>,
    page: Page,
    axum::Form(typed): axum::Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let given = |k: &str| {
        typed
            .get(k)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let mut fields = serde_json::Map::new();
    for name in TEXT_FIELDS
        .iter()
        .chain(&["party", "kind", "country", "owner_email"])
    {
        if *name == "tags" {
            continue;
        }
        if let Some(value) = given(name) {
            fields.insert((*name).to_owned(), value.into());
        }
    }
    if let Some(tags) = given("tags") {
        let tags: Vec<String> = tags
            .split([',', '،'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        fields.insert("tags".into(), serde_json::json!(tags));
    }
    let draft: Result<CustomerDraft, _> =
        clientele_app::patch::from_value(serde_json::Value::Object(fields));
    let result = match draft {
        Ok(draft) => app.app.create_customer(&page.caller, draft).await,
        Err(e) => Err(e),
    };
    match result.map_err(ApiError::from) {
        Ok(stored) => Ok(crate::auth::audited(Redirect::to(&format!(
            "/customers/{}",
            percent_encoding::utf8_percent_encode(
                &stored.customer_id,
                percent_encoding::NON_ALPHANUMERIC
            )
        )))),
        Err(ApiError::Invalid(errors)) => {
            let state = FormState::refused(&page.tr, "new", &errors, typed.clone(), str::to_owned);
            render(
                &app,
                &page,
                &typed,
                state,
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(ApiError::Duplicate { field, message }) => {
            let errors = clientele_core::FieldErrors::single(&field, message.as_str());
            let state = FormState::refused(&page.tr, "new", &errors, typed.clone(), str::to_owned);
            render(&app, &page, &typed, state, axum::http::StatusCode::CONFLICT).await
        }
        Err(e) => Err(page.fail(e)),
    }
}
