"""The hub's own tables (its own metadata and Alembic environment: nothing shared with the desk's store).

Value sets are keyed naturally by (unit, period, indicator, breakdown), as DHIS2's dataValueSets are, so
posting the same set twice updates and never duplicates. Dossier records carry no names, ID numbers or
phones: only what the hub needs to cross-check indicators and to answer the public lookup.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class HubBase(DeclarativeBase):
    pass


class Unit(HubBase):
    """A reporting unit (đơn vị báo cáo): a commune's one-stop counter registered by the hub's admin."""

    __tablename__ = "hub_unit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    # sha256 of the bearer token (tokens are 256-bit random, so a fast hash is enough and lookups stay O(1)).
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # HMAC key for offline files, derived from the token by both ends; never usable as an API token.
    offline_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_sync: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_offline_seq: Mapped[int] = mapped_column(Integer, default=0)


class DataValue(HubBase):
    """One figure: (unit, period, indicator, breakdown) -> value."""

    __tablename__ = "hub_data_value"
    __table_args__ = (
        UniqueConstraint("unit_id", "period", "indicator", "breakdown", name="uq_hub_value_key"),
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("hub_unit.id"))
    period: Mapped[str] = mapped_column(String(40), index=True)
    indicator: Mapped[str] = mapped_column(String(80))
    breakdown: Mapped[str] = mapped_column(String(120), default="")
    value: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    batch_id: Mapped[str] = mapped_column(String(80))


class PeriodArrival(HubBase):
    """When a unit's figures for a period first and last arrived (the reporting-rate table's source)."""

    __tablename__ = "hub_period_arrival"
    __table_args__ = (UniqueConstraint("unit_id", "period", name="uq_hub_arrival"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("hub_unit.id"))
    period: Mapped[str] = mapped_column(String(40), index=True)
    first_at: Mapped[datetime] = mapped_column(DateTime)
    last_at: Mapped[datetime] = mapped_column(DateTime)
    # The first arrival after the period ended: the final figures, judged on time or late against the due day.
    final_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Batch(HubBase):
    """One upload and its import summary; the (unit, batch id) pair makes a repeated request harmless."""

    __tablename__ = "hub_batch"
    __table_args__ = (UniqueConstraint("unit_id", "batch_id", name="uq_hub_batch"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("hub_unit.id"))
    batch_id: Mapped[str] = mapped_column(String(80))
    received_at: Mapped[datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(String(20), default="api")  # api | file
    summary: Mapped[dict] = mapped_column(JSON)


class ClosedPeriod(HubBase):
    """A period the hub's staff closed (khóa số liệu): uploads touching it answer 409."""

    __tablename__ = "hub_closed_period"
    period: Mapped[str] = mapped_column(String(40), primary_key=True)
    closed_at: Mapped[datetime] = mapped_column(DateTime)
    closed_by: Mapped[str] = mapped_column(String(80))


class DossierRecord(HubBase):
    """A minimal per-dossier record (no names, no ID numbers, no phones)."""

    __tablename__ = "hub_dossier"
    __table_args__ = (UniqueConstraint("unit_id", "code", name="uq_hub_dossier"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("hub_unit.id"))
    code: Mapped[str] = mapped_column(String(64), index=True)
    procedure_code: Mapped[str] = mapped_column(String(64), default="")
    procedure_name: Mapped[str] = mapped_column(String(500), default="")
    field: Mapped[str] = mapped_column(String(300), default="")
    received_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    state: Mapped[str] = mapped_column(String(40), default="")
    state_label: Mapped[str] = mapped_column(String(200), default="")
    channel: Mapped[str] = mapped_column(String(20), default="")
    timeliness: Mapped[str] = mapped_column(String(20), default="")
    collect_at: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class StaffAccount(HubBase):
    """A hub staff member who may open the dashboard (password hashed with argon2)."""

    __tablename__ = "hub_staff"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class WebSession(HubBase):
    """A logged-in staff session; the cookie holds a random id, the table holds its hash and the CSRF token."""

    __tablename__ = "hub_web_session"
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("hub_staff.id"))
    csrf: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class LookupHit(HubBase):
    """Public-lookup counters per client and minute (the rate limit lives in the database, not a worker)."""

    __tablename__ = "hub_lookup_hit"
    client: Mapped[str] = mapped_column(String(64), primary_key=True)
    minute: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    hits: Mapped[int] = mapped_column(Integer, default=0)


class TotalsCache(HubBase):
    """Totals across units of one period, valid while no figure of the period arrived after ``computed_at``."""

    __tablename__ = "hub_totals_cache"
    period: Mapped[str] = mapped_column(String(40), primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(DateTime)
    data: Mapped[dict] = mapped_column(JSON)


class Target(HubBase):
    """A year's target for one of the hub's ratios (chỉ tiêu giao, e.g. 0.9 on-time resolution); 📘 data.

    ``ratio`` None: the staff set "no target" for that year. Year 0 holds hub-wide defaults (targets stored
    before targets had a year); a year with neither falls back to reporting.DEFAULT_TARGETS."""

    __tablename__ = "hub_target"
    __table_args__ = (PrimaryKeyConstraint("year", "indicator", name="pk_hub_target"),)
    year: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(String(80))
    ratio: Mapped[float | None] = mapped_column(nullable=True)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    updated_by: Mapped[str] = mapped_column(String(80), default="")


class AuditEvent(HubBase):
    """What the hub's staff did (close or reopen a period, set a target): who, when, what, for the history
    shown on the period and targets pages. Append-only."""

    __tablename__ = "hub_audit"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))  # period.close | period.open | target.set
    subject: Mapped[str] = mapped_column(String(80))  # the period code, or "<year>:<indicator>"
    detail: Mapped[dict] = mapped_column(JSON)


Index("ix_hub_value_unit_period", DataValue.unit_id, DataValue.period)
Index("ix_hub_arrival_period_last", PeriodArrival.period, PeriodArrival.last_at)
# Totals across units per period read only this index (unit totals have breakdown "").
Index("ix_hub_value_totals", DataValue.period, DataValue.breakdown, DataValue.indicator, DataValue.value)
Index("ix_hub_audit_subject", AuditEvent.subject, AuditEvent.id)
