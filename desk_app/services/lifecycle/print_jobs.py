"""Every form the window previews, as one job: preview it (nothing written), then record its real print.

A :class:`PrintJob` names a form and what it is about (a dossier's code or id, or a date range for the
tracking book). :func:`preview` renders it as its next real print would be and writes nothing: no audit row,
no number taken from a letter sequence (the number shown is the one it WILL get), no reprint counted.
:func:`record` is the real print (the clerk pressed Print and chose a printer, or chose where to save the
PDF): number, final PDF and ``print`` event in one transaction; the caller prints or saves exactly the
returned bytes. :func:`failed` says that a recorded print did not come out (see services.lifecycle.prints:
the record comes first because it gives the number; a failure is recorded as ``print-failed``, the print is
no longer counted and the letter keeps its number for the reprint).

Forms: ``slip`` (Mẫu 01), ``guidance`` (Mẫu 02 at the counter), ``counter-refusal`` (Mẫu 03 at the
counter), the dossier page's ``supplement``, ``refusal``, ``apology``, ``stop``, ``control``
(services.lifecycle.forms) and ``book`` (the tracking book of ``date_from``..``date_to``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desk_app.domain.errors import ValidationError
from desk_app.services.lifecycle import book, forms, prints
from desk_app.services.lifecycle.dossier_view import normalise_code
from desk_app.store.db import Database

#: The audited form name of each job form (the counter's refusal is audited as "refusal", as before).
_AUDITED = {"counter-refusal": "refusal"}
_COUNTER: dict[str, prints.FormBuilder] = {
    "slip": prints._build_slip,
    "guidance": prints._build_guidance,
    "counter-refusal": prints._build_refusal,
}


@dataclass(frozen=True)
class PrintJob:
    """One printable form: ``form`` and the dossier ``key`` (code or id), or the book's date range."""

    form: str
    key: str | int = ""
    date_from: date | None = None
    date_to: date | None = None
    paper: str | None = None


def _dossier_job(job: PrintJob) -> tuple[str | int, str, prints.FormBuilder]:
    builder = _COUNTER.get(job.form) or forms.builder(job.form)
    key = normalise_code(job.key) if isinstance(job.key, str) else job.key
    return key, _AUDITED.get(job.form, job.form), builder


def _book_range(job: PrintJob) -> tuple[date, date]:
    if job.date_from is None or job.date_to is None:
        raise ValidationError("The book needs a date range.", "Sổ theo dõi cần khoảng ngày.", field="from")
    return job.date_from, job.date_to


def preview(db: Database, job: PrintJob) -> bytes:
    """The PDF of ``job`` as its next real print would be; nothing is written."""
    if job.form == "book":
        return book.book_preview(db, *_book_range(job))
    key, form, builder = _dossier_job(job)
    return prints.render_preview(db, key, form, builder, paper=job.paper)


def record(db: Database, job: PrintJob, actor: str = "", how: str = "printer") -> prints.Recorded:
    """The real print (``how``: "printer") or PDF save ("pdf") of ``job``, recorded in one transaction."""
    if job.form == "book":
        return book.record_book_print(db, *_book_range(job), actor=actor, how=how)
    key, form, builder = _dossier_job(job)
    return prints.print_and_record(db, key, form, builder, actor=actor, paper=job.paper, how=how)


def failed(db: Database, recorded: prints.Recorded, actor: str = "", reason: str = "") -> None:
    """``recorded`` did not come out (printer or file error): not counted as printed; its number is kept."""
    prints.print_failed(db, recorded, actor, reason)
