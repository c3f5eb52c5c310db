#!/usr/bin/env bash
# One command: install what is missing, fill a demo commune (once) and open desk_app on it.
#   bash scripts/demo.sh            # demo data in ./demo-data
#   DESK_APP_DATA_DIR=/path bash scripts/demo.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
install_debs "${DEB_RUNTIME[@]}"
setup_venv gui,scanner,encryption
DATA="${DESK_APP_DATA_DIR:-$ROOT/demo-data}"
if [ ! -f "$DATA/desk_app.db" ]; then
  "$VENV/bin/desk-app" --data-dir "$DATA" demo
fi
exec "$VENV/bin/desk-app" --data-dir "$DATA" "$@"
