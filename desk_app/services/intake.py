"""Counter intake (tiếp nhận hồ sơ): preview a procedure, then receive, guide or refuse a dossier.

Public API (used by the intake screen, the CLI and the lifecycle work):

- :func:`preview` — what the procedure picker shows: documents, fee, processing time, the due date now.
- :func:`receive` — a complete dossier: state ``received``, a dossier code, a due date (Mẫu 01 slip).
- :func:`guide` — an incomplete dossier: not received, state ``guided``, a supplement episode at stage
  ``intake`` and a guidance number ``HD-YYMMDD-XXXX`` for Mẫu 02 (NĐ 61/2018 Đ.16: guide once, fully).
- :func:`refuse` — refused at the counter: state ``refused``, a refusal number ``TC-YYMMDD-XXXX`` (Mẫu 03).

Each validates everything first (:func:`desk_app.services.intake_input.check_request`) and raises
:class:`~desk_app.domain.errors.ValidationError` naming the field, then writes in ONE transaction: the
applicant (reused by ID number), the dossier, its documents, a dossier event and an audit event.
The same ``client_token`` twice returns the first result with ``created=False`` and writes nothing.
Printing the forms is in :mod:`desk_app.services.prints`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from uuid import uuid4

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.calendar import TimeUnit
from desk_app.domain.errors import NotFound, ValidationError
from desk_app.domain.fees import format_vnd, quote
from desk_app.domain.identity import mask_id
from desk_app.domain.states import State
from desk_app.domain.text import clean_line
from desk_app.services import catalog
from desk_app.services.applicants import ApplicantInput, person_dict, upsert_applicant
from desk_app.services.calendar import calendar_from_session
from desk_app.services.codes import (
    GUIDANCE_PREFIX,
    REFUSAL_PREFIX,
    agency_code_at,
    claim_existing_code,
    issue_code,
    issue_number,
)
from desk_app.services.intake_input import (
    CHANNELS,
    DOCUMENT_KINDS,
    FEE_METHODS,
    RETURN_VIA,
    DocumentInput,
    FeeInput,
    IntakeRequest,
    IntakeResult,
    check_request,
)
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models import (
    Counter,
    Dossier,
    DossierDocument,
    DossierEvent,
    Procedure,
    SupplementEpisode,
    Unit,
)

__all__ = [
    "CHANNELS", "DOCUMENT_KINDS", "FEE_METHODS", "RETURN_VIA", "ApplicantInput", "DocumentInput", "FeeInput",
    "IntakeRequest", "IntakeResult", "ProcedurePreview", "guide", "preview", "processing_text", "receive", "refuse",
    "result_for",
]


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


def _procedure_at(session: Session, code: str, day: date) -> Procedure:
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


def _due(session: Session, proc: Procedure, received: datetime) -> datetime:
    return calendar_from_session(session).due_at(received, proc.processing_value, proc.processing_unit,
                                                 proc.cutoff_time)


def preview(db: Database, procedure_code: str, received_at: datetime | None = None, *, pages: int = 1,
            copies: int = 1, online: bool = False) -> ProcedurePreview:
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
            code=proc.code, version=proc.version, name=proc.name, field=proc.field, documents=docs,
            fee_amount=fee.amount, fee_text=proc.fee_text or fee.text, processing_text=processing_text(proc),
            processing_value=proc.processing_value, processing_unit=proc.processing_unit,
            cutoff_time=proc.cutoff_time, received_at=received, due_at=_due(session, proc, received),
            online_level=proc.online_level,
        )


def _settle_fee(proc: Procedure, fee: FeeInput | None, channel: str) -> tuple[int, str, bool]:
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


def _unit_and_counter(session: Session) -> tuple[Unit, Counter | None, int]:
    unit = session.scalars(select(Unit).limit(1)).first()
    if unit is None:
        raise NotFound(
            "No unit is set up yet: run `desk-app init --agency-code CODE --unit-name NAME` first.",
            "Chưa khai báo đơn vị. Hãy khởi tạo đơn vị trước khi tiếp nhận hồ sơ.",
        )
    number = int(settings.get(session, "counter_number"))
    counter = session.scalars(select(Counter).where(Counter.unit_id == unit.id, Counter.number == number)).first()
    if counter is None:
        counter = Counter(unit_id=unit.id, number=number, name=f"Quầy {number}")
        session.add(counter)
        session.flush()
    return unit, counter, number


def _event_number(session: Session, dossier: Dossier) -> str:
    if dossier.code:
        return dossier.code
    data = session.scalars(
        select(DossierEvent.data).where(DossierEvent.dossier_id == dossier.id).order_by(DossierEvent.id).limit(1)
    ).first()
    return str((data or {}).get("number", ""))


def _result(session: Session, dossier: Dossier, created: bool) -> IntakeResult:
    return IntakeResult(dossier.id, dossier.code, dossier.due_at, dossier.state, created,
                        _event_number(session, dossier), dossier.received_at)


def result_for(db: Database, client_token: str) -> IntakeResult | None:
    """The saved result of ``client_token``, if any (e.g. the screen checks after a crash)."""
    with db.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.client_token == client_token)).first()
        return _result(session, dossier, False) if dossier else None


def _save(db: Database, req: IntakeRequest, state: State, actor: str, *, missing: Sequence[str] = (),
          reason: str = "", legal_basis: str = "") -> IntakeResult:
    now = datetime.now()
    clean = check_request(req, now=now, documents_required=state == State.RECEIVED)
    received = clean.received_at
    assert received is not None  # filled by check_request
    token = clean.client_token or uuid4().hex
    with db.transaction() as s:
        found = s.scalars(select(Dossier).where(Dossier.client_token == token)).first()
        if found is not None:
            return _result(s, found, created=False)
        unit, counter, counter_no = _unit_and_counter(s)
        proc = _procedure_at(s, clean.procedure_code, received.date())
        due: datetime | None = None
        rule_due: datetime | None = None
        code: str | None = None
        number = ""
        fee_amount, fee_method, fee_known = 0, "exempt", True
        if state == State.RECEIVED:
            rule_due = _due(s, proc, received)
            due = rule_due
            if clean.due_at is not None:
                if clean.due_at < rule_due:
                    raise ValidationError(
                        f"The appointment cannot be earlier than {rule_due:%Y-%m-%d %H:%M} (the rule's date).",
                        f"Ngày hẹn trả không được sớm hơn {rule_due:%H:%M ngày %d/%m/%Y} theo quy định.",
                        field="due_at",
                    )
                due = clean.due_at
            fee_amount, fee_method, fee_known = _settle_fee(proc, clean.fee, clean.channel)
            agency = agency_code_at(s, unit, received.date())
            if clean.existing_code:
                code = claim_existing_code(s, clean.existing_code, received.date(), agency, counter_no)
            else:
                code = issue_code(s, agency, received.date(), counter_no)
            number = code
            proc.use_count = (proc.use_count or 0) + 1
        else:
            prefix = GUIDANCE_PREFIX if state == State.GUIDED else REFUSAL_PREFIX
            number = issue_number(s, prefix, received.date(), counter_no)
        applicant = upsert_applicant(s, clean.applicant)
        dossier = Dossier(
            code=code, client_token=token, unit_id=unit.id, counter_id=counter.id if counter else None,
            procedure_id=proc.id, applicant_id=applicant.id,
            representative=person_dict(clean.representative) if clean.representative else None,
            channel=clean.channel, return_via=clean.return_via, state=state.value, received_at=received,
            due_at=due, finished_at=received if state == State.REFUSED else None,
            supplement_count=0, set_count=clean.set_count, fee_amount=fee_amount, fee_method=fee_method,
            paid_online=fee_method == "online", vneid_verified=clean.vneid_verified, note=clean.note,
            created_by=actor, updated_at=now.replace(microsecond=0),
        )
        s.add(dossier)
        s.flush()
        for position, doc in enumerate(clean.documents, start=1):
            s.add(DossierDocument(dossier_id=dossier.id, position=position, name=doc.name, kind=doc.kind,
                                  quantity=doc.quantity, received=doc.received, required=doc.required))
        data: dict[str, Any] = {"number": number, "counter": counter_no, "procedure": proc.code,
                                "procedure_version": proc.version}
        if state == State.RECEIVED:
            data.update(rule_due_at=rule_due.strftime("%Y-%m-%dT%H:%M") if rule_due else None,
                        backlog=bool(clean.existing_code), fee_known=fee_known)
        if state == State.GUIDED:
            data["missing"] = list(missing)
            s.add(SupplementEpisode(dossier_id=dossier.id, stage="intake", requested_at=received,
                                    items=list(missing), reason=reason))
        if state == State.REFUSED:
            data["legal_basis"] = legal_basis
        action = {State.RECEIVED: "receive", State.GUIDED: "guide", State.REFUSED: "refuse"}[state]
        s.add(DossierEvent(dossier_id=dossier.id, action=action, at=received, state_before=None,
                           state_after=state.value, actor=actor, reason=reason, data=data))
        audit.record(s, f"dossier.{action}", actor=actor, entity="dossier", entity_id=dossier.id,
                     detail={"number": number, "code": code, "procedure": proc.code, "state": state.value,
                             "received_at": received.strftime("%Y-%m-%dT%H:%M"),
                             "due_at": due.strftime("%Y-%m-%dT%H:%M") if due else None,
                             "applicant_id": mask_id(applicant.id_number), "counter": counter_no})
        s.flush()
        return IntakeResult(dossier.id, code, due, state.value, True, number, received)


def receive(db: Database, req: IntakeRequest, actor: str = "") -> IntakeResult:
    """Receive a complete dossier: issue its code (or keep ``existing_code``), compute its due date, store
    it in state ``received``. Raises ValidationError (field named) or UserError (counter block used up)."""
    return _save(db, req, State.RECEIVED, actor)


def _clean_items(missing: Sequence[str]) -> list[str]:
    items = [clean_line(m) for m in missing if clean_line(m)]
    if not items:
        raise ValidationError("List what is missing from the dossier.", "Cần ghi rõ nội dung cần bổ sung, hoàn thiện.",
                              field="missing")
    return items


def guide(db: Database, req: IntakeRequest, missing: list[str], reason: str, actor: str = "") -> IntakeResult:
    """Record guidance for an incomplete dossier (not received): state ``guided``, no code, a guidance
    number ``HD-YYMMDD-XXXX`` for Mẫu 02 (:func:`desk_app.services.prints.render_guidance`)."""
    return _save(db, req, State.GUIDED, actor, missing=_clean_items(missing), reason=clean_line(reason))


def refuse(db: Database, req: IntakeRequest, reason: str, legal_basis: str = "", actor: str = "") -> IntakeResult:
    """Record a refusal at the counter: state ``refused``, no code, a refusal number ``TC-YYMMDD-XXXX``
    for Mẫu 03 (:func:`desk_app.services.prints.render_refusal`). ``reason`` is required."""
    text = clean_line(reason)
    if not text:
        raise ValidationError("Give the reason for the refusal.", "Cần ghi rõ lý do từ chối tiếp nhận.", field="reason")
    return _save(db, req, State.REFUSED, actor, reason=text, legal_basis=clean_line(legal_basis))


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
