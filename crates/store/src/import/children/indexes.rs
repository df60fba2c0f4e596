//! The secondary indexes a large import drops and builds again at the end.

/// A non-unique index that a large import drops and builds again at the end: building an
/// index from sorted data is several times faster than inserting a million random keys.
/// The definitions are those of the migrations (a test checks they agree).
pub(crate) struct SecondaryIndex {
    pub name: &'static str,
    pub definition: &'static str,
}

pub(crate) const SECONDARY_INDEXES: &[(&str, &[SecondaryIndex])] = &[
    (
        "orders",
        &[
            SecondaryIndex {
                name: "orders_customer",
                definition: "orders (customer_key, ordered_at, amount, cost)",
            },
            SecondaryIndex {
                name: "orders_ordered",
                definition: "orders (ordered_at, order_key)",
            },
        ],
    ),
    (
        "interactions",
        &[
            SecondaryIndex {
                name: "interactions_customer",
                definition: "interactions (customer_key, occurred_at, employee_key, channel)",
            },
            SecondaryIndex {
                name: "interactions_employee",
                definition: "interactions (employee_key)",
            },
            SecondaryIndex {
                name: "interactions_occurred",
                definition: "interactions (occurred_at, interaction_key)",
            },
        ],
    ),
    (
        "complaints",
        &[
            SecondaryIndex {
                name: "complaints_customer",
                definition: "complaints (customer_key, opened_at, resolved_at, severity)",
            },
            SecondaryIndex {
                name: "complaints_opened",
                definition: "complaints (opened_at, complaint_key)",
            },
        ],
    ),
    (
        "feedback",
        &[
            SecondaryIndex {
                name: "feedback_customer",
                definition: "feedback (customer_key, given_at, nps, csat)",
            },
            SecondaryIndex {
                name: "feedback_given",
                definition: "feedback (given_at, feedback_key)",
            },
        ],
    ),
    (
        "cost_entries",
        &[
            SecondaryIndex {
                name: "cost_entries_customer",
                definition: "cost_entries (customer_key, incurred_at, amount)",
            },
            SecondaryIndex {
                name: "cost_entries_incurred",
                definition: "cost_entries (incurred_at, cost_key)",
            },
        ],
    ),
];

/// Rows an import must bring, at least, before its table's secondary indexes are rebuilt
/// rather than maintained; it must also bring at least twice the rows the table holds (a
/// re-import of the same file keeps its indexes).
pub(super) const DEFER_INDEXES_FROM_ROWS: u64 = 100_000;

#[cfg(test)]
mod tests {
    use super::SECONDARY_INDEXES;

    #[test]
    fn the_indexes_a_large_import_rebuilds_are_those_of_the_migrations() {
        for migrations in [
            concat!(
                include_str!("../../../migrations/sqlite/0001_customer_base.sql"),
                include_str!("../../../migrations/sqlite/0002_time_order_indexes.sql"),
                include_str!("../../../migrations/sqlite/0004_covering_customer_indexes.sql"),
            ),
            concat!(
                include_str!("../../../migrations/postgres/0001_customer_base.sql"),
                include_str!("../../../migrations/postgres/0002_time_order_indexes.sql"),
                include_str!("../../../migrations/postgres/0004_covering_customer_indexes.sql"),
            ),
        ] {
            for (_, indexes) in SECONDARY_INDEXES {
                for index in *indexes {
                    let statement = format!("create index {} on {};", index.name, index.definition);
                    assert!(
                        migrations.contains(&statement),
                        "`{statement}` is not in the migrations"
                    );
                }
            }
        }
    }
}
