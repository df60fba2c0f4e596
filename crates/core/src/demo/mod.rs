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

mod catalogue;
mod facts;
mod rng;
#[cfg(test)]
mod tests;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::enums::{CustomerKind, Direction, EmployeeRole, Party, Severity};
use crate::model::{
    Complaint, CostEntry, Customer, Employee, Feedback, Interaction, Order, ROLE_ALLY,
    ROLE_WALLET_HOLDER,
};
use crate::money::{Currency, Money};
use catalogue::{Language, Place, Texts, Word};
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
    pub costs: Vec<CostEntry>,
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

// ----- time --------------------------------------------------------------------------------

const DAY: i64 = 86_400;
/// 1900-01-01T00:00:00Z, the earliest instant the model accepts.
const EARLIEST: i64 = -2_208_988_800;
/// 2200-01-01T00:00:00Z, the first instant the model refuses.
const LATEST: i64 = 7_258_118_400;
const HISTORY_DAYS: f64 = 5.0 * 365.25;

/// Whole seconds since the epoch, kept between 1900 and `as_of`.
#[derive(Clone, Copy, Debug)]
struct Clock {
    now: i64,
    start: i64,
    year: i32,
}

impl Clock {
    fn new(as_of: Timestamp) -> Clock {
        // Whole seconds at or before `as_of`: `as_second` truncates towards zero, which is
        // after `as_of` for instants before 1970 with a fraction.
        let mut now = as_of.as_second();
        if Timestamp::from_second(now).is_ok_and(|t| t > as_of) {
            now -= 1;
        }
        assert!(
            (EARLIEST..LATEST).contains(&now),
            "the demo base must be dated in the years 1900 to 2199, not {as_of}"
        );
        let start = (now - (HISTORY_DAYS * DAY as f64) as i64).max(EARLIEST);
        let year = i32::from(stamp(now).to_zoned(TimeZone::UTC).year());
        Clock { now, start, year }
    }

    fn clamp(&self, at: i64) -> i64 {
        at.clamp(EARLIEST, self.now)
    }

    fn days_ago(&self, days: f64) -> i64 {
        self.clamp(self.now - seconds(days))
    }

    fn plus_days(&self, at: i64, days: f64) -> i64 {
        self.clamp(at + seconds(days))
    }

    /// Uniform in [from, to].
    fn between(&self, rng: &mut Rng, from: i64, to: i64) -> i64 {
        let (from, to) = (self.clamp(from), self.clamp(to.max(from)));
        from + (rng.unit() * (to - from) as f64) as i64
    }

    /// When a customer was acquired, in [from, to], more of them late: the business grows,
    /// so acquisitions thicken towards `as_of` (density rising like t^⅓).
    fn acquired(&self, rng: &mut Rng, from: i64, to: i64) -> i64 {
        let (from, to) = (self.clamp(from), self.clamp(to.max(from)));
        from + (rng::exp(0.75 * rng::ln(rng.unit().max(1e-300))) * (to - from) as f64) as i64
    }
}

fn seconds(days: f64) -> i64 {
    (days * DAY as f64) as i64
}

fn stamp(at: i64) -> Timestamp {
    Timestamp::from_second(at).expect("demo instants are kept within 1900..2200")
}

// ----- money -------------------------------------------------------------------------------

/// Rough price levels (units of the currency per US dollar), so that amounts look
/// plausible in the business currency; other currencies are taken at par.
const PRICE_LEVELS: &[(&str, f64)] = &[
    ("USD", 1.0),
    ("EUR", 0.92),
    ("GBP", 0.79),
    ("CAD", 1.37),
    ("AUD", 1.52),
    ("NZD", 1.65),
    ("GEL", 2.7),
    ("PHP", 57.0),
    ("IRR", 1_000_000.0),
    ("JPY", 150.0),
];

/// Largest single amount, in dollars: keeps the gamma tail from producing absurd orders.
const MAX_AMOUNT_USD: f64 = 100_000.0;

struct Prices {
    currency: Currency,
    minor_per_usd: f64,
    /// Amounts are rounded to this many minor units: cents for dollars, ten thousand rials
    /// for rials (rial prices are quoted in round numbers).
    step: i64,
}

impl Prices {
    fn new(currency: Currency) -> Prices {
        let level = PRICE_LEVELS
            .iter()
            .find(|(code, _)| *code == currency.code())
            .map_or(1.0, |(_, level)| *level);
        let minor_per_usd = level * 10f64.powi(i32::from(currency.exponent()));
        let digits = (minor_per_usd.round().max(1.0) as i64).to_string().len();
        let step = 10i64.pow(digits.saturating_sub(3) as u32);
        Prices {
            currency,
            minor_per_usd,
            step,
        }
    }

    /// Dollars in minor units of the currency, rounded to the step and at least one step.
    fn minor(&self, usd: f64) -> i64 {
        let usd = usd.clamp(0.0, MAX_AMOUNT_USD);
        let steps = (usd * self.minor_per_usd / self.step as f64).round() as i64;
        steps.max(1) * self.step
    }

    fn round(&self, minor: f64) -> i64 {
        (minor / self.step as f64).round() as i64 * self.step
    }

    fn money(&self, minor: i64) -> Money {
        Money::from_minor(minor, self.currency)
    }
}

// ----- staff -------------------------------------------------------------------------------

struct StaffMember {
    name: &'static str,
    email: &'static str,
    role: EmployeeRole,
    team: Option<&'static str>,
}

const RETAIL: &str = "Retail";
const KEY_ACCOUNTS: &str = "Key accounts";

const STAFF: [StaffMember; 8] = [
    StaffMember {
        name: "Sarah Mitchell",
        email: "sarah.mitchell@example.com",
        role: EmployeeRole::Admin,
        team: None,
    },
    StaffMember {
        name: "رضا کریمی",
        email: "reza.karimi@example.com",
        role: EmployeeRole::Manager,
        team: Some(KEY_ACCOUNTS),
    },
    StaffMember {
        name: "ნინო ბერიძე",
        email: "nino.beridze@example.com",
        role: EmployeeRole::Manager,
        team: Some(RETAIL),
    },
    StaffMember {
        name: "Maricel Santos",
        email: "maricel.santos@example.com",
        role: EmployeeRole::Agent,
        team: Some(RETAIL),
    },
    StaffMember {
        name: "مهسا\u{200C}سادات حسینی",
        email: "mahsasadat.hosseini@example.com",
        role: EmployeeRole::Agent,
        team: Some(RETAIL),
    },
    StaffMember {
        name: "გიორგი კაპანაძე",
        email: "giorgi.kapanadze@example.com",
        role: EmployeeRole::Agent,
        team: Some(KEY_ACCOUNTS),
    },
    StaffMember {
        name: "Juan Bautista",
        email: "juan.bautista@example.com",
        role: EmployeeRole::Agent,
        team: Some(KEY_ACCOUNTS),
    },
    StaffMember {
        name: "James Carter",
        email: "james.carter@example.com",
        role: EmployeeRole::Analyst,
        team: None,
    },
];

/// The key-account agent who has left and still owns customers (spec: `owner_risk`).
const LEAVER: usize = 5;
/// Who takes over the leaver's contacts: the key-accounts manager.
const KEY_MANAGER: usize = 1;
const LEFT_DAYS_AGO: f64 = 75.0;

/// Owners of end customers, weighted: the retail team, and the leaver now and then.
const RETAIL_OWNERS: [(usize, u32); 4] = [(2, 1), (3, 3), (4, 3), (LEAVER, 1)];
/// Owners of organisations and resellers: the leaver had half of them.
const KEY_OWNERS: [(usize, u32); 3] = [(KEY_MANAGER, 1), (LEAVER, 3), (6, 2)];
/// Owners of internal customers.
const INTERNAL_OWNERS: [(usize, u32); 3] = [(0, 2), (KEY_MANAGER, 1), (2, 1)];

/// The colleagues who stand in for an owner.
fn team_of(owner: usize) -> &'static [usize] {
    match STAFF[owner].team {
        Some(RETAIL) => &[2, 3, 4],
        Some(_) => &[KEY_MANAGER, LEAVER, 6],
        None => &[0, KEY_MANAGER, 2],
    }
}

fn pick_owner(rng: &mut Rng, owners: &[(usize, u32)]) -> Option<usize> {
    if rng.chance(0.04) {
        return None;
    }
    let weights: Vec<u32> = owners.iter().map(|(_, w)| *w).collect();
    Some(owners[rng.weighted(&weights)].0)
}

// ----- customers' make-up ------------------------------------------------------------------

struct Acquisition {
    channel: &'static str,
    /// Range of what one customer cost to acquire, in dollars.
    cost_usd: (f64, f64),
}

const ACQUISITION: [Acquisition; 5] = [
    Acquisition {
        channel: "organic",
        cost_usd: (0.5, 3.0),
    },
    Acquisition {
        channel: "targeted_ads",
        cost_usd: (15.0, 60.0),
    },
    Acquisition {
        channel: PLANTED_CHANNEL,
        cost_usd: (10.0, 25.0),
    },
    Acquisition {
        channel: "partnership",
        cost_usd: (30.0, 80.0),
    },
    Acquisition {
        channel: "trade_fair",
        cost_usd: (80.0, 200.0),
    },
];
const REFERRAL: usize = 2;
/// How people find the business (organic, ads, referral, partnership, trade fair).
const PERSON_CHANNELS: [u32; 5] = [33, 25, 25, 10, 7];
/// How organisations and resellers find it.
const BUSINESS_CHANNELS: [u32; 5] = [5, 10, 20, 40, 25];

const INCOME_BANDS: [&str; 3] = ["low", "middle", PLANTED_INCOME_BAND];
const INCOME_WEIGHTS: [u32; 3] = [33, 42, 25];

/// What kind of record a unit of generation produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Ordinary,
    Prospect,
    Organisation,
    Internal,
    Reseller,
    Costly,
    Reborn,
    Windbag,
}

const UNITS: [Unit; 8] = [
    Unit::Ordinary,
    Unit::Prospect,
    Unit::Organisation,
    Unit::Internal,
    Unit::Reseller,
    Unit::Costly,
    Unit::Reborn,
    Unit::Windbag,
];
/// Per thousand units; the module docs' table.
const UNIT_WEIGHTS: [u32; 8] = [775, 100, 25, 25, 15, 30, 20, 10];

/// How a customer tends to feel, which steers their complaints and feedback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lean {
    Promoter,
    Passive,
    Detractor,
}

impl Lean {
    fn draw(rng: &mut Rng, promoter: u32, passive: u32, detractor: u32) -> Lean {
        [Lean::Promoter, Lean::Passive, Lean::Detractor]
            [rng.weighted(&[promoter, passive, detractor])]
    }
}

/// Everything the activity generators need to know about one customer.
#[derive(Clone, Copy, Debug)]
struct Who {
    index: u32,
    language: Language,
    owner: Option<usize>,
    lean: Lean,
}

/// A customer's buying habit while alive (buy till you die).
#[derive(Clone, Copy, Debug)]
struct Habit {
    /// Orders per day.
    rate: f64,
    /// Probability of dropping out for good after each order.
    dropout: f64,
    /// Gamma-Gamma rate ν: the customer's mean spend is SPEND_SHAPE / ν dollars.
    nu: f64,
    /// Gross margin rate of the goods this customer buys.
    margin: f64,
    /// Share of orders whose cost of goods is recorded.
    cost_known: f64,
    /// Whether serving this customer is costly (shipping, discounts, returns, support).
    heavy_service: bool,
}

/// Shape of the per-order spend around the customer's mean (Gamma-Gamma's p).
const SPEND_SHAPE: f64 = 4.0;
/// Upper bound on orders per customer: a weekly buyer for five years places about 260.
const MAX_ORDERS: usize = 400;

impl Habit {
    /// The ordinary customer: λ ~ Gamma(0.6, mean 1/35 per day), p ~ Beta(1.2, 3.8),
    /// ν ~ Gamma(3, rate 30) (mean spend 60 dollars).
    fn ordinary(rng: &mut Rng) -> Habit {
        Habit {
            rate: rng.gamma(0.6, 1.0 / (35.0 * 0.6)),
            dropout: rng.beta(1.2, 3.8),
            nu: rng.gamma(3.0, 1.0 / 30.0),
            margin: rng.range(0.25, 0.45),
            // Some customers' orders come without cost of goods (an import from a till
            // that does not know it), so the default margin rate gets used.
            cost_known: if rng.chance(0.05) { 0.0 } else { 0.9 },
            heavy_service: false,
        }
    }

    /// The planted profile's boost: more orders, more loyalty, bigger baskets.
    fn planted(mut self) -> Habit {
        self.rate *= 4.0;
        self.dropout *= 0.2;
        self.nu /= 2.0;
        self
    }

    fn spending(mut self, factor: f64) -> Habit {
        self.nu /= factor;
        self
    }
}

/// A cost of serving that may follow an order.
struct ServiceCost {
    category: &'static str,
    /// Probability per order.
    chance: f64,
    /// Range of its size, as a share of the order amount.
    share: (f64, f64),
    /// Range of days after the order when it is incurred.
    days: (f64, f64),
}

const fn extra(
    category: &'static str,
    chance: f64,
    share: (f64, f64),
    days: (f64, f64),
) -> ServiceCost {
    ServiceCost {
        category,
        chance,
        share,
        days,
    }
}

/// An ordinary customer: shipping on some orders, the odd discount, promotion or return;
/// together well below the margin.
const LIGHT_SERVICE: [ServiceCost; 4] = [
    extra("shipping", 0.4, (0.03, 0.08), (0.0, 2.0)),
    extra("discount", 0.08, (0.05, 0.15), (0.0, 0.0)),
    extra("promotion", 0.04, (0.05, 0.2), (0.0, 0.0)),
    extra("return", 0.03, (0.4, 1.0), (3.0, 30.0)),
];

/// A costly customer (seed 004: "discounts and bonuses that make money for the client, not
/// the company"): free shipping every time, frequent discounts and returns.
const HEAVY_SERVICE: [ServiceCost; 4] = [
    extra("shipping", 1.0, (0.06, 0.12), (0.0, 2.0)),
    extra("discount", 0.4, (0.05, 0.2), (0.0, 0.0)),
    extra("promotion", 0.15, (0.05, 0.2), (0.0, 0.0)),
    extra("return", 0.15, (0.4, 1.0), (3.0, 30.0)),
];

/// How contacts are spread over call, e-mail, SMS, chat, meeting and visit, by purpose.
const PROSPECTING: [u32; 6] = [40, 35, 5, 5, 15, 0];
const SERVICE_DESK: [u32; 6] = [40, 30, 0, 30, 0, 0];
const MAIL_ONLY: [u32; 6] = [0, 1, 0, 0, 0, 0];
const DECISION_MAKER: [u32; 6] = [50, 10, 0, 0, 35, 5];
const PRODUCT_USER: [u32; 6] = [25, 35, 5, 35, 0, 0];

/// Activity as generated: dates in whole seconds, and the customer by generation index
/// (their `customer_id` is known only once every customer has been numbered).
struct RawOrder {
    at: i64,
    who: u32,
    amount: i64,
    cost: Option<i64>,
}

struct RawCost {
    at: i64,
    who: u32,
    category: &'static str,
    amount: i64,
}

struct RawInteraction {
    at: i64,
    who: u32,
    channel: usize,
    direction: Direction,
    employee: usize,
    summary: Option<&'static str>,
}

struct RawComplaint {
    opened: i64,
    resolved: Option<i64>,
    who: u32,
    severity: Severity,
    subject: Option<&'static str>,
}

struct RawFeedback {
    at: i64,
    who: u32,
    nps: Option<i16>,
    csat: Option<i16>,
    comment: Option<&'static str>,
}

/// The records whose dates [`spread_apart`] adjusts.
trait Dated {
    fn at(&self) -> i64;
    fn set_at(&mut self, at: i64);
    fn who(&self) -> u32;
}

macro_rules! dated {
    ($($t:ty),*) => {$(
        impl Dated for $t {
            fn at(&self) -> i64 { self.at }
            fn set_at(&mut self, at: i64) { self.at = at }
            fn who(&self) -> u32 { self.who }
        }
    )*};
}
dated!(RawCost, RawInteraction, RawFeedback);

/// Makes each customer's dates strictly increasing, a second apart at least, and keeps them
/// at or before `now`. Stores recognise costs, contacts and feedback by their content, date
/// included, so two identical ones in the same second would be taken for one.
fn spread_apart<T: Dated>(items: &mut [T], now: i64) {
    items.sort_by_key(|item| (item.who(), item.at()));
    for i in 1..items.len() {
        if items[i].who() == items[i - 1].who() && items[i].at() <= items[i - 1].at() {
            let at = items[i - 1].at() + 1;
            items[i].set_at(at);
        }
    }
    // Pushing forward may have passed `now`; pull the tail back, a second apart.
    for i in (0..items.len()).rev() {
        let limit = match items.get(i + 1) {
            Some(next) if next.who() == items[i].who() => next.at() - 1,
            _ => now,
        };
        if items[i].at() > limit {
            items[i].set_at(limit);
        }
    }
}

// ----- the builder -------------------------------------------------------------------------

struct Builder {
    clock: Clock,
    prices: Prices,
    left_at: i64,
    hired: [i64; 8],
    /// Customers in generation order, their `customer_id` still empty.
    customers: Vec<Customer>,
    /// For members, the generation index of their organisation.
    parents: Vec<Option<u32>>,
    orders: Vec<RawOrder>,
    costs: Vec<RawCost>,
    interactions: Vec<RawInteraction>,
    complaints: Vec<RawComplaint>,
    feedback: Vec<RawFeedback>,
    /// Scratch space for one customer's order dates.
    times: Vec<i64>,
}

impl Builder {
    fn new(spec: &DemoSpec, clock: Clock) -> Builder {
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

    fn unit(&mut self, rng: &mut Rng, remaining: usize) {
        let mut unit = UNITS[rng.weighted(&UNIT_WEIGHTS)];
        if unit == Unit::Organisation && remaining < 3 {
            // No room for an organisation with a wallet holder and an ally.
            unit = Unit::Ordinary;
        }
        let marks = (
            self.costs.len(),
            self.interactions.len(),
            self.feedback.len(),
        );
        match unit {
            Unit::Ordinary => self.ordinary(rng),
            Unit::Prospect => self.prospect(rng),
            Unit::Organisation => self.organisation(rng, remaining),
            Unit::Internal => self.internal(rng),
            Unit::Reseller => self.reseller(rng),
            Unit::Costly => self.costly(rng),
            Unit::Reborn => self.reborn(rng),
            Unit::Windbag => self.windbag(rng),
        }
        let now = self.clock.now;
        // A unit's records are contiguous; spread each customer's dates apart.
        spread_apart(&mut self.costs[marks.0..], now);
        spread_apart(&mut self.interactions[marks.1..], now);
        spread_apart(&mut self.feedback[marks.2..], now);
    }

    // ----- people ---------------------------------------------------------------------

    fn next_index(&self) -> u32 {
        self.customers.len() as u32
    }

    /// A person with a name, contact details and (mostly) a demographic profile, in a place
    /// drawn from [`catalogue::PLACES`]; `created_at` is set by the caller.
    fn person(&self, rng: &mut Rng, place: &'static Place) -> Customer {
        let index = self.next_index();
        let language = place.language;
        let names = catalogue::names(language);
        let gender = match rng.weighted(&[48, 47, 5]) {
            0 => Some("female"),
            1 => Some("male"),
            _ => None,
        };
        let given = match gender {
            Some("female") => rng.pick(names.female),
            Some(_) => rng.pick(names.male),
            None => {
                let either = if rng.chance(0.5) {
                    names.female
                } else {
                    names.male
                };
                rng.pick(either)
            }
        };
        let family = rng.pick(names.family);
        let mut customer = blank_customer(Party::Person);
        customer.name = Some(format!("{} {}", given.0, family.0));
        if rng.chance(0.9) {
            customer.email = Some(email(given, family, index, rng));
        }
        if rng.chance(0.8) {
            customer.phone = Some(catalogue::phone(
                place.country,
                rng.next_u64(),
                place.country == "IR" && rng.chance(0.15),
            ));
        }
        customer.gender = gender.map(str::to_owned);
        if rng.chance(0.9) {
            let age = 18 + (62.0 * rng.beta(2.0, 3.0)) as i32;
            customer.birth_year = Some((self.clock.year - age).max(1900));
        }
        if rng.chance(0.8) {
            customer.income_band = Some(INCOME_BANDS[rng.weighted(&INCOME_WEIGHTS)].to_owned());
        }
        if rng.chance(0.95) {
            locate(&mut customer, place);
        }
        customer
    }

    fn acquire(&self, rng: &mut Rng, customer: &mut Customer, weights: &[u32; 5]) {
        if rng.chance(0.05) {
            return;
        }
        let acquisition = &ACQUISITION[rng.weighted(weights)];
        customer.acquisition_channel = Some(acquisition.channel.to_owned());
        let (lo, hi) = acquisition.cost_usd;
        customer.acquisition_cost = Some(self.prices.money(self.prices.minor(rng.range(lo, hi))));
    }

    /// Gives a person the planted profile (a lookalike prospect).
    fn plant(&self, rng: &mut Rng, customer: &mut Customer) {
        customer.income_band = Some(PLANTED_INCOME_BAND.to_owned());
        customer.acquisition_channel = Some(PLANTED_CHANNEL.to_owned());
        let (lo, hi) = ACQUISITION[REFERRAL].cost_usd;
        customer.acquisition_cost = Some(self.prices.money(self.prices.minor(rng.range(lo, hi))));
        let age = rng.between(
            i64::from(*PLANTED_AGES.start()),
            i64::from(*PLANTED_AGES.end()),
        );
        customer.birth_year = Some((self.clock.year - age as i32).max(1900));
    }

    fn planted(&self, customer: &Customer) -> bool {
        has_planted_profile(customer, stamp(self.clock.now))
    }

    /// Stores a customer and gives back who it is for the activity generators.
    fn push(
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

    // ----- units ----------------------------------------------------------------------

    fn ordinary(&mut self, rng: &mut Rng) {
        let place = pick_place(rng);
        let mut customer = self.person(rng, place);
        self.acquire(rng, &mut customer, &PERSON_CHANNELS);
        if rng.chance(PLANTED_SHARE) {
            // The business's best kind of customer, common enough that the best customers
            // mostly share it: what a persona should find and a lookalike score learn.
            self.plant(rng, &mut customer);
        }
        let planted = self.planted(&customer);
        let mut habit = Habit::ordinary(rng);
        let lean = if planted {
            habit = habit.planted();
            Lean::draw(rng, 60, 30, 10)
        } else {
            Lean::draw(rng, 45, 35, 20)
        };
        if rng.chance(0.3) {
            customer.tags.push("newsletter".to_owned());
        }
        let created = self.clock.acquired(rng, self.clock.start, self.clock.now);
        let owner = pick_owner(rng, &RETAIL_OWNERS);
        let who = self.push(customer, created, owner, place.language, lean, None);
        let first = self.first_order(rng, created);
        self.buy_till_you_die(rng, first, &habit);
        self.place_orders(rng, who.index, &habit);
        self.life_around_orders(rng, who, created, 1.0);
    }

    fn prospect(&mut self, rng: &mut Rng) {
        let place = pick_place(rng);
        let mut customer = self.person(rng, place);
        self.acquire(rng, &mut customer, &PERSON_CHANNELS);
        if rng.chance(0.08) {
            // Lookalikes of the best customers: the `ideal_prospect` candidates.
            self.plant(rng, &mut customer);
        }
        if rng.chance(0.4) {
            customer.competitor =
                Some((*rng.pick(catalogue::COMPETITORS.of(place.language))).to_owned());
            if rng.chance(0.85) {
                customer.competitor_reason =
                    Some((*rng.pick(catalogue::COMPETITOR_REASONS.of(place.language))).to_owned());
            }
        }
        let created = self.clock.acquired(rng, self.clock.start, self.clock.now);
        let owner = pick_owner(rng, &RETAIL_OWNERS);
        let lean = Lean::draw(rng, 30, 50, 20);
        let who = self.push(customer, created, owner, place.language, lean, None);
        // Qualifying them: a few calls, e-mails and meetings started by us.
        let touches = rng.below(4);
        self.contacts(
            rng,
            who,
            touches,
            created,
            self.clock.now,
            0.2,
            &PROSPECTING,
        );
    }

    fn windbag(&mut self, rng: &mut Rng) {
        let place = pick_place(rng);
        let mut customer = self.person(rng, place);
        self.acquire(rng, &mut customer, &PERSON_CHANNELS);
        let created = self.clock.between(
            rng,
            self.clock.days_ago(3.0 * 365.0),
            self.clock.days_ago(60.0),
        );
        let owner = pick_owner(rng, &RETAIL_OWNERS);
        let who = self.push(
            customer,
            created,
            owner,
            place.language,
            Lean::Detractor,
            None,
        );
        let now = self.clock.now;
        // Only find fault, never pay: three or more complaints, or ten or more service
        // contacts, and not a single order.
        let complaints = if rng.chance(0.75) {
            3 + rng.poisson(2.0)
        } else {
            rng.poisson(1.0)
        };
        let contacts = if complaints < 3 {
            10 + rng.poisson(6.0)
        } else {
            3 + rng.poisson(5.0)
        };
        for _ in 0..complaints.min(10) {
            let at = self.clock.between(rng, created, now);
            self.complaint(rng, who, at);
        }
        self.contacts(rng, who, contacts, created, now, 0.85, &SERVICE_DESK);
        for _ in 0..contacts / 4 {
            let at = self.clock.between(rng, created, now);
            self.cost(
                who.index,
                at,
                "support",
                self.prices.minor(rng.range(5.0, 20.0)),
            );
        }
        if rng.chance(0.7) {
            for _ in 0..1 + rng.below(3) {
                let at = self.clock.between(rng, created, now);
                self.respond(rng, who, at);
            }
        }
    }

    fn costly(&mut self, rng: &mut Rng) {
        let place = pick_place(rng);
        let mut customer = self.person(rng, place);
        self.acquire(rng, &mut customer, &PERSON_CHANNELS);
        if rng.chance(0.5) {
            customer.tags.push("discount_hunter".to_owned());
        }
        // Loyal and frequent, so they are still buying (and still costing) this year, but
        // on thin margins and with every service extra.
        let habit = Habit {
            rate: rng.gamma(3.0, 1.0 / (3.0 * 45.0)),
            dropout: 0.005,
            nu: rng.gamma(3.0, 1.0 / 30.0),
            margin: rng.range(0.01, 0.06),
            cost_known: 1.0,
            heavy_service: true,
        };
        let created = self
            .clock
            .acquired(rng, self.clock.start, self.clock.days_ago(400.0));
        let owner = pick_owner(rng, &RETAIL_OWNERS);
        let lean = Lean::draw(rng, 20, 40, 40);
        let who = self.push(customer, created, owner, place.language, lean, None);
        let first = self.first_order(rng, created);
        self.buy_till_you_die(rng, first, &habit);
        self.place_orders(rng, who.index, &habit);
        self.life_around_orders(rng, who, created, 2.0);
    }

    fn reborn(&mut self, rng: &mut Rng) {
        let clock = self.clock;
        // The return: an order in the last 90 days…
        let back = clock.days_ago(rng.range(1.0, 88.0));
        // …after more than a year of silence…
        let silent_since = back - seconds(rng.range(400.0, 700.0));
        // …which followed a spell of repeat orders.
        let created_by = silent_since - seconds(60.0);
        if created_by <= clock.start {
            // History too short to hold a comeback (a base dated near 1900).
            return self.ordinary(rng);
        }
        let place = pick_place(rng);
        let mut customer = self.person(rng, place);
        self.acquire(rng, &mut customer, &PERSON_CHANNELS);
        let created = clock.acquired(rng, clock.start, created_by);
        let owner = pick_owner(rng, &RETAIL_OWNERS);
        // Often an old grievance was why they left.
        let lean = Lean::draw(rng, 25, 25, 50);
        let who = self.push(customer, created, owner, place.language, lean, None);
        let habit = Habit::ordinary(rng);
        self.times.clear();
        let first = self.first_order(rng, created).min(silent_since);
        self.times.push(first);
        for _ in 0..rng.poisson(3.0) {
            self.times.push(clock.between(rng, first, silent_since));
        }
        self.times.push(silent_since);
        self.times.push(back);
        if rng.chance(0.3) {
            self.times.push(clock.between(rng, back, clock.now));
        }
        self.times.sort_unstable();
        self.place_orders(rng, who.index, &habit);
        if rng.chance(0.6) {
            let at = clock.plus_days(silent_since, rng.range(1.0, 20.0));
            self.complaint(rng, who, at);
        }
        self.life_around_orders(rng, who, created, 1.0);
    }

    fn reseller(&mut self, rng: &mut Rng) {
        let place = pick_place(rng);
        let mut customer = self.person(rng, place);
        customer.kind = CustomerKind::Intermediary;
        customer.tags.push("wholesale".to_owned());
        self.acquire(rng, &mut customer, &BUSINESS_CHANNELS);
        let habit = Habit {
            rate: rng.gamma(2.0, 1.0 / (2.0 * 14.0)),
            dropout: rng.beta(1.0, 25.0),
            margin: rng.range(0.10, 0.20),
            cost_known: 0.95,
            ..Habit::ordinary(rng)
        }
        .spending(5.0);
        let created = self.clock.acquired(rng, self.clock.start, self.clock.now);
        let owner = pick_owner(rng, &KEY_OWNERS);
        let lean = Lean::draw(rng, 40, 40, 20);
        let who = self.push(customer, created, owner, place.language, lean, None);
        let first = self.first_order(rng, created);
        self.buy_till_you_die(rng, first, &habit);
        self.place_orders(rng, who.index, &habit);
        self.life_around_orders(rng, who, created, 1.5);
    }

    fn internal(&mut self, rng: &mut Rng) {
        let place = pick_place(rng);
        let language = place.language;
        let mut customer = if rng.chance(0.8) {
            // A colleague: a person, without the marketing profile.
            let mut colleague = self.person(rng, place);
            colleague.income_band = None;
            colleague
        } else {
            let mut department = blank_customer(Party::Organisation);
            department.name = Some((*rng.pick(catalogue::DEPARTMENTS.of(language))).to_owned());
            department.email = Some(format!("department.{}@example.com", self.next_index()));
            locate(&mut department, place);
            department
        };
        customer.kind = CustomerKind::Internal;
        customer.tags.push("internal".to_owned());
        let created = self.clock.acquired(rng, self.clock.start, self.clock.now);
        let owner = pick_owner(rng, &INTERNAL_OWNERS);
        let who = self.push(
            customer,
            created,
            owner,
            language,
            Lean::draw(rng, 40, 50, 10),
            None,
        );
        let habit = Habit {
            rate: rng.gamma(2.0, 1.0 / (2.0 * 45.0)),
            dropout: 0.01,
            margin: rng.range(0.0, 0.04),
            cost_known: 1.0,
            ..Habit::ordinary(rng)
        }
        .spending(0.7);
        if rng.chance(0.6) {
            let first = self.first_order(rng, created);
            self.buy_till_you_die(rng, first, &habit);
        } else {
            self.times.clear();
        }
        self.place_orders(rng, who.index, &habit);
        self.life_around_orders(rng, who, created, 0.5);
    }

    fn organisation(&mut self, rng: &mut Rng, remaining: usize) {
        let place = pick_place(rng);
        let language = place.language;
        let index = self.next_index();
        let family = rng.pick(catalogue::names(language).family);
        let mut org = blank_customer(Party::Organisation);
        let intermediary = rng.chance(0.3);
        let kind = if intermediary {
            CustomerKind::Intermediary
        } else {
            CustomerKind::External
        };
        org.kind = kind;
        org.name = Some(catalogue::organisation_name(
            language,
            family.0,
            rng.below(2),
        ));
        let mut address = String::with_capacity(40);
        address.push_str("office.");
        catalogue::email_part(family.1, &mut address);
        address.push_str(&format!(".{index}@{}", rng.pick(catalogue::EMAIL_DOMAINS)));
        org.email = Some(address);
        org.phone = Some(catalogue::phone(place.country, rng.next_u64(), false));
        locate(&mut org, place);
        self.acquire(rng, &mut org, &BUSINESS_CHANNELS);
        org.tags.push("b2b".to_owned());
        if intermediary {
            org.tags.push("wholesale".to_owned());
        }
        let habit = Habit {
            rate: rng.gamma(2.0, 1.0 / (2.0 * 21.0)),
            dropout: rng.beta(1.0, 20.0),
            margin: rng.range(0.18, 0.35),
            cost_known: 0.95,
            ..Habit::ordinary(rng)
        }
        .spending(if intermediary { 6.0 } else { 4.0 });
        let created = self.clock.acquired(rng, self.clock.start, self.clock.now);
        let owner = pick_owner(rng, &KEY_OWNERS);
        let lean = Lean::draw(rng, 40, 40, 20);
        let org_who = self.push(org, created, owner, language, lean, None);
        let first = self.first_order(rng, created);
        self.buy_till_you_die(rng, first, &habit);
        let orders = self.times.len();
        let last = self.times.last().copied();
        self.place_orders(rng, index, &habit);
        let now = self.clock.now;
        let active_until = last.map_or(now, |l| self.clock.plus_days(l, 60.0));
        let org_mails = rng.below(3);
        self.contacts(
            rng,
            org_who,
            org_mails,
            created,
            active_until,
            0.5,
            &MAIL_ONLY,
        );

        // The people: one wallet holder who decides and pays, one to three allies who use
        // the product and influence the choice.
        let allies = (1 + rng.below(3)).min(remaining - 2);
        for member in 0..=allies {
            let mut person = self.person(rng, place);
            person.kind = kind;
            person.income_band = None;
            person.role = Some(
                if member == 0 {
                    ROLE_WALLET_HOLDER
                } else {
                    ROLE_ALLY
                }
                .to_owned(),
            );
            // Members are recorded after their organisation, so a store can insert in order.
            let joined = (created + 1 + seconds(rng.range(0.0, 30.0)))
                .min(now)
                .max(created);
            let member_lean = Lean::draw(rng, 40, 35, 25);
            let who = self.push(person, joined, owner, language, member_lean, Some(index));
            if member == 0 {
                let meetings = rng.poisson(1.0 + 0.15 * orders as f64).min(20);
                self.contacts(
                    rng,
                    who,
                    meetings,
                    joined,
                    active_until,
                    0.3,
                    &DECISION_MAKER,
                );
            } else {
                let chats = rng.poisson(0.5 + 0.1 * orders as f64).min(15);
                self.contacts(rng, who, chats, joined, active_until, 0.7, &PRODUCT_USER);
                if rng.chance(0.5) {
                    for _ in 0..1 + rng.below(2) {
                        let at = self.clock.between(rng, joined, active_until);
                        self.respond(rng, who, at);
                    }
                }
                if rng.chance(0.12) {
                    for _ in 0..1 + rng.below(2) {
                        let at = self.clock.between(rng, joined, active_until);
                        self.complaint(rng, who, at);
                    }
                }
            }
        }
    }

    // ----- orders ---------------------------------------------------------------------

    /// The first order: often the moment the customer was recorded, sometimes weeks later
    /// (a lead that converted). May fall after `as_of`, leaving a prospect.
    fn first_order(&self, rng: &mut Rng, created: i64) -> i64 {
        let lag = if rng.chance(0.6) {
            rng.range(0.0, 0.02)
        } else {
            rng.exponential(20.0)
        };
        created + seconds(lag)
    }

    /// The order dates of a buy-till-you-die customer, into `self.times`.
    fn buy_till_you_die(&mut self, rng: &mut Rng, first: i64, habit: &Habit) {
        self.times.clear();
        let now = self.clock.now as f64;
        let mut at = first as f64;
        let mean_gap = DAY as f64 / habit.rate.max(1e-9);
        while at <= now && self.times.len() < MAX_ORDERS {
            self.times.push(at as i64);
            if rng.chance(habit.dropout) {
                break;
            }
            at += rng.exponential(mean_gap);
        }
    }

    /// Turns `self.times` into orders of customer `who`, with their cost of goods and the
    /// cost of serving them.
    fn place_orders(&mut self, rng: &mut Rng, who: u32, habit: &Habit) {
        for i in 0..self.times.len() {
            let at = self.times[i];
            let usd = rng.gamma(SPEND_SHAPE, 1.0 / habit.nu);
            let amount = self.prices.minor(usd);
            let cost = rng.chance(habit.cost_known).then(|| {
                let margin = (habit.margin + rng.range(-0.03, 0.03)).min(0.95);
                self.prices.round(amount as f64 * (1.0 - margin)).max(0)
            });
            self.orders.push(RawOrder {
                at,
                who,
                amount,
                cost,
            });
            self.serve(rng, who, at, amount, habit.heavy_service);
        }
    }

    /// Cost-to-serve entries around one order: shipping, discounts, promotions, returns and,
    /// for heavy customers, support time.
    fn serve(&mut self, rng: &mut Rng, who: u32, at: i64, amount: i64, heavy: bool) {
        let extras = if heavy {
            &HEAVY_SERVICE
        } else {
            &LIGHT_SERVICE
        };
        for extra in extras {
            if rng.chance(extra.chance) {
                let share = rng.range(extra.share.0, extra.share.1);
                let minor = self
                    .prices
                    .round(amount as f64 * share)
                    .max(self.prices.step);
                let when = self
                    .clock
                    .plus_days(at, rng.range(extra.days.0, extra.days.1));
                self.cost(who, when, extra.category, minor);
            }
        }
        if heavy && rng.chance(0.5) {
            let when = self.clock.plus_days(at, rng.range(0.0, 10.0));
            let minor = self.prices.minor(rng.range(8.0, 40.0));
            self.cost(who, when, "support", minor);
        }
    }

    fn cost(&mut self, who: u32, at: i64, category: &'static str, amount: i64) {
        self.costs.push(RawCost {
            at,
            who,
            category,
            amount,
        });
    }

    /// Everything around the orders placed from `self.times`: contacts, complaints and
    /// feedback. `chatty` scales how often the customer is in touch.
    fn life_around_orders(&mut self, rng: &mut Rng, who: Who, created: i64, chatty: f64) {
        let mine = self.times.len();
        let now = self.clock.now;
        let last = self.times.last().copied();
        let active_until = last.map_or(now, |l| self.clock.plus_days(l, 45.0));
        let touches = rng.poisson(chatty * (0.3 + 0.35 * mine as f64)).min(60);
        self.contacts(
            rng,
            who,
            touches,
            created,
            active_until,
            0.5,
            catalogue::channel_weights(who.language),
        );
        let complain = match who.lean {
            Lean::Detractor => 0.08,
            Lean::Passive => 0.02,
            Lean::Promoter => 0.008,
        };
        let mut complaints = 0;
        for i in 0..self.times.len() {
            let at = self.times[i];
            if complaints < 6 && rng.chance(complain) {
                let when = self.clock.plus_days(at, rng.range(0.5, 10.0));
                self.complaint(rng, who, when);
                complaints += 1;
            }
            if rng.chance(0.12) {
                let when = self.clock.plus_days(at, rng.range(1.0, 14.0));
                self.respond(rng, who, when);
            }
        }
    }

    // ----- contacts, complaints, feedback ---------------------------------------------

    /// `count` contacts between `from` and `to`, `inbound` the share the customer started,
    /// channels weighted as call, email, SMS, chat, meeting, visit.
    #[allow(clippy::too_many_arguments)]
    fn contacts(
        &mut self,
        rng: &mut Rng,
        who: Who,
        count: usize,
        from: i64,
        to: i64,
        inbound: f64,
        channels: &[u32; 6],
    ) {
        let summaries = catalogue::CONTACT_SUMMARIES.of(who.language);
        for _ in 0..count {
            let at = self.clock.between(rng, from, to);
            let direction = if rng.chance(inbound) {
                Direction::Inbound
            } else {
                Direction::Outbound
            };
            let channel = rng.weighted(channels);
            let employee = self.contact_person(rng, who.owner, at);
            let summary = rng.chance(0.7).then(|| *rng.pick(summaries));
            self.interactions.push(RawInteraction {
                at,
                who: who.index,
                channel,
                direction,
                employee,
                summary,
            });
        }
    }

    /// Mostly the owner; otherwise a colleague of the owner's team. Nobody speaks for the
    /// business after they have left: the leaver's customers go to the key-accounts
    /// manager from the day before they left.
    fn contact_person(&self, rng: &mut Rng, owner: Option<usize>, at: i64) -> usize {
        let pick = match owner {
            Some(o) if rng.chance(0.75) => o,
            Some(o) => *rng.pick(team_of(o)),
            None => *rng.pick(team_of(2)),
        };
        let gone = pick == LEAVER && at >= self.left_at - DAY;
        if gone || at < self.hired[pick] {
            KEY_MANAGER
        } else {
            pick
        }
    }

    fn complaint(&mut self, rng: &mut Rng, who: Who, opened: i64) {
        let severity = [
            Severity::Low,
            Severity::Medium,
            Severity::High,
            Severity::Critical,
        ][rng.weighted(&[35, 40, 20, 5])];
        let mean_days = match severity {
            Severity::Low => 8.0,
            Severity::Medium => 5.0,
            Severity::High => 3.0,
            Severity::Critical => 1.5,
        };
        let resolved = opened + seconds(rng.exponential(mean_days) + 0.1);
        // Some are simply never closed; the rest are open only while still being handled.
        let resolved = (resolved <= self.clock.now && rng.chance(0.93)).then_some(resolved);
        let subject = rng
            .chance(0.9)
            .then(|| *rng.pick(catalogue::COMPLAINT_SUBJECTS.of(who.language)));
        self.complaints.push(RawComplaint {
            opened,
            resolved,
            who: who.index,
            severity,
            subject,
        });
        let handled = resolved.unwrap_or(opened);
        self.cost(
            who.index,
            handled,
            "support",
            self.prices.minor(rng.range(5.0, 40.0)),
        );
    }

    /// One survey answer: NPS, CSAT or both, mostly true to the customer's leaning.
    fn respond(&mut self, rng: &mut Rng, who: Who, at: i64) {
        let lean = if rng.chance(0.8) {
            who.lean
        } else {
            Lean::draw(rng, 1, 1, 1)
        };
        let (nps, csat, comments): (i64, i64, &Texts) = match lean {
            Lean::Promoter => (rng.between(9, 10), rng.between(4, 5), &catalogue::PRAISE),
            Lean::Passive => (rng.between(7, 8), rng.between(3, 4), &catalogue::SHRUGS),
            Lean::Detractor => (rng.between(0, 6), rng.between(1, 2), &catalogue::GRIEVANCES),
        };
        let (with_nps, with_csat) = match rng.weighted(&[40, 30, 30]) {
            0 => (true, false),
            1 => (false, true),
            _ => (true, true),
        };
        let comment = rng
            .chance(0.55)
            .then(|| *rng.pick(comments.of(who.language)));
        self.feedback.push(RawFeedback {
            at,
            who: who.index,
            nps: with_nps.then_some(nps as i16),
            csat: with_csat.then_some(csat as i16),
            comment,
        });
    }

    // ----- the finished base ----------------------------------------------------------

    fn finish(self) -> DemoBase {
        let Builder {
            prices,
            left_at,
            hired,
            customers,
            parents,
            mut orders,
            mut costs,
            mut interactions,
            mut complaints,
            mut feedback,
            ..
        } = self;

        let employees = STAFF
            .iter()
            .zip(hired)
            .enumerate()
            .map(|(i, (member, hired))| {
                let left = (i == LEAVER).then(|| stamp(left_at));
                Employee {
                    name: member.name.to_owned(),
                    email: member.email.to_owned(),
                    role: member.role,
                    team: member.team.map(str::to_owned),
                    active: left.is_none(),
                    left_at: left,
                    created_at: stamp(hired),
                    updated_at: left.unwrap_or(stamp(hired)),
                }
            })
            .collect();

        // Customers are numbered in the order they were recorded; members are recorded
        // after their organisation, and ties keep generation order.
        let mut by_creation: Vec<u32> = (0..customers.len() as u32).collect();
        by_creation.sort_by_key(|&index| (customers[index as usize].created_at, index));
        let mut rank = vec![0u32; customers.len()];
        for (r, &index) in by_creation.iter().enumerate() {
            rank[index as usize] = r as u32;
        }
        // From here on activity refers to customers by their rank, which is also their
        // number: sorting then compares neighbouring memory only. Sorts are stable, so that
        // ties keep generation order whatever sorting algorithm the standard library uses.
        let customer_id = |rank: u32| numbered("CUS-", rank as usize + 1, 6);
        for o in &mut orders {
            o.who = rank[o.who as usize];
        }
        for c in &mut costs {
            c.who = rank[c.who as usize];
        }
        for i in &mut interactions {
            i.who = rank[i.who as usize];
        }
        for c in &mut complaints {
            c.who = rank[c.who as usize];
        }
        for f in &mut feedback {
            f.who = rank[f.who as usize];
        }

        let mut slots: Vec<Option<Customer>> = customers.into_iter().map(Some).collect();
        let customers: Vec<Customer> = by_creation
            .iter()
            .enumerate()
            .map(|(r, &index)| {
                let mut customer = slots[index as usize]
                    .take()
                    .expect("each customer is taken once");
                customer.customer_id = customer_id(r as u32);
                customer.organisation_id =
                    parents[index as usize].map(|org| customer_id(rank[org as usize]));
                customer
            })
            .collect();

        let currency = prices.currency;
        orders.sort_by_key(|o| (o.at, o.who));
        let orders = orders
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let at = stamp(o.at);
                Order {
                    order_id: numbered("ORD-", i + 1, 7),
                    customer_id: customer_id(o.who),
                    ordered_at: at,
                    amount: prices.money(o.amount),
                    cost: o.cost.map(|c| prices.money(c)),
                    currency,
                    updated_at: at,
                }
            })
            .collect();

        costs.sort_by_key(|c| (c.at, c.who));
        let costs = costs
            .iter()
            .map(|c| CostEntry {
                customer_id: customer_id(c.who),
                incurred_at: stamp(c.at),
                category: c.category.to_owned(),
                amount: prices.money(c.amount),
            })
            .collect();

        interactions.sort_by_key(|i| (i.at, i.who));
        let interactions = interactions
            .iter()
            .map(|i| Interaction {
                customer_id: customer_id(i.who),
                occurred_at: stamp(i.at),
                channel: Some(catalogue::CHANNELS[i.channel]),
                direction: Some(i.direction),
                employee_email: Some(STAFF[i.employee].email.to_owned()),
                summary: i.summary.map(str::to_owned),
            })
            .collect();

        complaints.sort_by_key(|c| (c.opened, c.who));
        let complaints = complaints
            .iter()
            .enumerate()
            .map(|(i, c)| Complaint {
                complaint_id: numbered("CMP-", i + 1, 6),
                customer_id: customer_id(c.who),
                opened_at: stamp(c.opened),
                resolved_at: c.resolved.map(stamp),
                severity: c.severity,
                subject: c.subject.map(str::to_owned),
                updated_at: stamp(c.resolved.unwrap_or(c.opened)),
            })
            .collect();

        feedback.sort_by_key(|f| (f.at, f.who));
        let feedback = feedback
            .iter()
            .map(|f| Feedback {
                customer_id: customer_id(f.who),
                given_at: stamp(f.at),
                nps: f.nps,
                csat: f.csat,
                comment: f.comment.map(str::to_owned),
            })
            .collect();

        DemoBase {
            employees,
            customers,
            orders,
            costs,
            interactions,
            complaints,
            feedback,
        }
    }
}

// ----- small helpers -----------------------------------------------------------------------

/// `PREFIX000042`: a number zero-padded to `width` digits behind its prefix, written digit by
/// digit because a base of 100,000 customers needs over a million of them.
fn numbered(prefix: &str, n: usize, width: usize) -> String {
    let mut digits = [0u8; 20];
    let (mut len, mut rest) = (0, n);
    loop {
        digits[len] = b'0' + (rest % 10) as u8;
        len += 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(prefix.len() + len.max(width));
    id.push_str(prefix);
    id.extend(std::iter::repeat_n('0', width.saturating_sub(len)));
    id.extend(digits[..len].iter().rev().map(|d| char::from(*d)));
    id
}

fn blank_customer(party: Party) -> Customer {
    Customer {
        customer_id: String::new(),
        name: None,
        party,
        kind: CustomerKind::External,
        email: None,
        phone: None,
        organisation_id: None,
        role: None,
        birth_year: None,
        gender: None,
        income_band: None,
        city: None,
        region: None,
        country: None,
        acquisition_channel: None,
        acquisition_cost: None,
        competitor: None,
        competitor_reason: None,
        owner_email: None,
        tags: Vec::new(),
        created_at: Timestamp::UNIX_EPOCH,
        updated_at: Timestamp::UNIX_EPOCH,
    }
}

fn pick_place(rng: &mut Rng) -> &'static Place {
    // Weights are summed once per draw; 21 places make that cheaper than caching.
    let total: u32 = catalogue::PLACES.iter().map(|p| p.weight).sum();
    let mut ticket = rng.below(total as usize) as u32;
    for place in catalogue::PLACES {
        if ticket < place.weight {
            return place;
        }
        ticket -= place.weight;
    }
    &catalogue::PLACES[0]
}

fn locate(customer: &mut Customer, place: &Place) {
    customer.city = Some(place.city.to_owned());
    customer.region = Some(place.region.to_owned());
    customer.country = Some(place.country.to_owned());
}

/// `given.family.N@example.org`: the generation number keeps addresses unique.
fn email(given: &Word, family: &Word, index: u32, rng: &mut Rng) -> String {
    let mut address = String::with_capacity(48);
    catalogue::email_part(given.1, &mut address);
    address.push('.');
    catalogue::email_part(family.1, &mut address);
    address.push('.');
    address.push_str(&index.to_string());
    address.push('@');
    let domain = rng.pick(catalogue::EMAIL_DOMAINS);
    address.push_str(domain);
    address
}
