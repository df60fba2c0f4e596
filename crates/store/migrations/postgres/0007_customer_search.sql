-- SQLite's 0007 adds a trigram index for text search. PostgreSQL reads `customers` for a
-- `like '%…%'` search in parallel; a pg_trgm index would need an extension that a managed
-- server may not offer, so this migration only keeps the two sets in step.
select 1;
