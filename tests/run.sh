#!/usr/bin/env bash
# Sets up the project in .venv and runs everything CI checks: lint, format, layering
# contracts and the whole test suite. Usage: bash tests/run.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# pyzbar (the second QR engine) needs the system's libzbar. Install it where we can; where
# we cannot, its tests are skipped with the install hint and the terminal uses zxing-cpp.
if ! ldconfig -p 2>/dev/null | grep -q libzbar; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing libzbar0 (for pyzbar)"
    apt-get install -y -qq libzbar0 >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq libzbar0 >/dev/null 2>&1; } \
      || echo "   could not install libzbar0: pyzbar tests will be skipped"
  else
    echo "== libzbar is missing: pyzbar tests will be skipped (sudo apt-get install libzbar0)"
  fi
fi

# pdftoppm (poppler-utils) lets the printing tests read the printed card's QR back.
if ! command -v pdftoppm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing poppler-utils (to read printed cards back in the tests)"
    apt-get install -y -qq poppler-utils >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq poppler-utils >/dev/null 2>&1; } \
      || echo "   could not install poppler-utils: the printed-QR test will be skipped"
  else
    echo "== pdftoppm is missing: the printed-QR test will be skipped (apt-get install poppler-utils)"
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'

echo "== ruff (lint)"
.venv/bin/ruff check .
echo "== ruff (format)"
.venv/bin/ruff format --check .
echo "== import-linter (layering contracts)"
.venv/bin/lint-imports
echo "== translations, sounds and their sources agree"
.venv/bin/python -m terminal.resources_build check
echo "== pytest"
# The server suite runs on SQLite and on PostgreSQL (skipped, with the reason, when unreachable).
export LOYALTY_TEST_POSTGRES_URL="${LOYALTY_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}"
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@"
