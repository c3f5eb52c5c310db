"""The dossiers behind a figure (drill-down): so a leader can check any number against the dossiers.

Uses the same figure definitions as the counts (services.reports.figures), so the list always has as many
dossiers as the figure says. Derived figures list the dossiers of their parts (``overdue``: late resolved
and overdue in progress); a ratio lists the dossiers of its numerator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.errors import ValidationError
from desk_app.domain.indicators import BY_CODE
from desk_app.domain.periods import Period
from desk_app.domain.states import state_label
from desk_app.services.reports import figures as F
from desk_app.services.setup.calendar import calendar_from_session
from desk_app.store.db import Database
from desk_app.store.models import Dossier, Procedure

DERIVED: dict[str, tuple[str, ...]] = {
    "overdue": ("resolved.late", "in_progress.overdue"),
    "on_time_count": ("resolved.early", "resolved.on_time", "in_progress.on_time"),
}


@dataclass(frozen=True)
class DossierRef:
    """One dossier behind a figure: enough to recognise it and open it."""

    id: int
    code: str
    procedure: str
    received_at: datetime
    state: str
    state_label: str
    due_at: datetime | None
    finished_at: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,
            "procedure": self.procedure,
            "received_at": self.received_at.isoformat(timespec="minutes"),
            "state": self.state,
            "state_label": self.state_label,
            "due_at": self.due_at.isoformat(timespec="minutes") if self.due_at else None,
            "finished_at": self.finished_at.isoformat(timespec="minutes") if self.finished_at else None,
        }


def figure_parts(figure: str) -> tuple[str, ...]:
    """The counted figures whose dossiers make up ``figure``."""
    if figure in F.FIGURE:
        return (figure,)
    if figure in DERIVED:
        return DERIVED[figure]
    ind = BY_CODE.get(figure)
    if ind is not None and ind.numerator:
        return figure_parts(ind.numerator)
    raise ValidationError(
        f"No dossier list for {figure!r}.", "Chỉ tiêu này không có danh sách hồ sơ.", field="figure"
    )


def dossier_ids(
    session: Session, period: Period, by: str, key: str | None, figure: str, now: datetime | None = None
) -> list[int]:
    """Ids of the dossiers behind ``figure`` in row ``key`` (None: the total), in the order received."""
    if by not in F.BREAKDOWNS:
        raise ValidationError(f"Unknown breakdown {by!r}.", "Cách chia báo cáo không hợp lệ.", field="by")
    window = F.Window.of(period, (now or datetime.now()).replace(microsecond=0))
    calendar = calendar_from_session(session)
    ids: list[int] = []
    for part in figure_parts(figure):
        ids += F.dossier_ids(session, part, by, window, calendar, key)
    return ids


def drill_down(
    db: Database,
    period: Period,
    by: str,
    key: str | None,
    figure: str,
    now: datetime | None = None,
    limit: int = 2000,
) -> list[DossierRef]:
    """The dossiers behind one figure of one row, with what a list shows."""
    with db.session() as session:
        ids = dossier_ids(session, period, by, key, figure, now)[:limit]
        if not ids:
            return []
        rows = session.execute(
            select(
                Dossier.id,
                Dossier.code,
                Procedure.name,
                Dossier.received_at,
                Dossier.state,
                Dossier.due_at,
                Dossier.finished_at,
            )
            .join(Procedure, Procedure.id == Dossier.procedure_id)
            .where(Dossier.id.in_(ids))
        ).all()
        by_id = {r[0]: r for r in rows}
        out = []
        for i in ids:
            r = by_id[i]
            out.append(DossierRef(r[0], r[1] or "", r[2], r[3], r[4], state_label(r[4]), r[5], r[6]))
        return out
