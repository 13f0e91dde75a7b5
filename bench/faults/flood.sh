#!/bin/sh
# Output flood: the real host (java -jar warden.jar) supervising `yes` and `cat /dev/urandom | base64`, both writing as
# fast as they can. Prints the host JVM's CPU (share of one core, from /proc/<pid>/stat) over the window, the lines
# dropped by the output limit, and the worst API latency seen meanwhile (GET /api/v1/children, every 200 ms).
# From a fresh clone:  mvn -B -q package -DskipTests && bench/faults/flood.sh [windowSeconds=20] [settleSeconds=5]
set -eu
cd "$(dirname "$0")/../.."
window="${1:-20}"
settle="${2:-5}"
work=$(mktemp -d)
trap 'kill "$host" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/warden.yaml" <<YAML
http: { host: 127.0.0.1, port: $port, adminToken: flood-bench-token }
data: ./data
metrics: { interval: 5s }
plugins: { dir: ./no-plugins, watch: false }
chat: { console: false }
services:
  - id: flood
    command: ["yes", "flood line of some length"]  # quoted: YAML 1.1 reads a bare yes as true
  - id: base64
    command: [sh, -c, "cat /dev/urandom | base64"]
YAML
java -XX:+UseSerialGC -XX:-UsePerfData -Xms16m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -jar host/target/warden.jar --config "$work/warden.yaml" --no-console > "$work/host.log" 2>&1 &
host=$!
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$host/stat"; }
api() { curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer flood-bench-token" \
    "http://127.0.0.1:$port/api/v1/children"; }
until curl -s -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.2; done
sleep "$settle"
c0=$(cpu); t0=$(date +%s.%N); worst=0
end=$(echo "$t0 + $window" | bc)
while [ "$(echo "$(date +%s.%N) < $end" | bc)" = 1 ]; do
    t=$(api); worst=$(echo "if ($t > $worst) $t else $worst" | bc); sleep 0.2
done
c1=$(cpu); t1=$(date +%s.%N)
share=$(echo "scale=1; 100 * ($c1 - $c0) / $ticks / ($t1 - $t0)" | bc)
children=$(curl -s -H "Authorization: Bearer flood-bench-token" "http://127.0.0.1:$port/api/v1/series/flood/latest"); echo "$children" | head -c 600; echo
echo "output flood: host CPU ${share}% of one core over ${window}s (yes + base64 flooding); worst API latency ${worst}s"
echo "  flood latest: $(echo "$children" | tr ',' '\n' | grep -i dropped || echo 'no output.dropped yet')"
du -sh "$work/data/logs" | awk '{print "  logs on disk: " $1}'
