"""Marking what is to be sent (the outbox), inside the caller's transaction.

A move at moment m changes the figures of the reporting month holding m and, through "carried over" and
"in progress", of every month after it up to the current one; so all of those are marked. The dossier's own
minimal record is marked too. Both are cheap upserts done in the same transaction as the move or intake,
so a crash can never leave a change that the outbox does not know about.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain.periods import Period, period_containing
from desk_app.store.models import Dossier
from desk_app.store.models_sync import SyncDirtyDossier, SyncOutboxItem

MAX_MONTHS_MARKED = 240  # a guard against a wrong year typed into a paper move


def months_between(first: date, last: date) -> list[Period]:
    """The reporting months from the one holding ``first`` to the one holding ``last`` (inclusive)."""
    period = period_containing("month", first)
    end = period_containing("month", last)
    out = [period]
    while out[-1].code != end.code and out[-1].start < end.start and len(out) < MAX_MONTHS_MARKED:
        out.append(out[-1].next())
    return out


def mark_periods(session: Session, periods: list[Period], now: datetime | None = None) -> None:
    stamp = (now or datetime.now()).replace(microsecond=0)
    codes = [p.code for p in periods]
    rows = {
        r.period: r for r in session.scalars(select(SyncOutboxItem).where(SyncOutboxItem.period.in_(codes)))
    }
    for code in codes:
        row = rows.get(code)
        if row is None:
            session.add(
                SyncOutboxItem(
                    period=code,
                    state="to_send",
                    generation=1,
                    sent_generation=0,
                    changed_at=stamp,
                    attempts=0,
                    error="",
                )
            )
        else:
            row.generation += 1
            row.changed_at = stamp
            if row.state != "sending":  # a row in flight stays "sending"; the worker sees the new generation
                row.state = "to_send"
                row.attempts = 0
                row.next_try_at = None


def mark_dossier(session: Session, dossier: Dossier, moment: datetime | None = None) -> None:
    """Mark the figures that ``dossier``'s change at ``moment`` touches, and its minimal record."""
    if dossier.code is None:  # guided only: not a received dossier, counted nowhere upstream
        return
    today = datetime.now()
    # From the month of receipt, not only the move's: a past month's timeliness of a dossier still open at its
    # cut-off is judged with the dossier's supplement pauses, which a later move can change. Conservative, and
    # cheap: most dossiers live a few weeks.
    first = min(moment or today, dossier.received_at or today)
    mark_periods(session, months_between(first.date(), max(today.date(), first.date())))
    if dossier.id is None:
        session.flush()
    row = session.get(SyncDirtyDossier, dossier.id)
    if row is None:
        session.add(SyncDirtyDossier(dossier_id=dossier.id, generation=1))
    else:
        row.generation += 1


def mark_everything(session: Session) -> int:
    """Mark every month that holds data (the first sync to a hub, or to a new hub); the number marked."""
    first = session.scalar(select(func.min(Dossier.received_at)).where(Dossier.code.is_not(None)))
    if first is None:
        return 0
    periods = months_between(first.date(), datetime.now().date())
    mark_periods(session, periods)
    ids = session.scalars(select(Dossier.id).where(Dossier.code.is_not(None))).all()
    known = set(session.scalars(select(SyncDirtyDossier.dossier_id)).all())
    session.add_all(SyncDirtyDossier(dossier_id=i, generation=1) for i in ids if i not in known)
    return len(periods)
