"""Dossier states and the moves between them (``../shared/domain.md`` §2, §4).

The state values are the contract of ``desk-app show --json``; ``national_code`` is the TrangThaiHoSo code
used when syncing to the national portal.
"""

from __future__ import annotations

from enum import StrEnum

from desk_app.domain.errors import UserError


class State(StrEnum):
    """The state of a hồ sơ."""

    GUIDED = "guided"  # incomplete at the counter: Mẫu 02 guidance given, not received
    RECEIVED = "received"
    REFUSED = "refused"
    IN_PROGRESS = "in_progress"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    PAYMENT_REQUESTED = "payment_requested"
    WITHDRAWAL_REQUESTED = "withdrawal_requested"
    STOPPED = "stopped"
    RESULT_READY = "result_ready"
    RETURNED = "returned"


NATIONAL_CODE: dict[State, int] = {
    State.GUIDED: 0,
    State.RECEIVED: 2,
    State.REFUSED: 3,
    State.IN_PROGRESS: 4,
    State.SUPPLEMENT_REQUESTED: 5,
    State.PAYMENT_REQUESTED: 6,
    State.WITHDRAWAL_REQUESTED: 7,
    State.STOPPED: 8,
    State.RESULT_READY: 9,
    State.RETURNED: 10,
}

STATE_LABEL_VI: dict[State, str] = {
    State.GUIDED: "Đã hướng dẫn, chưa tiếp nhận",
    State.RECEIVED: "Đã tiếp nhận",
    State.REFUSED: "Từ chối tiếp nhận",
    State.IN_PROGRESS: "Đang xử lý",
    State.SUPPLEMENT_REQUESTED: "Chờ bổ sung",
    State.PAYMENT_REQUESTED: "Chờ thực hiện nghĩa vụ tài chính",
    State.WITHDRAWAL_REQUESTED: "Công dân xin rút",
    State.STOPPED: "Dừng xử lý",
    State.RESULT_READY: "Có kết quả, chờ trả",
    State.RETURNED: "Đã trả kết quả",
}

# States in which the dossier is still with the administration (counted as "đang giải quyết").
OPEN_STATES = frozenset(
    {
        State.RECEIVED,
        State.IN_PROGRESS,
        State.SUPPLEMENT_REQUESTED,
        State.PAYMENT_REQUESTED,
        State.WITHDRAWAL_REQUESTED,
    }
)
FINAL_STATES = frozenset({State.GUIDED, State.REFUSED, State.STOPPED, State.RETURNED})


class Action(StrEnum):
    """A move a user makes on a dossier (the ``desk-app act`` verbs)."""

    FORWARD = "forward"
    REQUEST_SUPPLEMENT = "request-supplement"
    SUPPLEMENT_RECEIVED = "supplement-received"
    REQUEST_PAYMENT = "request-payment"
    PAYMENT_RECEIVED = "payment-received"
    EXTEND = "extend"
    REFUSE = "refuse"
    WITHDRAW = "withdraw"
    STOP = "stop"
    RESULT_READY = "result-ready"
    RETURN = "return"


_ACTIVE = (State.RECEIVED, State.IN_PROGRESS, State.SUPPLEMENT_REQUESTED, State.PAYMENT_REQUESTED)

# action -> (allowed source states, target state or None to keep the state)
TRANSITIONS: dict[Action, tuple[frozenset[State], State | None]] = {
    Action.FORWARD: (frozenset({State.RECEIVED, State.IN_PROGRESS}), State.IN_PROGRESS),
    Action.REQUEST_SUPPLEMENT: (frozenset({State.RECEIVED, State.IN_PROGRESS}), State.SUPPLEMENT_REQUESTED),
    Action.SUPPLEMENT_RECEIVED: (frozenset({State.SUPPLEMENT_REQUESTED}), State.IN_PROGRESS),
    Action.REQUEST_PAYMENT: (frozenset({State.RECEIVED, State.IN_PROGRESS}), State.PAYMENT_REQUESTED),
    Action.PAYMENT_RECEIVED: (frozenset({State.PAYMENT_REQUESTED}), State.IN_PROGRESS),
    Action.EXTEND: (frozenset({State.RECEIVED, State.IN_PROGRESS, State.SUPPLEMENT_REQUESTED, State.PAYMENT_REQUESTED}), None),
    Action.REFUSE: (frozenset({State.RECEIVED, State.IN_PROGRESS}), State.REFUSED),
    Action.WITHDRAW: (frozenset(_ACTIVE), State.WITHDRAWAL_REQUESTED),
    Action.STOP: (frozenset({*_ACTIVE, State.WITHDRAWAL_REQUESTED}), State.STOPPED),
    Action.RESULT_READY: (frozenset({State.RECEIVED, State.IN_PROGRESS, State.PAYMENT_REQUESTED}), State.RESULT_READY),
    Action.RETURN: (frozenset({State.RESULT_READY}), State.RETURNED),
}


class MoveRefused(UserError):
    """A move that the rules do not allow from the dossier's state."""


def next_state(state: State, action: Action) -> State:
    """The state after ``action``, or MoveRefused saying why it is not allowed."""
    sources, target = TRANSITIONS[action]
    if state not in sources:
        allowed = ", ".join(sorted(s.value for s in sources))
        raise MoveRefused(
            f"Cannot {action.value} a dossier in state {state.value} (allowed from: {allowed}).",
            f"Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái “{STATE_LABEL_VI[state]}”.",
        )
    return target or state
