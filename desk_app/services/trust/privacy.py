"""Personal data requests and the retention rule (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).

- ``export_person``: everything the database holds about one person, found by personal ID number: their
  applicant records, their dossiers with every related row (documents, moves, supplements, scans, and rows
  of tables added later that point at a dossier), every other row whose text mentions the number (as a
  representative or a receiver, in a help log...), and the audit events about those records. Written as
  JSON with full values: the export is for the person concerned, so it must not be masked.
- ``retention``: the rule is "anonymise the applicant of dossiers that were all closed (returned, refused,
  stopped, or guidance only) more than ``retention_years`` years ago". Off while the setting is 0/empty: the
  admin sets it after checking the archive rules that apply to the commune's records. Anonymising blanks the
  applicant's name, ID numbers, birth date, address, phone and email, the representative and receiver of
  those dossiers and their free-text note; the dossier itself (procedure, dates, states, fees) stays for the
  statistics. Stored scans belong to the archived dossier and are not touched; audit events are append-only
  and hold masked values only. Every export and every application of the rule is audited.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import String, Table, Text, and_, false, func, or_, select, true, type_coerce
from sqlalchemy.orm import Session

from desk_app.domain.errors import UserError, ValidationError
from desk_app.domain.identity import mask_id
from desk_app.domain.states import FINAL_STATES
from desk_app.domain.text import fold
from desk_app.fsutil import replace_file
from desk_app.logmask import MaskingFilter, install_log_masking, mask_text
from desk_app.store import audit, settings
from desk_app.store.base import Base, JSONText
from desk_app.store.db import Database
from desk_app.store.models import Applicant, AuditEvent, Dossier

__all__ = [
    "ANON_NAME",
    "MaskingFilter",
    "collect_person",
    "export_person",
    "install_log_masking",
    "mask_text",
    "retention",
]

ANON_NAME = "Đã ẩn danh"  # what an anonymised applicant's name reads
_ID = re.compile(r"^\d{9}$|^\d{12}$")
_KNOWN = {"applicants", "dossiers", "audit_events"}


def _check_id(id_number: str) -> str:
    value = id_number.strip()
    if not _ID.match(value):
        raise ValidationError(
            "A personal ID number has 12 digits (or 9 for an old ID card).",
            "Số định danh cá nhân gồm 12 chữ số (hoặc 9 chữ số với CMND cũ).",
            field="id_number",
        )
    return value


def _row(table: Table, row: Any) -> dict[str, Any]:
    return {c.name: row._mapping[c] for c in table.columns}


def _text_columns(table: Table) -> list[Any]:
    # type_coerce: a LIKE on a JSON column must compare its stored text, not a JSON-encoded pattern.
    return [type_coerce(c, Text) for c in table.columns if isinstance(c.type, String | Text | JSONText)]


def collect_person(session: Session, id_number: str) -> dict[str, Any]:
    """Everything held about the person with ``id_number`` (full values), as plain JSON-ready data."""
    number = _check_id(id_number)
    tables = Base.metadata.tables
    applicants = session.execute(
        select(tables["applicants"]).where(
            or_(Applicant.id_number == number, Applicant.old_id_number == number)
        )
    ).all()
    applicant_ids = [r.id for r in applicants]
    dossier_rows = (
        session.execute(
            select(tables["dossiers"]).where(Dossier.applicant_id.in_(applicant_ids)).order_by(Dossier.id)
        ).all()
        if applicant_ids
        else []
    )
    dossier_ids = [r.id for r in dossier_rows]
    related: dict[str, list[dict[str, Any]]] = {}
    mentions: dict[str, list[dict[str, Any]]] = {}
    for name, table in sorted(tables.items()):
        if name in _KNOWN:
            continue
        if dossier_ids and "dossier_id" in table.columns:
            rows = session.execute(select(table).where(table.c.dossier_id.in_(dossier_ids))).all()
            if rows:
                related[name] = [_row(table, r) for r in rows]
        # The number anywhere else in stored text: a representative, a receiver, a help-log entry, a note.
        cols = _text_columns(table)
        if cols:
            rows = session.execute(select(table).where(or_(*(c.contains(number) for c in cols)))).all()
            rows = [
                r
                for r in rows
                if not (
                    dossier_ids
                    and "dossier_id" in table.columns
                    and r._mapping[table.c.dossier_id] in dossier_ids
                )
            ]
            if rows:
                mentions[name] = [_row(table, r) for r in rows]
    dossier_table = tables["dossiers"]
    mention_dossiers = session.execute(
        select(dossier_table).where(
            or_(*(c.contains(number) for c in _text_columns(dossier_table))),
            Dossier.id.not_in(dossier_ids) if dossier_ids else true(),
        )
    ).all()
    if mention_dossiers:
        mentions["dossiers"] = [_row(dossier_table, r) for r in mention_dossiers]
    dossier_keys = [str(i) for i in dossier_ids] + [r.code for r in dossier_rows if r.code]
    events = session.execute(
        select(tables["audit_events"])
        .where(
            or_(
                and_(AuditEvent.entity == "dossier", AuditEvent.entity_id.in_(dossier_keys))
                if dossier_keys
                else false(),
                and_(
                    AuditEvent.entity == "applicant",
                    AuditEvent.entity_id.in_([str(i) for i in applicant_ids]),
                )
                if applicant_ids
                else false(),
                type_coerce(AuditEvent.detail, Text).contains(number),
            )
        )
        .order_by(AuditEvent.id)
    ).all()
    return {
        "id_number": number,
        "applicants": [_row(tables["applicants"], r) for r in applicants],
        "dossiers": [_row(dossier_table, r) for r in dossier_rows],
        "related": related,
        "mentions": mentions,
        "audit_events": [_row(tables["audit_events"], r) for r in events],
    }


@dataclass(frozen=True)
class ExportResult:
    path: Path
    applicants: int
    dossiers: int
    mentions: int


def export_person(db: Database, id_number: str, out: Path, *, actor: str) -> ExportResult:
    """Write everything held about one person to ``out`` (JSON, owner-only permissions), audited."""
    number = _check_id(id_number)
    out = Path(out).expanduser().absolute()
    with db.session() as session:
        data = collect_person(session, number)
    payload = {
        "format": "desk-app-person-export",
        "generated_at": datetime.now().strftime("%Y-%m-%dT%H:%M:%S"),
        "generated_by": actor,
        **data,
    }
    mentions = sum(len(v) for v in data["mentions"].values())
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False, indent=1, default=_json_default)
            fh.flush()
            os.fsync(fh.fileno())
        replace_file(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(
            f"Cannot write {out}: {exc.strerror or exc}.", "Không ghi được tệp xuất dữ liệu."
        ) from exc
    with db.transaction() as session:
        audit.record(
            session,
            "privacy.export",
            actor=actor,
            entity="person",
            entity_id=mask_id(number),
            detail={
                "applicants": len(data["applicants"]),
                "dossiers": len(data["dossiers"]),
                "mentions": mentions,
            },
        )
    return ExportResult(out, len(data["applicants"]), len(data["dossiers"]), mentions)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class RetentionResult:
    """What the retention rule selects (and, when applied, anonymised)."""

    years: int
    cutoff: date
    applicants: int
    dossiers: int
    applied: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "years": self.years,
            "cutoff": self.cutoff.isoformat(),
            "applicants": self.applicants,
            "dossiers": self.dossiers,
            "applied": self.applied,
        }


def _cutoff(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _eligible(session: Session, cutoff: date) -> list[int]:
    closed_at = func.coalesce(Dossier.returned_at, Dossier.finished_at, Dossier.received_at)
    final = [s.value for s in FINAL_STATES]
    open_count = func.sum(func.iif(Dossier.state.in_(final), 0, 1))
    rows = session.execute(
        select(Dossier.applicant_id)
        .join(Applicant, Applicant.id == Dossier.applicant_id)
        .where(Applicant.full_name != ANON_NAME)
        .group_by(Dossier.applicant_id)
        .having(open_count == 0, func.max(closed_at) < datetime.combine(cutoff, time()))
    ).all()
    return [r[0] for r in rows]


def retention(
    db: Database, *, apply: bool = False, years: int | None = None, actor: str, today: date | None = None
) -> RetentionResult:
    """Find (and with ``apply`` anonymise) applicants whose dossiers all closed more than N years ago."""
    with db.session() as session:
        setting = settings.get(session, "retention_years")
    chosen = years if years is not None else setting
    try:
        n = int(chosen or 0)
    except (TypeError, ValueError):
        n = 0
    if n <= 0:
        raise UserError(
            "No retention period is set: set the setting retention_years (or pass --years N).",
            "Chưa đặt thời hạn lưu giữ dữ liệu cá nhân (số năm).",
        )
    cutoff = _cutoff(today or date.today(), n)
    with db.transaction() as session:
        ids = _eligible(session, cutoff)
        dossiers = session.scalars(select(Dossier).where(Dossier.applicant_id.in_(ids))).all() if ids else []
        if apply and ids:
            for applicant in session.scalars(select(Applicant).where(Applicant.id.in_(ids))):
                applicant.full_name, applicant.folded_name = ANON_NAME, fold(ANON_NAME)
                applicant.id_number = applicant.old_id_number = ""
                applicant.birth_date = None
                applicant.address = applicant.phone = applicant.email = ""
            for dossier in dossiers:
                dossier.representative = None
                dossier.receiver = None
                dossier.note = ""
                dossier.updated_at = datetime.now().replace(microsecond=0)
            audit.record(
                session,
                "privacy.retention",
                actor=actor,
                entity="retention",
                entity_id=str(n),
                detail={"cutoff": cutoff.isoformat(), "applicants": len(ids), "dossiers": len(dossiers)},
            )
        return RetentionResult(n, cutoff, len(ids), len(dossiers), apply and bool(ids))
