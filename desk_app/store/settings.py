"""Settings: typed defaults in code, values in the ``settings`` table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.store.models import Setting

DEFAULTS: dict[str, Any] = {
    "counter_number": 1,  # this PC's counter: selects its block of the daily code sequence
    "paper_size": "A5",  # the slip: A4 or A5
    "printer": "",  # the last printer chosen in the print dialog
    "lookup_url": "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma={code}",
    "office_hours": [["07:30", "11:30"], ["13:30", "17:00"]],
    "due_soon_working_days": 2,  # warn about dossiers due within this many working days
    "hotline": "",
    "max_file_mb": 50,
    "scan_jpeg_quality": 85,  # scanned pages are stored as JPEG; 0 = lossless PNG
    "inbox_batch_gap_seconds": 120,  # watched-folder files this close together form one batch
    "watch_folder": "",
    "idle_lock_minutes": 10,
    "backup_second_path": "",  # a USB stick or network share for a copy of each automatic backup
    "backup_keep": 14,  # automatic backups: the newest of each of this many days are kept
    "retention_years": 0,  # privacy retention rule (services.privacy); 0 = off
    "language": "vi",
    "font_percent": 100,
    "officials": [],  # officials and departments a dossier is forwarded to (the move dialogs' list)  # the window's text size: 100, 115 or 130 (older clerks)
    "form_set": "v2025",
}


def get(session: Session, key: str) -> Any:
    row = session.get(Setting, key)
    return row.value if row is not None else DEFAULTS.get(key)


def get_all(session: Session) -> dict[str, Any]:
    values = dict(DEFAULTS)
    for row in session.scalars(select(Setting)):
        values[row.key] = row.value
    return values


def put(session: Session, key: str, value: Any) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
