-- The type engine's current verdict per customer (issue 4): stage and tier as columns and
-- flags as rows, so that lists filter on them with indexes. Only verdicts are kept: the
-- evidence, actions and metrics of a profile are recomputed on demand from the customer's
-- facts, the models of the last full pass (settings key `type_engine_state`) and the
-- evaluation instant, so a pass writes only the customers whose verdict changed.
-- History is in type_transitions.
create table customer_types (
    customer_key bigint primary key references customers (customer_key) on delete cascade,
    stage        text not null check (stage in ('prospect', 'new', 'repeat', 'lapsed', 'lost', 'reborn')),
    tier         text not null check (tier in ('A', 'B', 'C')),
    -- When the customer was re-evaluated alone after the last full pass (an edit or an
    -- import); null while the last full pass speaks for them.
    evaluated_at bigint
);
create index customer_types_stage on customer_types (stage, tier);
create index customer_types_tier on customer_types (tier);
create index customer_types_evaluated on customer_types (evaluated_at);

create table customer_flags (
    customer_key bigint not null references customers (customer_key) on delete cascade,
    flag         text not null check (flag in ('dissatisfied', 'windbag', 'unprofitable', 'let_go', 'ideal_prospect', 'owner_risk')),
    primary key (customer_key, flag)
);
create index customer_flags_flag on customer_flags (flag);
