"""What a procedure gives at the counter: its preview, fee and processing time (intake helpers).

Re-exported by :mod:`desk_app.services.intake.receive` (``preview``, ``ProcedurePreview``, ``processing_text``,
``fee_text``); the lifecycle and print glue may use ``fee_text`` / ``processing_text`` for their forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.calendar import TimeUnit
from desk_app.domain.errors import ValidationError
from desk_app.domain.fees import format_vnd, quote
from desk_app.services.intake.inputs import DocumentInput, FeeInput
from desk_app.services.setup import catalog
from desk_app.services.setup.calendar import calendar_from_session
from desk_app.store.db import Database
from desk_app.store.models import Dossier, Procedure


@dataclass(frozen=True)
class ProcedurePreview:
    """What the picker shows once a procedure (thủ tục hành chính) is chosen.

    ``documents`` is the procedure's required list, ready to be sent back in an IntakeRequest;
    ``fee_amount`` None means the fee is set by the provincial council and the clerk must type it.
    ``due_at`` is the appointment a dossier received at ``received_at`` would get.
    """

    code: str
    version: int
    name: str
    field: str
    documents: tuple[DocumentInput, ...]
    fee_amount: int | None
    fee_text: str
    processing_text: str
    processing_value: float
    processing_unit: str
    cutoff_time: time | None
    received_at: datetime
    due_at: datetime
    online_level: str = ""
    online_only: bool = False  # received online only: the counter helps file it (services/assist)


def processing_text(proc: Procedure) -> str:
    """The processing time as published, or worded from its value and unit ("03 ngày làm việc")."""
    if proc.processing_text:
        return proc.processing_text
    value = proc.processing_value
    number = f"{int(value):02d}" if float(value).is_integer() else f"{value:g}".replace(".", ",")
    return {
        TimeUnit.SAME_DAY.value: "Trong ngày",
        TimeUnit.WORKING_DAYS.value: f"{number} ngày làm việc",
        TimeUnit.DAYS.value: f"{number} ngày",
        TimeUnit.WORKING_HOURS.value: f"{number} giờ làm việc",
    }.get(proc.processing_unit, f"{number} {proc.processing_unit}")


def procedure_at(session: Session, code: str, day: date) -> Procedure:
    """The current procedure, or for a backlog dossier the older version in force on ``day``."""
    current = catalog.find_procedure(session, code)
    if day >= current.effective_from:
        return current
    older = session.scalars(
        select(Procedure)
        .where(Procedure.code == current.code, Procedure.effective_from <= day, Procedure.effective_to > day)
        .order_by(Procedure.version.desc())
    ).first()
    return older or current


def due_for(session: Session, proc: Procedure, received: datetime) -> datetime:
    return calendar_from_session(session).due_at(
        received, proc.processing_value, proc.processing_unit, proc.cutoff_time
    )


def preview(
    db: Database,
    procedure_code: str,
    received_at: datetime | None = None,
    *,
    pages: int = 1,
    copies: int = 1,
    online: bool = False,
) -> ProcedurePreview:
    """What receiving ``procedure_code`` now (or at ``received_at``) would give. Raises ValidationError
    (field ``procedure``) for an unknown code."""
    received = (received_at or datetime.now()).replace(second=0, microsecond=0)
    with db.session() as session:
        proc = catalog.find_procedure(session, procedure_code)
        fee = quote(proc.fee_rule or {}, copies=copies, pages=pages, online=online)
        docs = tuple(
            DocumentInput(name=d["name"], kind=d.get("kind", "original"), quantity=int(d.get("quantity", 1)))
            for d in proc.documents or []
        )
        return ProcedurePreview(
            code=proc.code,
            version=proc.version,
            name=proc.name,
            field=proc.field,
            documents=docs,
            fee_amount=fee.amount,
            fee_text=proc.fee_text or fee.text,
            processing_text=processing_text(proc),
            processing_value=proc.processing_value,
            processing_unit=proc.processing_unit,
            cutoff_time=proc.cutoff_time,
            received_at=received,
            due_at=due_for(session, proc, received),
            online_level=proc.online_level,
            online_only=bool(proc.online_only),
        )


def settle_fee(proc: Procedure, fee: FeeInput | None, channel: str) -> tuple[int, str, bool]:
    """(amount, method, known) for the dossier. Without a FeeInput the rule's amount is used and marked
    unpaid (or exempt when zero); a rule without an amount (HĐND) leaves 0 "unpaid", known=False."""
    rule = proc.fee_rule or {}
    online = channel == "online"
    if fee is None:
        q = quote(rule, online=online)
        if q.amount is None:
            return 0, "unpaid", False
        return q.amount, "exempt" if q.amount == 0 else "unpaid", True
    if fee.method == "exempt":
        return 0, "exempt", True
    amount = fee.amount
    if amount is None:
        amount = quote(rule, copies=fee.copies, pages=fee.pages, online=online).amount
        if amount is None:
            raise ValidationError(
                f"The fee of {proc.code} is set by the provincial council: enter the amount.",
                "Phí của thủ tục này theo nghị quyết HĐND tỉnh: hãy nhập số tiền.",
                field="fee.amount",
            )
    return amount, fee.method, True


def fee_text(dossier: Dossier) -> str:
    """The fee line of the slip: "10.000 đồng (đã nộp tiền mặt)", "Miễn phí", …"""
    labels = {"cash": "đã nộp tiền mặt", "online": "đã thanh toán trực tuyến", "unpaid": "chưa nộp"}
    if dossier.fee_amount > 0:
        label = labels.get(dossier.fee_method)
        return f"{format_vnd(dossier.fee_amount)} ({label})" if label else format_vnd(dossier.fee_amount)
    if dossier.fee_method == "unpaid":
        rule = dossier.procedure.fee_rule or {}
        base = dossier.procedure.fee_text or quote(rule).text
        return f"{base} (chưa nộp)"
    return "Miễn phí"
