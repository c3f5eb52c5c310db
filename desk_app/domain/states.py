"""Dossier states and the moves between them (``../shared/domain.md`` §2, §4).

The state values are the contract of ``desk-app show --json``; ``national_code`` is the TrangThaiHoSo code
used when syncing to the national portal. TRANSITIONS is the whole rule book: a move not listed there from
the dossier's state is refused (MoveRefused) and changes nothing.
"""

from __future__ import annotations

from enum import StrEnum

from desk_app.domain.errors import UserError, ValidationError


class State(StrEnum):
    """The state of a hồ sơ (trạng thái hồ sơ)."""

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

STATE_LABEL_EN: dict[State, str] = {
    State.GUIDED: "Guided, not received",
    State.RECEIVED: "Received",
    State.REFUSED: "Refused",
    State.IN_PROGRESS: "In progress",
    State.SUPPLEMENT_REQUESTED: "Waiting for a supplement",
    State.PAYMENT_REQUESTED: "Waiting for payment",
    State.WITHDRAWAL_REQUESTED: "Withdrawal requested",
    State.STOPPED: "Stopped",
    State.RESULT_READY: "Result ready",
    State.RETURNED: "Returned",
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
# States in which the deadline clock runs and no result exists yet: what the due/overdue queues watch.
# The clock pauses while a supplement is awaited (domain.md §7.4.4); a withdrawal request awaits a stop.
CLOCK_RUNNING_STATES = frozenset({State.RECEIVED, State.IN_PROGRESS, State.PAYMENT_REQUESTED})


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


ACTION_LABEL_VI: dict[Action, str] = {
    Action.FORWARD: "Chuyển xử lý",
    Action.REQUEST_SUPPLEMENT: "Yêu cầu bổ sung",
    Action.SUPPLEMENT_RECEIVED: "Đã nhận bổ sung",
    Action.REQUEST_PAYMENT: "Yêu cầu nghĩa vụ tài chính",
    Action.PAYMENT_RECEIVED: "Đã thực hiện nghĩa vụ tài chính",
    Action.EXTEND: "Xin lỗi, gia hạn",
    Action.REFUSE: "Từ chối",
    Action.WITHDRAW: "Công dân xin rút",
    Action.STOP: "Dừng xử lý",
    Action.RESULT_READY: "Có kết quả",
    Action.RETURN: "Trả kết quả",
}

ACTION_LABEL_EN: dict[Action, str] = {
    Action.FORWARD: "Forward",
    Action.REQUEST_SUPPLEMENT: "Request a supplement",
    Action.SUPPLEMENT_RECEIVED: "Supplement received",
    Action.REQUEST_PAYMENT: "Request payment",
    Action.PAYMENT_RECEIVED: "Payment received",
    Action.EXTEND: "Apologise and extend",
    Action.REFUSE: "Refuse",
    Action.WITHDRAW: "Withdrawal requested",
    Action.STOP: "Stop",
    Action.RESULT_READY: "Result ready",
    Action.RETURN: "Return the result",
}

# The permission (cli Context.require / trust roles) each move needs: extending is a leader's decision.
ACTION_PERMISSION: dict[Action, str] = {action: "move" for action in Action} | {
    Action.EXTEND: "extend",
    Action.RETURN: "return",
}

_ACTIVE = frozenset({State.RECEIVED, State.IN_PROGRESS, State.SUPPLEMENT_REQUESTED, State.PAYMENT_REQUESTED})

# action -> (allowed source states, target state or None to keep the state)
TRANSITIONS: dict[Action, tuple[frozenset[State], State | None]] = {
    Action.FORWARD: (frozenset({State.RECEIVED, State.IN_PROGRESS}), State.IN_PROGRESS),
    Action.REQUEST_SUPPLEMENT: (frozenset({State.RECEIVED, State.IN_PROGRESS}), State.SUPPLEMENT_REQUESTED),
    Action.SUPPLEMENT_RECEIVED: (frozenset({State.SUPPLEMENT_REQUESTED}), State.IN_PROGRESS),
    Action.REQUEST_PAYMENT: (frozenset({State.RECEIVED, State.IN_PROGRESS}), State.PAYMENT_REQUESTED),
    Action.PAYMENT_RECEIVED: (frozenset({State.PAYMENT_REQUESTED}), State.IN_PROGRESS),
    Action.EXTEND: (_ACTIVE, None),
    Action.REFUSE: (frozenset({State.RECEIVED, State.IN_PROGRESS}), State.REFUSED),
    Action.WITHDRAW: (_ACTIVE, State.WITHDRAWAL_REQUESTED),
    Action.STOP: (_ACTIVE | {State.WITHDRAWAL_REQUESTED}, State.STOPPED),
    Action.RESULT_READY: (
        frozenset({State.RECEIVED, State.IN_PROGRESS, State.PAYMENT_REQUESTED}),
        State.RESULT_READY,
    ),
    Action.RETURN: (frozenset({State.RESULT_READY}), State.RETURNED),
}

# Moves that end processing: the dossier's finished_at (NgayKetThucXuLy, QĐ 766 indicator 2.1) is set.
FINISHING_ACTIONS = frozenset({Action.RESULT_READY, Action.STOP, Action.REFUSE})


class MoveRefused(UserError):
    """A move that the rules do not allow from the dossier's state."""


def parse_action(text: str) -> Action:
    """The Action named ``text`` (``"result-ready"`` or ``"result_ready"``), else a ValidationError."""
    try:
        return Action(text.strip().lower().replace("_", "-"))
    except ValueError:
        names = ", ".join(a.value for a in Action)
        raise ValidationError(
            f"Unknown action {text!r} (one of: {names}).", "Thao tác không hợp lệ.", field="action"
        ) from None


def state_label(state: State | str, language: str = "vi") -> str:
    value = State(state)
    return (STATE_LABEL_VI if language == "vi" else STATE_LABEL_EN)[value]


def action_label(action: Action | str, language: str = "vi") -> str:
    value = Action(action)
    return (ACTION_LABEL_VI if language == "vi" else ACTION_LABEL_EN)[value]


def allowed_actions(state: State | str) -> list[Action]:
    """The moves allowed from ``state``, in the order of the Action enum (the GUI's buttons)."""
    value = State(state)
    return [action for action, (sources, _) in TRANSITIONS.items() if value in sources]


def next_state(state: State, action: Action) -> State:
    """The state after ``action``, or MoveRefused saying why it is not allowed."""
    sources, target = TRANSITIONS[action]
    if state not in sources:
        allowed = ", ".join(sorted(s.value for s in sources))
        raise MoveRefused(
            f"Cannot {action.value} a dossier in state {state.value} (allowed from: {allowed}).",
            f"Không thể “{ACTION_LABEL_VI[action]}” khi hồ sơ đang ở trạng thái “{STATE_LABEL_VI[state]}”.",
        )
    return target or state
