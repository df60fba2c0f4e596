use clientele_core::model::*;
use clientele_core::{Currency, FieldErrors};
use clientele_demo::{DemoBase, DemoSpec, generate};
use clientele_store::export::{ExportFormat, ExportKind};
use clientele_store::{AccessScope, BulkBase, Store};
use serde_json::Value;

pub use clientele_store::testing::{TestDatabase, databases};

pub const SYSTEM: AccessScope = AccessScope::System("test");

/// The instant the demo bases of these tests end.
pub const DEMO_END: &str = "2026-11-22T00:00:00Z";

/// A demo base of `customers` ending at [`DEMO_END`], and that instant in milliseconds.
pub fn demo_base(customers: usize, seed: u64) -> (DemoBase, i64) {
    let as_of: jiff::Timestamp = DEMO_END.parse().unwrap();
    let base = generate(&DemoSpec {
        customers,
        seed,
        as_of,
        currency: Currency::USD,
    });
    (base, clientele_core::time::to_millis(as_of))
}

/// A fresh store of `db` with `base` loaded.
pub async fn loaded(db: &TestDatabase, base: &DemoBase) -> Store {
    let store = db.open().await;
    store.bulk_load(BulkBase::from(base)).await.unwrap();
    store
}

/// Exports one kind as CSV: how many rows, and the text.
pub async fn export_csv(store: &Store, kind: &str) -> (u64, String) {
    let mut out: Vec<u8> = Vec::new();
    let rows = store
        .export(
            &SYSTEM,
            ExportKind::parse(kind).unwrap(),
            ExportFormat::Csv,
            &mut out,
        )
        .await
        .unwrap();
    (rows, String::from_utf8(out).unwrap())
}

/// Creates a customer as the system, which must succeed.
pub async fn add_customer(store: &Store, json: Value) -> Customer {
    store
        .create_customer(&SYSTEM, &customer(json), "test")
        .await
        .unwrap()
}

/// Creates an employee, which must succeed.
pub async fn add_employee(store: &Store, json: Value) -> EmployeeRecord {
    store.create_employee(&employee(json)).await.unwrap()
}

pub fn ctx() -> Context {
    Context::new(jiff::Timestamp::now(), Currency::USD)
}

/// Validates a JSON draft, panicking with the field errors if it is invalid.
pub fn valid<D: serde::de::DeserializeOwned, T>(
    json: Value,
    validate: impl FnOnce(D, &Context) -> Result<T, FieldErrors>,
) -> T {
    let draft: D = serde_json::from_value(json).expect("draft deserialises");
    validate(draft, &ctx()).unwrap_or_else(|e| panic!("invalid test record: {e}"))
}

pub fn customer(json: Value) -> Customer {
    valid(json, CustomerDraft::validate)
}

pub fn employee(json: Value) -> Employee {
    valid(json, EmployeeDraft::validate)
}

pub fn order(json: Value) -> Order {
    valid(json, OrderDraft::validate)
}
