#!/usr/bin/env bash
# Type engine benchmark: the full pass over a 1,000,000-customer demo base in a
# SQLite file (read every fact, fit the models, judge everyone, store what changed), first
# on a never-classified base, then a day later; and re-evaluating one customer after an
# edit. Prints wall time and peak memory of each command, the phases of each pass, and what
# the default playbooks did after it and how long they took.
#
#   bench/classify.sh [CUSTOMERS]     (default 1000000; needs GNU time)
#
# Building the 1M-customer demo base takes about a quarter of an hour on 2 cores; it is kept
# in $BENCH_DIR (default bench-out) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh
customers=${1:-1000000}
out=${BENCH_DIR:-bench-out}
mkdir -p "$out"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }

cargo build --release --quiet -p clientele
bin=target/release/clientele
source_db=$(demo_base "$bin" "$customers" "$out")
db="$out/classify-$customers.db"
rm -f "$db" "$db-wal" "$db-shm"
cp "$source_db" "$db"

measure() { # label, command...
  local label=$1; shift
  local log="$out/time.log"
  CLIENTELE_LOG=warn,clientele_store::types=debug,clientele_store::playbooks=debug /usr/bin/time -f '%e %M' -o "$log" "$@" \
    2> >(sed 's/\x1b\[[0-9;]*m//g' | grep -oE 'phases=.*|transitions=.*' | sed 's/^/    /' >&2) >/dev/null
  read -r seconds kib < "$log"
  awk -v l="$label" -v s="$seconds" -v k="$kib" \
    'BEGIN { printf "%-52s %7.2f s  peak %6.0f MiB\n", l, s, k / 1024 }'
}

url="sqlite://$db"
measure "first pass (every verdict stored), 1M lines printed" \
  "$bin" --database-url "$url" classify --as-of 2026-11-22 --format csv
measure "a day later (changes stored), 1M lines printed" \
  "$bin" --database-url "$url" classify --as-of 2026-11-23 --format csv
measure "another day later, 1M lines printed" \
  "$bin" --database-url "$url" classify --as-of 2026-11-24 --format csv

CLIENTELE_BENCH_DATABASE_URL="$url" cargo bench --quiet -p clientele-store --bench reevaluate -- 500
