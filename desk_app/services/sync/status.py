"""The sync status a window shows all day (last success, items waiting, hub set), read cheaply.

Plain DB-API reads through ``store.crypto.connect`` (an encrypted database too), no SQLAlchemy: the status bar
asks every minute and at start-up, before SQLAlchemy has loaded.
"""

from __future__ import annotations

from pathlib import Path

from desk_app import paths
from desk_app.services.setup.opening import stored_settings
from desk_app.store import crypto

# An outbox item the hub refused because its staff closed the month (HTTP 409): the hub keeps the figures it
# had; nothing is pending (the worker does not retry it) until the month changes again or "sync now" is asked.
CLOSED = "closed"
#: Outbox states that wait for nothing (the status bar's and `sync status`'s "pending" count the others).
SETTLED = ("sent", CLOSED)
CLOSED_VI = (
    "Cấp trên đã khóa số liệu kỳ này nên chưa nhận phần sửa sau đó. Nếu cần sửa, đề nghị cấp trên mở lại kỳ "
    "rồi bấm «Đồng bộ ngay»."
)


def quick_summary(data_dir: Path) -> tuple[str | None, int, bool]:
    """(last success as stored, items waiting to be sent, whether a hub is configured); (None, 0, False) when
    the database cannot be read now (it is being created, restored or is locked)."""
    try:
        con = crypto.connect(paths.db_path(data_dir), mode="ro")
    except Exception:  # unreadable now (missing, locked, encrypted without its passphrase yet)
        return None, 0, False
    try:
        con.execute("PRAGMA busy_timeout=2000")
        pending = con.execute(
            "SELECT COUNT(*) FROM sync_outbox WHERE state NOT IN (?, ?)", SETTLED
        ).fetchone()[0]
        values = stored_settings(con, ["sync_last_success", "sync_hub_url"])
    except crypto.ERRORS:
        return None, 0, False
    finally:
        con.close()
    return str(values.get("sync_last_success") or "") or None, int(pending), bool(values.get("sync_hub_url"))
