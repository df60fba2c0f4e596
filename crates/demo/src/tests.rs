use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::*;
use crate::finish::numbered;
use clientele_core::Channel;
use clientele_core::enums::{CustomerKind, EmployeeRole, Party};
use clientele_core::model::*;
use clientele_core::validation::FieldErrors;

const AS_OF: &str = "2026-11-22T10:00:00.123456Z";

fn spec(customers: usize, seed: u64) -> DemoSpec {
    DemoSpec {
        customers,
        seed,
        as_of: AS_OF.parse().unwrap(),
        currency: Currency::USD,
    }
}

fn second_base() -> &'static DemoBase {
    static BASE: std::sync::OnceLock<DemoBase> = std::sync::OnceLock::new();
    BASE.get_or_init(|| generate(&spec(2_000, 42)))
}

fn base() -> &'static DemoBase {
    static BASE: std::sync::OnceLock<DemoBase> = std::sync::OnceLock::new();
    BASE.get_or_init(|| generate(&spec(2_000, 1)))
}

// ----- every record passes the same validation as a client's or a CSV row's ----------------

/// Serialises a record, drops what a client cannot send, reads it as a draft, validates it,
/// and checks that validation gives back the same record.
fn round_trip<R, D>(record: &R, read_only: &[&str], validate: impl Fn(D) -> Result<R, FieldErrors>)
where
    R: Serialize + std::fmt::Debug,
    D: DeserializeOwned,
{
    let strip = |value: serde_json::Value| {
        let mut value = value;
        let object = value.as_object_mut().unwrap();
        for field in read_only {
            object.remove(*field);
        }
        value
    };
    let sent = strip(serde_json::to_value(record).unwrap());
    let draft: D = serde_json::from_value(sent.clone()).unwrap_or_else(|e| panic!("{e}: {sent}"));
    let validated = validate(draft).unwrap_or_else(|e| panic!("{e}: {sent}"));
    assert_eq!(strip(serde_json::to_value(&validated).unwrap()), sent);
}

fn assert_valid(base: &DemoBase, spec: &DemoSpec) {
    let ctx = Context::new(spec.as_of, spec.currency);
    for e in &base.employees {
        round_trip(e, EMPLOYEE_READ_ONLY, |d: EmployeeDraft| d.validate(&ctx));
    }
    for c in &base.customers {
        round_trip(c, CUSTOMER_READ_ONLY, |d: CustomerDraft| d.validate(&ctx));
    }
    for o in &base.orders {
        round_trip(o, ORDER_READ_ONLY, |d: OrderDraft| d.validate(&ctx));
    }
    for c in &base.costs {
        round_trip(c, COST_TO_SERVE_READ_ONLY, |d: CostToServeDraft| {
            d.validate(&ctx)
        });
    }
    for i in &base.interactions {
        round_trip(i, INTERACTION_READ_ONLY, |d: InteractionDraft| {
            d.validate(&ctx)
        });
    }
    for c in &base.complaints {
        round_trip(c, COMPLAINT_READ_ONLY, |d: ComplaintDraft| d.validate(&ctx));
    }
    for f in &base.feedback {
        round_trip(f, FEEDBACK_READ_ONLY, |d: FeedbackDraft| d.validate(&ctx));
    }
}

#[test]
fn every_generated_record_validates_as_a_draft_and_comes_back_unchanged() {
    assert_valid(base(), &spec(2_000, 1));
}

#[test]
fn amounts_suit_currencies_with_other_minor_units_and_price_levels() {
    for code in ["IRR", "JPY", "KWD", "GEL"] {
        let spec = DemoSpec {
            currency: code.parse().unwrap(),
            ..spec(300, 3)
        };
        let base = generate(&spec);
        assert_valid(&base, &spec);
        assert!(
            base.orders
                .iter()
                .all(|o| o.amount.minor() > 0 && o.currency == spec.currency)
        );
    }
    let rials = generate(&DemoSpec {
        currency: "IRR".parse().unwrap(),
        ..spec(200, 3)
    });
    // Rial prices are round: whole ten-thousands.
    assert!(
        rials
            .orders
            .iter()
            .all(|o| o.amount.minor() % 1_000_000 == 0)
    );
}

#[test]
fn a_base_dated_just_after_1900_is_still_valid() {
    let spec = DemoSpec {
        as_of: "1900-03-01T00:00:00Z".parse().unwrap(),
        ..spec(400, 5)
    };
    let base = generate(&spec);
    assert_eq!(base.customers.len(), 400);
    assert_valid(&base, &spec);
}

#[test]
#[should_panic(expected = "1900 to 2199")]
fn a_base_dated_before_1900_is_refused() {
    generate(&DemoSpec {
        as_of: "1899-12-31T00:00:00Z".parse().unwrap(),
        ..spec(10, 1)
    });
}

// ----- determinism ---------------------------------------------------------------------------

#[test]
fn the_same_spec_gives_the_same_base_and_another_seed_another() {
    assert!(
        generate(&spec(2_000, 1)) == *base(),
        "seed 1 differs between runs"
    );
    let other = second_base();
    assert_eq!(other.customers.len(), 2_000);
    assert_ne!(other.customers, base().customers);
    assert_ne!(other.orders.len(), base().orders.len());
}

#[test]
fn ids_are_numbered_with_zero_padding_that_grows_when_needed() {
    assert_eq!(numbered("CUS-", 42, 6), "CUS-000042");
    assert_eq!(numbered("ORD-", 0, 7), "ORD-0000000");
    assert_eq!(numbered("ORD-", 12_345_678, 7), "ORD-12345678");
}

#[test]
fn the_requested_number_of_customers_is_generated_exactly() {
    for n in [0, 1, 2, 3, 4, 17, 250] {
        assert_eq!(generate(&spec(n, 9)).customers.len(), n);
    }
}

// ----- integrity -----------------------------------------------------------------------------

#[test]
fn every_reference_points_at_an_existing_record_loaded_before_it() {
    let base = base();
    let emails: HashSet<&str> = base.employees.iter().map(|e| e.email.as_str()).collect();
    let mut seen: HashMap<&str, &Customer> = HashMap::new();
    for c in &base.customers {
        if let Some(org) = &c.organisation_id {
            let org = seen.get(org.as_str()).unwrap_or_else(|| {
                panic!("{} belongs to {org}, which is not before it", c.customer_id)
            });
            assert_eq!(org.party, Party::Organisation);
            assert!(org.organisation_id.is_none());
            assert_eq!(org.kind, c.kind);
            assert!(c.role.is_some());
        }
        if let Some(owner) = &c.owner_email {
            assert!(emails.contains(owner.as_str()), "{owner}");
        }
        seen.insert(&c.customer_id, c);
    }
    let known = |id: &str| assert!(seen.contains_key(id), "unknown customer {id}");
    base.orders.iter().for_each(|o| known(&o.customer_id));
    base.costs.iter().for_each(|c| known(&c.customer_id));
    base.complaints.iter().for_each(|c| known(&c.customer_id));
    base.feedback.iter().for_each(|f| known(&f.customer_id));
    for i in &base.interactions {
        known(&i.customer_id);
        assert!(emails.contains(i.employee_email.as_deref().unwrap()));
    }
}

#[test]
fn ids_and_e_mail_addresses_are_unique_and_activity_is_never_a_duplicate() {
    let base = base();
    // No two of the items are the same.
    fn unique<T: Eq + std::hash::Hash>(items: impl IntoIterator<Item = T>) {
        let mut seen = HashSet::new();
        assert!(items.into_iter().all(|item| seen.insert(item)));
    }
    unique(base.customers.iter().map(|c| c.customer_id.as_str()));
    unique(base.orders.iter().map(|o| o.order_id.as_str()));
    unique(base.complaints.iter().map(|c| c.complaint_id.as_str()));
    unique(base.employees.iter().map(|e| e.email.as_str()));
    unique(base.customers.iter().filter_map(|c| c.email.as_deref()));
    // Stores recognise these by their content, so none may repeat another.
    unique(
        base.costs
            .iter()
            .map(|c| (&c.customer_id, c.incurred_at, &c.category, c.amount)),
    );
    unique(base.interactions.iter().map(|i| {
        (
            &i.customer_id,
            i.occurred_at,
            i.channel,
            i.direction,
            &i.employee_email,
            &i.summary,
        )
    }));
    unique(
        base.feedback
            .iter()
            .map(|f| (&f.customer_id, f.given_at, f.nps, f.csat, &f.comment)),
    );
    assert_eq!(base.customers[0].customer_id, "CUS-000001");
    assert_eq!(base.orders[0].order_id, "ORD-0000001");
}

#[test]
fn dates_lie_between_1900_and_as_of_in_whole_seconds_and_in_a_sensible_order() {
    let base = base();
    let as_of: Timestamp = AS_OF.parse().unwrap();
    let mut dates: Vec<Timestamp> = Vec::new();
    for c in &base.customers {
        dates.extend([c.created_at, c.updated_at]);
    }
    for e in &base.employees {
        dates.extend([e.created_at, e.updated_at]);
        dates.extend(e.left_at);
    }
    dates.extend(base.orders.iter().map(|o| o.ordered_at));
    dates.extend(base.costs.iter().map(|c| c.incurred_at));
    dates.extend(base.interactions.iter().map(|i| i.occurred_at));
    dates.extend(base.feedback.iter().map(|f| f.given_at));
    for c in &base.complaints {
        dates.push(c.opened_at);
        dates.extend(c.resolved_at);
        assert!(c.resolved_at.is_none_or(|r| r >= c.opened_at));
    }
    let earliest: Timestamp = "1900-01-01T00:00:00Z".parse().unwrap();
    for at in dates {
        assert!(at <= as_of && at >= earliest, "{at}");
        assert_eq!(at.subsec_nanosecond(), 0, "{at}");
    }
    let created: HashMap<&str, Timestamp> = base
        .customers
        .iter()
        .map(|c| (c.customer_id.as_str(), c.created_at))
        .collect();
    for o in &base.orders {
        assert!(
            created[o.customer_id.as_str()] <= o.ordered_at,
            "{}",
            o.order_id
        );
    }
    for pair in base.orders.windows(2) {
        assert!(
            pair[0].ordered_at <= pair[1].ordered_at,
            "orders are numbered by date"
        );
    }
    for pair in base.customers.windows(2) {
        assert!(
            pair[0].created_at <= pair[1].created_at,
            "customers are numbered by date"
        );
    }
}

#[test]
fn exactly_one_employee_has_left_still_owns_customers_and_no_longer_speaks_for_us() {
    let base = base();
    let left: Vec<&Employee> = base
        .employees
        .iter()
        .filter(|e| e.left_at.is_some())
        .collect();
    assert_eq!(left.len(), 1);
    let leaver = left[0];
    assert!(!leaver.active);
    assert!(base.employees.len() >= 8);
    let roles: HashSet<_> = base.employees.iter().map(|e| e.role).collect();
    assert_eq!(roles.len(), EmployeeRole::ALL.len());
    let teams: HashSet<_> = base
        .employees
        .iter()
        .filter_map(|e| e.team.as_deref())
        .collect();
    assert_eq!(teams.len(), 2);
    let owned = base
        .customers
        .iter()
        .filter(|c| c.owner_email.as_deref() == Some(leaver.email.as_str()))
        .count();
    assert!(owned > 50, "{owned}");
    let left_at = leaver.left_at.unwrap();
    for i in &base.interactions {
        if i.employee_email.as_deref() == Some(leaver.email.as_str()) {
            assert!(i.occurred_at < left_at);
        }
    }
    assert!(base.customers.iter().any(|c| c.owner_email.is_none()));
}

// ----- the mix -------------------------------------------------------------------------------

/// What the stage rules of the spec would say, without the model-based P(alive) conditions,
/// plus the facts the flags look at.
#[derive(Debug, Default)]
struct Facts {
    orders: Vec<Timestamp>,
    revenue: i64,
    margin_12m: i64,
    cost_to_serve_12m: i64,
    complaints: usize,
    contacts: usize,
}

impl Facts {
    /// The mean number of days between consecutive orders, first to last: NaN for a single
    /// order, so ask only of buyers with enough of them.
    fn mean_interval_days(&self) -> f64 {
        let span = (self.orders.last().unwrap().as_second() - self.orders[0].as_second()) as f64
            / 86_400.0;
        span / (self.orders.len() - 1) as f64
    }
}

fn facts(base: &DemoBase) -> HashMap<&str, Facts> {
    let as_of: Timestamp = AS_OF.parse().unwrap();
    let year_ago = as_of - jiff::SignedDuration::from_hours(365 * 24);
    let mut facts: HashMap<&str, Facts> = base
        .customers
        .iter()
        .map(|c| (c.customer_id.as_str(), Facts::default()))
        .collect();
    for o in &base.orders {
        let f = facts.get_mut(o.customer_id.as_str()).unwrap();
        f.orders.push(o.ordered_at);
        f.revenue += o.amount.minor();
        // Cost unknown: the spec's default margin rate, taken here as 30 %.
        let margin = o.amount.minor() - o.cost.map_or(o.amount.minor() * 7 / 10, |c| c.minor());
        if o.ordered_at > year_ago {
            f.margin_12m += margin;
        }
    }
    for c in &base.costs {
        if c.incurred_at > year_ago {
            facts
                .get_mut(c.customer_id.as_str())
                .unwrap()
                .cost_to_serve_12m += c.amount.minor();
        }
    }
    for c in &base.complaints {
        facts.get_mut(c.customer_id.as_str()).unwrap().complaints += 1;
    }
    for i in &base.interactions {
        facts.get_mut(i.customer_id.as_str()).unwrap().contacts += 1;
    }
    facts
}

fn stage(f: &Facts, as_of: Timestamp) -> &'static str {
    let days = |a: Timestamp, b: Timestamp| (b.as_second() - a.as_second()) / 86_400;
    let Some(&last) = f.orders.last() else {
        return "prospect";
    };
    let recency = days(last, as_of);
    if f.orders.len() == 1 {
        return match recency {
            0..=90 => "new",
            91..=365 => "one order, quiet",
            _ => "lost",
        };
    }
    let mut gaps: Vec<i64> = f.orders.windows(2).map(|w| days(w[0], w[1])).collect();
    let previous_gap = *gaps.last().unwrap();
    gaps.sort_unstable();
    let median = gaps[gaps.len() / 2];
    let lapse = (3 * median).max(60);
    if recency <= 90 && (previous_gap > 365 || previous_gap > lapse && gaps.len() > 1) {
        "reborn"
    } else if recency > 365 {
        "lost"
    } else if recency > lapse {
        "lapsed"
    } else {
        "repeat"
    }
}

fn mix(base: &DemoBase) -> Vec<(&'static str, usize)> {
    let as_of: Timestamp = AS_OF.parse().unwrap();
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for f in facts(base).values() {
        let s = stage(f, as_of);
        match counts.iter_mut().find(|(name, _)| *name == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    counts.sort();
    counts
}

#[test]
fn every_stage_occurs() {
    let counts = mix(base());
    for stage in ["prospect", "new", "repeat", "lapsed", "lost", "reborn"] {
        let n = counts
            .iter()
            .find(|(s, _)| *s == stage)
            .map_or(0, |(_, n)| *n);
        assert!(n >= 10, "{stage}: {n} in {counts:?}");
    }
}

#[test]
fn purchase_rhythms_range_from_weekly_to_once() {
    let facts = facts(base());
    let buyers: Vec<&Facts> = facts.values().filter(|f| !f.orders.is_empty()).collect();
    let once = buyers.iter().filter(|f| f.orders.len() == 1).count();
    let weekly = buyers
        .iter()
        .filter(|f| f.orders.len() >= 20 && f.mean_interval_days() <= 10.0)
        .count();
    let quarterly = buyers
        .iter()
        .filter(|f| f.orders.len() >= 3 && (60.0..150.0).contains(&f.mean_interval_days()))
        .count();
    assert!(
        once * 5 > buyers.len(),
        "{once} one-time of {}",
        buyers.len()
    );
    assert!(weekly >= 10, "{weekly} weekly");
    assert!(quarterly >= 50, "{quarterly} quarterly");
}

#[test]
fn every_kind_role_and_flag_has_its_customers() {
    let base = base();
    let facts = facts(base);
    let count =
        |pred: &dyn Fn(&Customer) -> bool| base.customers.iter().filter(|c| pred(c)).count();
    let n = base.customers.len();
    let intermediaries = count(&|c| c.kind == CustomerKind::Intermediary);
    let internal = count(&|c| c.kind == CustomerKind::Internal);
    let external = count(&|c| c.kind == CustomerKind::External);
    assert!(external * 100 > n * 85, "{external}");
    assert!((1..n / 10).contains(&intermediaries), "{intermediaries}");
    assert!((1..n / 10).contains(&internal), "{internal}");

    // Each organisation with members has one wallet holder and one to three allies.
    let organisations: Vec<&Customer> = base
        .customers
        .iter()
        .filter(|c| c.party == Party::Organisation && c.kind != CustomerKind::Internal)
        .collect();
    assert!(organisations.len() >= 20);
    for org in organisations {
        let roles: Vec<&str> = base
            .customers
            .iter()
            .filter(|c| c.organisation_id.as_ref() == Some(&org.customer_id))
            .map(|c| c.role.as_deref().unwrap())
            .collect();
        assert_eq!(
            roles.iter().filter(|r| **r == ROLE_WALLET_HOLDER).count(),
            1
        );
        assert!((1..=3).contains(&roles.iter().filter(|r| **r == ROLE_ALLY).count()));
    }

    let prospects_with_competitor = count(&|c| {
        facts[c.customer_id.as_str()].orders.is_empty() && c.competitor_reason.is_some()
    });
    assert!(prospects_with_competitor >= 20);
    let windbags = facts
        .values()
        .filter(|f| f.revenue == 0 && (f.complaints >= 3 || f.contacts >= 10))
        .count();
    assert!(windbags >= 5, "{windbags}");
    // Cost to serve at least twice the margin of the last year: `let_go` candidates.
    let let_go = facts
        .values()
        .filter(|f| f.margin_12m > 0 && f.cost_to_serve_12m >= 2 * f.margin_12m)
        .count();
    assert!(let_go >= 20, "{let_go}");
    let detractors = base
        .feedback
        .iter()
        .filter(|f| f.nps.is_some_and(|n| n <= 6))
        .count();
    let low_csat = base
        .feedback
        .iter()
        .filter(|f| f.csat.is_some_and(|n| n <= 2))
        .count();
    let open = base
        .complaints
        .iter()
        .filter(|c| c.resolved_at.is_none())
        .count();
    assert!(
        detractors >= 50 && low_csat >= 50 && open >= 10,
        "{detractors} {low_csat} {open}"
    );
    let channels: HashSet<_> = base.interactions.iter().filter_map(|i| i.channel).collect();
    assert_eq!(channels.len(), Channel::ALL.len());
    let acquisition: HashSet<_> = base
        .customers
        .iter()
        .filter_map(|c| c.acquisition_channel.as_deref())
        .collect();
    assert_eq!(acquisition.len(), 5);
}

#[test]
fn names_and_texts_come_in_all_four_scripts() {
    let base = base();
    let script = |pred: fn(char) -> bool| {
        base.customers
            .iter()
            .filter(|c| c.name.as_deref().is_some_and(|n| n.chars().any(pred)))
            .count()
    };
    let persian = script(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    let georgian = script(|c| ('\u{10D0}'..='\u{10FF}').contains(&c));
    let latin = script(|c| c.is_ascii_alphabetic());
    assert!(
        persian > 300 && georgian > 300 && latin > 600,
        "{persian} {georgian} {latin}"
    );
    assert!(
        base.customers
            .iter()
            .any(|c| c.name.as_deref().is_some_and(|n| n.contains('\u{200C}')))
    );
    assert!(
        base.customers
            .iter()
            .any(|c| c.name.as_deref().is_some_and(|n| n.contains("Dela Cruz")))
    );
    for c in &base.customers {
        let persian_name = c
            .name
            .as_deref()
            .is_some_and(|n| n.chars().any(|ch| ('\u{0600}'..='\u{06FF}').contains(&ch)));
        if persian_name {
            assert!(
                c.country.as_deref().is_none_or(|country| country == "IR"),
                "{c:?}"
            );
        }
    }
    let comments: HashSet<_> = base
        .feedback
        .iter()
        .filter_map(|f| f.comment.as_deref())
        .collect();
    assert!(
        comments
            .iter()
            .any(|c| c.chars().any(|ch| ('\u{10D0}'..='\u{10FF}').contains(&ch)))
    );
    assert!(
        comments
            .iter()
            .any(|c| c.contains("serbisyo") || c.contains("Okay lang"))
    );
}

// ----- the planted profile -------------------------------------------------------------------

#[test]
fn the_planted_profile_really_predicts_value() {
    let as_of: Timestamp = AS_OF.parse().unwrap();
    for base in [base(), second_base()] {
        let facts = facts(base);
        let (mut planted, mut others) = (Vec::new(), Vec::new());
        for c in &base.customers {
            let f = &facts[c.customer_id.as_str()];
            if f.orders.is_empty() || c.kind != CustomerKind::External || c.party != Party::Person {
                continue;
            }
            if has_planted_profile(c, as_of) {
                planted.push(f.revenue as f64);
            } else {
                others.push(f.revenue as f64);
            }
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        assert!(planted.len() >= 15, "{} planted", planted.len());
        let ratio = mean(&planted) / mean(&others);
        assert!(
            ratio > 2.5,
            "planted customers bring only {ratio:.2} times the revenue"
        );
        let ideal_prospects = base
            .customers
            .iter()
            .filter(|c| {
                facts[c.customer_id.as_str()].orders.is_empty() && has_planted_profile(c, as_of)
            })
            .count();
        assert!(ideal_prospects >= 3, "{ideal_prospects}");
    }
}

// ----- speed ---------------------------------------------------------------------------------

/// Prints how long 100,000 customers take and the mix they come in. Run by hand, in release:
/// `cargo test -p clientele-demo --release tests::timing -- --ignored --nocapture`
#[test]
#[ignore = "a timing report, run by hand in release"]
fn timing() {
    let started = std::time::Instant::now();
    let base = generate(&spec(100_000, 1));
    let elapsed = started.elapsed();
    println!(
        "100,000 customers in {elapsed:.2?}: {} orders, {} costs, {} interactions, {} complaints, {} feedback",
        base.orders.len(),
        base.costs.len(),
        base.interactions.len(),
        base.complaints.len(),
        base.feedback.len()
    );
    let n = base.customers.len() as f64;
    for (stage, count) in mix(&base) {
        println!("  {stage:<18} {:5.1} %", 100.0 * count as f64 / n);
    }
    for kind in CustomerKind::ALL {
        let count = base.customers.iter().filter(|c| c.kind == *kind).count();
        println!("  {:<18} {:5.1} %", kind.as_str(), 100.0 * count as f64 / n);
    }
    let as_of: Timestamp = AS_OF.parse().unwrap();
    let planted = base
        .customers
        .iter()
        .filter(|c| has_planted_profile(c, as_of))
        .count();
    println!("  planted profile    {:5.1} %", 100.0 * planted as f64 / n);
    let facts = facts(&base);
    let buyers: Vec<&Facts> = facts.values().filter(|f| !f.orders.is_empty()).collect();
    let once = buyers.iter().filter(|f| f.orders.len() == 1).count();
    let weekly = buyers
        .iter()
        .filter(|f| f.orders.len() >= 10 && f.mean_interval_days() <= 8.0)
        .count();
    println!(
        "  one-time buyers {:.1} %, weekly {:.1} % of {} buyers",
        100.0 * once as f64 / buyers.len() as f64,
        100.0 * weekly as f64 / buyers.len() as f64,
        buyers.len()
    );
    let (mut planted_revenue, mut other_revenue) = (Vec::new(), Vec::new());
    for c in &base.customers {
        let f = &facts[c.customer_id.as_str()];
        if f.orders.is_empty() || c.kind != CustomerKind::External || c.party != Party::Person {
            continue;
        }
        let v = if has_planted_profile(c, as_of) {
            &mut planted_revenue
        } else {
            &mut other_revenue
        };
        v.push(f.revenue as f64);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    println!(
        "  planted buyers' mean revenue is {:.2} times the others' ({} planted buyers)",
        mean(&planted_revenue) / mean(&other_revenue),
        planted_revenue.len()
    );
    assert!(elapsed.as_secs_f64() < 5.0);
}
