#!/usr/bin/env bash
# scimbus on PostgreSQL next to pgbench on the same server, at 1, 16 and 256 clients, in one
# session: a single-row jsonb insert and a primary-key select are what the database itself can do,
# create and get through scimbus are what the SCIM layer makes of it.
#
#   SCIMBUS_BENCH_POSTGRES=postgresql://bench:bench@127.0.0.1:5432/bench loadtest/postgres-vs-pgbench.sh
#
# Tunables: CLIENTS ("1 16 256") DURATION (15s) WARMUP (20s, per scenario: the JIT compiler of a
# fresh JVM takes a whole core for tens of seconds on a small machine) USERS (10000) PORT (18085)
# INSTANCES (scimbus event loops, SCIMBUS_HTTP_INSTANCES; default: the number of cores)
# SCENARIOS (create,get,lookup,patch,update) OUT (loadtest/results/postgres-vs-pgbench.md; the generator's JSON
# report of each client count C goes beside it as OUT-without-.md + -C.json)
set -euo pipefail
cd "$(dirname "$0")/.."
URL=${SCIMBUS_BENCH_POSTGRES:?set SCIMBUS_BENCH_POSTGRES to a postgresql:// URI whose user may create tables}
CLIENTS=${CLIENTS:-1 16 256}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-20s}
INSTANCES=${INSTANCES:-$(nproc)}
USERS=${USERS:-10000}
PORT=${PORT:-18085}
SCENARIOS=${SCENARIOS:-create,get,lookup,patch,update}
OUT=${OUT:-loadtest/results/postgres-vs-pgbench.md}
JAR=loadtest/target/scimbus-loadtest.jar
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scimbus-pg.XXXXXX")
secs=${DURATION%s}
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

pgbench_tps() { # clients script
  pgbench -n -c "$1" -j "$(( $1 < 2 ? 1 : 2 ))" -T "$secs" -f "$2" "$URL" 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p'
}

doc='{"userName":"bench","name":{"givenName":"Bench","familyName":"Mark"},"emails":[{"value":"bench@example.com","type":"work"}],"active":true}'
printf "INSERT INTO pgbench.scim (doc) VALUES ('%s'::jsonb);\n" "$doc" > "$WORK/insert.sql"
printf '\\set id random(1, %s)\nSELECT doc FROM pgbench.scim WHERE id = :id;\n' "$USERS" > "$WORK/select.sql"

{
  echo "| clients | pgbench insert tps | scimbus create ops/s | create / insert | pgbench select tps | scimbus get ops/s | get / select | lookup ops/s | patch ops/s | update ops/s | create p50/p95/p99 ms | get p50/p95/p99 ms | lookup p50/p95/p99 ms | patch p50/p95/p99 ms | update p50/p95/p99 ms |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|---|"
} > "$WORK/table.md"

for c in $CLIENTS; do
  # a fresh scimbus schema and a fresh pgbench table (in a schema of its own) per client count
  psql -q "$URL" -c "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;
    DROP SCHEMA IF EXISTS pgbench CASCADE; CREATE SCHEMA pgbench;
    CREATE TABLE pgbench.scim (id bigserial PRIMARY KEY, doc jsonb NOT NULL);
    INSERT INTO pgbench.scim (doc) SELECT '$doc'::jsonb FROM generate_series(1, $USERS);" >/dev/null 2>&1
  ins=$(pgbench_tps "$c" "$WORK/insert.sql")
  sel=$(pgbench_tps "$c" "$WORK/select.sql")
  pool=$(( c < 16 ? 16 : (c > 64 ? 64 : c) ))
  SCIMBUS_HTTP_INSTANCES=$INSTANCES SCIMBUS_HTTP_PORT=$PORT SCIMBUS_STORAGE="$URL?poolSize=$pool" SCIMBUS_AUTH_TOKENS=bench=benchtoken \
    SCIMBUS_DATA_DIR="$WORK/data" java -jar server/target/scimbus.jar serve > "$WORK/server-$c.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.5; done
  java -jar "$JAR" --url "http://127.0.0.1:$PORT/scim/v2" --token benchtoken --scenario "$SCENARIOS" \
    --duration "$DURATION" --warmup "$WARMUP" --concurrency "$c" --users "$USERS" --quiet --out "$WORK/pg-$c.json" > /dev/null
  kill "$pid"; wait "$pid" 2>/dev/null || true
  mkdir -p "$(dirname "$OUT")" && cp "$WORK/pg-$c.json" "${OUT%.md}-$c.json"  # the generator's full report
  python3 - "$WORK/pg-$c.json" "$c" "$ins" "$sel" >> "$WORK/table.md" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["scenarios"]; c, ins, sel = sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
g = lambda s, k: r.get(s, {}).get(k, 0.0)
print(f"| {c} | {ins:.0f} | {g('create','throughput'):.0f} | {g('create','throughput')/ins:.0%} | {sel:.0f} | "
      f"{g('get','throughput'):.0f} | {g('get','throughput')/sel:.0%} | {g('lookup','throughput'):.0f} | "
      f"{g('patch','throughput'):.0f} | {g('update','throughput'):.0f} | "
      + " | ".join(f"{g(s,'p50'):.1f} / {g(s,'p95'):.1f} / {g(s,'p99'):.1f}" for s in ("create", "get", "lookup", "patch", "update"))
      + " |")
PY
done

mkdir -p "$(dirname "$OUT")"
{
  echo "# scimbus on PostgreSQL next to pgbench"
  echo
  echo "Produced by \`loadtest/postgres-vs-pgbench.sh\` on $(uname -srm), $(nproc) CPUs, $(psql -tA "$URL" -c 'show server_version') "
  echo "on the same machine as the server and the generator; $DURATION per measurement after $WARMUP warm-up, $USERS users,"
  echo "$INSTANCES scimbus event loops;"
  echo "closed loop; pgbench: single-row jsonb insert and primary-key select on a table of $USERS rows."
  echo
  cat "$WORK/table.md"
} > "$OUT"
cat "$OUT"
