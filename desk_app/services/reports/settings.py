"""Report settings: which period convention the Reports page and `desk-app report` use by default."""

from __future__ import annotations

from desk_app.store import settings
from desk_app.store.db import Database

# False: the §5.2 cut-off windows (15th to 14th); True: plain calendar months, quarters and years.
CALENDAR_PERIODS_KEY = "report_calendar_periods"


def calendar_periods(db: Database) -> bool:
    with db.session() as session:
        return bool(settings.get(session, CALENDAR_PERIODS_KEY))


def set_calendar_periods(db: Database, value: bool) -> None:
    with db.transaction() as session:
        settings.put(session, CALENDAR_PERIODS_KEY, bool(value))
