"""Models for reports: the yearly targets a commune is given (chỉ tiêu giao). Owned by the reports work."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, Stamp
from desk_app.store.models import Dossier, DossierDocument


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


# "Carried over" selects dossiers finished after the period started but received before it: without this index
# a report would read every dossier ever received before its period (received_at rides along so the
# test needs no table lookup).
Index("ix_dossiers_finished_at", Dossier.finished_at, Dossier.received_at)

# The reuse rate (QĐ 766 4.3) asks, per dossier, whether any document reuses digitised data: a partial index
# holds just those documents.
REUSED_KINDS = ("reused_document", "reused_result")
Index(
    "ix_dossier_documents_reused",
    DossierDocument.dossier_id,
    sqlite_where=DossierDocument.digitization.in_(REUSED_KINDS),
)

# Results returned in a period for dossiers finished before it (the last row source of the counter's
# report): finished_at rides along so that the test needs no table lookup.
Index("ix_dossiers_returned_finished", Dossier.returned_at, Dossier.finished_at)
