#!/bin/sh
# Cold start: launch (through the launcher, as shipped) -> all N /bin/sleep children exec'd, REPS times; median and
# range, with where the host's CPU went by then (per thread). The first, unmeasured start leaves the launcher's
# class-data archive (its training run takes about 30 s); every start after it maps that archive.
# Needs a build: mvn -B -q package -DskipTests.
# Usage: bench/start/run.sh [N, default 100] [REPS, default 9]
set -eu
exec python3 "$(cd "$(dirname "$0")" && pwd)/start.py" "$@"
