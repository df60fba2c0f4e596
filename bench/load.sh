#!/usr/bin/env bash
# Load test: 50 clients at once, each mixing reads (a customer, a list, a customer's orders,
# a profile) and writes (orders, interactions, a PATCH of their own customer), for 60 s,
# through the real server on a fresh SQLite file and, when CLIENTELE_TEST_POSTGRES_URL names
# a server, on a fresh PostgreSQL database. It fails on any server error or any
# acknowledged write not stored, and prints requests/s and p50/p99 latency per database.
#
#   bench/load.sh [SECONDS] [CLIENTS]     (defaults 60 and 50)
#
# The client is the API test `load` (crates/server/tests/api/load.rs), which the test suite
# runs for 10 s; here it runs longer, on a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
export CLIENTELE_LOAD_SECONDS=${1:-60}
export CLIENTELE_LOAD_CLIENTS=${2:-50}
if [ -z "${CLIENTELE_TEST_POSTGRES_URL:-}" ]; then
  echo "CLIENTELE_TEST_POSTGRES_URL is not set: PostgreSQL is not measured" >&2
fi
cargo test --release --quiet -p clientele-server --test api load:: -- --nocapture --test-threads 1 2>&1 \
  | grep -E '^(Sqlite|Postgres):|panicked|test result'
