"""Postal items and hand-over manifests (bưu gửi, phiếu bàn giao): the BCCI path of a dossier.

The dossier's own ``channel`` ("postal": received by post) and ``return_via`` ("postal": result returned by
post) stay the source of truth for reports; these rows say which item carried it, when, and at what fee.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk_app.store.base import Base, Day, Minute, Stamp
from desk_app.store.models import Dossier


class PostalManifest(Base):
    """A hand-over manifest (phiếu bàn giao): one batch handed to (``out``) or taken from (``in``) the postman."""

    __tablename__ = "postal_manifests"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)  # BG-YYMMDD-NN, printed as Code128
    day: Mapped[date] = mapped_column(Day(), index=True)
    direction: Mapped[str] = mapped_column(String(4))  # out / in
    created_at: Mapped[datetime] = mapped_column(Stamp())
    created_by: Mapped[str] = mapped_column(String(60), default="")

    items: Mapped[list[PostalItem]] = relationship(back_populates="manifest", order_by="PostalItem.id")


class PostalItem(Base):
    """One postal item (bưu gửi) that carried a dossier or its result (domain.postal.ItemKind)."""

    __tablename__ = "postal_items"
    __table_args__ = (
        Index("ix_postal_items_number", "number"),
        Index("ix_postal_items_dossier", "dossier_id", "id"),
        Index("ix_postal_items_kind_state", "kind", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))  # receive / return / transfer
    direction: Mapped[str] = mapped_column(String(12), default="")  # transfer: to_office / to_counter
    number: Mapped[str] = mapped_column(String(40))  # S10 identifier or free reference
    number_kind: Mapped[str] = mapped_column(String(5), default="s10")  # s10 / free
    state: Mapped[str] = mapped_column(String(14))  # domain.postal.ItemState
    # receive: when the post delivered it to the counter; return/transfer: when it was handed to the post
    handed_at: Mapped[datetime] = mapped_column(Minute())
    delivered_at: Mapped[datetime | None] = mapped_column(Minute(), nullable=True)  # delivery confirmed
    address: Mapped[str] = mapped_column(String(400), default="")  # sender's (receive) or recipient's address
    recipient: Mapped[str] = mapped_column(String(200), default="")
    fee: Mapped[int] = mapped_column(Integer, default=0)  # đồng
    payer: Mapped[str] = mapped_column(String(8), default="citizen")  # citizen / commune
    label_size: Mapped[str] = mapped_column(String(4), default="A6")  # A6 / DL / C5
    reason: Mapped[str] = mapped_column(Text, default="")  # why it could not be delivered
    manifest_id: Mapped[int | None] = mapped_column(
        ForeignKey("postal_manifests.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_by: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[datetime] = mapped_column(Stamp())

    dossier: Mapped[Dossier] = relationship()
    manifest: Mapped[PostalManifest | None] = relationship(back_populates="items")
