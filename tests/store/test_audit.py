"""The audit hash chain: intact chains verify; every kind of tampering names its first link."""

from __future__ import annotations

import itertools
import shutil
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest

from desktop.store import keyslots
from desktop.store.audit import GENESIS, event_hash
from desktop.store.db import DB_NAME, SLOTS_NAME, Store
from tests.store.conftest import ADMIN, ADMIN_PASSWORD, FAST_KDF, open_case

if TYPE_CHECKING:
    from pathlib import Path


def _events(store: Store, count: int) -> None:
    for number in range(count):
        store.audit.append(
            at=datetime(2026, 11, 20, 9, number, tzinfo=UTC),
            user=ADMIN,
            action="view_document",
            case_id="2026-000001",
            document_id=number,
            detail={"status_from": "intake", "n": number},
        )


def test_empty_chain_is_intact(store: Store) -> None:
    assert tuple(store.audit.verify()) == (True, 0, None)


def test_chain_links_each_event_to_the_previous(store: Store) -> None:
    _events(store, 5)
    rows = store.connection.execute(
        "SELECT id, at, actor, action, case_id, document_id, details, prev_hash, hash"
        " FROM audit_events ORDER BY id"
    ).fetchall()
    assert rows[0][7] == GENESIS
    for previous, row in itertools.pairwise(rows):
        assert row[7] == previous[8]
    for row in rows:
        assert event_hash(*row[:8]) == row[8]
    intact, events, first_broken = store.audit.verify()
    assert (intact, events, first_broken) == (True, 5, None)


def test_events_read_back(store: Store) -> None:
    tokyo = timezone(timedelta(hours=9))
    store.audit.append(
        at=datetime(2026, 11, 20, 18, 0, tzinfo=tokyo), user="u", action="approve", case_id="c"
    )
    (event,) = store.audit.events()
    assert event.event_id == 1
    assert event.at == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    assert (event.user, event.action, event.case_id, event.detail) == ("u", "approve", "c", {})


def test_personal_data_in_details_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="personal data"):
        store.audit.append(at=store.now(), user="u", action="x", detail={"name": "架空 太郎"})
    with pytest.raises(ValueError, match="time zone"):
        store.audit.append(at=datetime(2026, 1, 1), user="u", action="x")
    assert store.audit.count() == 0


def test_changed_event_is_named(store: Store) -> None:
    _events(store, 6)
    store.connection.execute("UPDATE audit_events SET actor = 'mallory' WHERE id = 4")
    assert tuple(store.audit.verify()) == (False, 4, 4)


def test_rehashed_event_breaks_the_next_link(store: Store) -> None:
    _events(store, 6)
    conn = store.connection
    row = conn.execute(
        "SELECT id, at, actor, action, case_id, document_id, details, prev_hash"
        " FROM audit_events WHERE id = 3"
    ).fetchone()
    forged = list(row)
    forged[3] = "approve"
    conn.execute(
        "UPDATE audit_events SET action = ?, hash = ? WHERE id = 3",
        ("approve", event_hash(*forged)),
    )
    assert tuple(store.audit.verify()) == (False, 4, 4)


def test_deleted_middle_event_is_named(store: Store) -> None:
    _events(store, 6)
    store.connection.execute("DELETE FROM audit_events WHERE id = 2")
    intact, _events_seen, first_broken = store.audit.verify()
    assert not intact
    assert first_broken == 2


def test_deleted_last_events_are_noticed_through_the_head(store: Store) -> None:
    _events(store, 6)
    store.connection.execute("DELETE FROM audit_events WHERE id > 4")
    assert tuple(store.audit.verify()) == (False, 4, 5)


def test_restored_older_database_is_noticed(store: Store, store_dir: Path, tmp_path: Path) -> None:
    _events(store, 3)
    store.close()
    old = tmp_path / "old.db"
    shutil.copy(store_dir / DB_NAME, old)
    with Store.unlock(store_dir, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF) as again:
        _events(again, 2)
    shutil.copy(old, store_dir / DB_NAME)
    with Store.unlock(store_dir, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF) as restored:
        assert tuple(restored.audit.verify()) == (False, 3, 4)


def test_forged_head_is_noticed(store: Store, store_dir: Path) -> None:
    _events(store, 3)
    slots = keyslots.load(store_dir / SLOTS_NAME)
    assert slots.head is not None
    forged = keyslots.ChainHead(2, slots.head.hash, slots.head.mac)
    keyslots.save(
        store_dir / SLOTS_NAME,
        keyslots.SlotFile(slots.store_id, slots.key_check, slots.slots, forged),
    )
    intact, _count, _first = store.audit.verify()
    assert not intact


def test_head_follows_each_committed_write(store: Store, store_dir: Path) -> None:
    open_case(store, "架空 六郎")
    head = keyslots.load(store_dir / SLOTS_NAME).head
    assert head is not None
    assert head.events == store.audit.count()


def test_failed_write_leaves_no_event(store: Store) -> None:
    def failing() -> None:
        with store.transaction():
            _events(store, 2)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        failing()
    assert tuple(store.audit.verify()) == (True, 0, None)
