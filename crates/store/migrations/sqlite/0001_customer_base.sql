-- The customer base (issue 2). Kept in lock-step with ../postgres/0001_customer_base.sql:
-- same tables, same columns, same constraints; only the dialect differs (integer primary
-- keys here, identity columns there).
--
-- Conventions, for both backends and every later migration:
--   * surrogate keys are `<table>_key`; the business's own ids (`customer_id`, `order_id`,
--     `complaint_id`) are unique text and are what the API and the CSV files speak;
--   * instants are bigint milliseconds since the Unix epoch, UTC;
--   * money is bigint minor units of the business currency (setting `currency`), never a
--     float;
--   * enumerations are text with a check constraint, spelled as in the specification;
--   * rows without a business id (costs, interactions, feedback) carry `natural_key`, a hash
--     of their content, so that importing the same file twice adds nothing.

create table settings (
    key   text primary key,
    value text not null
);

create table employees (
    employee_key integer primary key,
    name         text not null,
    email        text not null unique,             -- lower case
    role         text not null check (role in ('admin', 'manager', 'agent', 'analyst')),
    team         text,
    left_at      bigint,                           -- null while the employee works here
    created_at   bigint not null,
    updated_at   bigint not null
);

create table customers (
    customer_key        integer primary key,
    customer_id         text not null unique,
    name                text,
    party               text not null check (party in ('person', 'organisation')),
    kind                text not null check (kind in ('external', 'intermediary', 'internal')),
    email               text,
    phone               text,
    organisation_key    bigint references customers (customer_key) on delete set null,
    role                text,                     -- wallet_holder, ally, or the business's word
    birth_year          bigint,
    gender              text,
    income_band         text,
    city                text,
    region              text,
    country             text,                     -- ISO 3166-1 alpha-2
    acquisition_channel text,
    acquisition_cost    bigint,
    competitor          text,
    competitor_reason   text,
    owner_key           bigint references employees (employee_key),
    search_text         text not null,            -- folded name, e-mail, phone (core::search)
    sort_name           text not null,            -- folded name, or the id when unnamed
    created_at          bigint not null,
    updated_at          bigint not null
);
create index customers_owner on customers (owner_key);
create index customers_organisation on customers (organisation_key);
create index customers_created on customers (created_at, customer_key);
create index customers_sort_name on customers (sort_name, customer_key);

create table customer_tags (
    customer_key bigint not null references customers (customer_key) on delete cascade,
    tag          text not null,
    primary key (customer_key, tag)
);
create index customer_tags_tag on customer_tags (tag);

create table orders (
    order_key    integer primary key,
    order_id     text not null unique,
    customer_key bigint not null references customers (customer_key) on delete cascade,
    ordered_at   bigint not null,
    amount       bigint not null,
    cost         bigint,                          -- cost of goods; null when unknown
    currency     text not null,
    updated_at   bigint not null
);
create index orders_customer on orders (customer_key, ordered_at);

create table cost_entries (
    cost_key     integer primary key,
    customer_key bigint not null references customers (customer_key) on delete cascade,
    incurred_at  bigint not null,
    category     text not null,
    amount       bigint not null check (amount >= 0),
    natural_key  text not null unique
);
create index cost_entries_customer on cost_entries (customer_key, incurred_at);

create table interactions (
    interaction_key integer primary key,
    customer_key    bigint not null references customers (customer_key) on delete cascade,
    occurred_at     bigint not null,
    channel         text check (channel in ('call', 'email', 'sms', 'chat', 'meeting', 'visit')),
    direction       text check (direction in ('inbound', 'outbound')),
    employee_key    bigint references employees (employee_key) on delete set null,
    summary         text,
    natural_key     text not null unique
);
create index interactions_customer on interactions (customer_key, occurred_at);
create index interactions_employee on interactions (employee_key);

create table complaints (
    complaint_key integer primary key,
    complaint_id  text not null unique,
    customer_key  bigint not null references customers (customer_key) on delete cascade,
    opened_at     bigint not null,
    resolved_at   bigint,                         -- null while open
    severity      text not null check (severity in ('low', 'medium', 'high', 'critical')),
    subject       text,
    updated_at    bigint not null
);
create index complaints_customer on complaints (customer_key, opened_at);

create table feedback (
    feedback_key integer primary key,
    customer_key bigint not null references customers (customer_key) on delete cascade,
    given_at     bigint not null,
    nps          bigint check (nps between 0 and 10),
    csat         bigint check (csat between 1 and 5),
    comment      text,
    natural_key  text not null unique,
    check (nps is not null or csat is not null)
);
create index feedback_customer on feedback (customer_key, given_at);

-- Written by the type engine: every change of stage, tier, flag or sentiment, dated.
create table type_transitions (
    transition_key integer primary key,
    customer_key   bigint not null references customers (customer_key) on delete cascade,
    at             bigint not null,
    axis           text not null check (axis in ('stage', 'tier', 'flag', 'sentiment')),
    from_value     text,
    to_value       text,
    check (from_value is not null or to_value is not null)
);
create index type_transitions_customer on type_transitions (customer_key, at);
create index type_transitions_at on type_transitions (at);
