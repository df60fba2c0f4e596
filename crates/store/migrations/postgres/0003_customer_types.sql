-- The type engine's current result per customer (issue 4): stage and tier as columns and
-- flags as rows, so that lists filter on them with indexes; the whole classification
-- (evidence, actions, metrics) as JSON text for the profile. History is in type_transitions.
create table customer_types (
    customer_key bigint primary key references customers (customer_key) on delete cascade,
    as_of        bigint not null,
    stage        text not null check (stage in ('prospect', 'new', 'repeat', 'lapsed', 'lost', 'reborn')),
    tier         text not null check (tier in ('A', 'B', 'C')),
    profile      text not null
);
create index customer_types_stage on customer_types (stage, tier);
create index customer_types_tier on customer_types (tier);

create table customer_flags (
    customer_key bigint not null references customers (customer_key) on delete cascade,
    flag         text not null check (flag in ('dissatisfied', 'windbag', 'unprofitable', 'let_go', 'ideal_prospect', 'owner_risk')),
    primary key (customer_key, flag)
);
create index customer_flags_flag on customer_flags (flag);
