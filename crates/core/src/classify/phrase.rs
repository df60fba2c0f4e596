//! Evidence as data: each clause of an explanation is a [`Phrase`], a message id with named
//! arguments, so that a user interface can say it in its own language. The English text of
//! the API and the command line is made from the same phrases by [`english`], so the two
//! cannot disagree.

use crate::message::{Arg, Phrase};

/// Every message id a phrase can have, for renderers to check they know each.
pub const PHRASE_IDS: &[&str] = &[
    "no-order-yet",
    "reborn-after-lost",
    "reborn-after-lapsed",
    "reborn-won-back",
    "reborn-after-evaluation",
    "lost-silent",
    "last-order",
    "p-alive-below",
    "p-alive",
    "no-model",
    "usual-interval",
    "no-interval",
    "lapsed-after",
    "orders-on-days",
    "new-first-order",
    "new-first-day",
    "one-order-no-second",
    "one-day-no-second",
    "new-expected-again",
    "tier",
    "relationship-internal",
    "relationship-intermediary",
    "relationship-member",
    "latest-nps",
    "latest-csat",
    "complaint-open",
    "recent-complaints",
    "windbag",
    "unprofitable",
    "let-go-two-windows",
    "let-go-costly",
    "ideal-prospect",
    "owner-risk-tier-a",
    "owner-risk-no-owner",
    "owner-risk-owner-left",
    "owner-risk-one-employee",
];

/// A whole-number argument (absent or not a whole number: 0, which no phrase is made with).
fn int_arg(p: &Phrase, name: &str) -> i64 {
    p.args
        .iter()
        .find_map(|(n, a)| match a {
            Arg::Int(v) if *n == name => Some(*v),
            _ => None,
        })
        .unwrap_or(0)
}

/// A count of things in English: "1 day", "3 days".
fn count(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// How long ago a number of days is: "today", "1 day ago", "12 days ago".
fn ago(n: i64) -> String {
    match n {
        0 => "today".to_owned(),
        n => format!("{} ago", count(n, "day", "days")),
    }
}

/// One phrase in English.
pub fn english_phrase(p: &Phrase) -> String {
    let a = |name: &str| p.plain(name);
    let n = |name: &str| int_arg(p, name);
    let days = |name: &str| count(n(name), "day", "days");
    let ago = |name: &str| ago(n(name));
    match p.id {
        "no-order-yet" => "no order yet".to_owned(),
        "reborn-after-lost" => format!(
            "ordered {} after {} of silence, which had made them lost",
            ago("recency"),
            days("gap")
        ),
        "reborn-after-lapsed" => format!(
            "ordered {} after {} of silence, which had made them lapsed (lapse threshold {})",
            ago("recency"),
            days("gap"),
            days("threshold")
        ),
        "reborn-won-back" => format!(
            "ordered {}; won back, as the evaluation of {} found",
            ago("recency"),
            a("date")
        ),
        "reborn-after-evaluation" => format!(
            "ordered {} after being {} at the evaluation of {}",
            ago("recency"),
            a("stage"),
            a("date")
        ),
        "lost-silent" => format!(
            "no order for {} (lost after {})",
            days("recency"),
            a("lost_days")
        ),
        "last-order" => format!("last order {}", ago("recency")),
        "p-alive-below" => format!(
            "probability still active {}, below {}",
            a("p_alive"),
            a("threshold")
        ),
        "p-alive" => format!("probability still active {}", a("p_alive")),
        "no-model" => "no purchase model for this base yet".to_owned(),
        "usual-interval" => match n("interval") {
            1 => "usually orders every day".to_owned(),
            _ => format!("usually orders every {} days", a("interval")),
        },
        "no-interval" => "no usual interval yet".to_owned(),
        "lapsed-after" => format!("lapsed after {}", days("threshold")),
        "orders-on-days" => format!(
            "{} on {}",
            count(n("orders"), "order", "orders"),
            days("days")
        ),
        "new-first-order" => format!(
            "first and only order {} (new for {})",
            ago("recency"),
            days("new_days")
        ),
        "new-first-day" => format!(
            "{} orders, all on one day, {} (new for {})",
            a("orders"),
            ago("recency"),
            days("new_days")
        ),
        "one-order-no-second" => format!("one order, {}, and no second", ago("recency")),
        "one-day-no-second" => format!(
            "{} orders, all on one day, {}, and none on a later day",
            a("orders"),
            ago("recency")
        ),
        "new-expected-again" => format!(
            "new customers are expected to order again within {}",
            days("new_days")
        ),
        "tier" => format!(
            "{} ({}): profit over the last {} {}",
            a("tier"),
            match a("tier").as_str() {
                "A" => "primary: among the customers who make 80 % of the profit",
                "B" => "among those who make the next 15 %",
                _ => "secondary",
            },
            days("days"),
            a("profit")
        ),
        "relationship-internal" => {
            "internal customer: a colleague, team or department the business serves".to_owned()
        }
        "relationship-intermediary" => "intermediary: a reseller, distributor or agent".to_owned(),
        "relationship-member" => {
            let role = a("role");
            let what = match role.as_str() {
                "wallet_holder" => "the wallet holder (decides and pays)",
                "ally" => "an ally (uses the product or influences the choice, holds no budget)",
                other => other,
            };
            format!("{what} of organisation {}", a("organisation"))
        }
        "latest-nps" => format!("latest NPS {}, {}", a("nps"), ago("days")),
        "latest-csat" => format!("latest CSAT {} of 5, {}", a("csat"), ago("days")),
        "complaint-open" => format!("a complaint open for {}", days("days")),
        "recent-complaints" => format!(
            "{} in the last {}",
            count(n("complaints"), "complaint", "complaints"),
            days("days")
        ),
        "windbag" => format!(
            "{} and {}, and lifetime revenue {}",
            count(n("complaints"), "complaint", "complaints"),
            count(n("contacts"), "service contact", "service contacts"),
            a("revenue")
        ),
        "unprofitable" => format!(
            "profit over the last {} {}: margin {} − cost to serve {} − acquisition {}",
            days("days"),
            a("profit"),
            a("margin"),
            a("cost"),
            a("acquisition")
        ),
        "let-go-two-windows" => format!(
            "unprofitable in each of the last two {}-day windows ({} and {})",
            a("days"),
            a("previous"),
            a("current")
        ),
        "let-go-costly" => format!(
            "cost to serve {} is at least {} × the margin {} over the last {}",
            a("cost"),
            a("multiple"),
            a("margin"),
            days("days")
        ),
        "ideal-prospect" => format!(
            "profile in the top {} % of prospects by resemblance to tier A",
            a("share")
        ),
        "owner-risk-tier-a" => "tier A customer".to_owned(),
        "owner-risk-no-owner" => "no owner".to_owned(),
        "owner-risk-owner-left" => format!("owner {} has left", a("name")),
        "owner-risk-one-employee" => match n("contacts") {
            1 => format!(
                "the one contact in the last {} came from one employee",
                days("days")
            ),
            _ => format!(
                "all {} contacts in the last {} came from one employee",
                a("contacts"),
                days("days")
            ),
        },
        other => other.to_owned(),
    }
}

/// The phrases of one stage, tier, flag or relationship in English, clauses joined by `; `.
pub fn english(phrases: &[Phrase]) -> String {
    phrases
        .iter()
        .map(english_phrase)
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_id_has_its_english_and_clauses_join_with_semicolons() {
        for id in PHRASE_IDS {
            assert_ne!(english_phrase(&Phrase::new(id)), *id, "{id} has no English");
        }
        let phrases = [
            Phrase::new("last-order").int("recency", 112),
            Phrase::new("usual-interval").int("interval", 15),
            Phrase::new("lapsed-after").int("threshold", 60),
            Phrase::new("p-alive").arg("p_alive", Arg::Decimal(0.456)),
        ];
        assert_eq!(
            english(&phrases),
            "last order 112 days ago; usually orders every 15 days; lapsed after 60 days; \
             probability still active 0.46"
        );
        let money = Arg::Money {
            amount: "-12.50".into(),
            currency: "USD".into(),
        };
        assert_eq!(money.plain(), "-12.50");
        assert_eq!(Arg::Date(0).plain(), "1970-01-01");
        assert_eq!(Arg::Number(2.0).plain(), "2");
        assert_eq!(Arg::Number(1.5).plain(), "1.5");
    }
}
