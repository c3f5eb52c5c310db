"""The database: typed SQLAlchemy 2 models.

Times are local wall-clock times of the commune (Asia/Ho_Chi_Minh), stored as sortable text.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk_app.store.base import Base, ClockTime, Day, JSONText, Minute, Stamp


class Unit(Base):
    """The commune (đơn vị): its Trung tâm Phục vụ hành chính công / Bộ phận Một cửa."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(40))  # QCVN 102:2016, current value
    name: Mapped[str] = mapped_column(String(200))  # e.g. "Ủy ban nhân dân xã Gio Sơn"
    province: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    governing_body: Mapped[str] = mapped_column(String(200), default="")  # tên cơ quan chủ quản
    office_name: Mapped[str] = mapped_column(String(200), default="")  # bộ phận tiếp nhận và trả kết quả
    place_name: Mapped[str] = mapped_column(String(100), default="")  # địa danh on forms
    phone: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[datetime] = mapped_column(Stamp())

    agency_codes: Mapped[list[AgencyCode]] = relationship(
        back_populates="unit", order_by="AgencyCode.valid_from"
    )
    counters: Mapped[list[Counter]] = relationship(back_populates="unit", order_by="Counter.number")


class AgencyCode(Base):
    """A validity period of the unit's agency code (codes changed with the 2025 merger)."""

    __tablename__ = "agency_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    code: Mapped[str] = mapped_column(String(40))
    valid_from: Mapped[date] = mapped_column(Day())
    valid_to: Mapped[date | None] = mapped_column(Day(), nullable=True)
    note: Mapped[str] = mapped_column(String(300), default="")

    unit: Mapped[Unit] = relationship(back_populates="agency_codes")


class Counter(Base):
    """A reception counter (quầy). Its number selects its block of the daily code sequence."""

    __tablename__ = "counters"
    __table_args__ = (UniqueConstraint("unit_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100), default="")

    unit: Mapped[Unit] = relationship(back_populates="counters")


class Procedure(Base):
    """One version of a thủ tục hành chính (TTHC) from the province's published catalog.

    A new import of the same code with changed content adds a version; dossiers keep the version
    that applied when they were received.
    """

    __tablename__ = "procedures"
    __table_args__ = (
        UniqueConstraint("code", "version"),
        Index("ix_procedures_current", "code", "effective_to"),
        Index("ix_procedures_name", "name"),  # the dossier list sorts by it
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60))  # e.g. 1.001193
    version: Mapped[int] = mapped_column(Integer, default=1)
    name: Mapped[str] = mapped_column(String(400))
    field: Mapped[str] = mapped_column(String(200), default="")  # lĩnh vực
    processing_value: Mapped[float] = mapped_column(Float, default=0)
    processing_unit: Mapped[str] = mapped_column(
        String(20), default="working_days"
    )  # domain.calendar.TimeUnit
    processing_text: Mapped[str] = mapped_column(String(300), default="")  # as published
    cutoff_time: Mapped[time | None] = mapped_column(ClockTime(), nullable=True)
    fee_rule: Mapped[dict[str, Any]] = mapped_column(JSONText(), default=dict)
    fee_text: Mapped[str] = mapped_column(String(300), default="")
    documents: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONText(), default=list
    )  # [{name, kind, quantity}]
    online_level: Mapped[str] = mapped_column(String(20), default="")  # "", "partial", "full"
    # The province may pilot procedures received online only: intake becomes assisted online filing.
    online_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    result_is_paper: Mapped[bool] = mapped_column(Boolean, default=True)
    agency: Mapped[str] = mapped_column(String(200), default="")  # cơ quan chủ trì giải quyết
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    old_code: Mapped[str] = mapped_column(String(60), default="")  # mã TTHC cũ before re-publication
    confidence: Mapped[str] = mapped_column(String(2), default="")  # A/B/C as in the seed's sources
    source_note: Mapped[str] = mapped_column(Text, default="")
    effective_from: Mapped[date] = mapped_column(Day())
    effective_to: Mapped[date | None] = mapped_column(Day(), nullable=True)  # None: current
    folded: Mapped[str] = mapped_column(String(800), default="")  # fold(code name field) for search
    use_count: Mapped[int] = mapped_column(Integer, default=0)  # this counter's most used first


class Applicant(Base):
    """The người nộp hồ sơ (a person, or an organisation by its tax code)."""

    __tablename__ = "applicants"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200), index=True)  # the dossier list sorts by it
    id_number: Mapped[str] = mapped_column(String(20), default="", index=True)
    old_id_number: Mapped[str] = mapped_column(String(20), default="")
    birth_date: Mapped[date | None] = mapped_column(Day(), nullable=True)
    gender: Mapped[str] = mapped_column(String(10), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    folded_name: Mapped[str] = mapped_column(String(200), default="")


class Dossier(Base):
    """A hồ sơ TTHC received (or guided) at the counter.

    Carries what QĐ 766/QĐ-TTg reports need per dossier (domain.md §5.3): channel, received/due/finished
    times, supplement episodes, digitisation flags, e-result, online payment, VNeID and the rating.
    """

    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_state_due", "state", "due_at"),
        Index("ix_dossiers_received_at", "received_at"),
        Index("ix_dossiers_procedure", "procedure_id"),
        Index("ix_dossiers_applicant", "applicant_id"),
        Index("ix_dossiers_state_deadline", "state", "deadline_at"),  # lifecycle queues
        Index("ix_dossiers_returned_at", "returned_at"),  # "returned today" queue
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(60), unique=True, nullable=True)  # None while guided only
    client_token: Mapped[str] = mapped_column(String(64), unique=True)  # guards double submits
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"), nullable=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id"))
    representative: Mapped[dict[str, Any] | None] = mapped_column(
        JSONText(), nullable=True
    )  # người được ủy quyền
    channel: Mapped[str] = mapped_column(String(10), default="direct")  # direct / online / postal
    return_via: Mapped[str] = mapped_column(String(10), default="counter")  # counter / postal / online
    state: Mapped[str] = mapped_column(String(24))  # domain.states.State
    received_at: Mapped[datetime] = mapped_column(Minute())
    due_at: Mapped[datetime | None] = mapped_column(Minute(), nullable=True)  # never changes once set
    extended_due_at: Mapped[datetime | None] = mapped_column(Minute(), nullable=True)
    # The due moment in force (queues): due_at, or the extension, moved by supplement pauses. A trigger
    # (store/ddl.py) copies due_at here when a row is inserted without it; services/lifecycle keeps it.
    deadline_at: Mapped[datetime | None] = mapped_column(Minute(), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(
        Minute(), nullable=True
    )  # result ready / stop / refusal
    returned_at: Mapped[datetime | None] = mapped_column(Minute(), nullable=True)
    paused_minutes: Mapped[int] = mapped_column(
        Integer, default=0
    )  # office time spent waiting for supplements
    supplement_count: Mapped[int] = mapped_column(Integer, default=0)
    set_count: Mapped[int] = mapped_column(Integer, default=1)  # số bộ hồ sơ
    fee_amount: Mapped[int] = mapped_column(Integer, default=0)
    fee_method: Mapped[str] = mapped_column(String(12), default="exempt")  # cash / online / unpaid / exempt
    paid_online: Mapped[bool] = mapped_column(Boolean, default=False)
    vneid_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    digitized: Mapped[bool] = mapped_column(Boolean, default=False)  # intake documents digitised
    result_digitized: Mapped[bool] = mapped_column(Boolean, default=False)  # e-result attached
    rating: Mapped[str | None] = mapped_column(
        String(14), nullable=True
    )  # satisfied / neutral / dissatisfied
    receiver: Mapped[dict[str, Any] | None] = mapped_column(JSONText(), nullable=True)  # who took the result
    book_number: Mapped[int | None] = mapped_column(Integer, nullable=True)  # sổ theo dõi: quyển số
    book_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)  # số thứ tự
    # The form set in force when the dossier was received (v2018 / v2025): its forms print with it.
    form_set: Mapped[str | None] = mapped_column(String(8), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(60), default="")
    updated_at: Mapped[datetime] = mapped_column(Stamp())

    procedure: Mapped[Procedure] = relationship()
    applicant: Mapped[Applicant] = relationship()
    unit: Mapped[Unit] = relationship()
    documents: Mapped[list[DossierDocument]] = relationship(
        back_populates="dossier", order_by="DossierDocument.position", cascade="all, delete-orphan"
    )
    events: Mapped[list[DossierEvent]] = relationship(
        back_populates="dossier", order_by="DossierEvent.id", cascade="all, delete-orphan"
    )
    supplements: Mapped[list[SupplementEpisode]] = relationship(
        back_populates="dossier", order_by="SupplementEpisode.id", cascade="all, delete-orphan"
    )


class DossierDocument(Base):
    """A thành phần hồ sơ / giấy tờ of a dossier, numbered from 1 in list order."""

    __tablename__ = "dossier_documents"
    __table_args__ = (UniqueConstraint("dossier_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(400))
    kind: Mapped[str] = mapped_column(
        String(16), default="original"
    )  # original/copy/certified_copy/electronic
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    received: Mapped[bool] = mapped_column(Boolean, default=True)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    digitization: Mapped[str] = mapped_column(
        String(16), default="none"
    )  # none/digitized/reused_document/reused_result

    dossier: Mapped[Dossier] = relationship(back_populates="documents")


class DossierEvent(Base):
    """One move in a dossier's life (quá trình xử lý): what the control sheet and history show."""

    __tablename__ = "dossier_events"
    __table_args__ = (Index("ix_dossier_events_dossier", "dossier_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(24))  # "receive", "guide" or domain.states.Action
    at: Mapped[datetime] = mapped_column(Minute())
    state_before: Mapped[str | None] = mapped_column(String(24), nullable=True)
    state_after: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(60), default="")
    to_whom: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any] | None] = mapped_column(JSONText(), nullable=True)

    dossier: Mapped[Dossier] = relationship(back_populates="events")


class SupplementEpisode(Base):
    """One request to supplement a dossier (yêu cầu bổ sung) and when it was answered."""

    __tablename__ = "supplement_episodes"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(12), default="processing")  # intake / processing
    requested_at: Mapped[datetime] = mapped_column(Minute())
    items: Mapped[list[str]] = mapped_column(JSONText(), default=list)
    reason: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime | None] = mapped_column(Minute(), nullable=True)

    dossier: Mapped[Dossier] = relationship(back_populates="supplements")


class CodeSequence(Base):
    """The last sequence number issued for a (agency code, day, counter)."""

    __tablename__ = "code_sequences"

    agency_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[date] = mapped_column(Day(), primary_key=True)
    counter: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class Setting(Base):
    """A key/value setting (JSON value)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSONText())


class HolidayOverride(Base):
    """A local calendar change: an extra day off, or a make-up working day (làm bù)."""

    __tablename__ = "holiday_overrides"

    day: Mapped[date] = mapped_column(Day(), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # off / workday
    note: Mapped[str] = mapped_column(String(300), default="")
    legal_basis: Mapped[str] = mapped_column(String(300), default="")


class AuditEvent(Base):
    """Append-only, hash-chained audit trail. Triggers forbid UPDATE and DELETE; the chain catches the rest."""

    __table_args__ = (Index("ix_audit_events_entity", "entity", "entity_id"),)  # a dossier's audit history

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(Stamp())
    actor: Mapped[str] = mapped_column(String(60), default="")
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str] = mapped_column(String(80), default="")
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSONText(), nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
