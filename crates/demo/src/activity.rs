//! Everything around the orders: contacts, complaints and survey answers.

use clientele_core::enums::{Direction, Severity};

use crate::builder::{Builder, Lean, Who};
use crate::catalogue::{self, Texts};
use crate::clock::{DAY, seconds};
use crate::employees::{KEY_MANAGER, LEAVER, team_of};
use crate::orders::RawCost;
use crate::rng::Rng;

/// How contacts are spread over call, e-mail, SMS, chat, meeting and visit, by purpose.
pub(crate) const PROSPECTING: [u32; 6] = [40, 35, 5, 5, 15, 0];
pub(crate) const SERVICE_DESK: [u32; 6] = [40, 30, 0, 30, 0, 0];
pub(crate) const MAIL_ONLY: [u32; 6] = [0, 1, 0, 0, 0, 0];
pub(crate) const DECISION_MAKER: [u32; 6] = [50, 10, 0, 0, 35, 5];
pub(crate) const PRODUCT_USER: [u32; 6] = [25, 35, 5, 35, 0, 0];

/// Contacts, complaints and survey answers as generated, like the orders: dates in whole
/// seconds and the customer by generation index.
pub(crate) struct RawInteraction {
    pub(crate) at: i64,
    pub(crate) who: u32,
    pub(crate) channel: usize,
    pub(crate) direction: Direction,
    pub(crate) employee: usize,
    pub(crate) summary: Option<&'static str>,
}

pub(crate) struct RawComplaint {
    pub(crate) opened: i64,
    pub(crate) resolved: Option<i64>,
    pub(crate) who: u32,
    pub(crate) severity: Severity,
    pub(crate) subject: Option<&'static str>,
}

pub(crate) struct RawFeedback {
    pub(crate) at: i64,
    pub(crate) who: u32,
    pub(crate) nps: Option<i16>,
    pub(crate) csat: Option<i16>,
    pub(crate) comment: Option<&'static str>,
}

/// The records whose dates [`spread_apart`] adjusts.
pub(crate) trait Dated {
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
pub(crate) fn spread_apart<T: Dated>(items: &mut [T], now: i64) {
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

impl Builder {
    /// Everything around the orders placed from `self.times`: contacts, complaints and
    /// feedback. `chatty` scales how often the customer is in touch.
    pub(crate) fn life_around_orders(
        &mut self,
        rng: &mut Rng,
        who: Who,
        created: i64,
        chatty: f64,
    ) {
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
    pub(crate) fn contacts(
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

    pub(crate) fn complaint(&mut self, rng: &mut Rng, who: Who, opened: i64) {
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
    pub(crate) fn respond(&mut self, rng: &mut Rng, who: Who, at: i64) {
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
}
