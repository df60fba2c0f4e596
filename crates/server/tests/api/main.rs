//! The API over real HTTP: the real server on an ephemeral port, on a fresh SQLite file and,
//! when CLIENTELE_TEST_POSTGRES_URL is set, on a fresh PostgreSQL database too.

// Fixtures are written through the store directly: the rule that edges change data only
// through the application layer is for the product, not for setting up a test.
#![allow(clippy::disallowed_methods)]

mod accounts;
mod admin_pages;
mod analytics;
mod bidi;
mod bounds;
mod crud;
mod errors;
mod insights;
mod lists;
mod load;
mod messages;
mod openapi;
mod support;
mod tasks;
mod trust;
mod types;
mod web;
