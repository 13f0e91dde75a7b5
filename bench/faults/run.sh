#!/bin/sh
# Fault suite (supervision under faults), long form: takes minutes and prints each figure.
#   1. kill storm: random SIGKILLs at 50-500 ms gaps to 13 children (wrapper scripts with a helper and a daemon among
#      them); afterwards every child back or FAILED with its reason, 0 orphans, 0 duplicates, one crash record per
#      kill, the host's heap and RSS before and after
#   2. host SIGKILL at random points: how long its processes outlive it without a next start (the keeper), 0 left
#      after the next start, samples lost per kill, SQLite integrity_check
#   3. group signals (Ctrl-C on a terminal, SIGINT/SIGTERM to the group, SIGTERM alone), a second host on the same
#      data dir, a wrapper with a forking descendant, a disk that fills (a real tmpfs; needs root): their tests
#   4. bench/faults/fuzz.sh, the protocol and config fuzzers, when it exists
# Run from a fresh clone after:  mvn -B -q package -DskipTests
# Usage: bench/faults/run.sh [kills=500] [hostKills=10]
set -eu
cd "$(dirname "$0")/../.."
java -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp host/target/warden.jar:host/target/test-classes warden.host.supervisor.FaultSuite "${1:-500}" "${2:-10}"
mvn -B -o -pl host -am verify -Dspotless.check.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='HostSignalsTest,DataDirLockTest,ProcessTreeTest,DiskFullTest,DataDirFullTest,RetentionTest,FaultSuiteTest' \
  | grep -E "Tests run|FAIL|short form|ERROR" || true
if [ -x bench/faults/fuzz.sh ]; then
  bench/faults/fuzz.sh
fi
