"""Counts of the help given and the feedback received, for the counter's report.

``help_given`` is the figure the reports work calls; the rest break it down by kind, outcome and officer.
Dates are inclusive and compare the moment the help was given (``HelpEntry.at``), not when it was typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.store.models_assist import Feedback, HelpEntry


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, time()), datetime.combine(end + timedelta(days=1), time())


def help_given(session: Session, start: date, end: date) -> int:
    """How many helps were given from ``start`` to ``end`` (both days included)."""
    low, high = _bounds(start, end)
    count = session.scalar(
        select(func.count()).select_from(HelpEntry).where(HelpEntry.at >= low, HelpEntry.at < high)
    )
    return int(count or 0)


@dataclass
class HelpCounts:
    """Helps of a period broken down (the counter's report)."""

    start: date
    end: date
    total: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_outcome: dict[str, int] = field(default_factory=dict)
    by_staff: dict[str, int] = field(default_factory=dict)
    by_reason: dict[str, int] = field(default_factory=dict)
    people: int = 0  # distinct citizens known by their hashed ID
    repeat_people: int = 0  # of whom came more than once in the period
    online_dossiers: int = 0  # online dossiers filed with help
    reached_level2_before: int = 0  # helps where the citizen already had level 2

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "total": self.total,
            "by_kind": self.by_kind,
            "by_outcome": self.by_outcome,
            "by_staff": self.by_staff,
            "by_reason": self.by_reason,
            "people": self.people,
            "repeat_people": self.repeat_people,
            "online_dossiers": self.online_dossiers,
            "had_level2": self.reached_level2_before,
        }


def help_counts(session: Session, start: date, end: date) -> HelpCounts:
    """The helps of the period counted by kind, outcome, officer and reason (one query per breakdown)."""
    low, high = _bounds(start, end)
    in_period = (HelpEntry.at >= low, HelpEntry.at < high)
    result = HelpCounts(start, end, total=help_given(session, start, end))
    for column, target in (
        (HelpEntry.kind, result.by_kind),
        (HelpEntry.outcome, result.by_outcome),
        (HelpEntry.staff, result.by_staff),
    ):
        for key, n in session.execute(select(column, func.count()).where(*in_period).group_by(column)):
            target[str(key)] = int(n)
    for key, n in session.execute(
        select(HelpEntry.reason, func.count())
        .where(*in_period, HelpEntry.reason != "")
        .group_by(HelpEntry.reason)
    ):
        result.by_reason[str(key)] = int(n)
    visits = session.execute(
        select(HelpEntry.id_hash, func.count())
        .where(*in_period, HelpEntry.id_hash != "")
        .group_by(HelpEntry.id_hash)
    ).all()
    result.people = len(visits)
    result.repeat_people = sum(1 for _h, n in visits if n > 1)
    result.online_dossiers = int(
        session.scalar(
            select(func.count()).select_from(HelpEntry).where(*in_period, HelpEntry.dossier_id.is_not(None))
        )
        or 0
    )
    result.reached_level2_before = int(
        session.scalar(
            select(func.count()).select_from(HelpEntry).where(*in_period, HelpEntry.had_level2.is_(True))
        )
        or 0
    )
    return result


def feedback_counts(session: Session, start: date, end: date, *, today: date | None = None) -> dict[str, int]:
    """Feedback received in the period, answered, still open, and open past its time limit (today)."""
    low, high = _bounds(start, end)
    in_period = (Feedback.received_at >= low, Feedback.received_at < high)
    received = session.scalar(select(func.count()).select_from(Feedback).where(*in_period)) or 0
    answered = (
        session.scalar(
            select(func.count()).select_from(Feedback).where(*in_period, Feedback.status == "answered")
        )
        or 0
    )
    overdue = (
        session.scalar(
            select(func.count())
            .select_from(Feedback)
            .where(*in_period, Feedback.status != "answered", Feedback.due_on < (today or date.today()))
        )
        or 0
    )
    return {
        "received": int(received),
        "answered": int(answered),
        "open": int(received) - int(answered),
        "overdue": int(overdue),
    }
