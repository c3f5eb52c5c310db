"""The declarative base and shared column types."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase

from desk_app.domain import dates

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class JSONText(TypeDecorator[Any]):
    """JSON stored as UTF-8 text with Vietnamese kept readable (no \\u escapes)."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        return None if value is None else json.loads(value)


def _read_moment(value: str | None) -> datetime | None:
    """A stored moment (Minute or Stamp). fromisoformat is C-fast; strptime made type decoding most of a
    one-row lookup (bench/bench_store.py). A bad stored text (an older version wrote year 1 as "1-01-01") is
    read leniently, never raised."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return dates.parse_stored(value)


class Minute(TypeDecorator[datetime]):
    """A local wall-clock time to the minute, stored as ``YYYY-MM-DDTHH:MM`` text (sortable, greppable)."""

    impl = String(16)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> str | None:
        return None if value is None else dates.iso_minute(value.replace(second=0, microsecond=0))

    def process_result_value(self, value: str | None, dialect: Any) -> datetime | None:
        return _read_moment(value)


class Stamp(TypeDecorator[datetime]):
    """A moment to the second, ``YYYY-MM-DDTHH:MM:SS`` text."""

    impl = String(19)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> str | None:
        return None if value is None else dates.iso_second(value.replace(microsecond=0))

    def process_result_value(self, value: str | None, dialect: Any) -> datetime | None:
        return _read_moment(value)


class Day(TypeDecorator[date]):
    """A date as ``YYYY-MM-DD`` text."""

    impl = String(10)
    cache_ok = True

    def process_bind_param(self, value: date | None, dialect: Any) -> str | None:
        return None if value is None else value.isoformat()

    def process_result_value(self, value: str | None, dialect: Any) -> date | None:
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            return dates.parse_stored_day(value)


class ClockTime(TypeDecorator[time]):
    """A time of day as ``HH:MM`` text."""

    impl = String(5)
    cache_ok = True

    def process_bind_param(self, value: time | None, dialect: Any) -> str | None:
        return None if value is None else value.strftime("%H:%M")

    def process_result_value(self, value: str | None, dialect: Any) -> time | None:
        return None if value is None else dates.parse_stored_time(value)
