"""Printing glue: dossier rows → ``desk_app.printing`` data → PDF bytes, every print audited.

Every form goes through :func:`render_and_record`: in ONE write transaction it loads the dossier, works out
whether this is a reprint (a form already printed for this dossier is a reprint automatically; the page
says "BẢN IN LẠI (lần N)"), renders, and appends an audit event ``print`` with detail
``{"form", "reprint", "count", "code", "number", "paper"}`` where ``count`` is N (0 for a first print).
If rendering fails nothing is recorded.

Forms of this module: ``slip`` (Mẫu 01, :func:`render_slip`), ``guidance`` (Mẫu 02 at intake,
:func:`render_guidance`), ``refusal`` (Mẫu 03 at intake, :func:`render_refusal`). The lifecycle forms
(supplement, apology, stop, control sheet, …) pass their own ``form`` name and builder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.errors import NotFound, UserError, ValidationError
from desk_app.printing import data as pdata
from desk_app.printing.notices import render_refusal as _pdf_refusal
from desk_app.printing.notices import render_supplement as _pdf_supplement
from desk_app.printing.slip import render_slip as _pdf_slip
from desk_app.services.intake.receive import fee_text, processing_text
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models import AuditEvent, Dossier, DossierEvent, Unit

PAPER_SIZES = ("A4", "A5")
RETURN_VIA_TEXT = {
    "counter": "Tại Bộ phận tiếp nhận và trả kết quả",
    "postal": "Qua dịch vụ bưu chính công ích (gửi về địa chỉ người nộp)",
    "online": "Trực tuyến (qua Cổng Dịch vụ công)",
}
#: Actor names that are not a person's name (left blank on the signature line).
_NOT_A_NAME = {"", "cli", "system", "demo", "setup"}


@dataclass(frozen=True)
class PrintMark:
    """What a form builder needs to know about this print: reprint mark and paper size."""

    reprint: bool
    count: int  # N of "BẢN IN LẠI (lần N)"; 0 for a first print
    paper: str  # "A4" or "A5" (the slip; notices are A4)


FormBuilder = Callable[[Session, Dossier, PrintMark], bytes]


def unit_header(session: Session) -> pdata.UnitHeader:
    """The header block of every form, from the unit row and the ``hotline`` setting."""
    unit = session.scalars(select(Unit).limit(1)).first()
    if unit is None:
        raise NotFound("No unit is set up yet.", "Chưa khai báo đơn vị.")
    hotline = str(settings.get(session, "hotline") or "") or unit.phone or None
    return pdata.UnitHeader(
        governing_body=unit.governing_body,
        unit_name=unit.name,
        place_name=unit.place_name,
        office_name=unit.office_name or None,
        hotline=hotline,
    )


def paper_size(session: Session, paper: str | None = None) -> str:
    """``paper`` if given, else the ``paper_size`` setting; ValidationError unless A4 or A5."""
    value = (paper or str(settings.get(session, "paper_size") or "A5")).strip().upper()
    if value not in PAPER_SIZES:
        raise ValidationError(
            f"Paper size must be A4 or A5, not {value!r}.", "Khổ giấy phải là A4 hoặc A5.", field="paper"
        )
    return value


def _person_name(actor: str) -> str:
    return "" if actor.strip().lower() in _NOT_A_NAME else actor.strip()


def _representative(dossier: Dossier) -> str | None:
    rep = dossier.representative or {}
    name = str(rep.get("full_name") or "").strip()
    if not name:
        return None
    return f"{name} (CCCD {rep['id_number']})" if rep.get("id_number") else name


def slip_data(session: Session, dossier: Dossier) -> pdata.SlipData:
    """Mẫu 01 data of a received dossier (without the reprint mark: :func:`render_slip` adds it)."""
    if not dossier.code or dossier.due_at is None:
        raise UserError(
            "This dossier was not received (guided or refused): it has no slip.",
            "Hồ sơ này chưa được tiếp nhận (đã hướng dẫn hoặc từ chối) nên không có giấy hẹn.",
        )
    applicant, proc = dossier.applicant, dossier.procedure
    template = str(settings.get(session, "lookup_url") or "").strip() or None
    return pdata.SlipData(
        header=unit_header(session),
        code=dossier.code,
        applicant_name=applicant.full_name,
        procedure_name=proc.name,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        applicant_id_number=applicant.id_number,
        address=applicant.address,
        phone=applicant.phone,
        email=applicant.email,
        representative=_representative(dossier),
        procedure_code=proc.code,
        documents=[pdata.DocumentLine(d.name, d.kind, d.quantity, d.received) for d in dossier.documents],  # type: ignore[arg-type]
        set_count=dossier.set_count,
        processing_time_text=processing_text(proc),
        return_via_text=RETURN_VIA_TEXT.get(dossier.return_via, dossier.return_via),
        fee_text=fee_text(dossier),
        book_number=str(dossier.book_number) if dossier.book_number is not None else None,
        book_seq=dossier.book_seq,
        receiver_name=_person_name(dossier.created_by),
        lookup_url=template,
    )


def _first_event(session: Session, dossier: Dossier, action: str) -> DossierEvent:
    event = session.scalars(
        select(DossierEvent)
        .where(DossierEvent.dossier_id == dossier.id, DossierEvent.action == action)
        .order_by(DossierEvent.id)
        .limit(1)
    ).first()
    if event is None:
        raise UserError(f"This dossier has no {action} record.", "Hồ sơ này không có thông tin cần in.")
    return event


def guidance_data(session: Session, dossier: Dossier) -> pdata.SupplementData:
    """Mẫu 02 data of a dossier guided at the counter."""
    event = _first_event(session, dossier, "guide")
    episode = next((e for e in dossier.supplements if e.stage == "intake"), None)
    items = list(episode.items) if episode else list((event.data or {}).get("missing", []))
    header = unit_header(session)
    a = dossier.applicant
    return pdata.SupplementData(
        header=header,
        applicant_name=a.full_name,
        procedure_name=dossier.procedure.name,
        items=items,
        issued_at=event.at,
        number=str((event.data or {}).get("number", "")),
        address=a.address,
        phone=a.phone,
        email=a.email,
        reason=event.reason,
        contact_name=header.office,
        contact_phone=header.hotline or "",
        guide_name=_person_name(event.actor),
        code=dossier.code,
    )


def refusal_data(session: Session, dossier: Dossier) -> pdata.RefusalData:
    """Mẫu 03 data of a dossier refused at the counter."""
    event = _first_event(session, dossier, "refuse")
    a = dossier.applicant
    return pdata.RefusalData(
        header=unit_header(session),
        applicant_name=a.full_name,
        procedure_name=dossier.procedure.name,
        legal_basis=str((event.data or {}).get("legal_basis", "")),
        reason=event.reason,
        issued_at=event.at,
        number=str((event.data or {}).get("number", "")),
        address=a.address,
        phone=a.phone,
        email=a.email,
        officer_name=_person_name(event.actor),
        code=dossier.code,
    )


def find_dossier(session: Session, key: str | int) -> Dossier:
    """A dossier by its code (str, case-insensitive) or its id (int); NotFound otherwise."""
    if isinstance(key, int):
        dossier = session.get(Dossier, key)
    else:
        dossier = session.scalars(select(Dossier).where(Dossier.code == key.strip().upper())).first()
    if dossier is None:
        raise NotFound(f"No dossier {key}.", f"Không tìm thấy hồ sơ {key}.")
    return dossier


def print_count(session: Session, dossier: Dossier, form: str) -> int:
    """How many times ``form`` was printed for ``dossier`` (from the audit trail)."""
    details = session.scalars(
        select(AuditEvent.detail).where(
            AuditEvent.action == "print",
            AuditEvent.entity == "dossier",
            AuditEvent.entity_id == str(dossier.id),
        )
    )
    return sum(1 for d in details if (d or {}).get("form") == form)


def _mark(
    session: Session, dossier: Dossier, form: str, reprint: bool | None, paper: str | None
) -> PrintMark:
    count = print_count(session, dossier, form)
    if reprint:  # asked for explicitly (e.g. the paper slip was printed before this app)
        count = max(count, 1)
    return PrintMark(count > 0, count, paper_size(session, paper))


def record_print(
    session: Session,
    dossier: Dossier,
    form: str,
    actor: str = "",
    *,
    reprint: bool | None = None,
    paper: str | None = None,
    detail: dict[str, Any] | None = None,
) -> int:
    """Append the audit event ``print`` for ``form`` of ``dossier`` in the caller's transaction.

    Returns the reprint number N (0 = first print). ``reprint=True`` forces at least N=1; None/False let
    the audit trail decide (a reprint cannot be passed off as a first print).
    """
    return _record(session, dossier, form, actor, _mark(session, dossier, form, reprint, paper), detail)


def _record(
    session: Session,
    dossier: Dossier,
    form: str,
    actor: str,
    mark: PrintMark,
    detail: dict[str, Any] | None = None,
) -> int:
    audit.record(
        session,
        "print",
        actor=actor,
        entity="dossier",
        entity_id=dossier.id,
        detail={
            **(detail or {}),
            "form": form,
            "reprint": mark.reprint,
            "count": mark.count,
            "code": dossier.code,
            "paper": mark.paper,
        },
    )
    return mark.count


def render_and_record(
    db: Database,
    key: str | int,
    form: str,
    build: FormBuilder,
    *,
    actor: str = "",
    reprint: bool | None = None,
    paper: str | None = None,
) -> bytes:
    """Render ``form`` of the dossier ``key`` (code or id) with ``build(session, dossier, mark)`` and record
    the print, in one transaction. ``build`` must put ``mark.reprint`` / ``mark.count`` into its data."""
    with db.transaction() as session:
        dossier = find_dossier(session, key)
        mark = _mark(session, dossier, form, reprint, paper)
        pdf = build(session, dossier, mark)
        _record(session, dossier, form, actor, mark)
        return pdf


def _build_slip(session: Session, dossier: Dossier, mark: PrintMark) -> bytes:
    data = replace(slip_data(session, dossier), reprint=mark.reprint, reprint_count=mark.count)
    return _pdf_slip(data, mark.paper, printed_at=datetime.now())  # type: ignore[arg-type]


def render_slip(
    db: Database, code: str, *, reprint: bool | None = None, paper: str | None = None, actor: str = ""
) -> bytes:
    """PDF of the intake slip (Mẫu 01, two copies) of dossier ``code``; the print is audited."""
    return render_and_record(db, code, "slip", _build_slip, actor=actor, reprint=reprint, paper=paper)


def _build_guidance(session: Session, dossier: Dossier, mark: PrintMark) -> bytes:
    data = replace(guidance_data(session, dossier), reprint=mark.reprint, reprint_count=mark.count)
    return _pdf_supplement(data, printed_at=datetime.now())


def render_guidance(db: Database, dossier_id: int, *, reprint: bool | None = None, actor: str = "") -> bytes:
    """PDF of Mẫu 02 for a dossier guided at the counter (:func:`desk_app.services.intake.receive.guide`)."""
    return render_and_record(db, dossier_id, "guidance", _build_guidance, actor=actor, reprint=reprint)


def _build_refusal(session: Session, dossier: Dossier, mark: PrintMark) -> bytes:
    data = replace(refusal_data(session, dossier), reprint=mark.reprint, reprint_count=mark.count)
    return _pdf_refusal(data, printed_at=datetime.now())


def render_refusal(db: Database, dossier_id: int, *, reprint: bool | None = None, actor: str = "") -> bytes:
    """PDF of Mẫu 03 for a dossier refused at the counter (:func:`desk_app.services.intake.receive.refuse`)."""
    return render_and_record(db, dossier_id, "refusal", _build_refusal, actor=actor, reprint=reprint)
