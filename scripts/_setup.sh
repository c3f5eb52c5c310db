#!/usr/bin/env bash
# Shared set-up for scripts/demo.sh and scripts/test.sh: Debian libraries, a virtual environment, packages.
# Idempotent: a second run installs nothing new.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${DESK_APP_VENV:-$ROOT/.venv}"

# What Qt needs without a screen, fonts, PDF/barcode tools, the SANE scanner stack and a compiler for python-sane.
DEB_RUNTIME=(python3 python3-venv python3-dev gcc libglib2.0-0 libegl1 libgl1 libfontconfig1 libfreetype6
  libxkbcommon0 libdbus-1-3 libx11-6 libcups2 fonts-dejavu-core libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-render0 libxcb-shape0
  libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libsane1 libsane-common libsane-dev sane-utils)
# nsis: builds the Windows installer in a test; postgresql: the hub's tests start a throwaway cluster;
# chromium: the dashboard's browser test (Playwright drives Debian's /usr/bin/chromium; never `playwright install`).
DEB_TEST=(poppler-utils zbar-tools sqlite3 xvfb xauth nsis postgresql chromium)

install_debs() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Install desk_app (editable) with the given extras, unless this venv already holds exactly that: a stamp records
# the hash of pyproject.toml and setup.py, the extras and the interpreter, so a second run installs nothing and
# needs no network. The editable build reuses the venv's own setuptools and wheel (--no-build-isolation) instead of
# fetching a fresh build environment each time.
setup_venv() {
  local extras="$1"
  local stamp="$VENV/.desk-app-installed"
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
  fi
  local want
  want="$(cat "$ROOT/pyproject.toml" "$ROOT/setup.py" | sha256sum | cut -d' ' -f1) [$extras] $ROOT $("$VENV/bin/python" -V 2>&1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  if ! "$VENV/bin/python" -c 'import sys, setuptools, wheel; sys.exit(int(setuptools.__version__.split(".")[0]) < 64)' 2>/dev/null; then
    "$VENV/bin/python" -m pip install -q --upgrade pip "setuptools>=64" wheel
  fi
  "$VENV/bin/python" -m pip install -q --no-build-isolation -e "$ROOT[$extras]"
  printf '%s\n' "$want" >"$stamp.tmp" && mv -f "$stamp.tmp" "$stamp"
}
