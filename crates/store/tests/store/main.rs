//! The store's conformance suite: every test runs on a fresh SQLite file and, when
//! CLIENTELE_TEST_POSTGRES_URL is set, on a fresh PostgreSQL database too.

mod crud;
mod demo;
mod import;
mod playbooks;
mod support;
mod types;
