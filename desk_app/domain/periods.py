"""Report periods (kỳ báo cáo): week, month, quarter, half, nine months, year and custom ranges.

Two conventions (``../shared/domain.md`` §5.2, §13.1):

- "reporting": the data cut-off windows of NĐ 09/2019/NĐ-CP Đ.12 (as restated in Khánh Hòa QĐ 01/2023):
  a month runs from the 15th of the previous month to the 14th; a quarter from the 15th of the month
  before it to the 14th of its last month; six months 15/12 (previous year) – 14/6, nine months
  15/12 – 14/9, the year 15/12 – 14/12. The second half (not in the table) is 15/6 – 14/12.
- "calendar": plain calendar months, quarters and years (what the DVCQG's 766 dashboards use).

Weeks are ISO weeks (Monday–Sunday) in both conventions; a custom range is its own dates.
Codes as typed on the command line: ``2026-W38``, ``2026-09``, ``2026-Q3``, ``2026-H1``, ``2026-9M``,
``2026``, ``2026-07-01..2026-09-30`` (both ends inclusive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from desk_app.domain.errors import ValidationError

PeriodKind = Literal["week", "month", "quarter", "half", "nine_months", "year", "range"]
Convention = Literal["reporting", "calendar"]

PERIOD_KINDS: tuple[PeriodKind, ...] = ("week", "month", "quarter", "half", "nine_months", "year", "range")

PERIOD_KIND_LABEL_VI: dict[str, str] = {
    "week": "Tuần",
    "month": "Tháng",
    "quarter": "Quý",
    "half": "6 tháng",
    "nine_months": "9 tháng",
    "year": "Năm",
    "range": "Khoảng ngày",
}

CONVENTION_LABEL_VI: dict[str, str] = {
    "reporting": "Kỳ chốt số liệu (15 – 14)",
    "calendar": "Theo tháng dương lịch",
}

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_NINE = re.compile(r"^(\d{4})-9M$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


def _bad(text: str) -> ValidationError:
    return ValidationError(
        f"Unknown period {text[:40]!r}: use 2026-W38, 2026-09, 2026-Q3, 2026-H1, 2026-9M, 2026 "
        "or 2026-07-01..2026-09-30.",
        "Kỳ báo cáo không hợp lệ: nhập dạng 2026-W38, 2026-09, 2026-Q3, 2026-H1, 2026-9M, 2026 "
        "hoặc 2026-07-01..2026-09-30.",
        field="period",
    )


def _fmt(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _month_start(year: int, month: int) -> tuple[int, int]:
    """(year, month) normalised for month values outside 1..12."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return year, month


def _months_window(year: int, first_month: int, last_month: int, convention: Convention) -> tuple[date, date]:
    """The dates of calendar months first..last of ``year`` under ``convention`` (months may be < 1)."""
    if convention == "calendar":
        sy, sm = _month_start(year, first_month)
        ey, em = _month_start(year, last_month + 1)
        return date(sy, sm, 1), date(ey, em, 1) - timedelta(days=1)
    sy, sm = _month_start(year, first_month - 1)
    ey, em = _month_start(year, last_month)
    return date(sy, sm, 15), date(ey, em, 14)


@dataclass(frozen=True)
class Period:
    """A kỳ báo cáo: ``start`` and ``end`` both inclusive."""

    code: str
    kind: PeriodKind
    start: date
    end: date
    convention: Convention = "reporting"

    # -- derived -------------------------------------------------------------------------------------

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def cutoff_day(self) -> date | None:
        """The data cut-off day (ngày chốt số liệu) that §5.2 sets, for reporting-convention periods."""
        if self.convention == "reporting" and self.kind not in ("week", "range"):
            return self.end
        return None

    def is_complete(self, today: date) -> bool:
        """True once the period has ended; before that a report is "as of now" (tính đến thời điểm)."""
        return today > self.end

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def dates_vi(self) -> str:
        return f"Từ ngày {_fmt(self.start)} đến ngày {_fmt(self.end)}"

    def label_vi(self) -> str:
        """The period's Vietnamese name, e.g. "Quý III năm 2026" (without its dates: see dates_vi)."""
        year, _, rest = self.code.partition("-")
        if self.kind == "week":
            return f"Tuần {int(rest[1:])} năm {year}"
        if self.kind == "month":
            return f"Tháng {int(rest)} năm {year}"
        if self.kind == "quarter":
            return f"Quý {_ROMAN[int(rest[1:])]} năm {year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if rest == 'H1' else 'cuối'} năm {year}"
        if self.kind == "nine_months":
            return f"9 tháng năm {year}"
        if self.kind == "year":
            return f"Năm {year}"
        return f"Từ {_fmt(self.start)} đến {_fmt(self.end)}"

    def to_dict(self) -> dict[str, str]:
        """JSON shape: {"code", "kind", "from", "to", "convention"} with ISO dates."""
        return {
            "code": self.code,
            "kind": self.kind,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "convention": self.convention,
        }

    # -- neighbours ----------------------------------------------------------------------------------

    def previous(self) -> Period:
        """The period of the same kind just before this one (a range: as many days just before)."""
        cal = self.convention == "calendar"
        year = self.start.year if self.kind == "week" else int(self.code[:4])
        if self.kind == "week":
            iso = (self.start - timedelta(days=7)).isocalendar()
            return parse_period(f"{iso.year}-W{iso.week:02d}", calendar_periods=cal)
        if self.kind == "month":
            y, m = _month_start(year, int(self.code[5:]) - 1)
            return parse_period(f"{y}-{m:02d}", calendar_periods=cal)
        if self.kind == "quarter":
            q = int(self.code[6:]) - 1
            return parse_period(f"{year - 1}-Q4" if q == 0 else f"{year}-Q{q}", calendar_periods=cal)
        if self.kind == "half":
            half = self.code[5:]
            return parse_period(f"{year - 1}-H2" if half == "H1" else f"{year}-H1", calendar_periods=cal)
        if self.kind == "nine_months":
            return parse_period(f"{year - 1}-9M", calendar_periods=cal)
        if self.kind == "year":
            return parse_period(str(year - 1), calendar_periods=cal)
        end = self.start - timedelta(days=1)
        start = end - timedelta(days=self.days - 1)
        return parse_period(f"{start.isoformat()}..{end.isoformat()}", calendar_periods=cal)

    def next(self) -> Period:
        """The period of the same kind just after this one."""
        cal = self.convention == "calendar"
        if self.kind == "range":
            start = self.end + timedelta(days=1)
            end = start + timedelta(days=self.days - 1)
            return parse_period(f"{start.isoformat()}..{end.isoformat()}", calendar_periods=cal)
        if self.kind == "nine_months":
            return parse_period(f"{int(self.code[:4]) + 1}-9M", calendar_periods=cal)
        return period_containing(self.kind, self.end + timedelta(days=1), calendar_periods=cal)


def parse_period(text: str, *, calendar_periods: bool = False) -> Period:
    """The Period named by ``text``; a ValidationError (with a Vietnamese message) for anything else."""
    code = text.strip().upper()
    conv: Convention = "calendar" if calendar_periods else "reporting"
    try:
        if m := _WEEK.match(code):
            year, week = int(m[1]), int(m[2])
            start = date.fromisocalendar(year, week, 1)
            return Period(f"{year}-W{week:02d}", "week", start, start + timedelta(days=6), conv)
        if m := _MONTH.match(code):
            year, month = int(m[1]), int(m[2])
            if not 1 <= month <= 12:
                raise _bad(text)
            start, end = _months_window(year, month, month, conv)
            return Period(f"{year}-{month:02d}", "month", start, end, conv)
        if m := _QUARTER.match(code):
            year, quarter = int(m[1]), int(m[2])
            start, end = _months_window(year, 3 * quarter - 2, 3 * quarter, conv)
            return Period(f"{year}-Q{quarter}", "quarter", start, end, conv)
        if m := _HALF.match(code):
            year, half = int(m[1]), int(m[2])
            start, end = _months_window(year, 6 * half - 5, 6 * half, conv)
            return Period(f"{year}-H{half}", "half", start, end, conv)
        if m := _NINE.match(code):
            year = int(m[1])
            start, end = _months_window(year, 1, 9, conv)
            return Period(f"{year}-9M", "nine_months", start, end, conv)
        if m := _YEAR.match(code):
            year = int(m[1])
            start, end = _months_window(year, 1, 12, conv)
            return Period(str(year), "year", start, end, conv)
        if m := _RANGE.match(code):
            start, end = date.fromisoformat(m[1]), date.fromisoformat(m[2])
            if end < start:
                raise ValidationError(
                    f"The period ends ({end.isoformat()}) before it starts ({start.isoformat()}).",
                    f"Ngày kết thúc kỳ ({_fmt(end)}) trước ngày bắt đầu ({_fmt(start)}).",
                    field="period",
                )
            return Period(f"{start.isoformat()}..{end.isoformat()}", "range", start, end, conv)
    except ValueError:
        raise _bad(text) from None
    raise _bad(text)


def period_containing(kind: PeriodKind, day: date, *, calendar_periods: bool = False) -> Period:
    """The period of ``kind`` that contains ``day`` (e.g. the current reporting month on 20/12 is January).

    For ``nine_months`` this is the nine months of the reporting year containing ``day`` (which may
    have ended already); for ``range`` a one-day range.
    """
    conv_cal = calendar_periods
    if kind == "week":
        iso = day.isocalendar()
        return parse_period(f"{iso.year}-W{iso.week:02d}", calendar_periods=conv_cal)
    if kind == "range":
        return parse_period(f"{day.isoformat()}..{day.isoformat()}", calendar_periods=conv_cal)
    # The reporting year/month that holds ``day``: from the 15th on, a day belongs to the next month.
    year, month = day.year, day.month
    if not calendar_periods and day.day >= 15:
        year, month = _month_start(year, month + 1)
    if kind == "month":
        return parse_period(f"{year}-{month:02d}", calendar_periods=conv_cal)
    if kind == "quarter":
        return parse_period(f"{year}-Q{(month - 1) // 3 + 1}", calendar_periods=conv_cal)
    if kind == "half":
        return parse_period(f"{year}-H{1 if month <= 6 else 2}", calendar_periods=conv_cal)
    if kind == "nine_months":
        return parse_period(f"{year}-9M", calendar_periods=conv_cal)
    return parse_period(str(year), calendar_periods=conv_cal)


def trailing_periods(last: Period, count: int) -> list[Period]:
    """``count`` periods of ``last``'s kind ending with ``last``, oldest first (for trend charts)."""
    out = [last]
    while len(out) < count:
        out.append(out[-1].previous())
    return out[::-1]
