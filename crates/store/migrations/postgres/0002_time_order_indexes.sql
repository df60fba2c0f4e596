-- Lists and exports of orders, costs, interactions, complaints and feedback are ordered by
-- their time (then key) by default and paged by keyset: without these indexes every page
-- sorted the whole table, which made exporting a million orders quadratic.
create index orders_ordered on orders (ordered_at, order_key);
create index cost_entries_incurred on cost_entries (incurred_at, cost_key);
create index interactions_occurred on interactions (occurred_at, interaction_key);
create index complaints_opened on complaints (opened_at, complaint_key);
create index feedback_given on feedback (given_at, feedback_key);
