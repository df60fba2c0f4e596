-- Tasks: work about one customer for one employee, made by a person or a playbook.
-- A task never changes the facts the types are computed from.
create table tasks (
    task_key       integer primary key,
    task_id        text not null unique,
    customer_key   bigint not null references customers (customer_key) on delete cascade,
    title          text not null,
    description    text,
    assignee_key   bigint references employees (employee_key) on delete set null,
    due_on         bigint not null,                -- the due day's 00:00 UTC, in ms
    due_time       text,                           -- HH:MM, if the task has a time
    priority       text not null check (priority in ('low', 'normal', 'high')),
    status         text not null check (status in ('open', 'done', 'cancelled')),
    outcome        text,
    notes          text,
    created_by     text not null,
    playbook_id    text,
    transition_key bigint references type_transitions (transition_key) on delete set null,
    created_at     bigint not null,
    done_at        bigint,
    done_by        text,
    updated_at     bigint not null,
    check ((status = 'open') = (done_at is null))
);
-- "My day": an employee's open tasks by due day.
create index tasks_assignee_open on tasks (assignee_key, status, due_on);
create index tasks_customer on tasks (customer_key, due_on);
