#!/usr/bin/env bash
# Set up (first run only), run the extraction quality gate on the gold set, then the whole test
# suite. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev,dist,web --browser
.venv/bin/sinew eval gold/ --errors 0
exec .venv/bin/python -m pytest "$@"
