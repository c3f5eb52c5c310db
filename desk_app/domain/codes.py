"""Dossier codes (mã hồ sơ), TT 01/2018/TT-VPCP Điều 19: ``<agency code>-<YYMMDD>-<XXXX>``.

The agency code is the receiving unit's QCVN 102:2016 code (a setting with a history). XXXX is the
4-digit sequence of the day. Several counters of one commune may work offline on separate PCs, so each
counter owns a disjoint block of the day's sequence: counter n issues n·1000+1 … n·1000+999 minus 1000,
i.e. counter 1 → 0001–0999, counter 2 → 1001–1999, … counter 9 → 8001–8999. Codes never collide
without any network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desk_app.domain.errors import ValidationError

AGENCY_CODE = re.compile(r"^[0-9A-Z]{1,3}(?:\.[0-9A-Z]{2,3}){1,3}$")
DOSSIER_CODE = re.compile(r"^(?P<agency>[0-9A-Z.]+)-(?P<day>\d{6})-(?P<seq>\d{4})$")
BLOCK = 1000
MAX_COUNTERS = 9


@dataclass(frozen=True)
class DossierCode:
    agency: str
    day: date
    seq: int

    def __str__(self) -> str:
        return f"{self.agency}-{self.day:%y%m%d}-{self.seq:04d}"


def check_agency_code(code: str) -> str:
    code = code.strip().upper()
    if not AGENCY_CODE.match(code):
        raise ValidationError(
            f"{code!r} is not an agency code per QCVN 102:2016 (e.g. 001.05.12.H49).",
            "Mã cơ quan không đúng định dạng QCVN 102:2016 (ví dụ 001.05.12.H49).",
            field="agency_code",
        )
    return code


def counter_range(counter: int) -> tuple[int, int]:
    """The first and last daily sequence numbers counter ``counter`` may issue."""
    if not 1 <= counter <= MAX_COUNTERS:
        raise ValidationError(
            f"Counter number must be 1–{MAX_COUNTERS}.",
            f"Số quầy phải từ 1 đến {MAX_COUNTERS}.",
            field="counter",
        )
    first = (counter - 1) * BLOCK + 1
    return first, first + BLOCK - 2


def format_code(agency: str, day: date, seq: int) -> str:
    return str(DossierCode(agency, day, seq))


def parse_code(text: str) -> DossierCode:
    m = DOSSIER_CODE.match(text.strip().upper())
    if not m:
        raise ValidationError(
            f"{text!r} is not a dossier code (AGENCY-YYMMDD-XXXX).",
            "Mã hồ sơ không đúng định dạng (mã cơ quan-YYMMDD-XXXX).",
            field="code",
        )
    d = m.group("day")
    try:
        day = date(2000 + int(d[:2]), int(d[2:4]), int(d[4:]))
    except ValueError:
        raise ValidationError(f"{text!r} has an impossible date.", "Mã hồ sơ có ngày không hợp lệ.") from None
    return DossierCode(m.group("agency"), day, int(m.group("seq")))


# Vietnamese keyboards (Telex/VNI through Unikey/EVKey) rewrite what a keyboard-wedge scanner types.
_TELEX_UNDO = str.maketrans({"đ": "dd", "Đ": "DD"})


def recover_scanned_code(text: str) -> str | None:
    """Find a dossier code in what a barcode scanner typed, undoing input-method rewrites.

    Returns the code in canonical form, or None when nothing like a code is there.
    """
    import unicodedata

    raw = unicodedata.normalize("NFD", text.translate(_TELEX_UNDO))
    raw = "".join(ch for ch in raw if unicodedata.category(ch) != "Mn").upper()
    m = re.search(r"[0-9A-Z]{1,3}(?:\.[0-9A-Z]{2,3}){1,3}-\d{6}-\d{4}", raw)
    return m.group(0) if m else None
