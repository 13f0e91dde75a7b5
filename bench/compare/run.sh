#!/bin/sh
# Warden, supervisord and PM2 side by side on the same N /bin/sleep children, observed only from /proc.
# Run from a fresh clone after:  mvn -B -q package -DskipTests
# Needs: python3, supervisord (apt-get install supervisor), node + npm (PM2 is installed into bench/compare/node_modules
# on first use). A peer that is missing is left out of the table with a line saying so.
# Usage: bench/compare/run.sh [--n 10,100] [--reps 3] [--settle 30] [--window 60] [--kills 20] [--interval 5s] [--only warden,supervisord,pm2]
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$here/node_modules/.bin/pm2" ] && command -v npm >/dev/null 2>&1; then
  (cd "$here" && npm install --no-audit --no-fund --silent pm2@7 >/dev/null 2>&1) || echo "pm2 could not be installed; leaving it out" >&2
fi
exec python3 "$here/compare.py" "$@"
