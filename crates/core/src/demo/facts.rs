//! The demo base as the analytics see it: one [`CustomerFacts`] per customer, so that the
//! models can be tried and tested on the demo without a store in between.

use std::collections::HashMap;

use super::DemoBase;
use crate::analytics::{CostFact, CustomerFacts, OrderFact, Profile};
use crate::time::to_millis;

impl DemoBase {
    /// Every customer's facts, in the order of [`DemoBase::customers`]: time in milliseconds
    /// since the epoch, money in minor units, each customer's orders and costs in the order
    /// the base lists them (by date).
    pub fn facts(&self) -> Vec<CustomerFacts> {
        let mut facts: Vec<CustomerFacts> = self
            .customers
            .iter()
            .map(|c| CustomerFacts {
                customer_id: c.customer_id.clone(),
                created_at: to_millis(c.created_at),
                acquisition_cost: c.acquisition_cost.map(|m| m.minor()),
                profile: Profile {
                    birth_year: c.birth_year,
                    gender: c.gender.clone(),
                    income_band: c.income_band.clone(),
                    city: c.city.clone(),
                    region: c.region.clone(),
                    country: c.country.clone(),
                    acquisition_channel: c.acquisition_channel.clone(),
                },
                orders: Vec::new(),
                costs: Vec::new(),
            })
            .collect();
        // Only looked up, never iterated: the hash order cannot leak into the result.
        let index: HashMap<&str, usize> = self
            .customers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.customer_id.as_str(), i))
            .collect();
        for order in &self.orders {
            let i = index[order.customer_id.as_str()];
            facts[i].orders.push(OrderFact {
                at: to_millis(order.ordered_at),
                amount: order.amount.minor(),
                cost: order.cost.map(|c| c.minor()),
            });
        }
        for cost in &self.costs {
            let i = index[cost.customer_id.as_str()];
            facts[i].costs.push(CostFact {
                at: to_millis(cost.incurred_at),
                amount: cost.amount.minor(),
            });
        }
        facts
    }
}

#[cfg(test)]
mod tests {
    use crate::demo::{DemoSpec, generate};
    use crate::money::Currency;

    #[test]
    fn facts_hold_every_order_and_cost_of_the_base_once() {
        let spec = DemoSpec {
            customers: 500,
            seed: 7,
            as_of: "2026-11-22T10:00:00Z".parse().unwrap(),
            currency: Currency::USD,
        };
        let base = generate(&spec);
        let facts = base.facts();
        assert_eq!(facts.len(), base.customers.len());
        let orders: usize = facts.iter().map(|f| f.orders.len()).sum();
        let costs: usize = facts.iter().map(|f| f.costs.len()).sum();
        assert_eq!((orders, costs), (base.orders.len(), base.costs.len()));
        let revenue: i64 = facts.iter().flat_map(|f| &f.orders).map(|o| o.amount).sum();
        let expected: i64 = base.orders.iter().map(|o| o.amount.minor()).sum();
        assert_eq!(revenue, expected);
        for (f, c) in facts.iter().zip(&base.customers) {
            assert_eq!(f.customer_id, c.customer_id);
            assert_eq!(f.profile.income_band, c.income_band);
            assert!(f.orders.windows(2).all(|w| w[0].at <= w[1].at));
        }
    }
}
