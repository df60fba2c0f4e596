-- Teams and trust (issue 5): sign-in, sessions, API tokens, the history of owners, the audit
-- log and erasure. Kept in lock-step with ../postgres/0005_teams_and_trust.sql.

-- An employee signs in with a password (an argon2id PHC string; null: cannot sign in).
-- Repeated failures lock the account for a while. An employee who has left (left_at) can
-- neither sign in nor use a session or token they had.
alter table employees add column password_hash text;
alter table employees add column failed_sign_ins bigint not null default 0;
alter table employees add column locked_until bigint;

-- Signed-in browsers. The cookie holds a random token; only its SHA-256 is kept, so a copy
-- of the database opens no session. Each session has its own CSRF token.
create table sessions (
    session_key  integer primary key,
    token_hash   text not null unique,
    employee_key bigint not null references employees (employee_key) on delete cascade,
    csrf_token   text not null,
    created_at   bigint not null,
    last_seen_at bigint not null,
    address      text
);
create index sessions_employee on sessions (employee_key);

-- Bearer tokens for API clients: shown once, kept as SHA-256, scoped, revocable.
create table api_tokens (
    token_key    integer primary key,
    employee_key bigint not null references employees (employee_key) on delete cascade,
    name         text not null,
    token_hash   text not null unique,
    scope        text not null check (scope in ('read', 'write', 'admin')),
    created_at   bigint not null,
    created_by   bigint references employees (employee_key) on delete set null,
    last_used_at bigint,
    revoked_at   bigint
);
create index api_tokens_employee on api_tokens (employee_key);

-- Who owned a customer when: every change of owner, by whom and why.
create table owner_history (
    owner_change_key integer primary key,
    customer_key     bigint not null references customers (customer_key) on delete cascade,
    from_employee    bigint references employees (employee_key) on delete set null,
    to_employee      bigint references employees (employee_key) on delete set null,
    at               bigint not null,
    reason           text not null check (reason in ('edit', 'import', 'handover')),
    changed_by       text not null
);
create index owner_history_customer on owner_history (customer_key, at);

-- A customer erased at their request: personal fields gone, orders kept anonymously.
alter table customers add column erased_at bigint;

-- Who did what, when, from where. Append-only: nothing in Clientele updates or deletes a row,
-- and the database refuses to.
create table audit_log (
    audit_key    integer primary key,
    at           bigint not null,
    actor        text not null,          -- an employee's e-mail, `token N of E`, or `system: …`
    employee_key bigint,                 -- no foreign key: the log outlives what it names
    token_key    bigint,
    address      text,
    action       text not null,
    entity       text,
    record_id    text,
    details      text                    -- JSON
);
create index audit_log_at on audit_log (at, audit_key);
create trigger audit_log_no_update before update on audit_log
begin
    select raise(abort, 'the audit log is append-only');
end;
create trigger audit_log_no_delete before delete on audit_log
begin
    select raise(abort, 'the audit log is append-only');
end;
