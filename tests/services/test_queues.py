"""Queues: counts and lists cut at a given moment, the due-soon setting, and the warnings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from desk_app.domain.errors import ValidationError
from desk_app.services.lifecycle import queues
from desk_app.services.lifecycle.moves import act
from desk_app.store import settings
from tests.services.test_lifecycle_support import make_dossier

NOW = datetime(2025, 7, 9, 10, 0)  # Wednesday


@pytest.fixture
def board(unit_db: Any) -> dict[str, str]:
    n = iter(range(10, 99))

    def new(received: datetime) -> str:
        i = next(n)
        return make_dossier(unit_db, received_at=received, name=f"Người Nộp {i}", id_number=f"0011900000{i}")

    c = {
        "soon_thu": new(datetime(2025, 7, 7, 9, 0)),  # due Thu 10/7 09:00
        "overdue": new(datetime(2025, 7, 4, 9, 0)),  # due Wed 9/7 09:00
        "today": new(datetime(2025, 7, 4, 14, 0)),  # due Wed 9/7 14:00
        "extended": new(datetime(2025, 7, 4, 9, 5)),  # due Wed 9/7 09:05, extended to Mon 14/7
        "supplement": new(datetime(2025, 7, 4, 10, 0)),
        "ready": new(datetime(2025, 7, 7, 9, 0)),
        "returned": new(datetime(2025, 7, 7, 9, 0)),
        "later": new(datetime(2025, 7, 9, 9, 0)),  # due Mon 14/7
        "soon_fri": new(datetime(2025, 7, 8, 9, 0)),  # due Fri 11/7 09:00
    }
    act(
        unit_db,
        c["extended"],
        "extend",
        at=datetime(2025, 7, 8, 9, 0),
        new_due=date(2025, 7, 14),
        reason="Xác minh",
    )
    act(unit_db, c["supplement"], "request-supplement", at=datetime(2025, 7, 8, 9, 0), reason="Thiếu giấy tờ")
    act(unit_db, c["ready"], "result-ready", at=datetime(2025, 7, 8, 9, 0))
    act(unit_db, c["returned"], "result-ready", at=datetime(2025, 7, 8, 9, 0))
    act(unit_db, c["returned"], "return", at=datetime(2025, 7, 9, 9, 30), rating="neutral")
    act(unit_db, c["soon_fri"], "forward", at=datetime(2025, 7, 8, 10, 0), to_whom="Công chức")
    return c


def codes(items: list[dict[str, Any]]) -> list[str]:
    return [i["code"] for i in items]


def test_counts(unit_db: Any, board: dict[str, str]) -> None:
    assert queues.counts(unit_db, NOW) == {
        "due_today": 1,
        "due_soon": 2,
        "overdue": 1,
        "waiting_supplement": 1,
        "result_ready": 1,
        "returned_today": 1,
    }


def test_lists_most_urgent_first(unit_db: Any, board: dict[str, str]) -> None:
    b = board
    assert codes(queues.list_queue(unit_db, "overdue", NOW)) == [b["overdue"]]
    assert codes(queues.list_queue(unit_db, "due_today", NOW)) == [b["today"]]
    assert codes(queues.list_queue(unit_db, "due_soon", NOW)) == [b["soon_thu"], b["soon_fri"]]
    assert codes(queues.list_queue(unit_db, "waiting_supplement", NOW)) == [b["supplement"]]
    assert codes(queues.list_queue(unit_db, "result_ready", NOW)) == [b["ready"]]
    assert codes(queues.list_queue(unit_db, "returned_today", NOW)) == [b["returned"]]
    overdue = queues.list_queue(unit_db, "overdue", NOW)[0]
    assert overdue["timeliness"] == "late" and overdue["state"] == "received"
    with pytest.raises(ValidationError):
        queues.list_queue(unit_db, "everything", NOW)


def test_the_due_soon_setting_widens_the_window(unit_db: Any, board: dict[str, str]) -> None:
    with unit_db.transaction() as s:
        settings.put(s, "due_soon_working_days", 0)
    assert queues.counts(unit_db, NOW)["due_soon"] == 0
    with unit_db.transaction() as s:
        settings.put(s, "due_soon_working_days", 3)  # up to Mon 14/7 inclusive: the extended and "later"
    assert queues.counts(unit_db, NOW)["due_soon"] == 4


def test_the_next_day_moves_dossiers_between_queues(unit_db: Any, board: dict[str, str]) -> None:
    """Thursday 10:00: the Thursday 09:00 one is overdue, nothing returned today any more."""
    c = queues.counts(unit_db, datetime(2025, 7, 10, 10, 0))
    assert c["overdue"] == 3 and c["returned_today"] == 0 and c["due_today"] == 0


def test_warnings_list_what_falls_due_soon(unit_db: Any, board: dict[str, str]) -> None:
    found = queues.warnings(unit_db, NOW)
    assert [(w["code"], w["due_status"]) for w in found] == [
        (board["today"], "due_today"),
        (board["soon_thu"], "due_soon"),
        (board["soon_fri"], "due_soon"),
    ]
