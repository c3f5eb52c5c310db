#!/usr/bin/env bash
# One command: install what is missing (runtime + test tools) and run every test headless.
#   bash scripts/test.sh [pytest args]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
install_debs "${DEB_RUNTIME[@]}" "${DEB_TEST[@]}"
setup_venv "gui,hub,test,scanner,encryption,bundle"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
"$VENV/bin/ruff" check desk_app tests bench tools
"$VENV/bin/mypy" desk_app
exec "$VENV/bin/python" -m pytest -q "$@"
