#!/bin/sh
# Supervisor figures for issue 2: restart latency after SIGKILL, start/stop of 100 children, idle RSS and CPU.
# Run from a fresh clone after:  mvn -B -q package -DskipTests
# Usage: bench/supervisor/run.sh [settleSeconds=15] [windowSeconds=60] ; extra JVM flags via JAVA_OPTS.
set -eu
cd "$(dirname "$0")/../.."
exec java ${JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp host/target/warden.jar:host/target/test-classes warden.host.bench.SupervisorBench "$@"
