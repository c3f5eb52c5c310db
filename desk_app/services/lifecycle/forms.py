"""The lifecycle's printed forms, filled from a dossier's history and printed through services.prints.

- ``supplement``: Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (the latest request during processing);
- ``refusal``: Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ;
- ``apology``: Mẫu 04 xin lỗi và hẹn lại / đề nghị gia hạn (the dossier's form set picks the wording);
- ``stop``: 2025 Mẫu 05 Thông báo dừng giải quyết hồ sơ;
- ``control``: Phiếu kiểm soát quá trình giải quyết hồ sơ, one row per hand-over, each early/on time/late;
- the tracking book (Sổ theo dõi hồ sơ) of a date range, A4 landscape: :mod:`.book` (re-exported here).

Letters carry their document number (:mod:`.letters`, given at the first print and kept); the unit's letters
(apology, stop notice, a refusal during processing) carry the unit's header and its configured signer; every
form prints with the dossier's form set (the one in force when it was received) and the register numbers
given at intake. Every print is audited (``print`` events: services.prints.render_and_record for a dossier's forms, the same
detail shape for the book); a second print of the same form is marked "BẢN IN LẠI (lần N)".
A preview is not a print: :func:`form_preview` writes nothing (a letter shows the number it will get) and
:func:`record_form_print` is the window's real print (see services.lifecycle.prints for the rule when the
printer fails); :func:`form_pdf` (the CLI, which prints or saves) records as it always did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from desk_app.domain.calendar import WorkingCalendar
from desk_app.domain.errors import UserError, ValidationError
from desk_app.domain.lateness import reporting_due, step_result
from desk_app.domain.postal import event_note as postal_note
from desk_app.domain.states import STATE_LABEL_VI, State
from desk_app.fsutil import write_atomic
from desk_app.printing import data as pdata
from desk_app.printing.control_sheet import render_control_sheet
from desk_app.printing.notices import render_apology, render_refusal, render_stop_notice, render_supplement
from desk_app.services.intake.receive import fee_text
from desk_app.services.lifecycle import prints
from desk_app.services.lifecycle.book import book_pdf
from desk_app.services.lifecycle.dossier_view import normalise_code
from desk_app.services.setup.calendar import calendar_from_session
from desk_app.store.db import Database
from desk_app.store.models import Dossier, DossierEvent

FORMS = ("supplement", "refusal", "apology", "stop", "control")
FORM_LABEL_VI = {
    "supplement": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "refusal": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "apology": "Văn bản xin lỗi và hẹn lại ngày trả kết quả",
    "stop": "Thông báo dừng giải quyết hồ sơ",
    "control": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "book": "Sổ theo dõi hồ sơ",
}
_NOT_A_NAME = {"", "cli", "system", "demo"}


def _person(actor: str) -> str:
    return "" if actor.strip().lower() in _NOT_A_NAME else actor.strip()


def _hm(moment: datetime) -> str:
    return f"{moment:%H:%M} {moment:%d/%m/%Y}"


def _events(dossier: Dossier) -> list[DossierEvent]:
    return sorted(dossier.events, key=lambda e: (e.at, e.id))


def _last_event(dossier: Dossier, action: str, form: str) -> DossierEvent:
    found = [e for e in _events(dossier) if e.action == action]
    if not found:
        raise UserError(
            f"Dossier {dossier.code} has no {action} move: there is no {form} form to print.",
            f"Hồ sơ {dossier.code} chưa có thao tác tương ứng nên không có “{FORM_LABEL_VI[form]}” để in.",
        )
    return found[-1]


def _supplement(session: Session, dossier: Dossier, mark: prints.PrintMark) -> bytes:
    episodes = [e for e in dossier.supplements if e.stage == "processing"]
    if not episodes:
        raise UserError(
            f"Dossier {dossier.code} has no supplement request.",
            f"Hồ sơ {dossier.code} chưa có yêu cầu bổ sung.",
        )
    episode = episodes[-1]
    event = _last_event(dossier, "request-supplement", "supplement")
    header, a = prints.unit_header(session), dossier.applicant
    return render_supplement(
        pdata.SupplementData(
            header=header,
            applicant_name=a.full_name,
            procedure_name=dossier.procedure.name,
            items=list(episode.items),
            issued_at=episode.requested_at,
            number=prints.letter_no(session, dossier, "supplement", event, mark),
            address=a.address,
            phone=a.phone,
            email=a.email,
            reason=episode.reason,
            contact_name=header.office,
            contact_phone=header.hotline or "",
            guide_name=prints.person_name(session, event.actor),
            code=dossier.code,
            form_set=prints.form_set_of(session, dossier),  # type: ignore[arg-type]
            texts=prints.form_texts(session, dossier, mark),
            reprint=mark.reprint,
            reprint_count=mark.count,
        ),
        printed_at=mark.at,
    )


def _refusal(session: Session, dossier: Dossier, mark: prints.PrintMark) -> bytes:
    """A refusal during processing: the counter's Mẫu 03 data (prints.refusal_data) for the last refusal,
    issued by the unit and signed by its configured signer (not "NGƯỜI TIẾP NHẬN HỒ SƠ")."""
    event = _last_event(dossier, "refuse", "refusal")
    data = prints.refusal_data(session, dossier, mark, event=event)
    return render_refusal(
        replace(
            data,
            agency_name=prints.agency_name(dossier),
            signer=prints.signature_for(session, "refusal"),
            issuer="unit",
            reprint=mark.reprint,
            reprint_count=mark.count,
        ),
        printed_at=mark.at,
    )


def _apology(session: Session, dossier: Dossier, mark: prints.PrintMark) -> bytes:
    event = _last_event(dossier, "extend", "apology")
    if dossier.due_at is None or dossier.extended_due_at is None:
        raise UserError("This dossier has no extension.", "Hồ sơ chưa được gia hạn.")
    a = dossier.applicant
    return render_apology(
        pdata.ApologyData(
            header=prints.unit_header(session),
            applicant_name=a.full_name,
            procedure_name=dossier.procedure.name,
            code=dossier.code or "",
            received_at=dossier.received_at,
            original_due_at=dossier.due_at,
            new_due_at=dossier.extended_due_at,
            reason=event.reason,
            issued_at=event.at,
            number=prints.letter_no(session, dossier, "apology", event, mark),
            address=a.address,
            phone=a.phone,
            agency_name=prints.agency_name(dossier),
            signer=prints.signature_for(session, "apology"),
            form_set=prints.form_set_of(session, dossier),  # type: ignore[arg-type]
            texts=prints.form_texts(session, dossier, mark),
            reprint=mark.reprint,
            reprint_count=mark.count,
        ),
        printed_at=mark.at,
    )


def _stop(session: Session, dossier: Dossier, mark: prints.PrintMark) -> bytes:
    event = _last_event(dossier, "stop", "stop")
    withdrawal = next((e for e in reversed(_events(dossier)) if e.action == "withdraw"), None)
    stage_event = withdrawal if event.state_before == State.WITHDRAWAL_REQUESTED and withdrawal else event
    stage = STATE_LABEL_VI.get(State(stage_event.state_before or State.RECEIVED), "")
    if withdrawal is not None:
        request = f"đơn đề nghị rút hồ sơ của ông/bà ngày {withdrawal.at:%d/%m/%Y} ({withdrawal.reason})"
    else:
        request = "quyết định của cơ quan có thẩm quyền giải quyết"
    a = dossier.applicant
    return render_stop_notice(
        pdata.StopNoticeData(
            header=prints.unit_header(session),
            applicant_name=a.full_name,
            procedure_name=dossier.procedure.name,
            code=dossier.code or "",
            received_at=dossier.received_at,
            request_text=request,
            reason=event.reason,
            issued_at=event.at,
            number=prints.letter_no(session, dossier, "stop", event, mark),
            address=a.address,
            phone=a.phone,
            stage=stage,
            financial_text=fee_text(dossier),
            agency_name=prints.agency_name(dossier),
            signer=prints.signature_for(session, "stop"),
            form_set=prints.form_set_of(session, dossier),  # type: ignore[arg-type]
            texts=prints.form_texts(session, dossier, mark),
            reprint=mark.reprint,
            reprint_count=mark.count,
        ),
        printed_at=mark.at,
    )


def control_steps(
    dossier: Dossier,
    office: str,
    calendar: WorkingCalendar,
    names: Callable[[str], str] | None = None,
) -> list[pdata.ControlStep]:
    """The hand-overs of the control sheet, from the dossier's moves.

    A forward hands the dossier from its holder to ``to_whom``; result-ready hands it back to the one-stop
    office (or to ``to_whom``); a stop or refusal sends it back to the office; the return hands the result
    to the receiver. Other moves (supplements, payment, extension, withdrawal) become notes on the step in
    force. Each step is early / on time / late against the due date moved by supplement pauses
    (domain.lateness: the extension does not count, as in the QĐ 766 reports).

    ``names`` turns an actor into the name that signs (prints.person_name: the account's full name); the
    last row is signed by the clerk who returned the result ("Người giao") and the person who took it
    ("Người nhận").
    """
    name_of = names or _person
    due = reporting_due(dossier.due_at, dossier.paused_minutes or 0, calendar) if dossier.due_at else None
    steps: list[dict[str, Any]] = []
    notes: list[str] = []
    holder = office

    def add(to: str, e: DossierEvent, to_person: str = "") -> None:
        nonlocal holder
        steps.append(
            {
                "from_party": holder,
                "to_party": to,
                "handed_at": e.at,
                "result": step_result(e.at, due) if due else None,
                "note": list(notes),
                "from_person": name_of(e.actor),
                "to_person": to_person,
            }
        )
        notes.clear()
        holder = to

    for e in _events(dossier):
        if e.action == "forward":
            add(e.to_whom, e)
        elif e.action == "result-ready":
            add(e.to_whom or office, e)
        elif e.action in ("stop", "refuse") and e.state_before != State.GUIDED and holder != office:
            notes.append(f"{'Dừng xử lý' if e.action == 'stop' else 'Từ chối'}: {e.reason}")
            add(office, e)
        elif e.action == "return":
            receiver = (dossier.receiver or {}).get("name") or dossier.applicant.full_name
            add(f"{receiver} (nhận kết quả)", e, receiver)
        elif e.action in ("receive", "guide"):
            continue
        else:
            text = (
                {
                    "request-supplement": f"Yêu cầu bổ sung {_hm(e.at)}: {e.reason}",
                    "supplement-received": f"Nhận bổ sung {_hm(e.at)}",
                    "extend": f"Gia hạn đến {_hm(dossier.extended_due_at)}: {e.reason}"
                    if dossier.extended_due_at
                    else "",
                    "request-payment": f"Yêu cầu nghĩa vụ tài chính {_hm(e.at)}",
                    "payment-received": f"Đã thực hiện nghĩa vụ tài chính {_hm(e.at)}",
                    "withdraw": f"Công dân xin rút hồ sơ {_hm(e.at)}: {e.reason}",
                    "stop": f"Dừng xử lý {_hm(e.at)}: {e.reason}",
                    "refuse": f"Từ chối {_hm(e.at)}: {e.reason}",
                }.get(e.action)
                or postal_note(e.action, e.data or {}, e.reason, _hm(e.at))
                or e.action
            )
            (steps[-1]["note"] if steps else notes).append(text)
    if notes and steps:
        steps[-1]["note"].extend(notes)
    return [pdata.ControlStep(**{**s, "note": "; ".join(n for n in s["note"] if n)}) for s in steps]


def _control(session: Session, dossier: Dossier, mark: prints.PrintMark) -> bytes:
    header = prints.unit_header(session)
    steps = control_steps(
        dossier, header.office, calendar_from_session(session), lambda a: prints.person_name(session, a)
    )
    finished = dossier.state in (State.RETURNED, State.STOPPED, State.REFUSED)
    volume, seq = prints.register_numbers(dossier)
    return render_control_sheet(
        pdata.ControlSheetData(
            header=header,
            code=dossier.code or "",
            steps=steps,
            issued_at=mark.at,
            slip_reference=dossier.code or "",
            processing_agency=prints.agency_name(dossier),
            applicant_name=dossier.applicant.full_name,
            procedure_name=dossier.procedure.name,
            blank_rows=0 if finished else 2,
            book_number=volume,
            book_seq=seq,
            form_set=prints.form_set_of(session, dossier),  # type: ignore[arg-type]
            texts=prints.form_texts(session, dossier, mark),
            reprint=mark.reprint,
            reprint_count=mark.count,
        ),
        printed_at=mark.at,
    )


_BUILDERS: dict[str, Callable[[Session, Dossier, prints.PrintMark], bytes]] = {
    "supplement": _supplement,
    "refusal": _refusal,
    "apology": _apology,
    "stop": _stop,
    "control": _control,
}


def builder(form: str) -> prints.FormBuilder:
    """The builder of ``form`` (one of FORMS); ValidationError for another name."""
    if form not in _BUILDERS:
        raise ValidationError(
            f"Unknown form {form!r} (one of: {', '.join(FORMS)}).", "Mẫu in không hợp lệ.", field="form"
        )
    return _BUILDERS[form]


def form_pdf(db: Database, code: str, form: str, *, actor: str = "", reprint: bool | None = None) -> bytes:
    """PDF of ``form`` (one of FORMS) for dossier ``code``; the print is audited, a reprint marked (the CLI's
    ``desk-app form``: it prints or saves, so it records)."""
    return prints.render_and_record(
        db, normalise_code(code), form, builder(form), actor=actor, reprint=reprint
    )


def form_preview(db: Database, code: str, form: str) -> bytes:
    """``form`` of dossier ``code`` as its next print would be (the number it WILL get); nothing recorded."""
    return prints.render_preview(db, normalise_code(code), form, builder(form))


def record_form_print(
    db: Database, code: str, form: str, *, actor: str = "", how: str = "printer"
) -> prints.Recorded:
    """The real print (or PDF save) of ``form`` of dossier ``code``: number, final PDF and ``print`` event in
    one transaction (prints.print_and_record)."""
    return prints.print_and_record(db, normalise_code(code), form, builder(form), actor=actor, how=how)


__all__ = [
    "FORMS",
    "FORM_LABEL_VI",
    "book_pdf",
    "control_steps",
    "form_pdf",
    "form_preview",
    "record_form_print",
    "write_atomic",
]
