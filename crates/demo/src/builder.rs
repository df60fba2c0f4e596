//! The builder that collects a base unit by unit: customers in generation order, their
//! activity by generation index, numbered only once everything is there.

use clientele_core::model::Customer;

use crate::DemoSpec;
use crate::activity::{RawComplaint, RawFeedback, RawInteraction};
use crate::catalogue::Language;
use crate::clock::{Clock, DAY, seconds, stamp};
use crate::employees::{LEAVER, LEFT_DAYS_AGO, STAFF};
use crate::orders::{MAX_ORDERS, RawCost, RawOrder};
use crate::prices::Prices;
use crate::rng::Rng;

/// How a customer tends to feel, which steers their complaints and feedback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lean {
    Promoter,
    Passive,
    Detractor,
}

impl Lean {
    pub(crate) fn draw(rng: &mut Rng, promoter: u32, passive: u32, detractor: u32) -> Lean {
        [Lean::Promoter, Lean::Passive, Lean::Detractor]
            [rng.weighted(&[promoter, passive, detractor])]
    }
}

/// Everything the activity generators need to know about one customer.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Who {
    pub(crate) index: u32,
    pub(crate) language: Language,
    pub(crate) owner: Option<usize>,
    pub(crate) lean: Lean,
}

pub(crate) struct Builder {
    pub(crate) clock: Clock,
    pub(crate) prices: Prices,
    pub(crate) left_at: i64,
    pub(crate) hired: [i64; 8],
    /// Customers in generation order, their `customer_id` still empty.
    pub(crate) customers: Vec<Customer>,
    /// For members, the generation index of their organisation.
    pub(crate) parents: Vec<Option<u32>>,
    pub(crate) orders: Vec<RawOrder>,
    pub(crate) costs: Vec<RawCost>,
    pub(crate) interactions: Vec<RawInteraction>,
    pub(crate) complaints: Vec<RawComplaint>,
    pub(crate) feedback: Vec<RawFeedback>,
    /// Scratch space for one customer's order dates.
    pub(crate) times: Vec<i64>,
}

impl Builder {
    pub(crate) fn new(spec: &DemoSpec, clock: Clock) -> Builder {
        let mut staff_rng = Rng::new(spec.seed, u64::MAX);
        let mut hired = [0; 8];
        for (i, at) in hired.iter_mut().enumerate() {
            // The admin and the managers have been there longest.
            let extra = if i < 3 { 900.0 } else { 300.0 };
            *at = clock.clamp(clock.start - seconds(staff_rng.range(30.0, 30.0 + extra)));
        }
        let left_at = clock
            .days_ago(LEFT_DAYS_AGO)
            .max(hired[LEAVER] + DAY)
            .min(clock.now);
        let n = spec.customers;
        // Sized for the averages of the mix, so that 100,000 customers allocate once.
        Builder {
            clock,
            prices: Prices::new(spec.currency),
            left_at,
            hired,
            customers: Vec::with_capacity(n),
            parents: Vec::with_capacity(n),
            orders: Vec::with_capacity(n * 6),
            costs: Vec::with_capacity(n * 5),
            interactions: Vec::with_capacity(n * 3),
            complaints: Vec::with_capacity(n / 5),
            feedback: Vec::with_capacity(n / 2),
            times: Vec::with_capacity(MAX_ORDERS),
        }
    }

    pub(crate) fn next_index(&self) -> u32 {
        self.customers.len() as u32
    }

    /// Stores a customer and gives back who it is for the activity generators.
    pub(crate) fn push(
        &mut self,
        mut customer: Customer,
        created: i64,
        owner: Option<usize>,
        language: Language,
        lean: Lean,
        parent: Option<u32>,
    ) -> Who {
        customer.created_at = stamp(created);
        customer.updated_at = customer.created_at;
        customer.owner_email = owner.map(|o| STAFF[o].email.to_owned());
        customer.tags.sort();
        customer.tags.dedup();
        let who = Who {
            index: self.next_index(),
            language,
            owner,
            lean,
        };
        self.customers.push(customer);
        self.parents.push(parent);
        who
    }
}
