"""What is overdue right now, with the officer holding each dossier (the weekly one-pager's list)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desk_app.domain.states import CLOCK_RUNNING_STATES
from desk_app.services.reports import figures as F
from desk_app.store.models_auth import User

UNLABELLED_VI = "(Chưa ghi nhận)"


def overdue_now(session: Session, now: datetime, limit: int = 200) -> list[dict[str, Any]]:
    """Dossiers overdue right now (clock running, deadline passed), most overdue first, with their officer."""
    states = ", ".join(f"'{s.value}'" for s in sorted(CLOCK_RUNNING_STATES))
    at = now.strftime("%Y-%m-%dT%H:%M")
    sql = (
        "SELECT d.id, d.code, p.name, d.deadline_at, d.received_at FROM dossiers d "
        "JOIN procedures p ON p.id = d.procedure_id "
        f"WHERE d.state IN ({states}) AND d.deadline_at < :now ORDER BY d.deadline_at LIMIT :limit"
    )
    rows = session.execute(text(sql), {"now": at, "limit": limit}).all()
    officers = F.officer_now(session, [r[0] for r in rows], at)
    names = {u.username: u.full_name for u in session.scalars(select(User))}
    out = []
    for did, code, proc, deadline, received in rows:
        due = datetime.fromisoformat(deadline)
        officer = officers.get(did, "")
        out.append(
            {
                "id": did,
                "code": code,
                "procedure": proc,
                "received_at": received,
                "deadline_at": deadline,
                "days_overdue": (now.date() - due.date()).days,
                "officer": officer,
                "officer_name": names.get(officer, officer) or UNLABELLED_VI,
            }
        )
    return out
