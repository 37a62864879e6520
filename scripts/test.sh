#!/usr/bin/env bash
# Set up (first run only) and run the whole test suite. CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev,dist,web --browser
exec .venv/bin/python -m pytest "$@"
