-- How a contact ended (reached, no answer, won back, refused, let go, or the business's own
-- word), as a task's outcome is recorded.
alter table interactions add column outcome text;
