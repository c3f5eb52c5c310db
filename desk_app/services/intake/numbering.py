"""What a dossier is given at intake besides its code: its place in the register (quyển số, số thứ tự) and
the form set its forms print with. Both are written in the intake transaction and never change.

Also the yearly sequences the numbered letters draw from (:func:`bump`), shared with
:mod:`desk_app.services.lifecycle.letters`. Sequences are bumped inside the caller's write transaction;
writers begin IMMEDIATE, so two processes on one database take turns.

The register is kept per database, like the code sequence: PCs that receive offline on separate databases
keep separate books (give each its own volume rule, e.g. a volume per counter by a ``size:N`` rule, or merge
by hand).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain.registers import check_form_sets, check_numbering, parse_volume_rule, volume_of
from desk_app.store import settings
from desk_app.store.models import Dossier
from desk_app.store.models_registers import NumberSequence


def bump(session: Session, series: str, period: str, floor: Callable[[], int] | None = None) -> int:
    """The next number of ``series`` in ``period``; ``floor()`` (the highest number already used, e.g. by
    data older than the sequence) is consulted only when the sequence has no row yet."""
    row = session.get(NumberSequence, (series, period))
    if row is None:
        start = floor() if floor is not None else 0
        row = NumberSequence(series=series, period=period, last=start + 1)
        session.add(row)
    else:
        row.last += 1
    return row.last


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    return datetime(year, 1, 1), datetime(year + 1, 1, 1)


def _max_seq(session: Session, year: int, volume: int | None = None) -> int:
    start, end = _year_bounds(year)
    query = select(func.max(Dossier.book_seq)).where(Dossier.received_at >= start, Dossier.received_at < end)
    if volume is not None:
        query = query.where(Dossier.book_number == volume)
    return int(session.scalar(query) or 0)


def enter_in_register(session: Session, received: datetime) -> tuple[int, int]:
    """(volume, running number) of a dossier received at ``received``, per the unit's register settings."""
    rule = parse_volume_rule(settings.get(session, "register_volume"))
    numbering = check_numbering(settings.get(session, "register_numbering"))
    year = received.year
    count = bump(session, "register", str(year), lambda: _max_seq(session, year))
    volume = volume_of(rule, received.date(), count)
    if numbering == "year":
        return volume, count
    if rule.size:
        return volume, (count - 1) % rule.size + 1
    seq = bump(session, "register", f"{year}/{volume}", lambda: _max_seq(session, year, volume))
    return volume, seq


def form_set_on(session: Session, day: date) -> str:
    """The form set in force on ``day`` (the latest entry that started on or before it; before the first
    entry, the first set)."""
    schedule = check_form_sets(settings.get(session, "form_sets"))
    chosen = schedule[0]["set"]
    for entry in schedule:
        if date.fromisoformat(entry["from"]) <= day:
            chosen = entry["set"]
    return chosen
