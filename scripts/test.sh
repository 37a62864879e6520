#!/usr/bin/env bash
# Set up (first run only), run the extraction quality gate on the gold set, then the whole test
# suite. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev,dist,web --browser
.venv/bin/sinew eval gold/ --errors 0
# The general event coder on PETRARCH's unit-test records, coded with their own dictionaries
# (floors a little under the scores reached; see README "Measured").
petrarch=../shared/reference/petrarch2/PETR.UnitTest.records.xml
if [ -f "$petrarch" ]; then
  .venv/bin/sinew eval --petrarch "$petrarch" --errors 0 --min-recall 0.73 --min-precision 0.85
elif [ -n "${CI:-}" ]; then
  echo "sinew test: $petrarch is missing; CI needs the shared reference material" >&2; exit 1
fi
exec .venv/bin/python -m pytest "$@"
