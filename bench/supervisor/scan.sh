#!/bin/sh
# Cost of the /proc scan of a sweep (between a child's exit and its restart), per scan, on this machine's processes.
# Run after: mvn -B -q package -DskipTests (the test classes are needed). Usage: bench/supervisor/scan.sh [scans=200]
set -eu
cd "$(dirname "$0")/../.."
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp host/target/warden.jar:host/target/test-classes \
  warden.host.supervisor.ProcScanBench "$@"
