"""The audit hash chain: intact chains verify; every kind of tampering names its first link."""

from __future__ import annotations

import dataclasses
import itertools
import logging
import shutil
import threading
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import pytest

from desktop.store import keyslots
from desktop.store.audit import GENESIS, event_hash
from desktop.store.db import DB_NAME, SLOTS_NAME, Store
from tests.store.conftest import ADMIN, ADMIN_PASSWORD, FAST_KDF, open_case

if TYPE_CHECKING:
    from pathlib import Path


def _events(store: Store, count: int, *, first: int = 0) -> None:
    for number in range(first, first + count):
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


# --------------------------------------------------------------------------- the head


def _set_head(store_dir: Path, head: keyslots.ChainHead | None) -> None:
    slots = keyslots.load(store_dir / SLOTS_NAME)
    keyslots.save(store_dir / SLOTS_NAME, dataclasses.replace(slots, head=head))


def _head(store_dir: Path) -> keyslots.ChainHead:
    head = keyslots.load(store_dir / SLOTS_NAME).head
    assert head is not None
    return head


def test_a_lagging_head_is_advanced(store: Store, store_dir: Path) -> None:
    """A crash between a commit and the head's update leaves an older, valid head: not a
    break, and the next write carries the head forward (the store never gets stuck)."""
    _events(store, 3)
    lagging = _head(store_dir)
    _events(store, 2)
    _set_head(store_dir, lagging)
    assert tuple(store.audit.verify()) == (True, 5, None)
    _events(store, 1)
    assert _head(store_dir).events == 6
    assert tuple(store.audit.verify()) == (True, 6, None)


def test_a_missing_head_is_written(store: Store, store_dir: Path) -> None:
    """A key-slot file without a head (a store of an older version, or one rebuilt with the
    recovery key) gets one at the next write."""
    _events(store, 2)
    _set_head(store_dir, None)
    _events(store, 1)
    assert _head(store_dir).events == 3


def test_a_forged_head_is_kept_not_replaced(
    store: Store, store_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _events(store, 4)
    good = _head(store_dir)
    _set_head(store_dir, keyslots.ChainHead(2, good.hash, good.mac))  # lowered, MAC no longer
    with caplog.at_level(logging.WARNING, logger="desktop.store.db"):
        _events(store, 3)
    assert _head(store_dir) == keyslots.ChainHead(2, good.hash, good.mac)
    assert tuple(store.audit.verify()) == (False, 7, 2)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "audit chain head at event 2 kept, not advanced to event 5: its MAC does not hold"
    ]  # once per open store, event numbers only


def test_a_cut_tail_stays_detected_after_more_writes(store: Store, store_dir: Path) -> None:
    _events(store, 6)
    store.connection.execute("DELETE FROM audit_events WHERE id > 4")
    _events(store, 3)  # events 5 and 6 come back, different
    assert _head(store_dir).events == 6
    assert tuple(store.audit.verify()) == (False, 7, 6)


def test_a_restored_older_database_stays_detected_after_more_writes(
    store: Store, store_dir: Path, tmp_path: Path
) -> None:
    _events(store, 3)
    store.close()
    old = tmp_path / "old.db"
    shutil.copy(store_dir / DB_NAME, old)
    with Store.unlock(store_dir, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF) as again:
        _events(again, 2)
    shutil.copy(old, store_dir / DB_NAME)
    with Store.unlock(store_dir, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF) as restored:
        _events(restored, 4, first=10)  # other events take the numbers 4 and 5
    with Store.unlock(store_dir, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF) as later:
        assert tuple(later.audit.verify()) == (False, 7, 5)
    assert _head(store_dir).events == 5


class _CommitAfterCopy:
    """A connection whose ``backup`` lets another thread commit an event right after the
    copy, before the key-slot file is copied (a GUI worker writing during a backup)."""

    def __init__(self, conn: Any, store: Store, fired: list[bool]) -> None:
        self._conn, self._store, self._fired = conn, store, fired

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def backup(self, target: Any) -> None:
        self._conn.backup(target)
        if not self._fired:
            self._fired.append(True)
            worker = threading.Thread(target=_events, args=(self._store, 1))
            worker.start()
            worker.join()


def test_the_head_of_a_backup_never_leads_its_copy(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _events(store, 3)
    real = Store.connection
    fired: list[bool] = []
    monkeypatch.setattr(
        Store,
        "connection",
        property(lambda self: _CommitAfterCopy(real.fget(self), self, fired)),  # type: ignore[attr-defined]
    )
    store.backup(tmp_path / "copy")
    monkeypatch.undo()
    assert fired
    assert store.audit.count() == 4  # the worker's event is in the store, not in the copy
    with Store.unlock(tmp_path / "copy", ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF) as copy:
        copy.head_interval = 0.0
        assert tuple(copy.audit.verify()) == (True, 3, None)
        _events(copy, 1)
        assert tuple(copy.audit.verify()) == (True, 4, None)
    assert _head(tmp_path / "copy").events == 4


def test_a_head_with_non_ascii_text_is_a_break_not_a_crash(store: Store, store_dir: Path) -> None:
    _events(store, 3)
    good = _head(store_dir)
    _set_head(store_dir, keyslots.ChainHead(good.events, "é" * 64, "é" * 64))
    assert tuple(store.audit.verify()) == (False, 3, 3)
    _events(store, 1, first=10)  # the head is kept, the write goes through
    assert _head(store_dir).mac == "é" * 64
    assert tuple(store.audit.verify()) == (False, 4, 3)
