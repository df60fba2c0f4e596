//! The finished base: customers numbered by the date they were recorded, activity by date.

use clientele_core::model::{Complaint, CostToServe, Customer, Feedback, Interaction, Order};

use crate::DemoBase;
use crate::builder::Builder;
use crate::catalogue;
use crate::clock::stamp;
use crate::employees::{STAFF, employees};

impl Builder {
    pub(crate) fn finish(self) -> DemoBase {
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

        let employees = employees(hired, left_at);

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
            .map(|c| CostToServe {
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
                outcome: None,
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

/// `PREFIX000042`: a number zero-padded to `width` digits behind its prefix, written digit by
/// digit because a base of 100,000 customers needs over a million of them.
pub(crate) fn numbered(prefix: &str, n: usize, width: usize) -> String {
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
