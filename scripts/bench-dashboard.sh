#!/usr/bin/env bash
# The dashboard's first contentful paint (issue 14: target < 0.5 s): `afterlift serve` (release) over a
# log with a profile and real files imported (testdata/: a FIT run, a Strong export), opened in headless
# Debian Chromium by scripts/bench/fcp.mjs, cold (a new browser context each run) and warm (the same tab
# reloaded), at desktop and phone sizes; medians of RUNS runs.
#
# Usage: scripts/bench-dashboard.sh [RUNS=9]
# Env:   AFTERLIFT_BIN=path  another afterlift to measure;  PORT (default: one the system picks)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}

cargo build --release --locked -p afterlift >/dev/null 2>&1 || cargo build --release --locked -p afterlift
bin=${AFTERLIFT_BIN:-target/release/afterlift}
[ -f e2e/node_modules/playwright-core/package.json ] || npm ci --prefix e2e >/dev/null

. scripts/bench/serve.sh
serve "$bin" --db "$dir/log.db"
curl -sf -X PUT "$base/api/v1/profile" -H 'content-type: application/json' \
  -d '{"athlete":{"age":34,"sex":"female","weight_kg":62,"goal":"general","time_zone":"Europe/Berlin"}}' >/dev/null
curl -sf -F "a=@testdata/fit/garmin-fenix-5-run.fit" -F "b=@testdata/strong/strong.csv" "$base/api/v1/imports" >/dev/null

echo "afterlift $("$bin" --version | awk '{print $2}'), $(chromium --version 2>/dev/null | head -1), $(nproc) cores"
node scripts/bench/fcp.mjs "$base" "$runs"
