//! A small builder for portable SQL: fixed fragments from our own code, every value bound as
//! a `$n` parameter (which both SQLite and PostgreSQL accept through `sqlx::Any`).

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AssertSqlSafe, Row};

use jiff::Timestamp;

use crate::Backend;
use crate::error::{StoreError, StoreResult};

/// A value to bind.
#[derive(Clone, Debug)]
pub(crate) enum Value {
    Int(Option<i64>),
    Text(Option<String>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(Some(v))
    }
}
impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::Int(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(Some(v.to_owned()))
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(Some(v))
    }
}
impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        Value::Text(v)
    }
}
impl From<Option<&str>> for Value {
    fn from(v: Option<&str>) -> Self {
        Value::Text(v.map(str::to_owned))
    }
}

/// SQL text under construction with its parameters. Placeholders are numbered (`$n`) for
/// PostgreSQL and anonymous (`?`) for SQLite: SQLite looks a named parameter up by a linear
/// scan, which makes statements with thousands of `$n` quadratic to bind.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sql {
    text: String,
    sqlite_text: String,
    values: Vec<Value>,
}

/// Which backend a connection talks to.
pub(crate) trait BackendOf {
    fn backend(&self) -> Backend;
}

impl BackendOf for sqlx::AnyConnection {
    fn backend(&self) -> Backend {
        if self.backend_name() == "SQLite" {
            Backend::Sqlite
        } else {
            Backend::Postgres
        }
    }
}

impl Sql {
    pub(crate) fn new(text: &str) -> Sql {
        Sql {
            text: text.to_owned(),
            sqlite_text: text.to_owned(),
            values: Vec::new(),
        }
    }

    /// Appends SQL text written in this crate (never user input).
    pub(crate) fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self.sqlite_text.push_str(text);
        self
    }

    /// Appends a `$n` placeholder bound to `value`.
    pub(crate) fn bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.values.push(value.into());
        self.text.push('$');
        self.text.push_str(&self.values.len().to_string());
        self.sqlite_text.push('?');
        self
    }

    /// Appends `$a, $b, …` for several values.
    pub(crate) fn bind_list<V: Into<Value>>(
        &mut self,
        values: impl IntoIterator<Item = V>,
    ) -> &mut Self {
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.bind(v);
        }
        self
    }

    /// Appends `a = $1, b = $2, …`: each of the comma-separated `columns` set to its value.
    pub(crate) fn set<V: Into<Value>>(
        &mut self,
        columns: &str,
        values: impl IntoIterator<Item = V>,
    ) -> &mut Self {
        for (i, (column, value)) in columns.split(", ").zip(values).enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.push(&format!("{column} = ")).bind(value);
        }
        self
    }

    pub(crate) fn query(&self, backend: Backend) -> Query<'_, Any, AnyArguments> {
        let text = match backend {
            Backend::Sqlite => self.sqlite_text.clone(),
            Backend::Postgres => self.text.clone(),
        };
        // Safe: the text is made of this crate's fragments; every value is a bound parameter.
        let query = sqlx::query(AssertSqlSafe(text));
        self.values.iter().fold(query, bind_value)
    }
}

/// Binds one value to the next parameter of `query`.
pub(crate) fn bind_value<'q>(
    query: Query<'q, Any, AnyArguments>,
    value: &Value,
) -> Query<'q, Any, AnyArguments> {
    match value {
        Value::Int(v) => query.bind(*v),
        Value::Text(v) => query.bind(v.clone()),
    }
}

/// Typed reads from a result row, with the column named in any error.
pub(crate) trait RowExt {
    fn text(&self, column: &str) -> StoreResult<String>;
    fn opt_text(&self, column: &str) -> StoreResult<Option<String>>;
    fn int(&self, column: &str) -> StoreResult<i64>;
    fn opt_int(&self, column: &str) -> StoreResult<Option<i64>>;
    fn instant(&self, column: &str) -> StoreResult<Timestamp> {
        let ms = self.int(column)?;
        clientele_core::time::from_millis(ms)
            .ok_or_else(|| StoreError::Corrupt(format!("{column} = {ms} is not an instant")))
    }
    fn opt_instant(&self, column: &str) -> StoreResult<Option<Timestamp>> {
        match self.opt_int(column)? {
            Some(ms) => Ok(Some(clientele_core::time::from_millis(ms).ok_or_else(
                || StoreError::Corrupt(format!("{column} = {ms} is not an instant")),
            )?)),
            None => Ok(None),
        }
    }
    /// A stored enumeration name, parsed.
    fn choice<T>(
        &self,
        column: &str,
        parse: fn(&str) -> Result<T, clientele_core::Message>,
    ) -> StoreResult<T> {
        let text = self.text(column)?;
        parse(&text).map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
    }
    fn opt_choice<T>(
        &self,
        column: &str,
        parse: fn(&str) -> Result<T, clientele_core::Message>,
    ) -> StoreResult<Option<T>> {
        match self.opt_text(column)? {
            Some(text) => {
                Ok(Some(parse(&text).map_err(|e| {
                    StoreError::Corrupt(format!("{column}: {e}"))
                })?))
            }
            None => Ok(None),
        }
    }
}

impl RowExt for AnyRow {
    fn text(&self, column: &str) -> StoreResult<String> {
        Ok(self.try_get::<String, _>(column)?)
    }
    fn opt_text(&self, column: &str) -> StoreResult<Option<String>> {
        Ok(self.try_get::<Option<String>, _>(column)?)
    }
    fn int(&self, column: &str) -> StoreResult<i64> {
        Ok(self.try_get::<i64, _>(column)?)
    }
    fn opt_int(&self, column: &str) -> StoreResult<Option<i64>> {
        Ok(self.try_get::<Option<i64>, _>(column)?)
    }
}

/// Milliseconds for storage.
pub(crate) fn ms(at: Timestamp) -> i64 {
    clientele_core::time::to_millis(at)
}

/// Escapes `%`, `_` and `\` so that user text matches literally inside `like … escape '\'`.
pub(crate) fn like_pattern(text: &str) -> String {
    format!("%{}%", like_escape(text))
}

/// `text` with LIKE's wildcards escaped (for `escape '\\'`).
pub(crate) fn like_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

impl Sql {
    /// A read of `select` (its customer aliased `c`) narrowed to the row whose `column` is
    /// `id`, if the scope may see its customer.
    pub(crate) fn visible(
        select: &str,
        column: &str,
        id: impl Into<Value>,
        scope: &crate::AccessScope,
    ) -> Sql {
        let mut sql = Sql::new(select);
        sql.push(&format!(" where {column} = ")).bind(id);
        scope.restrict(&mut sql, "c");
        sql
    }
}

/// The `key` column of the one row `sql` reads in `tx`, or that the `entity` named `id` is
/// not there (or not for the caller to see).
pub(crate) async fn found_key(
    tx: &mut sqlx::Transaction<'_, Any>,
    sql: &Sql,
    key: &str,
    entity: &'static str,
    id: impl ToString,
) -> StoreResult<i64> {
    match sql.query(tx.backend()).fetch_optional(&mut **tx).await? {
        Some(row) => row.int(key),
        None => Err(StoreError::not_found(entity, id)),
    }
}

impl crate::Store {
    /// The one row `sql` reads, or that the `entity` named `id` is not there (or not for the
    /// caller to see).
    pub(crate) async fn found(
        &self,
        sql: &Sql,
        entity: &'static str,
        id: impl ToString,
    ) -> StoreResult<AnyRow> {
        sql.query(self.backend())
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| StoreError::not_found(entity, id))
    }
}
