"""Working-day calendar and due-date computation (ngày hẹn trả).

Rules (``../shared/domain.md`` §7): Saturdays and Sundays are rest days; public holidays come from the
``holidays`` package (Bộ luật Lao động 2019 Đ.112, with observed days); the government's yearly swaps
are data (overrides): an extra day off, or a make-up Saturday (ngày làm bù) that is a working day.
Counting follows Bộ luật Dân sự 2015 Đ.147–148: the day of receipt is not counted, and the time of day
is kept, as real slips do. A dossier received after the procedure's cut-off time (default 15:00) or
outside office hours counts as received when the next working day opens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

import holidays


class TimeUnit(StrEnum):
    """How a procedure's processing time is counted."""

    WORKING_DAYS = "working_days"
    DAYS = "days"
    WORKING_HOURS = "working_hours"
    SAME_DAY = "same_day"


class OverrideKind(StrEnum):
    """A local change to the calendar."""

    OFF = "off"  # an extra day off (e.g. the weekday swapped away)
    WORKDAY = "workday"  # a make-up working day (ngày làm bù), usually a Saturday


@dataclass(frozen=True)
class Override:
    day: date
    kind: OverrideKind
    note: str = ""
    legal_basis: str = ""


def package_makeup_days() -> list[date]:
    """The make-up Saturdays behind the ``holidays`` package's day swaps.

    The package lists each swap as (month, day, from_month, from_day[, from_year]): the "from" day is the
    Saturday worked in exchange (ngày làm bù). It marks the day off but not the working Saturday.
    """
    try:
        from holidays.countries.vietnam import VietnamStaticHolidays
    except ImportError:  # the package reorganised: fall back to overrides only
        return []
    swaps: dict[int, tuple[object, ...]] = getattr(VietnamStaticHolidays, "special_public_holidays", {}) or {}
    days: list[date] = []
    for year, entries in swaps.items():
        items = entries if entries and isinstance(entries[0], tuple) else (entries,)
        for item in items:
            if isinstance(item, tuple) and len(item) >= 4 and all(isinstance(x, int) for x in item):
                from_year = item[4] if len(item) >= 5 else year
                days.append(date(int(from_year), int(item[2]), int(item[3])))
    return days


DEFAULT_HOURS: tuple[tuple[time, time], ...] = ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0)))
DEFAULT_CUTOFF = time(15, 0)


@dataclass
class WorkingCalendar:
    """Which days and hours the one-stop counter works."""

    overrides: Iterable[Override] = ()
    office_hours: tuple[tuple[time, time], ...] = DEFAULT_HOURS
    _off: set[date] = field(init=False, default_factory=set)
    _work: set[date] = field(init=False, default_factory=set)
    _notes: dict[date, str] = field(init=False, default_factory=dict)
    _holidays: holidays.HolidayBase = field(init=False)
    _known: dict[date, bool] = field(init=False, default_factory=dict)  # is_working_day, remembered

    def __post_init__(self) -> None:
        for day in package_makeup_days():
            self._work.add(day)
            self._notes[day] = "Ngày làm bù (theo thông báo hoán đổi ngày nghỉ)"
        for o in self.overrides:
            self._work.discard(o.day)
            (self._work if o.kind == OverrideKind.WORKDAY else self._off).add(o.day)
            self._notes[o.day] = o.note
        self._holidays = holidays.country_holidays("VN", language="vi")

    @property
    def opens(self) -> time:
        return self.office_hours[0][0]

    @property
    def closes(self) -> time:
        return self.office_hours[-1][1]

    def holiday_name(self, day: date) -> str | None:
        """The name of the public holiday or day off on ``day``, if any."""
        if day in self._off:
            return self._notes.get(day) or "Ngày nghỉ"
        name = self._holidays.get(day)
        return str(name) if name else None

    def is_working_day(self, day: date) -> bool:
        known = self._known.get(day)
        if known is None:  # the days and overrides are fixed once built: remember each answer
            if day in self._work:
                known = True
            elif day in self._off or day.weekday() >= 5:
                known = False
            else:
                known = day not in self._holidays
            self._known[day] = known
        return known

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        day += timedelta(days=1)
        for _ in range(3660):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise ValueError("no working day within ten years")  # a misconfigured calendar, not a clerk's error

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: the count used to tell how late a dossier is."""
        if end <= start:
            return -self.working_days_between(end, start) if end < start else 0
        n, day = 0, start
        while day < end:
            day += timedelta(days=1)
            n += self.is_working_day(day)
        return n

    def add_working_days(self, day: date, n: int) -> date:
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def in_office_hours(self, moment: datetime) -> bool:
        t = moment.time()
        return self.is_working_day(moment.date()) and any(a <= t < b for a, b in self.office_hours)

    def effective_start(self, received: datetime, cutoff: time | None = DEFAULT_CUTOFF) -> datetime:
        """When counting starts: ``received`` itself, or the opening of the next working day.

        The next opening applies when the dossier was received on a rest day, after closing time, or after
        the cut-off (NĐ 61/2018 Đ.17 and the "sau 15 giờ" clause of many procedures).
        """
        day, t = received.date(), received.time()
        late = t >= self.closes or (cutoff is not None and t >= cutoff)
        if not self.is_working_day(day) or late:
            return datetime.combine(self.next_working_day(day), self.opens)
        if t < self.opens:
            return datetime.combine(day, self.opens)
        return received.replace(second=0, microsecond=0)

    def due_at(
        self, received: datetime, value: float, unit: TimeUnit | str, cutoff: time | None = DEFAULT_CUTOFF
    ) -> datetime:
        """The appointment time for a dossier received at ``received``."""
        unit = TimeUnit(unit)
        start = self.effective_start(received, cutoff)
        if unit == TimeUnit.SAME_DAY:
            return datetime.combine(start.date(), self.closes)
        if unit == TimeUnit.WORKING_DAYS:
            whole = int(value)
            due = datetime.combine(self.add_working_days(start.date(), whole), start.time())
            if value > whole:  # half days and the like: count the rest as office hours
                due = self.add_working_hours(due, (value - whole) * self.hours_per_day())
            return due
        if unit == TimeUnit.DAYS:
            due = start + timedelta(days=int(value))
            while not self.is_working_day(due.date()):
                due += timedelta(days=1)
            return due
        return self.add_working_hours(start, value)

    def hours_per_day(self) -> float:
        return sum(
            (datetime.combine(date.min, b) - datetime.combine(date.min, a)).total_seconds() / 3600
            for a, b in self.office_hours
        )

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """Walk ``hours`` of office time forward from ``start``."""
        remaining = timedelta(hours=hours)
        moment = start
        for _ in range(100000):
            if self.is_working_day(moment.date()):
                for a, b in self.office_hours:
                    begin = max(moment, datetime.combine(moment.date(), a))
                    end = datetime.combine(moment.date(), b)
                    if begin >= end:
                        continue
                    if end - begin >= remaining:
                        return begin + remaining
                    remaining -= end - begin
                    moment = end
            moment = datetime.combine(moment.date() + timedelta(days=1), time(0, 0))
        raise ValueError("working hours overflow")

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Office time elapsed between two moments (used to pause the clock for supplements)."""
        if end <= start:
            return timedelta(0)
        total = timedelta(0)
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                for a, b in self.office_hours:
                    lo = max(start, datetime.combine(day, a))
                    hi = min(end, datetime.combine(day, b))
                    if hi > lo:
                        total += hi - lo
            day += timedelta(days=1)
        return total

    def days_in_year(self, year: int) -> list[tuple[date, str, str]]:
        """Every non-working weekday and every working weekend day of ``year``: (day, kind, note)."""
        out: list[tuple[date, str, str]] = []
        day = date(year, 1, 1)
        while day.year == year:
            working = self.is_working_day(day)
            if day.weekday() < 5 and not working:
                out.append((day, "off", self.holiday_name(day) or ""))
            elif day.weekday() >= 5 and working:
                out.append((day, "workday", self._notes.get(day, "Ngày làm bù")))
            day += timedelta(days=1)
        return out
