//! The customer list as CSV, streamed: a million customers are sent a page at a time instead
//! of being built in memory first. The download is audited with the rows actually sent, also
//! when the reader stops it halfway.

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use clientele_core::model::Customer;
use clientele_store::auth::Need;
use clientele_store::{AccessScope, CustomerFilter, CustomerLine, ListRequest, Page as ListPage};

use super::customers::ListQuery;
use super::{Page, PageError};
use crate::AppState;
use crate::auth::Caller;

/// The columns: the record's as `clientele import customers` reads them back, then what
/// the customer is (stage, tier, flags, as last evaluated) and their order figures.
const COLUMNS: [&str; 16] = [
    "customer_id",
    "name",
    "email",
    "phone",
    "city",
    "country",
    "owner_email",
    "kind",
    "acquisition_channel",
    "tags",
    "stage",
    "tier",
    "flags",
    "orders",
    "spent",
    "last_order_at",
];

/// Excel opens a CSV as UTF-8 only when it starts with the byte-order mark; without it,
/// Persian and Georgian names come out as mojibake.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Records the export when dropped: with every row when it finished, else with those sent.
struct ExportAudit {
    app: AppState,
    caller: Caller,
    filters: String,
    rows: u64,
    finished: bool,
}

impl Drop for ExportAudit {
    fn drop(&mut self) {
        let entry = self
            .app
            .entry(&self.caller, "export")
            .about("customer")
            .with(serde_json::json!({
                "rows": self.rows,
                "filters": self.filters,
                "complete": self.finished,
            }));
        let app = self.app.clone();
        // Drop cannot wait; the entry is written on the runtime that served the download.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move { app.record(&entry).await });
        }
    }
}

struct Export {
    app: AppState,
    scope: AccessScope,
    filter: CustomerFilter,
    /// A page read and not yet sent.
    pending: Option<ListPage<Customer>>,
    /// Where the next page starts; `None` once the last was read.
    cursor: Option<String>,
    header_sent: bool,
    /// Whether the file starts with the byte-order mark (the default: Excel needs it).
    bom: bool,
    audit: ExportAudit,
}

fn encode(
    rows: &[Customer],
    lines: &std::collections::HashMap<String, CustomerLine>,
    header: Option<bool>,
) -> std::io::Result<Bytes> {
    let mut out = Vec::with_capacity(rows.len() * 160 + 3);
    if header == Some(true) {
        out.extend_from_slice(BOM);
    }
    let mut writer = clientele_store::csv_writer::CsvWriter::new(out);
    if header.is_some() {
        writer.write_row(COLUMNS)?;
    }
    let cell = |v: &Option<String>| v.clone().unwrap_or_default();
    let none = CustomerLine::default();
    for c in rows {
        let line = lines.get(&c.customer_id).unwrap_or(&none);
        writer.write_row([
            c.customer_id.clone(),
            cell(&c.name),
            cell(&c.email),
            cell(&c.phone),
            cell(&c.city),
            cell(&c.country),
            cell(&c.owner_email),
            c.kind.as_str().to_owned(),
            cell(&c.acquisition_channel),
            c.tags.join(","),
            cell(&line.stage),
            cell(&line.tier),
            line.flags.join(","),
            line.orders.to_string(),
            line.spent
                .as_ref()
                .map(|m| m.to_string())
                .unwrap_or_default(),
            line.last_order_ms
                .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
                .map(|at| at.to_string())
                .unwrap_or_default(),
        ])?;
    }
    writer.into_inner().map(Bytes::from)
}

fn page_of(cursor: Option<String>) -> ListRequest {
    ListRequest {
        limit: Some(clientele_store::MAX_LIMIT),
        cursor,
        sort: None,
    }
}

/// The filtered list as CSV, every page of it, audited as an export with its row count.
pub(super) async fn customers_csv(
    State(app): State<AppState>,
    page: Page,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    let scope = page
        .authorise(&app, Need::ReadPersonal, "export customers")
        .await?;
    let filter = q.filter();
    // The first page is read before answering: a bad filter is a page naming the field, not
    // a download that breaks.
    let first = app
        .store
        .list_customers(&scope, &filter, &page_of(None))
        .await
        .map_err(|e| page.fail(e))?;
    let export = Export {
        cursor: first.next_cursor.clone(),
        pending: Some(first),
        header_sent: false,
        bom: q.bom(),
        audit: ExportAudit {
            app: app.clone(),
            caller: page.caller.clone(),
            filters: q.query(),
            rows: 0,
            finished: false,
        },
        app,
        scope,
        filter,
    };
    let stream = futures_util::stream::unfold(export, |mut export| async move {
        if export.pending.is_none() {
            let cursor = export.cursor.take()?;
            match export
                .app
                .store
                .list_customers(&export.scope, &export.filter, &page_of(Some(cursor)))
                .await
            {
                Ok(next) => {
                    export.cursor = next.next_cursor.clone();
                    export.pending = Some(next);
                }
                Err(e) => {
                    tracing::error!(error = %e, "reading customers for a CSV export failed");
                    return Some((Err(std::io::Error::other("the export failed")), export));
                }
            }
        }
        let rows = export.pending.take()?.items;
        let ids: Vec<String> = rows.iter().map(|c| c.customer_id.clone()).collect();
        let lines = match export.app.store.customer_lines(&export.scope, &ids).await {
            Ok(lines) => lines,
            Err(e) => {
                tracing::error!(error = %e, "reading customers' figures for a CSV export failed");
                return Some((Err(std::io::Error::other("the export failed")), export));
            }
        };
        let header = (!export.header_sent).then_some(export.bom);
        let chunk = encode(&rows, &lines, header);
        export.header_sent = true;
        export.audit.rows += rows.len() as u64;
        export.audit.finished = export.cursor.is_none();
        Some((chunk, export))
    });
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"customers.csv\"",
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}
