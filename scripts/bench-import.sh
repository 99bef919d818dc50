#!/usr/bin/env bash
# Whole-process import benchmark (issue 7): `afterlift import` into a fresh database against Garmin's
# official Python FIT SDK, fitdecode, the bare rustyfit streaming decoder and the floor (read + FIT
# CRC-16), in the same run, on (a) a generated 10-year history and (b) one 12-hour run recording.
#
# Usage: scripts/bench-import.sh [RUNS] [PY_RUNS]
#   RUNS     hyperfine runs for the Rust processes on the 12-hour file (default 10; the history: RUNS/2, at least 3)
#   PY_RUNS  hyperfine runs for the Python decoders (default 3)
# Environment: YEARS (10), SEED (7), PY_EVERY (25: the Python decoders read every PY_EVERY-th FIT file of
# the history — at ~1 MB/s all 680 MB would take ten minutes a run — and are compared by MB/s),
# AFTERLIFT (the binary to measure; default target/release/afterlift, built here).
# Needs hyperfine (installed from Debian if missing), python3 with venv, /usr/bin/time. Prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
py_runs=${2:-3}
hist_runs=$(( runs / 2 > 3 ? runs / 2 : 3 ))
years=${YEARS:-10}
seed=${SEED:-7}
py_every=${PY_EVERY:-25}

if ! command -v hyperfine >/dev/null; then
  apt-get install -y hyperfine >/dev/null || { apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null; }
fi
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null

cargo build --release --locked -p afterlift -p xtask >/dev/null 2>&1 || cargo build --release --locked -p afterlift -p xtask
bin=${AFTERLIFT:-target/release/afterlift}
xtask=target/release/xtask

data=target/bench-data
history=$data/history-$years-$seed
long=$data/long-12h-$seed.fit
if [ ! -f "$history/.done" ]; then
  rm -rf "$history"
  "$xtask" gen-history --years "$years" --seed "$seed" --out "$history" >/dev/null
  touch "$history/.done"
fi
[ -f "$long" ] || "$xtask" gen-long --seed "$seed" --out "$long" >/dev/null

venv=target/bench-venv
if ! "$venv/bin/python" -c 'import garmin_fit_sdk, fitdecode' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q garmin-fit-sdk fitdecode
fi
py=$venv/bin/python

work=$(mktemp -d)
trap 'mkdir -p target/bench-import && cp "$work"/*.json "$work"/rss.txt target/bench-import/ 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/empty"

# The history's FIT files, and the sample the Python decoders read.
find "$history" -name '*.fit' | sort > "$work/fits"
awk -v k="$py_every" 'NR % k == 1' "$work/fits" > "$work/sample"
sample_args=$(tr '\n' ' ' < "$work/sample")

# Every command once under /usr/bin/time -v: peak RSS (and a check that it succeeds).
rss() { # name, command...
  local name=$1; shift
  rm -f "$work"/db*
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; echo "failed: $*" >&2; exit 1; }
  echo "$name $(tail -1 "$work/rss")" >> "$work/rss.txt"
}
: > "$work/rss.txt"
rss base        "$bin" --db "$work/db" import "$work/empty" --json
rss long/import "$bin" --db "$work/db" import "$long" --json
python3 - "$work/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["imported"] == 1 and r["errors"] == 0, r
PY
rss long/bare   "$xtask" bare-decode "$long"
rss long/crc    "$xtask" crc "$long"
rss long/garmin "$py" scripts/bench/decode_garmin.py "$long"
rss long/fitdecode "$py" scripts/bench/decode_fitdecode.py "$long"
rss hist/import "$bin" --db "$work/db" import "$history" --json
python3 - "$work/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["errors"] == 0 and r["duplicates"] == 0 and r["skipped"] == 0, {k: r[k] for k in ("imported", "duplicates", "skipped", "errors")}
print(f"history: {r['imported']} files imported, no errors", file=sys.stderr)
PY
rss hist/bare   "$xtask" bare-decode "$history"
rss hist/crc    "$xtask" crc "$history"
# shellcheck disable=SC2086
rss hist/garmin "$py" scripts/bench/decode_garmin.py $sample_args
# shellcheck disable=SC2086
rss hist/fitdecode "$py" scripts/bench/decode_fitdecode.py $sample_args

hf() { hyperfine -N --style none --export-json "$@" >/dev/null; }
echo "benchmarking the 12-hour file ($runs runs, Python $py_runs)…" >&2
hf "$work/long-rust.json" --warmup 2 --runs "$runs" \
  --prepare "rm -f $work/long.db $work/long.db-wal $work/long.db-shm" \
  -n import "$bin --db $work/long.db import $long --json" \
  -n bare "$xtask bare-decode $long" \
  -n crc "$xtask crc $long" \
  -n empty "$bin --db $work/long.db import $work/empty --json"
hf "$work/long-py.json" --warmup 1 --runs "$py_runs" \
  -n garmin "$py scripts/bench/decode_garmin.py $long" \
  -n fitdecode "$py scripts/bench/decode_fitdecode.py $long"
echo "benchmarking the history ($hist_runs runs, Python $py_runs on every ${py_every}th file)…" >&2
hf "$work/hist-rust.json" --warmup 1 --runs "$hist_runs" \
  --prepare "rm -f $work/hist.db $work/hist.db-wal $work/hist.db-shm" \
  -n import "$bin --db $work/hist.db import $history --json" \
  -n bare "$xtask bare-decode $history" \
  -n crc "$xtask crc $history"
hf "$work/hist-py.json" --warmup 0 --runs "$py_runs" \
  -n garmin "$py scripts/bench/decode_garmin.py $sample_args" \
  -n fitdecode "$py scripts/bench/decode_fitdecode.py $sample_args"

all_bytes=$(xargs stat -c %s < "$work/fits" | awk '{s+=$1} END {print s}')
csv_bytes=$(find "$history" -name '*.csv' -exec stat -c %s {} + | awk '{s+=$1} END {print s}')
sample_bytes=$(xargs stat -c %s < "$work/sample" | awk '{s+=$1} END {print s}')
python3 - "$work" "$(stat -c %s "$long")" "$(wc -l < "$work/fits")" "$all_bytes" "$csv_bytes" \
  "$(wc -l < "$work/sample")" "$sample_bytes" "$(nproc)" "$(git rev-parse --short HEAD)" "$py_every" <<'PY'
import json, sys
work, long_bytes, n_fit, fit_bytes, csv_bytes, n_sample, sample_bytes, cpus, commit, py_every = sys.argv[1:]
long_bytes, n_fit, fit_bytes, csv_bytes = int(long_bytes), int(n_fit), int(fit_bytes), int(csv_bytes)
n_sample, sample_bytes = int(n_sample), int(sample_bytes)
rss = dict(line.split() for line in open(f"{work}/rss.txt"))
rss = {k: int(v) / 1024 for k, v in rss.items()}  # MiB

def load(name):
    out = {}
    for r in json.load(open(f"{work}/{name}.json"))["results"]:
        out[r["command"]] = r
    return out

long = {**load("long-rust"), **load("long-py")}
hist = {**load("hist-rust"), **load("hist-py")}
labels = {
    "import": "`afterlift import` into a fresh log",
    "bare": "bare rustyfit streaming decoder (`xtask bare-decode`)",
    "crc": "floor: read + FIT CRC-16 (`xtask crc`)",
    "garmin": "Garmin's Python FIT SDK (`garmin-fit-sdk`)",
    "fitdecode": "fitdecode (Python)",
}

def row(group, key, files, nbytes, note=""):
    r = group[key]
    med = r["median"]
    cpu = r["user"] + r["system"]
    mem = rss.get(("long/" if group is long else "hist/") + key)
    return (f"| {labels[key]}{note} | {files:,} | {nbytes/1e6:,.1f} | {med*1000:,.1f} ms | {cpu*1000:,.1f} ms "
            f"| {files/med:,.1f} | {nbytes/1e6/med:,.1f} | {nbytes/1e6/cpu:,.1f} | {mem:,.1f} MiB |")

head = ("| process | files | MB | median wall | mean CPU (user+sys) | files/s (wall) | MB/s (wall) | MB/s (CPU) | peak RSS |\n"
        "|---|---|---|---|---|---|---|---|---|")
print(f"\nMachine: {cpus} CPUs, commit {commit}; hyperfine medians "
      f"({len(long['import']['times'])} runs Rust / {len(long['garmin']['times'])} Python on the 12-hour file, "
      f"{len(hist['import']['times'])} / {len(hist['garmin']['times'])} on the history).\n")
print(f"### (b) One 12-hour run ({long_bytes/1e6:.2f} MB)\n")
print(head)
for k in ["import", "bare", "crc", "garmin", "fitdecode"]:
    print(row(long, k, 1, long_bytes))
e = long["empty"]
print(f"\nEmpty import into a fresh log (the process's base): median {e['median']*1000:.1f} ms wall, "
      f"{(e['user'] + e['system'])*1000:.1f} ms CPU, peak RSS {rss['base']:.1f} MiB.\n")

print(f"### (a) 10-year history ({n_fit:,} FIT files, {fit_bytes/1e6:,.0f} MB, plus {csv_bytes/1e3:,.0f} kB of strength CSVs)\n")
print(head)
print(row(hist, "import", n_fit, fit_bytes, " (FIT + CSV)"))
for k in ["bare", "crc"]:
    print(row(hist, k, n_fit, fit_bytes))
for k in ["garmin", "fitdecode"]:
    print(row(hist, k, n_sample, sample_bytes, f" — every {py_every}th file"))

def ratios(group, nbytes, sample_nbytes):
    imp = group["import"]
    def speed(key, cpu):
        r = group[key]
        t = (r["user"] + r["system"]) if cpu else r["median"]
        b = sample_nbytes if key in ("garmin", "fitdecode") else nbytes
        return b / t
    out = {}
    for key in ["garmin", "fitdecode", "bare", "crc"]:
        out[key] = tuple(speed("import", cpu) / speed(key, cpu) for cpu in (False, True))
    return out

print("\n### Ratios and targets\n")
print("| | 12-hour file, wall | 12-hour file, CPU | history, wall | history, CPU | target (12-hour file) | met (wall) |")
print("|---|---|---|---|---|---|---|")
rl = ratios(long, long_bytes, long_bytes)
rh = ratios(hist, fit_bytes, sample_bytes)
targets = {"garmin": (80, "≥ 80× faster"), "fitdecode": (None, "—"), "bare": (1.3, "within 1.3×"), "crc": (2.5, "within 2.5×")}
for key, name in [("garmin", "import faster than Python SDK"), ("fitdecode", "import faster than fitdecode"),
                  ("bare", "import time ÷ bare decoder"), ("crc", "import time ÷ CRC floor")]:
    fmt = lambda x: f"{x:,.1f}×" if key in ("garmin", "fitdecode") else f"{1/x:.2f}×"
    lim, text = targets[key]
    if lim is None:
        met = "—"
    elif key == "garmin":
        met = "yes" if rl[key][0] >= lim else "no"
    else:
        met = "yes" if 1 / rl[key][0] <= lim else "no"
    print(f"| {name} | {fmt(rl[key][0])} | {fmt(rl[key][1])} | {fmt(rh[key][0])} | {fmt(rh[key][1])} | {text} | {met} |")
imp, emp, bare = long["import"], long["empty"], long["bare"]
cpu = lambda r: r["user"] + r["system"]
print(f"| import minus the empty import's base, ÷ bare decoder | {(imp['median'] - emp['median']) / bare['median']:.2f}× "
      f"| {(cpu(imp) - cpu(emp)) / cpu(bare):.2f}× | | | (for scale) | — |")
limit = 3 * long_bytes / 2**20 + rss["base"]
print(f"| peak RSS, 12-hour import | {rss['long/import']:.1f} MiB | | {rss['hist/import']:.1f} MiB (history) | "
      f"| < 3 × {long_bytes/2**20:.2f} MiB + base {rss['base']:.1f} MiB = {limit:.1f} MiB | "
      f"{'yes' if rss['long/import'] < limit else 'no'} |")
PY
