"""Printing glue: dossier rows → ``desk_app.printing`` data → PDF bytes, every print audited.

Every recorded print goes through :func:`print_and_record` (:func:`render_and_record` returns just its PDF,
for the CLI, whose commands are prints): in ONE write transaction it loads the dossier, works out
whether this is a reprint (a form already printed for this dossier is a reprint automatically; the page
says "BẢN IN LẠI (lần N)"), renders, and appends an audit event ``print`` with detail
``{"form", "reprint", "count", "code", "paper"}`` (plus ``"book": [volume, number]`` for the slip and the
control sheet) where ``count`` is N (0 for a first print).
If rendering fails nothing is recorded.

Forms of this module: ``slip`` (Mẫu 01, :func:`render_slip`), ``guidance`` (Mẫu 02 at intake,
:func:`render_guidance`), ``refusal`` (Mẫu 03 at intake, :func:`render_refusal`). The lifecycle forms
(supplement, apology, stop, control sheet, …) pass their own ``form`` name and builder.

What every form shares is here too: the header as the unit is set up (:func:`unit_header`), the dossier's
form set and its wording (:func:`form_set_of`, :func:`form_texts`), the register numbers
(:func:`register_numbers`), officers by name (:func:`person_name`), the configured signers
(:func:`signature_for`), the processing agency by name (:func:`agency_name`) and the QR target
(:func:`qr_target`). Letters take their number through :mod:`.letters` inside the print's transaction: a print
that fails gives no number.

A preview is not a print (xem trước không phải là in). :func:`render_preview` renders a form as its next
real print would be, in a read session, and writes nothing: no ``print`` event, no number taken (a letter
shows the number it WILL get, :func:`letter_no` with ``mark.preview``), no reprint counted.
:func:`print_and_record` is the real print: in ONE write transaction it takes the number, renders the final
PDF (with that number, the reprint mark as it is now, and the print time that the audit event carries) and
appends the ``print`` event; the caller prints or saves exactly those bytes.

The rule when the printer fails after the clerk pressed Print: the record must come first (it is what gives
the number, and two clerks must never print the same number), so the print is recorded before the paper
comes out. If the printer or the file then fails, :func:`print_failed` appends a ``print-failed`` event naming
that print: the print is no longer counted (:func:`print_count`; the next print is not stamped "BẢN IN LẠI"
for a print that never happened), the trail keeps both facts, and the letter's number stays given to it: the
reprint carries the same number. The window says so plainly to the clerk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.errors import NotFound, UserError, ValidationError
from desk_app.domain.registers import volume_label
from desk_app.printing import data as pdata
from desk_app.printing.notices import render_refusal as _pdf_refusal
from desk_app.printing.notices import render_supplement as _pdf_supplement
from desk_app.printing.slip import render_slip as _pdf_slip
from desk_app.printing.templates import OVERRIDE_FOLDER, FormTexts, load_form_set
from desk_app.services.intake.numbering import form_set_on
from desk_app.services.intake.receive import fee_text, processing_text
from desk_app.services.lifecycle.letters import number_for
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models import AuditEvent, Dossier, DossierEvent, Unit
from desk_app.store.models_auth import User

PAPER_SIZES = ("A4", "A5")
#: The audit action that says a recorded print did not come out (the printer or the file failed).
PRINT_FAILED = "print-failed"
#: "6. Đăng ký nhận kết quả tại: …" (the office's own name stands in for ``counter``).
RETURN_VIA_TEXT = {
    "postal": "Nhà riêng (trụ sở) qua dịch vụ bưu chính công ích",
    "online": "Cổng Dịch vụ công (nhận kết quả điện tử)",
}
#: Actor names that are not a person's name (left blank on the signature line).
_NOT_A_NAME = {"", "cli", "system", "demo", "setup", "gui"}
#: The national portal's lookup: it only knows dossiers filed online (issue 15).
_NATIONAL_PORTAL = "dichvucong.gov.vn"


@dataclass(frozen=True)
class PrintMark:
    """What a form builder needs to know about this print: reprint mark, paper size and where an admin's
    edited form texts live (``<data dir>/forms``)."""

    reprint: bool
    count: int  # N of "BẢN IN LẠI (lần N)"; 0 for a first print
    paper: str  # "A4" or "A5" (the slip; notices are A4)
    forms_dir: Path | None = None
    preview: bool = False  # a preview: take no number, write nothing
    printed_at: datetime | None = None  # the print's time (the audit event's); now when None
    #: The letter numbers the form carries (filled by :func:`letter_no`; recorded in the audit detail).
    numbers: list[str] = field(default_factory=list)

    @property
    def at(self) -> datetime:
        """The time printed on the form ("In lúc …")."""
        return self.printed_at or datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class Recorded:
    """One recorded print: the PDF to print or save (exactly the recorded document) and what identifies it."""

    pdf: bytes
    form: str
    count: int  # N of "BẢN IN LẠI (lần N)"; 0 for a first print
    audit_id: int
    entity: str
    entity_id: str
    number: str | None = None  # the letter's document number, when it has one


FormBuilder = Callable[[Session, Dossier, PrintMark], bytes]


def letter_no(
    session: Session, dossier: Dossier, form: str, event: DossierEvent, mark: PrintMark | None
) -> str:
    """The letter's number for this print: taken (kept) by a real print, only peeked at by a preview."""
    number = number_for(session, dossier, form, event, take=mark is None or not mark.preview)
    if mark is not None:
        mark.numbers.append(number)
    return number


def unit_header(session: Session) -> pdata.UnitHeader:
    """The header block of every form, from the unit as set up (governing body, unit, its office) and the
    ``hotline`` setting."""
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


def form_set_of(session: Session, dossier: Dossier) -> str:
    """The form set ``dossier`` prints with: the one stored at intake, else the one in force that day."""
    return dossier.form_set or form_set_on(session, dossier.received_at.date())


def form_texts(session: Session, dossier: Dossier, mark: PrintMark) -> FormTexts:
    """The wording of ``dossier``'s form set, an admin's edited copy merged over the shipped file."""
    return load_form_set(form_set_of(session, dossier), mark.forms_dir)


def person_name(session: Session, actor: str) -> str:
    """How an officer prints: the account's full name; a typed name as such; "" for non-persons.

    Typed "rank, agency, name" strings ("Công chức Tư pháp, UBND xã, Nguyễn Văn An") print the name only.
    """
    text = actor.strip()
    if text.lower() in _NOT_A_NAME:
        return ""
    user = session.scalars(select(User).where(User.username == text.lower())).first()
    if user is not None and user.full_name.strip():
        return user.full_name.strip()
    return text.rsplit(",", 1)[-1].strip()


def signature_for(session: Session, form: str) -> pdata.Signature:
    """The configured signature block of ``form`` (setting ``form_signers``); the chairman for the People's
    Committee when unset. The placeholder "THỦ TRƯỞNG CƠ QUAN" is never a title."""
    entry = (settings.get(session, "form_signers") or {}).get(form) or {}
    title = str(entry.get("title") or "").strip()
    if not title or title.upper() == pdata.PLACEHOLDER_SIGNER:
        default = pdata.DEFAULT_UNIT_SIGNER
        return pdata.Signature(default.title, str(entry.get("name") or "").strip(), default.capacity)
    return pdata.Signature(
        title, str(entry.get("name") or "").strip(), str(entry.get("capacity") or "").strip()
    )


def agency_name(dossier: Dossier) -> str:
    """The processing agency by name: the procedure's agency unless it is generic ("Ủy ban nhân dân cấp xã",
    a level rather than a body), then the unit's own name."""
    agency = (dossier.procedure.agency or "").strip()
    if not agency or "cấp xã" in agency.lower() or "cấp huyện" in agency.lower():
        return dossier.unit.name
    return agency


def qr_target(session: Session) -> tuple[str | None, str]:
    """(URL template, caption) of the slip's QR: the hub's public lookup page when a hub is configured,
    else the ``lookup_url`` setting, else no QR. The caption (setting ``lookup_caption``, or derived) says
    what the citizen will see."""
    hub = str(settings.get(session, "hub_lookup_url") or "").strip()
    url = hub or str(settings.get(session, "lookup_url") or "").strip()
    if not url:
        return None, ""
    caption = str(settings.get(session, "lookup_caption") or "").strip()
    if caption:
        return url, caption
    host = urlsplit(url.replace("{code}", "x")).hostname or url
    if hub:
        return url, f"Quét mã để xem tình trạng, ngày hẹn trả hồ sơ này ({host})"
    if host.endswith(_NATIONAL_PORTAL):
        return url, "Quét mã: Cổng DVC quốc gia (chỉ tra được hồ sơ nộp trực tuyến)"
    return url, f"Quét mã để tra cứu hồ sơ này tại {host}"


def paper_size(session: Session, paper: str | None = None) -> str:
    """``paper`` if given, else the ``paper_size`` setting; ValidationError unless A4 or A5."""
    value = (paper or str(settings.get(session, "paper_size") or "A5")).strip().upper()
    if value not in PAPER_SIZES:
        raise ValidationError(
            f"Paper size must be A4 or A5, not {value!r}.", "Khổ giấy phải là A4 hoặc A5.", field="paper"
        )
    return value


def _representative(dossier: Dossier) -> str | None:
    rep = dossier.representative or {}
    name = str(rep.get("full_name") or "").strip()
    if not name:
        return None
    return f"{name} (CCCD {rep['id_number']})" if rep.get("id_number") else name


def register_numbers(dossier: Dossier) -> tuple[str | None, int | None]:
    """(volume label "01/2026", running number) of a received dossier, as every form prints them."""
    if dossier.book_seq is None:
        return None, None
    return volume_label(dossier.book_number or 1, dossier.received_at.year), dossier.book_seq


def slip_data(session: Session, dossier: Dossier, mark: PrintMark | None = None) -> pdata.SlipData:
    """Mẫu 01 data of a received dossier (without the reprint mark: :func:`render_slip` adds it)."""
    if not dossier.code or dossier.due_at is None:
        raise UserError(
            "This dossier was not received (guided or refused): it has no slip.",
            "Hồ sơ này chưa được tiếp nhận (đã hướng dẫn hoặc từ chối) nên không có giấy hẹn.",
        )
    applicant, proc = dossier.applicant, dossier.procedure
    header = unit_header(session)
    url, caption = qr_target(session)
    volume, seq = register_numbers(dossier)
    return pdata.SlipData(
        header=header,
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
        return_via_text=RETURN_VIA_TEXT.get(dossier.return_via, header.office),
        fee_text=fee_text(dossier),
        book_number=volume,
        book_seq=seq,
        receiver_name=person_name(session, dossier.created_by),
        lookup_url=url,
        qr_caption=caption,
        form_set=form_set_of(session, dossier),  # type: ignore[arg-type]
        texts=form_texts(session, dossier, mark or PrintMark(False, 0, "A5")),
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


def guidance_data(session: Session, dossier: Dossier, mark: PrintMark | None = None) -> pdata.SupplementData:
    """Mẫu 02 data of a dossier guided at the counter (numbered from the supplement letters' sequence)."""
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
        number=letter_no(session, dossier, "supplement", event, mark),
        address=a.address,
        phone=a.phone,
        email=a.email,
        reason=event.reason,
        contact_name=header.office,
        contact_phone=header.hotline or "",
        guide_name=person_name(session, event.actor),
        code=dossier.code,
        form_set=form_set_of(session, dossier),  # type: ignore[arg-type]
        texts=form_texts(session, dossier, mark or PrintMark(False, 0, "A4")),
    )


def refusal_data(
    session: Session, dossier: Dossier, mark: PrintMark | None = None, event: DossierEvent | None = None
) -> pdata.RefusalData:
    """Mẫu 03 data of a refused dossier: by default the refusal at the counter (the first "refuse" event),
    issued by the office and signed by the officer; the legal basis is the procedure's when the clerk typed
    none. The lifecycle's refusal during processing passes its own ``event`` and adds its signer."""
    event = event or _first_event(session, dossier, "refuse")
    a = dossier.applicant
    basis = str((event.data or {}).get("legal_basis") or "").strip() or dossier.procedure.legal_basis
    return pdata.RefusalData(
        header=unit_header(session),
        applicant_name=a.full_name,
        procedure_name=dossier.procedure.name,
        legal_basis=basis,
        reason=event.reason,
        issued_at=event.at,
        number=letter_no(session, dossier, "refusal", event, mark),
        address=a.address,
        phone=a.phone,
        email=a.email,
        officer_name=person_name(session, event.actor),
        code=dossier.code,
        form_set=form_set_of(session, dossier),  # type: ignore[arg-type]
        texts=form_texts(session, dossier, mark or PrintMark(False, 0, "A4")),
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


def count_prints(session: Session, entity: str, entity_id: str, form: str) -> int:
    """How many times ``form`` was really printed for (``entity``, ``entity_id``): its ``print`` events less
    those a ``print-failed`` event names (:func:`print_failed`)."""
    rows = session.execute(
        select(AuditEvent.id, AuditEvent.action, AuditEvent.detail).where(
            AuditEvent.action.in_(("print", PRINT_FAILED)),
            AuditEvent.entity == entity,
            AuditEvent.entity_id == entity_id,
        )
    ).all()
    failed = {(d or {}).get("print") for _id, action, d in rows if action == PRINT_FAILED}
    return sum(
        1
        for id_, action, d in rows
        if action == "print" and (d or {}).get("form") == form and id_ not in failed
    )


def print_count(session: Session, dossier: Dossier, form: str) -> int:
    """How many times ``form`` was printed for ``dossier`` (from the audit trail; failed prints excluded)."""
    return count_prints(session, "dossier", str(dossier.id), form)


def _mark(
    session: Session,
    dossier: Dossier,
    form: str,
    reprint: bool | None,
    paper: str | None,
    forms_dir: Path | None = None,
    *,
    preview: bool = False,
    printed_at: datetime | None = None,
) -> PrintMark:
    count = print_count(session, dossier, form)
    if reprint:  # asked for explicitly (e.g. the paper slip was printed before this app)
        count = max(count, 1)
    return PrintMark(count > 0, count, paper_size(session, paper), forms_dir, preview, printed_at)


def forms_dir(db: Database) -> Path:
    """Where an admin's edited form texts live: ``<data dir>/forms/<set>.json``."""
    return Path(db.data_dir) / OVERRIDE_FOLDER


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
    _append(session, dossier, form, actor, mark, detail)
    return mark.count


def _append(
    session: Session,
    dossier: Dossier,
    form: str,
    actor: str,
    mark: PrintMark,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    return audit.record(
        session,
        "print",
        at=mark.printed_at,
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
    return print_and_record(db, key, form, build, actor=actor, reprint=reprint, paper=paper).pdf


def render_preview(
    db: Database,
    key: str | int,
    form: str,
    build: FormBuilder,
    *,
    reprint: bool | None = None,
    paper: str | None = None,
) -> bytes:
    """``form`` of the dossier ``key`` as its next real print would be; nothing is written (a read session,
    rolled back: no ``print`` event, no number taken, no reprint counted)."""
    with db.session() as session:
        try:
            dossier = find_dossier(session, key)
            mark = _mark(session, dossier, form, reprint, paper, forms_dir(db), preview=True)
            return build(session, dossier, mark)
        finally:
            session.rollback()


def print_and_record(
    db: Database,
    key: str | int,
    form: str,
    build: FormBuilder,
    *,
    actor: str = "",
    reprint: bool | None = None,
    paper: str | None = None,
    how: str | None = None,
) -> Recorded:
    """The real print of ``form`` for the dossier ``key``: in ONE write transaction take its number, render
    the final PDF (stamped with the audit event's time) and append the ``print`` event (``how``: "printer"
    or "pdf", kept as ``output``). The returned PDF is exactly the recorded document."""
    moment = datetime.now().replace(microsecond=0)
    with db.transaction() as session:
        dossier = find_dossier(session, key)
        mark = _mark(session, dossier, form, reprint, paper, forms_dir(db), printed_at=moment)
        pdf = build(session, dossier, mark)
        extra = _print_detail(dossier, form)
        if mark.numbers:
            extra["number"] = mark.numbers[-1]
        if how:
            extra["output"] = how
        event = _append(session, dossier, form, actor, mark, extra)
        return Recorded(
            pdf=pdf,
            form=form,
            count=mark.count,
            audit_id=event.id,
            entity="dossier",
            entity_id=str(dossier.id),
            number=mark.numbers[-1] if mark.numbers else None,
        )


def print_failed(db: Database, recorded: Recorded, actor: str = "", reason: str = "") -> None:
    """The recorded print ``recorded`` did not come out (printer or file error): append ``print-failed``
    naming it, so it is not counted as printed. A letter's number stays given (the reprint reuses it)."""
    with db.transaction() as session:
        audit.record(
            session,
            PRINT_FAILED,
            actor=actor,
            entity=recorded.entity,
            entity_id=recorded.entity_id,
            detail={
                "print": recorded.audit_id,
                "form": recorded.form,
                "number": recorded.number,
                "reason": reason[:300],
            },
        )


def _print_detail(dossier: Dossier, form: str) -> dict[str, Any]:
    """Extra audit detail of a print: the register numbers the slip and the control sheet show."""
    if form in ("slip", "control", "control_sheet"):
        volume, seq = register_numbers(dossier)
        return {"book": [volume, seq]} if seq is not None else {}
    return {}


def _build_slip(session: Session, dossier: Dossier, mark: PrintMark) -> bytes:
    data = replace(slip_data(session, dossier, mark), reprint=mark.reprint, reprint_count=mark.count)
    return _pdf_slip(data, mark.paper, printed_at=mark.at)  # type: ignore[arg-type]


def render_slip(
    db: Database, code: str, *, reprint: bool | None = None, paper: str | None = None, actor: str = ""
) -> bytes:
    """PDF of the intake slip (Mẫu 01, two copies) of dossier ``code``; the print is audited."""
    return render_and_record(db, code, "slip", _build_slip, actor=actor, reprint=reprint, paper=paper)


def _build_guidance(session: Session, dossier: Dossier, mark: PrintMark) -> bytes:
    data = replace(guidance_data(session, dossier, mark), reprint=mark.reprint, reprint_count=mark.count)
    return _pdf_supplement(data, printed_at=mark.at)


def render_guidance(db: Database, dossier_id: int, *, reprint: bool | None = None, actor: str = "") -> bytes:
    """PDF of Mẫu 02 for a dossier guided at the counter (:func:`desk_app.services.intake.receive.guide`)."""
    return render_and_record(db, dossier_id, "guidance", _build_guidance, actor=actor, reprint=reprint)


def _build_refusal(session: Session, dossier: Dossier, mark: PrintMark) -> bytes:
    data = replace(refusal_data(session, dossier, mark), reprint=mark.reprint, reprint_count=mark.count)
    return _pdf_refusal(data, printed_at=mark.at)


def render_refusal(db: Database, dossier_id: int, *, reprint: bool | None = None, actor: str = "") -> bytes:
    """PDF of Mẫu 03 for a dossier refused at the counter (:func:`desk_app.services.intake.receive.refuse`)."""
    return render_and_record(db, dossier_id, "refusal", _build_refusal, actor=actor, reprint=reprint)
