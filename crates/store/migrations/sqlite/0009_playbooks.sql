-- Playbooks: a type change that matters becomes a task. Each acts on the transitions
-- recorded after it was installed (transition_key > starts_after_key), exactly once per
-- transition: the primary key of playbook_runs says so, whoever ran it.
create table playbooks (
    playbook_key integer primary key,
    playbook_id           text not null unique,
    name                  text not null,
    axis                  text not null check (axis in ('stage', 'tier', 'flag')),
    from_value            text,
    to_value              text,
    only_tier             text,
    only_kind             text,
    title                 text not null,
    description           text,
    due_in_business_days  bigint not null check (due_in_business_days between 0 and 365),
    priority              text not null check (priority in ('low', 'normal', 'high')),
    assignee_rule         text not null check (assignee_rule in ('owner', 'owner_manager', 'employee')),
    assignee_key          bigint references employees (employee_key) on delete set null,
    reentry               text not null check (reentry in ('once', 'every_n_days', 'every_time')),
    reentry_days          bigint,
    active integer not null,
    starts_after_key      bigint not null,
    created_at            bigint not null,
    updated_at            bigint not null
);

-- Transitions no playbook run has looked at yet: what a run reads, so that its cost is the
-- new transitions, not the whole history (a run follows every edit). History recorded before
-- playbooks existed counts as looked at (a back-fill acts on it by key).
alter table type_transitions add column played boolean not null default false;
update type_transitions set played = true;
create index type_transitions_unplayed on type_transitions (transition_key) where played = false;

create table playbook_runs (
    playbook_key   bigint not null references playbooks (playbook_key) on delete cascade,
    transition_key bigint not null references type_transitions (transition_key) on delete cascade,
    customer_key   bigint not null references customers (customer_key) on delete cascade,
    at             bigint not null,
    task_key       bigint references tasks (task_key) on delete set null,
    skipped        text,                 -- why no task was made, if none was
    primary key (playbook_key, transition_key)
);
create index playbook_runs_customer on playbook_runs (playbook_key, customer_key, at);

-- The spec's recommended actions (customer-types.md §3, §5, §7), on from the start, acting on
-- transitions recorded from now on.
insert into playbooks (playbook_id, name, axis, from_value, to_value, title, description,
    due_in_business_days, priority, assignee_rule, reentry, reentry_days, active,
    starts_after_key, created_at, updated_at)
select v.*, (select coalesce(max(transition_key), 0) from type_transitions), 0, 0 from (
    select 'lapsed' as playbook_id, 'A repeat customer goes silent' as name, 'stage' as axis, cast(null as text) as from_value, 'lapsed' as to_value,
           'Reach out to {name}: they have gone quiet' as title, 'Stage moved {from} → {to}: ask what changed, before they are lost.' as description,
           3 as due_in_business_days, 'normal' as priority, 'owner' as assignee_rule, 'every_n_days' as reentry, 30 as reentry_days, 1 as active
    union all select 'lost', 'A customer is lost', 'stage', null, 'lost',
           'Call {name} and settle any old complaint', 'Stage moved {from} → {to}: a win-back call; settle what drove them away first.',
           3, 'normal', 'owner', 'every_n_days', 90, 1
    union all select 'dissatisfied', 'A customer is dissatisfied', 'flag', null, 'dissatisfied',
           'Service recovery for {name}', 'Flagged dissatisfied: the owner recovers the service within one business day.',
           1, 'high', 'owner', 'every_n_days', 30, 1
    union all select 'reborn', 'A customer is won back', 'stage', null, 'reborn',
           'Thank {name} for coming back', 'Stage moved {from} → {to}: thank them, and check the old grievance is settled.',
           2, 'normal', 'owner', 'every_n_days', 90, 1
    union all select 'owner_risk', 'A valuable customer hangs on one person', 'flag', null, 'owner_risk',
           'Give {name} a new owner and a second contact', 'Flagged owner risk: the manager assigns a new owner and a second contact.',
           2, 'high', 'owner_manager', 'every_n_days', 30, 1
    union all select 'ideal_prospect', 'An ideal prospect appears', 'flag', null, 'ideal_prospect',
           'Pursue {name} through the best channel', 'Flagged ideal prospect: they look like our best customers.',
           5, 'normal', 'owner', 'once', cast(null as bigint), 1
    union all select 'let_go', 'A customer to let go', 'flag', null, 'let_go',
           'Confirm before anyone tells {name} we let them go', 'Flagged to let go: a person confirms before anyone tells the customer.',
           3, 'normal', 'owner_manager', 'once', null, 1
) v;
