//! What is recorded about a customer besides the customer record: orders, costs to serve,
//! interactions, complaints and feedback. Each kind is a [`Record`], and one generic path
//! creates, reads, changes and deletes any of them: authorise (the caller's scope), validate
//! the draft, write, and re-evaluate the customers whose history changed (both of them when
//! a change moves a record to another customer). The HTTP edge audits these changes for
//! every endpoint alike (`audit_changes`).

use std::future::Future;

use clientele_core::FieldErrors;
use clientele_core::model::{
    COMPLAINT_READ_ONLY, COST_TO_SERVE_READ_ONLY, Complaint, ComplaintDraft, Context, CostToServe,
    CostToServeDraft, CostToServeRecord, FEEDBACK_READ_ONLY, Feedback, FeedbackDraft,
    FeedbackRecord, INTERACTION_READ_ONLY, Interaction, InteractionDraft, InteractionRecord,
    ORDER_READ_ONLY, Order, OrderDraft,
};
use clientele_store::auth::Need;
use clientele_store::{
    AccessScope, ComplaintFilter, CostFilter, FeedbackFilter, InteractionFilter, ListRequest,
    OrderFilter, Page, Store, StoreResult,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{App, AppError, AppResult, Caller};

/// How a record kind is named in paths: a number the store made, or the business's own id.
pub trait Key: Send + Sync + Clone + std::fmt::Display + 'static {
    /// What the store's methods take.
    type Arg<'a>;
    fn arg(&self) -> Self::Arg<'_>;
    /// The key of a path segment; one that cannot be a key names nothing.
    fn parse(entity: &str, text: &str) -> AppResult<Self>;
}

impl Key for i64 {
    type Arg<'a> = i64;
    fn arg(&self) -> i64 {
        *self
    }
    fn parse(entity: &str, text: &str) -> AppResult<i64> {
        text.parse::<i64>()
            .map_err(|_| AppError::NotFound(format!("{entity} `{text}` was not found")))
    }
}

impl Key for String {
    type Arg<'a> = &'a str;
    fn arg(&self) -> &str {
        self
    }
    fn parse(_entity: &str, text: &str) -> AppResult<String> {
        Ok(text.to_owned())
    }
}

/// One kind of record kept about a customer.
pub trait Record: Send + Sync + 'static {
    /// The singular word of audit and refusal messages: `cost`, `order`.
    const NOUN: &'static str;
    /// The plural, for lists: `costs`, `feedback`.
    const PLURAL: &'static str;
    /// What a missing one is called: `cost entry`.
    const ENTITY: &'static str;
    /// Fields a change may not name.
    const READ_ONLY: &'static [&'static str];
    type Draft: DeserializeOwned + Send;
    type Valid: Send + Sync;
    type Stored: Serialize + Send + Sync;
    type Key: Key;
    type Filter: Send + Sync;

    /// Gives a draft without a business id one, where the kind has business ids.
    fn fill_id(_draft: &mut Self::Draft) {}
    fn validate(draft: Self::Draft, ctx: &Context) -> Result<Self::Valid, FieldErrors>;
    /// The customer whose history the record is part of.
    fn customer_id(stored: &Self::Stored) -> &str;
    /// The record's key as its address says it.
    fn key_of(stored: &Self::Stored) -> String;

    fn create(
        store: &Store,
        scope: &AccessScope,
        valid: &Self::Valid,
    ) -> impl Future<Output = StoreResult<Self::Stored>> + Send;
    fn get(
        store: &Store,
        scope: &AccessScope,
        key: &Self::Key,
    ) -> impl Future<Output = StoreResult<Self::Stored>> + Send;
    fn update(
        store: &Store,
        scope: &AccessScope,
        key: &Self::Key,
        valid: &Self::Valid,
    ) -> impl Future<Output = StoreResult<Self::Stored>> + Send;
    fn delete(
        store: &Store,
        scope: &AccessScope,
        key: &Self::Key,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    fn list(
        store: &Store,
        scope: &AccessScope,
        filter: &Self::Filter,
        request: &ListRequest,
    ) -> impl Future<Output = StoreResult<Page<Self::Stored>>> + Send;
}

/// Implements [`Record`] for a kind from its types and the store's five methods.
macro_rules! record_kind {
    (
        $kind:ident { noun: $noun:literal, plural: $plural:literal, entity: $entity:literal,
        read_only: $read_only:expr, draft: $draft:ty, valid: $valid:ty, stored: $stored:ty,
        key: $key:ty, filter: $filter:ty,
        create: $create:ident, get: $get:ident, update: $update:ident, delete: $delete:ident,
        list: $list:ident,
        customer_id: |$c:ident| $customer_id:expr, key_of: |$k:ident| $key_of:expr
        $(, fill_id: |$d:ident| $fill_id:expr)? $(,)? }
    ) => {
        pub struct $kind;

        impl Record for $kind {
            const NOUN: &'static str = $noun;
            const PLURAL: &'static str = $plural;
            const ENTITY: &'static str = $entity;
            const READ_ONLY: &'static [&'static str] = $read_only;
            type Draft = $draft;
            type Valid = $valid;
            type Stored = $stored;
            type Key = $key;
            type Filter = $filter;

            $(fn fill_id($d: &mut Self::Draft) { $fill_id })?

            fn validate(draft: $draft, ctx: &Context) -> Result<$valid, FieldErrors> {
                draft.validate(ctx)
            }
            fn customer_id($c: &$stored) -> &str {
                $customer_id
            }
            fn key_of($k: &$stored) -> String {
                $key_of
            }
            fn create(
                store: &Store,
                scope: &AccessScope,
                valid: &$valid,
            ) -> impl Future<Output = StoreResult<$stored>> + Send {
                store.$create(scope, valid)
            }
            fn get(
                store: &Store,
                scope: &AccessScope,
                key: &$key,
            ) -> impl Future<Output = StoreResult<$stored>> + Send {
                store.$get(scope, key.arg())
            }
            fn update(
                store: &Store,
                scope: &AccessScope,
                key: &$key,
                valid: &$valid,
            ) -> impl Future<Output = StoreResult<$stored>> + Send {
                store.$update(scope, key.arg(), valid)
            }
            fn delete(
                store: &Store,
                scope: &AccessScope,
                key: &$key,
            ) -> impl Future<Output = StoreResult<()>> + Send {
                store.$delete(scope, key.arg())
            }
            fn list(
                store: &Store,
                scope: &AccessScope,
                filter: &$filter,
                request: &ListRequest,
            ) -> impl Future<Output = StoreResult<Page<$stored>>> + Send {
                store.$list(scope, filter, request)
            }
        }
    };
}

/// A business id given blank is as if not given: one is made.
fn fill(id: &mut Option<String>, prefix: &str) {
    if id.as_deref().is_none_or(|id| id.trim().is_empty()) {
        *id = Some(App::new_id(prefix));
    }
}

record_kind!(OrderRecord {
    noun: "order",
    plural: "orders",
    entity: "order",
    read_only: ORDER_READ_ONLY,
    draft: OrderDraft,
    valid: Order,
    stored: Order,
    key: String,
    filter: OrderFilter,
    create: create_order,
    get: get_order,
    update: update_order,
    delete: delete_order,
    list: list_orders,
    customer_id: |s| &s.customer_id,
    key_of: |s| s.order_id.clone(),
    fill_id: |d| fill(&mut d.order_id, "ORD"),
});

record_kind!(CostRecord {
    noun: "cost",
    plural: "costs",
    entity: "cost entry",
    read_only: COST_TO_SERVE_READ_ONLY,
    draft: CostToServeDraft,
    valid: CostToServe,
    stored: CostToServeRecord,
    key: i64,
    filter: CostFilter,
    create: create_cost,
    get: get_cost,
    update: update_cost,
    delete: delete_cost,
    list: list_costs,
    customer_id: |s| &s.entry.customer_id,
    key_of: |s| s.cost_id.to_string(),
});

record_kind!(InteractionRecordKind {
    noun: "interaction",
    plural: "interactions",
    entity: "interaction",
    read_only: INTERACTION_READ_ONLY,
    draft: InteractionDraft,
    valid: Interaction,
    stored: InteractionRecord,
    key: i64,
    filter: InteractionFilter,
    create: create_interaction,
    get: get_interaction,
    update: update_interaction,
    delete: delete_interaction,
    list: list_interactions,
    customer_id: |s| &s.interaction.customer_id,
    key_of: |s| s.interaction_id.to_string(),
});

record_kind!(ComplaintRecord {
    noun: "complaint",
    plural: "complaints",
    entity: "complaint",
    read_only: COMPLAINT_READ_ONLY,
    draft: ComplaintDraft,
    valid: Complaint,
    stored: Complaint,
    key: String,
    filter: ComplaintFilter,
    create: create_complaint,
    get: get_complaint,
    update: update_complaint,
    delete: delete_complaint,
    list: list_complaints,
    customer_id: |s| &s.customer_id,
    key_of: |s| s.complaint_id.clone(),
    fill_id: |d| fill(&mut d.complaint_id, "CMP"),
});

record_kind!(FeedbackRecordKind {
    noun: "feedback",
    plural: "feedback",
    entity: "feedback",
    read_only: FEEDBACK_READ_ONLY,
    draft: FeedbackDraft,
    valid: Feedback,
    stored: FeedbackRecord,
    key: i64,
    filter: FeedbackFilter,
    create: create_feedback,
    get: get_feedback,
    update: update_feedback,
    delete: delete_feedback,
    list: list_feedback,
    customer_id: |s| &s.feedback.customer_id,
    key_of: |s| s.feedback_id.to_string(),
});

impl App {
    /// One page of records of a kind, within the caller's scope.
    pub async fn list_records<R: Record>(
        &self,
        caller: &Caller,
        filter: &R::Filter,
        request: &ListRequest,
    ) -> AppResult<Page<R::Stored>> {
        let scope = self
            .authorise(caller, Need::ReadPersonal, &format!("list {}", R::PLURAL))
            .await?;
        Ok(R::list(&self.store, &scope, filter, request).await?)
    }

    /// One record, by the key its address names.
    pub async fn get_record<R: Record>(&self, caller: &Caller, key: &str) -> AppResult<R::Stored> {
        let scope = self
            .authorise(caller, Need::ReadPersonal, &format!("get {}", R::NOUN))
            .await?;
        let key = R::Key::parse(R::ENTITY, key)?;
        Ok(R::get(&self.store, &scope, &key).await?)
    }

    /// Records something new about a customer, who is re-evaluated at once.
    pub async fn create_record<R: Record>(
        &self,
        caller: &Caller,
        mut draft: R::Draft,
    ) -> AppResult<R::Stored> {
        let scope = self
            .authorise(caller, Need::WritePersonal, &format!("create {}", R::NOUN))
            .await?;
        R::fill_id(&mut draft);
        let valid = R::validate(draft, &self.context().await?)?;
        let stored = R::create(&self.store, &scope, &valid).await?;
        self.record(
            &self
                .entry(caller, "create")
                .on(R::NOUN, R::key_of(&stored))
                .with(serde_json::json!({ "customer": R::customer_id(&stored) })),
        )
        .await;
        self.reevaluate(&[R::customer_id(&stored)]).await;
        Ok(stored)
    }

    /// Changes a record with a merge patch. The customer it belonged to and the one it
    /// belongs to now are both re-evaluated: each one's history changed.
    pub async fn update_record<R: Record>(
        &self,
        caller: &Caller,
        key: &str,
        patch: serde_json::Value,
    ) -> AppResult<R::Stored> {
        let scope = self
            .authorise(caller, Need::WritePersonal, &format!("update {}", R::NOUN))
            .await?;
        let key = R::Key::parse(R::ENTITY, key)?;
        let current = R::get(&self.store, &scope, &key).await?;
        let draft: R::Draft = crate::patch::patched(&current, R::READ_ONLY, patch)?;
        let valid = R::validate(draft, &self.context().await?)?;
        let stored = R::update(&self.store, &scope, &key, &valid).await?;
        // What really changed, not what the request named.
        self.record(
            &self
                .entry(caller, "update")
                .on(R::NOUN, R::key_of(&stored))
                .with(serde_json::json!({
                    "fields": crate::patch::changed_fields(&current, &stored),
                })),
        )
        .await;
        self.reevaluate(&[R::customer_id(&current), R::customer_id(&stored)])
            .await;
        Ok(stored)
    }

    /// Deletes a record; its customer is re-evaluated without it.
    pub async fn delete_record<R: Record>(&self, caller: &Caller, key: &str) -> AppResult<()> {
        let scope = self
            .authorise(caller, Need::WritePersonal, &format!("delete {}", R::NOUN))
            .await?;
        let key = R::Key::parse(R::ENTITY, key)?;
        let current = R::get(&self.store, &scope, &key).await?;
        R::delete(&self.store, &scope, &key).await?;
        self.record(
            &self
                .entry(caller, "delete")
                .on(R::NOUN, R::key_of(&current))
                .with(serde_json::json!({ "customer": R::customer_id(&current) })),
        )
        .await;
        self.reevaluate(&[R::customer_id(&current)]).await;
        Ok(())
    }
}
