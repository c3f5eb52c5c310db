"""What the hub reads back: the aggregated II.06a report, the reporting-rate table, trends, one unit.

Indicators are stored as "<group>.<key>" (``received.total``, ``resolved.on_time``, ...) and turned back into
the desk's nested shape {"received": {...}, "resolved": {...}, "in_progress": {...}} here, so the hub's report
has exactly the shape of the desk's own ``report --kind ii06a`` total.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from desk_app.domain.calendar import WorkingCalendar
from desk_app.domain.periods import Period, parse_period, trailing_periods
from desk_app.hub.errors import HubError
from desk_app.hub.models import ClosedPeriod, DataValue, PeriodArrival, TotalsCache, Unit

GROUPS = ("received", "resolved", "in_progress")


def period_or_400(code: str) -> Period:
    from desk_app.domain.errors import ValidationError

    try:
        return parse_period(code)
    except ValidationError:
        raise HubError(400, f"unknown period {code[:40]!r}") from None


def nest(flat: dict[str, int]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for indicator, value in sorted(flat.items()):
        group, _, key = indicator.partition(".")
        out.setdefault(group, {})[key or "value"] = value
    return out


def _add(into: dict[str, dict[str, int]], part: dict[str, dict[str, int]]) -> None:
    for group, values in part.items():
        target = into.setdefault(group, {})
        for key, value in values.items():
            target[key] = target.get(key, 0) + value


FIRST_MONTH = {"received.carried_over"}  # stocks at the period's start: the first month's
LAST_MONTH_GROUP = "in_progress"  # stocks at the period's end (cut-off moment): the last month's


def months_of(period: Period) -> list[Period]:
    """The reporting months that tile a quarter, half, nine months or year (§5.2 windows line up)."""
    from desk_app.domain.periods import period_containing

    months = [period_containing("month", period.start)]
    while months[-1].end < period.end:
        months.append(months[-1].next())
    return months


def compose(monthly: list[dict[str, int]]) -> dict[str, int]:
    """A longer period's II.06a from its months: flows add up, the carried-over stock is the first month's,
    the in-progress stock the last month's, and column 3 = 4 + 5 + 6 again."""
    if len(monthly) == 1:
        return dict(monthly[0])
    out: dict[str, int] = {}
    for indicator in dict.fromkeys(k for m in monthly for k in m):
        if indicator in FIRST_MONTH:
            out[indicator] = monthly[0].get(indicator, 0)
        elif indicator.startswith(LAST_MONTH_GROUP + "."):
            out[indicator] = monthly[-1].get(indicator, 0)
        else:
            out[indicator] = sum(m.get(indicator, 0) for m in monthly)
    parts = ("received.online", "received.direct_postal", "received.carried_over")
    if "received.total" in out and all(k in out for k in parts):
        out["received.total"] = sum(out[k] for k in parts)
    return out


def _unit_totals(session: Session, codes: list[str]) -> dict[tuple[int, str], dict[str, int]]:
    flat: dict[tuple[int, str], dict[str, int]] = {}
    for unit_id, period, indicator, value in session.execute(
        select(DataValue.unit_id, DataValue.period, DataValue.indicator, DataValue.value).where(
            DataValue.period.in_(codes), DataValue.breakdown == ""
        )
    ):
        flat.setdefault((unit_id, period), {})[indicator] = value
    return flat


def report(session: Session, period_code: str) -> dict[str, Any]:
    """The contract of ``desk-hub report --period P --json``.

    A month is read as sent. A quarter, half, nine months or year is composed from its months when the unit
    sent every one of them (else its ``ii06a`` is null and ``months_missing`` lists the gaps)."""
    period = period_or_400(period_code)
    units = session.execute(select(Unit.id, Unit.code, Unit.name, Unit.last_sync).order_by(Unit.code)).all()
    months = [period] if period.kind in ("month", "week", "range") else months_of(period)
    flat = _unit_totals(session, [m.code for m in months])
    total: dict[str, dict[str, int]] = {}
    rows = []
    for u in units:
        monthly = [flat.get((u.id, m.code)) for m in months]
        missing = [m.code for m, got in zip(months, monthly, strict=True) if got is None]
        ii06a = None if missing else nest(compose([m for m in monthly if m is not None]))
        if ii06a is not None:
            _add(total, ii06a)
        row: dict[str, Any] = {
            "code": u.code,
            "name": u.name,
            "last_sync": u.last_sync.isoformat(timespec="seconds") if u.last_sync else None,
            "ii06a": ii06a,
        }
        if len(months) > 1:
            row["months_missing"] = missing
        rows.append(row)
    closed = session.get(ClosedPeriod, period.code) is not None
    return {
        "period": {"code": period.code, "from": period.start.isoformat(), "to": period.end.isoformat()},
        "closed": closed,
        "units": rows,
        "total": total,
    }


def unit_breakdown(session: Session, unit_code: str, period_code: str) -> dict[str, Any]:
    """One unit's figures for a period, by breakdown row ("" is its total)."""
    period = period_or_400(period_code)
    unit = session.scalar(select(Unit).where(Unit.code == unit_code))
    if unit is None:
        raise HubError(404, f"no unit {unit_code!r} is registered")
    flat: dict[str, dict[str, int]] = {}
    for breakdown, indicator, value in session.execute(
        select(DataValue.breakdown, DataValue.indicator, DataValue.value).where(
            DataValue.unit_id == unit.id, DataValue.period == period.code
        )
    ):
        flat.setdefault(breakdown, {})[indicator] = value
    return {
        "unit": {"code": unit.code, "name": unit.name, "last_sync": unit.last_sync},
        "period": period,
        "total": nest(flat.pop("", {})),
        "rows": [{"key": k, "figures": nest(v)} for k, v in sorted(flat.items())],
    }


@lru_cache(maxsize=1)
def _calendar() -> WorkingCalendar:
    return WorkingCalendar()


def due_day(period: Period, working_days: int) -> date:
    """The last day a period's figures count as on time: the cut-off plus N working days (📘 §5.2)."""
    return _calendar().add_working_days(period.end, working_days)


@dataclass(frozen=True)
class Arrival:
    status: str  # on_time | late | missing | open
    at: datetime | None


def arrival_status(period: Period, final_at: datetime | None, today: date, working_days: int) -> Arrival:
    return _status(final_at, due_day(period, working_days), today)


def _status(final_at: datetime | None, due: date, today: date) -> Arrival:
    if final_at is not None:
        return Arrival("on_time" if final_at.date() <= due else "late", final_at)
    return Arrival("missing" if today > due else "open", None)


def recent_months(today: date, count: int) -> list[Period]:
    """The last ``count`` reporting months that have ended by ``today`` (newest last)."""
    from desk_app.domain.periods import period_containing

    current = period_containing("month", today)
    return trailing_periods(current.previous(), count)


PAGE_SIZE = 100


def _day_after(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min)


def reporting_rate(
    session: Session,
    periods: list[Period],
    today: date,
    working_days: int,
    *,
    page: int = 1,
    problems_only: bool = False,
    page_size: int = PAGE_SIZE,
) -> dict[str, Any]:
    """Units × periods: on time / late / missing (or open before the due day), one page of units at a time.

    The counts per period cover every unit and are counted in SQL; the rows are one page (by unit code),
    optionally only the units with a late or missing period, so the page stays light with thousands of units."""
    codes = [p.code for p in periods]
    due = {p.code: due_day(p, working_days) for p in periods}
    ends = {c: _day_after(d) for c, d in due.items()}  # arrivals before this moment are on time
    on_time = case(
        *[(and_(PeriodArrival.period == c, PeriodArrival.final_at < ends[c]), 1) for c in codes], else_=0
    )
    arrived = func.count(PeriodArrival.final_at)
    counted = {
        period: (int(good or 0), int(total or 0))
        for period, good, total in session.execute(
            select(PeriodArrival.period, func.sum(on_time), arrived)
            .where(PeriodArrival.period.in_(codes))
            .group_by(PeriodArrival.period)
        )
    }
    units = session.execute(select(Unit.id, Unit.code, Unit.name, Unit.last_sync).order_by(Unit.code)).all()
    counts = {}
    for c in codes:
        good, total = counted.get(c, (0, 0))
        absent = len(units) - total
        counts[c] = {
            "on_time": good,
            "late": total - good,
            "missing": absent if today > due[c] else 0,
            "open": 0 if today > due[c] else absent,
        }
    listed = list(units)
    past = [c for c in codes if today > due[c]]
    if problems_only and past:
        fine = {
            unit_id
            for unit_id, good in session.execute(
                select(PeriodArrival.unit_id, func.sum(on_time))
                .where(PeriodArrival.period.in_(past))
                .group_by(PeriodArrival.unit_id)
            )
            if int(good or 0) >= len(past)
        }
        listed = [u for u in units if u.id not in fine]
    elif problems_only:
        listed = []
    pages = max(1, -(-len(listed) // page_size))
    page = min(max(1, page), pages)
    shown = listed[(page - 1) * page_size : page * page_size]
    finals: dict[tuple[int, str], datetime | None] = {}
    if shown:
        finals = {
            (unit_id, period): final_at
            for unit_id, period, final_at in session.execute(
                select(PeriodArrival.unit_id, PeriodArrival.period, PeriodArrival.final_at).where(
                    PeriodArrival.period.in_(codes), PeriodArrival.unit_id.in_([u.id for u in shown])
                )
            )
        }
    rows = [
        {
            "code": u.code,
            "name": u.name,
            "last_sync": u.last_sync,
            "cells": [_status(finals.get((u.id, c)), due[c], today) for c in codes],
        }
        for u in shown
    ]
    return {
        "periods": periods,
        "rows": rows,
        "counts": counts,
        "due": due,
        "page": page,
        "pages": pages,
        "listed": len(listed),
        "units": len(units),
    }


def totals_by_period(session: Session, periods: list[Period]) -> list[dict[str, Any]]:
    """Totals across all units per period (unit totals only), oldest first, with the units that reported.

    A period's totals are cached in the database and recomputed only when a figure of that period arrived
    after they were computed (PeriodArrival.last_at), so the 24-month page reads a few small rows."""
    codes = [p.code for p in periods]
    changed = dict(
        session.execute(
            select(PeriodArrival.period, func.max(PeriodArrival.last_at))
            .where(PeriodArrival.period.in_(codes))
            .group_by(PeriodArrival.period)
        ).all()
    )
    cached = {c.period: c for c in session.scalars(select(TotalsCache).where(TotalsCache.period.in_(codes)))}
    stale = [c for c in codes if c not in cached or (changed.get(c) and changed[c] >= cached[c].computed_at)]
    fresh: dict[str, dict[str, Any]] = {}
    if stale:
        stamp = datetime.now(UTC).replace(tzinfo=None)
        sums: dict[str, dict[str, int]] = {c: {} for c in stale}
        for period, indicator, value in session.execute(
            select(DataValue.period, DataValue.indicator, func.sum(DataValue.value))
            .where(DataValue.period.in_(stale), DataValue.breakdown == "")
            .group_by(DataValue.period, DataValue.indicator)
        ):
            sums[period][indicator] = int(value)
        reported = dict(
            session.execute(
                select(DataValue.period, func.count(func.distinct(DataValue.unit_id)))
                .where(
                    DataValue.period.in_(stale),
                    DataValue.breakdown == "",
                    DataValue.indicator == "received.total",
                )
                .group_by(DataValue.period)
            ).all()
        )
        for c in stale:
            fresh[c] = {"figures": sums[c], "units": int(reported.get(c, 0))}
        _store_cache(session, fresh, stamp)
    out = []
    for p in periods:
        data = fresh.get(p.code) or cached[p.code].data
        out.append({"period": p, "figures": nest(data["figures"]), "units": data["units"]})
    return out


def _store_cache(session: Session, fresh: dict[str, dict[str, Any]], stamp: datetime) -> None:
    """Best effort: a reader that cannot write (or races another) simply recomputes next time."""
    try:
        with session.begin_nested():
            for code, data in fresh.items():
                row = session.get(TotalsCache, code)
                if row is None:
                    session.add(TotalsCache(period=code, computed_at=stamp, data=data))
                else:
                    row.computed_at, row.data = stamp, data
        session.commit()
    except SQLAlchemyError:
        session.rollback()


def ratios(figures: dict[str, dict[str, int]]) -> dict[str, float | None]:
    """On-time resolution (before + on time over resolved) and online share of received in the period; their
    yearly targets are in desk_app.hub.targets."""
    res = figures.get("resolved", {})
    rec = figures.get("received", {})
    resolved = res.get("total", 0)
    in_period = rec.get("online", 0) + rec.get("direct_postal", rec.get("direct", 0))
    on_time = res.get("early", 0) + res.get("on_time", 0)
    return {
        "resolved.on_time_ratio": on_time / resolved if resolved else None,
        "received.online_ratio": rec.get("online", 0) / in_period if in_period else None,
    }
