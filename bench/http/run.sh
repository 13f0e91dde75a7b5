#!/bin/sh
# HTTP API benchmark: aggregates latency under 50 concurrent clients, with the host's HTTP metrics on and then off.
# Needs wrk and a build: mvn -B -q package -DskipTests   (test classes are compiled; BenchServer lives there).
# Usage: bench/http/run.sh [seconds per run, default 20] [rounds, default 3]
# Last, one more run with metrics on under JFR prints the share of event-loop samples in metrics code.
#
# Besides wrk's figures it prints the server's CPU time per request (utime+stime from /proc over the measured run):
# on a shared machine throughput swings with other load, CPU per request much less, so the on/off cost is read there.
set -eu
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-20}
ROUNDS=${2:-3}
PORT=${BENCH_PORT:-$(shuf -i 20000-40000 -n 1)}
export WARDEN_ADMIN_TOKEN=bench-token-$(date +%s)
CP_FILE=host/target/bench.classpath
# In one reactor session with the compile phases, so the dashboard and plugin-api resolve to their target/ dirs.
[ -f "$CP_FILE" ] || mvn -B -q -pl host -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$CP_FILE" -Dspotless.check.skip=true >/dev/null
CP="host/target/test-classes:host/target/classes:$(cat "$CP_FILE")"
TICKS=$(getconf CLK_TCK)

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run() {
  rm -f "host/target/bench-$1.log"
  # shellcheck disable=SC2086
  java -Xmx256m ${2:-} -cp "$CP" warden.host.http.BenchServer "$PORT" "$1" "$WARDEN_ADMIN_TOKEN" > "host/target/bench-$1.log" 2>&1 &
  PID=$!
  i=0
  trap 'kill "$PID" 2>/dev/null' EXIT
  until grep -q listening "host/target/bench-$1.log" 2>/dev/null; do
    i=$((i+1))
    if [ $i -ge 300 ] || ! kill -0 "$PID" 2>/dev/null; then
      echo "the bench server did not start; see host/target/bench-$1.log" >&2
      exit 1
    fi
    sleep 0.2
  done
  # Warm-up, then the measured run.
  wrk -t2 -c50 -d5s -s bench/http/aggregates.lua "http://127.0.0.1:$PORT" > /dev/null
  before=$(cpu_ticks "$PID")
  wrk -t2 -c50 -d"${SECONDS_PER_RUN}s" --latency -s bench/http/aggregates.lua "http://127.0.0.1:$PORT" > host/target/bench-wrk.txt
  after=$(cpu_ticks "$PID")
  requests=$(awk '/requests in/ {print $1}' host/target/bench-wrk.txt)
  p50=$(awk '$1 == "50%" {print $2}' host/target/bench-wrk.txt)
  p99=$(awk '$1 == "99%" {print $2}' host/target/bench-wrk.txt)
  rps=$(awk '/Requests\/sec/ {print $2}' host/target/bench-wrk.txt)
  cpu_us=$(awk -v t="$((after - before))" -v hz="$TICKS" -v n="$requests" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')
  printf '%-4s requests/s %8s   p50 %8s   p99 %8s   server CPU per request %5s us   load %s\n' \
    "$1" "$rps" "$p50" "$p99" "$cpu_us" "$(cut -d' ' -f1 /proc/loadavg)"
  kill "$PID"
  wait "$PID" 2>/dev/null || true
}

echo "HTTP metrics   GET /api/v1/series/dice-roller/aggregates?series=cpu,rssBytes&window=1h, 50 connections"
# Alternated, so a change in the machine's load hits both settings alike.
for round in $(seq "$ROUNDS"); do
  run on
  run off
done
# The A/B runs above compare two JVMs, whose JIT luck differs by more than the metrics cost on a small box; one more
# run with metrics on, profiled by JFR, attributes the event loop's samples directly.
rm -f host/target/bench-on.jfr
run on "-XX:StartFlightRecording=filename=host/target/bench-on.jfr,settings=profile"
java bench/http/MetricsShare.java host/target/bench-on.jfr
