"""The transition table: every (state, action) pair, written out here independently of the code."""

from __future__ import annotations

import pytest

from desk_app.domain.errors import UserError, ValidationError
from desk_app.domain.states import (
    ACTION_PERMISSION,
    NATIONAL_CODE,
    STATE_LABEL_VI,
    Action,
    MoveRefused,
    State,
    allowed_actions,
    next_state,
    parse_action,
)

S = State
# (state, action) -> state after. Every pair not listed must be refused.
EXPECTED: dict[tuple[State, str], State] = {
    (S.RECEIVED, "forward"): S.IN_PROGRESS,
    (S.IN_PROGRESS, "forward"): S.IN_PROGRESS,
    (S.RECEIVED, "request-supplement"): S.SUPPLEMENT_REQUESTED,
    (S.IN_PROGRESS, "request-supplement"): S.SUPPLEMENT_REQUESTED,
    (S.SUPPLEMENT_REQUESTED, "supplement-received"): S.IN_PROGRESS,
    (S.RECEIVED, "request-payment"): S.PAYMENT_REQUESTED,
    (S.IN_PROGRESS, "request-payment"): S.PAYMENT_REQUESTED,
    (S.PAYMENT_REQUESTED, "payment-received"): S.IN_PROGRESS,
    (S.RECEIVED, "extend"): S.RECEIVED,
    (S.IN_PROGRESS, "extend"): S.IN_PROGRESS,
    (S.SUPPLEMENT_REQUESTED, "extend"): S.SUPPLEMENT_REQUESTED,
    (S.PAYMENT_REQUESTED, "extend"): S.PAYMENT_REQUESTED,
    (S.RECEIVED, "refuse"): S.REFUSED,
    (S.IN_PROGRESS, "refuse"): S.REFUSED,
    (S.RECEIVED, "withdraw"): S.WITHDRAWAL_REQUESTED,
    (S.IN_PROGRESS, "withdraw"): S.WITHDRAWAL_REQUESTED,
    (S.SUPPLEMENT_REQUESTED, "withdraw"): S.WITHDRAWAL_REQUESTED,
    (S.PAYMENT_REQUESTED, "withdraw"): S.WITHDRAWAL_REQUESTED,
    (S.RECEIVED, "stop"): S.STOPPED,
    (S.IN_PROGRESS, "stop"): S.STOPPED,
    (S.SUPPLEMENT_REQUESTED, "stop"): S.STOPPED,
    (S.PAYMENT_REQUESTED, "stop"): S.STOPPED,
    (S.WITHDRAWAL_REQUESTED, "stop"): S.STOPPED,
    (S.RECEIVED, "result-ready"): S.RESULT_READY,
    (S.IN_PROGRESS, "result-ready"): S.RESULT_READY,
    (S.PAYMENT_REQUESTED, "result-ready"): S.RESULT_READY,
    (S.RESULT_READY, "return"): S.RETURNED,
}
ALL_PAIRS = [(state, action) for state in State for action in Action]


def test_the_issue_verbs_are_all_actions() -> None:
    """Every ACTION of the CLI contract exists (payment-received is the one addition)."""
    issue = {
        "forward",
        "request-supplement",
        "supplement-received",
        "request-payment",
        "extend",
        "refuse",
        "withdraw",
        "stop",
        "result-ready",
        "return",
    }
    assert issue <= {a.value for a in Action}
    assert {a.value for a in Action} - issue == {"payment-received"}


def test_state_values_are_the_contract() -> None:
    """The show --json state values are exactly the issue's list, each with a national code and label."""
    assert {s.value for s in State} == {
        "guided",
        "received",
        "refused",
        "in_progress",
        "supplement_requested",
        "payment_requested",
        "withdrawal_requested",
        "stopped",
        "result_ready",
        "returned",
    }
    assert set(NATIONAL_CODE) == set(State) == set(STATE_LABEL_VI)
    assert NATIONAL_CODE[S.RETURNED] == 10 and NATIONAL_CODE[S.SUPPLEMENT_REQUESTED] == 5


@pytest.mark.parametrize(("state", "action"), ALL_PAIRS, ids=[f"{s.value}-{a.value}" for s, a in ALL_PAIRS])
def test_every_pair(state: State, action: Action) -> None:
    """Allowed pairs move to the expected state; all others raise MoveRefused (a UserError) naming the move."""
    expected = EXPECTED.get((state, action.value))
    if expected is not None:
        assert next_state(state, action) == expected
        assert action in allowed_actions(state)
    else:
        with pytest.raises(MoveRefused) as err:
            next_state(state, action)
        assert isinstance(err.value, UserError)
        assert action.value in err.value.message and state.value in err.value.message
        assert err.value.vi != err.value.message
        assert action not in allowed_actions(state)


def test_final_states_allow_nothing() -> None:
    """Guided, refused, stopped and returned dossiers cannot move any more."""
    for state in (S.GUIDED, S.REFUSED, S.STOPPED, S.RETURNED):
        assert allowed_actions(state) == []


def test_table_has_no_pair_beyond_the_expected() -> None:
    """The number of allowed pairs equals the list above (nothing extra slipped in)."""
    allowed = [(s, a) for s, a in ALL_PAIRS if a in allowed_actions(s)]
    assert len(allowed) == len(EXPECTED)


def test_permissions() -> None:
    """Extending is a leader's decision; returning has its own permission; the rest need 'move'."""
    assert ACTION_PERMISSION[Action.EXTEND] == "extend"
    assert ACTION_PERMISSION[Action.RETURN] == "return"
    assert {ACTION_PERMISSION[a] for a in Action if a not in (Action.EXTEND, Action.RETURN)} == {"move"}


def test_parse_action() -> None:
    assert parse_action("result_ready") is Action.RESULT_READY
    assert parse_action(" Return ") is Action.RETURN
    with pytest.raises(ValidationError):
        parse_action("approve")
