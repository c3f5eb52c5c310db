"""The trend chart's figures: II.06a totals over the last periods of a kind."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise

from desk_app.domain.periods import Period
from desk_app.services.reports.model import TrendPoint, Value
from desk_app.services.reports.report import count_rows
from desk_app.store.db import Database


def trend(db: Database, last: Period, count: int = 12, now: datetime | None = None) -> list[TrendPoint]:
    """II.06a totals for ``count`` periods of ``last``'s kind ending with it, oldest first.

    Adjacent periods (all kinds but nine months) are counted together in one scan of their span.
    """
    from desk_app.domain.periods import trailing_periods

    moment = (now or datetime.now()).replace(microsecond=0)
    periods = trailing_periods(last, count)
    adjacent = all(a.end + timedelta(days=1) == b.start for a, b in pairwise(periods))
    with db.session() as session:
        if adjacent:
            counted = count_rows(session, "ii06a", periods, "unit", moment)
        else:
            counted = [count_rows(session, "ii06a", [p], "unit", moment)[0] for p in periods]
    points = []
    for period, rows in zip(periods, counted, strict=True):

        def total(code: str, rows: dict[str, dict[str, Value]] = rows) -> int:
            return sum(int(v.get(code) or 0) for v in rows.values())

        points.append(
            TrendPoint(
                period,
                total("received.total"),
                total("resolved.early") + total("resolved.on_time"),
                total("resolved.late"),
            )
        )
    return points
