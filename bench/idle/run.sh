#!/bin/sh
# Idle host: CPU and wake-ups per thread, from /proc, with N /bin/sleep children sampled every INTERVAL.
# Needs a build: mvn -B -q package -DskipTests. Runs the host through its launcher (flags, class-data archive).
# Usage: bench/idle/run.sh [N, default 100] [interval, default 5s] [settle seconds, default 300] [window, default 60]
# "Settled" matters: at one tick every few seconds the JIT is still compiling the tick's code minutes after start.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
N=${1:-100}
INTERVAL=${2:-5s}
SETTLE=${3:-300}
WINDOW=${4:-60}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/plugins"
{
  echo "http: {host: 127.0.0.1, port: 0}"
  echo "metrics: {interval: $INTERVAL}"
  echo "plugins: {dir: ./plugins, watch: true}"
  echo "services:"
  i=0
  while [ $i -lt "$N" ]; do echo "  - {id: s$i, command: [/bin/sleep, \"100000\"]}"; i=$((i+1)); done
} > "$work/warden.yaml"
cd "$work"
WARDEN_ADMIN_TOKEN=idle-bench-token-0123456789 "$here/../../host/target/bin/warden" --config warden.yaml \
  --data "$work/data" --no-console > out.log 2>&1 < /dev/null &
pid=$!
sleep "$SETTLE"
echo "$N children, metrics every $INTERVAL, settled $SETTLE s, window $WINDOW s, load $(cut -d' ' -f1 /proc/loadavg)"
python3 "$here/threads.py" "$pid" "$WINDOW"
