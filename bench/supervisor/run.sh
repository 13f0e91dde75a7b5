#!/bin/sh
# Supervisor figures for issue 2: restart latency after SIGKILL, start/stop of 100 children, idle RSS and CPU.
# Run from a fresh clone after:  mvn -B -q package -DskipTests
# Usage: bench/supervisor/run.sh [settleSeconds=15] [windowSeconds=60] ; JVM flags via JAVA_OPTS (default: those of the README run command).
set -eu
cd "$(dirname "$0")/../.."
exec java ${JAVA_OPTS--XX:+UseSerialGC -XX:-UsePerfData -Xms16m -XX:TieredStopAtLevel=1} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp host/target/warden.jar:host/target/test-classes warden.host.bench.SupervisorBench "$@"
