"""The store: create, unlock and open the SQLCipher database, transactions, key slots.

Format choice: the database is written in SQLCipher's version-3 format
(``PRAGMA cipher_compatibility = 3``: 1024-byte pages, HMAC-SHA1, AES-256-CBC) although the
bundled library is SQLCipher 4. The contract requires that Debian's ``sqlcipher`` tool
opens the store given only ``PRAGMA key = "x'<recovery key>'"``, and Debian 12 ships
SQLCipher 3.4.1, which reads nothing else: no other page size or HMAC can be announced to
it without further PRAGMAs. The key is a raw 256-bit key, so the format's PBKDF2 setting
plays no part; passwords are stretched with Argon2id in the key slots instead.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hmac
import logging
import re
import secrets
import threading
import time
import weakref
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import sqlcipher3
from sqlcipher3 import dbapi2

from desktop.core.cases import ChainCheck, Role, UserRecord
from desktop.store import keyslots, migrate
from desktop.store.audit import AuditLog, verify_chain
from desktop.store.cases import CaseRepository
from desktop.store.documents import DocumentRepository
from desktop.store.errors import (
    Conflict,
    Corrupt,
    DiskFull,
    Locked,
    NoStore,
    NotFound,
    SchemaMismatch,
    StoreClosed,
    StoreError,
    StoreExists,
    TooManyAttempts,
    WrongKey,
)
from desktop.store.letters import LetterRepository
from desktop.store.queries import Queries
from desktop.store.users import UserRepository

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

__all__ = [
    "DB_NAME",
    "LOCK_NAME",
    "SLOTS_NAME",
    "Conflict",
    "Corrupt",
    "DiskFull",
    "Locked",
    "NoStore",
    "NotFound",
    "SchemaMismatch",
    "Store",
    "StoreError",
    "StoreExists",
    "StoreOpener",
    "TooManyAttempts",
    "WrongKey",
    "format_recovery_key",
    "parse_recovery_key",
]

log = logging.getLogger(__name__)

DB_NAME = "honnin.db"
SLOTS_NAME = "honnin.keys.json"
LOCK_NAME = "honnin.lock"
BUSY_TIMEOUT_SECONDS = 10.0
HEAD_INTERVAL_SECONDS = 1.0
"""The audit chain head in the key-slot file is brought forward at most this often (and on
close): each update costs two fsyncs, more than the commit itself. The head is a lower bound,
so a lagging head is still correct; it only leaves the last second's events unwitnessed."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


def format_recovery_key(key: bytes) -> str:
    """Return the recovery key: the database key as 64 hex digits in groups of eight."""
    digits = key.hex()
    return "-".join(digits[i : i + 8] for i in range(0, len(digits), 8))


def parse_recovery_key(text: str) -> bytes:
    """Return the key written as 64 hex digits (spaces and "-" between groups allowed).

    Raises:
        WrongKey: the text is not 64 hex digits.
    """
    digits = re.sub(r"[\s-]", "", text)
    if not re.fullmatch(r"[0-9A-Fa-f]{64}", digits):
        raise WrongKey("recovery key", "not a recovery key (64 hex digits expected)")
    return bytes.fromhex(digits)


_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 5, 6, 11, 13, 26


def _translate(exc: dbapi2.Error, source: str) -> StoreError | None:
    """Map a known SQLite failure to its StoreError; None for anything else (a bug)."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    if primary == _SQLITE_FULL:
        return DiskFull(source, "the disk is full; nothing was saved")
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return Locked(source, "another program is writing to the store; try again")
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return Corrupt(source, "the database is damaged")
    return None


@contextlib.contextmanager
def _known_errors(source: str) -> Iterator[None]:
    try:
        yield
    except dbapi2.Error as exc:
        translated = _translate(exc, source)
        if translated is None:
            raise
        raise translated from None


def _connect(path: Path, key: bytes) -> dbapi2.Connection:
    """Open ``path`` with ``key``; the first read proves the key (NOTADB when wrong).

    ``timeout`` is SQLite's busy timeout: a reader or the writer waits for another
    thread's (or program's) write lock instead of failing at once. ``check_same_thread``
    is off so that ``Store.close()`` may close the connections of worker threads and an
    idle connection may serve the next thread; the Store lends each connection to one
    thread at a time (thread-local), never to two at once.
    """
    conn = sqlcipher3.connect(
        str(path), isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
    )
    try:
        # SQLCipher logs failed HMAC checks to stderr; the CLI promises one line only.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        # v3 format so that Debian's sqlcipher 3.4.1 opens it (see the module docstring).
        conn.execute("PRAGMA cipher_compatibility = 3")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")  # disposed images do not linger
        conn.execute("PRAGMA temp_store = MEMORY")  # sorts never spill to a temp file
        conn.execute("PRAGMA synchronous = FULL")  # a returned commit survives power loss
    except BaseException:
        conn.close()
        raise
    return conn


class SettingsRepository:
    """Store-wide settings as text (implements the services' ``SettingsRepository`` port)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, key: str) -> str | None:
        """Return the value of ``key``, or None."""
        row = self._store.connection.execute(
            "SELECT value FROM settings WHERE key = ?", (key,)
        ).fetchone()
        return None if row is None else str(row[0])

    def set(self, key: str, value: str) -> None:
        """Set ``key`` to ``value``."""
        with self._store.transaction():
            self._store.connection.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


class _Lease:
    """One thread's hold on a connection, with that thread's transaction depth.

    It lives in the Store's thread-local storage, so it is dropped when the thread ends (or,
    for Qt pool threads, when the job ends: PySide releases the thread's Python state after
    each run); the connection then goes back to the Store's idle list for the next thread.
    The number of open connections is thus the number of threads using the store at once.
    """

    __slots__ = ("conn", "depth", "savepoint", "store")

    def __init__(self, conn: dbapi2.Connection, store: Store) -> None:
        self.conn = conn
        self.depth = 0
        self.savepoint = 0
        self.store = weakref.ref(store)

    def __del__(self) -> None:
        store = self.store()
        if store is not None:
            store._give_back(self.conn)


class _ThreadState(threading.local):
    """The lease of the current thread, if it has one."""

    lease: _Lease | None = None


class Store:
    """One open store: the key and one connection per thread that uses it.

    A connection is never shared by two threads: each thread gets its own on first use,
    an idle one or a new one opened from the key held here (same PRAGMAs), so the GUI's
    worker pools read and write without the GUI thread. Transactions are per thread;
    SQLite's busy timeout makes concurrent writers wait for each other.

    Build it with ``create``, ``unlock`` or ``open_with_recovery_key``; close it (or use
    it as a context manager) to close every connection it opened and drop the key. Close
    it once the workers are done.

    Attributes:
        directory: the folder with the database and its key-slot file.
        user: the account that unlocked it; None when opened with the recovery key.
        cases, documents, letters, users, audit, queries: the repositories.
    """

    def __init__(
        self,
        directory: Path,
        conn: dbapi2.Connection,
        key: bytes,
        store_id: str,
        *,
        user: UserRecord | None,
        clock: Callable[[], datetime],
        kdf: keyslots.KdfParams,
    ) -> None:
        self.directory = directory
        self.user = user
        self._key = key
        self._store_id = store_id
        self._clock = clock
        self.kdf = kdf
        # guards _conns, _idle and _closed; reentrant because a _Lease may be dropped (and
        # give its connection back) while this thread holds it
        self._registry_lock = threading.RLock()
        self._conns: list[dbapi2.Connection] = [conn]  # every connection opened, to close
        self._idle: list[dbapi2.Connection] = []  # open, held by no thread
        self._closed = False
        self._local = _ThreadState()
        self._local.lease = _Lease(conn, self)
        self._head_lock = threading.Lock()  # file_lock is per process, not per thread
        self._head_events = -1
        self._head_written = 0.0
        self._head_warned = False  # a head that may not be replaced is logged once
        self.head_interval = HEAD_INTERVAL_SECONDS
        self.settings = SettingsRepository(self)
        self.cases = CaseRepository(self)
        self.documents = DocumentRepository(self)
        self.letters = LetterRepository(self)
        self.users = UserRepository(self)
        self.audit = AuditLog(self)
        self.queries = Queries(self)

    # ------------------------------------------------------------------ paths

    @staticmethod
    def paths(directory: Path) -> tuple[Path, Path, Path]:
        """Return (database, key-slot file, lock file) of a store folder."""
        return directory / DB_NAME, directory / SLOTS_NAME, directory / LOCK_NAME

    @property
    def db_path(self) -> Path:
        """The database file."""
        return self.directory / DB_NAME

    @property
    def slots_path(self) -> Path:
        """The key-slot file."""
        return self.directory / SLOTS_NAME

    @property
    def store_id(self) -> str:
        """The random id binding the key slots to this store."""
        return self._store_id

    @property
    def connection(self) -> dbapi2.Connection:
        """This thread's connection, taken or opened on first use (for the repositories here).

        Raises:
            StoreClosed: the store is closed (locked).
        """
        return self._lease().conn

    @property
    def connection_count(self) -> int:
        """How many connections are open (one per thread using the store at once)."""
        with self._registry_lock:
            return len(self._conns)

    def _lease(self) -> _Lease:
        lease = self._local.lease
        if lease is not None and not self._closed:
            return lease
        if lease is not None and lease.depth == 0:
            # Closed while this thread held a connection: between statements now, so it is
            # closed here rather than whenever the lease object happens to be collected.
            self._local.lease = None
            self._give_back(lease.conn)
        with self._registry_lock:
            if self._closed:
                raise StoreClosed(str(self.db_path), "the store is closed (locked)")
            conn = self._idle.pop() if self._idle else None
            key = self._key
        if conn is None:
            with _known_errors(str(self.db_path)):
                conn = _connect(self.db_path, key)
            with self._registry_lock:
                if self._closed:  # closed while this thread was opening
                    conn.close()
                    raise StoreClosed(str(self.db_path), "the store is closed (locked)")
                self._conns.append(conn)
            log.debug("store connection %d opened", len(self._conns))
        lease = _Lease(conn, self)
        self._local.lease = lease
        return lease

    def _give_back(self, conn: dbapi2.Connection) -> None:
        """Take back the connection of a thread that is done with it (from ``_Lease``).

        Once the store is closed, the connection is closed here: ``close`` leaves alone the
        connections other threads were still using (closing one under a running statement
        crashes the process).
        """
        with self._registry_lock:
            closed = self._closed
            if closed:
                with contextlib.suppress(ValueError):
                    self._conns.remove(conn)
            elif conn.in_transaction:  # the thread ended inside a transaction: undo it
                with contextlib.suppress(dbapi2.Error):
                    conn.execute("ROLLBACK")
            if not closed:
                self._idle.append(conn)
        if closed:
            with contextlib.suppress(dbapi2.Error):
                conn.close()

    def now(self) -> datetime:
        """Return the store's clock (UTC, injectable for tests)."""
        return self._clock()

    # ------------------------------------------------------------- opening

    @classmethod
    def create(
        cls,
        directory: Path,
        admin: str,
        password: str,
        *,
        kdf: keyslots.KdfParams = keyslots.DEFAULT_KDF,
        clock: Callable[[], datetime] = _utc_now,
    ) -> tuple[Store, str]:
        """Create a store with one administrator; return it and the recovery key.

        The recovery key is shown once and never stored: it is the database key itself.

        Raises:
            StoreExists: ``directory`` already holds a database or key-slot file.
        """
        db_path, slots_path, lock_path = cls.paths(directory)
        directory.mkdir(parents=True, exist_ok=True)
        with keyslots.file_lock(lock_path):
            for existing in (db_path, slots_path):
                if existing.exists():
                    raise StoreExists(str(directory), "this folder already holds a store")
            key = keyslots.new_key()
            store_id = secrets.token_hex(16)
            with _known_errors(str(db_path)):
                conn = _connect(db_path, key)
            store = cls(directory, conn, key, store_id, user=None, clock=clock, kdf=kdf)
            try:
                with _known_errors(str(db_path)):
                    migrate.apply(conn, str(db_path), store.now().isoformat())
                slot_file = keyslots.SlotFile(
                    store_id=store_id,
                    key_check=keyslots.key_check(key),
                    slots={},
                )
                keyslots.save(slots_path, slot_file)
            except BaseException:
                store.close()
                raise
        try:
            with store.transaction():
                store.settings.set("store_id", store_id)
                store.users.add(admin, Role.ADMINISTRATOR, password)
        except BaseException:
            store.close()
            raise
        store.user = store.users.get(admin)
        return store, format_recovery_key(key)

    @classmethod
    def unlock(
        cls,
        directory: Path,
        user: str,
        password: str,
        *,
        kdf: keyslots.KdfParams = keyslots.DEFAULT_KDF,
        clock: Callable[[], datetime] = _utc_now,
    ) -> Store:
        """Unlock the store with a user's password.

        A wrong password changes nothing in the database; it raises the slot's failure
        count, and after ``keyslots.FREE_ATTEMPTS`` failures in a row each attempt waits
        twice as long as the last (refused at once until then).

        Raises:
            WrongKey: unknown or removed user, or wrong password.
            TooManyAttempts: the back-off of repeated wrong passwords has not passed.
            NoStore: no database or no key-slot file in ``directory``.
            Corrupt: the database does not open with the unwrapped key.
        """
        db_path, slots_path, lock_path = cls.paths(directory)
        if not db_path.exists():
            raise NoStore(str(directory), "no store in this folder")
        if not slots_path.exists():
            raise NoStore(str(slots_path), "key-slot file missing: open with the recovery key")
        now = clock()
        with keyslots.file_lock(lock_path):
            slot_file = keyslots.load(slots_path)
            slot = slot_file.slots.get(user)
            if slot is None:
                raise WrongKey(str(slots_path), f"no user named {user!r}")
            wait = keyslots.backoff_remaining(slot, now.timestamp())
            if wait > 0:
                raise TooManyAttempts(
                    str(slots_path),
                    f"too many wrong passwords for {user!r}; try again in {wait:.0f} s",
                )
            key = keyslots.unwrap(slot, password, slot_file.store_id)
            if key is None:
                failed = keyslots.Slot(
                    slot.name,
                    slot.kdf,
                    slot.salt,
                    slot.nonce,
                    slot.ciphertext,
                    failures=slot.failures + 1,
                    last_failure=now.timestamp(),
                )
                keyslots.save(slots_path, slot_file.with_slot(failed))
                log.info("wrong password (failure %d in a row)", failed.failures)
                raise WrongKey(str(slots_path), f"wrong password for {user!r}")
            if not hmac.compare_digest(keyslots.key_check(key), slot_file.key_check):
                raise Corrupt(str(slots_path), "the key-slot file is damaged")
            if slot.failures or slot.kdf.weaker_than(kdf):
                # reset the failure count; raise the slot's cost to today's default
                fresh = keyslots.wrap(key, user, password, slot_file.store_id, kdf)
                keyslots.save(slots_path, slot_file.with_slot(fresh))
        store = cls._open(directory, key, slot_file.store_id, clock=clock, kdf=kdf, slot=True)
        account = store.users.get(user)
        if account is None or not account.active:
            store.close()
            raise WrongKey(str(slots_path), f"the account {user!r} has been removed")
        store.user = account
        return store

    @classmethod
    def open_with_recovery_key(
        cls,
        directory: Path,
        recovery_key: str,
        *,
        kdf: keyslots.KdfParams = keyslots.DEFAULT_KDF,
        clock: Callable[[], datetime] = _utc_now,
    ) -> Store:
        """Open the store with the recovery key (every password lost, or no key-slot file).

        Raises:
            WrongKey: the text is not the key of this store.
        """
        key = parse_recovery_key(recovery_key)
        db_path, slots_path, _lock = cls.paths(directory)
        if not db_path.exists():
            raise NoStore(str(directory), "no store in this folder")
        store_id = ""
        if slots_path.exists():
            slot_file = keyslots.load(slots_path)
            if not hmac.compare_digest(keyslots.key_check(key), slot_file.key_check):
                raise WrongKey("recovery key", "wrong recovery key for this store")
            store_id = slot_file.store_id
        return cls._open(directory, key, store_id, clock=clock, kdf=kdf, slot=bool(store_id))

    @classmethod
    def _open(
        cls,
        directory: Path,
        key: bytes,
        store_id: str,
        *,
        clock: Callable[[], datetime],
        kdf: keyslots.KdfParams,
        slot: bool,
    ) -> Store:
        db_path = directory / DB_NAME
        try:
            conn = _connect(db_path, key)
        except dbapi2.Error as exc:
            translated = _translate(exc, str(db_path))
            if isinstance(translated, Corrupt) and not slot:
                # Without a key check the database is the only judge of the key.
                raise WrongKey("recovery key", "wrong recovery key for this store") from None
            if isinstance(translated, Corrupt):
                raise Corrupt(
                    str(db_path), "damaged, or does not belong to its key-slot file"
                ) from None
            if translated is None:
                raise
            raise translated from None
        store = cls(directory, conn, key, store_id, user=None, clock=clock, kdf=kdf)
        try:
            with _known_errors(str(db_path)):
                migrate.apply(conn, str(db_path), store.now().isoformat())
                recorded = store.settings.get("store_id")
            if recorded is not None:
                if store_id and recorded != store_id:
                    raise Corrupt(str(db_path), "the key-slot file belongs to another store")
                store._store_id = recorded
        except BaseException:
            store.close()
            raise
        return store

    def backup(self, dest: Path) -> None:
        """Write a consistent copy of the database and its key-slot file into ``dest``.

        The copy is made with SQLite's online backup into a database keyed and formatted
        like this one, so the same passwords and recovery key open it.

        Raises:
            StoreExists: ``dest`` already holds a store.
        """
        db_copy, slots_copy, _lock = self.paths(dest)
        dest.mkdir(parents=True, exist_ok=True)
        if db_copy.exists() or slots_copy.exists():
            raise StoreExists(str(dest), "this folder already holds a store")
        lock = self.directory / LOCK_NAME
        # The head is read before the copy is made, so that it cannot lead the copy (another
        # thread or program may commit and advance it meanwhile): a head beyond the copy's
        # last event would mark the copy as cut short, and it would never be advanced.
        with keyslots.file_lock(lock):
            head = self._load_slots().head
        with _known_errors(str(db_copy)):
            target = _connect(db_copy, self._require_key())
            try:
                self.connection.backup(target)
                target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                target.close()
        with keyslots.file_lock(lock):
            keyslots.save(slots_copy, dataclasses.replace(self._load_slots(), head=head))

    def close(self) -> None:
        """Close the connections and drop the key (idle lock, quit).

        A connection another thread is still using is closed when that thread is done with
        it (its next use of the store raises ``StoreClosed``); the rest close now.
        """
        if self._closed:
            return
        lease = self._local.lease
        try:
            if self._key and (lease is None or lease.depth == 0):
                self._advance_head()
        finally:
            with self._registry_lock:
                self._closed = True
                # Idle connections and this thread's own close now; one another thread is
                # still using (a read on a pool when the window locks) closes when that
                # thread gives it back, and that thread cannot start anything new.
                mine = [] if lease is None else [lease.conn]
                closing = [c for c in self._conns if c in self._idle or c in mine]
                self._conns = [c for c in self._conns if c not in closing]
                self._idle = []
                self._key = b""
            self._local.lease = None
            for conn in closing:
                conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --------------------------------------------------------- transactions

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block as one write transaction; a nested block is a savepoint.

        BEGIN IMMEDIATE takes the write lock at once, so the audit chain's tail cannot
        move under a writer. On leaving the outermost block the chain head in the
        key-slot file is brought forward when events were appended.

        Raises:
            DiskFull, Locked, Corrupt: known failures; the transaction was rolled back.
        """
        state = self._lease()
        conn = state.conn
        source = str(self.db_path)
        if state.depth:
            if not conn.in_transaction:
                # SQLite already rolled the whole transaction back (SQLITE_FULL and the
                # like): writing on would commit statement by statement.
                raise StoreError(source, "the transaction was rolled back after an error")
            state.savepoint += 1
            name = f"sp{state.savepoint}"
            conn.execute(f"SAVEPOINT {name}")
            state.depth += 1
            try:
                with _known_errors(source):
                    yield
            except BaseException:
                if conn.in_transaction:
                    conn.execute(f"ROLLBACK TO {name}")
                    conn.execute(f"RELEASE {name}")
                raise
            else:
                conn.execute(f"RELEASE {name}")
            finally:
                state.depth -= 1
            return
        with _known_errors(source):
            conn.execute("BEGIN IMMEDIATE")
        state.depth = 1
        try:
            with _known_errors(source):
                yield
                if not conn.in_transaction:
                    raise StoreError(source, "the transaction was rolled back after an error")
                conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            state.depth = 0
        if time.monotonic() - self._head_written >= self.head_interval:
            self._advance_head()

    # ----------------------------------------------------------- key slots

    def _load_slots(self) -> keyslots.SlotFile:
        if self.slots_path.exists():
            return keyslots.load(self.slots_path)
        # Opened with the recovery key after the key-slot file was lost: start a new one.
        return keyslots.SlotFile(self._store_id, keyslots.key_check(self._key), {})

    def write_slot(self, name: str, password: str) -> None:
        """Wrap the database key for ``name`` under ``password`` (add or replace its slot)."""
        slot = keyslots.wrap(self._require_key(), name, password, self._store_id, self.kdf)
        with keyslots.file_lock(self.directory / LOCK_NAME):
            keyslots.save(self.slots_path, self._load_slots().with_slot(slot))

    def drop_slot(self, name: str) -> None:
        """Remove the slot of ``name``."""
        with keyslots.file_lock(self.directory / LOCK_NAME):
            keyslots.save(self.slots_path, self._load_slots().without_slot(name))

    def check_password(self, name: str, password: str) -> bool:
        """Return whether ``password`` opens the slot of ``name`` (no failure is counted)."""
        slot = self._load_slots().slots.get(name)
        return slot is not None and keyslots.unwrap(slot, password, self._store_id) is not None

    def _require_key(self) -> bytes:
        if not self._key:
            raise StoreClosed(str(self.db_path), "the store is closed (locked)")
        return self._key

    def _advance_head(self) -> None:
        with self._head_lock:
            self._advance_head_locked()

    def _advance_head_locked(self) -> None:
        row = self.connection.execute(
            "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None or int(row[0]) <= self._head_events or not self._store_id:
            return
        events, last_hash = int(row[0]), str(row[1])
        mac = keyslots.head_mac(self._require_key(), self._store_id, events, last_hash)
        with keyslots.file_lock(self.directory / LOCK_NAME):
            slot_file = self._load_slots()
            old = slot_file.head
            # Written after the commit: the head may lag the database, never lead it.
            if old is None or old.events < events:
                problem = None if old is None else self._head_problem(old)
                if old is None or problem is None:
                    head = keyslots.ChainHead(events, last_hash, mac)
                    keyslots.save(
                        self.slots_path,
                        keyslots.SlotFile(
                            slot_file.store_id, slot_file.key_check, slot_file.slots, head
                        ),
                    )
                elif not self._head_warned:
                    # Replacing this head would vouch for a chain it contradicts (a lowered
                    # or forged head, a cut tail, an older database): keep it, so that
                    # `audit verify` goes on naming the break. Event numbers only.
                    self._head_warned = True
                    log.warning(
                        "audit chain head at event %d kept, not advanced to event %d: %s",
                        old.events,
                        events,
                        problem,
                    )
        self._head_events = events
        self._head_written = time.monotonic()

    def _head_problem(self, head: keyslots.ChainHead) -> str | None:
        """Why ``head`` may not be replaced, or None when it still holds.

        A head holds when its MAC is right and event ``head.events`` still has ``head.hash``
        (one read by primary key). A lagging head (a crash between the commit and the head's
        update, or the interval between updates) holds: the events it vouches for are
        unchanged, only later ones are not witnessed yet.
        """
        expected = keyslots.head_mac(self._require_key(), self._store_id, head.events, head.hash)
        # bytes: compare_digest refuses str with non-ASCII, which a forged file may hold
        if not hmac.compare_digest(head.mac.encode(), expected.encode()):
            return "its MAC does not hold"
        if head.events <= 0:
            return None  # vouches for no event (verify_chain checks none either)
        row = self.connection.execute(
            "SELECT hash FROM audit_events WHERE id = ?", (head.events,)
        ).fetchone()
        if row is None:
            return "that event is missing"
        if not isinstance(row[0], str) or not hmac.compare_digest(
            row[0].encode(), head.hash.encode()
        ):
            return "that event's hash differs"
        return None

    # -------------------------------------------------------------- checks

    def verify_audit(self) -> ChainCheck:
        """Verify the audit chain and the head recorded in the key-slot file."""
        head = self._load_slots().head if self.slots_path.exists() else None
        head_ok = head is not None and hmac.compare_digest(
            head.mac.encode(),  # bytes: a forged file may hold non-ASCII text
            keyslots.head_mac(self._require_key(), self._store_id, head.events, head.hash).encode(),
        )
        return verify_chain(self.connection, head, head_ok)

    def integrity_problems(self) -> list[str]:
        """Run ``cipher_integrity_check`` and ``integrity_check``; return what they report."""
        conn = self.connection
        problems = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
        problems += [
            str(row[0]) for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"
        ]
        return problems


class StoreOpener:
    """Creates and unlocks the store in one folder (implements the services' port)."""

    def __init__(
        self,
        directory: Path,
        *,
        kdf: keyslots.KdfParams = keyslots.DEFAULT_KDF,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.directory = directory
        self._kdf = kdf
        self._clock = clock

    def exists(self) -> bool:
        """Return whether the folder already holds a store (or half of one)."""
        db_path, slots_path, _lock = Store.paths(self.directory)
        return db_path.exists() or slots_path.exists()

    def create(self, admin: str, password: str) -> tuple[Store, str]:
        """Create the store with its first administrator; return it and the recovery key."""
        return Store.create(self.directory, admin, password, kdf=self._kdf, clock=self._clock)

    def open(self, user: str, password: str) -> Store:
        """Unlock the store as ``user`` (``WrongKey``, a ``RefusedError``, when refused)."""
        return Store.unlock(self.directory, user, password, kdf=self._kdf, clock=self._clock)

    def recover(self, recovery_key: str) -> Store:
        """Open the store with the recovery key."""
        return Store.open_with_recovery_key(
            self.directory, recovery_key, kdf=self._kdf, clock=self._clock
        )
