#!/usr/bin/env bash
# Runs the Python SDK's tests (pytest) against the real service they start themselves.
#   bash sdk/python/run-tests.sh [pytest args…]        e.g. --junitxml=out.xml -k spool
# Creates a virtual environment (FAULTLINE_PY_VENV, default sdk/python/.venv) with pytest and
# gymnasium from PyPI the first time, and again when pyproject.toml changes; installs the SDK
# from this checkout (pip install ./sdk/python) on every run. Needs python3 (3.9+) with venv,
# Node 20 and the repository built (npm install). Exit status is pytest's; a setup failure
# exits 3 naming what is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${FAULTLINE_PY_VENV:-$here/.venv}"
python="${PYTHON:-python3}"

command -v "$python" >/dev/null || { echo "run-tests.sh: $python not found: install Python 3.9+ with venv (Debian: python3-venv)" >&2; exit 3; }
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' || { echo "run-tests.sh: Python 3.9+ needed, found $("$python" -V 2>&1)" >&2; exit 3; }

stamp="$(sha256sum "$here/pyproject.toml" | cut -c1-16)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.faultline-stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$venv"
  "$python" -m venv "$venv" || { echo "run-tests.sh: python3 -m venv failed: install the venv module (Debian: python3-venv)" >&2; exit 3; }
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$here[test]" || { echo "run-tests.sh: pip install of pytest and gymnasium failed (PyPI reachable?)" >&2; exit 3; }
  echo "$stamp" > "$venv/.faultline-stamp"
fi
# The SDK as this checkout has it (no dependencies to fetch: the SDK has none).
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall "$here" >/dev/null || { echo "run-tests.sh: installing the SDK failed" >&2; exit 3; }
cd "$here"
FAULTLINE_REPO="$repo" exec "$venv/bin/python" -m pytest -p no:cacheprovider "$@"
