//! The API over real HTTP: the real server on an ephemeral port, on a fresh SQLite file and,
//! when CLIENTELE_TEST_POSTGRES_URL is set, on a fresh PostgreSQL database too.

mod admin_pages;
mod analytics;
mod crud;
mod errors;
mod insights;
mod lists;
mod messages;
mod openapi;
mod support;
mod trust;
mod types;
mod web;
