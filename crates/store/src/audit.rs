//! The audit log: who (an employee, a token, or the system), when, from which address, did
//! what to which record. Append-only: this module has no update and no delete, and the
//! database refuses both (triggers of migration 0005). Details name the fields an update
//! changed, never their values, so the log holds no personal data beyond ids.

use clientele_core::bulk_reads::DailyReads;
use serde::Serialize;
use sqlx::any::AnyRow;
use utoipa::ToSchema;

use crate::auth::Principal;
use crate::error::StoreResult;
use crate::list::{ListRequest, Listing, Page, SortColumn};
use crate::sql::RowExt;
use crate::{Store, StoreError};

/// One thing that happened, to be recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditEntry {
    pub at: i64,
    pub actor: String,
    pub employee_key: Option<i64>,
    pub token_key: Option<i64>,
    pub address: Option<String>,
    /// `sign-in`, `sign-in failed`, `sign-out`, `create`, `update`, `delete`, `list`,
    /// `export`, `handover`, `permission denied`, `settings`, `erase`, `token`…
    pub action: String,
    /// `customer`, `order`, `employee`, `token`, `settings`…
    pub entity: Option<String>,
    pub record_id: Option<String>,
    pub details: serde_json::Value,
}

impl AuditEntry {
    /// An action of the employee behind a request.
    pub fn by(principal: &Principal, address: Option<&str>, action: &str, at: i64) -> AuditEntry {
        AuditEntry {
            at,
            actor: principal.actor(),
            employee_key: Some(principal.employee_key),
            token_key: principal.token_key(),
            address: address.map(str::to_owned),
            action: action.to_owned(),
            entity: None,
            record_id: None,
            details: serde_json::Value::Null,
        }
    }

    /// An action of the system itself (a CLI command, the type engine, start-up).
    pub fn system(path: &str, action: &str, at: i64) -> AuditEntry {
        AuditEntry {
            at,
            actor: format!("system: {path}"),
            employee_key: None,
            token_key: None,
            address: None,
            action: action.to_owned(),
            entity: None,
            record_id: None,
            details: serde_json::Value::Null,
        }
    }

    pub fn on(mut self, entity: &str, record_id: impl ToString) -> AuditEntry {
        self.entity = Some(entity.to_owned());
        self.record_id = Some(record_id.to_string());
        self
    }

    pub fn about(mut self, entity: &str) -> AuditEntry {
        self.entity = Some(entity.to_owned());
        self
    }

    pub fn with(mut self, details: serde_json::Value) -> AuditEntry {
        self.details = details;
        self
    }
}

/// A recorded entry, as the API and `clientele audit` show it.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct AuditRecord {
    pub audit_id: i64,
    /// RFC 3339.
    pub at: String,
    pub actor: String,
    pub address: Option<String>,
    pub action: String,
    pub entity: Option<String>,
    pub record_id: Option<String>,
    #[schema(value_type = Option<Object>)]
    pub details: serde_json::Value,
}

#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    /// At or after (YYYY-MM-DD or RFC 3339).
    pub since: Option<String>,
    /// Before.
    pub until: Option<String>,
    pub action: Option<String>,
    /// The actor's e-mail (their sessions and tokens both).
    pub actor: Option<String>,
    pub entity: Option<String>,
    pub record_id: Option<String>,
}

const SORTS: &[SortColumn] = &[SortColumn::int("at", "a.at")];

fn record_from(row: &AnyRow) -> StoreResult<AuditRecord> {
    let details = match row.opt_text("details")? {
        Some(text) => serde_json::from_str(&text)
            .map_err(|e| StoreError::Corrupt(format!("audit details: {e}")))?,
        None => serde_json::Value::Null,
    };
    Ok(AuditRecord {
        audit_id: row.int("audit_key")?,
        at: clientele_core::time::format_instant(row.instant("at")?),
        actor: row.text("actor")?,
        address: row.opt_text("address")?,
        action: row.text("action")?,
        entity: row.opt_text("entity")?,
        record_id: row.opt_text("record_id")?,
        details,
    })
}

impl Store {
    /// Appends an entry.
    pub async fn audit(&self, entry: &AuditEntry) -> StoreResult<()> {
        append(self.pool(), entry).await
    }

    /// Entries, oldest first by default (`sort=-at` for the latest first).
    pub async fn list_audit(
        &self,
        filter: &AuditFilter,
        request: &ListRequest,
    ) -> StoreResult<Page<AuditRecord>> {
        let mut list = Listing::new(
            request,
            SORTS,
            "at",
            "a.audit_key",
            "select a.audit_key, a.at, a.actor, a.address, a.action, a.entity, a.record_id, a.details",
            " from audit_log a",
        )?;
        let (sql, errors) = (&mut list.sql, &mut list.errors);
        if let Some(since) = filter.since.as_deref()
            && let Some(at) = errors.check("since", clientele_core::time::parse_instant(since))
        {
            sql.push(" and a.at >= ").bind(crate::sql::ms(at));
        }
        if let Some(until) = filter.until.as_deref()
            && let Some(at) = errors.check("until", clientele_core::time::parse_instant(until))
        {
            sql.push(" and a.at < ").bind(crate::sql::ms(at));
        }
        if let Some(action) = filter.action.as_deref() {
            sql.push(" and a.action = ").bind(action);
        }
        if let Some(actor) = filter.actor.as_deref() {
            let email = actor.trim().to_lowercase();
            sql.push(" and (a.actor = ")
                .bind(email.clone())
                .push(" or a.actor like ")
                .bind(format!("token % of {}", crate::sql::like_escape(&email)))
                .push(" escape '\\')");
        }
        if let Some(entity) = filter.entity.as_deref() {
            sql.push(" and a.entity = ").bind(entity);
        }
        if let Some(record) = filter.record_id.as_deref() {
            sql.push(" and a.record_id = ").bind(record);
        }
        list.page(self, record_from).await
    }
}

impl Store {
    /// Per actor and UTC day from `since` on, the customers read (lists) or exported, from
    /// the log's `list` and `export` entries about customers: an employee's sessions and
    /// tokens count together under their e-mail; a data-subject export is one customer. The
    /// input of the bulk-read alarm (`clientele_core::bulk_reads`); a system path that
    /// reads no customer data, only the log's figures.
    pub async fn daily_customer_reads(&self, since: i64) -> StoreResult<Vec<DailyReads>> {
        let rows = match self.backend() {
            crate::Backend::Sqlite => "json_extract(a.details, '$.rows')",
            crate::Backend::Postgres => "(a.details::jsonb ->> 'rows')::bigint",
        };
        let sql = format!(
            "select coalesce(e.email, a.actor), a.at / 86400000,
                    cast(sum(case when a.record_id is not null then 1 else coalesce({rows}, 0) end) as bigint),
                    cast(sum(case when a.action = 'export' then 1 else 0 end) as bigint)
             from audit_log a left join employees e on e.employee_key = a.employee_key
             where a.entity = 'customer' and a.action in ('list', 'export') and a.at >= $1
             group by 1, 2"
        );
        // Safe: the text spliced in is one of the two literals above.
        let found = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(since)
            .fetch_all(self.pool())
            .await?;
        found
            .iter()
            .map(|row| {
                use sqlx::Row;
                Ok(DailyReads {
                    actor: row.try_get(0)?,
                    day: row.try_get(1)?,
                    customers: u64::try_from(row.try_get::<i64, _>(2)?).unwrap_or(0),
                    exports: u64::try_from(row.try_get::<i64, _>(3)?).unwrap_or(0),
                })
            })
            .collect()
    }
}

/// Appends an entry through `executor`: the pool, or the transaction of the change it records
/// so that the change and its entry are stored together or not at all.
pub(crate) async fn append<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    entry: &AuditEntry,
) -> StoreResult<()> {
    let details = (!entry.details.is_null()).then(|| entry.details.to_string());
    sqlx::query(
        "insert into audit_log (at, actor, employee_key, token_key, address, action, entity, record_id, details)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(entry.at)
    .bind(entry.actor.clone())
    .bind(entry.employee_key)
    .bind(entry.token_key)
    .bind(entry.address.clone())
    .bind(entry.action.clone())
    .bind(entry.entity.clone())
    .bind(entry.record_id.clone())
    .bind(details)
    .execute(executor)
    .await?;
    Ok(())
}
