-- A full pass of the type engine reads every order, cost, complaint, feedback answer and
-- interaction of every customer, by customer and time. With the columns it reads in the
-- index, that read walks the index alone instead of looking every row up in its table:
-- on a million customers with 6.7 million orders, 2 s instead of 21 s for the orders.
drop index orders_customer;
create index orders_customer on orders (customer_key, ordered_at, amount, cost);
drop index cost_entries_customer;
create index cost_entries_customer on cost_entries (customer_key, incurred_at, amount);
drop index interactions_customer;
create index interactions_customer on interactions (customer_key, occurred_at, employee_key, channel);
drop index complaints_customer;
create index complaints_customer on complaints (customer_key, opened_at, resolved_at, severity);
drop index feedback_customer;
create index feedback_customer on feedback (customer_key, given_at, nps, csat);
