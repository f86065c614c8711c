"""Fixtures of the UI tests: a real store with one user of each role, cheap Argon2, pools.

The store is SQLCipher in ``tmp_path`` with the cheapest key derivation (tests only), so
signing in costs milliseconds. Every session a test opens through ``desk.login`` is closed at
teardown, and the pools are drained (a test fails when a worker is still running).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from desktop.core.cases import Role
from desktop.services import accounts
from desktop.services.workspace import FilePolicies
from desktop.store.db import StoreOpener
from desktop.store.keyslots import KdfParams
from desktop.ui.workers import Pools
from tests.clock import Clock

if TYPE_CHECKING:
    from collections.abc import Iterator

    from desktop.services.session import Session


FAST_KDF = KdfParams(time_cost=1, memory_cost=1024, parallelism=1)
"""Argon2id at its cheapest: tests only; the app uses the store's default."""

ADMIN, OPERATOR, SUPERVISOR = "kanri", "sagyou", "kantoku"
PASSWORDS = {ADMIN: "kanri-pass-1", OPERATOR: "sagyou-pass-1", SUPERVISOR: "kantoku-pass-1"}

REQUEST: dict[str, Any] = {
    "received_on": "2026-11-20",
    "channel": "post",
    "request_types": ["disclosure"],
    "requester": "principal",
    "principal": {"name": "架空 花子", "birth_date": "1990-01-02", "address": "東京都架空区1-2-3"},
}
"""A request of an invented principal, as ``intake.open_case`` takes it."""


@dataclass
class UiDesk:
    """A ready store: ``kanri`` (administrator), ``sagyou`` (operator), ``kantoku`` (supervisor).

    Attributes:
        directory: the store's folder.
        opener: a ``StoreOpener`` with cheap key derivation (pass it to dialogs under test).
        policies: the real policy engine.
        clock: the sessions' clock.
        admin: the administrator's open session.
        recovery_key: the store's recovery key.
    """

    directory: Path
    opener: StoreOpener
    policies: FilePolicies
    clock: Clock
    admin: Session
    recovery_key: str
    sessions: list[Session] = field(default_factory=list)

    def login(self, name: str) -> Session:
        """A new session of ``name`` (closed at teardown)."""
        session = accounts.unlock(
            self.opener, self.policies, user=name, password=PASSWORDS[name], now=self.clock
        )
        self.sessions.append(session)
        return session

    def close_all(self) -> None:
        for session in [self.admin, *self.sessions]:
            session.store.close()


@pytest.fixture(autouse=True)
def _private_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """QSettings of the UI tests go to a temporary folder, never the user's own."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def desk(tmp_path: Path, clock: Clock) -> Iterator[UiDesk]:
    directory = tmp_path / "store"
    opener = StoreOpener(directory, kdf=FAST_KDF)
    policies = FilePolicies()
    admin, recovery_key = accounts.initialise(
        opener, policies, admin=ADMIN, password=PASSWORDS[ADMIN], now=clock
    )
    accounts.add_user(admin, OPERATOR, Role.OPERATOR, PASSWORDS[OPERATOR])
    accounts.add_user(admin, SUPERVISOR, Role.SUPERVISOR, PASSWORDS[SUPERVISOR])
    ready = UiDesk(directory, opener, policies, clock, admin, recovery_key)
    yield ready
    ready.close_all()


@pytest.fixture
def operator(desk: UiDesk) -> Session:
    """The operator's session."""
    return desk.login(OPERATOR)


@pytest.fixture
def supervisor(desk: UiDesk) -> Session:
    """The supervisor's session."""
    return desk.login(SUPERVISOR)


@pytest.fixture
def pools(qapp: Any) -> Iterator[Pools]:
    """The two pools; teardown fails when a worker is still running after 30 s."""
    p = Pools()
    yield p
    assert p.drain(), "a worker was still running at teardown"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The offscreen platform warns that it cannot resize windows to their hints: noise."""
    del config
    here = Path(__file__).parent
    mark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(mark)
