//! Read models: what a page shows, read in one place with the caller's scope, and no more
//! than it shows (the customer page reads the latest of each kind of record, not a
//! customer's whole history as the data-subject export does).

use clientele_core::Currency;
use clientele_core::model::{Complaint, Customer, FeedbackRecord, InteractionRecord, Order};
use clientele_store::auth::Need;
use clientele_store::subject::OwnerChangeRecord;
use clientele_store::{
    ComplaintFilter, CustomerFilter, FeedbackFilter, InteractionFilter, ListRequest, OrderFilter,
    StoreError, StoredProfile,
};

use crate::{App, AppResult, Caller};

/// How many of each kind of record the customer page's timeline shows, the latest first.
pub const TIMELINE_PER_KIND: u32 = 50;
/// How many people of an organisation the customer page lists.
pub const ORGANISATION_PEOPLE: u32 = 100;

/// What the customer page shows.
pub struct CustomerPageData {
    pub customer: Customer,
    /// Their types with evidence, when they have been classified.
    pub profile: Option<StoredProfile>,
    /// The latest orders, complaints, feedback and interactions, each the latest first.
    pub orders: Vec<Order>,
    pub complaints: Vec<Complaint>,
    pub feedback: Vec<FeedbackRecord>,
    pub interactions: Vec<InteractionRecord>,
    pub owner_history: Vec<OwnerChangeRecord>,
    /// The people of the organisation (this customer, if one, else theirs) the caller may
    /// see, by name.
    pub organisation_people: Vec<Customer>,
    /// Their open tasks, the soonest due first.
    pub tasks: Vec<clientele_core::model::Task>,
    pub currency: Currency,
}

fn latest(sort: &str, limit: u32) -> ListRequest {
    ListRequest {
        limit: Some(limit),
        cursor: None,
        sort: Some(sort.to_owned()),
    }
}

impl App {
    /// The customer page of one customer the caller may see.
    pub async fn customer_page(
        &self,
        caller: &Caller,
        customer_id: &str,
    ) -> AppResult<CustomerPageData> {
        let scope = self
            .authorise(caller, Need::ReadPersonal, "read a customer")
            .await?;
        let store = &self.store;
        let customer = store.get_customer(&scope, customer_id).await?;
        let profile = match store.customer_profile(&scope, customer_id).await {
            Ok(profile) => Some(profile),
            Err(StoreError::NotFound { .. }) => None,
            Err(e) => return Err(e.into()),
        };
        let id = Some(customer_id.to_owned());
        let orders = store
            .list_orders(
                &scope,
                &OrderFilter {
                    customer_id: id.clone(),
                    ..Default::default()
                },
                &latest("-ordered_at", TIMELINE_PER_KIND),
            )
            .await?
            .items;
        let complaints = store
            .list_complaints(
                &scope,
                &ComplaintFilter {
                    customer_id: id.clone(),
                    ..Default::default()
                },
                &latest("-opened_at", TIMELINE_PER_KIND),
            )
            .await?
            .items;
        let feedback = store
            .list_feedback(
                &scope,
                &FeedbackFilter {
                    customer_id: id.clone(),
                    ..Default::default()
                },
                &latest("-given_at", TIMELINE_PER_KIND),
            )
            .await?
            .items;
        let interactions = store
            .list_interactions(
                &scope,
                &InteractionFilter {
                    customer_id: id.clone(),
                    ..Default::default()
                },
                &latest("-occurred_at", TIMELINE_PER_KIND),
            )
            .await?
            .items;
        let tasks = store
            .list_tasks(
                &scope,
                &clientele_store::TaskFilter {
                    customer_id: id,
                    status: Some("open".to_owned()),
                    ..Default::default()
                },
                &latest("due_on", TIMELINE_PER_KIND),
            )
            .await?
            .items;
        let owner_history = store.owner_history(&scope, customer_id).await?;
        let organisation = if customer.party == clientele_core::Party::Organisation {
            Some(customer.customer_id.clone())
        } else {
            customer.organisation_id.clone()
        };
        let organisation_people = match organisation {
            Some(org) => {
                store
                    .list_customers(
                        &scope,
                        &CustomerFilter {
                            organisation_id: Some(org),
                            ..Default::default()
                        },
                        &latest("name", ORGANISATION_PEOPLE),
                    )
                    .await?
                    .items
            }
            None => Vec::new(),
        };
        Ok(CustomerPageData {
            customer,
            profile,
            orders,
            complaints,
            feedback,
            interactions,
            owner_history,
            organisation_people,
            tasks,
            currency: store.currency().await?,
        })
    }
}
