#!/usr/bin/env bash
# Benchmarks every available scimbus backend and the bare Vert.x baseline in one session, so
# every ratio in results.md compares numbers measured on the same machine at the same time.
#
# Tunables (environment): DURATION (30s) WARMUP (5s) PREWARM (0s: off; else an unmeasured pass of
# every scenario per server first — it creates users too, so read scenarios then see more than
# USERS and scans get slower; memory-vs-bare.sh is the warm comparison) CONCURRENCY (32) USERS (10000) RATE (unset =
# closed loop) SCENARIOS (create,get,filter,patch,list,provisioning) SCIMBUS_BENCH_PORT (18080)
# BARE_PORT (18081) RESULTS_DIR (loadtest/results) SCIMBUS_BENCH_POSTGRES (postgresql://… enables
# the PostgreSQL backend and pgbench) SCIMBUS_BENCH_REDIS (host:port for redis-benchmark,
# default 127.0.0.1:6379 when a server answers there).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-5s}
PREWARM=${PREWARM:-0s}
CONCURRENCY=${CONCURRENCY:-32}
USERS=${USERS:-10000}
RATE=${RATE:-}
SCENARIOS=${SCENARIOS:-create,get,filter,patch,list,provisioning}
# The baseline only does map lookups; PATCH and provisioning have no honest "no SCIM" equivalent.
BARE_SCENARIOS=${BARE_SCENARIOS:-create,get,filter,list}
PORT=${SCIMBUS_BENCH_PORT:-18080}
BARE_PORT=${BARE_PORT:-18081}
OUT=${RESULTS_DIR:-loadtest/results}
TOKENS=${SCIMBUS_BENCH_TOKENS:-bench=benchtoken,bench2=benchtoken2}
JAR=loadtest/target/scimbus-loadtest.jar
SERVER_JAR=server/target/scimbus.jar
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scimbus-bench.XXXXXX")

mkdir -p "$OUT/logs"
: > "$OUT/extra.md"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { echo "[run-all] $*" >&2; }

seconds() { # 30s -> 30, 2m -> 120, 500ms -> 1
  local d=$1
  case "$d" in
    *ms) echo $(( (${d%ms} + 999) / 1000 )) ;;
    *s) echo "${d%s}" ;;
    *m) echo $(( ${d%m} * 60 )) ;;
    *) echo "$d" ;;
  esac
}

build_if_needed() {
  if [[ ! -f "$JAR" ]] || [[ -d server && ! -f "$SERVER_JAR" ]]; then
    log "building (tests skipped)"
    ./mvnw -B -q -DskipTests package
  fi
}

wait_health() { # port pid
  local port=$1 pid=$2
  for _ in $(seq 1 120); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "process $pid exited before becoming healthy"
      return 1
    fi
    if curl -fs -o /dev/null "http://127.0.0.1:$port/health"; then
      return 0
    fi
    sleep 0.5
  done
  log "no healthy answer on port $port after 60s"
  return 1
}

stop() { # pid
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

load() { # label url scenarios
  local first=${TOKENS%%,*}
  if [[ "$PREWARM" != "0s" && "$PREWARM" != "0" ]]; then
    # Unmeasured: the JIT of a server with far more code than the baseline needs longer than the
    # per-scenario warm-up on two busy cores before it compiles its hot paths.
    log "prewarm: $1 ($3, $PREWARM each)"
    java -jar "$JAR" --url "$2" --token "${first#*=}" --scenario "$3" --duration "$PREWARM" --warmup 1s \
      --concurrency "$CONCURRENCY" --users "$USERS" --tenants-tokens "$TOKENS" --quiet > /dev/null 2>&1 || true
  fi
  local args=(--url "$2" --token "${first#*=}" --scenario "$3" --duration "$DURATION" --warmup "$WARMUP"
    --concurrency "$CONCURRENCY" --users "$USERS" --tenants-tokens "$TOKENS" --out "$OUT/$1.json")
  [[ -n "$RATE" ]] && args+=(--rate "$RATE")
  log "load: $1 ($3)"
  java -jar "$JAR" "${args[@]}" 2> "$OUT/logs/$1.progress.log" | tee "$OUT/$1.txt"
}

run_backend() { # label storage-uri
  local label=$1 storage=$2
  log "starting scimbus with $label storage"
  SCIMBUS_HTTP_PORT=$PORT SCIMBUS_STORAGE=$storage SCIMBUS_AUTH_TOKENS=$TOKENS \
    SCIMBUS_DATA_DIR="$WORK/data-$label" \
    java -jar "$SERVER_JAR" serve > "$OUT/logs/server-$label.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  if wait_health "$PORT" "$pid"; then
    load "$label" "http://127.0.0.1:$PORT/scim/v2" "$SCENARIOS" || log "$label run failed"
    LABELS+=("$label=$OUT/$label.json")
  fi
  stop "$pid"
}

run_bare() {
  log "starting bare Vert.x baseline"
  java -cp "$JAR" dev.scimbus.loadtest.BareVertxServer "$BARE_PORT" > "$OUT/logs/bare.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  if wait_health "$BARE_PORT" "$pid"; then
    load bare "http://127.0.0.1:$BARE_PORT/scim/v2" "$BARE_SCENARIOS"
    LABELS+=("bare=$OUT/bare.json")
  fi
  stop "$pid"
}

run_pgbench() {
  [[ -n "${SCIMBUS_BENCH_POSTGRES:-}" ]] || return 0
  if ! command -v pgbench >/dev/null || ! command -v psql >/dev/null; then
    log "pgbench/psql not installed, skipping"
    return 0
  fi
  local url=$SCIMBUS_BENCH_POSTGRES secs doc
  secs=$(seconds "$DURATION")
  doc='{"userName":"bench","name":{"givenName":"Bench","familyName":"Mark"},"emails":[{"value":"bench@example.com","type":"work"}],"active":true}'
  psql -q "$url" -c "DROP TABLE IF EXISTS loadtest_bench; CREATE TABLE loadtest_bench (id bigserial PRIMARY KEY, doc jsonb NOT NULL);"
  printf "INSERT INTO loadtest_bench (doc) VALUES ('%s'::jsonb);\n" "$doc" > "$WORK/insert.sql"
  printf '\\set id random(1, %s)\nSELECT doc FROM loadtest_bench WHERE id = :id;\n' "$USERS" > "$WORK/select.sql"
  log "pgbench insert"
  pgbench -n -c "$CONCURRENCY" -j 2 -T "$secs" -f "$WORK/insert.sql" "$url" > "$WORK/pg-insert.txt" 2>&1
  log "pgbench select"
  pgbench -n -c "$CONCURRENCY" -j 2 -T "$secs" -f "$WORK/select.sql" "$url" > "$WORK/pg-select.txt" 2>&1
  psql -q "$url" -c "DROP TABLE loadtest_bench;"
  {
    echo "## pgbench (same PostgreSQL, no HTTP, no SCIM)"
    echo
    echo "Single-row jsonb insert and primary-key select, $CONCURRENCY clients, $DURATION each."
    echo
    echo '```'
    echo "# insert"; grep -E 'latency average|tps' "$WORK/pg-insert.txt" || cat "$WORK/pg-insert.txt"
    echo "# select by primary key"; grep -E 'latency average|tps' "$WORK/pg-select.txt" || cat "$WORK/pg-select.txt"
    echo '```'
    echo
  } >> "$OUT/extra.md"
}

run_redis_benchmark() {
  command -v redis-benchmark >/dev/null || return 0
  local addr=${SCIMBUS_BENCH_REDIS:-127.0.0.1:6379}
  local host=${addr%:*} port=${addr##*:}
  if command -v redis-cli >/dev/null && ! redis-cli -h "$host" -p "$port" ping >/dev/null 2>&1; then
    log "no Redis at $addr, skipping redis-benchmark"
    return 0
  fi
  log "redis-benchmark"
  {
    echo "## redis-benchmark (no HTTP, no SCIM)"
    echo
    echo "SET and GET of 1 KB values, $CONCURRENCY clients."
    echo
    echo '```'
    redis-benchmark -h "$host" -p "$port" -c "$CONCURRENCY" -n 200000 -d 1024 -t set,get -q 2>&1 | tr '\r' '\n' | grep -v '^$' | tail -n 2
    echo '```'
    echo
  } >> "$OUT/extra.md"
}

command -v curl >/dev/null || { log "curl is required"; exit 1; }
build_if_needed
LABELS=()
run_bare
if [[ -f "$SERVER_JAR" ]]; then
  run_backend memory "memory:"
  run_backend sqlite "sqlite:$WORK/scimbus-bench.db"
  if [[ -n "${SCIMBUS_BENCH_POSTGRES:-}" ]]; then
    run_backend postgres "$SCIMBUS_BENCH_POSTGRES"
  fi
else
  log "$SERVER_JAR not found; only the baseline was measured"
fi
run_pgbench
run_redis_benchmark

java -Djava.awt.headless=true -cp "$JAR" dev.scimbus.loadtest.report.ResultsReport \
  --out-dir "$OUT" --baseline bare --extra "$OUT/extra.md" \
  --note "Produced by \`loadtest/run-all.sh\` ($(uname -srm)); generator, baseline and server ran on this one machine." \
  "${LABELS[@]}"
rm -f "$OUT/extra.md"
log "done: $OUT/results.md"
