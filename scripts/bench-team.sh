#!/usr/bin/env bash
# A team on PostgreSQL under load (issue 13): a throwaway PostgreSQL cluster on loopback holding ATHLETES
# athlete users × YEARS of generated history (`xtask team-history`, or a cached dump of it), two
# `afterlift serve` processes on that one database, and wrk (one process, -t2: thread 1 loads server A,
# thread 2 server B, CONNS connections in all) picking a random athlete's API token per request
# (scripts/bench/team.lua). Runs, each RUNS × DURATION s after a warm-up:
#   mix     45 % POST /api/v1/advice, 45 % GET /api/v1/status, 10 % PUT /api/v1/wellness/today
#   advice  POST /api/v1/advice only        status  GET /api/v1/status only
# Prints a markdown table: requests/s, p50/p99 (wrk's merged histogram), errors (non-2xx + socket errors:
# the script fails on any), each server's peak RSS (VmHWM) and PostgreSQL's memory (the sum of its
# processes' PSS, so shared buffers count once). With SYNC_OFF=1 the mix is run again with
# synchronous_commit=off (labelled so).
#
# Usage: scripts/bench-team.sh [RUNS=3] [DURATION=15] [CONNS=64]
# Env:   ATHLETES=1000 YEARS=3 SEED=7 JOBS=6   the generated team (cached under target/bench-data/)
#        SYNC_OFF=1          also the synchronous_commit=off row
#        AFTERLIFT_BIN=path  a prebuilt afterlift to measure instead
#        VARIANTS="NAME=BIN[:POOL] …"  measure each in turn on the same database (POOL: the servers'
#                            AFTERLIFT_PG_MAX_CONNECTIONS); default one variant, this build
#        PERF=SECONDS        after the runs, `perf record -g` server A that long under the mix and under advice
#        PERF_VARIANT=NAME   … of that variant only      PERF_MODES="mix advice"  … under these loads
#        GENERATE_ONLY=1     only generate (and cache) the team's dump
#        WARM=20             seconds of the run that loads the logs before each variant's runs (GET status
#                            for each athlete in turn on each server: every log is cached once it is done)
#        MODES="mix advice status"   the loads measured, in this order
#        KEEP=1              keep the temporary folder (its path is printed)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
duration=${2:-15}
conns=${3:-64}
athletes=${ATHLETES:-1000}
years=${YEARS:-3}
seed=${SEED:-7}
jobs=${JOBS:-6}

command -v wrk >/dev/null || { echo "installing wrk (Debian)" >&2; apt-get install -y wrk >/dev/null; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pg_bin/initdb" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }
if [ -z "${AFTERLIFT_BIN:-}" ]; then
  cargo build --release -p afterlift -p xtask >/dev/null 2>&1 || cargo build --release -p afterlift -p xtask
fi
bin=$(realpath "${AFTERLIFT_BIN:-target/release/afterlift}")
xtask=$(realpath target/release/xtask)
cache=target/bench-data/team-$athletes-$years-$seed
mkdir -p target/bench-data

dir=$(mktemp -d)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; as_pg=(runuser -u postgres --); fi
pids=()
pg_started=0
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "$pg_started" = 1 ]; then "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/pg" -m fast stop >/dev/null 2>&1 || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $dir" >&2; else rm -rf "$dir"; fi
}
trap cleanup EXIT

pg_port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done
port_a=$((pg_port + 1000)); port_b=$((port_a + 1))
url="postgres://postgres@127.0.0.1:$pg_port/afterlift"

# The cluster, tuned for a 2-core machine with ~23 GB of RAM shared with other work; durability as shipped
# (fsync and synchronous_commit on, full_page_writes on). Checkpoints spread out (max_wal_size) so that no
# run is cut by one; JIT off (short OLTP queries).
pg_settings=(-c shared_buffers=1GB -c effective_cache_size=4GB -c work_mem=16MB -c maintenance_work_mem=512MB
  -c max_connections=100 -c wal_buffers=16MB -c max_wal_size=8GB -c checkpoint_timeout=30min
  -c checkpoint_completion_target=0.9 -c random_page_cost=1.1 -c jit=off -c fsync=on -c synchronous_commit=on)
"${as_pg[@]}" "$pg_bin/initdb" -D "$dir/pg" -U postgres --auth=trust -E UTF8 >/dev/null
pg_start() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w \
    -o "-h 127.0.0.1 -p $pg_port -k $dir ${pg_settings[*]} $*" start >/dev/null
  pg_started=1
}
pg_stop() { "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/pg" -m fast stop >/dev/null; pg_started=0; }
psql_() { "$pg_bin/psql" -X -q -t -A -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }

pg_start
psql_ -d postgres -c "CREATE DATABASE afterlift"
if [ -f "$cache/afterlift.dump" ] && [ -f "$cache/tokens.txt" ]; then
  t0=$(date +%s.%N)
  "$pg_bin/pg_restore" -h 127.0.0.1 -p "$pg_port" -U postgres -d afterlift -j 2 "$cache/afterlift.dump"
  echo "restored $cache/afterlift.dump in $(echo "$(date +%s.%N) - $t0" | bc) s" >&2
else
  # Generated with synchronous_commit off for this database only (a million check-ins, each its own
  # transaction); the benchmark runs with it on.
  psql_ -d postgres -c "ALTER DATABASE afterlift SET synchronous_commit = off"
  mkdir -p "$cache"
  "$xtask" team-history --db "$url" --athletes "$athletes" --years "$years" --seed "$seed" --jobs "$jobs" \
    --tokens "$dir/tokens.txt" | tee "$cache/generate.txt"
  psql_ -d postgres -c "ALTER DATABASE afterlift RESET synchronous_commit"
  "$pg_bin/pg_dump" -h 127.0.0.1 -p "$pg_port" -U postgres -Fc -f "$dir/afterlift.dump" afterlift
  mv "$dir/afterlift.dump" "$dir/tokens.txt" "$cache/"
fi
if [ "${GENERATE_ONLY:-0}" = 1 ]; then echo "generated $cache" >&2; exit 0; fi
psql_ -d afterlift -c "VACUUM ANALYZE"
db_size=$(psql_ -d afterlift -c "SELECT pg_size_pretty(pg_database_size('afterlift'))")
counts=$(psql_ -d afterlift -F' ' -c "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM activities),
  (SELECT count(*) FROM lifts), (SELECT count(*) FROM lift_sets), (SELECT count(*) FROM wellness)")
tokens=$(realpath "$cache/tokens.txt")

# pg_pss: the sum of this cluster's processes' PSS, MB (shared buffers counted once).
pg_pss() {
  local total=0 p main
  main=$(head -n1 "$dir/pg/postmaster.pid")
  for p in "$main" $(pgrep -P "$main" || true); do
    [ -r "/proc/$p/smaps_rollup" ] || continue
    total=$((total + $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)))
  done
  echo "$((total / 1024))"
}

servers=()
# serve_start BIN: both servers (the environment's AFTERLIFT_PG_MAX_CONNECTIONS, if any, sizes their pools)
serve_start() {
  local exe=$1
  servers=()
  for port in "$port_a" "$port_b"; do
    "$exe" serve --db "$url" --bind "127.0.0.1:$port" >"$dir/serve-$port.out" 2>"$dir/serve-$port.err" &
    pids+=("$!"); servers+=("$!")
  done
  local token; token=$(head -n1 "$tokens")
  for port in "$port_a" "$port_b"; do
    for _ in $(seq 200); do
      curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/status" >/dev/null 2>&1 && break
      sleep 0.1
    done
    # A real advice, not an error (read whole: `curl | grep -q` fails under pipefail when grep stops early).
    local advice
    advice=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d '{"planned":{"kind":"easy","minutes":30}}' "http://127.0.0.1:$port/api/v1/advice")
    grep -q '"verdict"' <<<"$advice"
  done
}
serve_stop() {
  for p in "${servers[@]}"; do kill "$p"; wait "$p" 2>/dev/null || true; done
}

# run_wrk LABEL MODE SECONDS -> appends "LABEL req/s p50_ms p99_ms errors non2xx socket" to $dir/results
run_wrk() {
  local label=$1 mode=$2 secs=$3
  TOKENS=$tokens PORTS="$port_a,$port_b" MODE=$mode wrk -t2 -c"$conns" --timeout 5s -d"${secs}s" \
    -s scripts/bench/team.lua "http://127.0.0.1:$port_a/" >"$dir/wrk.txt"
  python3 - "$dir/wrk.txt" "$label" >>"$dir/results" <<'PY'
import sys
text = open(sys.argv[1]).read()
line = next(l for l in text.splitlines() if l.startswith("RESULT "))
n, secs, p50, p99, status, *sock = line.split()[1:]
errors = int(status) + sum(map(int, sock))
print(sys.argv[2], int(n) / float(secs), int(p50) / 1000, int(p99) / 1000, errors, status, "/".join(sock))
PY
}
# measure LABEL MODE: a 5 s warm-up, RUNS runs, then the memory and the load average
measure() {
  local label=$1 mode=$2
  run_wrk warmup "$mode" 5
  for _ in $(seq "$runs"); do run_wrk "$label" "$mode" "$duration"; done
  echo "$label rss $(awk '/VmHWM/ {print $2}' "/proc/${servers[0]}/status") $(awk '/VmHWM/ {print $2}' "/proc/${servers[1]}/status") $(pg_pss) $(cut -d' ' -f1 /proc/loadavg)" >>"$dir/results"
}
# variant NAME BIN POOL: both servers of BIN (pool POOL, or the default), warmed by a 20 s status run
# (timed: every athlete's log is loaded on each server), then mix, advice and status
variant() {
  local name=$1 exe=$2 pool=$3 t0
  if [ -n "$pool" ]; then export AFTERLIFT_PG_MAX_CONNECTIONS=$pool; else unset AFTERLIFT_PG_MAX_CONNECTIONS; fi
  serve_start "$exe"
  t0=$(date +%s.%N)
  run_wrk "cold:$name" warm "${WARM:-20}"
  echo "cold:$name took $(echo "$(date +%s.%N) - $t0" | bc)" >>"$dir/results"
  for mode in ${MODES:-mix advice status}; do measure "$name:$mode" "$mode"; done
  if [ -n "${PERF:-}" ] && [ "$name" = "${PERF_VARIANT:-$name}" ]; then
    command -v perf >/dev/null || apt-get install -y linux-perf >/dev/null
    for mode in ${PERF_MODES:-mix advice}; do
      (TOKENS=$tokens PORTS="$port_a,$port_b" MODE=$mode wrk -t2 -c"$conns" -d"$((PERF + 4))s" \
        -s scripts/bench/team.lua "http://127.0.0.1:$port_a/" >/dev/null) &
      local w=$!
      sleep 2
      perf record -F 499 -g -p "${servers[0]}" -o "$dir/perf.data" -- sleep "$PERF" >/dev/null 2>&1
      wait "$w"
      perf report -i "$dir/perf.data" --no-children --percent-limit 1 --stdio -g none 2>/dev/null \
        | grep -v '^$' | head -70 >"$cache/perf-$name-$mode.txt"
      perf report -i "$dir/perf.data" --children --percent-limit 3 --stdio -g none 2>/dev/null \
        | grep -v '^$' | head -70 >"$cache/perf-$name-$mode-children.txt"
      # PostgreSQL's share of the machine meanwhile is in the script's output (top, one sample)
    done
    echo "perf reports in $cache/perf-$name-*.txt" >&2
  fi
  serve_stop
}

# VARIANTS: "NAME=BIN[:POOL] …" (default: this build, the default pool)
read -r -a variants <<<"${VARIANTS:-afterlift=$bin}"
for v in "${variants[@]}"; do
  name=${v%%=*}; rest=${v#*=}; exe=${rest%%:*}; pool=""
  [ "$rest" != "$exe" ] && pool=${rest#*:}
  variant "$name" "$(realpath "$exe")" "$pool"
done
if [ "${SYNC_OFF:-0}" = 1 ]; then
  pg_stop
  pg_start -c synchronous_commit=off
  v=${variants[-1]}; name=${v%%=*}; rest=${v#*=}; exe=${rest%%:*}; pool=""
  [ "$rest" != "$exe" ] && pool=${rest#*:}
  if [ -n "$pool" ]; then export AFTERLIFT_PG_MAX_CONNECTIONS=$pool; else unset AFTERLIFT_PG_MAX_CONNECTIONS; fi
  serve_start "$(realpath "$exe")"
  run_wrk "cold:sync-off" warm 20
  measure "$name (synchronous_commit=off):mix" mix
  measure "$name (synchronous_commit=off):advice" advice
  serve_stop
fi
cp "$dir/results" "$cache/results-$(date +%Y%m%d-%H%M%S).txt"

python3 - "$dir/results" "$runs" "$duration" "$conns" "$(nproc)" "$db_size" "$counts" <<'PY'
import statistics, sys
path, runs, duration, conns, cores, size, counts = sys.argv[1:]
users, acts, lifts, sets, checkins = counts.split()
rows, rss, cold = {}, {}, {}
order, failed = [], []
for line in open(path):
    f = line.rstrip("\n").split(" ")
    label = f[0]
    if " took " in line:
        cold[line.split(" took ")[0][5:]] = float(line.split(" took ")[1])
        continue
    # labels may hold spaces ("x (synchronous_commit=off):mix"): the numbers are the last fields
    if " rss " in line:
        label, nums = line.split(" rss ")
        rss[label] = nums.split()
        continue
    *lab, rps, p50, p99, errors, status, sock = f
    label = " ".join(lab)
    if int(errors):
        failed.append(f"{label}: {errors} errors (non-2xx {status}, socket connect/read/write/timeout {sock})")
    if label == "warmup" or label.startswith("cold:"):
        continue
    if label not in rows:
        order.append(label)
    rows.setdefault(label, []).append((float(rps), float(p50), float(p99), int(errors)))
print(f"\nPostgreSQL: {users} users, {acts} activities, {lifts} lifts ({sets} sets), {checkins} check-ins; database {size}.")
print(f"{cores} cores shared by PostgreSQL, two servers and wrk (-t2 -c{conns}: {int(conns)//2} connections per server, "
      f"loopback); median of {runs} runs of {duration} s after a 5 s warm-up; errors: non-2xx responses and socket errors, "
      f"summed over the runs. Before each variant's runs, a status run (WARM s) loads the athletes' logs into both servers' caches: "
      + ", ".join(f"{k} {v:.0f} s" for k, v in cold.items()) + ".\n")
print("| variant | load | requests/s | p50 ms | p99 ms | errors | server A / B peak RSS (VmHWM) | PostgreSQL PSS | load avg (1 min) |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
names = {"mix": "mix: 45 % advice, 45 % status, 10 % check-ins", "advice": "POST /api/v1/advice",
         "status": "GET /api/v1/status"}
for k in order:
    variant, mode = k.rsplit(":", 1)
    r, p50, p99, _ = (statistics.median(c) for c in zip(*rows[k]))
    errors = sum(e for *_, e in rows[k])
    a, b, pg, load = rss[k]
    print(f"| {variant} | {names[mode]} | {r:,.0f} | {p50:.2f} | {p99:.2f} | {errors} | {int(a)/1024:.0f} / {int(b)/1024:.0f} MB | {pg} MB | {load} |")
if failed:
    print("\nERRORS (the load test requires none):\n" + "\n".join(failed))
    sys.exit(1)
PY
