//! People and their make-up: names, contact details, a demographic profile, how they were
//! acquired, and the planted profile.

use clientele_core::enums::{CustomerKind, Party};
use clientele_core::model::Customer;
use jiff::Timestamp;

use crate::builder::Builder;
use crate::catalogue::{self, Place, Word};
use crate::clock::stamp;
use crate::rng::Rng;
use crate::{PLANTED_AGES, PLANTED_CHANNEL, PLANTED_INCOME_BAND, has_planted_profile};

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
pub(crate) const PERSON_CHANNELS: [u32; 5] = [33, 25, 25, 10, 7];
/// How organisations and resellers find it.
pub(crate) const BUSINESS_CHANNELS: [u32; 5] = [5, 10, 20, 40, 25];

const INCOME_BANDS: [&str; 3] = ["low", "middle", PLANTED_INCOME_BAND];
const INCOME_WEIGHTS: [u32; 3] = [33, 42, 25];

impl Builder {
    /// A person with a name, contact details and (mostly) a demographic profile, in a place
    /// drawn from [`catalogue::PLACES`]; `created_at` is set by the caller.
    pub(crate) fn person(&self, rng: &mut Rng, place: &'static Place) -> Customer {
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

    pub(crate) fn acquire(&self, rng: &mut Rng, customer: &mut Customer, weights: &[u32; 5]) {
        if rng.chance(0.05) {
            return;
        }
        let acquisition = &ACQUISITION[rng.weighted(weights)];
        customer.acquisition_channel = Some(acquisition.channel.to_owned());
        let (lo, hi) = acquisition.cost_usd;
        customer.acquisition_cost = Some(self.prices.money(self.prices.minor(rng.range(lo, hi))));
    }

    /// Gives a person the planted profile (a lookalike prospect).
    pub(crate) fn plant(&self, rng: &mut Rng, customer: &mut Customer) {
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

    pub(crate) fn planted(&self, customer: &Customer) -> bool {
        has_planted_profile(customer, stamp(self.clock.now))
    }
}

pub(crate) fn blank_customer(party: Party) -> Customer {
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

pub(crate) fn pick_place(rng: &mut Rng) -> &'static Place {
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

pub(crate) fn locate(customer: &mut Customer, place: &Place) {
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
