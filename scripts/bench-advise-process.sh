#!/usr/bin/env bash
# Whole-process latency of `afterlift advise` (issue 2 target: < 10 ms), measured with hyperfine.
# Usage: scripts/bench-advise-process.sh [RUNS]   (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-100}
cargo build --release --locked -p afterlift >/dev/null
bin=target/release/afterlift
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export AFTERLIFT_DB="$dir/log.db"
flags=(advise --age 34 --sex female --weight-kg 62 --goal hypertrophy --lifted "squat 5x5@100 rpe 8, rdl 3x8@80" --planned intervals:20)
"$bin" "${flags[@]}" --json >/dev/null   # creates the log (first use)
hyperfine -N --warmup 10 --runs "$runs" --export-json "$dir/advise.json" \
  "$bin ${flags[*]@Q} --json" \
  "$bin zones --age 34 --sex female --json" >/dev/null
python3 - "$dir/advise.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    cpu = (r['user'] + r['system']) * 1000
    print(f"{r['command'][:70]:<72} median {r['median']*1000:.2f} ms  (min {r['min']*1000:.2f}, max {r['max']*1000:.2f}; mean CPU user+sys {cpu:.2f} ms; n={len(r['times'])})")
PY
