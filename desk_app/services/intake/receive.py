"""Counter intake (tiếp nhận hồ sơ): preview a procedure, then receive, guide or refuse a dossier.

Public API (used by the intake screen, the CLI and the lifecycle work):

- :func:`preview` — what the procedure picker shows: documents, fee, processing time, the due date now.
- :func:`receive` — a complete dossier: state ``received``, a dossier code, a due date (Mẫu 01 slip).
- :func:`guide` — an incomplete dossier: not received, state ``guided``, a supplement episode at stage
  ``intake`` and a guidance number ``HD-YYMMDD-XXXX`` for Mẫu 02 (NĐ 61/2018 Đ.16: guide once, fully).
- :func:`refuse` — refused at the counter: state ``refused``, a refusal number ``TC-YYMMDD-XXXX`` (Mẫu 03).

Each validates everything first (:func:`desk_app.services.intake.inputs.check_request`) and raises
:class:`~desk_app.domain.errors.ValidationError` naming the field, then writes in ONE transaction: the
applicant (reused by ID number), the dossier, its documents, a dossier event and an audit event.
The same ``client_token`` twice returns the first result with ``created=False`` and writes nothing.
Printing the forms is in :mod:`desk_app.services.lifecycle.prints`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import uuid4

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.errors import NotFound, ValidationError
from desk_app.domain.identity import mask_id
from desk_app.domain.postal import parse_item_number
from desk_app.domain.states import State
from desk_app.domain.text import clean_line
from desk_app.services.intake.applicants import ApplicantInput, person_dict, upsert_applicant
from desk_app.services.intake.codes import (
    GUIDANCE_PREFIX,
    REFUSAL_PREFIX,
    agency_code_at,
    claim_existing_code,
    issue_code,
    issue_number,
)
from desk_app.services.intake.inputs import (
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
from desk_app.services.intake.numbering import enter_in_register, form_set_on
from desk_app.services.intake.quote import (
    ProcedurePreview,
    due_for,
    fee_text,
    preview,
    procedure_at,
    processing_text,
    settle_fee,
)
from desk_app.services.postal.incoming import record_incoming
from desk_app.services.sync.outbox import mark_dossier
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models import (
    Counter,
    Dossier,
    DossierDocument,
    DossierEvent,
    SupplementEpisode,
    Unit,
)

__all__ = [
    "CHANNELS",
    "DOCUMENT_KINDS",
    "FEE_METHODS",
    "RETURN_VIA",
    "ApplicantInput",
    "DocumentInput",
    "FeeInput",
    "IntakeRequest",
    "IntakeResult",
    "ProcedurePreview",
    "fee_text",
    "guide",
    "preview",
    "processing_text",
    "receive",
    "refuse",
    "result_for",
]


def _unit_and_counter(session: Session) -> tuple[Unit, Counter | None, int]:
    unit = session.scalars(select(Unit).limit(1)).first()
    if unit is None:
        raise NotFound(
            "No unit is set up yet: run `desk-app init --agency-code CODE --unit-name NAME` first.",
            "Chưa khai báo đơn vị. Hãy khởi tạo đơn vị trước khi tiếp nhận hồ sơ.",
        )
    number = int(settings.get(session, "counter_number"))
    counter = session.scalars(
        select(Counter).where(Counter.unit_id == unit.id, Counter.number == number)
    ).first()
    if counter is None:
        counter = Counter(unit_id=unit.id, number=number, name=f"Quầy {number}")
        session.add(counter)
        session.flush()
    return unit, counter, number


def _event_number(session: Session, dossier: Dossier) -> str:
    if dossier.code:
        return dossier.code
    data = session.scalars(
        select(DossierEvent.data)
        .where(DossierEvent.dossier_id == dossier.id)
        .order_by(DossierEvent.id)
        .limit(1)
    ).first()
    return str((data or {}).get("number", ""))


def _result(session: Session, dossier: Dossier, created: bool) -> IntakeResult:
    return IntakeResult(
        dossier.id,
        dossier.code,
        dossier.due_at,
        dossier.state,
        created,
        _event_number(session, dossier),
        dossier.received_at,
    )


def result_for(db: Database, client_token: str) -> IntakeResult | None:
    """The saved result of ``client_token``, if any (e.g. the screen checks after a crash)."""
    with db.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.client_token == client_token)).first()
        return _result(session, dossier, False) if dossier else None


def _save(
    db: Database,
    req: IntakeRequest,
    state: State,
    actor: str,
    *,
    missing: Sequence[str] = (),
    reason: str = "",
    legal_basis: str = "",
) -> IntakeResult:
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
        proc = procedure_at(s, clean.procedure_code, received.date())
        due: datetime | None = None
        rule_due: datetime | None = None
        code: str | None = None
        book: tuple[int, int] | None = None
        number = ""
        fee_amount, fee_method, fee_known = 0, "exempt", True
        if state == State.RECEIVED and proc.online_only and clean.channel != "online":
            # A province pilot: received online only; the counter helps file it (services/assist).
            raise ValidationError(
                f"{proc.code} is received online only: help the citizen file it online (desk-app assist).",
                "Thủ tục này chỉ tiếp nhận trực tuyến: hãy hỗ trợ công dân nộp hồ sơ trực tuyến.",
                field="procedure",
            )
        if state == State.RECEIVED:
            rule_due = due_for(s, proc, received)
            due = rule_due
            if clean.due_at is not None:
                if clean.due_at < rule_due:
                    raise ValidationError(
                        f"The appointment cannot be earlier than {rule_due:%Y-%m-%d %H:%M} (the rule's date).",
                        f"Ngày hẹn trả không được sớm hơn {rule_due:%H:%M ngày %d/%m/%Y} theo quy định.",
                        field="due_at",
                    )
                due = clean.due_at
            fee_amount, fee_method, fee_known = settle_fee(proc, clean.fee, clean.channel)
            agency = agency_code_at(s, unit, received.date())
            if clean.existing_code:
                code = claim_existing_code(s, clean.existing_code, received.date(), agency, counter_no)
            else:
                code = issue_code(s, agency, received.date(), counter_no)
            number = code
            book = enter_in_register(s, received)
            proc.use_count = (proc.use_count or 0) + 1
        else:
            prefix = GUIDANCE_PREFIX if state == State.GUIDED else REFUSAL_PREFIX
            number = issue_number(s, prefix, received.date(), counter_no)
        applicant = upsert_applicant(
            s, clean.applicant, accept_name_change=clean.accept_name_change, actor=actor
        )
        dossier = Dossier(
            code=code,
            client_token=token,
            unit_id=unit.id,
            counter_id=counter.id if counter else None,
            procedure_id=proc.id,
            applicant_id=applicant.id,
            representative=person_dict(clean.representative) if clean.representative else None,
            channel=clean.channel,
            return_via=clean.return_via,
            state=state.value,
            received_at=received,
            due_at=due,
            finished_at=received if state == State.REFUSED else None,
            supplement_count=0,
            set_count=clean.set_count,
            fee_amount=fee_amount,
            fee_method=fee_method,
            paid_online=fee_method == "online",
            vneid_verified=clean.vneid_verified,
            note=clean.note,
            book_number=book[0] if book else None,
            book_seq=book[1] if book else None,
            form_set=form_set_on(s, received.date()),
            created_by=actor,
            updated_at=now.replace(microsecond=0),
        )
        s.add(dossier)
        s.flush()
        for position, doc in enumerate(clean.documents, start=1):
            s.add(
                DossierDocument(
                    dossier_id=dossier.id,
                    position=position,
                    name=doc.name,
                    kind=doc.kind,
                    quantity=doc.quantity,
                    received=doc.received,
                    required=doc.required,
                )
            )
        data: dict[str, Any] = {
            "number": number,
            "counter": counter_no,
            "procedure": proc.code,
            "procedure_version": proc.version,
        }
        if state == State.RECEIVED:
            data.update(
                rule_due_at=rule_due.strftime("%Y-%m-%dT%H:%M") if rule_due else None,
                backlog=bool(clean.existing_code),
                fee_known=fee_known,
            )
        if state == State.GUIDED:
            data["missing"] = list(missing)
            s.add(
                SupplementEpisode(
                    dossier_id=dossier.id,
                    stage="intake",
                    requested_at=received,
                    items=list(missing),
                    reason=reason,
                )
            )
        if state == State.REFUSED:
            data["legal_basis"] = legal_basis
        action = {State.RECEIVED: "receive", State.GUIDED: "guide", State.REFUSED: "refuse"}[state]
        s.add(
            DossierEvent(
                dossier_id=dossier.id,
                action=action,
                at=received,
                state_before=None,
                state_after=state.value,
                actor=actor,
                reason=reason,
                data=data,
            )
        )
        audit.record(
            s,
            f"dossier.{action}",
            actor=actor,
            entity="dossier",
            entity_id=dossier.id,
            detail={
                "number": number,
                "code": code,
                "procedure": proc.code,
                "state": state.value,
                "received_at": received.strftime("%Y-%m-%dT%H:%M"),
                "due_at": due.strftime("%Y-%m-%dT%H:%M") if due else None,
                "applicant_id": mask_id(applicant.id_number),
                "counter": counter_no,
                "book": [book[0], book[1]] if book else None,
            },
        )
        if state == State.RECEIVED and clean.postal is not None:
            post = clean.postal
            record_incoming(
                s,
                dossier,
                parse_item_number(post.item, free=post.free),
                delivered_at=post.delivered_at,
                address=post.sender_address or None,
                actor=actor,
            )
        mark_dossier(s, dossier, received)  # the sync outbox, in this same transaction
        s.flush()
        return IntakeResult(dossier.id, code, due, state.value, True, number, received)


def receive(db: Database, req: IntakeRequest, actor: str = "") -> IntakeResult:
    """Receive a complete dossier: issue its code (or keep ``existing_code``), compute its due date, store
    it in state ``received``. Raises ValidationError (field named) or UserError (counter block used up)."""
    return _save(db, req, State.RECEIVED, actor)


def _clean_items(missing: Sequence[str]) -> list[str]:
    items = [clean_line(m) for m in missing if clean_line(m)]
    if not items:
        raise ValidationError(
            "List what is missing from the dossier.",
            "Cần ghi rõ nội dung cần bổ sung, hoàn thiện.",
            field="missing",
        )
    return items


def guide(db: Database, req: IntakeRequest, missing: list[str], reason: str, actor: str = "") -> IntakeResult:
    """Record guidance for an incomplete dossier (not received): state ``guided``, no code, a guidance
    number ``HD-YYMMDD-XXXX`` for Mẫu 02 (:func:`desk_app.services.lifecycle.prints.render_guidance`)."""
    return _save(db, req, State.GUIDED, actor, missing=_clean_items(missing), reason=clean_line(reason))


def refuse(
    db: Database, req: IntakeRequest, reason: str, legal_basis: str = "", actor: str = ""
) -> IntakeResult:
    """Record a refusal at the counter: state ``refused``, no code, a refusal number ``TC-YYMMDD-XXXX``
    for Mẫu 03 (:func:`desk_app.services.lifecycle.prints.render_refusal`). ``reason`` is required."""
    text = clean_line(reason)
    if not text:
        raise ValidationError(
            "Give the reason for the refusal.", "Cần ghi rõ lý do từ chối tiếp nhận.", field="reason"
        )
    return _save(db, req, State.REFUSED, actor, reason=text, legal_basis=clean_line(legal_basis))
