#!/usr/bin/env bash
# Set up a virtualenv (once) and run every check CI runs: ruff, ruff format, mypy, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
# jsdom, for the test that runs the HTML report's filter script (tests/test_reporters.py),
# when node is there; without it that test says it skipped, and nothing else depends on it.
if command -v npm >/dev/null && [ ! -d .venv/node/node_modules/jsdom ]; then
  npm install -s --prefix .venv/node --no-save --no-audit --no-fund jsdom@26.1.0 ||
    echo "jsdom not installed: the HTML filter-script test will skip" >&2
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
status=0
.venv/bin/python -m pytest "$@" || status=$?
# pytest exits 5 when it collected no tests: that is a failure of the suite, say so.
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
fi
exit "$status"
