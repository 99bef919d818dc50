#!/usr/bin/env bash
# Seeds each fuzz target's corpus (fuzz/corpus/<target>/, git-ignored) from the real sample files in
# ../testdata/ beside the repository and the repository's own test fixtures. Nothing is copied into
# the repository: the corpus folders are ignored. Re-running it adds what is missing and keeps the rest.
set -euo pipefail
cd "$(dirname "$0")"
DATA="${AFTERLIFT_DATA:-../testdata}"
FIXTURES=../crates/formats/tests/fixtures
[ -d "$DATA" ] || { echo "no sample data at $DATA (set AFTERLIFT_DATA)" >&2; exit 1; }

seed() { # target, files…
  local target=$1; shift
  mkdir -p "corpus/$target"
  for f in "$@"; do
    [ -f "$f" ] && cp -n "$f" "corpus/$target/$(basename "$f")"
  done
}

seed fit "$DATA"/fit/*.fit
seed gpx "$DATA"/gpx/*.gpx
seed tcx "$DATA"/tcx/*.tcx
seed strong_csv "$DATA"/strong/*.csv "$FIXTURES"/strong*.csv
seed hevy_csv "$FIXTURES"/hevy*.csv

# Small valid copies of the large XML files: their first N track points, with the elements around them
# closed again. libFuzzer runs much faster on them (use -max_len=16384 to keep to inputs of that size).
shrink() { # file, closing marker, closing tags, points, out
  awk -v marker="$2" -v closing="$3" -v n="$4" \
    '{ print } index($0, marker) { if (++seen >= n) { print closing; exit } }' "$1" > "$5"
}
for f in "$DATA"/gpx/*.gpx; do
  shrink "$f" "</trkpt>" "</trkseg></trk></gpx>" 20 "corpus/gpx/small-$(basename "$f")"
done
for f in "$DATA"/tcx/*.tcx; do
  shrink "$f" "</Trackpoint>" "</Track></Lap></Activity></Activities></TrainingCenterDatabase>" 12 \
    "corpus/tcx/small-$(basename "$f")"
done

# Strong's export is large; its first rows make a seed the fuzzer can mutate quickly.
head -c 4096 "$DATA/strong/strong.csv" > corpus/strong_csv/strong-head.csv

mkdir -p corpus/advice_json
cat > corpus/advice_json/minimal.json <<'JSON'
{"athlete": {"age": 30, "sex": "male", "weight_kg": 70, "goal": "general"}, "planned": {"kind": "easy"}}
JSON
cat > corpus/advice_json/heavy-legs.json <<'JSON'
{"athlete": {"age": 30, "sex": "male", "weight_kg": 70, "goal": "general"},
 "lift": {"focus": "lower", "load": "heavy", "ended_at": "2026-11-24T17:00:00Z"},
 "planned": {"kind": "intervals", "minutes": 20}, "now": "2026-11-24T18:00:00Z"}
JSON
cat > corpus/advice_json/full.json <<'JSON'
{
  "athlete": {"age": 34, "sex": "female", "weight_kg": 62, "resting_hr": 55, "max_hr": null, "hrv_rmssd_ms": 65,
              "goal": "hypertrophy", "concurrent_weeks": 20, "injury_prone": false},
  "lift": {"ended_at": "2026-11-24T18:30:00Z", "minutes": 70, "rpe": 8, "focus": "lower", "load": "heavy",
           "exercises": [{"name": "Squat (Barbell)", "sets": [{"reps": 5, "kg": 100, "rpe": 8}]},
                         {"name": "Bench Press (Barbell)", "sets": [{"reps": 8, "kg": 60}, {"reps": 8, "kg": 60, "rpe": 9}]}]},
  "planned": {"kind": "intervals", "minutes": 20},
  "readiness": {"sleep_hours": 7.5, "sleep_quality": 3, "fatigue": 3, "soreness": 4, "stress": 2, "mood": 2,
                "resting_hr": 57, "hrv_rmssd_ms": 60, "pain": false, "illness": false},
  "now": "2026-11-24T18:35:00Z"
}
JSON
cat > corpus/advice_json/upper-long.json <<'JSON'
{"athlete": {"age": 61, "sex": "male", "weight_kg": 95, "max_hr": 170, "goal": "endurance", "injury_prone": true},
 "lift": {"ended_at": "2026-11-24T06:00:00Z", "minutes": 45, "focus": "upper", "load": "light"},
 "planned": {"kind": "long", "minutes": 120}, "now": "2026-11-25T06:00:00Z"}
JSON
for t in corpus/*; do echo "$(basename "$t"): $(ls "$t" | wc -l) seeds"; done
