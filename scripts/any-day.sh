#!/usr/bin/env bash
# The test suite with the clock set to days that break date code: no test may depend on today's date.
# Each day runs the README's test command under libfaketime (Debian package `faketime`, installed here if
# missing). Usage: scripts/any-day.sh [DAY...] — DAY as faketime reads it ('2027-03-28 01:30:00').
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y faketime
fi

days=("$@")
if [ ${#days[@]} -eq 0 ]; then
  days=(
    "2027-03-28 01:30:00"   # Europe's spring-forward night (Sunday): 02:00–03:00 does not exist in Berlin
    "2028-02-29 23:59:30"   # a leap day, a minute before midnight
    "2030-12-31 23:58:00"   # the last minutes of a year (and a Tuesday: a week that crosses it)
    "2026-11-01 06:30:00"   # North America's fall-back morning, on a Sunday
  )
fi

# Build once with the real clock (so cargo's freshness checks are not confused), then test on each day.
# Doc-tests are left out under the fake clock: rustdoc hangs under libfaketime (seen here: a timed wait that
# never returns), and they are examples with no date logic; the README's test command runs them on the real clock.
cargo test --workspace --locked --tests --no-run
for day in "${days[@]}"; do
  echo "== cargo test --workspace --locked --tests, the clock at $day (UTC)"
  # The clock starts at $day and runs on, as a real day would.
  FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$day" cargo test --workspace --locked --tests
done
echo "== every day passed: ${days[*]}"
