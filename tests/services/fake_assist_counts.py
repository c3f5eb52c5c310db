"""Stands in for desk_app.services.assist.counts in the reports test (the assist helper writes the real one)."""

from __future__ import annotations

from datetime import date
from typing import Any

CALLS: list[tuple[date, date]] = []


def help_given(session: Any, start: date, end: date) -> int:
    CALLS.append((start, end))
    return 7
