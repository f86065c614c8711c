"""Creating, unlocking and opening the store; key slots; transactions; known failures."""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from typing import TYPE_CHECKING

import pytest
from sqlcipher3 import dbapi2

from desktop.core.cases import Role
from desktop.core.errors import InputError, RefusedError
from desktop.store import keyslots
from desktop.store.db import (
    DB_NAME,
    SLOTS_NAME,
    Conflict,
    Corrupt,
    DiskFull,
    Locked,
    NoStore,
    Store,
    StoreError,
    StoreExists,
    StoreOpener,
    TooManyAttempts,
    WrongKey,
    _translate,
    parse_recovery_key,
)
from tests.store.conftest import (
    ADMIN,
    ADMIN_PASSWORD,
    FAST_KDF,
    OPERATOR,
    OPERATOR_PASSWORD,
    FixedClock,
    open_case,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_create_makes_database_and_slot_file(created: tuple[Store, str], store_dir: Path) -> None:
    store, recovery_key = created
    assert (store_dir / DB_NAME).is_file()
    slots = json.loads((store_dir / SLOTS_NAME).read_text(encoding="utf-8"))
    assert set(slots["slots"]) == {ADMIN, OPERATOR}
    assert store.user is not None
    assert store.user.role is Role.ADMINISTRATOR
    digits = recovery_key.replace("-", "")
    assert len(digits) == 64
    int(digits, 16)
    assert (store_dir / SLOTS_NAME).stat().st_mode & 0o077 == 0


def test_pragmas_hold_on_every_connection(store: Store) -> None:
    conn = store.connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA cipher_page_size").fetchone()[0] == "1024"  # v3 format
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1


def test_create_refuses_a_folder_with_a_store(created: tuple[Store, str], store_dir: Path) -> None:
    with pytest.raises(StoreExists) as info:
        Store.create(store_dir, "other", "pw", kdf=FAST_KDF)
    assert isinstance(info.value, InputError)
    assert StoreOpener(store_dir).exists()


def test_unlock_with_each_password(
    created: tuple[Store, str], store_dir: Path, clock: FixedClock
) -> None:
    created[0].close()
    for name, password, role in (
        (ADMIN, ADMIN_PASSWORD, Role.ADMINISTRATOR),
        (OPERATOR, OPERATOR_PASSWORD, Role.OPERATOR),
    ):
        with Store.unlock(store_dir, name, password, kdf=FAST_KDF, clock=clock) as store:
            assert store.user is not None
            assert store.user.role is role


def test_wrong_password_is_refused_and_changes_nothing(
    created: tuple[Store, str], store_dir: Path, clock: FixedClock
) -> None:
    store = created[0]
    open_case(store, "架空 一郎")
    store.close()
    before = _digest(store_dir / DB_NAME)
    with pytest.raises(WrongKey) as info:
        Store.unlock(store_dir, OPERATOR, "wrong", kdf=FAST_KDF, clock=clock)
    assert isinstance(info.value, RefusedError)
    assert "wrong password" in str(info.value)
    assert _digest(store_dir / DB_NAME) == before
    with Store.unlock(store_dir, OPERATOR, OPERATOR_PASSWORD, kdf=FAST_KDF, clock=clock) as again:
        assert len(again.cases.list()) == 1


def test_unknown_user_is_refused(created: tuple[Store, str], store_dir: Path) -> None:
    with pytest.raises(WrongKey, match="no user named"):
        Store.unlock(store_dir, "nobody", "x", kdf=FAST_KDF)


def test_repeated_failures_back_off_and_persist(
    created: tuple[Store, str], store_dir: Path, clock: FixedClock
) -> None:
    created[0].close()
    for _ in range(keyslots.FREE_ATTEMPTS):
        with pytest.raises(WrongKey):
            Store.unlock(store_dir, OPERATOR, "wrong", kdf=FAST_KDF, clock=clock)
    # the count lives in the file: a new process would see the same
    slot = keyslots.load(store_dir / SLOTS_NAME).slots[OPERATOR]
    assert slot.failures == keyslots.FREE_ATTEMPTS
    # the fourth attempt must wait one second: even the right password is refused at once
    with pytest.raises(TooManyAttempts, match="try again"):
        Store.unlock(store_dir, OPERATOR, OPERATOR_PASSWORD, kdf=FAST_KDF, clock=clock)
    clock.advance(1.5)
    with pytest.raises(WrongKey):
        Store.unlock(store_dir, OPERATOR, "wrong again", kdf=FAST_KDF, clock=clock)
    clock.advance(1.5)  # the wait doubled to 2 s
    with pytest.raises(TooManyAttempts):
        Store.unlock(store_dir, OPERATOR, OPERATOR_PASSWORD, kdf=FAST_KDF, clock=clock)
    clock.advance(1.0)
    with Store.unlock(store_dir, OPERATOR, OPERATOR_PASSWORD, kdf=FAST_KDF, clock=clock):
        pass
    assert keyslots.load(store_dir / SLOTS_NAME).slots[OPERATOR].failures == 0
    # the other account was never slowed down
    with Store.unlock(store_dir, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF, clock=clock):
        pass


def test_backoff_is_capped() -> None:
    slot = keyslots.Slot("a", FAST_KDF, b"s", b"n", b"c", failures=60, last_failure=100.0)
    assert keyslots.backoff_remaining(slot, 100.0) == keyslots.MAX_BACKOFF_SECONDS


def test_recovery_key_opens_when_every_password_is_lost(
    created: tuple[Store, str], store_dir: Path
) -> None:
    store, recovery_key = created
    case_id = open_case(store, "架空 花子")
    store.close()
    (store_dir / SLOTS_NAME).unlink()
    with pytest.raises(NoStore):
        Store.unlock(store_dir, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF)
    with StoreOpener(store_dir, kdf=FAST_KDF).recover(recovery_key.upper()) as rescued:
        assert rescued.user is None
        assert rescued.cases.get(case_id) is not None
        rescued.users.set_password(ADMIN, "new admin password")
    with Store.unlock(store_dir, ADMIN, "new admin password", kdf=FAST_KDF) as store:
        assert store.cases.get(case_id) is not None
        assert store.audit.verify().intact


@pytest.mark.parametrize("slot_file_present", [True, False])
def test_wrong_recovery_key_is_refused(
    created: tuple[Store, str], store_dir: Path, slot_file_present: bool
) -> None:
    created[0].close()
    if not slot_file_present:
        (store_dir / SLOTS_NAME).unlink()
    with pytest.raises(WrongKey, match="wrong recovery key"):
        Store.open_with_recovery_key(store_dir, "ab" * 32)
    with pytest.raises(WrongKey, match="64 hex digits"):
        Store.open_with_recovery_key(store_dir, "not a key")


def test_parse_recovery_key_accepts_groups() -> None:
    key = bytes(range(32))
    grouped = "-".join(key.hex()[i : i + 8] for i in range(0, 64, 8))
    assert parse_recovery_key(grouped) == key
    assert parse_recovery_key(f"  {key.hex().upper()}\n") == key


def test_removed_user_cannot_unlock(created: tuple[Store, str], store_dir: Path) -> None:
    store = created[0]
    store.users.set_active(OPERATOR, False)
    assert OPERATOR not in keyslots.load(store_dir / SLOTS_NAME).slots
    store.close()
    with pytest.raises(WrongKey):
        Store.unlock(store_dir, OPERATOR, OPERATOR_PASSWORD, kdf=FAST_KDF)


def test_a_leftover_slot_of_a_disabled_account_opens_nothing(
    created: tuple[Store, str], store_dir: Path
) -> None:
    # a crash between the slot write and the commit can leave such a slot behind
    store = created[0]
    store.connection.execute("UPDATE users SET active = 0 WHERE name = ?", (OPERATOR,))
    store.close()
    with pytest.raises(WrongKey, match="removed"):
        Store.unlock(store_dir, OPERATOR, OPERATOR_PASSWORD, kdf=FAST_KDF)


def test_last_administrator_cannot_be_removed(store: Store) -> None:
    with pytest.raises(Conflict):
        store.users.set_active(ADMIN, False)


def test_user_names_are_never_reused(store: Store) -> None:
    with pytest.raises(Conflict):
        store.users.add(OPERATOR, Role.SUPERVISOR, "x")


def test_change_password_rewraps_one_slot(created: tuple[Store, str], store_dir: Path) -> None:
    store = created[0]
    before = keyslots.load(store_dir / SLOTS_NAME).slots
    assert store.users.check_password(OPERATOR, OPERATOR_PASSWORD)
    store.users.set_password(OPERATOR, "新しいパスワード")
    after = keyslots.load(store_dir / SLOTS_NAME).slots
    assert after[ADMIN] == before[ADMIN]
    assert after[OPERATOR].ciphertext != before[OPERATOR].ciphertext
    store.close()
    with pytest.raises(WrongKey):
        Store.unlock(store_dir, OPERATOR, OPERATOR_PASSWORD, kdf=FAST_KDF)
    with Store.unlock(store_dir, OPERATOR, "新しいパスワード", kdf=FAST_KDF):
        pass


def test_weaker_slot_is_raised_on_unlock(created: tuple[Store, str], store_dir: Path) -> None:
    created[0].close()
    stronger = keyslots.KdfParams(time_cost=2, memory_cost=2048, parallelism=1)
    with Store.unlock(store_dir, OPERATOR, OPERATOR_PASSWORD, kdf=stronger):
        pass
    assert keyslots.load(store_dir / SLOTS_NAME).slots[OPERATOR].kdf == stronger
    assert keyslots.load(store_dir / SLOTS_NAME).slots[ADMIN].kdf == FAST_KDF


def test_slot_of_one_user_does_not_open_under_another_name() -> None:
    key = keyslots.new_key()
    slot = keyslots.wrap(key, "alice", "pw", "store-1", FAST_KDF)
    assert keyslots.unwrap(slot, "pw", "store-1") == key
    assert keyslots.unwrap(slot, "pw", "store-2") is None
    moved = keyslots.Slot("bob", slot.kdf, slot.salt, slot.nonce, slot.ciphertext)
    assert keyslots.unwrap(moved, "pw", "store-1") is None


def test_damaged_slot_file_is_a_clear_error(created: tuple[Store, str], store_dir: Path) -> None:
    created[0].close()
    (store_dir / SLOTS_NAME).write_text('{"format": "honnin-keyslots", "version": 1}')
    with pytest.raises(Corrupt, match=SLOTS_NAME):
        Store.unlock(store_dir, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF)


def test_damaged_database_is_a_clear_error(created: tuple[Store, str], store_dir: Path) -> None:
    created[0].close()
    db = store_dir / DB_NAME
    data = bytearray(db.read_bytes())
    data[100:200] = bytes(100)  # inside page 1, after the salt
    db.write_bytes(bytes(data))
    with pytest.raises(Corrupt, match=DB_NAME):
        Store.unlock(store_dir, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF)


def test_slot_file_of_another_store_is_refused(tmp_path: Path) -> None:
    one, _ = Store.create(tmp_path / "one", ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF)
    two, _ = Store.create(tmp_path / "two", ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF)
    one.close()
    two.close()
    (tmp_path / "one" / SLOTS_NAME).write_bytes((tmp_path / "two" / SLOTS_NAME).read_bytes())
    with pytest.raises(Corrupt):
        Store.unlock(tmp_path / "one", ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF)


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NoStore):
        Store.unlock(tmp_path, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF)


def test_transaction_rolls_back_everything(store: Store) -> None:
    def failing() -> None:
        with store.transaction():
            open_case(store, "架空 次郎")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        failing()
    assert store.cases.list() == []
    assert store.audit.count() == 0


def test_nested_transaction_is_a_savepoint(store: Store) -> None:
    def failing_inner() -> None:
        with store.transaction():
            open_case(store, "架空 四郎")
            raise RuntimeError("inner")

    with store.transaction():
        kept = open_case(store, "架空 三郎")
        with pytest.raises(RuntimeError):
            failing_inner()
    assert [case.case_id for case in store.cases.list()] == [kept]
    assert store.audit.verify().intact


def _in_thread(fn: Callable[[], object]) -> object:
    """Run ``fn`` in a new thread; return its value or raise what it raised."""
    outcome: list[object] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(fn())
        except BaseException as exc:  # noqa: BLE001 - re-raised in the calling thread
            failure.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]


def test_connection_never_crosses_threads(store: Store) -> None:
    main_conn = store.connection
    worker_conn = _in_thread(lambda: store.connection)
    assert worker_conn is not main_conn
    assert store.connection is main_conn  # each thread keeps its own


def test_worker_connection_has_the_same_pragmas(store: Store) -> None:
    def pragmas() -> tuple[object, ...]:
        conn = store.connection
        return tuple(
            conn.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("journal_mode", "foreign_keys", "secure_delete", "cipher_page_size")
        )

    assert _in_thread(pragmas) == ("wal", 1, 1, "1024")


def test_write_from_a_worker_thread_is_seen_from_the_main_thread(store: Store) -> None:
    case_id = _in_thread(lambda: open_case(store, "架空 一郎"))
    assert [case.case_id for case in store.cases.list()] == [case_id]
    assert store.audit.verify().intact


def test_close_from_the_main_thread_closes_the_worker_connection(store: Store) -> None:
    worker_conn = _in_thread(lambda: store.connection)
    assert isinstance(worker_conn, dbapi2.Connection)
    store.close()
    with pytest.raises(dbapi2.ProgrammingError):
        worker_conn.execute("SELECT 1")
    with pytest.raises(StoreError, match="closed"):
        _in_thread(lambda: store.cases.list())


def test_close_while_another_thread_reads_waits_for_its_connection(store: Store) -> None:
    """A lock while a pool thread is in a query: no crash, and the connection closes after.

    Closing an SQLite connection under a running statement crashed the process (seen when
    the window locked while the dashboard counted); close() now leaves it to its thread.
    """
    started = threading.Event()
    outcome: list[object] = []

    def read() -> None:
        conn = store.connection
        started.set()
        try:
            # A few hundred milliseconds of SQLite work, the GIL released meanwhile.
            row = conn.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000)"
                " SELECT count(*) FROM n"
            ).fetchone()
            outcome.append(row[0])
        except dbapi2.Error as exc:
            outcome.append(exc)
        try:
            store.cases.list()
        except StoreError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=read)
    thread.start()
    assert started.wait(10)
    store.close()  # while the query runs
    thread.join(30)
    assert not thread.is_alive()
    assert outcome[0] == 3000000  # the statement in flight finished on its own connection
    assert isinstance(outcome[1], StoreError)  # nothing new starts on a closed store
    assert "closed" in str(outcome[1])
    assert store.connection_count == 0  # the thread's connection closed when it ended


def test_threads_one_after_another_reuse_one_connection(store: Store) -> None:
    for n in range(5):
        _in_thread(functools.partial(open_case, store, f"架空 {n}"))
    # the main thread's and one passed from thread to thread: none left open per thread
    assert store.connection_count == 2
    assert len(store.cases.list()) == 5


def test_a_thread_that_ends_inside_a_transaction_leaves_nothing(store: Store) -> None:
    def abandon() -> None:
        conn = store.connection
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO settings (key, value) VALUES ('abandoned', 'x')")

    _in_thread(abandon)  # ends holding the write lock, without COMMIT
    store.settings.set("after", "y")  # the lock was released: this write does not wait
    assert store.settings.get("abandoned") is None
    assert store.settings.get("after") == "y"


def test_two_threads_writing_at_once_both_succeed(store: Store) -> None:
    barrier = threading.Barrier(2)
    made: list[str] = []
    failures: list[BaseException] = []

    def write(name: str) -> None:
        try:
            store.connection  # noqa: B018 - open the connection before the race
            barrier.wait()
            for n in range(5):
                made.append(open_case(store, f"{name} {n}"))
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(name,)) for name in ("架空 甲", "架空 乙")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(case.case_id for case in store.cases.list()) == sorted(made)
    assert len(made) == 10
    assert store.audit.verify().intact


def test_second_writer_gets_locked(
    created: tuple[Store, str], store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desktop.store.db.BUSY_TIMEOUT_SECONDS", 0.05)
    other = Store.open_with_recovery_key(store_dir, created[1], kdf=FAST_KDF)
    try:
        with created[0].transaction(), pytest.raises(Locked), other.transaction():
            pass
    finally:
        other.close()


def test_known_sqlite_failures_are_translated() -> None:
    def failure(code: int) -> dbapi2.OperationalError:
        exc = dbapi2.OperationalError("x")
        exc.sqlite_errorcode = code
        return exc

    assert isinstance(_translate(failure(13), "f"), DiskFull)
    assert isinstance(_translate(failure(5), "f"), Locked)
    assert isinstance(_translate(failure(11), "f"), Corrupt)
    assert _translate(failure(1), "f") is None


def test_backup_opens_with_the_same_passwords(store: Store, tmp_path: Path) -> None:
    case_id = open_case(store, "架空 五郎")
    store.backup(tmp_path / "copy")
    with Store.unlock(tmp_path / "copy", OPERATOR, OPERATOR_PASSWORD, kdf=FAST_KDF) as copy:
        assert copy.cases.get(case_id) is not None
        assert copy.integrity_problems() == []
        assert copy.audit.verify().intact
    with pytest.raises(StoreExists):
        store.backup(tmp_path / "copy")


def test_closed_store_drops_the_key(store: Store) -> None:
    store.close()
    with pytest.raises(Exception, match="closed"):
        store.cases.list()


def test_full_disk_is_a_clear_error_and_changes_nothing(store: Store) -> None:
    kept = open_case(store, "架空 八郎")
    # the page limit makes SQLite report SQLITE_FULL, as a full disk does
    pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
    store.connection.execute(f"PRAGMA max_page_count = {pages}")
    count_before = store.audit.count()

    def fill() -> None:
        for n in range(200):
            open_case(store, f"架空 {n}" * 20)

    with pytest.raises(DiskFull, match="disk is full") as info:
        fill()
    assert isinstance(info.value, InputError)
    store.connection.execute("PRAGMA max_page_count = 1073741823")
    cases = store.cases.list()
    assert cases[0].case_id == kept
    # the case whose transaction failed left neither its row nor its audit event
    assert store.audit.count() == count_before + len(cases) - 1
    assert store.audit.verify().intact
    assert store.integrity_problems() == []


def test_no_write_after_sqlite_rolled_the_transaction_back(store: Store) -> None:
    pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
    store.connection.execute(f"PRAGMA max_page_count = {pages}")

    def swallow_full_disk() -> None:
        with store.transaction():
            try:
                for n in range(200):
                    open_case(store, f"架空 {n}" * 20)
            except DiskFull:
                pass  # a careless caller carries on
            store.connection.execute("PRAGMA max_page_count = 1073741823")
            open_case(store, "架空 九郎")

    with pytest.raises(StoreError, match="rolled back"):
        swallow_full_disk()
    assert store.cases.list() == []
