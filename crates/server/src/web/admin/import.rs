//! CSV import with its validation report: all or nothing, or the valid rows with the rest
//! listed; then the re-evaluation the CLI does.

use askama::Template;
use axum::Extension;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use clientele_store::auth::Need;
use clientele_store::import::{ImportError, ImportInput, ImportKind, ImportOptions, RowError};
use clientele_store::{Reevaluation, StoreError};

use super::render_status;
use crate::AppState;
use crate::auth::audited;
use crate::error::ApiError;
use crate::extract::BodyLimit;
use crate::web::i18n::Tr;
use crate::web::{Me, Page, PageError, me};

const KINDS: [&str; 7] = [
    "customers",
    "orders",
    "interactions",
    "complaints",
    "feedback",
    "costs",
    "employees",
];

struct KindView {
    name: &'static str,
    label: String,
    columns: Vec<(&'static str, bool)>,
}

struct ErrorRow {
    line: String,
    column: String,
    message: String,
}

#[derive(Template)]
#[template(path = "admin_import.html")]
struct ImportPage<'a> {
    t: &'a Tr,
    me: Option<Me>,
    csrf: String,
    kinds: Vec<KindView>,
    chosen: String,
    limit: String,
    refused: Option<String>,
    errors: Vec<ErrorRow>,
    done: Option<String>,
    /// The result's heading as it is: imported, imported with rows skipped, or nothing.
    done_title: String,
    /// Whether nothing was stored (the result is then shown as a problem, not a success).
    nothing: bool,
    rejected: Vec<ErrorRow>,
    reevaluated: Option<String>,
}

fn import_view<'a>(limit: &BodyLimit, page: &'a Page, chosen: &str) -> ImportPage<'a> {
    let t = &page.tr;
    let me = me(&page.caller);
    ImportPage {
        t,
        csrf: me.csrf.clone(),
        me: Some(me),
        kinds: KINDS
            .iter()
            .filter_map(|name| ImportKind::parse(name).ok().map(|kind| (name, kind)))
            .map(|(name, kind)| KindView {
                name,
                label: t.t(&format!("import-kind-{name}")),
                columns: kind
                    .columns()
                    .iter()
                    .map(|c| (c.name, c.required))
                    .collect(),
            })
            .collect(),
        chosen: chosen.to_owned(),
        limit: t.number((limit.0 / 1024) as i64),
        refused: None,
        errors: Vec::new(),
        done: None,
        done_title: String::new(),
        nothing: false,
        rejected: Vec::new(),
        reevaluated: None,
    }
}

pub(super) async fn import_page(
    State(app): State<AppState>,
    page: Page,
    Extension(limit): Extension<BodyLimit>,
) -> Result<Response, PageError> {
    import_allowed(&app, &page).await?;
    page.render(import_view(&limit, &page, "customers"))
}

/// The importer writes any customer, whoever owns them: only those whose scope is every
/// customer (admins) may use it.
async fn import_allowed(app: &AppState, page: &Page) -> Result<(), PageError> {
    page.authorise(app, Need::Admin, "import a CSV file")
        .await?;
    Ok(())
}

fn error_rows(t: &Tr, errors: &[RowError]) -> Vec<ErrorRow> {
    errors
        .iter()
        .map(|e| ErrorRow {
            line: t.number(e.line as i64),
            column: e
                .column
                .as_ref()
                .map(|(n, name)| format!("{} ({name})", t.number(*n as i64)))
                .unwrap_or_default(),
            message: crate::web::messages::say(t, &e.message),
        })
        .collect()
}

/// A directory of its own for one upload, removed when dropped.
struct Upload(std::path::PathBuf);

impl Drop for Upload {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Imports an uploaded CSV file with the CLI's importer: all or nothing, unless the user
/// chose to import the valid rows and skip the rest; then re-evaluates as the CLI does.
pub(super) async fn import_file(
    State(app): State<AppState>,
    page: Page,
    Extension(limit): Extension<BodyLimit>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    import_allowed(&app, &page).await?;
    let t = &page.tr;
    let mut kind_name = String::new();
    let mut skip_invalid = false;
    let mut file_name = String::new();
    let mut content: Option<axum::body::Bytes> = None;
    let unreadable = |_| page.fail(ApiError::MalformedBody("an unreadable form".into()));
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some("kind") => kind_name = field.text().await.map_err(unreadable)?,
            Some("skip_invalid") => {
                skip_invalid = !field.text().await.map_err(unreadable)?.is_empty()
            }
            Some("file") => {
                file_name = field.file_name().unwrap_or_default().to_owned();
                content = Some(field.bytes().await.map_err(unreadable)?);
            }
            _ => {}
        }
    }
    let mut view = import_view(&limit, &page, &kind_name);
    let Ok(kind) = ImportKind::parse(&kind_name) else {
        view.refused = Some(t.t("import-choose-kind"));
        return Ok(render_status(&page, StatusCode::UNPROCESSABLE_ENTITY, view));
    };
    let Some(content) = content.filter(|c| !c.is_empty()) else {
        view.refused = Some(t.t("import-choose-file"));
        return Ok(render_status(&page, StatusCode::UNPROCESSABLE_ENTITY, view));
    };
    let internal = |e: std::io::Error| page.fail(ApiError::internal("reading an upload", e));
    let upload = Upload(std::env::temp_dir().join(format!(
        "clientele-upload-{}",
        uuid::Uuid::new_v4().simple()
    )));
    std::fs::create_dir_all(&upload.0).map_err(internal)?;
    let rejected_path = upload.0.join("rejected.csv");
    let shown_name = if file_name.is_empty() {
        format!("{kind_name}.csv")
    } else {
        file_name
    };
    let request = clientele_app::ImportRequest {
        kind,
        input: ImportInput::new(shown_name.clone(), std::io::Cursor::new(content)),
        options: ImportOptions {
            skip_invalid,
            rejected_path: Some(rejected_path.clone()),
            ..Default::default()
        },
        // The base's evaluation clock.
        as_of: None,
    };
    let imported = app
        .app
        .import(
            clientele_app::Actor::Employee(&page.caller),
            request,
            &|_| {},
        )
        .await;
    let clientele_app::ImportOutcome {
        report,
        reevaluation,
    } = match imported {
        Ok(outcome) => outcome,
        Err(clientele_app::AppError::Store(StoreError::Import(refusal))) => {
            let (total, errors) = match &refusal {
                ImportError::File { message, .. } => (
                    1,
                    vec![ErrorRow {
                        line: String::new(),
                        column: String::new(),
                        message: crate::web::messages::say(t, message),
                    }],
                ),
                ImportError::Header { errors, .. } => (errors.len() as u64, error_rows(t, errors)),
                ImportError::Rows { errors, total, .. } => (*total, error_rows(t, errors)),
            };
            view.refused = Some(t.tn(
                "import-refused",
                Some(total),
                &[("n", t.number(total as i64)), ("file", shown_name)],
            ));
            view.errors = errors;
            return Ok(audited(render_status(
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                view,
            )));
        }
        Err(e) => return Err(page.fail(e)),
    };
    let stored = report.inserted + report.updated + report.customers_created;
    view.nothing = stored == 0 && report.unchanged == 0;
    view.done_title = t.t(if view.nothing {
        "import-nothing-title"
    } else if report.rejected > 0 {
        "import-partly-title"
    } else {
        "import-done-title"
    });
    view.done = Some(t.tn(
        "import-done",
        Some(report.rows),
        &[
            ("n", t.number(report.rows as i64)),
            ("file", shown_name),
            ("inserted", t.number(report.inserted as i64)),
            ("updated", t.number(report.updated as i64)),
            ("unchanged", t.number(report.unchanged as i64)),
            ("rejected", t.number(report.rejected as i64)),
            ("created", t.number(report.customers_created as i64)),
        ],
    ));
    if report.rejected > 0 {
        view.rejected = read_rejected(t, &rejected_path);
    }
    view.reevaluated = match reevaluation {
        Reevaluation::NotClassified | Reevaluation::Unchanged => None,
        Reevaluation::Customers(saved) => Some(t.tn(
            "import-reevaluated-customers",
            Some(saved.customers),
            &[
                ("n", t.number(saved.customers as i64)),
                ("changes", t.number(saved.transitions as i64)),
            ],
        )),
        Reevaluation::FullPass(saved) => Some(t.tn(
            "import-reevaluated-all",
            Some(saved.customers),
            &[
                ("n", t.number(saved.customers as i64)),
                ("changes", t.number(saved.transitions as i64)),
            ],
        )),
    };
    drop(upload);
    Ok(audited(page.render(view)?))
}

/// The rejected rows' line, column and reason, from the file the importer wrote them to.
fn read_rejected(t: &Tr, path: &std::path::Path) -> Vec<ErrorRow> {
    let Ok(mut reader) = csv::ReaderBuilder::new().flexible(true).from_path(path) else {
        return Vec::new();
    };
    reader
        .records()
        .filter_map(Result::ok)
        .take(200)
        .map(|r| ErrorRow {
            line: r
                .get(0)
                .and_then(|l| l.parse::<i64>().ok())
                .map(|l| t.number(l))
                .unwrap_or_default(),
            column: r.get(1).unwrap_or_default().to_owned(),
            message: r.get(2).unwrap_or_default().to_owned(),
        })
        .collect()
}
