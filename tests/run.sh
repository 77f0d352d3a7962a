#!/usr/bin/env bash
# Sets up the project in .venv and runs everything CI checks: lint, format, layering
# contracts and the whole test suite. Usage: bash tests/run.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# pyzbar (the second QR engine) needs the system's libzbar. Install it where we can; where
# we cannot, its tests are skipped with the install hint and the terminal uses zxing-cpp.
if [ "$(ldconfig -p 2>/dev/null | grep -c libzbar)" = 0 ]; then
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

# Xvfb lets tests/frozen open the packaged application's window on a virtual display; Qt's
# X11 plugin needs the X client libraries a desktop has (terminal/window_system.py).
x_packages="xvfb libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0"
if ! command -v Xvfb >/dev/null 2>&1 || [ "$(ldconfig -p 2>/dev/null | grep -c libxcb-icccm)" = 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing $x_packages (a virtual display for the packaged window's test)"
    # shellcheck disable=SC2086
    apt-get install -y -qq $x_packages >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq $x_packages >/dev/null 2>&1; } \
      || echo "   could not install xvfb: the packaged window's test will fail"
  else
    echo "== Xvfb or Qt's X libraries are missing: the packaged window's test will fail (sudo apt-get install $x_packages)"
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev,build]'

echo "== ruff (lint)"
.venv/bin/ruff check .
echo "== ruff (format)"
.venv/bin/ruff format --check .
echo "== import-linter (layering contracts)"
.venv/bin/lint-imports
echo "== translations, sounds and their sources agree"
.venv/bin/python -m terminal.resources_build check

# The packaged application (build.spec) is built on the second core while pytest runs on the
# first, then run by tests/frozen/. Only in a whole run (no arguments, as CI runs it); set
# LOYALTY_BUNDLE_BUILD=1 to build it in a partial run too. PyInstaller's work folder is kept
# in the user's cache, so a second build reuses its analysis (about 60 s from scratch).
build_bundle=0
if [ "$#" -eq 0 ] || [ "${LOYALTY_BUNDLE_BUILD:-0}" = 1 ]; then build_bundle=1; fi
bundle_log="${TMPDIR:-/tmp}/loyalty-terminal-bundle.$$.log"
if [ "$build_bundle" = 1 ]; then
  echo "== packaged application: building dist/loyalty-terminal in the background (log: $bundle_log)"
  work="${XDG_CACHE_HOME:-$HOME/.cache}/loyalty-terminal/pyinstaller"
  .venv/bin/pyinstaller --noconfirm --log-level WARN --workpath "$work" build.spec \
    >"$bundle_log" 2>&1 &
  bundle_pid=$!
  trap 'kill "$bundle_pid" 2>/dev/null || true' EXIT
fi

echo "== pytest"
# The server suite runs on SQLite and on PostgreSQL (skipped, with the reason, when unreachable).
export LOYALTY_TEST_POSTGRES_URL="${LOYALTY_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}"
if [ "$build_bundle" = 1 ]; then
  QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest --ignore=tests/frozen "$@"
  echo "== packaged application: the frozen doctor, activation and headless demo"
  bundle_status=0
  wait "$bundle_pid" || bundle_status=$?
  trap - EXIT
  if [ "$bundle_status" != 0 ]; then
    cat "$bundle_log"
    echo "the packaged application did not build (build.spec)"
    exit 1
  fi
  echo "   bundle: $(du -sh dist/loyalty-terminal | cut -f1) in dist/loyalty-terminal"
  LOYALTY_REQUIRE_BUNDLE=1 QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/frozen
elif [ -n "${LOYALTY_BUNDLE:-}" ]; then
  QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest "$@"
else
  # no build in this run: an old dist/ would be tested as if it were this tree's
  QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest --ignore=tests/frozen "$@"
fi
