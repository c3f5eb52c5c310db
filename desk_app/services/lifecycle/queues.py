"""The work queues of the counter (hàng đợi): counts for the navigation, lists for the pages, warnings.

- ``due_today``: the clock runs, no result yet, the due moment in force is later today;
- ``due_soon``: the same, due after today and within the ``due_soon_working_days`` setting (working days);
- ``overdue``: the same, past the due moment in force;
- ``waiting_supplement``: waiting for the applicant's supplement (the clock is paused);
- ``result_ready``: a result waits to be handed over;
- ``returned_today``: results handed over today.

"The due moment in force" is ``dossiers.deadline_at`` (the appointment, or the extension, moved by supplement
pauses), so every queue is an index range: ``(state, deadline_at)`` and ``returned_at``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, select, text
from sqlalchemy.orm import Session

from desk_app.domain import dates
from desk_app.domain.calendar import WorkingCalendar
from desk_app.domain.errors import ValidationError
from desk_app.domain.lateness import day_bounds, due_status, soon_horizon
from desk_app.domain.states import CLOCK_RUNNING_STATES, State
from desk_app.services.lifecycle.dossier_view import summaries
from desk_app.services.setup.calendar import calendar_from_session
from desk_app.store import settings
from desk_app.store.db import Database
from desk_app.store.models import Dossier

QUEUES = ("due_today", "due_soon", "overdue", "waiting_supplement", "result_ready", "returned_today")
QUEUE_LABEL_EN = {
    "due_today": "Due today",
    "due_soon": "Due soon",
    "overdue": "Overdue",
    "waiting_supplement": "Waiting for a supplement",
    "result_ready": "Result ready to return",
    "returned_today": "Returned today",
}
QUEUE_LABEL_VI = {
    "due_today": "Đến hạn hôm nay",
    "due_soon": "Sắp đến hạn",
    "overdue": "Quá hạn",
    "waiting_supplement": "Chờ bổ sung",
    "result_ready": "Có kết quả, chờ trả",
    "returned_today": "Đã trả hôm nay",
}
_RUNNING = sorted(s.value for s in CLOCK_RUNNING_STATES)


@dataclass(frozen=True)
class Window:
    """The moments the queues are cut at, for one ``now``."""

    now: datetime
    today: datetime
    tomorrow: datetime
    horizon: datetime  # end of the "due soon" window
    soon_days: int


def window(session: Session, now: datetime | None = None, calendar: WorkingCalendar | None = None) -> Window:
    now = (now or datetime.now()).replace(second=0, microsecond=0)
    calendar = calendar or calendar_from_session(session)
    days = int(settings.get(session, "due_soon_working_days") or 0)
    today, tomorrow = day_bounds(now.date())
    return Window(now, today, tomorrow, max(soon_horizon(now, calendar, days), tomorrow), days)


def _where(name: str, w: Window) -> ColumnElement[bool]:
    running = Dossier.state.in_(_RUNNING)
    if name == "overdue":
        return and_(running, Dossier.deadline_at < w.now)
    if name == "due_today":
        return and_(running, Dossier.deadline_at >= w.now, Dossier.deadline_at < w.tomorrow)
    if name == "due_soon":
        return and_(running, Dossier.deadline_at >= w.tomorrow, Dossier.deadline_at < w.horizon)
    if name == "waiting_supplement":
        return Dossier.state == State.SUPPLEMENT_REQUESTED.value
    if name == "result_ready":
        return Dossier.state == State.RESULT_READY.value
    if name == "returned_today":
        return and_(Dossier.returned_at >= w.today, Dossier.returned_at < w.tomorrow)
    raise ValidationError(
        f"Unknown queue {name!r} (one of: {', '.join(QUEUES)}).", "Hàng đợi không hợp lệ.", field="queue"
    )


_ORDER = {
    "overdue": (Dossier.deadline_at, Dossier.id),
    "due_today": (Dossier.deadline_at, Dossier.id),
    "due_soon": (Dossier.deadline_at, Dossier.id),
    "waiting_supplement": (Dossier.id,),
    "result_ready": (Dossier.finished_at, Dossier.id),
    "returned_today": (Dossier.returned_at.desc(), Dossier.id.desc()),
}


_RUNNING_SQL = "state IN (" + ", ".join(f"'{s}'" for s in _RUNNING) + ")"  # enum values, not user input
# The six counts in one statement: each sub-select is one index range (see the module docstring).
_COUNTS_SQL = text(
    "SELECT "
    f"(SELECT count(*) FROM dossiers WHERE {_RUNNING_SQL} AND deadline_at >= :now AND deadline_at < :tomorrow), "
    f"(SELECT count(*) FROM dossiers WHERE {_RUNNING_SQL} AND deadline_at >= :tomorrow AND deadline_at < :horizon), "
    f"(SELECT count(*) FROM dossiers WHERE {_RUNNING_SQL} AND deadline_at < :now), "
    "(SELECT count(*) FROM dossiers WHERE state = 'supplement_requested'), "
    "(SELECT count(*) FROM dossiers WHERE state = 'result_ready'), "
    "(SELECT count(*) FROM dossiers WHERE returned_at >= :today AND returned_at < :tomorrow)"
)


def counts_in(session: Session, w: Window) -> dict[str, int]:
    """The queue counts at ``w`` (the same conditions as :func:`list_queue`, written out in SQL)."""
    stamp = "%Y-%m-%dT%H:%M"
    row = session.execute(
        _COUNTS_SQL,
        {
            "now": w.now.strftime(stamp),
            "today": w.today.strftime(stamp),
            "tomorrow": w.tomorrow.strftime(stamp),
            "horizon": w.horizon.strftime(stamp),
        },
    ).one()
    return {name: int(value) for name, value in zip(QUEUES, row, strict=True)}


def counts(db: Database, now: datetime | None = None) -> dict[str, int]:
    """How many dossiers each queue holds now (the navigation's badges)."""
    with db.session() as session:
        return counts_in(session, window(session, now))


def list_queue(
    db: Database, name: str, now: datetime | None = None, *, limit: int = 200, offset: int = 0
) -> list[dict[str, Any]]:
    """The dossiers of one queue (``find`` shape), most urgent first."""
    with db.session() as session:
        calendar = calendar_from_session(session)
        w = window(session, now, calendar)
        ids = list(
            session.scalars(
                select(Dossier.id).where(_where(name, w)).order_by(*_ORDER[name]).limit(limit).offset(offset)
            )
        )
        return summaries(session, ids, now=w.now, calendar=calendar)


def warnings(db: Database, now: datetime | None = None, *, limit: int = 200) -> list[dict[str, Any]]:
    """Dossiers without a result that fall due within the ``due_soon_working_days`` window (today
    included), soonest first; each carries ``due_status`` (due_today / due_soon). Overdue ones are the
    ``overdue`` queue.

    The GUI shows these without being asked: the apology (Mẫu 04) must go out before the due date.
    """
    with db.session() as session:
        calendar = calendar_from_session(session)
        w = window(session, now, calendar)
        ids = list(
            session.scalars(
                select(Dossier.id)
                .where(
                    Dossier.state.in_(_RUNNING), Dossier.deadline_at >= w.now, Dossier.deadline_at < w.horizon
                )
                .order_by(Dossier.deadline_at, Dossier.id)
                .limit(limit)
            )
        )
        out = summaries(session, ids, now=w.now, calendar=calendar)
    for item in out:
        deadline = dates.parse_stored(item["deadline_at"]) if item["deadline_at"] else None
        item["due_status"] = due_status(deadline, w.now, calendar, w.soon_days)
    return out
