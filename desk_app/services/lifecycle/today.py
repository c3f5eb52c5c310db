"""The counter's day at a glance (hôm nay): what is due, late, waiting, ready, and received today.

Plain SQL over a read-only DB-API connection (``dossier_query.Reader``), no SQLAlchemy import: the Today page
is the first page after sign-in and paints before SQLAlchemy has loaded. The queue conditions are those of
``services.lifecycle.queues`` (the queues page lists the same dossiers). Each count is one index range.

``extras`` reads the figures other capabilities own (help given at the counter, what waits to be sent to the
hub); one that cannot be read now is None ("no data yet").
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from desk_app.domain.states import CLOCK_RUNNING_STATES

if TYPE_CHECKING:
    from desk_app.services.lifecycle.dossier_query import Conn, Reader
    from desk_app.store.db import Database

log = logging.getLogger(__name__)

_STAMP = "%Y-%m-%dT%H:%M"
_RUNNING_SQL = "state IN (" + ", ".join(f"'{s.value}'" for s in sorted(CLOCK_RUNNING_STATES)) + ")"
_COUNTS_SQL = (
    "SELECT "
    f"(SELECT count(*) FROM dossiers WHERE {_RUNNING_SQL} AND deadline_at >= :now AND deadline_at < :tomorrow), "
    f"(SELECT count(*) FROM dossiers WHERE {_RUNNING_SQL} AND deadline_at < :now), "
    "(SELECT count(*) FROM dossiers WHERE state = 'supplement_requested'), "
    "(SELECT count(*) FROM dossiers WHERE state = 'result_ready'), "
    "(SELECT count(*) FROM dossiers WHERE received_at >= :today AND received_at < :tomorrow"
    " AND created_by = :user), "
    "(SELECT count(*) FROM dossiers WHERE received_at >= :today AND received_at < :tomorrow)"
)


@dataclass(frozen=True)
class TodayCounts:
    """The Today page's figures at one moment."""

    due_today: int
    overdue: int
    waiting_supplement: int
    result_ready: int
    received_by_me: int  # received today by the signed-in clerk
    received_today: int  # received today at every counter

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def counts_in(conn: Conn, user: str, now: datetime | None = None) -> TodayCounts:
    """The figures at ``now`` for ``user`` (the user name that received the dossiers)."""
    now = (now or datetime.now()).replace(second=0, microsecond=0)
    today = datetime.combine(now.date(), time(0, 0))  # as domain.lateness.day_bounds (not imported: it loads
    tomorrow = today + timedelta(days=1)  # the holiday tables, 50 ms before the first paint)
    row = conn.execute(
        _COUNTS_SQL,
        {
            "now": now.strftime(_STAMP),
            "today": today.strftime(_STAMP),
            "tomorrow": tomorrow.strftime(_STAMP),
            "user": user,
        },
    ).fetchone()
    return TodayCounts(*(int(v) for v in row))


def counts(reader: Reader, user: str, now: datetime | None = None) -> TodayCounts:
    """``counts_in`` on one of the reader's read-only connections."""
    with reader.connection() as conn:
        return counts_in(conn, user, now)


def extras(db: Database, day: date | None = None) -> dict[str, int | None]:
    """Figures owned by other capabilities: ``help_given`` today (the citizen-help log) and ``waiting_sync``
    (the outbox); None when one cannot be read now."""
    from desk_app.services.assist import counts as help_counts
    from desk_app.services.sync import worker

    day = day or date.today()
    out: dict[str, int | None] = {"help_given": None, "waiting_sync": None}
    try:
        with db.session() as session:
            out["help_given"] = int(help_counts.help_given(session, day, day))
    except Exception:  # another capability's figure never breaks the page
        log.exception("help given today could not be counted")
    try:
        out["waiting_sync"] = int(worker.status(db).get("pending", 0))
    except Exception:
        log.exception("the sync status could not be read")
    return out
