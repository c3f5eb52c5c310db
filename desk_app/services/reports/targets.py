"""Yearly targets (chỉ tiêu giao): what the province expects of each ratio, entered by an admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.errors import ValidationError
from desk_app.domain.indicators import BY_CODE, TARGETABLE
from desk_app.domain.text import clean_line
from desk_app.store import audit
from desk_app.store.db import Database
from desk_app.store.models_reports import ReportTarget


@dataclass(frozen=True)
class Target:
    year: int
    indicator: str
    label: str
    value: float  # 0..1
    note: str

    def to_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "indicator": self.indicator,
            "label": self.label,
            "value": self.value,
            "note": self.note,
        }


def parse_value(text: str) -> float:
    """A target typed as ``60%``, ``60`` or ``0.6``: the ratio 0.6."""
    raw = text.strip().replace(",", ".").rstrip("%").strip()
    try:
        value = float(raw)
    except ValueError:
        raise ValidationError(
            f"Target {text!r} is not a number (use 60% or 0.6).",
            "Chỉ tiêu phải là một số (ví dụ 60% hoặc 0,6).",
            field="value",
        ) from None
    if value > 1 or text.strip().endswith("%"):
        value /= 100
    if not 0 <= value <= 1:
        raise ValidationError(
            "A target is between 0% and 100%.", "Chỉ tiêu phải từ 0% đến 100%.", field="value"
        )
    return round(value, 6)


def _check(year: int, indicator: str) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError(f"Year {year} is out of range.", "Năm không hợp lệ.", field="year")
    if indicator not in TARGETABLE:
        raise ValidationError(
            f"Unknown indicator {indicator!r}: one of {', '.join(TARGETABLE)}.",
            "Chỉ tiêu không hợp lệ.",
            field="indicator",
        )


def set_target(
    db: Database, year: int, indicator: str, value: float, note: str = "", actor: str = ""
) -> Target:
    """Add or replace the target of ``indicator`` for ``year`` (one transaction with its audit event)."""
    _check(year, indicator)
    if not 0 <= value <= 1:
        raise ValidationError(
            "A target is between 0% and 100%.", "Chỉ tiêu phải từ 0% đến 100%.", field="value"
        )
    note = clean_line(note)
    with db.transaction() as session:
        row = session.scalars(
            select(ReportTarget).where(ReportTarget.year == year, ReportTarget.indicator == indicator)
        ).one_or_none()
        before = row.value if row is not None else None
        if row is None:
            row = ReportTarget(year=year, indicator=indicator)
            session.add(row)
        row.value, row.note, row.updated_by = value, note, actor
        row.updated_at = datetime.now().replace(microsecond=0)
        audit.record(
            session,
            "report.target_set",
            actor=actor,
            entity="report_target",
            entity_id=f"{year}:{indicator}",
            detail={"year": year, "indicator": indicator, "value": value, "before": before, "note": note},
        )
    return Target(year, indicator, BY_CODE[indicator].name_vi, value, note)


def targets_for(session: Session, year: int) -> dict[str, float]:
    """{indicator: target ratio} for ``year``."""
    rows = session.scalars(select(ReportTarget).where(ReportTarget.year == year))
    return {r.indicator: r.value for r in rows}


def list_targets(db: Database, year: int | None = None) -> list[Target]:
    with db.session() as session:
        query = select(ReportTarget).order_by(ReportTarget.year, ReportTarget.indicator)
        if year is not None:
            query = query.where(ReportTarget.year == year)
        return [
            Target(
                r.year,
                r.indicator,
                BY_CODE[r.indicator].name_vi if r.indicator in BY_CODE else r.indicator,
                r.value,
                r.note,
            )
            for r in session.scalars(query)
        ]
