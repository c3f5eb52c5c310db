"""Models for reports: the yearly targets a commune is given (chỉ tiêu giao). Owned by the reports work."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, Stamp
from desk_app.store.models import Dossier


class ReportTarget(Base):
    """A yearly target for one ratio (e.g. full-online share ≥ 60% in 2026), set by an admin."""

    __tablename__ = "report_targets"
    __table_args__ = (UniqueConstraint("year", "indicator"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(String(60))  # domain.indicators.TARGETABLE
    value: Mapped[float] = mapped_column(Float)  # a ratio between 0 and 1
    note: Mapped[str] = mapped_column(String(300), default="")  # e.g. the province's decision number
    updated_by: Mapped[str] = mapped_column(String(60), default="")
    updated_at: Mapped[datetime] = mapped_column(Stamp())


# "Carried over" and "resolved in the period" select dossiers by when they finished: without this index
# a quarter report would read every dossier ever received before it.
Index("ix_dossiers_finished_at", Dossier.finished_at)
