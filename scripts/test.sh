#!/usr/bin/env bash
# One command from a fresh clone to the whole test suite (what CI runs through .ci/run).
# Installs system packages (when run as root with apt-get), a .venv with the test extras, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh test
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
.venv/bin/python -m pytest "$@"
