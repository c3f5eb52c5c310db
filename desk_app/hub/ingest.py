"""Importing a value set: natural-key upserts, an import summary, dryRun, closed periods, replay safety.

One upload is one transaction. The batch row is written first, so a repeated request (a retry after a lost
answer, or a proxy that sends it twice) meets the unique (unit, batch id) and gets the stored summary back
instead of being applied again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from desk_app.domain.errors import ValidationError
from desk_app.domain.periods import parse_period
from desk_app.hub.errors import HubError
from desk_app.hub.models import Batch, ClosedPeriod, DataValue, DossierRecord, PeriodArrival, Unit
from desk_app.hub.schemas import ValueSetIn
from desk_app.hub.units import now

log = logging.getLogger(__name__)

Key = tuple[str, str, str]


class _DryRun(Exception):
    def __init__(self, summary: dict[str, Any]) -> None:
        super().__init__("dry run")
        self.summary = summary


def _check_periods(session: Session, periods: set[str], *, set_closed_aside: bool) -> set[str]:
    """400 for a period badly written; the closed periods among ``periods``: 409 for an upload (the desk
    sends one month a request and keeps the refusal), set aside for a file (``set_closed_aside``: its other
    months are imported and the closed ones listed as conflicts, since a file cannot be answered)."""
    for code in sorted(periods):
        try:
            period = parse_period(code)
        except ValidationError:
            raise HubError(400, f"unknown period {code[:40]!r}") from None
        if period.code != code:
            raise HubError(400, f"period {code!r} must be written {period.code!r}")
    closed = set(session.scalars(select(ClosedPeriod.period).where(ClosedPeriod.period.in_(periods))))
    if closed and not set_closed_aside:
        raise HubError(409, f"period {sorted(closed)[0]} is closed by the hub's staff; nothing was imported")
    return closed


def _apply(
    session: Session,
    unit: Unit,
    body: ValueSetIn,
    *,
    dry_run: bool,
    source: str,
    set_closed_aside: bool = False,
) -> dict[str, Any]:
    stamp = now()
    if not dry_run:
        session.add(
            Batch(unit_id=unit.id, batch_id=body.batch_id, received_at=stamp, source=source, summary={})
        )
        session.flush()  # a concurrent or repeated upload of the same batch stops here (unique key)
    incoming: dict[Key, int] = {}
    for dv in body.data_values:
        incoming[(dv.period, dv.indicator, dv.breakdown)] = dv.value  # within one body, the last wins
    periods = {k[0] for k in incoming} | set(body.complete_periods)
    closed = _check_periods(session, periods, set_closed_aside=set_closed_aside)
    if closed:
        incoming = {k: v for k, v in incoming.items() if k[0] not in closed}
        periods -= closed

    existing: dict[Key, tuple[int, int]] = {}
    if periods:
        rows = session.execute(
            select(
                DataValue.id, DataValue.period, DataValue.indicator, DataValue.breakdown, DataValue.value
            ).where(DataValue.unit_id == unit.id, DataValue.period.in_(periods))
        )
        existing = {(r.period, r.indicator, r.breakdown): (r.id, r.value) for r in rows}
    to_insert, to_update = [], []
    ignored = 0
    for key, value in incoming.items():
        old = existing.get(key)
        if old is None:
            to_insert.append(
                {
                    "unit_id": unit.id,
                    "period": key[0],
                    "indicator": key[1],
                    "breakdown": key[2],
                    "value": value,
                    "updated_at": stamp,
                    "batch_id": body.batch_id,
                }
            )
        elif old[1] != value:
            to_update.append({"id": old[0], "value": value, "updated_at": stamp, "batch_id": body.batch_id})
        else:
            ignored += 1
    complete = set(body.complete_periods) - closed
    stale = [row_id for key, (row_id, _v) in existing.items() if key[0] in complete and key not in incoming]

    dossiers = {d.code: d for d in body.dossiers}  # within one body, the last wins
    codes = list(dossiers)
    known: dict[str, int] = {}
    if codes:
        known = {
            r.code: r.id
            for r in session.execute(
                select(DossierRecord.id, DossierRecord.code).where(
                    DossierRecord.unit_id == unit.id, DossierRecord.code.in_(codes)
                )
            )
        }
    summary: dict[str, Any] = {
        "status": "WARNING" if closed else "SUCCESS",
        "batch_id": body.batch_id,
        "dry_run": dry_run,
        "replayed": False,
        "imported": len(to_insert),
        "updated": len(to_update),
        "ignored": ignored,
        "deleted": len(stale),
        "conflicts": [
            {"period": code, "reason": "closed by the hub's staff: its figures were not imported"}
            for code in sorted(closed)
        ],
        "dossiers_imported": sum(c not in known for c in codes),
        "dossiers_updated": sum(c in known for c in codes),
    }
    if dry_run:
        raise _DryRun(summary)

    if to_insert:
        session.execute(insert(DataValue), to_insert)
    if to_update:
        session.execute(update(DataValue), to_update)
    if stale:
        session.execute(delete(DataValue).where(DataValue.id.in_(stale)))
    dossier_rows = [{**d.model_dump(), "updated_at": stamp} for d in dossiers.values()]
    new_rows = [{"unit_id": unit.id, **r} for r in dossier_rows if r["code"] not in known]
    changed = [{"id": known[r["code"]], **r} for r in dossier_rows if r["code"] in known]
    if new_rows:
        session.execute(insert(DossierRecord), new_rows)
    if changed:
        session.execute(update(DossierRecord), changed)
    _record_arrivals(session, unit.id, periods, stamp)
    session.execute(update(Unit).where(Unit.id == unit.id).values(last_sync=stamp))
    session.execute(
        update(Batch).where(Batch.unit_id == unit.id, Batch.batch_id == body.batch_id).values(summary=summary)
    )
    return summary


def _record_arrivals(session: Session, unit_id: int, periods: set[str], stamp: Any) -> None:
    if not periods:
        return
    rows = {
        a.period: a
        for a in session.scalars(
            select(PeriodArrival).where(PeriodArrival.unit_id == unit_id, PeriodArrival.period.in_(periods))
        )
    }
    for code in periods:
        ended = parse_period(code).end < stamp.date()
        arrival = rows.get(code)
        if arrival is None:
            session.add(
                PeriodArrival(
                    unit_id=unit_id,
                    period=code,
                    first_at=stamp,
                    last_at=stamp,
                    final_at=stamp if ended else None,
                )
            )
        else:
            arrival.last_at = stamp
            if ended and arrival.final_at is None:
                arrival.final_at = stamp


def stored_summary(session: Session, unit_id: int, batch_id: str) -> dict[str, Any] | None:
    batch = session.scalar(select(Batch).where(Batch.unit_id == unit_id, Batch.batch_id == batch_id))
    if batch is None or not batch.summary:
        return None
    return {**batch.summary, "replayed": True}


def import_value_set(
    transaction: Callable[[], Any],
    token_unit_id: int,
    body: ValueSetIn,
    *,
    dry_run: bool = False,
    source: str = "api",
    check: Callable[[Session, Unit], None] | None = None,
) -> dict[str, Any]:
    """Apply ``body`` for the authenticated unit in one transaction (retried on a write race); the summary.

    ``transaction`` is HubDatabase.transaction. 403 when the body names another unit, 409 for a closed period
    (a file's closed months are set aside as conflicts instead), 400 for a bad period. ``check`` runs inside
    the transaction first (the offline file's sequence number).
    """
    last_exc: Exception | None = None
    for _attempt in range(5):
        try:
            with transaction() as session:
                unit = session.get(Unit, token_unit_id)
                if unit is None:
                    raise HubError(401, "unknown token")
                if body.unit != unit.code:
                    raise HubError(403, f"this token belongs to unit {unit.code}, not to {body.unit[:64]}")
                if check is not None:
                    check(session, unit)
                replay = stored_summary(session, unit.id, body.batch_id)
                if replay is not None:
                    return replay
                return _apply(
                    session, unit, body, dry_run=dry_run, source=source, set_closed_aside=source == "file"
                )
        except _DryRun as dry:
            return dry.summary
        except (IntegrityError, OperationalError) as exc:  # a concurrent upload won the race: look again
            last_exc = exc
            log.info("upload race for unit id %s, retrying", token_unit_id)
    raise HubError(503, "the hub is busy; try again") from last_exc
