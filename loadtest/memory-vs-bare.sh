#!/usr/bin/env bash
# scimbus on the memory backend against the bare Vert.x baseline, in interleaved rounds so that
# the machine's drift hits both alike: both servers run side by side, and each round measures the
# baseline and then scimbus for every scenario. Prints and writes the medians and their ratio.
#
#   loadtest/memory-vs-bare.sh
#
# Tunables: ROUNDS (5) DURATION (15s) WARMUP (5s) PREWARM (30s per scenario and server, unmeasured)
# SCENARIOS (get lookup create) CONCURRENCY (32) USERS (10000) OUT (loadtest/results/memory-vs-bare.md)
# JAVA_OPTS (for both JVMs)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
PREWARM=${PREWARM:-30s}
SCENARIOS=${SCENARIOS:-get lookup create}
CONCURRENCY=${CONCURRENCY:-32}
USERS=${USERS:-10000}
OUT=${OUT:-loadtest/results/memory-vs-bare.md}
PORT=${PORT:-18090}
BARE_PORT=${BARE_PORT:-18091}
JAR=loadtest/target/scimbus-loadtest.jar
WORK=$(mktemp -d "${TMPDIR:-/tmp}/scimbus-mvb.XXXXXX")
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -cp "$JAR" dev.scimbus.loadtest.BareVertxServer "$BARE_PORT" > "$WORK/bare.log" 2>&1 &
SCIMBUS_HTTP_PORT=$PORT SCIMBUS_STORAGE=memory: SCIMBUS_AUTH_TOKENS=bench=benchtoken SCIMBUS_DATA_DIR="$WORK/data" \
  java ${JAVA_OPTS:-} -jar server/target/scimbus.jar serve > "$WORK/server.log" 2>&1 &
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/health" && curl -fs -o /dev/null "http://127.0.0.1:$BARE_PORT/health" && break
  sleep 0.5
done

run() { # url scenario duration warmup -> ops/s
  java -jar "$JAR" --url "$1" --token benchtoken --scenario "$2" --duration "$3" --warmup "$4" \
    --concurrency "$CONCURRENCY" --users "$USERS" --quiet > "$WORK/run.txt" 2>&1
  awk -v s="$2" '$1==s {print $2}' "$WORK/run.txt"
}

for sc in $SCENARIOS; do
  run "http://127.0.0.1:$BARE_PORT/scim/v2" "$sc" "$PREWARM" 1s > /dev/null
  run "http://127.0.0.1:$PORT/scim/v2" "$sc" "$PREWARM" 1s > /dev/null
done
: > "$WORK/rounds.tsv"
for r in $(seq 1 "$ROUNDS"); do
  for sc in $SCENARIOS; do
    b=$(run "http://127.0.0.1:$BARE_PORT/scim/v2" "$sc" "$DURATION" "$WARMUP")
    m=$(run "http://127.0.0.1:$PORT/scim/v2" "$sc" "$DURATION" "$WARMUP")
    printf '%s\t%s\t%s\t%s\n' "$r" "$sc" "$b" "$m" | tee -a "$WORK/rounds.tsv" >&2
  done
done

python3 - "$WORK/rounds.tsv" "$OUT" "$ROUNDS" "$DURATION" "$CONCURRENCY" "$USERS" "${JAVA_OPTS:-}" <<'PY'
import platform, statistics, sys, os
rows = [l.split('\t') for l in open(sys.argv[1]).read().split('\n') if l]
out, rounds, dur, conc, users, opts = sys.argv[2:8]
by = {}
for r, sc, b, m in rows:
    by.setdefault(sc, []).append((float(b), float(m)))
lines = ["# scimbus (memory backend) vs the bare Vert.x handler", "",
         f"Produced by `loadtest/memory-vs-bare.sh` on {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; "
         f"{rounds} interleaved rounds of {dur} per scenario and server after an unmeasured warm-up; closed loop, "
         f"{conc} connections, {users} pre-created users, 1 KB enterprise user" + (f"; JVM options `{opts}`" if opts else "") + ".",
         "Each round measures the baseline and then scimbus; the ratio is the median of the per-round ratios.", "",
         "| scenario | bare ops/s (median) | scimbus ops/s (median) | ratio (median of rounds) | per-round ratios |",
         "|---|---:|---:|---:|---|"]
for sc, pairs in by.items():
    ratios = [m / b for b, m in pairs]
    lines.append(f"| {sc} | {statistics.median(b for b, _ in pairs):.0f} | {statistics.median(m for _, m in pairs):.0f} | "
                 f"{statistics.median(ratios):.2f} | {' '.join(f'{x:.2f}' for x in ratios)} |")
text = "\n".join(lines) + "\n"
open(out, "w").write(text)
print(text)
PY
