"""What a dossier looks like to a reader: the ``show`` and ``find`` JSON shapes, its moves, prints and audit.

The shapes are the contract of ``desk-app show CODE --json`` and ``desk-app find TEXT --json``: times are
``YYYY-MM-DDTHH:MM`` text; ``history`` lists the moves oldest first. :func:`summary` is one ``find`` entry
(no history); :func:`view` adds documents, supplements, history, prints and the audit trail.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from desk_app.domain.calendar import WorkingCalendar
from desk_app.domain.codes import recover_scanned_code
from desk_app.domain.errors import NotFound
from desk_app.domain.lateness import dossier_timeliness, late_for_reporting
from desk_app.domain.states import NATIONAL_CODE, State, action_label, allowed_actions, state_label
from desk_app.services.calendar import calendar_from_session
from desk_app.store.db import Database
from desk_app.store.models import AuditEvent, Dossier, DossierEvent

TIME_FORMAT = "%Y-%m-%dT%H:%M"


def fmt(moment: datetime | date | None) -> str | None:
    """``YYYY-MM-DDTHH:MM`` (a date: ``YYYY-MM-DD``), or None."""
    if moment is None:
        return None
    if isinstance(moment, datetime):
        return moment.strftime(TIME_FORMAT)
    return moment.isoformat()


def normalise_code(text: str) -> str:
    """A dossier code as stored (upper case), also from a scan rewritten by a Vietnamese input method."""
    return recover_scanned_code(text) or text.strip().upper()


def get_dossier(session: Session, code: str) -> Dossier:
    """The dossier with ``code`` (scanned or typed), or NotFound."""
    key = normalise_code(code)
    dossier = session.scalars(
        select(Dossier).options(joinedload(Dossier.applicant), joinedload(Dossier.procedure)).where(Dossier.code == key)
    ).first()
    if dossier is None:
        raise NotFound(f"No dossier {key}.", f"Không tìm thấy hồ sơ {key}.")
    return dossier


def _pending_pause_since(dossier: Dossier) -> datetime | None:
    if dossier.state != State.SUPPLEMENT_REQUESTED:
        return None
    open_ = [e for e in dossier.supplements if e.received_at is None and e.stage == "processing"]
    return open_[-1].requested_at if open_ else None


def summary(dossier: Dossier, calendar: WorkingCalendar, now: datetime, *, with_pause: bool = False) -> dict[str, Any]:
    """One dossier without its history (a ``find`` entry, a queue line).

    ``with_pause`` reads the open supplement episode (one more query) so that the timeliness of a dossier
    waiting for a supplement does not count the wait.
    """
    a, p = dossier.applicant, dossier.procedure
    state = State(dossier.state)
    timeliness = dossier_timeliness(
        due_at=dossier.due_at, paused_minutes=dossier.paused_minutes or 0,
        supplement_count=dossier.supplement_count or 0, finished_at=dossier.finished_at, now=now,
        calendar=calendar, pending_pause_since=_pending_pause_since(dossier) if with_pause else None,
    )
    return {
        "code": dossier.code,
        "id": dossier.id,
        "state": state.value,
        "state_label": state_label(state),
        "national_code": NATIONAL_CODE[state],
        "received_at": fmt(dossier.received_at),
        "due_at": fmt(dossier.due_at),
        "extended_due_at": fmt(dossier.extended_due_at),
        "deadline_at": fmt(dossier.deadline_at),
        "finished_at": fmt(dossier.finished_at),
        "returned_at": fmt(dossier.returned_at),
        "procedure": {"code": p.code, "name": p.name, "version": p.version, "field": p.field},
        "applicant": {
            "full_name": a.full_name, "id_number": a.id_number, "phone": a.phone, "address": a.address,
            "email": a.email, "birth_date": fmt(a.birth_date), "gender": a.gender,
        },
        "representative": dossier.representative,
        "channel": dossier.channel,
        "return_via": dossier.return_via,
        "fee": {"amount": dossier.fee_amount, "method": dossier.fee_method, "paid_online": dossier.paid_online},
        "set_count": dossier.set_count,
        "supplement_count": dossier.supplement_count or 0,
        "paused_minutes": dossier.paused_minutes or 0,
        "late_for_reporting": late_for_reporting(dossier.supplement_count or 0),
        "timeliness": timeliness,
        "rating": dossier.rating,
        "receiver": dossier.receiver,
        "result_digitized": dossier.result_digitized,
    }


def history(dossier: Dossier) -> list[dict[str, Any]]:
    """The moves of the dossier, oldest first (intake's receive/guide/refuse, then the lifecycle's)."""
    out = []
    for e in sorted(dossier.events, key=lambda ev: (ev.at, ev.id)):
        try:
            label = action_label(e.action)
        except ValueError:
            label = {"receive": "Tiếp nhận", "guide": "Hướng dẫn bổ sung", "refuse": "Từ chối"}.get(e.action, e.action)
        out.append({
            "action": e.action, "label": label, "at": fmt(e.at), "state_before": e.state_before,
            "state_after": e.state_after, "actor": e.actor, "to_whom": e.to_whom, "reason": e.reason,
            "data": e.data or {},
        })
    return out


def audit_trail(session: Session, dossier: Dossier) -> list[dict[str, Any]]:
    """The audit events about this dossier (moves, prints, scans …), oldest first."""
    rows = session.scalars(
        select(AuditEvent).where(AuditEvent.entity == "dossier", AuditEvent.entity_id == str(dossier.id))
        .order_by(AuditEvent.id)
    )
    return [
        {"id": r.id, "at": r.at.strftime("%Y-%m-%dT%H:%M:%S"), "actor": r.actor, "action": r.action,
         "detail": r.detail or {}}
        for r in rows
    ]


def view(session: Session, dossier: Dossier, *, calendar: WorkingCalendar | None = None,
         now: datetime | None = None) -> dict[str, Any]:
    """The full ``show`` shape of a loaded dossier."""
    calendar = calendar or calendar_from_session(session)
    now = now or datetime.now()
    data = summary(dossier, calendar, now, with_pause=True)
    trail = audit_trail(session, dossier)
    data.update(
        documents=[
            {"position": d.position, "name": d.name, "kind": d.kind, "quantity": d.quantity, "received": d.received,
             "required": d.required, "digitization": d.digitization}
            for d in dossier.documents
        ],
        supplements=[
            {"stage": s.stage, "requested_at": fmt(s.requested_at), "received_at": fmt(s.received_at),
             "items": list(s.items or []), "reason": s.reason}
            for s in dossier.supplements
        ],
        note=dossier.note,
        allowed_actions=[a.value for a in allowed_actions(dossier.state)],
        history=history(dossier),
        prints=[
            {"form": t["detail"].get("form"), "at": t["at"], "actor": t["actor"],
             "reprint": bool(t["detail"].get("reprint")), "count": t["detail"].get("count", 0)}
            for t in trail if t["action"] == "print"
        ],
        audit=trail,
    )
    return data


def show(db: Database, code: str, *, now: datetime | None = None) -> dict[str, Any]:
    """``desk-app show CODE``: the dossier with its state, due dates, documents, supplements and history."""
    with db.session() as session:
        dossier = get_dossier(session, code)
        return view(session, dossier, now=now)


def summaries(session: Session, ids: Sequence[int], *, now: datetime | None = None,
              calendar: WorkingCalendar | None = None) -> list[dict[str, Any]]:
    """:func:`summary` of many dossiers in one query, in the order of ``ids``."""
    if not ids:
        return []
    calendar = calendar or calendar_from_session(session)
    now = now or datetime.now()
    rows = session.scalars(
        select(Dossier)
        .options(joinedload(Dossier.applicant), joinedload(Dossier.procedure), selectinload(Dossier.supplements))
        .where(Dossier.id.in_(list(ids)))
    ).unique()
    by_id = {d.id: d for d in rows}
    return [summary(by_id[i], calendar, now, with_pause=True) for i in ids if i in by_id]


def last_move_at(session: Session, dossier: Dossier) -> datetime | None:
    """When the latest recorded move of the dossier happened."""
    return session.scalars(
        select(DossierEvent.at).where(DossierEvent.dossier_id == dossier.id)
        .order_by(DossierEvent.at.desc(), DossierEvent.id.desc()).limit(1)
    ).first()


def find(db: Database, query: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """``desk-app find TEXT``: the matching dossiers (the ``show`` shape without history), newest first."""
    from desk_app.services.search import search_ids

    with db.session() as session:
        return summaries(session, search_ids(session, query, limit=limit))
