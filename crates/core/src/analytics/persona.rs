//! The persona of the best customers (spec §6, the "ideal customer"): the demographic
//! and acquisition profile of tier `A` against the rest, attribute by attribute, with the
//! lift that says which values are over-represented among the best (whom to attract
//! more of).
//!
//! Both sides are customers **with at least one order**: tier `A` against the other buyers.
//! Prospects are left out because they have no value yet; with them, the comparison would
//! mostly show who buys at all rather than who is worth most.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

use super::cohorts::civil_year;
use super::pareto::ValueTier;
use super::{CustomerFacts, CustomerSummary, Millis, Profile};

/// The profile attributes personas and lookalike scores compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProfileAttribute {
    /// Age at the as-of year (as-of year − birth year), in bands.
    AgeBand,
    Gender,
    IncomeBand,
    City,
    Region,
    Country,
    AcquisitionChannel,
}

impl ProfileAttribute {
    pub const ALL: [ProfileAttribute; 7] = [
        ProfileAttribute::AgeBand,
        ProfileAttribute::Gender,
        ProfileAttribute::IncomeBand,
        ProfileAttribute::City,
        ProfileAttribute::Region,
        ProfileAttribute::Country,
        ProfileAttribute::AcquisitionChannel,
    ];
}

/// How ages are banded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgeBands {
    /// The marketing bands of the persona chart: <25, 25-34, …, 55-64, 65+.
    Decades,
    /// Five-year bands, <20, 20-24, …, 75-79, 80+: fine enough for the lookalike score to
    /// learn an age range that does not fall on a decade.
    FiveYears,
}

const DECADE_BANDS: [&str; 6] = ["<25", "25-34", "35-44", "45-54", "55-64", "65+"];
const FIVE_YEAR_BANDS: [&str; 14] = [
    "<20", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64",
    "65-69", "70-74", "75-79", "80+",
];

impl AgeBands {
    /// The band names, youngest first.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            AgeBands::Decades => &DECADE_BANDS,
            AgeBands::FiveYears => &FIVE_YEAR_BANDS,
        }
    }

    /// The band of a birth year at the as-of year; `None` when the birth year is unknown or
    /// after the as-of year.
    pub fn band(self, birth_year: Option<i32>, as_of_year: i64) -> Option<&'static str> {
        let age = as_of_year - i64::from(birth_year?);
        if age < 0 {
            return None;
        }
        let index = match self {
            AgeBands::Decades if age < 25 => 0,
            AgeBands::Decades => ((age - 25) / 10 + 1).min(5),
            AgeBands::FiveYears => ((age - 15) / 5).clamp(0, 13),
        };
        Some(self.names()[index as usize])
    }
}

/// A profile's value of one attribute; `None` when not recorded (or blank).
pub(crate) fn attribute_value(
    profile: &Profile,
    attribute: ProfileAttribute,
    as_of_year: i64,
    bands: AgeBands,
) -> Option<&str> {
    let text = match attribute {
        ProfileAttribute::AgeBand => return bands.band(profile.birth_year, as_of_year),
        ProfileAttribute::Gender => &profile.gender,
        ProfileAttribute::IncomeBand => &profile.income_band,
        ProfileAttribute::City => &profile.city,
        ProfileAttribute::Region => &profile.region,
        ProfileAttribute::Country => &profile.country,
        ProfileAttribute::AcquisitionChannel => &profile.acquisition_channel,
    };
    text.as_deref().filter(|t| !t.trim().is_empty())
}

/// Orders values for display: age bands youngest first, other values by name, the unknown
/// value last.
pub(crate) fn display_order(
    attribute: ProfileAttribute,
    bands: AgeBands,
    a: Option<&str>,
    b: Option<&str>,
) -> std::cmp::Ordering {
    match (rank(attribute, bands, a), rank(attribute, bands, b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (x, y) => y.is_some().cmp(&x.is_some()),
    }
}

/// The sort key of a recorded value: its band's position for age bands, else 0; then the text.
fn rank(
    attribute: ProfileAttribute,
    bands: AgeBands,
    value: Option<&str>,
) -> Option<(usize, &str)> {
    value.map(|v| {
        let band = match attribute {
            ProfileAttribute::AgeBand => bands.names().iter().position(|n| *n == v),
            _ => None,
        };
        (band.unwrap_or(0), v)
    })
}

/// One value of one attribute, tier `A` against the other buyers.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct PersonaRow {
    pub attribute: ProfileAttribute,
    /// `None`: not recorded.
    pub value: Option<String>,
    pub customers_a: u64,
    pub customers_rest: u64,
    /// Share of tier `A` with this value.
    pub share_a: f64,
    /// Share of the other buyers with this value.
    pub share_rest: f64,
    /// How over-represented the value is in tier `A`: share in `A` over share in the rest,
    /// each Laplace-smoothed (one added to every value's count), so that it is defined when
    /// the rest has none and does not explode on a handful of customers.
    pub lift: f64,
}

/// The persona: every recorded value of every attribute.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Persona {
    /// Tier-`A` customers with at least one order.
    pub tier_a_customers: u64,
    /// Other customers with at least one order.
    pub rest_customers: u64,
    /// By attribute (in [`ProfileAttribute::ALL`] order), then age bands youngest first and
    /// other values by name, the unrecorded value last.
    pub rows: Vec<PersonaRow>,
}

/// The persona of tier `A`. The three slices are aligned, one entry per customer; ages are
/// taken at the UTC year of `as_of`.
///
/// # Panics
///
/// If the slices differ in length.
pub fn persona(
    facts: &[CustomerFacts],
    summaries: &[CustomerSummary],
    tiers: &[ValueTier],
    as_of: Millis,
) -> Persona {
    assert!(
        facts.len() == summaries.len() && facts.len() == tiers.len(),
        "facts, summaries and tiers must be aligned"
    );
    let year = civil_year(as_of);
    let bands = AgeBands::Decades;
    // Per attribute: value → [count in A, count in the rest]; keys borrow from the facts.
    let mut counts: Vec<BTreeMap<Option<&str>, [u64; 2]>> =
        vec![BTreeMap::new(); ProfileAttribute::ALL.len()];
    let mut sizes = [0u64; 2];
    for ((fact, summary), &tier) in facts.iter().zip(summaries).zip(tiers) {
        if summary.orders == 0 {
            continue;
        }
        let side = usize::from(tier != ValueTier::A);
        sizes[side] += 1;
        for (attribute, map) in ProfileAttribute::ALL.iter().zip(counts.iter_mut()) {
            let value = attribute_value(&fact.profile, *attribute, year, bands);
            map.entry(value).or_default()[side] += 1;
        }
    }
    let share = |count: u64, size: u64| {
        if size == 0 {
            0.0
        } else {
            count as f64 / size as f64
        }
    };
    let mut rows = Vec::new();
    for (&attribute, map) in ProfileAttribute::ALL.iter().zip(&counts) {
        let k = map.len() as f64;
        let mut values: Vec<(Option<&str>, [u64; 2])> = map.iter().map(|(v, c)| (*v, *c)).collect();
        values.sort_by(|x, y| display_order(attribute, bands, x.0, y.0));
        rows.extend(values.into_iter().map(|(value, [a, rest])| {
            let smoothed_a = (a as f64 + 1.0) / (sizes[0] as f64 + k);
            let smoothed_rest = (rest as f64 + 1.0) / (sizes[1] as f64 + k);
            PersonaRow {
                attribute,
                value: value.map(str::to_owned),
                customers_a: a,
                customers_rest: rest,
                share_a: share(a, sizes[0]),
                share_rest: share(rest, sizes[1]),
                lift: smoothed_a / smoothed_rest,
            }
        }));
    }
    Persona {
        tier_a_customers: sizes[0],
        rest_customers: sizes[1],
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::DAY_MS;
    use crate::splitmix::shuffle;
    use proptest::prelude::*;

    /// 2026-06-01T00:00:00Z.
    const AS_OF: Millis = 20_605 * DAY_MS;

    fn customer(born: Option<i32>, gender: Option<&str>, channel: Option<&str>) -> CustomerFacts {
        CustomerFacts {
            profile: Profile {
                birth_year: born,
                gender: gender.map(str::to_owned),
                acquisition_channel: channel.map(str::to_owned),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    fn buyer() -> CustomerSummary {
        CustomerSummary {
            orders: 1,
            ..Default::default()
        }
    }

    #[test]
    fn age_bands_have_their_edges_where_the_names_say() {
        let band = |bands: AgeBands, age: i32| bands.band(Some(2026 - age), 2026);
        assert_eq!(band(AgeBands::Decades, 24), Some("<25"));
        assert_eq!(band(AgeBands::Decades, 25), Some("25-34"));
        assert_eq!(band(AgeBands::Decades, 44), Some("35-44"));
        assert_eq!(band(AgeBands::Decades, 65), Some("65+"));
        assert_eq!(band(AgeBands::Decades, 104), Some("65+"));
        assert_eq!(band(AgeBands::FiveYears, 0), Some("<20"));
        assert_eq!(band(AgeBands::FiveYears, 19), Some("<20"));
        assert_eq!(band(AgeBands::FiveYears, 30), Some("30-34"));
        assert_eq!(band(AgeBands::FiveYears, 45), Some("45-49"));
        assert_eq!(band(AgeBands::FiveYears, 79), Some("75-79"));
        assert_eq!(band(AgeBands::FiveYears, 80), Some("80+"));
        assert_eq!(band(AgeBands::FiveYears, -1), None);
        assert_eq!(AgeBands::Decades.band(None, 2026), None);
    }

    #[test]
    fn persona_by_hand() {
        let facts = [
            customer(Some(1990), Some("female"), Some("referral")), // 36: A
            customer(Some(1988), Some("female"), Some("referral")), // 38: A
            customer(Some(2000), Some("male"), Some("organic")),    // 26: rest
            customer(None, Some("female"), None),                   // rest
            customer(Some(1960), Some("male"), Some("referral")),   // prospect: left out
        ];
        let summaries = [
            buyer(),
            buyer(),
            buyer(),
            buyer(),
            CustomerSummary::default(),
        ];
        let tiers = [
            ValueTier::A,
            ValueTier::A,
            ValueTier::B,
            ValueTier::C,
            ValueTier::C,
        ];
        let p = persona(&facts, &summaries, &tiers, AS_OF);
        assert_eq!((p.tier_a_customers, p.rest_customers), (2, 2));
        let of = |attribute: ProfileAttribute| -> Vec<(Option<&str>, u64, u64)> {
            p.rows
                .iter()
                .filter(|r| r.attribute == attribute)
                .map(|r| (r.value.as_deref(), r.customers_a, r.customers_rest))
                .collect()
        };
        assert_eq!(
            of(ProfileAttribute::AgeBand),
            vec![(Some("25-34"), 0, 1), (Some("35-44"), 2, 0), (None, 0, 1)]
        );
        assert_eq!(
            of(ProfileAttribute::AcquisitionChannel),
            vec![
                (Some("organic"), 0, 1),
                (Some("referral"), 2, 0),
                (None, 0, 1)
            ]
        );
        // Referral: A 2 of 2, rest 0 of 2, three values: lift (3/5) / (1/5) = 3.
        let referral = p
            .rows
            .iter()
            .find(|r| r.value.as_deref() == Some("referral"))
            .unwrap();
        assert_eq!((referral.share_a, referral.share_rest), (1.0, 0.0));
        assert!((referral.lift - 3.0).abs() < 1e-12);
        // Nobody records region: one unknown value, lift 1.
        let region: Vec<_> = p
            .rows
            .iter()
            .filter(|r| r.attribute == ProfileAttribute::Region)
            .collect();
        assert_eq!(region.len(), 1);
        assert_eq!((region[0].value.clone(), region[0].lift), (None, 1.0));
    }

    #[test]
    fn an_empty_base_has_an_empty_persona() {
        let p = persona(&[], &[], &[], AS_OF);
        assert_eq!((p.tier_a_customers, p.rest_customers), (0, 0));
        assert!(p.rows.is_empty());
    }

    proptest! {
        #[test]
        fn the_persona_does_not_depend_on_input_order(
            raw in prop::collection::vec((prop::option::of(1940i32..2010), 0usize..3, 0usize..3, 0u32..3), 0..40),
            seed in any::<u64>(),
        ) {
            let genders = [None, Some("female"), Some("male")];
            let mut rows: Vec<(CustomerFacts, CustomerSummary, ValueTier)> = raw
                .iter()
                .map(|&(born, g, t, orders)| {
                    (
                        customer(born, genders[g], genders[(g + t) % 3]),
                        CustomerSummary { orders, ..Default::default() },
                        ValueTier::ALL[t],
                    )
                })
                .collect();
            let run = |rows: &[(CustomerFacts, CustomerSummary, ValueTier)]| {
                let facts: Vec<_> = rows.iter().map(|r| r.0.clone()).collect();
                let summaries: Vec<_> = rows.iter().map(|r| r.1.clone()).collect();
                let tiers: Vec<_> = rows.iter().map(|r| r.2).collect();
                persona(&facts, &summaries, &tiers, AS_OF)
            };
            let before = run(&rows);
            shuffle(&mut rows, seed);
            prop_assert_eq!(run(&rows), before);
        }
    }
}
