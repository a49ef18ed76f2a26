#!/usr/bin/env bash
# One command from a fresh clone to the whole test suite (what CI runs through .ci/run).
# Installs system packages (when run as root with apt-get), a .venv with the test extras, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh test
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
# axe-core (accessibility rules) for the browser tests, into a git-ignored folder.
[ -f .cache/axe/node_modules/axe-core/axe.min.js ] || npm install --silent --no-save --no-audit --no-fund --prefix .cache/axe axe-core@4 \
  || echo "note: could not install axe-core from npm; the accessibility tests will be skipped" >&2
# The W3C Nu HTML Checker (vnu.jar, run with Debian's Java) for the HTML validity tests. Its install
# script would download a Java runtime of its own; Debian's default-jre-headless is used instead.
[ -f .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar ] || npm install --silent --no-save --no-audit --no-fund --ignore-scripts \
  --prefix .cache/vnu vnu-jar@26.9.27 \
  || echo "note: could not install vnu-jar from npm; the HTML validity tests will be skipped" >&2
.venv/bin/python -m pytest "$@"
