//! Listing: keyset pagination with opaque cursors, sorting on a fixed set of columns per
//! entity. Keyset rather than offsets so that page 10,000 of a million customers costs what
//! page 1 costs, and so that rows added meanwhile neither repeat nor vanish.

use std::fmt;
use std::str::FromStr;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use clientele_core::time::parse_instant;
use clientele_core::{FieldErrors, Message};
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;

use crate::Store;
use crate::error::{StoreError, StoreResult};
use crate::sql::{RowExt, Sql, Value, ms};

/// The most rows one page may hold.
pub const MAX_LIMIT: u32 = 500;
/// Rows per page when the client does not say.
pub const DEFAULT_LIMIT: u32 = 50;

/// Which page of a list, in what order.
#[derive(Clone, Debug, Default)]
pub struct ListRequest {
    /// Rows per page, 1 to [`MAX_LIMIT`] (default [`DEFAULT_LIMIT`]).
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// A column name, `-` in front for descending (e.g. `-created_at`).
    pub sort: Option<String>,
}

/// One page of a list.
#[derive(Clone, Debug, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass back as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortOrder {
    Ascending,
    Descending,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SortKind {
    Int,
    Text,
}

/// A column a list can be sorted on: its API name, its SQL expression (never null) and
/// the type of its values.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SortColumn {
    pub name: &'static str,
    pub expr: &'static str,
    pub kind: SortKind,
}

impl SortColumn {
    /// A column of whole numbers (instants, amounts), sorted on `expr`.
    pub(crate) const fn int(name: &'static str, expr: &'static str) -> SortColumn {
        SortColumn {
            name,
            expr,
            kind: SortKind::Int,
        }
    }

    /// A column of text, sorted on `expr`.
    pub(crate) const fn text(name: &'static str, expr: &'static str) -> SortColumn {
        SortColumn {
            name,
            expr,
            kind: SortKind::Text,
        }
    }
}

/// The resolved order of one list request.
struct Sorting {
    column: SortColumn,
    order: SortOrder,
    /// The unique key that breaks ties, e.g. `c.customer_key`.
    key: String,
}

#[derive(Serialize, Deserialize)]
struct Cursor {
    s: String,
    d: bool,
    v: CursorValue,
    k: i64,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum CursorValue {
    Int(i64),
    Text(String),
}

impl Sorting {
    /// Resolves `request.sort` against the columns this list allows.
    pub(crate) fn parse(
        request: &ListRequest,
        columns: &[SortColumn],
        default: &str,
        key: &str,
    ) -> StoreResult<Sorting> {
        let spec = request
            .sort
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(default);
        let (order, name) = match spec.strip_prefix('-') {
            Some(name) => (SortOrder::Descending, name),
            None => (SortOrder::Ascending, spec.strip_prefix('+').unwrap_or(spec)),
        };
        let column = columns
            .iter()
            .find(|c| c.name == name)
            .copied()
            .ok_or_else(|| {
                let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
                StoreError::invalid(
                    "sort",
                    clientele_core::Message::new("cannot-sort")
                        .text("value", name)
                        .text("choices", names.join(", ")),
                )
            })?;
        Ok(Sorting {
            column,
            order,
            key: key.to_owned(),
        })
    }

    /// The select-list fragment that carries each row's position for the next cursor.
    pub(crate) fn select_columns(&self) -> String {
        format!(
            "{} as sort_value, {} as sort_key",
            self.column.expr, self.key
        )
    }

    /// Appends the cursor condition (` and (…) > (…)`), the order and the limit.
    pub(crate) fn finish(&self, sql: &mut Sql, request: &ListRequest) -> StoreResult<u32> {
        let limit = limit(request)?;
        if let Some(cursor) = request.cursor.as_deref().filter(|c| !c.is_empty()) {
            let cursor = self.decode(cursor)?;
            let op = match self.order {
                SortOrder::Ascending => ">",
                SortOrder::Descending => "<",
            };
            let value: Value = match cursor.v {
                CursorValue::Int(v) => v.into(),
                CursorValue::Text(v) => v.into(),
            };
            sql.push(&format!(" and ({}, {}) {op} (", self.column.expr, self.key))
                .bind(value)
                .push(", ")
                .bind(cursor.k)
                .push(")");
        }
        let dir = match self.order {
            SortOrder::Ascending => "asc",
            SortOrder::Descending => "desc",
        };
        sql.push(&format!(
            " order by {} {dir}, {} {dir} limit ",
            self.column.expr, self.key
        ))
        .bind(i64::from(limit) + 1);
        Ok(limit)
    }

    /// Cuts the extra row fetched to learn whether there is a next page, and makes the cursor.
    pub(crate) fn page<T>(
        &self,
        rows: Vec<AnyRow>,
        limit: u32,
        mut convert: impl FnMut(&AnyRow) -> StoreResult<T>,
    ) -> StoreResult<Page<T>> {
        let limit = limit as usize;
        let next_cursor = if rows.len() > limit {
            let last = &rows[limit - 1];
            let v = match self.column.kind {
                SortKind::Int => CursorValue::Int(last.int("sort_value")?),
                SortKind::Text => CursorValue::Text(last.text("sort_value")?),
            };
            let cursor = Cursor {
                s: self.column.name.to_owned(),
                d: self.order == SortOrder::Descending,
                v,
                k: last.int("sort_key")?,
            };
            let json =
                serde_json::to_vec(&cursor).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            Some(URL_SAFE_NO_PAD.encode(json))
        } else {
            None
        };
        let items = rows
            .iter()
            .take(limit)
            .map(&mut convert)
            .collect::<StoreResult<Vec<T>>>()?;
        Ok(Page { items, next_cursor })
    }

    fn decode(&self, text: &str) -> StoreResult<Cursor> {
        let bad = || StoreError::invalid("cursor", clientele_core::Message::new("bad-cursor"));
        let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| bad())?;
        let cursor: Cursor = serde_json::from_slice(&bytes).map_err(|_| bad())?;
        let kind_matches = matches!(
            (&cursor.v, self.column.kind),
            (CursorValue::Int(_), SortKind::Int) | (CursorValue::Text(_), SortKind::Text)
        );
        if cursor.s != self.column.name
            || cursor.d != (self.order == SortOrder::Descending)
            || !kind_matches
        {
            return Err(StoreError::invalid(
                "cursor",
                clientele_core::Message::new("cursor-other-order"),
            ));
        }
        Ok(cursor)
    }
}

/// Walks every page of a list, as large as pages go, in its default order, handing each
/// page's items to `each` (which may fail with its own error, a write's for instance).
pub async fn every_page<T, E, F>(
    mut list: impl FnMut(ListRequest) -> F,
    mut each: impl FnMut(Vec<T>) -> Result<(), E>,
) -> Result<(), E>
where
    E: From<StoreError>,
    F: Future<Output = StoreResult<Page<T>>>,
{
    let mut cursor = None;
    loop {
        let page = list(ListRequest {
            limit: Some(MAX_LIMIT),
            cursor,
            sort: None,
        })
        .await?;
        each(page.items)?;
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(()),
        }
    }
}

/// One list query under construction: its order resolved, the select list carrying each
/// row's position for the cursor, and the errors of the filter values checked so far (all
/// reported together, each by its parameter name).
pub(crate) struct Listing<'r> {
    request: &'r ListRequest,
    sorting: Sorting,
    /// `select … from … where 1 = 1`, to which each filter appends ` and …`.
    pub(crate) sql: Sql,
    pub(crate) errors: FieldErrors,
}

impl<'r> Listing<'r> {
    /// A list of `select` (without the cursor's columns) `from` (the `from` clause), sorted
    /// as `request` asks among `columns` (`default` when it does not), ties broken by `key`.
    pub(crate) fn new(
        request: &'r ListRequest,
        columns: &[SortColumn],
        default: &str,
        key: &str,
        select: &str,
        from: &str,
    ) -> StoreResult<Listing<'r>> {
        let sorting = Sorting::parse(request, columns, default, key)?;
        let mut sql = Sql::new(select);
        sql.push(", ")
            .push(&sorting.select_columns())
            .push(from)
            .push(" where 1 = 1");
        Ok(Listing {
            request,
            sorting,
            sql,
            errors: FieldErrors::new(),
        })
    }

    /// Keeps the rows whose `expr` is the value, trimmed; a blank value keeps all.
    pub(crate) fn equals(&mut self, expr: &str, value: Option<&str>) {
        if let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) {
            self.sql.push(&format!(" and {expr} = ")).bind(value);
        }
    }

    /// Keeps the rows whose `expr` is the value, a name of the vocabulary `T` (stored as its
    /// name); a blank value keeps all, and one that is not a name is an error of `field`.
    pub(crate) fn choice<T: FromStr<Err = Message> + fmt::Display>(
        &mut self,
        expr: &str,
        field: &str,
        value: Option<&str>,
    ) {
        if let Some(name) = self.parse(field, value, T::from_str) {
            self.sql
                .push(&format!(" and {expr} = "))
                .bind(name.to_string());
        }
    }

    /// Keeps the rows whose `expr` is null (`Some(true)`) or is not (`Some(false)`).
    pub(crate) fn null(&mut self, expr: &str, null: Option<bool>) {
        match null {
            Some(true) => self.sql.push(&format!(" and {expr} is null")),
            Some(false) => self.sql.push(&format!(" and {expr} is not null")),
            None => return,
        };
    }

    /// The value parsed, or `None` when it is blank; one that does not parse is an error
    /// of `field`.
    fn parse<T, E: Into<Message>>(
        &mut self,
        field: &str,
        value: Option<&str>,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<T> {
        let value = value.filter(|v| !v.trim().is_empty())?;
        self.errors.check(field, parse(value))
    }

    /// Keeps the rows whose instant `expr` is at or after `from` and before `to`, each
    /// given as (field, value); blank values do not narrow.
    pub(crate) fn between(
        &mut self,
        expr: &str,
        (from_field, from): (&str, Option<&str>),
        (to_field, to): (&str, Option<&str>),
    ) {
        if let Some(at) = self.parse(from_field, from, parse_instant) {
            self.sql.push(&format!(" and {expr} >= ")).bind(ms(at));
        }
        if let Some(at) = self.parse(to_field, to, parse_instant) {
            self.sql.push(&format!(" and {expr} < ")).bind(ms(at));
        }
    }

    /// Reads the page's rows (and the one after, to know whether there is a next page), or
    /// refuses the filter values that were wrong.
    pub(crate) async fn fetch(mut self, store: &Store) -> StoreResult<Fetched> {
        if !self.errors.is_empty() {
            return Err(StoreError::Invalid(self.errors));
        }
        let limit = self.sorting.finish(&mut self.sql, self.request)?;
        let rows = self
            .sql
            .query(store.backend())
            .fetch_all(store.pool())
            .await?;
        Ok(Fetched {
            sorting: self.sorting,
            rows,
            limit,
        })
    }

    /// The page, each row made an item by `convert`.
    pub(crate) async fn page<T>(
        self,
        store: &Store,
        convert: impl FnMut(&AnyRow) -> StoreResult<T>,
    ) -> StoreResult<Page<T>> {
        self.fetch(store).await?.page(convert)
    }
}

/// The rows a [`Listing`] read, not yet made a page.
pub(crate) struct Fetched {
    sorting: Sorting,
    rows: Vec<AnyRow>,
    limit: u32,
}

impl Fetched {
    /// The rows the page will hold (without the one that tells of a next page).
    pub(crate) fn on_page(&self) -> impl Iterator<Item = &AnyRow> {
        self.rows.iter().take(self.limit as usize)
    }

    pub(crate) fn page<T>(
        self,
        convert: impl FnMut(&AnyRow) -> StoreResult<T>,
    ) -> StoreResult<Page<T>> {
        self.sorting.page(self.rows, self.limit, convert)
    }
}

fn limit(request: &ListRequest) -> StoreResult<u32> {
    match request.limit {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(n) => Err(StoreError::invalid(
            "limit",
            clientele_core::Message::new("outside-range")
                .int("value", i64::from(n))
                .int("min", 1)
                .int("max", i64::from(MAX_LIMIT)),
        )),
    }
}
