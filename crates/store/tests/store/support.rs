use clientele_core::model::*;
use clientele_core::{Currency, FieldErrors};
use serde_json::Value;

pub use clientele_store::testing::databases;

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
