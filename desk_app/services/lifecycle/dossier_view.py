"""What a dossier looks like to a reader: the ``show`` and ``find`` JSON shapes, its moves, prints and audit.

The shapes are the contract of ``desk-app show CODE --json`` and ``desk-app find TEXT --json``: times are
``YYYY-MM-DDTHH:MM`` text; ``history`` lists the moves oldest first. :func:`summary` is one ``find`` entry
(no history); :func:`view` adds documents, supplements, history, prints and the audit trail.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session, joinedload

from desk_app.domain import dates, wording
from desk_app.domain.calendar import WorkingCalendar
from desk_app.domain.codes import recover_scanned_code
from desk_app.domain.errors import NotFound
from desk_app.domain.lateness import dossier_timeliness, late_for_reporting
from desk_app.domain.postal import EVENT_LABEL_VI as POSTAL_EVENT_LABEL_VI
from desk_app.domain.postal import KIND_LABEL_VI as POSTAL_KIND_LABEL_VI
from desk_app.domain.postal import STATE_LABEL_VI as POSTAL_STATE_LABEL_VI
from desk_app.domain.registers import volume_label
from desk_app.domain.states import NATIONAL_CODE, State, action_label, allowed_actions, state_label
from desk_app.services.lifecycle.letters import letters_of
from desk_app.services.setup.calendar import calendar_from_session
from desk_app.store.db import Database
from desk_app.store.models import AuditEvent, Dossier, DossierEvent
from desk_app.store.models_auth import User
from desk_app.store.models_postal import PostalItem

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
        select(Dossier)
        .options(joinedload(Dossier.applicant), joinedload(Dossier.procedure))
        .where(Dossier.code == key)
    ).first()
    if dossier is None:
        raise NotFound(f"No dossier {key}.", f"Không tìm thấy hồ sơ {key}.")
    return dossier


def _pending_pause_since(dossier: Dossier) -> datetime | None:
    if dossier.state != State.SUPPLEMENT_REQUESTED:
        return None
    open_ = [e for e in dossier.supplements if e.received_at is None and e.stage == "processing"]
    return open_[-1].requested_at if open_ else None


def _moment(text: str | None) -> datetime | None:
    return dates.parse_stored(text) if text else None


def _row(dossier: Dossier) -> dict[str, Any]:
    """A loaded dossier as the flat row :func:`summary_of_row` reads (what the list query returns)."""
    a, p = dossier.applicant, dossier.procedure
    return {
        "id": dossier.id,
        "code": dossier.code,
        "state": dossier.state,
        "received_at": fmt(dossier.received_at),
        "due_at": fmt(dossier.due_at),
        "extended_due_at": fmt(dossier.extended_due_at),
        "deadline_at": fmt(dossier.deadline_at),
        "finished_at": fmt(dossier.finished_at),
        "returned_at": fmt(dossier.returned_at),
        "representative": dossier.representative,
        "channel": dossier.channel,
        "return_via": dossier.return_via,
        "fee_amount": dossier.fee_amount,
        "fee_method": dossier.fee_method,
        "paid_online": dossier.paid_online,
        "set_count": dossier.set_count,
        "supplement_count": dossier.supplement_count,
        "paused_minutes": dossier.paused_minutes,
        "rating": dossier.rating,
        "receiver": dossier.receiver,
        "result_digitized": dossier.result_digitized,
        "p_code": p.code,
        "p_name": p.name,
        "p_version": p.version,
        "p_field": p.field,
        "full_name": a.full_name,
        "id_number": a.id_number,
        "phone": a.phone,
        "address": a.address,
        "email": a.email,
        "birth_date": fmt(a.birth_date),
        "gender": a.gender,
    }


def summary_of_row(
    row: Any, calendar: WorkingCalendar, now: datetime, pending_pause_since: datetime | None = None
) -> dict[str, Any]:
    """One dossier without its history (a ``find`` entry, a queue line) from its flat row.

    ``pending_pause_since``: when the supplement still awaited was requested, so that the timeliness of a
    dossier waiting for a supplement does not count the wait.
    """
    state = State(row["state"])
    supplements = row["supplement_count"] or 0
    paused = row["paused_minutes"] or 0
    timeliness = dossier_timeliness(
        due_at=_moment(row["due_at"]),
        paused_minutes=paused,
        supplement_count=supplements,
        finished_at=_moment(row["finished_at"]),
        now=now,
        calendar=calendar,
        pending_pause_since=pending_pause_since,
    )
    return {
        "code": row["code"],
        "id": row["id"],
        "state": state.value,
        "state_label": state_label(state),
        "national_code": NATIONAL_CODE[state],
        "received_at": row["received_at"],
        "due_at": row["due_at"],
        "extended_due_at": row["extended_due_at"],
        "deadline_at": row["deadline_at"],
        "finished_at": row["finished_at"],
        "returned_at": row["returned_at"],
        "procedure": {
            "code": row["p_code"],
            "name": row["p_name"],
            "version": row["p_version"],
            "field": row["p_field"],
        },
        "applicant": {
            "full_name": row["full_name"],
            "id_number": row["id_number"],
            "phone": row["phone"],
            "address": row["address"],
            "email": row["email"],
            "birth_date": row["birth_date"],
            "gender": row["gender"],
        },
        "representative": _json(row["representative"]),
        "channel": row["channel"],
        "return_via": row["return_via"],
        "fee": {
            "amount": row["fee_amount"],
            "method": row["fee_method"],
            "paid_online": bool(row["paid_online"]),
        },
        "set_count": row["set_count"],
        "supplement_count": supplements,
        "paused_minutes": paused,
        "late_for_reporting": late_for_reporting(supplements),
        "timeliness": timeliness,
        "rating": row["rating"],
        "receiver": _json(row["receiver"]),
        "result_digitized": bool(row["result_digitized"]),
    }


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def summary(
    dossier: Dossier, calendar: WorkingCalendar, now: datetime, *, with_pause: bool = False
) -> dict[str, Any]:
    """:func:`summary_of_row` of a loaded dossier (``with_pause`` reads its supplement episodes)."""
    return summary_of_row(_row(dossier), calendar, now, _pending_pause_since(dossier) if with_pause else None)


def history(dossier: Dossier) -> list[dict[str, Any]]:
    """The moves of the dossier, oldest first (intake's receive/guide/refuse, then the lifecycle's)."""
    out = []
    for e in sorted(dossier.events, key=lambda ev: (ev.at, ev.id)):
        try:
            label = action_label(e.action)
        except ValueError:
            label = {
                "receive": "Tiếp nhận",
                "guide": "Hướng dẫn bổ sung",
                "refuse": "Từ chối",
                **POSTAL_EVENT_LABEL_VI,
            }.get(e.action, e.action)
        out.append(
            {
                "action": e.action,
                "label": label,
                "at": fmt(e.at),
                "state_before": e.state_before,
                "state_after": e.state_after,
                "actor": e.actor,
                "to_whom": e.to_whom,
                "reason": e.reason,
                "data": e.data or {},
            }
        )
    return out


def full_names(session: Session, usernames: set[str]) -> dict[str, str]:
    """username -> the account's full name, for the accounts among ``usernames`` that exist."""
    wanted = {u for u in usernames if u}
    if not wanted:
        return {}
    rows = session.execute(select(User.username, User.full_name).where(User.username.in_(wanted))).all()
    return {u: n for u, n in rows if n}


def audit_trail(session: Session, dossier: Dossier) -> list[dict[str, Any]]:
    """The audit events about this dossier (moves, prints, scans …), oldest first.

    Each carries ``sentence``: the event in Vietnamese with the person's full name (domain.wording).
    """
    rows = list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == "dossier", AuditEvent.entity_id == str(dossier.id))
            .order_by(AuditEvent.id)
        )
    )
    names = full_names(session, {r.actor for r in rows})
    out = []
    for r in rows:
        at = r.at.strftime("%Y-%m-%dT%H:%M:%S")
        detail = r.detail or {}
        who = names.get(r.actor) or r.actor
        out.append(
            {
                "id": r.id,
                "at": at,
                "actor": r.actor,
                "action": r.action,
                "detail": detail,
                "sentence": wording.event_sentence(r.action, who, detail, at),
            }
        )
    return out


def _page_counts(session: Session, document_ids: list[int]) -> dict[int, int]:
    """Scanned pages per document (one grouped query)."""
    if not document_ids:
        return {}
    marks = ", ".join(str(int(i)) for i in document_ids)
    rows = session.execute(
        text(
            f"SELECT document_id, count(*) FROM document_pages WHERE document_id IN ({marks}) GROUP BY document_id"
        )
    )
    return {int(doc): int(n) for doc, n in rows}


def view(
    session: Session,
    dossier: Dossier,
    *,
    calendar: WorkingCalendar | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The full ``show`` shape of a loaded dossier."""
    calendar = calendar or calendar_from_session(session)
    now = now or datetime.now()
    data = summary(dossier, calendar, now, with_pause=True)
    trail = audit_trail(session, dossier)
    # A print that did not come out (services.lifecycle.prints.print_failed) is not listed as a print.
    failed_prints = {t["detail"].get("print") for t in trail if t["action"] == "print-failed"}
    pages = _page_counts(session, [d.id for d in dossier.documents])
    moves = history(dossier)
    names = full_names(session, {m["actor"] for m in moves} | {t["actor"] for t in trail})
    for m in moves:
        m["actor_name"] = names.get(m["actor"]) or m["actor"]
    data.update(
        documents=[
            {
                "position": d.position,
                "name": d.name,
                "kind": d.kind,
                "quantity": d.quantity,
                "received": d.received,
                "required": d.required,
                "digitization": d.digitization,
                "pages": pages.get(d.id, 0),  # scripts and the digitisation page rely on it
            }
            for d in dossier.documents
        ],
        supplements=[
            {
                "stage": s.stage,
                "requested_at": fmt(s.requested_at),
                "received_at": fmt(s.received_at),
                "items": list(s.items or []),
                "reason": s.reason,
            }
            for s in dossier.supplements
        ],
        register=(
            {
                "volume": volume_label(dossier.book_number or 1, dossier.received_at.year),
                "seq": dossier.book_seq,
            }
            if dossier.book_seq is not None
            else None
        ),
        form_set=dossier.form_set,
        letters=letters_of(session, dossier),
        note=dossier.note,
        allowed_actions=[a.value for a in allowed_actions(dossier.state)],
        history=moves,
        prints=[
            {
                "form": t["detail"].get("form"),
                "at": t["at"],
                "actor": t["actor"],
                "actor_name": names.get(t["actor"]) or t["actor"],
                "reprint": bool(t["detail"].get("reprint")),
                "count": t["detail"].get("count", 0),
            }
            for t in trail
            if t["action"] == "print" and t["id"] not in failed_prints
        ],
        audit=trail,
        postal=postal_items(session, dossier),
    )
    return data


def postal_items(session: Session, dossier: Dossier) -> list[dict[str, Any]]:
    """The postal items that carried this dossier or its result (services.postal), oldest first."""
    rows = session.scalars(
        select(PostalItem).where(PostalItem.dossier_id == dossier.id).order_by(PostalItem.id)
    )
    return [
        {
            "number": r.number,
            "number_kind": r.number_kind,
            "kind": r.kind,
            "kind_label": POSTAL_KIND_LABEL_VI.get(r.kind, r.kind),
            "state": r.state,
            "state_label": POSTAL_STATE_LABEL_VI.get(r.state, r.state),
            "handed_at": fmt(r.handed_at),
            "delivered_at": fmt(r.delivered_at),
            "fee": r.fee,
            "payer": r.payer,
            "reason": r.reason,
        }
        for r in rows
    ]


def show(db: Database, code: str, *, now: datetime | None = None) -> dict[str, Any]:
    """``desk-app show CODE``: the dossier with its state, due dates, documents, supplements and history."""
    with db.session() as session:
        dossier = get_dossier(session, code)
        return view(session, dossier, now=now)


_LIST_SQL = text(
    "SELECT d.id, d.code, d.state, d.received_at, d.due_at, d.extended_due_at, d.deadline_at, d.finished_at, "
    "d.returned_at, d.representative, d.channel, d.return_via, d.fee_amount, d.fee_method, d.paid_online, "
    "d.set_count, d.supplement_count, d.paused_minutes, d.rating, d.receiver, d.result_digitized, "
    "p.code AS p_code, p.name AS p_name, p.version AS p_version, p.field AS p_field, a.full_name, a.id_number, "
    "a.phone, a.address, a.email, a.birth_date, a.gender "
    "FROM dossiers d JOIN applicants a ON a.id = d.applicant_id JOIN procedures p ON p.id = d.procedure_id "
    "WHERE d.id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_PENDING_SQL = text(
    "SELECT dossier_id, max(requested_at) FROM supplement_episodes "
    "WHERE dossier_id IN :ids AND received_at IS NULL AND stage = 'processing' GROUP BY dossier_id"
).bindparams(bindparam("ids", expanding=True))


def summaries(
    session: Session,
    ids: Sequence[int],
    *,
    now: datetime | None = None,
    calendar: WorkingCalendar | None = None,
) -> list[dict[str, Any]]:
    """:func:`summary_of_row` of many dossiers, in the order of ``ids``.

    Plain SQL over the stored text: a list shows the stored ``YYYY-MM-DDTHH:MM`` as it is, and skipping the
    ORM's row objects and time conversions keeps a page of results to a few milliseconds.
    """
    if not ids:
        return []
    calendar = calendar or calendar_from_session(session)
    now = now or datetime.now()
    wanted = list(ids)
    rows = {r["id"]: r for r in session.execute(_LIST_SQL, {"ids": wanted}).mappings()}
    waiting = [i for i, r in rows.items() if r["state"] == State.SUPPLEMENT_REQUESTED]
    pending: dict[int, str] = {}
    if waiting:
        pending = {int(r[0]): str(r[1]) for r in session.execute(_PENDING_SQL, {"ids": waiting})}
    return [summary_of_row(rows[i], calendar, now, _moment(pending.get(i))) for i in wanted if i in rows]


def last_move_at(session: Session, dossier: Dossier) -> datetime | None:
    """When the latest recorded move of the dossier happened."""
    return session.scalars(
        select(DossierEvent.at)
        .where(DossierEvent.dossier_id == dossier.id)
        .order_by(DossierEvent.at.desc(), DossierEvent.id.desc())
        .limit(1)
    ).first()


def find(db: Database, query: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """``desk-app find TEXT``: the matching dossiers (the ``show`` shape without history), newest first."""
    from desk_app.services.lifecycle.search import search_ids

    with db.session() as session:
        return summaries(session, search_ids(session, query, limit=limit))
