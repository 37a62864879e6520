#!/usr/bin/env bash
# Set up (first run only) and run sinew on the bundled demo corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
exec .venv/bin/sinew demo "$@"
