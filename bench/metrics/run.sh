#!/bin/sh
# Host CPU while sampling 100 children every second, against the same JVM with sampling off.
# From the repo root, after `mvn -B -q package -DskipTests`:   bench/metrics/run.sh [children] [warmup s] [measure s]
# JAVA_OPTS is passed to both JVMs; by default the flags of the README run command (JAVA_OPTS= for none).
set -eu
cd "$(dirname "$0")/../.."
JAR=host/target/warden.jar
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
N=${1:-100}
WARMUP=${2:-20}
MEASURE=${3:-60}
for mode in baseline sample; do
  # shellcheck disable=SC2086
  java ${JAVA_OPTS--XX:+UseSerialGC -XX:-UsePerfData -Xms16m -XX:TieredStopAtLevel=1} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" \
    bench/metrics/HundredChildren.java "$N" "$WARMUP" "$MEASURE" "$mode"
done
