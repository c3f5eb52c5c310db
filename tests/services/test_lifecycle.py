"""Moves through services.lifecycle.act: every (state, action) pair on real dossiers, and each move's rules."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from desk_app.domain.errors import ValidationError
from desk_app.domain.states import Action, MoveRefused, State, allowed_actions
from desk_app.services.intake import receive as intake
from desk_app.services.intake.inputs import ApplicantInput, DocumentInput, IntakeRequest
from desk_app.services.lifecycle.dossier_view import show
from desk_app.services.lifecycle.moves import act
from desk_app.store import audit
from tests.services.test_lifecycle_support import MONDAY, make_dossier

# What each move needs to pass its own rules (reason, to whom, a new date …).
ARGS: dict[str, dict[str, Any]] = {
    "forward": {"to_whom": "Công chức Tư pháp - Hộ tịch"},
    "request-supplement": {"items": ["Bản sao CCCD người giám hộ"], "reason": "Thiếu giấy tờ"},
    "supplement-received": {},
    "request-payment": {"reason": "Nộp lệ phí"},
    "payment-received": {},
    "extend": {"reason": "Cần xác minh thêm", "new_due": date(2025, 7, 15)},
    "refuse": {"reason": "Không thuộc thẩm quyền"},
    "withdraw": {"reason": "Đơn xin rút hồ sơ ngày 08/7"},
    "stop": {"reason": "Công dân rút hồ sơ"},
    "result-ready": {},
    "return": {},
}
# How to bring a freshly received dossier into each state.
PATHS: dict[State, list[str]] = {
    State.RECEIVED: [],
    State.IN_PROGRESS: ["forward"],
    State.SUPPLEMENT_REQUESTED: ["request-supplement"],
    State.PAYMENT_REQUESTED: ["request-payment"],
    State.WITHDRAWAL_REQUESTED: ["withdraw"],
    State.STOPPED: ["stop"],
    State.RESULT_READY: ["result-ready"],
    State.RETURNED: ["result-ready", "return"],
    State.REFUSED: ["refuse"],
}


class Clock:
    """Move times one minute apart, all before the due date (Thu 10/7 09:00)."""

    def __init__(self) -> None:
        self.now = MONDAY + timedelta(hours=1)

    def tick(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def dossier_in(db: Any, state: State, clock: Clock, n: int) -> str:
    if state == State.GUIDED:
        result = intake.guide(
            db,
            IntakeRequest(
                procedure_code="1.004837",
                applicant=ApplicantInput(full_name=f"Trần Văn Khách {n}"),
                documents=[DocumentInput("Tờ khai")],
                received_at=MONDAY,
            ),
            ["Văn bản cử người giám hộ"],
            "Thiếu giấy tờ",
            actor="clerk1",
        )
        # a guided dossier has no code: give the test a handle through the database
        return f"#id{result.dossier_id}"
    code = make_dossier(db, name=f"Lê Thị Mai {n}", id_number=f"0011900{n:05d}")
    for action in PATHS[state]:
        act(db, code, action, at=clock.tick(), **ARGS[action])
    return code


def snapshot(db: Any, code: str) -> tuple[Any, ...]:
    con = sqlite3.connect(db.path)
    try:
        row = con.execute("SELECT * FROM dossiers WHERE code = ?", (code,)).fetchone()
        counts = tuple(
            con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("dossier_events", "audit_events", "supplement_episodes")
        )
        return row, counts
    finally:
        con.close()


def test_every_state_action_pair_on_real_dossiers(unit_db: Any) -> None:
    """Allowed moves move and are recorded; refused ones raise MoveRefused and leave the file untouched."""
    clock, n = Clock(), 0
    refused_checked = 0
    for state in State:
        n += 1
        probe = dossier_in(unit_db, state, clock, n)
        if state == State.GUIDED:
            assert allowed_actions(state) == []
            continue
        assert show(unit_db, probe)["state"] == state.value
        for action in Action:
            if action in allowed_actions(state):
                n += 1
                code = dossier_in(unit_db, state, clock, n)
                result = act(unit_db, code, action, at=clock.tick(), **ARGS[action.value])
                data = show(unit_db, code)
                assert result["state_before"] == state.value
                assert data["state"] == result["state"]
                last = data["history"][-1]
                assert (last["action"], last["state_before"], last["state_after"]) == (
                    action.value,
                    state.value,
                    result["state"],
                )
            else:
                before = snapshot(unit_db, probe)
                with pytest.raises(MoveRefused):
                    act(unit_db, probe, action, at=clock.tick(), **ARGS[action.value])
                assert snapshot(unit_db, probe) == before
                refused_checked += 1
    assert refused_checked == 9 * 11 - 27  # every refused pair of the nine coded states
    with unit_db.session() as s:
        assert audit.verify(s).ok


def test_forward_records_who_and_when(unit_db: Any) -> None:
    code = make_dossier(unit_db)
    with pytest.raises(ValidationError) as err:
        act(unit_db, code, "forward", at=datetime(2025, 7, 7, 10, 0))
    assert err.value.field == "to_whom"
    act(unit_db, code, "forward", at=datetime(2025, 7, 7, 10, 0), to_whom="Công chức Tư pháp", actor="clerk1")
    act(unit_db, code, "forward", at=datetime(2025, 7, 8, 14, 0), to_whom="Lãnh đạo UBND xã", actor="ts1")
    hist = show(unit_db, code)["history"]
    assert [(h["action"], h["at"], h["to_whom"], h["actor"]) for h in hist] == [
        ("receive", "2025-07-07T09:00", "", "clerk1"),
        ("forward", "2025-07-07T10:00", "Công chức Tư pháp", "clerk1"),
        ("forward", "2025-07-08T14:00", "Lãnh đạo UBND xã", "ts1"),
    ]
    assert hist[1]["state_before"] == "received" and hist[1]["state_after"] == "in_progress"


def test_a_move_cannot_go_back_in_time(unit_db: Any) -> None:
    code = make_dossier(unit_db)
    act(unit_db, code, "forward", at=datetime(2025, 7, 8, 10, 0), to_whom="Công chức")
    for at in (datetime(2025, 7, 8, 9, 0), datetime(2025, 7, 7, 8, 0)):
        with pytest.raises(ValidationError) as err:
            act(unit_db, code, "result-ready", at=at)
        assert err.value.field == "at"
    assert show(unit_db, code)["state"] == "in_progress"


def test_supplement_pauses_the_clock(unit_db: Any) -> None:
    """Tue 10:00 → Thu 10:00 is 900 office minutes: the deadline moves two working days, due_at stays."""
    code = make_dossier(unit_db)
    with pytest.raises(ValidationError):
        act(unit_db, code, "request-supplement", at=datetime(2025, 7, 8, 10, 0))  # nothing said
    r = act(
        unit_db,
        code,
        "request-supplement",
        at=datetime(2025, 7, 8, 10, 0),
        items=["Bản sao CCCD", "Giấy ủy quyền"],
        reason="Thiếu giấy tờ",
    )
    assert r["state"] == "supplement_requested" and r["supplement_count"] == 1 and not r["late_for_reporting"]
    r = act(unit_db, code, "supplement-received", at=datetime(2025, 7, 10, 10, 0))
    assert r["state"] == "in_progress"
    assert r["data"]["paused_minutes"] == 900
    data = show(unit_db, code)
    assert data["due_at"] == "2025-07-10T09:00"
    assert data["deadline_at"] == "2025-07-14T09:00"
    assert data["paused_minutes"] == 900
    assert data["supplements"] == [
        {
            "stage": "processing",
            "requested_at": "2025-07-08T10:00",
            "received_at": "2025-07-10T10:00",
            "items": ["Bản sao CCCD", "Giấy ủy quyền"],
            "reason": "Thiếu giấy tờ",
        }
    ]
    # finishing on Monday 14/7 08:00 is on time thanks to the pause
    act(unit_db, code, "result-ready", at=datetime(2025, 7, 14, 8, 0))
    assert show(unit_db, code)["timeliness"] == "on_time"


def test_second_supplement_request_marks_the_dossier_late(unit_db: Any) -> None:
    code = make_dossier(unit_db)
    act(unit_db, code, "request-supplement", at=datetime(2025, 7, 7, 10, 0), reason="Thiếu tờ khai")
    act(unit_db, code, "supplement-received", at=datetime(2025, 7, 7, 11, 0))
    r = act(unit_db, code, "request-supplement", at=datetime(2025, 7, 7, 14, 0), reason="Thiếu bản sao")
    assert r["supplement_count"] == 2 and r["late_for_reporting"]
    act(unit_db, code, "supplement-received", at=datetime(2025, 7, 7, 15, 0))
    act(unit_db, code, "result-ready", at=datetime(2025, 7, 7, 16, 0))
    data = show(unit_db, code)
    assert data["late_for_reporting"] and data["timeliness"] == "late"
    assert len(data["supplements"]) == 2 and data["paused_minutes"] == 120


def test_extend_once_before_the_due_date(unit_db: Any) -> None:
    code = make_dossier(unit_db)
    with pytest.raises(ValidationError):  # no reason
        act(unit_db, code, "extend", at=datetime(2025, 7, 9, 9, 0), new_due=date(2025, 7, 15))
    with pytest.raises(ValidationError):  # not after the due date
        act(unit_db, code, "extend", at=datetime(2025, 7, 9, 9, 0), new_due=date(2025, 7, 10), reason="x")
    r = act(
        unit_db,
        code,
        "extend",
        at=datetime(2025, 7, 9, 9, 0),
        new_due=date(2025, 7, 15),
        reason="Chờ kết quả xác minh",
        actor="leader1",
    )
    assert r["state"] == "received"
    assert (r["due_at"], r["extended_due_at"], r["deadline_at"]) == (
        "2025-07-10T09:00",
        "2025-07-15T09:00",
        "2025-07-15T09:00",
    )
    before = snapshot(unit_db, code)
    with pytest.raises(ValidationError) as err:
        act(unit_db, code, "extend", at=datetime(2025, 7, 9, 10, 0), new_due=date(2025, 7, 17), reason="lại")
    assert "once" in err.value.message
    assert snapshot(unit_db, code) == before
    # returned on 14/7: before the new date, yet late for reporting (the apology does not make it on time)
    act(unit_db, code, "result-ready", at=datetime(2025, 7, 14, 9, 0))
    assert show(unit_db, code)["timeliness"] == "late"


def test_extend_after_the_due_date_is_refused(unit_db: Any) -> None:
    code = make_dossier(unit_db)
    with pytest.raises(ValidationError) as err:
        act(unit_db, code, "extend", at=datetime(2025, 7, 10, 9, 30), new_due=date(2025, 7, 15), reason="x")
    assert "passed" in err.value.message
    assert show(unit_db, code)["extended_due_at"] is None


def test_result_ready_then_return_to_an_authorised_person(unit_db: Any) -> None:
    code = make_dossier(unit_db)
    r = act(unit_db, code, "result-ready", at=datetime(2025, 7, 9, 15, 0), e_result=True)
    assert r["finished_at"] == "2025-07-09T15:00"
    with pytest.raises(ValidationError) as err:
        act(unit_db, code, "return", at=datetime(2025, 7, 10, 8, 0), receiver={"name": "Phạm Văn Nam"})
    assert err.value.field == "receiver.id_number"
    with pytest.raises(ValidationError):
        act(unit_db, code, "return", at=datetime(2025, 7, 10, 8, 0), rating="great")
    act(
        unit_db,
        code,
        "return",
        at=datetime(2025, 7, 10, 8, 0),
        rating="satisfied",
        receiver={"name": "Phạm Văn Nam", "id_number": "001085012345"},
        actor="clerk1",
    )
    data = show(unit_db, code)
    assert data["state"] == "returned" and data["returned_at"] == "2025-07-10T08:00"
    assert data["receiver"] == {"name": "Phạm Văn Nam", "id_number": "001085012345", "relation": "authorised"}
    assert data["rating"] == "satisfied" and data["result_digitized"] and data["timeliness"] == "early"
    # the audit trail keeps the receiver's ID masked
    move = next(a for a in data["audit"] if a["action"] == "dossier.return")
    assert move["detail"]["receiver"]["id_number"] == "001******345"


def test_return_to_the_applicant_by_default_and_by_post(unit_db: Any) -> None:
    code = make_dossier(unit_db)
    act(unit_db, code, "result-ready", at=datetime(2025, 7, 8, 9, 0))
    act(unit_db, code, "return", at=datetime(2025, 7, 8, 10, 0), channel="postal")
    data = show(unit_db, code)
    assert data["receiver"] == {"name": "Nguyễn Thị Hằng", "id_number": "001190012345", "relation": "self"}
    assert data["return_via"] == "postal" and data["rating"] is None


def test_stop_after_withdrawal_sets_finished(unit_db: Any) -> None:
    code = make_dossier(unit_db)
    with pytest.raises(ValidationError):
        act(unit_db, code, "withdraw", at=datetime(2025, 7, 8, 9, 0))
    act(unit_db, code, "withdraw", at=datetime(2025, 7, 8, 9, 0), reason="Đơn xin rút ngày 08/7/2025")
    r = act(unit_db, code, "stop", at=datetime(2025, 7, 8, 10, 0), reason="Theo đề nghị của công dân")
    assert r["state"] == "stopped" and r["finished_at"] == "2025-07-08T10:00"


def test_each_move_is_audited_with_before_and_after(unit_db: Any) -> None:
    code = make_dossier(unit_db)
    act(unit_db, code, "forward", at=datetime(2025, 7, 7, 10, 0), to_whom="Công chức", actor="clerk1")
    trail = show(unit_db, code)["audit"]
    assert [t["action"] for t in trail] == ["dossier.receive", "dossier.forward"]
    detail = trail[-1]["detail"]
    assert (detail["state_before"], detail["state_after"], detail["to_whom"], detail["at"]) == (
        "received",
        "in_progress",
        "Công chức",
        "2025-07-07T10:00",
    )
    assert trail[-1]["actor"] == "clerk1"


def test_unknown_action_and_dossier(unit_db: Any) -> None:
    from desk_app.domain.errors import NotFound

    code = make_dossier(unit_db)
    with pytest.raises(ValidationError):
        act(unit_db, code, "approve")
    with pytest.raises(NotFound):
        act(unit_db, "001.05.12.H49-250707-0999", "forward", to_whom="x")
