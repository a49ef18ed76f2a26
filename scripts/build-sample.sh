#!/usr/bin/env bash
# One command from a fresh clone to a built sample site in output/ (Linux/macOS).
# Creates .venv, installs library-bulletin and what it needs, then runs `bulletin build`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh build
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/bulletin build "$@"
