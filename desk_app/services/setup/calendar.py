"""The working calendar of the unit: the holidays package plus the database's overrides."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain import dates
from desk_app.domain.calendar import Override, OverrideKind, WorkingCalendar
from desk_app.domain.errors import ValidationError
from desk_app.domain.text import clean_line
from desk_app.resources import load_json
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models import HolidayOverride

# Building a calendar (the holidays package, the make-up days) costs milliseconds, and views, queues and the
# intake preview ask on every refresh: keep one per distinct set of overrides and office hours.
_CALENDARS: dict[tuple[object, ...], WorkingCalendar] = {}


def calendar_from_session(session: Session) -> WorkingCalendar:
    """The unit's working calendar (cached while its overrides and office hours stay the same)."""
    overrides = tuple(
        Override(o.day, OverrideKind(o.kind), o.note, o.legal_basis)
        for o in session.scalars(select(HolidayOverride).order_by(HolidayOverride.day))
    )
    hours = tuple(
        (time.fromisoformat(a), time.fromisoformat(b)) for a, b in settings.get(session, "office_hours")
    )
    key = (overrides, hours)
    found = _CALENDARS.get(key)
    if found is None:
        found = WorkingCalendar(overrides, hours)
        if len(_CALENDARS) > 8:
            _CALENDARS.clear()
        _CALENDARS[key] = found
    return found


def load_calendar(db: Database) -> WorkingCalendar:
    with db.session() as session:
        return calendar_from_session(session)


def seed_overrides(session: Session) -> None:
    for row in load_json("calendar", "overrides.json")["overrides"]:
        day = date.fromisoformat(row["day"])
        if session.get(HolidayOverride, day) is None:
            session.add(
                HolidayOverride(day=day, kind=row["kind"], note=row["note"], legal_basis=row["legal_basis"])
            )


def set_override(
    db: Database, day: date, kind: OverrideKind, note: str, legal_basis: str = "", actor: str = ""
) -> None:
    """Add or replace an override: one transaction with its audit event."""
    dates.check_day(day, "day")
    note = clean_line(note)
    if not note:
        raise ValidationError(
            "A note is required (say why the day changes).", "Cần ghi chú lý do thay đổi ngày."
        )
    if kind == OverrideKind.WORKDAY and day.weekday() < 5:
        raise ValidationError(
            f"{day} is a weekday already; a make-up working day is a Saturday or Sunday.",
            "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.",
        )
    with db.transaction() as session:
        row = session.get(HolidayOverride, day)
        if row is None:
            session.add(
                HolidayOverride(day=day, kind=kind.value, note=note, legal_basis=clean_line(legal_basis))
            )
        else:
            row.kind, row.note, row.legal_basis = kind.value, note, clean_line(legal_basis)
        audit.record(
            session,
            "calendar.set",
            actor=actor,
            entity="holiday_override",
            entity_id=day.isoformat(),
            detail={"kind": kind.value, "note": note},
        )


def remove_override(db: Database, day: date, actor: str = "") -> bool:
    with db.transaction() as session:
        row = session.get(HolidayOverride, day)
        if row is None:
            return False
        session.delete(row)
        audit.record(
            session, "calendar.remove", actor=actor, entity="holiday_override", entity_id=day.isoformat()
        )
        return True
