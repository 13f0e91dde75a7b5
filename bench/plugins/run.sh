#!/bin/sh
# Plugin child benchmark: time to ready and RSS of one plugin child, events/s through the router, and round-trip
# latency at 1,000 events/s. From a fresh clone:  mvn -B -q package -DskipTests && bench/plugins/run.sh [seconds]
# The bench main lives in the host's test classes (it uses a small test launcher instead of the supervisor); the plugin
# child runs from warden.jar exactly as in production.
set -eu
cd "$(dirname "$0")/../.."
seconds="${1:-10}"
jar=$(ls plugins/dice-roller/target/dice-roller-*.jar | head -n 1)
exec java -cp "host/target/test-classes:host/target/warden.jar" warden.host.plugins.PluginBench "$jar" "$seconds"
