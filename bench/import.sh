#!/usr/bin/env bash
# Import throughput benchmark: a 1,000,000-row orders CSV into a fresh SQLite
# database with `clientele import orders`, against the sqlite3 shell's `.import` of the same
# file into a plain table. Prints rows/s and peak memory of each.
#
#   bench/import.sh [ROWS]        (default 1000000; needs sqlite3 and GNU time)
#
# The CSV is real Clientele output: a demo base exported with `clientele export orders`.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
out=${BENCH_DIR:-bench-out}
mkdir -p "$out"
for tool in sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install sqlite3 time)" >&2; exit 1; }
done

cargo build --release --quiet -p clientele
bin=target/release/clientele
csv="$out/orders-$rows.csv"

if [ ! -s "$csv" ]; then
  # About 5.2 orders per demo customer; generate enough, then keep the first $rows.
  customers=$(( rows / 5 + 1000 ))
  rm -f "$out/source.db"*
  "$bin" --database-url "sqlite://$out/source.db" demo --customers "$customers" --seed 42 >/dev/null
  "$bin" --database-url "sqlite://$out/source.db" export orders > "$out/all-orders.csv"
  head -n $(( rows + 1 )) "$out/all-orders.csv" > "$csv"
fi
have=$(( $(wc -l < "$csv") - 1 ))
echo "file: $csv ($have rows, $(du -h "$csv" | cut -f1))"

measure() { # label, command...
  local label=$1; shift
  local log="$out/time.log"
  /usr/bin/time -f '%e %M' -o "$log" "$@" >/dev/null
  read -r seconds kib < "$log"
  awk -v l="$label" -v s="$seconds" -v k="$kib" -v n="$have" \
    'BEGIN { printf "%-34s %7.2f s  %9.0f rows/s  peak %6.0f MiB\n", l, s, n / s, k / 1024 }'
}

rm -f "$out/clientele.db"*
measure "clientele import orders (SQLite)" "$bin" --database-url "sqlite://$out/clientele.db" import orders "$csv"
measure "  again (idempotent, no changes)" "$bin" --database-url "sqlite://$out/clientele.db" import orders "$csv"
rm -f "$out/plain.db"*
measure "sqlite3 .import (plain table)" sqlite3 "$out/plain.db" -cmd '.mode csv' ".import $csv orders"
