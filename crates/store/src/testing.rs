//! Fresh databases for tests: a SQLite file always, and a PostgreSQL database of its own when
//! `CLIENTELE_TEST_POSTGRES_URL` names a server (each test gets a new database there, dropped
//! afterwards). Without that variable the run says loudly that PostgreSQL was skipped.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Once;

use sqlx::{AnyConnection, Connection, Executor};

use crate::{Backend, Store};

/// The variable that names the PostgreSQL server tests may create databases on.
pub const POSTGRES_URL_VARIABLE: &str = "CLIENTELE_TEST_POSTGRES_URL";

/// One fresh, empty database, removed when dropped.
#[derive(Debug)]
pub struct TestDatabase {
    pub backend: Backend,
    pub url: String,
    sqlite_file: Option<PathBuf>,
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    /// Opens the database, applying the migrations.
    pub async fn open(&self) -> Store {
        Store::open(&self.url).await.expect("test database opens")
    }
}

/// A fresh database on every backend this run can reach: SQLite always, PostgreSQL when
/// [`POSTGRES_URL_VARIABLE`] is set.
pub async fn databases() -> Vec<TestDatabase> {
    let mut all = vec![sqlite()];
    match std::env::var(POSTGRES_URL_VARIABLE) {
        Ok(admin_url) if !admin_url.trim().is_empty() => all.push(postgres(admin_url.trim()).await),
        _ => announce_postgres_skipped(),
    }
    all
}

/// A fresh SQLite file in the temporary directory.
pub fn sqlite() -> TestDatabase {
    let path = std::env::temp_dir().join(format!(
        "clientele-test-{}.db",
        uuid::Uuid::new_v4().simple()
    ));
    TestDatabase {
        backend: Backend::Sqlite,
        url: format!("sqlite://{}", path.display()),
        sqlite_file: Some(path),
        postgres: None,
    }
}

/// A fresh database on the PostgreSQL server at `admin_url`.
pub async fn postgres(admin_url: &str) -> TestDatabase {
    sqlx::any::install_default_drivers();
    let name = format!("clientele_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = AnyConnection::connect(admin_url).await.unwrap_or_else(|e| {
        panic!("{POSTGRES_URL_VARIABLE} is set but the server does not answer: {e}")
    });
    admin
        .execute(sqlx::AssertSqlSafe(format!("create database {name}")))
        .await
        .expect("create a test database");
    admin.close().await.ok();
    let url = match admin_url.rfind('/') {
        Some(slash) if slash > "postgres://".len() => {
            let query = admin_url[slash..]
                .find('?')
                .map(|q| &admin_url[slash + q..])
                .unwrap_or("");
            format!("{}/{name}{query}", &admin_url[..slash])
        }
        _ => format!("{admin_url}/{name}"),
    };
    TestDatabase {
        backend: Backend::Postgres,
        url,
        sqlite_file: None,
        postgres: Some((admin_url.to_owned(), name)),
    }
}

/// Says once per test binary, past the test harness's output capture, that the PostgreSQL half
/// of the suite did not run.
pub fn announce_postgres_skipped() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = std::io::stderr().write_all(
            format!(
                "\n*** PostgreSQL SKIPPED: {POSTGRES_URL_VARIABLE} is not set, so every store and API test ran on SQLite only. ***\n\
                 *** Set it (e.g. postgres://root@127.0.0.1:5432/test) to run them on PostgreSQL too; .ci/run does.            ***\n\n"
            )
            .as_bytes(),
        );
    });
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(path) = &self.sqlite_file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        if let Some((admin_url, name)) = self.postgres.take() {
            // Drop runs outside any runtime we may block, so a thread of its own does the work.
            let _ = std::thread::spawn(move || {
                let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                runtime.block_on(async move {
                    if let Ok(mut admin) = AnyConnection::connect(&admin_url).await {
                        let _ = admin
                            .execute(sqlx::AssertSqlSafe(format!(
                                "drop database if exists {name} with (force)"
                            )))
                            .await;
                        let _ = admin.close().await;
                    }
                });
            })
            .join();
        }
    }
}

impl Store {
    /// Tries to change and to remove an audit entry behind the application's back, as a
    /// test of the database's own refusal. Returns what the database said.
    pub async fn tamper_with_audit_log_for_tests(&self) -> crate::StoreResult<()> {
        sqlx::query("update audit_log set actor = 'someone else'")
            .execute(self.pool())
            .await?;
        sqlx::query("delete from audit_log")
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Whether any text column that can hold what is said about a customer contains `needle`:
    /// customers, their tags, complaints, feedback, interactions, orders, and the audit log.
    pub async fn any_text_contains_for_tests(&self, needle: &str) -> crate::StoreResult<bool> {
        let pattern = format!("%{needle}%");
        let checks = [
            "select count(*) from customers where name like $1 or email like $1 or phone like $1 or customer_id like $1 or search_text like $1",
            "select count(*) from customer_tags where tag like $1",
            "select count(*) from complaints where subject like $1 or complaint_id like $1",
            "select count(*) from feedback where comment like $1",
            "select count(*) from interactions where summary like $1",
            "select count(*) from orders where order_id like $1",
            "select count(*) from audit_log where details like $1 or record_id like $1",
        ];
        for check in checks {
            let count: i64 = sqlx::query_scalar(check)
                .bind(pattern.clone())
                .fetch_one(self.pool())
                .await?;
            if count > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }
}
