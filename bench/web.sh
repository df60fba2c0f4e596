#!/usr/bin/env bash
# Web app benchmark: the time to render the dashboard and the customer list (and
# the other pages) on a 1,000,000-customer demo base in SQLite, through the real server on
# loopback: 200 sequential requests per page after a warm-up, median and p99, for an admin
# (the whole base) and for an agent (their own customers).
#
#   bench/web.sh [CUSTOMERS] [REQUESTS]     (defaults 1000000 and 200)
#
# The demo base is built once (about a quarter of an hour on 2 cores for 1M) into
# $BENCH_DIR (default bench-out) and reused; the copy served is classified first.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh
customers=${1:-1000000}
requests=${2:-200}
out=${BENCH_DIR:-bench-out}
port=${PORT:-18090}
mkdir -p "$out"

cargo build --release --quiet -p clientele
bin=target/release/clientele
source_db=$(demo_base "$bin" "$customers" "$out")
db="$out/web-$customers.db"
if [ ! -s "$db" ]; then
  cp "$source_db" "$db.tmp"
  # Two passes a week apart, so "who moved this week" has rows as on a live base.
  "$bin" --database-url "sqlite://$db.tmp" classify --as-of 2026-11-22 --format json >/dev/null
  "$bin" --database-url "sqlite://$db.tmp" classify --as-of 2026-11-29 --format json >/dev/null
  mv "$db.tmp" "$db"
fi
url="sqlite://$db"
admin=$("$bin" --database-url "$url" user list | awk -F'\t' '$3 == "admin" && $5 == "yes" { print $1; exit }')
agent=$("$bin" --database-url "$url" user list | awk -F'\t' '$3 == "agent" && $5 == "yes" { print $1; exit }')
admin_token=$("$bin" --database-url "$url" token create --email "$admin" --name "web bench" --scope write 2>/dev/null)
agent_token=$("$bin" --database-url "$url" token create --email "$agent" --name "web bench" --scope write 2>/dev/null)

CLIENTELE_LOG=warn serve "$out/serve.log" "$bin" --database-url "$url" serve --addr "127.0.0.1:$port"

# "My day" with 500 open tasks for the agent (due over the coming week), once.
python3 - "http://127.0.0.1:$port" "$agent_token" <<'PY'
import json, sys, urllib.request, datetime
base, token = sys.argv[1], sys.argv[2]
def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req))
have = call("GET", "/api/v1/tasks?status=open&limit=500")["items"]
customers = call("GET", "/api/v1/customers?limit=500")["items"]
today = datetime.date.today()
for i in range(max(0, 500 - len(have))):
    c = customers[i % len(customers)]
    call("POST", "/api/v1/tasks", {"customer_id": c["customer_id"], "title": f"Call back #{i}",
        "due_on": str(today + datetime.timedelta(days=i % 7 - 1)), "description": "bench task"})
PY

pages=(/ /today /customers "/customers?stage=lapsed&tier=A" "/customers?q=karimi" "/customers?sort=-created_at" /win-back)
echo "admin ($admin), whole base of $customers customers, $requests requests per page:"
python3 bench/web_latency.py "http://127.0.0.1:$port" "$admin_token" "$requests" "${pages[@]}"
echo
echo "agent ($agent), their own customers:"
python3 bench/web_latency.py "http://127.0.0.1:$port" "$agent_token" "$requests" "${pages[@]}"
echo
echo "the dashboard right after a change (nothing kept from the request before):"
python3 bench/web_latency.py --after-a-change "http://127.0.0.1:$port" "$admin_token" "$requests" /
python3 bench/web_latency.py --after-a-change "http://127.0.0.1:$port" "$agent_token" "$requests" /
