//! The closed vocabularies of the model, each spelled in the words of the specification.
//! They are stored and exchanged as their snake_case names.

/// Declares an enum stored and exchanged as text, with its parser and its list of names.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        // Every name is its variant's snake_case (a test checks it); said here too because
        // the schema generator does not read a rename whose text comes through this macro.
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and exchanged name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the name (case-insensitively, surrounding spaces ignored), or says which
            /// names are allowed.
            pub fn parse(text: &str) -> Result<$name, $crate::message::Message> {
                let wanted = text.trim();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(wanted))
                    .ok_or_else(|| {
                        let names: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                        $crate::message::Message::new("not-one-of")
                            .text("value", text)
                            .text("choices", names.join(", "))
                    })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::message::Message;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $name::parse(text)
            }
        }
    };
}

/// For the vocabularies defined beside their model (a playbook's rules).
pub(crate) use text_enum;

text_enum! {
    /// Whether a customer record is a person or an organisation.
    Party {
        Person => "person",
        Organisation => "organisation",
    }
}

text_enum! {
    /// The relationship kind, entered rather than computed (spec §1.4).
    CustomerKind {
        /// An end customer.
        External => "external",
        /// A reseller, distributor or agent.
        Intermediary => "intermediary",
        /// A colleague, team or department served by the business.
        Internal => "internal",
    }
}

text_enum! {
    /// An employee's role; what each may do is decided in the store's access scopes.
    EmployeeRole {
        Admin => "admin",
        Manager => "manager",
        Agent => "agent",
        Analyst => "analyst",
    }
}

impl EmployeeRole {
    /// Whether customers may be given to this role: analysts read the base's figures and
    /// are nobody's contact.
    pub fn may_own_customers(self) -> bool {
        self != EmployeeRole::Analyst
    }
}

text_enum! {
    /// How an interaction took place.
    Channel {
        Call => "call",
        Email => "email",
        Sms => "sms",
        Chat => "chat",
        Meeting => "meeting",
        Visit => "visit",
    }
}

text_enum! {
    /// Who started an interaction.
    Direction {
        Inbound => "inbound",
        Outbound => "outbound",
    }
}

text_enum! {
    /// How serious a complaint is.
    Severity {
        Low => "low",
        Medium => "medium",
        High => "high",
        Critical => "critical",
    }
}

text_enum! {
    /// Where a task is in its life.
    TaskStatus {
        Open => "open",
        Done => "done",
        Cancelled => "cancelled",
    }
}

text_enum! {
    /// How urgent a task is.
    TaskPriority {
        Low => "low",
        Normal => "normal",
        High => "high",
    }
}

text_enum! {
    /// The axis a type transition moves on (spec §1).
    Axis {
        Stage => "stage",
        Tier => "tier",
        Flag => "flag",
        Sentiment => "sentiment",
    }
}

text_enum! {
    /// A customer's lifecycle stage (spec §3): exactly one at any time.
    Stage {
        Prospect => "prospect",
        New => "new",
        Repeat => "repeat",
        Lapsed => "lapsed",
        Lost => "lost",
        Reborn => "reborn",
    }
}

text_enum! {
    /// A flag (spec §5): any number at a time.
    Flag {
        Dissatisfied => "dissatisfied",
        Windbag => "windbag",
        Unprofitable => "unprofitable",
        LetGo => "let_go",
        IdealProspect => "ideal_prospect",
        OwnerRisk => "owner_risk",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_and_unknown_names_list_the_allowed_ones() {
        for kind in CustomerKind::ALL {
            assert_eq!(CustomerKind::parse(kind.as_str()).unwrap(), *kind);
        }
        assert_eq!(Channel::parse(" SMS ").unwrap(), Channel::Sms);
        let err = Severity::parse("urgent").unwrap_err();
        assert_eq!(
            err.to_string(),
            "`urgent` is not one of: low, medium, high, critical"
        );
    }

    #[test]
    fn serde_uses_the_stored_names() {
        assert_eq!(
            serde_json::to_string(&Party::Organisation).unwrap(),
            "\"organisation\""
        );
    }
}
