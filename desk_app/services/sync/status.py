"""The sync status a window shows all day (last success, items waiting, hub set), read cheaply.

Plain DB-API reads through ``store.crypto.connect`` (an encrypted database too), no SQLAlchemy: the status bar
asks every minute and at start-up, before SQLAlchemy has loaded.
"""

from __future__ import annotations

import json
from pathlib import Path

from desk_app import paths
from desk_app.store import crypto


def quick_summary(data_dir: Path) -> tuple[str | None, int, bool]:
    """(last success as stored, items waiting to be sent, whether a hub is configured); (None, 0, False) when
    the database cannot be read now (it is being created, restored or is locked)."""
    try:
        con = crypto.connect(paths.db_path(data_dir), mode="ro")
    except (
        Exception
    ):  # unreadable now (missing, locked, encrypted without its passphrase yet): nothing to show
        return None, 0, False
    try:
        con.execute("PRAGMA busy_timeout=2000")
        pending = con.execute("SELECT COUNT(*) FROM sync_outbox WHERE state <> 'sent'").fetchone()[0]
        rows = dict(
            con.execute(
                "SELECT key, value FROM settings WHERE key IN ('sync_last_success', 'sync_hub_url')"
            ).fetchall()
        )
    except crypto.ERRORS:
        return None, 0, False
    finally:
        con.close()

    def value(key: str) -> str:
        raw = rows.get(key)
        try:
            return str(json.loads(raw)) if raw else ""
        except (TypeError, ValueError):
            return str(raw or "")

    return value("sync_last_success") or None, int(pending), bool(value("sync_hub_url"))
