"""Early / on time / late, supplement pauses and the extension rules (pure)."""

from __future__ import annotations

from datetime import datetime

import pytest

from desk_app.domain.calendar import WorkingCalendar
from desk_app.domain.errors import ValidationError
from desk_app.domain.lateness import (
    check_extension,
    dossier_timeliness,
    due_status,
    late_for_reporting,
    pause_minutes,
    reporting_due,
    shift_due,
    soon_horizon,
    step_result,
)

CAL = WorkingCalendar()
DUE = datetime(2025, 7, 10, 9, 0)  # Thursday


def test_step_result() -> None:
    """Earlier day: early; the due day up to the due minute: on time; after it: late."""
    assert step_result(datetime(2025, 7, 9, 16, 0), DUE) == "early"
    assert step_result(datetime(2025, 7, 10, 8, 0), DUE) == "on_time"
    assert step_result(DUE, DUE) == "on_time"
    assert step_result(datetime(2025, 7, 10, 9, 1), DUE) == "late"
    assert step_result(datetime(2025, 7, 11, 8, 0), DUE) == "late"


def test_pause_counts_office_time_only() -> None:
    """Friday 16:00 → Monday 08:30: one hour of office time (16–17 Fri, 7:30–8:30 Mon) = 120 minutes."""
    assert pause_minutes(datetime(2025, 7, 11, 16, 0), datetime(2025, 7, 14, 8, 30), CAL) == 120
    assert pause_minutes(datetime(2025, 7, 12, 9, 0), datetime(2025, 7, 13, 9, 0), CAL) == 0  # weekend


def test_shift_due_moves_by_office_time() -> None:
    """Thursday 09:00 + 2 office hours = Thursday 11:00; + a full 7.5 h day = Friday 09:00."""
    assert shift_due(DUE, 120, CAL) == datetime(2025, 7, 10, 11, 0)
    assert shift_due(DUE, 450, CAL) == datetime(2025, 7, 11, 9, 0)
    assert shift_due(DUE, 0, CAL) == DUE
    assert reporting_due(DUE, 450, CAL) == datetime(2025, 7, 11, 9, 0)


def test_dossier_timeliness() -> None:
    """Finished dossiers are judged against the due moved by pauses; two requests make it late."""
    common = {"due_at": DUE, "now": datetime(2025, 7, 20, 9, 0), "calendar": CAL}
    assert (
        dossier_timeliness(
            paused_minutes=0, supplement_count=0, finished_at=datetime(2025, 7, 8, 9, 0), **common
        )
        == "early"
    )
    assert (
        dossier_timeliness(
            paused_minutes=0, supplement_count=0, finished_at=datetime(2025, 7, 11, 8, 0), **common
        )
        == "late"
    )
    # the same finish is on time when a day of supplement wait moved the due date
    assert (
        dossier_timeliness(
            paused_minutes=450, supplement_count=1, finished_at=datetime(2025, 7, 11, 8, 0), **common
        )
        == "on_time"
    )
    assert (
        dossier_timeliness(
            paused_minutes=450, supplement_count=2, finished_at=datetime(2025, 7, 8, 8, 0), **common
        )
        == "late"
    )
    assert late_for_reporting(2) and not late_for_reporting(1)


def test_unfinished_dossier_is_late_only_past_the_due() -> None:
    assert (
        dossier_timeliness(
            due_at=DUE,
            paused_minutes=0,
            supplement_count=0,
            finished_at=None,
            now=datetime(2025, 7, 9, 9, 0),
            calendar=CAL,
        )
        is None
    )
    assert (
        dossier_timeliness(
            due_at=DUE,
            paused_minutes=0,
            supplement_count=0,
            finished_at=None,
            now=datetime(2025, 7, 10, 10, 0),
            calendar=CAL,
        )
        == "late"
    )
    # waiting for a supplement since Wednesday: the wait does not count
    assert (
        dossier_timeliness(
            due_at=DUE,
            paused_minutes=0,
            supplement_count=1,
            finished_at=None,
            now=datetime(2025, 7, 10, 10, 0),
            calendar=CAL,
            pending_pause_since=datetime(2025, 7, 9, 9, 0),
        )
        is None
    )
    assert (
        dossier_timeliness(
            due_at=None, paused_minutes=0, supplement_count=0, finished_at=None, now=DUE, calendar=CAL
        )
        is None
    )


def test_due_status_windows() -> None:
    """Monday 10:00 with 2 working days: Monday later = today, up to Wednesday = soon, Thursday = none."""
    now = datetime(2025, 7, 7, 10, 0)
    assert soon_horizon(now, CAL, 2) == datetime(2025, 7, 10, 0, 0)
    assert due_status(datetime(2025, 7, 7, 9, 0), now, CAL, 2) == "overdue"
    assert due_status(datetime(2025, 7, 7, 16, 0), now, CAL, 2) == "due_today"
    assert due_status(datetime(2025, 7, 9, 16, 0), now, CAL, 2) == "due_soon"
    assert due_status(datetime(2025, 7, 10, 8, 0), now, CAL, 2) is None
    assert due_status(None, now, CAL, 2) is None
    # Friday: the window skips the weekend (Mon, Tue)
    assert soon_horizon(datetime(2025, 7, 11, 10, 0), CAL, 2) == datetime(2025, 7, 16, 0, 0)


def _extend(**kw: object) -> datetime:
    args: dict[str, object] = {
        "at": datetime(2025, 7, 9, 9, 0),
        "deadline": DUE,
        "already_extended": False,
        "new_due": datetime(2025, 7, 15, 9, 0),
        "reason": "Chờ xác minh",
        "calendar": CAL,
    }
    args.update(kw)
    return check_extension(**args)  # type: ignore[arg-type]


def test_extension_rules() -> None:
    """Once, before the due date, to a later working day, with a reason."""
    assert _extend() == datetime(2025, 7, 15, 9, 0)
    for kw, field in [
        ({"already_extended": True}, "new_due"),
        ({"reason": " "}, "reason"),
        ({"new_due": None}, "new_due"),
        ({"at": DUE}, "new_due"),  # at the due moment is too late
        ({"new_due": datetime(2025, 7, 10, 8, 0)}, "new_due"),  # not after the due date
        ({"new_due": datetime(2025, 7, 12, 9, 0)}, "new_due"),  # a Saturday
        ({"deadline": None}, "new_due"),
    ]:
        with pytest.raises(ValidationError) as err:
            _extend(**kw)
        assert err.value.field == field, kw
