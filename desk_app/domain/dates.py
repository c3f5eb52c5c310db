"""Plausible dates: the ranges every date the app takes must fall in, and a reader that survives a bad one.

A year-1 receipt or a due date in 9999 is a typo, not a fact: once stored it poisoned every list (and a move
in 9999 blocked every later move). The ranges below are app policy (no law sets them); the README lists them.

- a receiving time: from EARLIEST (1 January 2000: older paper dossiers are archived, not received here) to
  now + FUTURE_TOLERANCE (clock drift between PCs);
- a move (forward, return, ...): from the dossier's receipt to now + FUTURE_TOLERANCE;
- a due date or a new due date: from the receipt to the receipt + MAX_SPAN_YEARS years;
- a calendar day or year, a procedure's effective date: years EARLIEST.year to LATEST_YEAR;
- a number of working days: 0 to MAX_WORKING_DAYS; retention years: 1 to MAX_RETENTION_YEARS.

Stored moments are always written with four-digit years (``iso_minute``/``iso_second``); ``parse_stored``
reads a stored text back and returns None for one that is not a date, so a reader can show the row as
"invalid date" instead of failing the whole list.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from desk_app.domain.errors import ValidationError

EARLIEST = date(2000, 1, 1)
LATEST_YEAR = 2100
FUTURE_TOLERANCE = timedelta(minutes=15)
MAX_SPAN_YEARS = 5
MAX_WORKING_DAYS = 3650
MAX_RETENTION_YEARS = 100

_STORED = re.compile(r"^\s*(-?\d{1,6})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")


def _vi(day: date | datetime) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def check_year(year: int, field: str = "year") -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not EARLIEST.year <= year <= LATEST_YEAR:
        raise ValidationError(
            f"The year must be between {EARLIEST.year} and {LATEST_YEAR} (got {year}).",
            f"Năm phải trong khoảng {EARLIEST.year}–{LATEST_YEAR}.",
            field=field,
        )
    return year


def check_day(day: date, field: str = "date") -> date:
    """A calendar day or an effective date: years EARLIEST.year to LATEST_YEAR."""
    if not EARLIEST <= (day.date() if isinstance(day, datetime) else day) <= date(LATEST_YEAR, 12, 31):
        raise ValidationError(
            f"The date {day.isoformat()} is out of range ({EARLIEST:%Y-%m-%d} to {LATEST_YEAR}-12-31).",
            f"Ngày {_vi(day)} không hợp lệ (phải từ {_vi(EARLIEST)} đến 31/12/{LATEST_YEAR}).",
            field=field,
        )
    return day


def check_received(moment: datetime, now: datetime, field: str = "received_at") -> datetime:
    """A receiving time: from EARLIEST to now + FUTURE_TOLERANCE."""
    if moment.date() < EARLIEST:
        raise ValidationError(
            f"The receiving time {moment.isoformat(timespec='minutes')} is before {EARLIEST:%Y-%m-%d}: check the year.",
            f"Thời gian nhận hồ sơ ({_vi(moment)}) trước ngày {_vi(EARLIEST)}: kiểm tra lại năm.",
            field=field,
        )
    if moment > now + FUTURE_TOLERANCE:
        raise ValidationError(
            f"The receiving time {moment:%Y-%m-%d %H:%M} is in the future.",
            "Thời gian nhận hồ sơ không được ở tương lai. Kiểm tra lại ngày giờ.",
            field=field,
        )
    return moment


def check_move(moment: datetime, now: datetime, field: str = "at") -> datetime:
    """A move's time may be earlier than now (a paper move recorded late) but not in the future."""
    if moment > now + FUTURE_TOLERANCE:
        raise ValidationError(
            f"The time of the move {moment.isoformat(timespec='minutes')} is in the future.",
            "Thời điểm thao tác không được ở tương lai. Kiểm tra lại ngày giờ.",
            field=field,
        )
    return moment


def check_due(due: datetime, received: datetime, field: str = "due_at") -> datetime:
    """A due date: not before the receipt, at most MAX_SPAN_YEARS years after it."""
    latest = received + timedelta(days=366 * MAX_SPAN_YEARS)
    if due < received or due > latest:
        raise ValidationError(
            f"The due date {due.isoformat(timespec='minutes')} must be between the receipt "
            f"({received:%Y-%m-%d}) and {MAX_SPAN_YEARS} years after it.",
            f"Hạn trả kết quả ({_vi(due)}) phải sau ngày nhận và không quá {MAX_SPAN_YEARS} năm.",
            field=field,
        )
    return due


def check_working_days(n: float, field: str = "working_days") -> float:
    if isinstance(n, bool) or not isinstance(n, int | float) or not 0 <= n <= MAX_WORKING_DAYS:
        raise ValidationError(
            f"The number of working days must be 0 to {MAX_WORKING_DAYS} (got {n}).",
            f"Số ngày làm việc phải từ 0 đến {MAX_WORKING_DAYS}.",
            field=field,
        )
    return n


def check_retention_years(n: int, field: str = "years") -> int:
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_RETENTION_YEARS:
        raise ValidationError(
            f"The retention period must be 1 to {MAX_RETENTION_YEARS} years (got {n}).",
            f"Thời hạn lưu trữ phải từ 1 đến {MAX_RETENTION_YEARS} năm.",
            field=field,
        )
    return n


def iso_minute(moment: datetime) -> str:
    """``YYYY-MM-DDTHH:MM`` with a four-digit year (strftime's %Y drops the zeros of years before 1000)."""
    return moment.isoformat(timespec="minutes")


def iso_second(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def parse_stored(text: str | None) -> datetime | None:
    """A stored moment read back; None for a text that is not a valid date (the row stays readable)."""
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        pass
    match = _STORED.match(str(text))
    if match is None:
        return None
    y, mo, d, h, mi, s = (int(g) if g is not None else 0 for g in match.groups())
    try:
        return datetime(y, mo, d, h, mi, s)
    except (ValueError, OverflowError):
        return None


def parse_stored_day(text: str | None) -> date | None:
    moment = parse_stored(text)
    return None if moment is None else moment.date()


def parse_stored_time(text: str | None) -> time | None:
    if text is None:
        return None
    try:
        return time.fromisoformat(text)
    except (TypeError, ValueError):
        return None
