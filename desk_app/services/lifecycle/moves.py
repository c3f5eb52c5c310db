"""Moving a dossier through its life (quá trình giải quyết hồ sơ): one call, one transaction, one audit event.

:func:`act` checks the move against ``domain.states.TRANSITIONS`` and the move's own rules, then writes the
dossier's new fields, a DossierEvent (state before/after, reason, to whom, data) and an audit event
``dossier.<action>``, all in one transaction. A refused move raises MoveRefused (or ValidationError for a
missing reason, a bad date …) and writes nothing.

Field effects: result-ready / stop / refuse set ``finished_at``; return sets ``returned_at``, the receiver
``{name, id_number, relation}``, the rating and the return channel; request-supplement opens a
SupplementEpisode and counts it (a second request marks the dossier late for reporting, QĐ 766);
supplement-received closes it, adds its office time to ``paused_minutes`` and moves ``deadline_at`` later by
as much; extend (Mẫu 04, once, before the due date) sets ``extended_due_at`` and ``deadline_at`` and never
touches ``due_at``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from desk_app.domain import dates
from desk_app.domain.calendar import WorkingCalendar
from desk_app.domain.errors import ValidationError
from desk_app.domain.identity import mask_id
from desk_app.domain.lateness import check_extension, late_for_reporting, pause_minutes, shift_due
from desk_app.domain.states import FINISHING_ACTIONS, Action, State, next_state, parse_action
from desk_app.domain.text import ascii_digits, clean_line, fold
from desk_app.services.lifecycle.dossier_view import fmt, get_dossier, last_move_at
from desk_app.services.setup.calendar import calendar_from_session
from desk_app.services.sync.outbox import mark_dossier
from desk_app.store import audit
from desk_app.store.db import Database
from desk_app.store.models import Dossier, DossierEvent, SupplementEpisode

RATINGS = ("satisfied", "neutral", "dissatisfied")
RETURN_CHANNELS = ("counter", "postal", "online")
RELATIONS = ("self", "authorised")
_ID = re.compile(r"^(?:[0-9]{9}|[0-9]{12})$")
# Moves that must say why (the reason is printed on the form or kept for the control sheet).
_REASON_REQUIRED = {
    Action.REFUSE: ("Give the reason for the refusal.", "Cần ghi rõ lý do từ chối."),
    Action.WITHDRAW: ("Record the applicant's withdrawal request.", "Cần ghi nội dung đề nghị rút hồ sơ."),
    Action.STOP: ("Give the reason for stopping.", "Cần ghi rõ lý do dừng giải quyết."),
    Action.EXTEND: ("Give the reason for the delay.", "Cần ghi lý do chậm trả kết quả."),
}


def _moment(at: datetime | None, dossier: Dossier, last: datetime | None) -> datetime:
    moment = (at or datetime.now()).replace(second=0, microsecond=0)
    dates.check_move(moment, datetime.now())  # a move in 9999 would block every later move
    if moment < dossier.received_at:
        raise ValidationError(
            f"The move cannot be before the dossier was received ({fmt(dossier.received_at)}).",
            f"Thời điểm thao tác không được trước lúc tiếp nhận hồ sơ ({dossier.received_at:%H:%M %d/%m/%Y}).",
            field="at",
        )
    if last is not None and moment < last:
        raise ValidationError(
            f"The move cannot be before the previous one ({fmt(last)}).",
            f"Thời điểm thao tác không được trước thao tác trước đó ({last:%H:%M %d/%m/%Y}).",
            field="at",
        )
    return moment


def _new_due(value: datetime | date | None, dossier: Dossier) -> datetime | None:
    """A date alone keeps the appointment's time of day (slips keep the time: domain.md §7.4)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        due = value.replace(second=0, microsecond=0)
    else:
        base = dossier.due_at or dossier.received_at
        due = datetime.combine(value, base.time())
    return dates.check_due(due, dossier.received_at, field="new_due")


def _receiver(dossier: Dossier, receiver: dict[str, Any] | None, channel: str) -> dict[str, str]:
    applicant = dossier.applicant
    given = receiver or {}
    name = clean_line(str(given.get("name") or given.get("full_name") or ""))
    id_number = re.sub(r"[\s.\-]", "", ascii_digits(str(given.get("id_number") or "")))
    if not name:
        name, id_number = applicant.full_name, id_number or applicant.id_number
    relation = clean_line(str(given.get("relation") or "")).lower()
    if not relation:
        relation = "self" if fold(name) == fold(applicant.full_name) else "authorised"
    if relation not in RELATIONS:
        raise ValidationError(
            f"Relation must be one of {', '.join(RELATIONS)}.",
            "Quan hệ người nhận không hợp lệ.",
            field="receiver.relation",
        )
    if id_number and not _ID.match(id_number):
        raise ValidationError(
            "The receiver's ID number must have 9 or 12 digits.",
            "Số giấy tờ tùy thân của người nhận phải có 9 hoặc 12 chữ số.",
            field="receiver.id_number",
        )
    if channel == "counter" and relation != "self" and not id_number:
        raise ValidationError(
            "An authorised person collecting the result must show an ID: record its number.",
            "Người được ủy quyền nhận kết quả phải xuất trình giấy tờ tùy thân: hãy nhập số giấy tờ.",
            field="receiver.id_number",
        )
    return {"name": name, "id_number": id_number, "relation": relation}


def _close_episode(
    session: Session, dossier: Dossier, at: datetime, calendar: WorkingCalendar
) -> dict[str, Any]:
    episode = next(
        (e for e in reversed(dossier.supplements) if e.received_at is None and e.stage == "processing"), None
    )
    minutes = 0
    if episode is not None:
        episode.received_at = at
        minutes = pause_minutes(episode.requested_at, at, calendar)
    dossier.paused_minutes = (dossier.paused_minutes or 0) + minutes
    deadline = dossier.deadline_at or dossier.extended_due_at or dossier.due_at
    if deadline is not None:
        dossier.deadline_at = shift_due(deadline, minutes, calendar)
    return {
        "paused_minutes": minutes,
        "total_paused_minutes": dossier.paused_minutes,
        "deadline_at": fmt(dossier.deadline_at),
    }


def _apply(
    session: Session,
    dossier: Dossier,
    action: Action,
    at: datetime,
    calendar: WorkingCalendar,
    *,
    reason: str,
    to_whom: str,
    new_due: datetime | None,
    receiver: dict[str, Any] | None,
    rating: str | None,
    e_result: bool | None,
    channel: str | None,
    items: list[str],
) -> dict[str, Any]:
    """The move's own rules and field changes; returns the event's data."""
    if action in _REASON_REQUIRED and not reason:
        message, vi = _REASON_REQUIRED[action]
        raise ValidationError(message, vi, field="reason")
    data: dict[str, Any] = {}
    if action == Action.FORWARD and not to_whom:
        raise ValidationError(
            "Say to whom the dossier is handed over.", "Cần ghi người/cơ quan nhận hồ sơ.", field="to_whom"
        )
    if action == Action.REQUEST_SUPPLEMENT:
        if not items and not reason:
            raise ValidationError(
                "List what the applicant must supplement.",
                "Cần ghi rõ nội dung yêu cầu bổ sung.",
                field="items",
            )
        session.add(
            SupplementEpisode(
                dossier=dossier, stage="processing", requested_at=at, items=items or [reason], reason=reason
            )
        )
        dossier.supplement_count = (dossier.supplement_count or 0) + 1
        data.update(
            items=items or [reason],
            supplement_count=dossier.supplement_count,
            late_for_reporting=late_for_reporting(dossier.supplement_count),
        )
    elif action == Action.SUPPLEMENT_RECEIVED:
        data.update(_close_episode(session, dossier, at, calendar))
    elif action == Action.EXTEND:
        deadline = dossier.deadline_at or dossier.due_at
        due = check_extension(
            at=at,
            deadline=deadline,
            already_extended=dossier.extended_due_at is not None,
            new_due=new_due,
            reason=reason,
            calendar=calendar,
        )
        dossier.extended_due_at = due
        dossier.deadline_at = due
        data.update(
            original_due_at=fmt(dossier.due_at), previous_deadline_at=fmt(deadline), new_due_at=fmt(due)
        )
    if action in FINISHING_ACTIONS:
        dossier.finished_at = at
    if action in (Action.RESULT_READY, Action.RETURN) and e_result is not None:
        dossier.result_digitized = bool(e_result)
        data["e_result"] = bool(e_result)
    if action == Action.RETURN:
        via = (channel or dossier.return_via or "counter").strip().lower()
        if via not in RETURN_CHANNELS:
            raise ValidationError(
                f"Return channel must be one of {', '.join(RETURN_CHANNELS)}.",
                "Hình thức trả kết quả không hợp lệ.",
                field="channel",
            )
        if rating is not None and rating not in RATINGS:
            raise ValidationError(
                f"Rating must be one of {', '.join(RATINGS)}.", "Mức đánh giá không hợp lệ.", field="rating"
            )
        who = _receiver(dossier, receiver, via)
        dossier.returned_at, dossier.return_via, dossier.receiver = at, via, who
        if rating is not None:
            dossier.rating = rating
        data.update(receiver={**who, "id_number": mask_id(who["id_number"])}, channel=via, rating=rating)
    return data


def act(
    db: Database,
    code: str,
    action: Action | str,
    *,
    at: datetime | None = None,
    reason: str = "",
    to_whom: str = "",
    new_due: datetime | date | None = None,
    receiver: dict[str, Any] | None = None,
    rating: str | None = None,
    e_result: bool | None = None,
    channel: str | None = None,
    items: Sequence[str] = (),
    actor: str = "",
) -> dict[str, Any]:
    """Make one move on the dossier ``code``; return what changed (the moved dossier's key fields).

    ``at`` (default now) may be earlier than now, to record a paper move, but never before the dossier
    was received or before its previous move. Raises MoveRefused or ValidationError; then nothing is written.
    """
    move = action if isinstance(action, Action) else parse_action(action)
    with db.transaction() as session:
        dossier = get_dossier(session, code)
        return apply_move(
            session,
            dossier,
            move,
            at=at,
            reason=reason,
            to_whom=to_whom,
            new_due=new_due,
            receiver=receiver,
            rating=rating,
            e_result=e_result,
            channel=channel,
            items=items,
            actor=actor,
        )


def apply_move(
    session: Session,
    dossier: Dossier,
    move: Action,
    *,
    at: datetime | None = None,
    reason: str = "",
    to_whom: str = "",
    new_due: datetime | date | None = None,
    receiver: dict[str, Any] | None = None,
    rating: str | None = None,
    e_result: bool | None = None,
    channel: str | None = None,
    items: Sequence[str] = (),
    actor: str = "",
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """:func:`act` inside the caller's transaction (e.g. the postal service confirming a delivery together
    with its item). ``extra`` is added to the event's data and the audit detail."""
    reason, to_whom = clean_line(reason), clean_line(to_whom)
    clean_items = [clean_line(i) for i in items if clean_line(i)]
    before = State(dossier.state)
    after = next_state(before, move)
    moment = _moment(at, dossier, last_move_at(session, dossier))
    calendar = calendar_from_session(session)
    data = _apply(
        session,
        dossier,
        move,
        moment,
        calendar,
        reason=reason,
        to_whom=to_whom,
        new_due=_new_due(new_due, dossier),
        receiver=receiver,
        rating=rating,
        e_result=e_result,
        channel=channel,
        items=clean_items,
    )
    data.update(extra or {})
    dossier.state = after.value
    dossier.updated_at = datetime.now().replace(microsecond=0)
    session.add(
        DossierEvent(
            dossier_id=dossier.id,
            action=move.value,
            at=moment,
            state_before=before.value,
            state_after=after.value,
            actor=actor,
            to_whom=to_whom,
            reason=reason,
            data=data or None,
        )
    )
    audit.record(
        session,
        f"dossier.{move.value}",
        actor=actor,
        entity="dossier",
        entity_id=dossier.id,
        detail={
            "code": dossier.code,
            "at": fmt(moment),
            "state_before": before.value,
            "state_after": after.value,
            "reason": reason,
            "to_whom": to_whom,
            **data,
        },
    )
    mark_dossier(session, dossier, moment)  # the sync outbox, in this same transaction
    session.flush()
    return {
        "code": dossier.code,
        "action": move.value,
        "at": fmt(moment),
        "state_before": before.value,
        "state": after.value,
        "due_at": fmt(dossier.due_at),
        "extended_due_at": fmt(dossier.extended_due_at),
        "deadline_at": fmt(dossier.deadline_at),
        "finished_at": fmt(dossier.finished_at),
        "returned_at": fmt(dossier.returned_at),
        "supplement_count": dossier.supplement_count or 0,
        "paused_minutes": dossier.paused_minutes or 0,
        "late_for_reporting": late_for_reporting(dossier.supplement_count or 0),
        "data": data,
    }
