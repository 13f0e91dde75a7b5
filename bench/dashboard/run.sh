#!/bin/sh
# Dashboard speed: how soon a fresh page load shows the overview's 20 cards and a child page's first chart, in
# headless chromium against the HTTP layer with 20 children of an hour of 5 s samples each (DashboardBench).
# Needs chromium and chromium-driver, and a build: mvn -B -q package -DskipTests (test classes are compiled).
# Usage: bench/dashboard/run.sh [rounds, default 15]
set -eu
cd "$(dirname "$0")/../.."
CP_FILE=host/target/bench.classpath
# In one reactor session with the compile phases, so the dashboard and plugin-api resolve to their target/ dirs.
[ -f "$CP_FILE" ] || mvn -B -q -pl host -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$CP_FILE" -Dspotless.check.skip=true >/dev/null
CP="host/target/test-classes:host/target/classes:$(cat "$CP_FILE")"
java -Xmx256m -cp "$CP" warden.host.http.DashboardBench "${1:-15}" 2>/dev/null
