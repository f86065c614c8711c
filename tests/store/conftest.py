"""Fixtures of the store tests: a fresh store with cheap key derivation and a fixed clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from desktop.core.cases import CaseRecord, CaseStatus, Role
from desktop.store.db import Store
from desktop.store.keyslots import KdfParams

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

FAST_KDF = KdfParams(time_cost=1, memory_cost=1024, parallelism=1)
"""Argon2id at its cheapest: tests only; production uses keyslots.DEFAULT_KDF."""

ADMIN, ADMIN_PASSWORD = "kanri", "correct horse battery"
OPERATOR, OPERATOR_PASSWORD = "sagyou", "パスワード-op-1"


class FixedClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def created(store_dir: Path, clock: FixedClock) -> Iterator[tuple[Store, str]]:
    store, recovery_key = Store.create(store_dir, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF, clock=clock)
    store.head_interval = 0.0  # witness every write, so that the tests see each head
    store.users.add(OPERATOR, Role.OPERATOR, OPERATOR_PASSWORD)
    yield store, recovery_key
    store.close()


@pytest.fixture
def store(created: tuple[Store, str]) -> Store:
    return created[0]


def intake(
    name: str, *, birth_date: str = "1985-04-12", address: str = "東京都渋谷区渋谷2-24-12"
) -> dict[str, object]:
    """A CASE.json without documents for one invented principal."""
    return {
        "received_on": "2026-11-20",
        "request_types": ["disclosure"],
        "requester": "principal",
        "principal": {"name": name, "birth_date": birth_date, "address": address},
    }


def open_case(
    store: Store,
    name: str,
    *,
    received_on: date = date(2026, 11, 20),
    status: CaseStatus = CaseStatus.INTAKE,
    by: str = OPERATOR,
) -> str:
    """Open a case the way the services do: number, row and audit event in one transaction."""
    with store.transaction():
        case_id = store.cases.next_id(received_on.year)
        store.cases.add(
            CaseRecord(
                case_id=case_id,
                status=status,
                received_on=received_on,
                intake=intake(name),
                created_by=by,
                created_at=store.now(),
            )
        )
        store.audit.append(at=store.now(), user=by, action="open_case", case_id=case_id)
    return case_id
