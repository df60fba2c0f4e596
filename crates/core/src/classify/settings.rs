//! Every threshold of the spec, with the spec's defaults. Read from `clientele.toml` and
//! changed by an admin at run time; a missing key keeps its default.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The type engine's thresholds (spec §3–§5). Days are whole days; shares are fractions.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TypeSettings {
    /// `new`: exactly one order, placed within this many days.
    #[schema(minimum = 1, maximum = 36500)]
    pub new_days: u32,
    /// `lapsed`: silent for more than max(`lapse_interval_multiple` × own median interval,
    /// `lapse_min_days`)…
    #[schema(minimum = 0, maximum = 36500)]
    pub lapse_min_days: u32,
    #[schema(exclusive_minimum = 0.0, maximum = 1000.0)]
    pub lapse_interval_multiple: f64,
    /// …or P(alive) below this.
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub lapse_p_alive: f64,
    /// `lost`: no order for this many days…
    #[schema(minimum = 1, maximum = 36500)]
    pub lost_days: u32,
    /// …or P(alive) below this.
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub lost_p_alive: f64,
    /// `reborn`: an order within this many days after a gap that had made them lapsed or lost.
    #[schema(minimum = 1, maximum = 36500)]
    pub reborn_days: u32,
    /// Tier `A`: the customers making up this share of the positive trailing profit.
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub tier_a_share: f64,
    /// Tier `B`: the next share.
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub tier_b_share: f64,
    /// Trailing profit window in days (tiers, `unprofitable`, `let_go`).
    #[schema(minimum = 1, maximum = 36500)]
    pub profit_window_days: u32,
    /// Margin assumed where the cost of goods is unknown.
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub default_margin_rate: f64,
    /// `dissatisfied`: within this many days…
    #[schema(minimum = 1, maximum = 36500)]
    pub dissatisfied_days: u32,
    /// …latest NPS at most this (a detractor)…
    #[schema(minimum = 0, maximum = 10)]
    pub dissatisfied_nps_max: u8,
    /// …or latest CSAT at most this…
    #[schema(minimum = 1, maximum = 5)]
    pub dissatisfied_csat_max: u8,
    /// …or a complaint open longer than this many days…
    #[schema(minimum = 0, maximum = 36500)]
    pub complaint_open_days: u32,
    /// …or at least this many complaints.
    #[schema(minimum = 1, maximum = 1000000)]
    pub dissatisfied_complaints: u32,
    /// `windbag`: at least this many complaints…
    #[schema(minimum = 1, maximum = 1000000)]
    pub windbag_complaints: u32,
    /// …or this many service contacts, and no revenue.
    #[schema(minimum = 1, maximum = 1000000)]
    pub windbag_interactions: u32,
    /// `let_go`: cost to serve at least this multiple of the margin (trailing window).
    #[schema(exclusive_minimum = 0.0, maximum = 1000.0)]
    pub let_go_cost_multiple: f64,
    /// `ideal_prospect`: prospects in this top share of lookalike scores.
    #[schema(minimum = 0.0, maximum = 1.0)]
    pub ideal_prospect_share: f64,
    /// `owner_risk`: interactions over this many days all from one employee.
    #[schema(minimum = 1, maximum = 36500)]
    pub owner_risk_days: u32,
}

impl Default for TypeSettings {
    fn default() -> Self {
        TypeSettings {
            new_days: 90,
            lapse_min_days: 60,
            lapse_interval_multiple: 3.0,
            lapse_p_alive: 0.5,
            lost_days: 365,
            lost_p_alive: 0.1,
            reborn_days: 90,
            tier_a_share: 0.80,
            tier_b_share: 0.15,
            profit_window_days: 365,
            default_margin_rate: 0.30,
            dissatisfied_days: 180,
            dissatisfied_nps_max: 6,
            dissatisfied_csat_max: 2,
            complaint_open_days: 7,
            dissatisfied_complaints: 2,
            windbag_complaints: 3,
            windbag_interactions: 10,
            let_go_cost_multiple: 2.0,
            ideal_prospect_share: 0.10,
            owner_risk_days: 365,
        }
    }
}

impl TypeSettings {
    /// Names every value out of range, so a bad `clientele.toml` or API update says which.
    pub fn validate(&self) -> Result<(), crate::FieldErrors> {
        let mut errors = Vec::new();
        let mut check = |ok: bool, field: &str, message: &str| {
            if !ok {
                errors.push(crate::FieldError {
                    field: field.to_owned(),
                    message: message.to_owned(),
                    says: crate::Message::from(message),
                });
            }
        };
        let share = |v: f64| v.is_finite() && (0.0..=1.0).contains(&v);
        // A century is the longest window that means anything for a customer.
        const MAX_DAYS: u32 = 36_500;
        for (field, days, least) in [
            ("new_days", self.new_days, 1),
            ("lost_days", self.lost_days, 1),
            ("reborn_days", self.reborn_days, 1),
            ("profit_window_days", self.profit_window_days, 1),
            ("lapse_min_days", self.lapse_min_days, 0),
            ("dissatisfied_days", self.dissatisfied_days, 1),
            ("complaint_open_days", self.complaint_open_days, 0),
            ("owner_risk_days", self.owner_risk_days, 1),
        ] {
            check(
                (least..=MAX_DAYS).contains(&days),
                field,
                &format!("must be {least} to {MAX_DAYS} days"),
            );
        }
        for (field, count) in [
            ("dissatisfied_complaints", self.dissatisfied_complaints),
            ("windbag_complaints", self.windbag_complaints),
            ("windbag_interactions", self.windbag_interactions),
        ] {
            check(
                (1..=1_000_000).contains(&count),
                field,
                "must be 1 to 1000000",
            );
        }
        check(
            self.lapse_interval_multiple.is_finite()
                && self.lapse_interval_multiple > 0.0
                && self.lapse_interval_multiple <= 1000.0,
            "lapse_interval_multiple",
            "must be a positive number, at most 1000",
        );
        check(
            share(self.lapse_p_alive),
            "lapse_p_alive",
            "must be between 0 and 1",
        );
        check(
            share(self.lost_p_alive),
            "lost_p_alive",
            "must be between 0 and 1",
        );
        check(
            share(self.tier_a_share),
            "tier_a_share",
            "must be between 0 and 1",
        );
        check(
            share(self.tier_b_share) && self.tier_a_share + self.tier_b_share <= 1.0,
            "tier_b_share",
            "must be between 0 and 1, and tier_a_share + tier_b_share at most 1",
        );
        check(
            share(self.default_margin_rate),
            "default_margin_rate",
            "must be between 0 and 1",
        );
        check(
            self.dissatisfied_nps_max <= 10,
            "dissatisfied_nps_max",
            "must be 0 to 10",
        );
        check(
            (1..=5).contains(&self.dissatisfied_csat_max),
            "dissatisfied_csat_max",
            "must be 1 to 5",
        );
        check(
            self.let_go_cost_multiple.is_finite()
                && self.let_go_cost_multiple > 0.0
                && self.let_go_cost_multiple <= 1000.0,
            "let_go_cost_multiple",
            "must be a positive number, at most 1000",
        );
        check(
            share(self.ideal_prospect_share),
            "ideal_prospect_share",
            "must be between 0 and 1",
        );
        if errors.is_empty() {
            Ok(())
        } else {
            Err(crate::FieldErrors(errors))
        }
    }
}
