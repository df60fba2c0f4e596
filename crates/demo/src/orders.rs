//! Orders, buy till you die, and the cost of serving them.

use crate::builder::{Builder, Who};
use crate::clock::{DAY, seconds};
use crate::rng::Rng;

/// A customer's buying habit while alive (buy till you die).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Habit {
    /// Orders per day.
    pub(crate) rate: f64,
    /// Probability of dropping out for good after each order.
    pub(crate) dropout: f64,
    /// Gamma-Gamma rate ν: the customer's mean spend is SPEND_SHAPE / ν dollars.
    pub(crate) nu: f64,
    /// Gross margin rate of the goods this customer buys.
    pub(crate) margin: f64,
    /// Share of orders whose cost of goods is recorded.
    pub(crate) cost_known: f64,
    /// Whether serving this customer is costly (shipping, discounts, returns, support).
    pub(crate) heavy_service: bool,
}

/// Shape of the per-order spend around the customer's mean (Gamma-Gamma's p).
const SPEND_SHAPE: f64 = 4.0;
/// Upper bound on orders per customer: a weekly buyer for five years places about 260.
pub(crate) const MAX_ORDERS: usize = 400;

impl Habit {
    /// The ordinary customer: λ ~ Gamma(0.6, mean 1/35 per day), p ~ Beta(1.2, 3.8),
    /// ν ~ Gamma(3, rate 30) (mean spend 60 dollars).
    pub(crate) fn ordinary(rng: &mut Rng) -> Habit {
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

    /// A business's or a colleague's habit: an order every `gap_days` on average, more
    /// regular than an end customer's (gamma shape 2), with its own dropout, margin range
    /// and share of orders whose cost is known. Draws in the order of the fields, then the
    /// rest as for an ordinary customer.
    pub(crate) fn steady(
        rng: &mut Rng,
        gap_days: f64,
        dropout: impl FnOnce(&mut Rng) -> f64,
        margin: (f64, f64),
        cost_known: f64,
    ) -> Habit {
        Habit {
            rate: rng.gamma(2.0, 1.0 / (2.0 * gap_days)),
            dropout: dropout(rng),
            margin: rng.range(margin.0, margin.1),
            cost_known,
            ..Habit::ordinary(rng)
        }
    }

    /// The planted profile's boost: more orders, more loyalty, bigger baskets.
    pub(crate) fn planted(mut self) -> Habit {
        self.rate *= 4.0;
        self.dropout *= 0.2;
        self.nu /= 2.0;
        self
    }

    pub(crate) fn spending(mut self, factor: f64) -> Habit {
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

/// A costly customer (the spec's unprofitable one: "discounts and bonuses that make money for the client, not
/// the company"): free shipping every time, frequent discounts and returns.
const HEAVY_SERVICE: [ServiceCost; 4] = [
    extra("shipping", 1.0, (0.06, 0.12), (0.0, 2.0)),
    extra("discount", 0.4, (0.05, 0.2), (0.0, 0.0)),
    extra("promotion", 0.15, (0.05, 0.2), (0.0, 0.0)),
    extra("return", 0.15, (0.4, 1.0), (3.0, 30.0)),
];
/// Activity as generated: dates in whole seconds, and the customer by generation index
/// (their `customer_id` is known only once every customer has been numbered).
pub(crate) struct RawOrder {
    pub(crate) at: i64,
    pub(crate) who: u32,
    pub(crate) amount: i64,
    pub(crate) cost: Option<i64>,
}

pub(crate) struct RawCost {
    pub(crate) at: i64,
    pub(crate) who: u32,
    pub(crate) category: &'static str,
    pub(crate) amount: i64,
}

impl Builder {
    /// The first order: often the moment the customer was recorded, sometimes weeks later
    /// (a lead that converted). May fall after `as_of`, leaving a prospect.
    pub(crate) fn first_order(&self, rng: &mut Rng, created: i64) -> i64 {
        let lag = if rng.chance(0.6) {
            rng.range(0.0, 0.02)
        } else {
            rng.exponential(20.0)
        };
        created + seconds(lag)
    }

    /// A buy-till-you-die customer's whole life: a first order, the orders that follow
    /// while alive, and the contacts, complaints and feedback around them.
    pub(crate) fn live(
        &mut self,
        rng: &mut Rng,
        who: Who,
        created: i64,
        habit: &Habit,
        chatty: f64,
    ) {
        let first = self.first_order(rng, created);
        self.buy_till_you_die(rng, first, habit);
        self.place_orders(rng, who.index, habit);
        self.life_around_orders(rng, who, created, chatty);
    }

    /// The order dates of a buy-till-you-die customer, into `self.times`.
    pub(crate) fn buy_till_you_die(&mut self, rng: &mut Rng, first: i64, habit: &Habit) {
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
    pub(crate) fn place_orders(&mut self, rng: &mut Rng, who: u32, habit: &Habit) {
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

    pub(crate) fn cost(&mut self, who: u32, at: i64, category: &'static str, amount: i64) {
        self.costs.push(RawCost {
            at,
            who,
            category,
            amount,
        });
    }
}
