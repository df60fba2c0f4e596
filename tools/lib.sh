# Shared by the bench and tool scripts (sourced, not run): the demo base they measure on
# and the server they talk to.

# demo_base BIN CUSTOMERS DIR: the path of a migrated demo base of CUSTOMERS customers in
# DIR, built once (about a quarter of an hour on 2 cores for a million) and reused.
demo_base() {
  local bin=$1 customers=$2 dir=$3
  local db="$dir/demo-$customers.db"
  if [ ! -s "$db" ]; then
    rm -f "$db.tmp"*
    "$bin" --database-url "sqlite://$db.tmp" demo --customers "$customers" --seed 1 --as-of 2026-11-22 >&2
    # Any command migrates; export a small table so that copies start migrated.
    "$bin" --database-url "sqlite://$db.tmp" export employees >/dev/null
    mv "$db.tmp" "$db"
  fi
  printf '%s\n' "$db"
}

# serve LOG BIN ARGS...: starts `BIN ARGS... serve` in the background (its output in LOG),
# stops it when the script exits, and returns once /healthz answers on $port.
serve() {
  local log=$1; shift
  "$@" >"$log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "the server did not answer on port $port; see $log" >&2
  return 1
}
