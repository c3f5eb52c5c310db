"""What the hub reads back: the aggregated II.06a report, the reporting-rate table, trends, one unit.

Indicators are stored as "<group>.<key>" (``received.total``, ``resolved.on_time``, ...) and turned back into
the desk's nested shape {"received": {...}, "resolved": {...}, "in_progress": {...}} here, so the hub's report
has exactly the shape of the desk's own ``report --kind ii06a`` total.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain.calendar import WorkingCalendar
from desk_app.domain.periods import Period, parse_period, trailing_periods
from desk_app.hub.errors import HubError
from desk_app.hub.models import ClosedPeriod, DataValue, PeriodArrival, Target, Unit

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


def report(session: Session, period_code: str) -> dict[str, Any]:
    """The contract of ``desk-hub report --period P --json``."""
    period = period_or_400(period_code)
    units = session.execute(select(Unit.id, Unit.code, Unit.name, Unit.last_sync).order_by(Unit.code)).all()
    flat: dict[int, dict[str, int]] = {}
    for unit_id, indicator, value in session.execute(
        select(DataValue.unit_id, DataValue.indicator, DataValue.value).where(
            DataValue.period == period.code, DataValue.breakdown == ""
        )
    ):
        flat.setdefault(unit_id, {})[indicator] = value
    total: dict[str, dict[str, int]] = {}
    rows = []
    for u in units:
        ii06a = nest(flat[u.id]) if u.id in flat else None
        if ii06a is not None:
            _add(total, ii06a)
        rows.append(
            {
                "code": u.code,
                "name": u.name,
                "last_sync": u.last_sync.isoformat(timespec="seconds") if u.last_sync else None,
                "ii06a": ii06a,
            }
        )
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
    due = due_day(period, working_days)
    if final_at is not None:
        return Arrival("on_time" if final_at.date() <= due else "late", final_at)
    return Arrival("missing" if today > due else "open", None)


def recent_months(today: date, count: int) -> list[Period]:
    """The last ``count`` reporting months that have ended by ``today`` (newest last)."""
    from desk_app.domain.periods import period_containing

    current = period_containing("month", today)
    return trailing_periods(current.previous(), count)


def reporting_rate(session: Session, periods: list[Period], today: date, working_days: int) -> dict[str, Any]:
    """Every unit × period: on time / late / missing (or open before the due day)."""
    codes = [p.code for p in periods]
    finals = {
        (a.unit_id, a.period): a.final_at
        for a in session.execute(
            select(PeriodArrival.unit_id, PeriodArrival.period, PeriodArrival.final_at).where(
                PeriodArrival.period.in_(codes)
            )
        )
    }
    units = session.execute(
        select(Unit.id, Unit.code, Unit.name, Unit.last_sync, Unit.revoked_at).order_by(Unit.code)
    ).all()
    rows = []
    counts = {p.code: {"on_time": 0, "late": 0, "missing": 0, "open": 0} for p in periods}
    for u in units:
        cells = []
        for p in periods:
            a = arrival_status(p, finals.get((u.id, p.code)), today, working_days)
            counts[p.code][a.status] += 1
            cells.append(a)
        rows.append({"code": u.code, "name": u.name, "last_sync": u.last_sync, "cells": cells})
    return {
        "periods": periods,
        "rows": rows,
        "counts": counts,
        "due": {p.code: due_day(p, working_days) for p in periods},
    }


def totals_by_period(session: Session, periods: list[Period]) -> list[dict[str, Any]]:
    """Totals across all units per period (unit totals only), oldest first, with the units that reported."""
    codes = [p.code for p in periods]
    sums: dict[str, dict[str, int]] = {c: {} for c in codes}
    for period, indicator, value in session.execute(
        select(DataValue.period, DataValue.indicator, func.sum(DataValue.value))
        .where(DataValue.period.in_(codes), DataValue.breakdown == "")
        .group_by(DataValue.period, DataValue.indicator)
    ):
        sums[period][indicator] = int(value)
    reported = dict(
        session.execute(
            select(DataValue.period, func.count(func.distinct(DataValue.unit_id)))
            .where(DataValue.period.in_(codes), DataValue.breakdown == "")
            .group_by(DataValue.period)
        ).all()
    )
    return [
        {"period": p, "figures": nest(sums[p.code]), "units": int(reported.get(p.code, 0))} for p in periods
    ]


DEFAULT_TARGETS = {"resolved.on_time_ratio": 0.9, "received.online_ratio": 0.5}


def targets(session: Session) -> dict[str, float]:
    out = dict(DEFAULT_TARGETS)
    out.update({t.indicator: t.ratio for t in session.scalars(select(Target))})
    return out


def ratios(figures: dict[str, dict[str, int]]) -> dict[str, float | None]:
    """On-time resolution (before + on time over resolved) and online share of received in the period."""
    res = figures.get("resolved", {})
    rec = figures.get("received", {})
    resolved = res.get("total", 0)
    in_period = rec.get("online", 0) + rec.get("direct_postal", rec.get("direct", 0))
    on_time = res.get("early", 0) + res.get("on_time", 0)
    return {
        "resolved.on_time_ratio": on_time / resolved if resolved else None,
        "received.online_ratio": rec.get("online", 0) / in_period if in_period else None,
    }
