#!/bin/sh
# HTTP API benchmark: aggregates p99 under 50 concurrent clients, with the host's HTTP metrics on and then off.
# Needs wrk and a build: mvn -B -q package -DskipTests   (test classes are compiled; BenchServer lives there).
# Usage: bench/http/run.sh [seconds per run, default 20]
set -eu
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-20}
PORT=18080
export WARDEN_ADMIN_TOKEN=bench-token-$(date +%s)
CP_FILE=host/target/bench.classpath
# In one reactor session with the compile phases, so the dashboard and plugin-api resolve to their target/ dirs.
[ -f "$CP_FILE" ] || mvn -B -q -pl host -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$CP_FILE" -Dspotless.check.skip=true >/dev/null
CP="host/target/test-classes:host/target/classes:$(cat "$CP_FILE")"

run() {
  java -Xmx256m -cp "$CP" warden.host.http.BenchServer "$PORT" "$1" "$WARDEN_ADMIN_TOKEN" > "host/target/bench-$1.log" 2>&1 &
  PID=$!
  i=0
  until curl -s -o /dev/null "http://127.0.0.1:$PORT/login"; do i=$((i+1)); [ $i -lt 100 ] || exit 1; sleep 0.2; done
  # Warm-up, then the measured run.
  wrk -t2 -c50 -d5s -s bench/http/aggregates.lua "http://127.0.0.1:$PORT" > /dev/null
  echo "== HTTP metrics $1"
  wrk -t2 -c50 -d"${SECONDS_PER_RUN}s" --latency -s bench/http/aggregates.lua "http://127.0.0.1:$PORT"
  kill "$PID"
  wait "$PID" 2>/dev/null || true
}

# Alternated, so a change in the machine's load hits both settings alike.
for round in 1 2; do
  run on
  run off
done
