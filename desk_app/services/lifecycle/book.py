"""The tracking book (Sổ theo dõi hồ sơ) of a date range, A4 landscape, every print audited.

Each row is a received dossier with the volume and running number it was given at intake, in the register's
order (year, volume, number), whatever range is printed; each volume prints under its own "Quyển số". The
book prints with the form set in force on the range's last day.

As every form (services.lifecycle.prints): :func:`book_preview` writes nothing; :func:`record_book_print`
renders and records the print in one transaction and returns exactly the recorded PDF; a print that then
fails is cancelled by ``prints.print_failed`` (not counted, so the next one is not a reprint).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from desk_app.domain.errors import ValidationError
from desk_app.domain.states import STATE_LABEL_VI, State
from desk_app.printing import data as pdata
from desk_app.printing.templates import load_form_set
from desk_app.printing.tracking_book import render_tracking_book
from desk_app.services.intake.numbering import form_set_on
from desk_app.services.lifecycle import prints
from desk_app.store import audit
from desk_app.store.db import Database
from desk_app.store.models import Dossier, DossierEvent


def _book_rows(session: Session, start: datetime, end: datetime) -> list[pdata.BookRow]:
    dossiers = list(
        session.scalars(
            select(Dossier)
            .options(joinedload(Dossier.applicant), joinedload(Dossier.procedure), joinedload(Dossier.unit))
            .where(Dossier.code.is_not(None), Dossier.received_at >= start, Dossier.received_at < end)
            .order_by(Dossier.received_at, Dossier.id)
        ).unique()
    )
    firsts: dict[tuple[int, str], datetime] = {}
    ids = [d.id for d in dossiers]
    for i in range(0, len(ids), 500):
        for dossier_id, action, at in session.execute(
            select(DossierEvent.dossier_id, DossierEvent.action, func.min(DossierEvent.at))
            .where(
                DossierEvent.dossier_id.in_(ids[i : i + 500]),
                DossierEvent.action.in_(("forward", "result-ready")),
            )
            .group_by(DossierEvent.dossier_id, DossierEvent.action)
        ):
            firsts[(dossier_id, action)] = (
                datetime.strptime(at, "%Y-%m-%dT%H:%M") if isinstance(at, str) else at
            )
    # The register's order: year, volume, running number (a backlog entry keyed in late sits where its
    # number puts it, not where its date would).
    dossiers.sort(
        key=lambda d: (d.received_at.year, d.book_number or 0, d.book_seq or 10**9, d.received_at, d.id)
    )
    rows = []
    for d in dossiers:
        a = d.applicant
        volume, seq = prints.register_numbers(d)
        notes = []
        if d.extended_due_at:
            notes.append(f"Gia hạn đến {d.extended_due_at:%d/%m/%Y}")
        if d.supplement_count:
            notes.append(f"Bổ sung {d.supplement_count} lần")
        if d.state in (State.STOPPED, State.REFUSED, State.WITHDRAWAL_REQUESTED):
            notes.append(STATE_LABEL_VI[State(d.state)])
        rows.append(
            pdata.BookRow(
                seq=seq or 0,
                volume=volume,
                code=d.code or "",
                procedure_name=d.procedure.name,
                applicant_name=a.full_name,
                received_at=d.received_at,
                set_count=d.set_count,
                address_phone=", ".join(x for x in (a.address, a.phone) if x),
                processing_agency=prints.agency_name(d),
                due_at=d.due_at,
                forwarded_at=firsts.get((d.id, "forward")),
                result_received_at=firsts.get((d.id, "result-ready")),
                returned_at=d.returned_at,
                note="; ".join(notes),
            )
        )
    return rows


def _range(date_from: date, date_to: date) -> tuple[datetime, datetime, str]:
    if date_to < date_from:
        raise ValidationError(
            "The end date is before the start date.", "Ngày kết thúc trước ngày bắt đầu.", field="to"
        )
    start, end = (
        datetime.combine(date_from, time(0, 0)),
        datetime.combine(date_to + timedelta(days=1), time(0, 0)),
    )
    return start, end, f"{date_from.isoformat()}..{date_to.isoformat()}"


def _render(
    db: Database, session: Session, date_from: date, date_to: date, moment: datetime
) -> tuple[bytes, int, int]:
    start, end, entity_id = _range(date_from, date_to)
    rows = _book_rows(session, start, end)
    count = prints.count_prints(session, "book", entity_id, "book")
    data = pdata.TrackingBookData(
        header=prints.unit_header(session),
        date_from=date_from,
        date_to=date_to,
        rows=rows,
        issued_at=moment,
        form_set=form_set_on(session, date_to),  # type: ignore[arg-type]
        texts=load_form_set(form_set_on(session, date_to), prints.forms_dir(db)),
        reprint=count > 0,
        reprint_count=count,
    )
    return render_tracking_book(data, printed_at=moment), count, len(rows)


def book_preview(db: Database, date_from: date, date_to: date) -> bytes:
    """The tracking book as its next print would be; nothing is recorded."""
    _range(date_from, date_to)
    with db.session() as session:
        try:
            return _render(db, session, date_from, date_to, datetime.now().replace(microsecond=0))[0]
        finally:
            session.rollback()


def record_book_print(
    db: Database, date_from: date, date_to: date, *, actor: str = "", how: str | None = None
) -> prints.Recorded:
    """The real print of the tracking book: rendered and audited (``print``, entity ``book``) in one
    transaction; the PDF returned is the recorded one."""
    _start, _end, entity_id = _range(date_from, date_to)
    moment = datetime.now().replace(microsecond=0)
    with db.transaction() as session:
        pdf, count, rows = _render(db, session, date_from, date_to, moment)
        detail: dict[str, object] = {
            "form": "book",
            "reprint": count > 0,
            "count": count,
            "from": date_from.isoformat(),
            "to": date_to.isoformat(),
            "rows": rows,
            "paper": "A4",
        }
        if how:
            detail["output"] = how
        event = audit.record(
            session, "print", actor=actor, entity="book", entity_id=entity_id, detail=detail, at=moment
        )
        return prints.Recorded(
            pdf=pdf, form="book", count=count, audit_id=event.id, entity="book", entity_id=entity_id
        )


def book_pdf(db: Database, date_from: date, date_to: date, *, actor: str = "") -> bytes:
    """PDF of the tracking book for dossiers received from ``date_from`` to ``date_to`` (inclusive); the print
    is recorded (the CLI's ``desk-app book``)."""
    return record_book_print(db, date_from, date_to, actor=actor).pdf
