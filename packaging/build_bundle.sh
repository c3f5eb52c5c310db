#!/usr/bin/env bash
# Build the standalone desk_app (PyInstaller onedir, packaging/desk_app.spec) and, with --smoke, run the main
# paths from it (packaging/smoke.py) with no virtual environment in sight.
#   bash packaging/build_bundle.sh [--smoke] [--dist DIR]       # default DIR: ./dist  ->  DIR/desk-app/
# The Python used is $DESK_APP_VENV (default ./.venv, as scripts/_setup.sh makes it); PyInstaller is installed
# into it from the "bundle" extra when missing. The same spec builds the Windows bundle
# (.github/workflows/windows.yml).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${DESK_APP_VENV:-$ROOT/.venv}"
DIST="$ROOT/dist"
SMOKE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1 ;;
    --dist) DIST="$(mkdir -p "$2" && cd "$2" && pwd)"; shift ;;
    *) echo "usage: $0 [--smoke] [--dist DIR]" >&2; exit 2 ;;
  esac
  shift
done
PY="$VENV/bin/python"
[ -x "$PY" ] || { echo "No Python at $PY: run scripts/demo.sh or set DESK_APP_VENV" >&2; exit 1; }
if ! "$PY" -c 'import PyInstaller' 2>/dev/null; then
  "$PY" -m pip install -q "pyinstaller>=6.10"
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
started=$(date +%s)
# PYTHONPATH: this tree's desk_app, whatever an editable install in the venv points at.
PYTHONPATH="$ROOT" "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK/build" "$ROOT/packaging/desk_app.spec"
BUNDLE="$DIST/desk-app"
echo "bundle: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1), built in $(( $(date +%s) - started )) s)"

if [ "$SMOKE" -eq 1 ]; then
  # No venv, no checkout on the path: the bundle alone (smoke.py needs only a system Python 3).
  SYSPY="$(command -v python3)"
  case "$SYSPY" in "$VENV"/*) SYSPY=/usr/bin/python3 ;; esac
  env -u PYTHONPATH -u VIRTUAL_ENV -u PYTHONHOME PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen \
    "$SYSPY" "$ROOT/packaging/smoke.py" --cli "$BUNDLE/desk-app-cli" --gui "$BUNDLE/desk-app" --work "$WORK/smoke"
fi
