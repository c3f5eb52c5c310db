"""Models of the register numbers and numbered letters (issue 15).

The register volume and running number themselves live on the dossier (``dossiers.book_number``,
``dossiers.book_seq``); these tables hold the sequences they come from and the letters' numbers.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, Minute


class NumberSequence(Base):
    """The last number issued in a series and period: ``("register", "2026")`` (the register's yearly count),
    ``("register", "2026/3")`` (volume 3 when numbers restart per volume), ``("apology", "2026")``, …"""

    __tablename__ = "number_sequences"

    series: Mapped[str] = mapped_column(String(24), primary_key=True)
    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class DossierLetter(Base):
    """A numbered letter about a dossier (văn bản có số): the supplement request, the refusal, the apology /
    extension request or the stop notice issued for one move (``event_id``). Its number is given at the first
    print and kept, so every reprint shows the same number."""

    __tablename__ = "dossier_letters"
    __table_args__ = (
        UniqueConstraint("form", "year", "seq"),
        UniqueConstraint("dossier_id", "form", "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("dossier_events.id", ondelete="CASCADE"))
    form: Mapped[str] = mapped_column(String(16))  # domain.registers.LETTER_FORMS
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(40))  # as printed: "12/PXL"
    issued_at: Mapped[datetime] = mapped_column(Minute())
