#!/bin/sh
# HTTP API benchmark: what the host's HTTP metrics cost, under 50 concurrent clients on the aggregates route.
# Needs wrk and a build: mvn -B -q package -DskipTests   (test classes are compiled; BenchServer lives there).
# Usage: bench/http/run.sh [seconds per round, default 10] [round pairs, default 6]
#
# One JVM serves every round, with its HTTP metrics switched on and off between alternating rounds (BenchServer ab),
# so JIT luck, which differs between two JVMs by more than the metrics cost on a small box, is the same for both.
# Per round it prints requests/s and the server's CPU time per request (utime+stime from /proc over the round); on a
# shared machine throughput swings with other load, CPU per request much less. The cost is the median over the
# pairs of (off - on) / off for throughput and (on - off) / off for CPU per request.
# Last, one more run with metrics on under JFR prints the share of event-loop samples in metrics code.
set -eu
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-10}
PAIRS=${2:-6}
PORT=${BENCH_PORT:-$(shuf -i 20000-40000 -n 1)}
export WARDEN_ADMIN_TOKEN=bench-token-$(date +%s)
CP_FILE=host/target/bench.classpath
# In one reactor session with the compile phases, so the dashboard and plugin-api resolve to their target/ dirs.
[ -f "$CP_FILE" ] || mvn -B -q -pl host -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$CP_FILE" -Dspotless.check.skip=true >/dev/null
CP="host/target/test-classes:host/target/classes:$(cat "$CP_FILE")"
TICKS=$(getconf CLK_TCK)
LOG=host/target/bench-http.log
FIFO=host/target/bench-http.fifo

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

start() {
  rm -f "$LOG" "$FIFO"
  mkfifo "$FIFO"
  # shellcheck disable=SC2086
  java -Xmx256m ${2:-} -cp "$CP" warden.host.http.BenchServer "$PORT" "$1" "$WARDEN_ADMIN_TOKEN" < "$FIFO" > "$LOG" 2>&1 &
  PID=$!
  exec 3> "$FIFO" # held open: BenchServer reads its switches from it, and EOF would end them
  trap 'kill "$PID" 2>/dev/null; rm -f "$FIFO"' EXIT
  i=0
  until grep -q listening "$LOG" 2>/dev/null; do
    i=$((i+1))
    if [ $i -ge 300 ] || ! kill -0 "$PID" 2>/dev/null; then
      echo "the bench server did not start; see $LOG" >&2
      exit 1
    fi
    sleep 0.2
  done
}

stop() {
  exec 3>&-
  kill "$PID"
  wait "$PID" 2>/dev/null || true
  rm -f "$FIFO"
}

switch() {
  n=$(grep -c "^recording" "$LOG" || true)
  echo "$1" >&3
  until [ "$(grep -c "^recording" "$LOG" || true)" -gt "$n" ]; do sleep 0.05; done
}

# One measured round: prints "requests/s cpu-us-per-request p50 p99".
round() {
  before=$(cpu_ticks "$PID")
  wrk -t2 -c50 -d"${1}s" --latency -s bench/http/aggregates.lua "http://127.0.0.1:$PORT" > host/target/bench-wrk.txt
  after=$(cpu_ticks "$PID")
  requests=$(awk '/requests in/ {print $1}' host/target/bench-wrk.txt)
  awk -v t="$((after - before))" -v hz="$TICKS" -v n="$requests" -v s="$1" '
    $1 == "50%" {p50 = $2} $1 == "99%" {p99 = $2}
    END {printf "%.1f %.1f %s %s\n", n / s, t / hz * 1e6 / n, p50, p99}' host/target/bench-wrk.txt
}

echo "HTTP metrics   GET /api/v1/series/dice-roller/aggregates?series=cpu,rssBytes&window=1h, 50 connections, one JVM"
start ab
# Warm-up with both settings, so both paths are compiled before anything is measured.
for s in on off on off; do
  switch "$s"
  wrk -t2 -c50 -d5s -s bench/http/aggregates.lua "http://127.0.0.1:$PORT" > /dev/null
done
: > host/target/bench-http-rounds.txt
for pair in $(seq "$PAIRS"); do
  # The order inside a pair alternates too, so a drift in the machine's load over a pair cancels across pairs.
  if [ $((pair % 2)) -eq 1 ]; then order="on off"; else order="off on"; fi
  for s in $order; do
    switch "$s"
    r=$(round "$SECONDS_PER_RUN")
    echo "$pair $s $r" >> host/target/bench-http-rounds.txt
    set -- $r
    printf 'pair %-2s metrics %-3s requests/s %8s   server CPU per request %6s us   p50 %8s   p99 %8s   load %s\n' \
      "$pair" "$s" "$1" "$2" "$3" "$4" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
stop
# Per pair: throughput lost and CPU per request added with metrics on, in %; then the median and range of each.
awk '{rps[$1, $2] = $3; cpu[$1, $2] = $4; pairs[$1] = 1}
  END {for (p in pairs) printf "%.3f %.3f\n", (rps[p, "off"] - rps[p, "on"]) / rps[p, "off"] * 100,
                                          (cpu[p, "on"] - cpu[p, "off"]) / cpu[p, "off"] * 100}' \
  host/target/bench-http-rounds.txt > host/target/bench-http-cost.txt
summary() {
  cut -d' ' -f"$1" host/target/bench-http-cost.txt | sort -g | awk '{v[NR] = $1}
    END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f %% [%.2f .. %.2f]", m, v[1], v[NR]}'
}
echo "metrics cost, median of $PAIRS pairs [min .. max]: throughput $(summary 1), CPU per request $(summary 2)"

# The share of the event loop's JFR samples in metrics code, in a run with metrics on.
rm -f host/target/bench-on.jfr
start on "-XX:StartFlightRecording=filename=host/target/bench-on.jfr,settings=profile"
wrk -t2 -c50 -d5s -s bench/http/aggregates.lua "http://127.0.0.1:$PORT" > /dev/null
set -- $(round "$SECONDS_PER_RUN")
printf 'JFR run: requests/s %s   server CPU per request %s us\n' "$1" "$2"
stop
java bench/http/MetricsShare.java host/target/bench-on.jfr
