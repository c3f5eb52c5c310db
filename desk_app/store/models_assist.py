"""Models for citizen help (hỗ trợ dịch vụ công trực tuyến) and feedback on rules (phản ánh, kiến nghị).

Personal data is kept to the minimum (Luật 91/2025/QH15; domain.md §9, §13.6): a help entry holds the
citizen's name and phone, the personal ID only masked (``001******456``) plus a keyed HMAC-SHA256 of it
(the key is a per-installation secret kept OUTSIDE the database, see services/assist/secret.py) so that
repeat visits can be counted. Never a full ID number, a password, an OTP or a photo.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.base import Base, Day, Minute, Stamp


class HelpEntry(Base):
    """One help given at the counter (một lượt hỗ trợ): portal account, online filing, payment, lookup."""

    __tablename__ = "assist_helps"
    __table_args__ = (
        Index("ix_assist_helps_at", "at"),
        Index("ix_assist_helps_id_hash", "id_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_token: Mapped[str] = mapped_column(String(64), unique=True)  # guards double submits
    at: Mapped[datetime] = mapped_column(Minute())  # when the help was given
    kind: Mapped[str] = mapped_column(String(24))  # domain.assist.HelpKind
    outcome: Mapped[str] = mapped_column(String(10))  # done / not_done
    reason: Mapped[str] = mapped_column(String(40), default="")  # domain.assist reason code when not done
    reason_text: Mapped[str] = mapped_column(String(300), default="")
    full_name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    id_masked: Mapped[str] = mapped_column(String(20), default="")  # 001******456, never the full number
    id_hash: Mapped[str] = mapped_column(String(64), default="")  # HMAC-SHA256 with the installation key
    had_level2: Mapped[bool | None] = mapped_column(Boolean, nullable=True)  # VNeID level 2 before the help
    procedure_code: Mapped[str] = mapped_column(String(60), default="")
    dossier_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossiers.id", ondelete="SET NULL"), nullable=True, index=True
    )  # the online dossier filed with this help
    dossier_code: Mapped[str] = mapped_column(String(80), default="")
    consent: Mapped[bool] = mapped_column(Boolean, default=False)  # the citizen agreed to be recorded
    staff: Mapped[str] = mapped_column(String(60), default="")  # who helped (user name)
    counter: Mapped[int | None] = mapped_column(Integer, nullable=True)
    minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)  # how long it took
    note: Mapped[str] = mapped_column(Text, default="")
    anonymised: Mapped[bool] = mapped_column(Boolean, default=False)  # retention rule applied
    created_at: Mapped[datetime] = mapped_column(Stamp())


class Feedback(Base):
    """Feedback on administrative rules (phản ánh, kiến nghị) received at the counter (NĐ 20/2008)."""

    __tablename__ = "assist_feedback"
    __table_args__ = (Index("ix_assist_feedback_status_due", "status", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_token: Mapped[str] = mapped_column(String(64), unique=True)
    received_at: Mapped[datetime] = mapped_column(Minute())
    channel: Mapped[str] = mapped_column(String(10), default="counter")  # counter/letter/phone/email/portal
    sender_kind: Mapped[str] = mapped_column(String(10), default="citizen")  # citizen / business
    sender_name: Mapped[str] = mapped_column(String(200))
    contact_consent: Mapped[bool] = mapped_column(Boolean, default=False)  # may be reached back
    phone: Mapped[str] = mapped_column(String(20), default="")  # only with contact_consent
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    content: Mapped[str] = mapped_column(Text)
    procedure_code: Mapped[str] = mapped_column(String(60), default="")
    category: Mapped[str] = mapped_column(String(20), default="")  # domain.assist.FEEDBACK_CATEGORIES
    status: Mapped[str] = mapped_column(String(12), default="received")  # received/forwarded/answered
    due_on: Mapped[date] = mapped_column(Day())  # answer expected by (setting feedback_answer_days)
    forwarded_to: Mapped[str] = mapped_column(String(200), default="")
    forwarded_at: Mapped[datetime | None] = mapped_column(Minute(), nullable=True)
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None] = mapped_column(Minute(), nullable=True)
    answered_by: Mapped[str] = mapped_column(String(60), default="")
    created_by: Mapped[str] = mapped_column(String(60), default="")
    anonymised: Mapped[bool] = mapped_column(Boolean, default=False)
