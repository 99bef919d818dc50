#!/usr/bin/env python3
"""Writes crates/server/assets/exercises.json (the dashboard's exercise picker) from the catalogue.

Run from the repository root after editing crates/core/data/exercises.toml:

    python3 e2e/tools/gen_exercises.py

Only strength exercises (not cardio or mobility) are listed, with their region, in catalogue order.
`cargo test -p afterlift-server --test e2e` fails when the file no longer matches the catalogue.
"""
import json
import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]
SRC = ROOT / "crates/core/data/exercises.toml"
OUT = ROOT / "crates/server/assets/exercises.json"

data = tomllib.loads(SRC.read_text(encoding="utf-8"))
exercises = [
    {"name": e["name"], "region": e["region"]}
    for e in data["exercise"]
    if e["pattern"] not in ("cardio", "mobility")
]
text = "{\n  \"exercises\": [\n" + ",\n".join(
    "    " + json.dumps(e, ensure_ascii=False) for e in exercises
) + "\n  ]\n}\n"
OUT.write_text(text, encoding="utf-8")
print(f"wrote {len(exercises)} exercises to {OUT.relative_to(ROOT)}")
