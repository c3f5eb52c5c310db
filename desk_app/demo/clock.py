"""Office time for the demo planner: a calendar that remembers its days, and a clock of office minutes.

``WorkClock`` numbers every office minute from an origin, so "three working days later", "the next working
morning" and "the office time a supplement kept the dossier waiting" become integer arithmetic, fast enough
for the million dossiers of the benchmarks.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from desk_app.domain.calendar import WorkingCalendar


class CachedCalendar(WorkingCalendar):
    """A WorkingCalendar that remembers which days work (a million due dates ask the same days again)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._known: dict[date, bool] = {}

    def is_working_day(self, day: date) -> bool:
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = super().is_working_day(day)
        return known

    @classmethod
    def like(cls, cal: WorkingCalendar) -> CachedCalendar:
        return cls(list(cal.overrides), cal.office_hours)


class WorkClock:
    """Office minutes numbered from the opening of the first working day on or after ``first``."""

    def __init__(self, cal: WorkingCalendar, first: date, last: date) -> None:
        self.hours = [(a.hour * 60 + a.minute, b.hour * 60 + b.minute) for a, b in cal.office_hours]
        self.per_day = sum(b - a for a, b in self.hours)
        self.days: list[date] = []
        self._next: dict[date, int] = {}  # any date -> index of the first working day on or after it
        pending: list[date] = []
        day = first
        while day <= last:
            pending.append(day)
            if cal.is_working_day(day):
                for p in pending:
                    self._next[p] = len(self.days)
                pending = []
                self.days.append(day)
            day += timedelta(days=1)

    def day_index(self, day: date) -> int:
        """Index in ``days`` of the first working day on or after ``day``."""
        return self._next[day]

    def to_w(self, moment: datetime) -> int:
        """The first office minute at or after ``moment``."""
        i = self._next[moment.date()]
        if self.days[i] != moment.date():
            return i * self.per_day
        m, acc = moment.hour * 60 + moment.minute, 0
        for a, b in self.hours:
            if m < a:
                return i * self.per_day + acc
            if m < b:
                return i * self.per_day + acc + m - a
            acc += b - a
        return (i + 1) * self.per_day

    def at(self, w: int) -> datetime:
        i, rest = divmod(w, self.per_day)
        for a, b in self.hours:
            if rest < b - a:
                return datetime.combine(self.days[i], time(*divmod(a + rest, 60)))
            rest -= b - a
        raise AssertionError("unreachable")

    def minute_of_day(self, w: int) -> int:
        rest = w % self.per_day
        for a, b in self.hours:
            if rest < b - a:
                return a + rest
            rest -= b - a
        raise AssertionError("unreachable")
