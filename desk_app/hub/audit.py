"""What the hub's staff did, for the history shown beside it: period closed or reopened, target set.

Written in the same transaction as the change it records; never updated or deleted."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.hub.models import AuditEvent

ACTION_VI = {
    "period.close": "Khóa số liệu",
    "period.open": "Mở lại kỳ",
    "target.set": "Đặt chỉ tiêu",
}


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def record(session: Session, actor: str, action: str, subject: str, **detail: Any) -> None:
    session.add(AuditEvent(at=_now(), actor=actor[:80], action=action, subject=subject[:80], detail=detail))


def history(session: Session, subjects: list[str], limit: int = 50) -> list[AuditEvent]:
    """The newest events about ``subjects`` first."""
    if not subjects:
        return []
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.subject.in_(subjects))
            .order_by(AuditEvent.id.desc())
            .limit(limit)
        )
    )
