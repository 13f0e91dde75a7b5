#!/bin/sh
# Wall time of `warden ctl status` against a host on this machine, through the launcher (host/target/bin/warden),
# next to plain `java -jar warden.jar ctl status` and `java -version` (the floor of any JVM start).
# Run after:  mvn -B -q package -DskipTests
# Usage: bench/ctl/run.sh [runs=20]   (uses hyperfine when installed, a loop of date +%s%N otherwise)
set -eu
cd "$(dirname "$0")/../.."
runs=${1:-20}
root=$(pwd)
work=$(mktemp -d)
trap 'kill "$host" 2>/dev/null; wait "$host" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
mkdir plugins
printf 'http: {port: 0}\nchat: {console: false}\nplugins: {dir: ./plugins}\nservices:\n  - id: sleeper\n    command: [sleep, "3600"]\n' > warden.yaml
"$root/host/target/bin/warden" --config warden.yaml --no-console > host.out 2>&1 &
host=$!
while [ ! -f warden-data/run/endpoint ]; do sleep 0.2; done
export XDG_CACHE_HOME="$work/cache" WARDEN_DATA_DIR="$work/warden-data"
"$root/host/target/bin/warden" ctl status >/dev/null   # the first run writes ctl's class-data archive
launcher="$root/host/target/bin/warden ctl status"
plain="java -jar $root/host/target/warden.jar ctl status"
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 2 --runs "$runs" "$launcher" "$plain" "java -version"
else
    for cmd in "$launcher" "$plain" "java -version"; do
        start=$(date +%s%N)
        i=0
        while [ $i -lt "$runs" ]; do $cmd >/dev/null 2>&1; i=$((i + 1)); done
        echo "$(( ($(date +%s%N) - start) / runs / 1000000 )) ms  $cmd"
    done
fi
