"""The hub's read side in-process: reporting-rate pages and filter, the totals cache follows new uploads."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

from desk_app.hub.db import HubDatabase, upgrade
from desk_app.hub.ingest import import_value_set
from desk_app.hub.reporting import recent_months, reporting_rate, totals_by_period
from desk_app.hub.schemas import ValueSetIn
from desk_app.hub.units import add_unit


def _upload(db: HubDatabase, unit_id: int, code: str, period: str, received: int) -> None:
    body = ValueSetIn(
        batch_id=uuid.uuid4().hex,
        unit=code,
        data_values=[{"period": period, "indicator": "received.total", "value": received}],
    )
    import_value_set(db.transaction, unit_id, body)


def test_rate_pages_filter_and_totals_cache(tmp_path: Path) -> None:
    """Units are paged; "problems only" lists the units missing a due period; totals follow a new upload."""
    db = HubDatabase(f"sqlite:///{tmp_path / 'h.sqlite3'}")
    upgrade(db.engine)
    with db.transaction() as s:
        for code in ("A", "B", "C"):
            add_unit(s, code, f"Xã {code}")
    last = recent_months(date.today(), 1)[0]
    _upload(db, 1, "A", last.code, 5)  # A sent after the period ended (late or on time); B and C did not
    later = date.today() + timedelta(days=400)  # far past the due day: no period is "open"
    with db.session() as s:
        page1 = reporting_rate(s, [last], later, 2, page_size=2)
        page2 = reporting_rate(s, [last], later, 2, page=2, page_size=2)
        problems = reporting_rate(s, [last], later, 2, problems_only=True)
    assert (page1["pages"], [r["code"] for r in page1["rows"]], [r["code"] for r in page2["rows"]]) == (
        2,
        ["A", "B"],
        ["C"],
    )
    counts = page1["counts"][last.code]
    assert counts["missing"] == 2 and counts["on_time"] + counts["late"] == 1
    assert [r["code"] for r in problems["rows"]][-2:] == ["B", "C"]
    assert page1["rows"][1]["cells"][0].status == "missing"

    with db.session() as s:
        first = totals_by_period(s, [last])[0]
    assert first["figures"] == {"received": {"total": 5}} and first["units"] == 1
    _upload(db, 2, "B", last.code, 7)
    with db.session() as s:
        again = totals_by_period(s, [last])[0]
    assert again["figures"] == {"received": {"total": 12}} and again["units"] == 2
    db.close()
