//! The units of generation: one kind of customer each, with the orders and the contacts that
//! make it what it is (organisations have their own module).

use clientele_core::enums::{CustomerKind, Party};

use crate::PLANTED_SHARE;
use crate::activity::spread_apart;
use crate::activity::{PROSPECTING, SERVICE_DESK};
use crate::builder::{Builder, Lean};
use crate::catalogue;
use crate::clock::seconds;
use crate::customers::{BUSINESS_CHANNELS, PERSON_CHANNELS, blank_customer, locate, pick_place};
use crate::employees::{INTERNAL_OWNERS, KEY_OWNERS, RETAIL_OWNERS, pick_owner};
use crate::orders::Habit;
use crate::rng::Rng;

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

impl Builder {
    pub(crate) fn unit(&mut self, rng: &mut Rng, remaining: usize) {
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

    pub(crate) fn ordinary(&mut self, rng: &mut Rng) {
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
        self.live(rng, who, created, &habit, 1.0);
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
        self.live(rng, who, created, &habit, 2.0);
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
        let habit =
            Habit::steady(rng, 14.0, |rng| rng.beta(1.0, 25.0), (0.10, 0.20), 0.95).spending(5.0);
        let created = self.clock.acquired(rng, self.clock.start, self.clock.now);
        let owner = pick_owner(rng, &KEY_OWNERS);
        let lean = Lean::draw(rng, 40, 40, 20);
        let who = self.push(customer, created, owner, place.language, lean, None);
        self.live(rng, who, created, &habit, 1.5);
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
        let habit = Habit::steady(rng, 45.0, |_| 0.01, (0.0, 0.04), 1.0).spending(0.7);
        if rng.chance(0.6) {
            let first = self.first_order(rng, created);
            self.buy_till_you_die(rng, first, &habit);
        } else {
            self.times.clear();
        }
        self.place_orders(rng, who.index, &habit);
        self.life_around_orders(rng, who, created, 0.5);
    }
}
