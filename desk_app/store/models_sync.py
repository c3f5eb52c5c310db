"""Models for the sync to the upper level: the outbox of periods to send and the dossiers changed since.

Owned by the sync work (services/sync). A row is marked in the same transaction as the move or intake that
changed the figures; ``generation`` counts the marks so that an edit made while an upload is in flight sends
the period again (DHIS2's "to send" after an edit during upload).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, Stamp


class SyncOutboxItem(Base):
    """A report period (kỳ báo cáo) whose figures are to be sent to the hub."""

    __tablename__ = "sync_outbox"
    period: Mapped[str] = mapped_column(String(40), primary_key=True)  # e.g. "2026-09" (15/8 – 14/9)
    state: Mapped[str] = mapped_column(
        String(12), default="to_send"
    )  # to_send / sending / sent / error / closed (by the hub)
    generation: Mapped[int] = mapped_column(Integer, default=1)
    sent_generation: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[datetime] = mapped_column(Stamp())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime | None] = mapped_column(Stamp(), nullable=True)
    last_attempt_at: Mapped[datetime | None] = mapped_column(Stamp(), nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(Stamp(), nullable=True)
    error: Mapped[str] = mapped_column(Text, default="")  # plain Vietnamese, for the outbox page


class SyncDirtyDossier(Base):
    """A dossier whose minimal record (code, procedure, state, dates) is to be sent to the hub."""

    __tablename__ = "sync_dirty_dossiers"
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), primary_key=True)
    generation: Mapped[int] = mapped_column(Integer, default=1)
