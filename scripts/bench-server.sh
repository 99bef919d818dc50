#!/usr/bin/env bash
# The HTTP server under load (issue 7): `afterlift serve` on a temporary log with a year of history, beside
# a bare axum JSON echo endpoint (crates/server/examples/echo.rs, the same runtime settings) as the ceiling,
# both loaded by wrk from a second process on loopback. For each target: 2 s warm-up, then RUNS runs of
# DURATION s at CONNS connections (wrk -t2 --latency); prints the median requests/s, p50 and p99 and the
# server's peak RSS (VmHWM) as a markdown table.
#
# Usage: scripts/bench-server.sh [RUNS=3] [DURATION=10] [CONNS=64]
# Env:   AFTERLIFT_BIN=path  a prebuilt afterlift to measure instead (e.g. an older commit's, for "before")
#        KEEP=1              keep the temporary folder (its path is printed)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
duration=${2:-10}
conns=${3:-64}
port=${PORT:-18080}
echo_port=$((port + 1))

command -v wrk >/dev/null || { echo "installing wrk (Debian)" >&2; apt-get install -y wrk >/dev/null; }
cargo build --release -p afterlift -p xtask >/dev/null 2>&1 || cargo build --release -p afterlift -p xtask
cargo build --release -p afterlift-server --example echo >/dev/null 2>&1 || cargo build --release -p afterlift-server --example echo
bin=${AFTERLIFT_BIN:-target/release/afterlift}
xtask=target/release/xtask
echo_bin=target/release/examples/echo

dir=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $dir" >&2; else rm -rf "$dir"; fi
}
trap cleanup EXIT
export AFTERLIFT_DB="$dir/log.db"

# A profile and a year of history: generated FIT runs/rides and Strong/Hevy CSVs, the real files of
# testdata, today's lift and check-in.
"$bin" profile set --age 34 --sex female --weight-kg 62 --goal hypertrophy --resting-hr 55 --max-hr 188 \
  --time-zone UTC >/dev/null
"$xtask" gen-history --years 1 --seed 7 --out "$dir/history" >/dev/null
"$bin" import "$dir/history" >/dev/null 2>&1 || true
[ -d testdata ] && { "$bin" import testdata >/dev/null 2>&1 || true; }
"$bin" log lift --exercise "Squat (Barbell)" --sets 5x5@100 --exercise "Romanian Deadlift" --sets 3x8@80 \
  --rpe 8 --minutes 60 --at 2h >/dev/null
"$bin" log wellness --sleep 7 --sleep-quality 3 --fatigue 3 --soreness 4 --stress 2 --mood 3 >/dev/null
activities=$("$bin" activities --limit 100000 --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
lifts=$("$bin" lifts --limit 100000 --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')

"$bin" serve --bind "127.0.0.1:$port" >"$dir/serve.out" 2>"$dir/serve.err" &
server=$!; pids+=("$server")
"$echo_bin" "127.0.0.1:$echo_port" >"$dir/echo.out" 2>&1 &
echo_pid=$!; pids+=("$echo_pid")
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/api/v1/status" >/dev/null 2>&1 && \
    curl -sf -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$echo_port/echo" >/dev/null 2>&1 && break
  sleep 0.1
done
# The advice answers (and is a real advice, not an error).
curl -sf -H 'Content-Type: application/json' -d @<(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" scripts/bench/advice.lua) \
  "http://127.0.0.1:$port/api/v1/advice" | grep -q '"verdict"'

# run NAME URL [LUA] PID -> appends "name rps p50_ms p99_ms" per run to $dir/results
run() {
  local name=$1 url=$2 lua=$3 pid=$4 args=(-t2 -c"$conns" --latency)
  [ -n "$lua" ] && args+=(-s "$lua")
  wrk "${args[@]}" -d2s "$url" >/dev/null   # warm-up
  for i in $(seq "$runs"); do
    wrk "${args[@]}" -d"${duration}s" "$url" >"$dir/$name.$i.txt"
    python3 - "$dir/$name.$i.txt" "$name" >>"$dir/results" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
lat = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if errors:
    sys.exit(f"{sys.argv[2]}: {errors.group(1)} error responses")
print(sys.argv[2], rps, lat["50"], lat["99"])
PY
  done
  echo "$name rss $(awk '/VmHWM/ {print $2}' "/proc/$pid/status")" >>"$dir/results"
}

run echo "http://127.0.0.1:$echo_port/echo" scripts/bench/echo.lua "$echo_pid"
run advice "http://127.0.0.1:$port/api/v1/advice" scripts/bench/advice.lua "$server"
run status "http://127.0.0.1:$port/api/v1/status" "" "$server"

python3 - "$dir/results" "$runs" "$duration" "$conns" "$activities" "$lifts" "$(nproc)" <<'PY'
import statistics, sys
path, runs, duration, conns, acts, lifts, cores = sys.argv[1:]
rows, rss = {}, {}
for line in open(path):
    f = line.split()
    if f[1] == "rss":
        rss[f[0]] = int(f[2]) / 1024
    else:
        rows.setdefault(f[0], []).append(tuple(map(float, f[1:])))
med = {k: [statistics.median(c) for c in zip(*v)] for k, v in rows.items()}
ceiling = med["echo"][0]
print(f"\n{cores} cores shared by the server and wrk (-t2 -c{conns}, loopback); median of {runs} runs of {duration} s "
      f"after a 2 s warm-up; log: {acts} activities, {lifts} strength sessions, a profile, today's check-in.\n")
print("| endpoint | requests/s | of echo | p50 ms | p99 ms | server peak RSS (VmHWM) |")
print("|---|---:|---:|---:|---:|---:|")
names = {"echo": "bare axum echo (ceiling)", "advice": "POST /api/v1/advice", "status": "GET /api/v1/status"}
for k in ("echo", "advice", "status"):
    r, p50, p99 = med[k]
    print(f"| {names[k]} | {r:,.0f} | {100 * r / ceiling:.0f} % | {p50:.2f} | {p99:.2f} | {rss[k]:.1f} MB |")
PY
