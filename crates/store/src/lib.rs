//! Clientele's storage: one interface over SQLite (the embedded default) and PostgreSQL.
//!
//! Every query is one portable SQL text run through `sqlx::Any` with `$n` parameters; the
//! two backends differ only in their migration files (kept in lock-step, see
//! `migrations/`). Every query that reads customer data takes an [`AccessScope`], so that
//! what an employee may see is decided here, next to the SQL, and nowhere else.

mod activity;
pub mod analytics;
pub mod audit;
pub mod auth;
mod bounds;
mod bulk;
pub mod csv_writer;
mod customers;
mod employees;
mod error;
pub mod export;
pub mod handover;
pub mod import;
mod list;
mod orders;
pub mod playbooks;
mod scope;
mod sql;
mod sqlite_native;
pub mod subject;
#[cfg(feature = "testing")]
pub mod testing;
mod transitions;
mod types;
mod winback;

pub use activity::{
    ComplaintFilter, CostFilter, FeedbackFilter, InteractionFilter, TaskFilter, TaskLine,
};
pub use bulk::{BulkBase, BulkReport};
pub use customers::{CustomerFilter, CustomerLine};
pub use employees::EmployeeFilter;
pub use error::{StoreError, StoreResult, UnknownName};
pub use list::{DEFAULT_LIMIT, ListRequest, MAX_LIMIT, Page, SortOrder, every_page};
pub use orders::OrderFilter;
pub use scope::AccessScope;
pub use transitions::TransitionFilter;
pub use types::{
    FullPass, NamedCount, Reevaluation, SavedTypes, StoredProfile, TypeCounts, TypeMove,
    TypePreview,
};
pub use winback::{WinBackFilter, WinBackRow};

use std::str::FromStr;
use std::time::Duration;

use clientele_core::Currency;
use clientele_core::model::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};

/// The database a store runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The default database: `clientele.db` in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://clientele.db";

/// A handle on the customer base. Cheap to clone: it shares one connection pool.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// The SQLite database file, for the whole-base reads that go through SQLite's own API
    /// (see `sqlite_native`); `None` for PostgreSQL and in-memory databases.
    sqlite_file: Option<std::path::PathBuf>,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Store {
    /// Opens the database at `url` (`sqlite://FILE` or `postgres://…`), creating a SQLite
    /// file when it does not exist, and applies every pending migration.
    pub async fn open(url: &str) -> StoreResult<Store> {
        sqlx::any::install_default_drivers();
        let (backend, url) = normalise_url(url)?;
        let options = AnyConnectOptions::from_str(&url)
            .map_err(|e| {
                StoreError::Config(format!("cannot use the database URL {}: {e}", redact(&url)))
            })?
            // Whole-base reads (analytics, exports) take seconds by design; sqlx's slow-query
            // warnings would only print the SQL at the user.
            .log_slow_statements(log::LevelFilter::Debug, Duration::from_secs(1));
        let pool_options = AnyPoolOptions::new()
            .max_connections(match backend {
                // One writer at a time is all SQLite allows; a few readers beside it in WAL.
                Backend::Sqlite => 4,
                Backend::Postgres => 10,
            })
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers work while an import writes; NORMAL is durable
                        // across application crashes in WAL mode and much faster than FULL.
                        conn.execute("pragma journal_mode = wal").await?;
                        conn.execute("pragma synchronous = normal").await?;
                        conn.execute("pragma foreign_keys = on").await?;
                        conn.execute("pragma busy_timeout = 10000").await?;
                        // 64 MiB of page cache (the default is 2 MiB): imports of millions of
                        // rows keep their indexes in memory instead of re-reading the WAL.
                        conn.execute("pragma cache_size = -65536").await?;
                        conn.execute("pragma temp_store = memory").await?;
                        // Deleted and overwritten content is zeroed, so that an erased
                        // customer's data does not linger in free pages.
                        conn.execute("pragma secure_delete = on").await?;
                    }
                    Ok(())
                })
            });
        let pool = pool_options.connect_with(options).await.map_err(|e| {
            StoreError::Config(format!("cannot open the database {}: {e}", redact(&url)))
        })?;
        let sqlite_file = sqlite_file_of(&url);
        let store = Store {
            pool,
            backend,
            sqlite_file,
        };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> StoreResult<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub(crate) fn sqlite_file(&self) -> Option<&std::path::Path> {
        self.sqlite_file.as_deref()
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Begins a transaction that writes. On SQLite it takes the write lock at its start
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads and then writes must upgrade
    /// its lock midway, and SQLite refuses that upgrade at once ("database is locked")
    /// when another writer came first, whatever the busy timeout, because waiting could
    /// deadlock. Taking the lock first makes writers queue in the busy handler instead; if
    /// the lock still cannot be had, nothing has been done yet, so beginning is retried.
    pub(crate) async fn begin_write(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Any>> {
        if self.backend == Backend::Postgres {
            return Ok(self.pool.begin().await?);
        }
        let mut pause = Duration::from_millis(5);
        let mut attempts = 0;
        loop {
            match self.pool.begin_with("BEGIN IMMEDIATE").await {
                Ok(tx) => return Ok(tx),
                Err(e) if is_busy(&e) && attempts < BEGIN_ATTEMPTS => {
                    attempts += 1;
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_millis(500));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Begins a transaction that only reads: one consistent snapshot for several queries.
    pub(crate) async fn begin_read(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(self.pool.begin().await?)
    }

    /// Answers when the database does.
    pub async fn ping(&self) -> StoreResult<()> {
        sqlx::query("select 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection (a SQLite file is then fully checkpointed).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The currency the business keeps its books in (USD until set).
    pub async fn currency(&self) -> StoreResult<Currency> {
        Ok(self.chosen_currency().await?.unwrap_or(Currency::USD))
    }

    /// The currency the business chose, `None` while it has not (and USD is assumed).
    pub async fn chosen_currency(&self) -> StoreResult<Option<Currency>> {
        let stored: Option<String> =
            sqlx::query_scalar("select value from settings where key = 'currency'")
                .fetch_optional(&self.pool)
                .await?;
        stored
            .map(|code| {
                code.parse().map_err(|e: clientele_core::Message| {
                    StoreError::Config(format!("stored currency: {e}"))
                })
            })
            .transpose()
    }

    /// Sets the business currency. Allowed while no amount is stored, since amounts are kept
    /// in minor units of that currency; setting the currency it already has is a no-op.
    pub async fn set_currency(&self, currency: Currency) -> StoreResult<()> {
        let current = self.currency().await?;
        if current == currency {
            sqlx::query("insert into settings (key, value) values ('currency', $1) on conflict (key) do nothing")
                .bind(currency.code().to_owned())
                .execute(&self.pool)
                .await?;
            return Ok(());
        }
        let amounts: i64 = sqlx::query_scalar(
            "select (select count(*) from orders) + (select count(*) from cost_entries)
                  + (select count(*) from customers where acquisition_cost is not null)",
        )
        .fetch_one(&self.pool)
        .await?;
        if amounts > 0 {
            return Err(StoreError::Config(format!(
                "the database already keeps its books in {current} ({amounts} amounts stored); it cannot switch to {currency}"
            )));
        }
        sqlx::query(
            "insert into settings (key, value) values ('currency', $1)
             on conflict (key) do update set value = excluded.value",
        )
        .bind(currency.code().to_owned())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The validation context for now: the business currency and the present instant.
    pub async fn context(&self) -> StoreResult<Context> {
        Ok(Context::new(jiff::Timestamp::now(), self.currency().await?))
    }
}

/// How many times beginning a writing transaction is retried after SQLite's busy timeout
/// (10 s each) ran out: a writer is then waiting behind a very long one, such as an import.
const BEGIN_ATTEMPTS: u32 = 5;

/// SQLite asks to try again: the database was busy (`SQLITE_BUSY` and its extended codes,
/// the primary code being the low byte).
fn is_busy(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(e) => e
            .code()
            .and_then(|code| code.parse::<i64>().ok())
            .is_some_and(|code| code & 0xff == 5),
        _ => false,
    }
}

/// Picks the backend from the URL scheme and makes a SQLite URL create its file.
/// The file of a normalised `sqlite://FILE?…` URL; `None` for memory databases and other
/// backends.
fn sqlite_file_of(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite://")?;
    let (file, query) = rest.split_once('?').unwrap_or((rest, ""));
    if file.is_empty() || file.contains(":memory:") || query.contains("mode=memory") {
        return None;
    }
    Some(std::path::PathBuf::from(file))
}

fn normalise_url(url: &str) -> StoreResult<(Backend, String)> {
    let url = url.trim();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok((Backend::Postgres, url.to_owned()));
    }
    if let Some(rest) = url.strip_prefix("sqlite:") {
        let rest = rest.trim_start_matches("//");
        if rest.is_empty() {
            return Err(StoreError::Config(
                "the SQLite URL names no file: use sqlite://FILE".into(),
            ));
        }
        let url = if rest.contains("mode=") || rest.contains(":memory:") {
            format!("sqlite://{rest}")
        } else if rest.contains('?') {
            format!("sqlite://{rest}&mode=rwc")
        } else {
            format!("sqlite://{rest}?mode=rwc")
        };
        return Ok((Backend::Sqlite, url));
    }
    Err(StoreError::Config(format!(
        "unsupported database URL `{}`: use sqlite://FILE or postgres://USER@HOST/DATABASE",
        redact(url)
    )))
}

/// The URL with any password replaced, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme_end + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_create_their_file_and_postgres_urls_pass_through() {
        assert_eq!(
            normalise_url("sqlite://clientele.db").unwrap().1,
            "sqlite://clientele.db?mode=rwc"
        );
        assert_eq!(
            normalise_url("sqlite:x.db").unwrap().1,
            "sqlite://x.db?mode=rwc"
        );
        assert_eq!(
            normalise_url("postgres://u@h/d").unwrap().0,
            Backend::Postgres
        );
        assert!(
            normalise_url("mysql://x")
                .unwrap_err()
                .to_string()
                .contains("unsupported")
        );
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://bob:s3cret@db/crm"),
            "postgres://bob:***@db/crm"
        );
        assert_eq!(redact("postgres://bob@db/crm"), "postgres://bob@db/crm");
    }
}
