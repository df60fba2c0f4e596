//! An organisation that orders, with its wallet holder and allies, who talk, complain and give
//! feedback.

use clientele_core::enums::{CustomerKind, Party};
use clientele_core::model::{ROLE_ALLY, ROLE_WALLET_HOLDER};

use crate::activity::{DECISION_MAKER, MAIL_ONLY, PRODUCT_USER};
use crate::builder::{Builder, Lean};
use crate::catalogue;
use crate::clock::seconds;
use crate::customers::{BUSINESS_CHANNELS, blank_customer, locate, pick_place};
use crate::employees::{KEY_OWNERS, pick_owner};
use crate::orders::Habit;
use crate::rng::Rng;

impl Builder {
    pub(crate) fn organisation(&mut self, rng: &mut Rng, remaining: usize) {
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
        let habit = Habit::steady(rng, 21.0, |rng| rng.beta(1.0, 20.0), (0.18, 0.35), 0.95)
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
}
