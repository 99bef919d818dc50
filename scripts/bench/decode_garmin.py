"""Decode FIT files with Garmin's official Python FIT SDK (garmin-fit-sdk), as a baseline for
scripts/bench-import.sh. Arguments: files or folders (their .fit files, recursively). Uses the SDK's
default options (scaling, component expansion, type conversion) and touches the same record
values afterlift keeps; prints a tally so the work cannot be skipped."""

import pathlib
import sys

from garmin_fit_sdk import Decoder, Stream


def files(args):
    for a in args:
        p = pathlib.Path(a)
        if p.is_dir():
            yield from sorted(p.rglob("*.fit"))
        else:
            yield p


def main():
    n = records = errors = 0
    check = 0.0
    for path in files(sys.argv[1:]):
        # from_byte_array: the SDK's from_file never closes its handle (thousands of files).
        stream = Stream.from_byte_array(bytearray(path.read_bytes()))
        messages, errs = Decoder(stream).read()
        n += 1
        errors += len(errs)
        for r in messages.get("record_mesgs", []):
            records += 1
            check += (r.get("heart_rate") or 0) + (r.get("distance") or 0) + (r.get("enhanced_speed") or 0)
    print(f"garmin-fit-sdk: {n} files, {records} records, check {check:.1f}, {errors} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
