"""Feedback on administrative rules (phản ánh, kiến nghị; NĐ 20/2008 as amended, TT 02/2017/TT-VPCP).

Received at the counter from a citizen or a business (who; how to reach them only if they agree; the
content; the procedure concerned), classified, forwarded, answered. Each feedback has a time limit for
its answer (setting ``feedback_answer_days``, calendar days, 📘: a setting, not law); ``overdue`` lists what
is past it. Complaints and denunciations have their own laws and are not feedback (domain.md §13.5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import uuid4

from sqlalchemy import select

from desk_app.domain.assist import (
    FEEDBACK_CATEGORIES,
    FEEDBACK_CHANNELS,
    FEEDBACK_SENDERS,
    FEEDBACK_STATUS_VI,
)
from desk_app.domain.errors import NotFound, ValidationError
from desk_app.domain.identity import mask_phone, normalise_phone
from desk_app.domain.text import clean_line, nfc
from desk_app.services.setup import catalog
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models_assist import Feedback

DEFAULT_ANSWER_DAYS = 10


@dataclass(frozen=True)
class FeedbackInput:
    sender_name: str
    content: str
    sender_kind: str = "citizen"
    channel: str = "counter"
    contact_consent: bool = False
    phone: str = ""
    email: str = ""
    address: str = ""
    procedure_code: str = ""
    category: str = ""
    received_at: datetime | None = None
    client_token: str | None = None


def _bad(field: str, message: str, vi: str) -> ValidationError:
    return ValidationError(message, vi, field=field)


def _answer_days(value: Any) -> int:
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DEFAULT_ANSWER_DAYS
    return days if days > 0 else DEFAULT_ANSWER_DAYS


def _check(inp: FeedbackInput, now: datetime) -> FeedbackInput:
    name = clean_line(inp.sender_name or "")
    if not name:
        raise _bad(
            "sender_name",
            "Who sends the feedback? (name required)",
            "Cần ghi họ tên hoặc tên tổ chức gửi phản ánh.",
        )
    content = nfc(inp.content or "")
    if not content:
        raise _bad("content", "The feedback has no content.", "Cần ghi nội dung phản ánh, kiến nghị.")
    if len(content) > 5000:
        raise _bad(
            "content",
            "The content is too long (5000 characters at most).",
            "Nội dung quá dài (tối đa 5000 ký tự).",
        )
    if inp.sender_kind not in FEEDBACK_SENDERS:
        raise _bad(
            "sender_kind", "sender_kind: citizen or business", "Người gửi phải là cá nhân hoặc tổ chức."
        )
    if inp.channel not in FEEDBACK_CHANNELS:
        raise _bad(
            "channel", f"channel: one of {', '.join(FEEDBACK_CHANNELS)}", "Hình thức tiếp nhận không hợp lệ."
        )
    if inp.category and inp.category not in FEEDBACK_CATEGORIES:
        raise _bad(
            "category",
            f"category: one of {', '.join(FEEDBACK_CATEGORIES)}",
            "Phân loại phản ánh không hợp lệ.",
        )
    phone = clean_line(inp.phone or "")
    if phone:
        try:
            phone = normalise_phone(phone)
        except ValidationError as exc:
            raise _bad("phone", exc.message, exc.vi) from None
    received = (inp.received_at or now).replace(second=0, microsecond=0, tzinfo=None)
    if received > now + timedelta(minutes=15):
        raise _bad(
            "received_at",
            "The receiving time is in the future.",
            "Thời gian tiếp nhận không được ở tương lai.",
        )
    keep = bool(inp.contact_consent)
    return FeedbackInput(
        sender_name=name,
        content=content,
        sender_kind=inp.sender_kind,
        channel=inp.channel,
        contact_consent=keep,
        phone=phone if keep else "",
        email=clean_line(inp.email or "") if keep else "",
        address=clean_line(inp.address or "") if keep else "",
        procedure_code=clean_line(inp.procedure_code or ""),
        category=inp.category,
        received_at=received,
        client_token=(inp.client_token or "").strip() or None,
    )


def feedback_dict(row: Feedback, today: date | None = None) -> dict[str, Any]:
    day = today or date.today()
    return {
        "id": row.id,
        "received_at": row.received_at.strftime("%Y-%m-%dT%H:%M"),
        "channel": row.channel,
        "sender_kind": row.sender_kind,
        "sender_name": row.sender_name,
        "contact_consent": row.contact_consent,
        "phone": mask_phone(row.phone),
        "email": row.email,
        "content": row.content,
        "procedure": row.procedure_code,
        "category": row.category,
        "category_label": FEEDBACK_CATEGORIES.get(row.category, ""),
        "status": row.status,
        "status_label": FEEDBACK_STATUS_VI.get(row.status, row.status),
        "due_on": row.due_on.isoformat(),
        "overdue": row.status != "answered" and row.due_on < day,
        "forwarded_to": row.forwarded_to,
        "answer": row.answer,
        "answered_at": row.answered_at.strftime("%Y-%m-%dT%H:%M") if row.answered_at else None,
    }


def add_feedback(db: Database, inp: FeedbackInput, actor: str = "") -> dict[str, Any]:
    """Record one feedback in one transaction; the same client_token twice records once."""
    now = datetime.now()
    clean = _check(inp, now)
    token = clean.client_token or uuid4().hex
    with db.transaction() as s:
        found = s.scalars(select(Feedback).where(Feedback.client_token == token)).first()
        if found is not None:
            return feedback_dict(found)
        if clean.procedure_code:
            catalog.find_procedure(s, clean.procedure_code)
        received = clean.received_at
        assert received is not None
        row = Feedback(
            client_token=token,
            received_at=received,
            channel=clean.channel,
            sender_kind=clean.sender_kind,
            sender_name=clean.sender_name,
            contact_consent=clean.contact_consent,
            phone=clean.phone,
            email=clean.email,
            address=clean.address,
            content=clean.content,
            procedure_code=clean.procedure_code,
            category=clean.category,
            status="received",
            due_on=received.date() + timedelta(days=_answer_days(settings.get(s, "feedback_answer_days"))),
            created_by=actor,
        )
        s.add(row)
        s.flush()
        audit.record(
            s,
            "feedback.add",
            actor=actor,
            entity="feedback",
            entity_id=row.id,
            detail={
                "category": row.category,
                "procedure": row.procedure_code,
                "due_on": row.due_on.isoformat(),
            },
        )
        return feedback_dict(row)


def _get(session: Any, feedback_id: int) -> Feedback:
    row = session.get(Feedback, feedback_id)
    if row is None:
        raise NotFound(f"No feedback number {feedback_id}.", f"Không có phản ánh số {feedback_id}.")
    return row


def forward_feedback(
    db: Database, feedback_id: int, to: str, *, category: str = "", actor: str = ""
) -> dict[str, Any]:
    """Classify (optionally) and forward a feedback to the office that handles it."""
    target = clean_line(to)
    if not target:
        raise _bad("to", "Forward to whom?", "Cần ghi nơi chuyển phản ánh đến.")
    if category and category not in FEEDBACK_CATEGORIES:
        raise _bad(
            "category",
            f"category: one of {', '.join(FEEDBACK_CATEGORIES)}",
            "Phân loại phản ánh không hợp lệ.",
        )
    with db.transaction() as s:
        row = _get(s, feedback_id)
        row.forwarded_to = target
        row.forwarded_at = datetime.now().replace(second=0, microsecond=0)
        if category:
            row.category = category
        if row.status == "received":
            row.status = "forwarded"
        audit.record(
            s, "feedback.forward", actor=actor, entity="feedback", entity_id=row.id, detail={"to": target}
        )
        return feedback_dict(row)


def answer_feedback(
    db: Database, feedback_id: int, text: str, *, at: datetime | None = None, actor: str = ""
) -> dict[str, Any]:
    """Record the answer given to a feedback and when."""
    answer = nfc(text or "")
    if not answer:
        raise _bad("text", "The answer is empty.", "Cần ghi nội dung trả lời.")
    with db.transaction() as s:
        row = _get(s, feedback_id)
        moment = (at or datetime.now()).replace(second=0, microsecond=0)
        if moment < row.received_at:
            raise _bad(
                "at",
                "The answer cannot predate the feedback.",
                "Ngày trả lời không được trước ngày tiếp nhận.",
            )
        row.answer = answer
        row.answered_at = moment
        row.answered_by = actor
        row.status = "answered"
        audit.record(
            s,
            "feedback.answer",
            actor=actor,
            entity="feedback",
            entity_id=row.id,
            detail={"answered_at": moment.strftime("%Y-%m-%dT%H:%M"), "late": moment.date() > row.due_on},
        )
        return feedback_dict(row)


def list_feedback(
    db: Database, *, open_only: bool = False, overdue_only: bool = False, today: date | None = None
) -> list[dict[str, Any]]:
    """Feedback, newest first; ``open_only``: not answered yet; ``overdue_only``: open and past its limit
    (the queue awaiting an answer, oldest limit first)."""
    day = today or date.today()
    with db.session() as s:
        stmt = select(Feedback)
        if open_only or overdue_only:
            stmt = stmt.where(Feedback.status != "answered")
        if overdue_only:
            stmt = stmt.where(Feedback.due_on < day).order_by(Feedback.due_on, Feedback.id)
        else:
            stmt = stmt.order_by(Feedback.received_at.desc(), Feedback.id.desc())
        return [feedback_dict(r, day) for r in s.scalars(stmt)]


def input_from_json(obj: Any) -> FeedbackInput:
    if not isinstance(obj, dict):
        raise _bad("", "each entry must be a JSON object", "Mỗi mục phải là một đối tượng JSON.")
    raw = obj.get("received_at")
    try:
        received = datetime.fromisoformat(str(raw)) if raw else None
    except ValueError:
        raise _bad(
            "received_at", f"received_at: {raw!r} is not YYYY-MM-DDTHH:MM", "Thời gian không hợp lệ."
        ) from None
    sender = obj.get("sender") or {}
    if not isinstance(sender, dict):
        sender = {"full_name": str(sender)}
    return FeedbackInput(
        sender_name=str(sender.get("full_name") or sender.get("name") or obj.get("sender_name") or ""),
        sender_kind=str(sender.get("kind") or obj.get("sender_kind") or "citizen"),
        contact_consent=bool(obj.get("contact_consent", False)),
        phone=str(sender.get("phone") or ""),
        email=str(sender.get("email") or ""),
        address=str(sender.get("address") or ""),
        content=str(obj.get("content") or ""),
        channel=str(obj.get("channel") or "counter"),
        procedure_code=str(obj.get("procedure") or ""),
        category=str(obj.get("category") or ""),
        received_at=received,
        client_token=str(obj["client_token"]) if obj.get("client_token") else None,
    )
