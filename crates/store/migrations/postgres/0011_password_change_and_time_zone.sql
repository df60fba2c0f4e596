-- A password somebody else chose (a one-time password an admin or `serve` made) must be
-- changed by its employee at their next sign-in; and each employee sees times in their own
-- time zone (an IANA name; null: the business's, UTC).
alter table employees add column password_must_change boolean not null default false;
alter table employees add column time_zone text;
