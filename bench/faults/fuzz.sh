#!/bin/sh
# Protocol fuzzer, long form: at least N frames (default 1,000,000) of garbage, truncated, oversized and wrongly typed
# plugin frames into the host's real frame parser and connection; prints frames/s and how the sessions ended, and
# exits 1 if the connection ever threw or ended a child without a protocol reason. The short form runs in `mvn verify`
# (ProtocolFuzzTest). Then the config fuzzer (CONFIG_MUTANTS, default 20,000; CONFIG_SEED; CONFIG_PROCESSES, default
# 200 real warden processes). From a fresh clone:  mvn -B -q package -DskipTests && bench/faults/fuzz.sh [frames] [corpus lines]
set -eu
cd "$(dirname "$0")/../.."
frames="${1:-1000000}"
corpus="${2:-20000}"

repo="${MAVEN_REPO:-$HOME/.m2/repository}"
if [ ! -d host/target/test-classes/warden/host/plugins ]; then
    mvn -B -q -o -pl host -am test-compile -Dspotless.check.skip=true
fi
# The fuzzer lives in the host's test classes; jqwik (test scope) is taken from the local Maven repository.
jar() { ls "$repo/$1"/*/"$2"-*.jar | grep -v sources | sort -V | tail -n 1; }
cp="host/target/test-classes:host/target/warden.jar"
cp="$cp:$(ls "$repo"/net/jqwik/jqwik-api/1.10.1/jqwik-api-1.10.1.jar)"
cp="$cp:$(ls "$repo"/net/jqwik/jqwik-engine/1.10.1/jqwik-engine-1.10.1.jar)"
cp="$cp:$(ls "$repo"/org/junit/platform/junit-platform-commons/1.14.4/junit-platform-commons-1.14.4.jar)"
cp="$cp:$(ls "$repo"/org/junit/platform/junit-platform-engine/1.14.4/junit-platform-engine-1.14.4.jar)"
cp="$cp:$(jar org/opentest4j/opentest4j opentest4j):$(jar org/apiguardian/apiguardian-api apiguardian-api)"
java -XX:+UseSerialGC -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" warden.host.plugins.ProtocolFuzz "$frames" "$corpus"
# Config fuzz: mutants of valid configs through the real loader, and the first refused ones through a real warden
# process (exit 2, the message, no stack trace, nothing started). ConfigFuzzTest is the short form.
exec java -XX:+UseSerialGC -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" \
  warden.host.config.ConfigFuzz "${CONFIG_MUTANTS:-20000}" "${CONFIG_SEED:-$(date +%s)}" "${CONFIG_PROCESSES:-200}"
