//! The demo base as the analytics see it: one [`CustomerFacts`] per customer, so that the
//! models can be tried and tested on the demo without a store in between.

use std::collections::HashMap;

use clientele_core::analytics::{CostFact, CustomerFacts, OrderFact, Profile};
use clientele_core::classify::{
    ComplaintFact, CustomerContext, FeedbackFact, InteractionFact, OwnerFact,
};
use clientele_core::time::to_millis;

use crate::DemoBase;

impl DemoBase {
    /// Each customer's position in [`DemoBase::customers`], by id. Only looked up, never
    /// iterated: the hash order cannot leak into a result.
    fn customer_index(&self) -> HashMap<&str, usize> {
        self.customers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.customer_id.as_str(), i))
            .collect()
    }

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
        let index = self.customer_index();
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

impl DemoBase {
    /// Every customer's context for the type engine, aligned with [`DemoBase::facts`].
    /// Employees are keyed by their position in [`DemoBase::employees`], plus one.
    pub fn context(&self) -> Vec<CustomerContext> {
        let employee: HashMap<&str, i64> = self
            .employees
            .iter()
            .enumerate()
            .map(|(i, e)| (e.email.as_str(), i as i64 + 1))
            .collect();
        let mut context: Vec<CustomerContext> = self
            .customers
            .iter()
            .map(|c| CustomerContext {
                kind: c.kind,
                party: c.party,
                role: c.role.clone(),
                organisation_id: c.organisation_id.clone(),
                owner: c.owner_email.as_deref().and_then(|email| {
                    let key = *employee.get(email)?;
                    let e = &self.employees[(key - 1) as usize];
                    Some(OwnerFact {
                        employee: key,
                        email: e.email.clone(),
                        name: e.name.clone(),
                        left_at: e.left_at.map(to_millis),
                    })
                }),
                ..Default::default()
            })
            .collect();
        let index = self.customer_index();
        for c in &self.complaints {
            context[index[c.customer_id.as_str()]]
                .complaints
                .push(ComplaintFact {
                    opened_at: to_millis(c.opened_at),
                    resolved_at: c.resolved_at.map(to_millis),
                    severity: c.severity,
                });
        }
        for f in &self.feedback {
            context[index[f.customer_id.as_str()]]
                .feedback
                .push(FeedbackFact {
                    given_at: to_millis(f.given_at),
                    nps: f.nps.and_then(|v| u8::try_from(v).ok()),
                    csat: f.csat.and_then(|v| u8::try_from(v).ok()),
                });
        }
        for i in &self.interactions {
            context[index[i.customer_id.as_str()]]
                .interactions
                .push(InteractionFact {
                    occurred_at: to_millis(i.occurred_at),
                    channel: i.channel,
                    employee: i
                        .employee_email
                        .as_deref()
                        .and_then(|e| employee.get(e).copied()),
                });
        }
        context
    }
}

#[cfg(test)]
mod tests {
    use crate::{DemoSpec, generate};
    use clientele_core::money::Currency;

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
