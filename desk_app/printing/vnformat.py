"""Vietnamese formatting helpers for printed forms: dates, times, numbers, money.

Every function returns NFC-normalised text. Long dates on forms follow Nghị định 30/2020/NĐ-CP về
công tác văn thư, Phụ lục I, Phần I, Mục II, khoản 5 (địa danh và thời gian ban hành văn bản): "các số
thể hiện ngày, tháng, năm dùng chữ số Ả Rập; đối với những số thể hiện ngày nhỏ hơn 10 và tháng 1, 2 phải
ghi thêm số 0 phía trước" — so "ngày 05 tháng 8 năm 2026", "ngày 15 tháng 02 năm 2026" (style
``"nd30"``, the default). ``"padded"`` (both padded) is kept only for callers that ask for it.
Short dates stay dd/MM/yyyy: "08 giờ 37 phút, ngày 20/11/2019".
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

DateStyle = Literal["padded", "nd30"]

#: Filler printed where a value is not known yet (to be completed by hand).
DOTS = "……"
BLANK_DATE_LONG = f"ngày {DOTS} tháng {DOTS} năm {DOTS}"
BLANK_TIME_DATE = f"{DOTS} giờ {DOTS} phút, ngày {DOTS}/{DOTS}/{DOTS}"
BLANK_TIME_DATE_LONG = f"{DOTS} giờ {DOTS} phút, ngày {DOTS} tháng {DOTS} năm {DOTS}"


def nfc(text: str) -> str:
    """Unicode NFC form of ``text`` (decomposed accents print badly)."""
    return unicodedata.normalize("NFC", text)


def pad2(value: int) -> str:
    """Two-digit zero-padded number: 5 -> "05"."""
    return f"{value:02d}"


def _month(month: int, style: DateStyle) -> str:
    if style == "nd30":
        return pad2(month) if month <= 2 else str(month)
    return pad2(month)


def format_date_long(value: date | None, *, style: DateStyle = "nd30") -> str:
    """Long date "ngày 05 tháng 03 năm 2026" (or dotted blanks when ``value`` is None)."""
    if value is None:
        return BLANK_DATE_LONG
    return f"ngày {pad2(value.day)} tháng {_month(value.month, style)} năm {value.year}"


def format_place_date(place: str, value: date | None, *, style: DateStyle = "nd30") -> str:
    """Place and date, "Gio Sơn, ngày 05 tháng 03 năm 2026" (the line under the national motto)."""
    place = nfc(place.strip())
    body = format_date_long(value, style=style)
    return f"{place}, {body}" if place else body[0].upper() + body[1:]


def format_date(value: date | None) -> str:
    """Short date "20/11/2019"."""
    if value is None:
        return f"{DOTS}/{DOTS}/{DOTS}"
    return f"{pad2(value.day)}/{pad2(value.month)}/{value.year}"


def format_time(value: datetime) -> str:
    """Clock time "08:37"."""
    return f"{pad2(value.hour)}:{pad2(value.minute)}"


def format_time_date(value: datetime | None) -> str:
    """Time and short date "08 giờ 37 phút, ngày 20/11/2019"."""
    if value is None:
        return BLANK_TIME_DATE
    return f"{pad2(value.hour)} giờ {pad2(value.minute)} phút, ngày {format_date(value)}"


def format_time_date_long(value: datetime | None, *, style: DateStyle = "nd30") -> str:
    """Time and long date "08 giờ 37 phút, ngày 20 tháng 11 năm 2019"."""
    if value is None:
        return BLANK_TIME_DATE_LONG
    return f"{pad2(value.hour)} giờ {pad2(value.minute)} phút, {format_date_long(value, style=style)}"


def format_datetime_short(value: datetime | None) -> str:
    """Compact "20/11/2019 08:37" ( form for tables and footers); "" when None."""
    if value is None:
        return ""
    return f"{format_date(value)} {format_time(value)}"


def format_number(value: int | Decimal) -> str:
    """Vietnamese digit grouping: 1234567 -> "1.234.567"; Decimal("1234.5") -> "1.234,5"."""
    if isinstance(value, Decimal) and value != value.to_integral_value():
        sign = "-" if value < 0 else ""
        whole, _, frac = f"{abs(value):f}".partition(".")
        return f"{sign}{int(whole):,}".replace(",", ".") + "," + frac.rstrip("0")
    number = int(value)
    return f"{number:,}".replace(",", ".")


def format_money(amount: int | Decimal, unit: str = "đồng") -> str:
    """Money amount "8.000 đồng"."""
    return f"{format_number(amount)} {unit}"


def format_count(value: int) -> str:
    """Counts on forms are written with two digits: 1 -> "01", 12 -> "12"."""
    return pad2(value) if 0 <= value < 10 else str(value)
