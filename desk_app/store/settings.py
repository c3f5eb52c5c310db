"""Settings: typed defaults in code, values in the ``settings`` table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.registers import DEFAULT_SUFFIXES
from desk_app.store.models import Setting

#: Who signs the unit's letters when nothing else is set (NĐ 30/2020 Phụ lục I mục II.7: "TM." for the
#: collective body, then the title, then the name; the name is written by hand when left empty).
_CHAIR = {"capacity": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": ""}

DEFAULTS: dict[str, Any] = {
    "counter_number": 1,  # this PC's counter: selects its block of the daily code sequence
    "paper_size": "A5",  # the slip: A4 or A5
    "printer": "",  # the last printer chosen in the print dialog
    # The slip's QR: the hub's public lookup page when a hub is configured (``hub_lookup_url``, set by the sync
    # work), else this address; empty = no QR (the national portal does not know dossiers received offline).
    "lookup_url": "",
    "lookup_caption": "",  # what the QR's caption says; empty = derived from the address
    "hub_lookup_url": "",
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
    # 📘 The post's charge per dossier per direction: one province's scheme (Hà Nam 2019: 26,000 đồng); the
    # default fee of a postal item and the rate of the monthly statement. `desk-app postal tariff --set N`.
    "postal_fee_per_item": 26000,
    "postal_tariff_note": "Đơn giá 26.000 đồng/hồ sơ/chiều (đề án BCCI Hà Nam 2019, tham khảo)",
    # Citizen help (services/assist): the QR addresses of the guide sheets, per province (📘 check them).
    "guide_urls": {
        "vneid": "https://vneid.gov.vn",
        "portal": "https://dichvucong.gov.vn",
        "payment": "https://dichvucong.gov.vn",
        "lookup": "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html",
        "procedure": "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html?keyword={code}",
        "feedback": "https://dichvucong.gov.vn",
    },
    "feedback_contact": {"address": "", "phone": "", "email": ""},  # empty: the unit's own
    "feedback_answer_days": 10,  # 📘 the time limit for answering feedback (calendar days)
    # Form sets in force (issue 15): each dossier prints with the set in force on the day it was received.
    "form_sets": [{"set": "v2018", "from": "2019-01-06"}, {"set": "v2025", "from": "2025-07-01"}],
    # The register: a new volume each year / quarter / month or after N entries ("size:N"); running numbers
    # continuous through the year ("year") or from 1 in each volume ("volume").
    "register_volume": "year",
    "register_numbering": "year",
    # Document number suffixes of the letters: "12/PXL".
    "number_suffixes": dict(DEFAULT_SUFFIXES),
    # Signature blocks of the unit's letters; a refusal at the counter is signed by the receiving officer.
    "form_signers": {"refusal": dict(_CHAIR), "apology": dict(_CHAIR), "stop": dict(_CHAIR)},
    "report_calendar_periods": False,  # reports: calendar periods instead of the 15th-to-14th windows
    "font_percent": 100,  # the window's text size: 100, 115 or 130 (older clerks)
    "officials": [],  # officials and departments a dossier is forwarded to (the move dialogs' list)
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
