"""The parent side of the crash harness: kill writers with SIGKILL, then check the store.

One zygote process (``tests/store/crash_writers.py``) forks a writer per round; the parent
kills it after a random delay — sometimes before it has even opened the store — waits until
the zygote has reaped it, reads the writer's acknowledgements (one line per write whose
call returned) and checks the store:

- the key-slot file loads, and the administrator unlocks with their password;
- the store opens (running any migration left to do);
- ``PRAGMA cipher_integrity_check`` and ``PRAGMA integrity_check`` report nothing;
- the audit chain verifies (against the head in the key-slot file too);
- every page either has its image or is marked disposed, never half of each;
- nothing acknowledged is lost, with the checks of each kind of writer (``Tracker``).

Every wait has a deadline (``WAIT_SECONDS`` per step) and fails with a transcript: the
zygote's last control lines and the tail of the writer's acknowledgement file.

Why the protocol looks like this (the hang of the first version): acknowledgements used to
share the zygote's stdout, read through a thread into an unbounded queue, and each read
waited 60 s *per line*. A writer that kept talking therefore reset the timeout forever, so
whenever the zygote's ``pid`` line was late (the zygote stalled after the fork, or died and
left its writer, which still held the pipe, running) the parent waited on while the writer
filled the queue. Now the writer has its own file, detaches from the control pipe (a dead
zygote is an EOF), knows its own pid (``start <pid>``, so a late zygote does not delay the
kill), and stops by itself when its zygote is gone or after ``WRITER_SECONDS``.
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import os
import random
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

from desktop.core.cases import CaseRecord, CaseStatus
from desktop.store import keyslots, migrate
from desktop.store.db import Store, _connect, parse_recovery_key
from tests.store import crash_writers
from tests.store.conftest import ADMIN, ADMIN_PASSWORD, FAST_KDF, OPERATOR, OPERATOR_PASSWORD

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlcipher3 import dbapi2

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 60.0
"""Deadline of each step of a round (the pid, the writer's start, its death)."""
EARLY_KILLS = 0.15
"""Share of rounds whose writer is killed 0-10 ms after the fork: imports or the open itself."""


class HarnessError(AssertionError):
    """A round went wrong (a deadline passed, the writer failed); carries the transcript."""


# ---------------------------------------------------------------------------- the zygote


class Zygote:
    """The zygote process and its control pipe, read without threads and with deadlines."""

    def __init__(self, argv: Sequence[str]) -> None:
        self.process = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
        )
        assert self.process.stdout is not None
        self._fd = self.process.stdout.fileno()
        self._buffer = b""
        self.transcript: collections.deque[str] = collections.deque(maxlen=12)
        self.ack_path: Path | None = None
        if self.line(time.monotonic() + WAIT_SECONDS, "zygote ready") != "zygote ready":
            raise self.fail("the zygote did not start")

    @classmethod
    def start(cls, folder: Path, recovery_key: str) -> Zygote:
        """Start ``tests/store/crash_writers.py`` on the store in ``folder``."""
        return cls([sys.executable, "-m", "tests.store.crash_writers", str(folder), recovery_key])

    def fail(self, message: str) -> HarnessError:
        """An error naming ``message`` with the control lines and the writer's last acks."""
        acks: list[str] = []
        if self.ack_path is not None and self.ack_path.exists():
            acks = self.ack_path.read_text("utf-8", "replace").splitlines()[-8:]
        return HarnessError(
            f"{message}; zygote exit status {self.process.poll()};"
            f" control: {list(self.transcript)}; writer: {acks}"
        )

    def _fill(self, timeout: float) -> bool:
        """Read what the control pipe has within ``timeout``; False on timeout."""
        ready, _, _ = select.select([self._fd], [], [], max(timeout, 0.0))
        if not ready:
            return False
        data = os.read(self._fd, 4096)
        if not data:
            raise self.fail("the zygote ended")
        self._buffer += data
        return True

    def line(self, deadline: float, what: str) -> str:
        """The next control line; fails when none comes before ``deadline``."""
        while b"\n" not in self._buffer:
            if not self._fill(deadline - time.monotonic()):
                raise self.fail(f"no {what!r} within {WAIT_SECONDS:.0f} s")
        raw, self._buffer = self._buffer.split(b"\n", 1)
        text = raw.decode()
        self.transcript.append(text)
        return text

    def expect(self, word: str, round_number: int, deadline: float) -> list[str]:
        """The next control line, which must be ``word`` of ``round_number``."""
        parts = self.line(deadline, word).split()
        if parts[:2] != [word, str(round_number)]:
            raise self.fail(f"expected {word!r} of round {round_number}")
        return parts

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(command.encode() + b"\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            raise self.fail("the zygote ended") from None

    def has_line(self, timeout: float) -> bool:
        """Whether a whole control line is waiting (reads for at most ``timeout``)."""
        return b"\n" in self._buffer or (self._fill(timeout) and b"\n" in self._buffer)

    def writer_ended(self) -> bool:
        """Whether the zygote has already reported the writer's end (polled, no wait)."""
        if b"dead " not in self._buffer:
            self._fill(0.002)
        return b"dead " in self._buffer

    def close(self) -> None:
        """End the zygote: EOF on its stdin, then a bounded wait (killed if it lingers)."""
        try:
            if self.process.stdin is not None:
                self.process.stdin.close()
            self.process.wait(timeout=WAIT_SECONDS)
        except (BrokenPipeError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(timeout=WAIT_SECONDS)
        finally:
            if self.process.stdout is not None:
                self.process.stdout.close()


def _ack_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    text = path.read_text("utf-8")
    # a line is complete once its newline is written; a kill never splits one write(2)
    return text.split("\n")[:-1]


# --------------------------------------------------------------------------- the checks


@dataclass
class Tracker:
    """What a kind of writer promised, and the checks after each kill (subclassed per kind)."""

    kind: str = ""
    anchor: str = "ready"
    """The acknowledgement after which the kill delay is drawn."""
    window: float = 0.1
    """The kill comes uniformly within this many seconds after the anchor."""
    acks: int = 0
    outcomes: collections.Counter[str] = field(default_factory=collections.Counter)

    early: bool = False
    """Whether the last kill came in the writer's start-up (before its anchor)."""

    def setup(self, store: Store) -> None:
        """Prepare the store before the first round (the store is open with the key)."""

    def before_round(self, folder: Path, recovery_key: str) -> None:
        """Prepare the store before each round (it is closed)."""

    def before_open(self, folder: Path, recovery_key: str) -> None:
        """Look at the store as the kill left it, before the check opens (and migrates) it."""

    def absorb(self, lines: Sequence[str], round_number: int) -> None:
        """Take the acknowledgements of one round."""

    def check(self, store: Store) -> None:
        """Assert that nothing acknowledged is lost (the store is open with the key)."""


@dataclass
class CaseTracker(Tracker):
    """Case creation: every acknowledged case number is in the store."""

    kind: str = "cases"
    cases: set[str] = field(default_factory=set)

    def absorb(self, lines: Sequence[str], round_number: int) -> None:
        new = {line.split()[1] for line in lines if line.startswith("case ")}
        self.acks += len(new)
        self.cases |= new

    def check(self, store: Store) -> None:
        stored = {str(row[0]) for row in store.connection.execute("SELECT id FROM cases")}
        missing = self.cases - stored
        assert not missing, f"cases lost after a kill: {sorted(missing)[:5]}"


@dataclass
class DocumentTracker(Tracker):
    """Document save: every acknowledged page is stored whole, with its audit event."""

    kind: str = "documents"
    pages: dict[int, str] = field(default_factory=dict)

    def setup(self, store: Store) -> None:
        now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
        with store.transaction():
            for n in range(crash_writers.INTAKE_CASES):
                case_id = store.cases.next_id(2026)
                store.cases.add(
                    CaseRecord(
                        case_id,
                        CaseStatus.INTAKE,
                        date(2026, 11, 20),
                        {"requester": "principal", "principal": {"name": f"架空 {n}"}},
                        OPERATOR,
                        now,
                    )
                )
                store.audit.append(at=now, user=OPERATOR, action="open_case", case_id=case_id)

    def absorb(self, lines: Sequence[str], round_number: int) -> None:
        for line in lines:
            if line.startswith("doc "):
                _, document_id, digest = line.split()
                self.pages[int(document_id)] = digest
                self.acks += 1

    def check(self, store: Store) -> None:
        conn = store.connection
        stored = {
            int(row[0]): (str(row[1]), hashlib.sha256(bytes(row[2])).hexdigest())
            for row in conn.execute(
                "SELECT d.id, d.image_sha256, i.png FROM documents d"
                " JOIN document_images i ON i.document_id = d.id"
            )
        }
        audited = {
            int(row[0])
            for row in conn.execute(
                "SELECT document_id FROM audit_events WHERE action = 'add_document'"
            )
        }
        for document_id, digest in self.pages.items():
            assert document_id in stored, f"page {document_id} lost after a kill"
            assert stored[document_id] == (digest, digest), f"page {document_id} damaged"
        # add_page writes the page and its audit event in one transaction: both or neither
        assert set(stored) == audited, "a page without its audit event, or the reverse"


@dataclass
class DisposalTracker(Tracker):
    """Disposal: acknowledged disposals hold; each disposal has exactly one audit event."""

    kind: str = "disposal"
    added: set[int] = field(default_factory=set)
    disposed: set[int] = field(default_factory=set)

    def setup(self, store: Store) -> None:
        # leverages destroys identity copies right after verification: approved = due
        store.settings.set("policy", "leverages")

    def absorb(self, lines: Sequence[str], round_number: int) -> None:
        for line in lines:
            word, _, rest = line.partition(" ")
            if word == "doc":
                self.added.add(int(rest.split()[0]))
                self.acks += 1
            elif word == "disposed":
                self.disposed.add(int(rest))
                self.acks += 1

    def check(self, store: Store) -> None:
        conn = store.connection
        rows = conn.execute(
            "SELECT d.id, d.disposed_at IS NOT NULL, d.fields,"
            " (SELECT count(*) FROM audit_events a WHERE a.action = 'dispose'"
            "  AND a.document_id = d.id)"
            " FROM documents d"
        ).fetchall()
        documents = {int(r[0]): (bool(r[1]), str(r[2]), int(r[3])) for r in rows}
        lost = self.added - documents.keys()
        assert not lost, f"pages lost after a kill: {sorted(lost)[:5]}"
        for document_id in self.disposed:
            gone, fields, _ = documents[document_id]
            assert gone, f"disposal of page {document_id} undone by a kill"
            assert fields == "{}", f"page {document_id} kept its fields after disposal"
        for document_id, (gone, _, events) in documents.items():
            # dispose_due writes the disposal and its audit record in one transaction
            assert events == (1 if gone else 0), f"page {document_id}: {events} dispose events"


@dataclass
class PasswordTracker(Tracker):
    """Password change: the operator's slot opens with the old or the new password, never
    neither, and never with one older than the last acknowledged change."""

    kind: str = "passwords"
    window: float = 0.15
    current: str = OPERATOR_PASSWORD
    candidates: tuple[str, ...] = ()

    def absorb(self, lines: Sequence[str], round_number: int) -> None:
        done = [int(line.split()[1]) for line in lines if line.startswith("password ")]
        self.acks += len(done)
        last = max(done, default=0)
        acknowledged = crash_writers.password(round_number, last) if last else self.current
        in_flight = crash_writers.password(round_number, last + 1)
        self.candidates = (acknowledged, in_flight)

    def check(self, store: Store) -> None:
        slot_file = keyslots.load(store.slots_path)  # readable, whole
        slot = slot_file.slots[OPERATOR]
        opens = [p for p in self.candidates if keyslots.unwrap(slot, p, store.store_id)]
        assert opens, "the operator's slot opens with neither the old nor the new password"
        self.outcomes["new" if opens[0] != self.candidates[0] else "old"] += 1
        self.current = opens[0]

    def after_check(self, folder: Path) -> None:
        """Unlock as the operator with the password that opens the slot (the real path)."""
        Store.unlock(folder, OPERATOR, self.current, kdf=FAST_KDF).close()


Schema = frozenset[tuple[str, str, tuple[str, ...]]]
"""A schema as (type, name, columns of a table) of every object in ``sqlite_master``."""


def schema_of(conn: dbapi2.Connection) -> Schema:
    """The schema of a database (what migrations add), comparable between databases."""
    objects: set[tuple[str, str, tuple[str, ...]]] = set()
    for kind, name in conn.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall():
        columns: tuple[str, ...] = ()
        if kind == "table":
            columns = tuple(str(r[1]) for r in conn.execute(f'PRAGMA table_info("{name}")'))
        objects.add((str(kind), str(name), columns))
    return frozenset(objects)


def reference_schemas() -> dict[int, Schema]:
    """The schema after each migration, built on scratch databases in memory."""
    migrations = migrate.discover()
    schemas: dict[int, Schema] = {}
    for version in range(1, len(migrations) + 1):
        conn = sqlcipher3.connect(":memory:", isolation_level=None)
        try:
            migrate.apply(conn, "reference", "2026-11-20", migrations[:version])
            schemas[version] = schema_of(conn)
        finally:
            conn.close()
    return schemas


def raw_connection(folder: Path, recovery_key: str) -> dbapi2.Connection:
    return _connect(folder / "honnin.db", parse_recovery_key(recovery_key))


def roll_back_to_version_1(folder: Path, recovery_key: str, version_1: Schema) -> None:
    """Make the store an old one: drop what the later migrations added (indexes, triggers,
    views, tables, added columns) and forget that they were applied.

    Generic over db/, so a new migration needs no change here as long as it only adds
    objects and columns; anything else fails the comparison with ``version_1`` below.
    """
    conn = raw_connection(folder, recovery_key)
    try:
        now = schema_of(conn)
        old = {name: columns for _, name, columns in version_1}
        statements = [
            f'DROP {kind.upper()} IF EXISTS "{name}";'
            for kind, name, _ in sorted(now - version_1)
            if kind in ("index", "trigger", "view")
        ]
        for kind, name, columns in sorted(now - version_1):
            if kind != "table":
                continue
            if name not in old:
                statements.append(f'DROP TABLE "{name}";')
                continue
            statements += [
                f'ALTER TABLE "{name}" DROP COLUMN "{column}";'
                for column in columns
                if column not in old[name]
            ]
        conn.executescript(
            "BEGIN IMMEDIATE;\n"
            + "\n".join(statements)
            + "\nDELETE FROM schema_migrations WHERE version > 1;\n"
            "PRAGMA user_version = 1;\n"
            "COMMIT;"
        )
        assert schema_of(conn) == version_1, "the roll-back did not restore schema version 1"
    finally:
        conn.close()


@dataclass
class MigrationTracker(CaseTracker):
    """Migration: a kill leaves the schema at a migration boundary (exactly the schema of
    some version); the next open completes it. After migrating, the writer opens cases,
    which are checked like ``CaseTracker``'s."""

    kind: str = "migration"
    anchor: str = "opening"
    cases_in_store: int = 5_000
    migrated: int = 0
    schemas: dict[int, Schema] = field(default_factory=reference_schemas)

    def setup(self, store: Store) -> None:
        # enough rows that building the indexes of 0002 takes a while to be killed in
        now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC).isoformat()
        rows = [
            (f"2025-{n:06d}", "closed", "2025-06-01", "{}", "op", now, now)
            for n in range(1, self.cases_in_store + 1)
        ]
        with store.transaction():
            store.connection.executemany(
                "INSERT INTO cases (id, status, received_on, intake, created_by, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    def measure(self, folder: Path, recovery_key: str) -> float:
        """Time one open (with its migrations) of the rolled-back store; set the window."""
        self.before_round(folder, recovery_key)
        start = time.perf_counter()
        Store.open_with_recovery_key(folder, recovery_key, kdf=FAST_KDF).close()
        seconds = time.perf_counter() - start
        # a forked writer opens slower than this warm, in-process open: twice the time puts
        # about half the kills inside the writer's open (measured: 16 of 30 after it)
        self.window = 2 * seconds
        return seconds

    def before_round(self, folder: Path, recovery_key: str) -> None:
        roll_back_to_version_1(folder, recovery_key, self.schemas[1])

    def before_open(self, folder: Path, recovery_key: str) -> None:
        # the roll-back's connection closed last and removed the WAL: frames in it now are
        # the writer's migrations (committed or not); looked at before a connection closes
        wal = folder / "honnin.db-wal"
        frames = wal.exists() and wal.stat().st_size > 32
        conn = raw_connection(folder, recovery_key)
        try:
            version = migrate.current_version(conn)
            schema = schema_of(conn)
            recorded = {int(r[0]) for r in conn.execute("SELECT version FROM schema_migrations")}
        finally:
            conn.close()
        assert schema == self.schemas[version], f"half a migration after a kill (at {version})"
        assert recorded == set(range(1, version + 1)), recorded
        if version == max(self.schemas):
            self.outcomes["fully migrated"] += 1
        else:
            # short of the latest after the writer said "opening": killed while migrating
            # (or just before); WAL frames: killed while a migration was being committed
            when = "in start-up" if self.early else "while opening"
            self.outcomes[f"killed {when}, left at v{version}"] += 1
            self.outcomes["of these with WAL frames (mid-commit)"] += frames

    def absorb(self, lines: Sequence[str], round_number: int) -> None:
        super().absorb(lines, round_number)
        if "migrated" in lines:  # the open (and its migration) returned
            self.migrated += 1
            self.acks += 1

    def check(self, store: Store) -> None:
        super().check(store)
        assert schema_of(store.connection) == self.schemas[max(self.schemas)]


TRACKERS: dict[str, type[Tracker]] = {
    "cases": CaseTracker,
    "documents": DocumentTracker,
    "disposal": DisposalTracker,
    "passwords": PasswordTracker,
    "migration": MigrationTracker,
}


def check_store(folder: Path, recovery_key: str, tracker: Tracker) -> None:
    """The checks after one kill (see the module docstring)."""
    tracker.before_open(folder, recovery_key)
    keyslots.load(folder / "honnin.keys.json")
    with Store.open_with_recovery_key(folder, recovery_key, kdf=FAST_KDF) as store:
        assert store.integrity_problems() == []
        chain = store.audit.verify()
        assert chain.intact, chain
        (half,) = store.connection.execute(
            "SELECT count(*) FROM documents d WHERE (d.disposed_at IS NULL)"
            " != EXISTS (SELECT 1 FROM document_images i WHERE i.document_id = d.id)"
        ).fetchone()
        assert half == 0, f"{half} page(s) half disposed"
        tracker.check(store)
    Store.unlock(folder, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF).close()
    if isinstance(tracker, PasswordTracker):
        tracker.after_check(folder)


# ---------------------------------------------------------------------------- the rounds


@dataclass(frozen=True, slots=True)
class Figures:
    """What one run of a kind of writer did."""

    kind: str
    kills: int
    early_kills: int
    acknowledged: int
    seconds: float
    outcomes: dict[str, int]

    def line(self) -> str:
        extra = ", ".join(f"{k}: {v}" for k, v in sorted(self.outcomes.items()))
        return (
            f"{self.kind}: {self.kills} kills ({self.early_kills} during start-up),"
            f" {self.acknowledged} acknowledged writes kept, {self.seconds:.1f} s"
            + (f"; {extra}" if extra else "")
        )


def kill_rounds(
    folder: Path, recovery_key: str, kind: str, rounds: int, seed: int, workdir: Path
) -> Figures:
    """Run ``rounds`` rounds of the ``kind`` writer on the (closed) store in ``folder``.

    Raises:
        HarnessError / AssertionError: a deadline passed, a writer failed, or a check did.
    """
    start = time.monotonic()
    tracker = TRACKERS[kind]()
    with Store.open_with_recovery_key(folder, recovery_key, kdf=FAST_KDF) as store:
        tracker.setup(store)
    if isinstance(tracker, MigrationTracker):
        tracker.measure(folder, recovery_key)
    rng = random.Random(seed)
    early = 0
    zygote = Zygote.start(folder, recovery_key)
    live: int | None = None  # the writer not yet reaped, killed first if a round fails
    try:
        for number in range(rounds):
            tracker.before_round(folder, recovery_key)
            ack_path = workdir / f"{kind}-{number}.acks"
            zygote.ack_path = ack_path
            zygote.send(f"{kind} {number} {rng.randrange(1 << 30)} {ack_path}")
            deadline = time.monotonic() + WAIT_SECONDS
            pid = live = writer_pid(zygote, ack_path, number, deadline)
            tracker.early = rng.random() < EARLY_KILLS
            if tracker.early:
                early += 1
                time.sleep(rng.uniform(0, 0.01))
            else:
                wait_ack(zygote, ack_path, tracker.anchor, deadline)
                time.sleep(rng.uniform(0, tracker.window))
            os.kill(pid, signal.SIGKILL)
            deadline = time.monotonic() + WAIT_SECONDS
            while True:  # "pid" may still be unread when the writer's own line gave the pid
                parts = zygote.line(deadline, "dead").split()
                if parts[:3] == ["dead", str(number), str(pid)]:
                    break
                if parts[:2] != ["pid", str(number)]:
                    raise zygote.fail(f"expected 'dead' of round {number}")
            live = None
            status = int(parts[3])
            if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                raise zygote.fail(f"the writer ended by itself (status {status})")
            lines = _ack_lines(ack_path)
            _raise_on_error(zygote, lines)
            tracker.absorb(lines, number)
            try:
                check_store(folder, recovery_key, tracker)
            except AssertionError as exc:
                raise zygote.fail(f"round {number}: {exc}") from exc
            ack_path.unlink(missing_ok=True)
    finally:
        if live is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(live, signal.SIGKILL)
        zygote.close()
    return Figures(
        kind, rounds, early, tracker.acks, time.monotonic() - start, dict(tracker.outcomes)
    )


def _raise_on_error(zygote: Zygote, lines: Sequence[str]) -> None:
    for line in lines:
        if line.startswith("error "):
            raise zygote.fail(f"the writer failed: {line}")


def writer_pid(zygote: Zygote, ack_path: Path, number: int, deadline: float) -> int:
    """The writer's pid: from its own ``start`` line or the zygote's ``pid``, whichever first."""
    while True:
        for line in _ack_lines(ack_path):
            if line.startswith("start "):
                return int(line.split()[1])
        if zygote.has_line(0.002):
            return int(zygote.expect("pid", number, deadline)[2])
        if time.monotonic() > deadline:
            raise zygote.fail(f"no pid of round {number} within {WAIT_SECONDS:.0f} s")


def wait_ack(zygote: Zygote, ack_path: Path, word: str, deadline: float) -> None:
    """Wait until the writer acknowledges ``word``; fail if it ends or the deadline passes."""
    while True:
        lines = _ack_lines(ack_path)
        _raise_on_error(zygote, lines)
        if word in lines:
            return
        if zygote.writer_ended():
            raise zygote.fail(f"the writer ended before {word!r}")
        if time.monotonic() > deadline:
            raise zygote.fail(f"no {word!r} within {WAIT_SECONDS:.0f} s")


OPENER = """
import sys, time
from pathlib import Path
from desktop.store.db import Store
from tests.store.conftest import FAST_KDF
time.sleep(max(0.0, float(sys.argv[3]) - time.time()))
try:
    Store.open_with_recovery_key(Path(sys.argv[1]), sys.argv[2], kdf=FAST_KDF).close()
    print("ok")
except Exception as exc:
    print(type(exc).__name__, exc)
"""


def open_at_once(folder: Path, recovery_key: str, programs: int = 2) -> list[str]:
    """Open the store from ``programs`` processes at the same moment; return what each said."""
    at = time.time() + 1.5  # after every interpreter has started
    children = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(folder), recovery_key, str(at)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for _ in range(programs)
    ]
    return [child.communicate(timeout=WAIT_SECONDS)[0].strip() for child in children]
