"""Document numbers of the letters about a dossier (văn bản có số): Mẫu 02 supplement request, Mẫu 03
refusal, Mẫu 04 apology / extension request and the stop notice.

Each letter belongs to one move (the ``guide``, ``request-supplement``, ``refuse``, ``extend`` or ``stop``
event). At its first print it draws the next number of its form's yearly sequence (the year of the move) and
the number, suffix included, is kept in ``dossier_letters``: every reprint shows the same number, and a later
change of the suffix setting does not renumber letters already issued. Numbers are unique per form and year.

A preview only peeks (``take=False``): it shows the kept number, or the number the letter WILL get if it
were printed now, and writes nothing. The number is taken only by a real print, in the print's own write
transaction (BEGIN IMMEDIATE), so two clerks previewing at once may both see the same next number but their
printed letters never carry the same one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain.registers import DEFAULT_SUFFIXES, LETTER_FORMS, check_suffix, letter_number
from desk_app.services.intake.numbering import bump
from desk_app.store import settings
from desk_app.store.models import Dossier, DossierEvent
from desk_app.store.models_registers import DossierLetter, NumberSequence

LETTER_LABEL_VI = {
    "supplement": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "refusal": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "apology": "Văn bản xin lỗi và hẹn lại ngày trả kết quả",
    "stop": "Thông báo dừng giải quyết hồ sơ",
}


def suffix_for(session: Session, form: str) -> str:
    """The number suffix of ``form`` from the ``number_suffixes`` setting (default when unset)."""
    values = settings.get(session, "number_suffixes") or {}
    return check_suffix(form, values.get(form) or DEFAULT_SUFFIXES[form])


def number_for(
    session: Session, dossier: Dossier, form: str, event: DossierEvent, *, take: bool = True
) -> str:
    """The document number of the letter ``form`` issued for ``event``: the kept one, or the next of the
    form's sequence of the event's year (kept from now on). Runs in the caller's write transaction.

    ``take=False`` (a preview): the kept number, or the one the next print would take; nothing written."""
    if form not in LETTER_FORMS:
        raise ValueError(f"{form!r} is not a numbered letter")
    kept = session.scalars(
        select(DossierLetter).where(
            DossierLetter.dossier_id == dossier.id,
            DossierLetter.form == form,
            DossierLetter.event_id == event.id,
        )
    ).first()
    if kept is not None:
        return kept.number
    year = event.at.year

    def floor() -> int:
        used = select(func.max(DossierLetter.seq)).where(
            DossierLetter.form == form, DossierLetter.year == year
        )
        return int(session.scalar(used) or 0)

    if not take:
        row = session.get(NumberSequence, (form, str(year)))
        return letter_number((row.last if row is not None else floor()) + 1, suffix_for(session, form))
    seq = bump(session, form, str(year), floor)
    number = letter_number(seq, suffix_for(session, form))
    session.add(
        DossierLetter(
            dossier_id=dossier.id,
            event_id=event.id,
            form=form,
            year=year,
            seq=seq,
            number=number,
            issued_at=event.at,
        )
    )
    session.flush()
    return number


def letters_of(session: Session, dossier: Dossier) -> list[dict[str, Any]]:
    """The numbered letters issued for ``dossier``, oldest first (the dossier view shows them)."""
    rows = session.scalars(
        select(DossierLetter).where(DossierLetter.dossier_id == dossier.id).order_by(DossierLetter.id)
    )
    return [
        {
            "form": row.form,
            "label": LETTER_LABEL_VI.get(row.form, row.form),
            "number": row.number,
            "year": row.year,
            "issued_at": row.issued_at.strftime("%Y-%m-%dT%H:%M"),
        }
        for row in rows
    ]
