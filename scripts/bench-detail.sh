#!/usr/bin/env bash
# The activity detail with 12 hours of samples (issue 14: "< 0.5 s to rendered"): `xtask gen-long` writes a
# 12-hour FIT run (one record a second, heart rate, speed, cadence, altitude, GPS), `afterlift import` puts
# it in a fresh log, `afterlift serve` serves it, and scripts/bench/detail.mjs times the view in headless
# Debian Chromium (playwright-core from e2e/node_modules): from navigation to every chart and the track
# drawn. Before that, the server's own part: `GET /api/v1/activities/{id}/streams` with curl (total time,
# median of CURL_RUNS) and its size, plain and as the browser asks for it.
#
# Usage: scripts/bench-detail.sh [RUNS=7] [CURL_RUNS=21]
# Environment: SEED (7), PORT (default: one the system picks), CHROMIUM_PATH (/usr/bin/chromium), KEEP=1 keeps the log.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
curl_runs=${2:-21}
seed=${SEED:-7}

cargo build --release --locked -p afterlift -p xtask >/dev/null 2>&1 || cargo build --release --locked -p afterlift -p xtask
bin=target/release/afterlift
long=target/bench-data/long-12h-$seed.fit
[ -f "$long" ] || target/release/xtask gen-long --seed "$seed" --out "$long" >/dev/null
[ -d e2e/node_modules/playwright-core ] || npm ci --prefix e2e >/dev/null

. scripts/bench/serve.sh
export AFTERLIFT_DB="$dir/log.db"

"$bin" profile set --age 38 --sex male --weight-kg 74 --goal general --resting-hr 52 --max-hr 188 \
  --time-zone Europe/Zurich >/dev/null
"$bin" import "$long" >/dev/null
id=$("$bin" activities --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
samples=$("$bin" show "$id" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["samples"])')

serve "$bin"

url="$base/api/v1/activities/$id/streams"
echo "12-hour run $id: $samples samples ($(stat -c %s "$long") bytes of FIT); $(nproc) cores"
echo
for _ in 1 2 3; do curl -s -o /dev/null "$url"; done
times=$(for _ in $(seq "$curl_runs"); do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done | sort -n)
median=$(echo "$times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] * 1000}')
plain=$(curl -s "$url" | wc -c)
gzip=$(curl -s -H 'Accept-Encoding: gzip, br' -o /dev/null -w '%{size_download}' "$url")
echo "GET /streams (curl, $curl_runs runs): median ${median} ms, min $(echo "$times" | head -1 | awk '{print $1*1000}') ms; ${plain} bytes (${gzip} bytes asked with Accept-Encoding: gzip, br)"
echo
node scripts/bench/detail.mjs "$base" "$id" "$runs"
