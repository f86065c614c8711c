"""Accounts: init, unlock, adding users, roles for account management."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from desktop.core.cases import NotPermitted, Role
from desktop.core.errors import InputError, RefusedError
from desktop.services import accounts
from tests.services.fakes import FakeOpener, FakePolicies

if TYPE_CHECKING:
    from tests.services.conftest import Desk


def test_init_sets_the_policy_and_records_the_event(desk: Desk) -> None:
    assert desk.store.settings.get("policy") == "appi-default"
    first = next(desk.store.audit.events())
    assert (first.action, first.user, first.detail["policy"]) == ("init", "admin", "appi-default")
    assert desk.admin.user.role is Role.ADMINISTRATOR


def test_init_with_a_chosen_policy() -> None:
    opener = FakeOpener()
    session, key = accounts.initialise(
        opener, FakePolicies(), admin="root", password="x", policy="leverages"
    )
    assert session.store.settings.get("policy") == "leverages"
    assert len(key) == 64


def test_init_refuses_an_existing_store(desk: Desk) -> None:
    with pytest.raises(InputError, match="already holds a store"):
        accounts.initialise(desk.opener, desk.policies, admin="again", password="pw")


def test_init_refuses_an_unknown_policy_before_writing() -> None:
    opener = FakeOpener()
    with pytest.raises(InputError, match="no such policy"):
        accounts.initialise(opener, FakePolicies(), admin="root", password="x", policy="nope")
    assert not opener.exists()


@pytest.mark.parametrize("name", ["", " padded", "a" * 65, "tab\there"])
def test_bad_user_names_are_refused(name: str) -> None:
    with pytest.raises(InputError):
        accounts.initialise(FakeOpener(), FakePolicies(), admin=name, password="x")


def test_empty_password_is_refused(desk: Desk) -> None:
    with pytest.raises(InputError, match="empty"):
        accounts.add_user(desk.admin, "newbie", Role.OPERATOR, "")


def test_unlock_with_a_wrong_password_is_refused(desk: Desk) -> None:
    with pytest.raises(RefusedError):
        accounts.unlock(desk.opener, desk.policies, user="olivia", password="wrong")


def test_operator_may_not_add_users_and_nothing_changes(desk: Desk) -> None:
    olivia = desk.login("olivia")
    before = desk.store.snapshot()
    with pytest.raises(NotPermitted):
        accounts.add_user(olivia, "mallory", Role.ADMINISTRATOR, "pw")
    assert desk.store.snapshot() == before


def test_supervisor_may_not_add_users(desk: Desk) -> None:
    with pytest.raises(NotPermitted):
        accounts.add_user(desk.login("sam"), "mallory", Role.OPERATOR, "pw")


def test_duplicate_user_is_bad_input(desk: Desk) -> None:
    with pytest.raises(InputError, match="already exists"):
        accounts.add_user(desk.admin, "olivia", Role.OPERATOR, "pw")


def test_add_user_records_an_audit_event_without_the_password(desk: Desk) -> None:
    accounts.add_user(desk.admin, "newbie", Role.SUPERVISOR, "s3cret-pw")
    event = list(desk.store.audit.events())[-1]
    assert event.detail["account"] == "newbie"
    assert event.detail["role"] == "supervisor"
    assert "s3cret-pw" not in repr(event)
    session = accounts.unlock(desk.opener, desk.policies, user="newbie", password="s3cret-pw")
    assert session.user.role is Role.SUPERVISOR


def test_disabled_account_cannot_unlock(desk: Desk) -> None:
    accounts.set_active(desk.admin, "oscar", False)
    with pytest.raises(RefusedError):
        desk.login("oscar")


def test_last_administrator_cannot_be_disabled(desk: Desk) -> None:
    accounts.add_user(desk.admin, "root2", Role.ADMINISTRATOR, "pw")
    with pytest.raises(RefusedError):
        accounts.set_active(desk.admin, "admin", False)
    root2 = accounts.unlock(desk.opener, desk.policies, user="root2", password="pw")
    accounts.set_active(root2, "admin", False)
    with pytest.raises(RefusedError, match="own account"):
        accounts.set_active(root2, "root2", False)
    # the old session of the now disabled admin is refused outright (its rights are checked
    # on every action), so it cannot leave the store without an administrator either
    with pytest.raises(RefusedError, match="disabled"):
        accounts.set_active(desk.admin, "root2", False)


def test_change_own_password_but_not_anothers(desk: Desk) -> None:
    olivia = desk.login("olivia")
    accounts.change_password(olivia, "olivia", "new-pw")
    assert accounts.unlock(desk.opener, desk.policies, user="olivia", password="new-pw")
    with pytest.raises(NotPermitted):
        accounts.change_password(olivia, "oscar", "hijack")
    accounts.change_password(desk.admin, "oscar", "reset-pw")
    assert accounts.unlock(desk.opener, desk.policies, user="oscar", password="reset-pw")


def test_list_users_is_for_administrators(desk: Desk) -> None:
    names = [u.name for u in accounts.list_users(desk.admin)]
    assert names == ["admin", "olivia", "oscar", "sam", "sue"]
    with pytest.raises(NotPermitted):
        accounts.list_users(desk.login("sam"))
