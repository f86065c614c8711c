"""Case states, transitions and rights as data."""

from __future__ import annotations

import pytest

from desktop.core.cases import (
    FOUR_EYES_ACTIONS,
    PERMISSIONS,
    TRANSITIONS,
    Action,
    CaseStatus,
    ChainCheck,
    NotPermitted,
    Role,
    TransitionNotAllowed,
    allowed_actions,
    authorise,
    check_four_eyes,
    is_allowed,
    next_status,
)
from desktop.core.errors import InputError, RefusedError


def test_every_action_has_its_roles() -> None:
    assert set(PERMISSIONS) == set(Action)


def test_life_cycle_of_a_returned_then_approved_case() -> None:
    status = CaseStatus.INTAKE
    for action in (Action.SUBMIT, Action.RETURN, Action.SUBMIT, Action.APPROVE, Action.CLOSE):
        status = next_status("2026-000001", status, action)
    assert status is CaseStatus.CLOSED


def test_closed_is_final_and_every_status_is_reachable() -> None:
    assert allowed_actions(CaseStatus.CLOSED) == frozenset()
    reached = {target for target in TRANSITIONS.values()} | {CaseStatus.INTAKE}
    assert reached == set(CaseStatus)


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (CaseStatus.INTAKE, Action.APPROVE),
        (CaseStatus.APPROVED, Action.SUBMIT),
        (CaseStatus.CLOSED, Action.CLOSE),
        (CaseStatus.IN_REVIEW, Action.SUBMIT),
    ],
)
def test_transition_not_in_the_table_is_bad_input(status: CaseStatus, action: Action) -> None:
    with pytest.raises(TransitionNotAllowed) as info:
        next_status("2026-000007", status, action)
    assert isinstance(info.value, InputError)
    assert "2026-000007" in str(info.value)


def test_operator_cannot_decide_and_roles_are_cumulative() -> None:
    for action in (Action.APPROVE, Action.RETURN, Action.REJECT):
        assert not is_allowed(Role.OPERATOR, action)
        assert is_allowed(Role.SUPERVISOR, action)
        assert is_allowed(Role.ADMINISTRATOR, action)
    with pytest.raises(NotPermitted) as info:
        authorise(Role.OPERATOR, Action.APPROVE)
    assert isinstance(info.value, RefusedError)
    for action in Action:
        if is_allowed(Role.OPERATOR, action):
            assert is_allowed(Role.SUPERVISOR, action), action
        if is_allowed(Role.SUPERVISOR, action):
            assert is_allowed(Role.ADMINISTRATOR, action), action
    for action in (Action.MANAGE_USERS, Action.EDIT_SETTINGS, Action.BACKUP):
        assert not is_allowed(Role.SUPERVISOR, action)
        authorise(Role.ADMINISTRATOR, action)


def test_four_eyes() -> None:
    assert Action.APPROVE in FOUR_EYES_ACTIONS
    with pytest.raises(NotPermitted, match="four-eyes"):
        check_four_eyes(Action.APPROVE, "sato", "sato")
    check_four_eyes(Action.APPROVE, "suzuki", "sato")
    check_four_eyes(Action.RETURN, "sato", "sato")
    check_four_eyes(Action.APPROVE, "sato", None)


def test_chain_check_unpacks() -> None:
    intact, events, first_broken = ChainCheck(False, 9, 4)
    assert (intact, events, first_broken) == (False, 9, 4)
