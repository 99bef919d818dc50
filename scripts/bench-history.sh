#!/usr/bin/env bash
# The dashboard's History view with 10 years of data (issue 14): a personal log of one athlete's generated
# decade (`xtask personal-history`: runs and rides as summaries, lifts with their sets, ~9 check-ins in 10
# days, a profile; the same generator as the team load test), served by `afterlift serve`, opened in headless
# Debian Chromium (playwright-core from e2e/node_modules, the e2e tests' flags). Each run is a new browser
# context (nothing cached), timed from navigation start to History fully drawn (`data-state="ready"` on the
# view: every chart and both lists); RUNS runs per case, median reported. Cases: the view as it opens
# (the last 3 months drawn, all 10 years read) and `#/history?range=all` (all 10 years drawn). Also the API
# requests the view makes, timed alone with curl (median of RUNS).
#
# Usage: scripts/bench-history.sh [RUNS=7] [YEARS=10]
# Env:   AFTERLIFT_BIN=path  another afterlift to measure;  KEEP=1 keep the temporary folder
#        END=YYYY-MM-DD      the generated history ends the day before (default: today, so it is recent)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
years=${2:-10}
end=${END:-$(date -u +%F)}

cargo build --release --locked -p afterlift -p xtask >/dev/null 2>&1 || cargo build --release --locked -p afterlift -p xtask
bin=${AFTERLIFT_BIN:-target/release/afterlift}
[ -f e2e/node_modules/playwright-core/package.json ] || npm ci --prefix e2e >/dev/null

. scripts/bench/serve.sh

target/release/xtask personal-history --db "$dir/log.db" --years "$years" --seed 7 --end "$end" >&2
serve "$bin" --db "$dir/log.db"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# The API alone (what the view asks for, with a page of each list), RUNS times each; median in ms.
today=$(curl -sf "$base/api/v1/history" | python3 -c 'import json,sys; h=json.load(sys.stdin); print(h["to"], h["first_date"])')
read -r to first <<<"$today"
days=$(( ( $(date -u -d "$to" +%s) - $(date -u -d "$first" +%s) ) / 86400 + 1 ))
[ "$days" -gt 3650 ] && days=3650
echo "| request | bytes | median ms |"
echo "|---|---|---|"
for path in "/api/v1/history" "/api/v1/status?days=$days" "/api/v1/wellness?from=$first&to=$to" \
            "/api/v1/activities?from=$first&to=$to&limit=21" "/api/v1/lifts?from=$first&to=$to&limit=21"; do
  times=()
  for _ in $(seq "$runs"); do
    times+=("$(curl -s -o "$dir/body" -w '%{time_total}' "$base$path")")
  done
  size=$(stat -c %s "$dir/body")
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", 1000 * a[int((NR+1)/2)]}')
  echo "| \`GET ${path%%\?*}\` | $size | $median |"
done
echo

node scripts/bench/history.mjs "$base" "$runs"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
