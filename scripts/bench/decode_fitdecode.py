"""Decode FIT files with fitdecode, as a baseline for scripts/bench-import.sh. Arguments: files or
folders (their .fit files, recursively). Touches the same record values afterlift keeps and prints
a tally so the work cannot be skipped."""

import pathlib
import sys

import fitdecode


def files(args):
    for a in args:
        p = pathlib.Path(a)
        if p.is_dir():
            yield from sorted(p.rglob("*.fit"))
        else:
            yield p


def value(frame, name):
    if frame.has_field(name):
        v = frame.get_value(name)
        return v if isinstance(v, (int, float)) else 0
    return 0


def main():
    n = records = 0
    check = 0.0
    for path in files(sys.argv[1:]):
        n += 1
        with fitdecode.FitReader(str(path)) as fit:
            for frame in fit:
                if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "record":
                    records += 1
                    check += value(frame, "heart_rate") + value(frame, "distance") + value(frame, "enhanced_speed")
    print(f"fitdecode: {n} files, {records} records, check {check:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
