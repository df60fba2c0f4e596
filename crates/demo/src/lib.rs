//! The synthetic demo base behind `clientele demo --customers N [--seed S]`: a realistic
//! customer base, the same for the same seed on every machine, in which every stage and
//! flag of the customer-type specification occurs.
//!
//! # How customers behave
//!
//! Purchases follow the "buy till you die" story that the BG/NBD and Gamma-Gamma models
//! assume, so that fitting those models to the base recovers something sensible:
//!
//! * each customer is acquired at some point of the five years before `as_of` (more of them
//!   recently: the business grows), and places a first order then or a little later;
//! * while alive, a customer orders at their own rate λ (orders per day), drawn from a gamma
//!   distribution with shape 0.6 and mean 1/35: a few weekly buyers, many monthly and
//!   quarterly ones, and a long tail that never comes back;
//! * after every order the customer drops out for good with their own probability p, drawn
//!   from Beta(1.2, 3.8) (mean 0.24), which gives one-time buyers, customers who went silent
//!   recently (lapsed) and long ago (lost);
//! * each order's amount is drawn around the customer's own mean spend, Gamma-Gamma style:
//!   amount ~ Gamma(shape 4, rate ν) with ν ~ Gamma(shape 3, rate 30) per customer, about
//!   60 US dollars on average, converted to the business currency at a rough price level;
//! * the cost of goods is known for most orders (gross margin 25–45 % for end customers),
//!   unknown for the rest.
//!
//! # The planted profile
//!
//! One demographic profile really predicts value: **income band `high`, acquisition channel
//! `referral`, and age 30 to 45 at `as_of`** (see [`has_planted_profile`]). An ordinary end
//! customer with that profile orders four times as often, drops out of the relationship
//! 80 % less often and spends twice as much per order. Nothing else in the profile (gender,
//! city, country) and no single part of it on its own changes behaviour. 12 % of the
//! ordinary end customers are given the profile (a few more have it by chance), and 8 % of
//! the prospects are lookalikes with it: the `ideal_prospect` candidates. On 50,000 customers
//! (seed 2026) a lookalike score trained on half the buyers ranks the other half's tier A
//! with an AUC of 0.72, and 0.51 when trained on shuffled labels.
//!
//! # The mix
//!
//! Records come in units; about 94 % of the customers are `external`, 4 % `intermediary` and
//! 2 % `internal`. By unit:
//!
//! | share of units | unit | what it is there for |
//! |---|---|---|
//! | 77.5 % | ordinary end customer | the buy-till-you-die process above: `new`, `repeat`, `lapsed`, `lost` |
//! | 10 % | prospect, no order | `prospect`; 40 % name a `competitor` and why; lookalikes of the planted profile are `ideal_prospect` |
//! | 2.5 % | organisation with a `wallet_holder` and 1–3 `ally` members | party `organisation`, 30 % of them intermediaries; the organisation orders, its members talk, complain and give feedback |
//! | 2.5 % | internal customer (a colleague, or a department) | kind `internal`, low-margin internal orders |
//! | 1.5 % | reseller or agent (a person) | kind `intermediary`, frequent large low-margin orders |
//! | 3 % | costly low-margin customer | cost of goods close to the amount, shipping, discounts and returns on top: `unprofitable`, `let_go` |
//! | 2 % | reborn customer | repeat orders, more than a year of silence, then an order in the last 90 days: `reborn` |
//! | 1 % | windbag | no order ever, three or more complaints or ten or more service contacts: `windbag`, `dissatisfied` |
//!
//! Measured on 100,000 customers (seed 1, `as_of` 2026-11-22), the spec's default stage
//! rules without their model-based P(alive) conditions give about: `prospect` 19 %
//! (prospects, windbags, and organisation members, who buy through their organisation),
//! `new` 3 %, `repeat` 19 %, `lapsed` 8 %, `lost` 43 %, `reborn` 2.6 %, and 6 % one-order
//! customers quiet for 90 to 365 days, whom only P(alive) places. A third of the buyers
//! ordered once; about 1.3 % order every week or more often. A base of 100,000 customers
//! holds about 525,000 orders, 400,000 cost-to-serve entries, 260,000 contacts, 19,000
//! complaints and 62,000 survey answers.
//!
//! Complaints, feedback (NPS, CSAT, comments in the customer's language) and contacts follow
//! each customer's leaning (promoter, passive, detractor), so `dissatisfied` customers exist
//! among good and bad customers alike.
//!
//! # People
//!
//! Eight employees in two teams (`Retail`, `Key accounts`) plus an admin and an analyst, with
//! names in the four languages. Exactly one, a key-account agent, has left (75 days before
//! `as_of`) and still owns customers, many of them organisations and resellers: tier-`A`
//! customers whose owner has left (`owner_risk`). After that day their customers are
//! contacted by colleagues. About 4 % of customers have no owner.
//!
//! Customers live in Iran (30 %), Georgia (25 %), the Philippines (25 %) and English-speaking
//! countries (20 %), and their names, texts and telephone numbers follow their country:
//! Persian in Persian script (some names joined with U+200C), Georgian in Mkhedruli, Filipino
//! and English names in Latin script. E-mail addresses use the reserved `example.*` domains
//! and telephone numbers in English-speaking countries come from ranges reserved for fiction.
//!
//! # Determinism
//!
//! The generator uses its own xoshiro256** generator and arithmetic-only logarithm and
//! exponential (see `rng.rs`), one independent stream per unit, and no hash maps, so the same
//! [`DemoSpec`] gives the same [`DemoBase`] in every build and on every platform.

mod activity;
mod builder;
mod catalogue;
mod clock;
mod customers;
mod employees;
mod facts;
mod finish;
mod orders;
mod organisations;
mod prices;
mod rng;
#[cfg(feature = "store")]
mod store;
#[cfg(test)]
mod tests;
mod units;

use clientele_core::model::Customer;
use clientele_core::model::{Complaint, CostToServe, Employee, Feedback, Interaction, Order};
use clientele_core::money::Currency;
use jiff::Timestamp;
use jiff::tz::TimeZone;

use builder::Builder;
use clock::Clock;
use rng::Rng;

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct DemoSpec {
    /// How many customer records (organisations and their members included).
    pub customers: usize,
    /// The same seed gives the same base.
    pub seed: u64,
    /// The present of the base: every date is at or before it, and five years of history
    /// end there. Must lie in the years 1900 to 2199, like every date in the model.
    pub as_of: Timestamp,
    /// The business currency of every amount.
    pub currency: Currency,
}

/// A whole customer base, ready for a store to insert in this order: employees, customers
/// (organisations before their members), then the rest.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoBase {
    pub employees: Vec<Employee>,
    /// Numbered `CUS-000001`… in the order they were created; organisations come before
    /// their members.
    pub customers: Vec<Customer>,
    /// Numbered `ORD-0000001`… in the order they were placed.
    pub orders: Vec<Order>,
    pub costs: Vec<CostToServe>,
    pub interactions: Vec<Interaction>,
    /// Numbered `CMP-000001`… in the order they were opened.
    pub complaints: Vec<Complaint>,
    pub feedback: Vec<Feedback>,
}

/// Share of ordinary end customers given the planted profile on purpose (a few more have it
/// by chance).
const PLANTED_SHARE: f64 = 0.12;

/// The income band of the planted value-predicting profile.
pub const PLANTED_INCOME_BAND: &str = "high";
/// The acquisition channel of the planted value-predicting profile.
pub const PLANTED_CHANNEL: &str = "referral";
/// The ages (at `as_of`) of the planted value-predicting profile.
pub const PLANTED_AGES: std::ops::RangeInclusive<i32> = 30..=45;

/// Whether a customer has the profile the demo base plants as the predictor of value:
/// income band `high`, acquired through `referral`, aged 30 to 45 at `as_of`.
pub fn has_planted_profile(customer: &Customer, as_of: Timestamp) -> bool {
    let year = i32::from(as_of.to_zoned(TimeZone::UTC).year());
    customer.income_band.as_deref() == Some(PLANTED_INCOME_BAND)
        && customer.acquisition_channel.as_deref() == Some(PLANTED_CHANNEL)
        && customer
            .birth_year
            .is_some_and(|born| PLANTED_AGES.contains(&(year - born)))
}

/// Generates the demo base described in the module docs.
///
/// # Panics
///
/// If `spec.as_of` is before 1900 or after 2199, where no valid record could be dated.
pub fn generate(spec: &DemoSpec) -> DemoBase {
    let clock = Clock::new(spec.as_of);
    let mut builder = Builder::new(spec, clock);
    let mut unit = 0u64;
    while builder.customers.len() < spec.customers {
        let mut rng = Rng::new(spec.seed, unit);
        let remaining = spec.customers - builder.customers.len();
        builder.unit(&mut rng, remaining);
        unit += 1;
    }
    builder.finish()
}
