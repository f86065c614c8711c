"""Administration against a real SQLCipher store: settings, accounts, recovery, policy viewer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from desktop.core.cases import NotPermitted, Role
from desktop.core.errors import InputError, RefusedError
from desktop.services import accounts, admin, disposal
from desktop.services.review import policy_in_force
from desktop.services.workspace import FilePolicies
from desktop.store.db import StoreOpener
from desktop.store.keyslots import KdfParams
from tests.clock import Clock

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from desktop.services.session import Session

FAST_KDF = KdfParams(time_cost=1, memory_cost=1024, parallelism=1)


class Desk:
    """A real store with an administrator, an operator and a supervisor."""

    def __init__(self, directory: Path) -> None:
        self.opener = StoreOpener(directory, kdf=FAST_KDF)
        self.policies = FilePolicies()
        self.clock = Clock()
        self.admin, self.recovery_key = accounts.initialise(
            self.opener, self.policies, admin="kanri", password="pw-kanri", now=self.clock
        )
        accounts.add_user(self.admin, "sagyou", Role.OPERATOR, "pw-sagyou")
        accounts.add_user(self.admin, "kantoku", Role.SUPERVISOR, "pw-kantoku")
        self.sessions: list[Session] = [self.admin]

    def login(self, name: str, password: str | None = None) -> Session:
        session = accounts.unlock(
            self.opener,
            self.policies,
            user=name,
            password=password or f"pw-{name}",
            now=self.clock,
        )
        self.sessions.append(session)
        return session

    def actions(self) -> list[tuple[str, str, dict[str, object]]]:
        return [(e.user, e.action, dict(e.detail)) for e in self.admin.store.audit.events()]


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    ready = Desk(tmp_path / "store")
    yield ready
    for session in ready.sessions:
        session.store.close()


@pytest.mark.parametrize("who", ["sagyou", "kantoku"])
def test_operator_and_supervisor_are_refused_admin_actions(desk: Desk, who: str) -> None:
    session = desk.login(who)
    refused: list[Callable[[], object]] = [
        lambda: admin.set_company_sender(session, admin.CompanySender("架空商事")),
        lambda: admin.set_policy(session, "leverages"),
        lambda: admin.set_retention(session, identity_days=30, request_form_days=60),
        lambda: admin.set_idle_lock_minutes(session, 5),
        lambda: admin.set_hot_folder(session, ""),
        lambda: admin.add_user(session, "atarashii", Role.OPERATOR, "pw"),
        lambda: admin.disable_user(session, "sagyou"),
        lambda: admin.reset_password(session, "kanri", "stolen"),
        lambda: admin.list_users(session),
    ]
    for attempt in refused:
        with pytest.raises(NotPermitted):
            attempt()
    assert admin.read_settings(desk.admin).policy == "appi-default"
    assert desk.admin.store.users.get("atarashii") is None


def test_settings_are_stored_audited_and_read_back(desk: Desk, tmp_path: Path) -> None:
    session = desk.admin
    sender = admin.CompanySender(
        "架空商事株式会社", "東京都架空区1-2-3", "個人情報窓口 03-0000-0000"
    )
    admin.set_company_sender(session, sender)
    assert admin.set_policy(session, "leverages") == "leverages"
    admin.set_retention(session, identity_days=90, request_form_days=730)
    admin.set_idle_lock_minutes(session, 3)
    folder = tmp_path / "scans"
    folder.mkdir()
    admin.set_hot_folder(session, str(folder))

    got = admin.read_settings(desk.login("sagyou"))  # any user reads them (idle lock)
    assert got == admin.StoreSettings(
        sender=sender,
        policy="leverages",
        identity_retention_days=90,
        request_form_retention_days=730,
        idle_lock_minutes=3,
        hot_folder=str(folder.resolve()),
    )
    assert policy_in_force(session) == "leverages"
    assert disposal.effective_rules(session, "appi-default").request_form_days == 730
    changed = [d.get("changed") for u, a, d in desk.actions() if a == "edit_settings"]
    assert changed == ["company_sender", "policy", "retention", "idle_lock_minutes", "hot_folder"]
    # the letters' sender keys are the ones engineer L reads
    assert session.store.settings.get("company_name") == "架空商事株式会社"


def test_defaults_before_anything_is_set(desk: Desk) -> None:
    got = admin.read_settings(desk.admin)
    assert got.sender == admin.CompanySender()
    assert got.identity_retention_days == disposal.DEFAULT_IDENTITY_RETENTION_DAYS
    assert got.idle_lock_minutes == admin.DEFAULT_IDLE_LOCK_MINUTES
    assert got.hot_folder == ""


def test_bad_settings_are_refused_and_change_nothing(desk: Desk, tmp_path: Path) -> None:
    session = desk.admin
    with pytest.raises(InputError, match="unknown policy"):
        admin.set_policy(session, str(tmp_path / "missing.toml"))
    with pytest.raises(InputError):
        admin.set_retention(session, identity_days=0, request_form_days=10)
    with pytest.raises(InputError):
        admin.set_idle_lock_minutes(session, 241)
    with pytest.raises(InputError, match="not an existing folder"):
        admin.set_hot_folder(session, str(tmp_path / "nowhere"))
    with pytest.raises(InputError, match="empty"):
        admin.set_company_sender(session, admin.CompanySender(" "))
    assert admin.read_settings(session) == admin.read_settings(desk.login("kantoku"))
    assert admin.read_settings(session).policy == "appi-default"
    assert not [a for _, a, _ in desk.actions() if a == "edit_settings"]


def test_added_user_signs_in_with_their_role(desk: Desk) -> None:
    admin.add_user(desk.admin, "shinjin", Role.OPERATOR, "pw-shinjin")
    session = desk.login("shinjin")
    assert session.user.role is Role.OPERATOR
    assert [u.name for u in admin.list_users(desk.admin)] == [
        "kanri",
        "kantoku",
        "sagyou",
        "shinjin",
    ]


def test_disabled_user_cannot_unlock_and_enable_needs_a_new_password(desk: Desk) -> None:
    admin.disable_user(desk.admin, "sagyou")
    with pytest.raises(RefusedError):
        desk.login("sagyou")
    assert not desk.admin.store.users.get("sagyou").active  # type: ignore[union-attr]
    with pytest.raises(RefusedError, match="disabled"):
        admin.reset_password(desk.admin, "sagyou", "pw-new")
    admin.enable_user(desk.admin, "sagyou", "pw-back")
    with pytest.raises(RefusedError):
        desk.login("sagyou")  # the old password opens nothing any more
    assert desk.login("sagyou", "pw-back").user.name == "sagyou"
    details = [d for _, a, d in desk.actions() if a == "manage_users"]
    assert {"account": "sagyou", "active": False, "changed": "active"} in details


def test_admin_cannot_disable_themselves(desk: Desk) -> None:
    with pytest.raises(RefusedError, match="own account"):
        admin.disable_user(desk.admin, "kanri")


def test_reset_password_by_an_administrator(desk: Desk) -> None:
    admin.reset_password(desk.admin, "kantoku", "pw-reset")
    with pytest.raises(RefusedError):
        desk.login("kantoku")
    assert desk.login("kantoku", "pw-reset").user.role is Role.SUPERVISOR


def test_recovery_key_sets_a_lost_administrator_password(desk: Desk) -> None:
    desk.admin.store.close()
    admin.recover_administrator(
        desk.opener,
        desk.policies,
        recovery_key=desk.recovery_key,
        admin="kanri",
        password="pw-recovered",
        now=desk.clock,
    )
    with pytest.raises(RefusedError):
        desk.login("kanri")
    session = desk.login("kanri", "pw-recovered")
    last = list(session.store.audit.events())[-1]
    assert (last.user, last.action) == (admin.RECOVERY_ACTOR, admin.RECOVER_ACTION)
    assert last.detail["account"] == "kanri"
    assert session.store.audit.verify().intact


def test_recovery_key_can_create_a_new_administrator(desk: Desk) -> None:
    admin.recover_administrator(
        desk.opener,
        desk.policies,
        recovery_key=desk.recovery_key,
        admin="kanri2",
        password="pw-2",
        now=desk.clock,
    )
    assert desk.login("kanri2", "pw-2").user.role is Role.ADMINISTRATOR


def test_recovery_refuses_a_wrong_key_and_a_non_administrator(desk: Desk) -> None:
    wrong = "-".join(["00000000"] * 8)
    with pytest.raises(RefusedError):
        admin.recover_administrator(
            desk.opener, desk.policies, recovery_key=wrong, admin="kanri", password="x"
        )
    with pytest.raises(RefusedError, match="not an administrator"):
        admin.recover_administrator(
            desk.opener,
            desk.policies,
            recovery_key=desk.recovery_key,
            admin="sagyou",
            password="x",
        )
    assert desk.login("sagyou").user.name == "sagyou"  # unchanged


def test_policy_view_lists_the_rules_of_leverages(desk: Desk) -> None:
    view = admin.policy_view(desk.admin, "leverages")
    codes = [r.code for r in view.rules]
    assert view.name == "leverages"
    assert codes[0] is admin.RuleCode.PRINCIPAL_ONE_OF
    assert "passport" in view.rules[0].documents
    assert admin.RuleCode.DISPOSE_AFTER_VERIFICATION in codes
    deadline = next(r for r in view.rules if r.code is admin.RuleCode.DEADLINE)
    assert deadline.number == 14
    assert any(r.code is admin.RuleCode.REFUSAL_GROUND and r.text for r in view.rules)


def test_policy_view_of_the_policy_in_force(desk: Desk) -> None:
    view = admin.policy_view(desk.admin)
    assert view.name == "appi-default"
    codes = [r.code for r in view.rules]
    assert admin.RuleCode.PRINCIPAL_PHOTO_OR_OTHERS in codes
    assert admin.RuleCode.CERTIFICATE_AGE in codes
    assert admin.RuleCode.NO_DEADLINE in codes
