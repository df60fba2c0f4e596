//! Listing: keyset pagination with opaque cursors, sorting on a fixed set of columns per
//! entity. Keyset rather than offsets so that page 10,000 of a million customers costs what
//! page 1 costs, and so that rows added meanwhile neither repeat nor vanish.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;

use crate::error::{StoreError, StoreResult};
use crate::sql::{RowExt, Sql, Value};

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
pub(crate) struct Sorting {
    column: SortColumn,
    order: SortOrder,
    /// The unique key that breaks ties, e.g. `c.customer_key`.
    key: &'static str,
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
        key: &'static str,
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
        Ok(Sorting { column, order, key })
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
