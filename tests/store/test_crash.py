"""Kill writing processes (SIGKILL) at random moments: the store always opens intact.

Five kinds of writer are killed, each on its own store: case creation, document save
(``services.documents.add_page``), disposal (``services.disposal.dispose_due``), password
change (``services.accounts.change_password``, which rewrites the key-slot file) and
migration (a store rolled back to schema version 1 migrates on open). After every kill the
store opens, both integrity checks pass, the audit chain verifies, the key-slot file is
readable and nothing whose write returned is lost; see ``tests/store/crash_harness.py``.

The default run kills each writer ``ROUNDS`` times; ``--run-slow`` kills each
``SLOW_ROUNDS`` times (over 1 000 kills in all) and prints the figures.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from typing import TYPE_CHECKING

import pytest

from desktop.store.db import Store
from tests.store import crash_harness
from tests.store.conftest import FAST_KDF

if TYPE_CHECKING:
    from pathlib import Path

KINDS = ("cases", "documents", "disposal", "passwords", "migration")
ROUNDS = 30
SLOW_ROUNDS = 220

needs_fork = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")


def _run(
    created: tuple[Store, str], store_dir: Path, tmp_path: Path, kind: str, rounds: int, seed: int
) -> crash_harness.Figures:
    store, recovery_key = created
    store.close()
    acks = tmp_path / "acks"
    acks.mkdir()
    seed = seed * len(KINDS) + KINDS.index(kind)  # each kind its own random kill points
    figures = crash_harness.kill_rounds(store_dir, recovery_key, kind, rounds, seed, acks)
    print(figures.line())
    assert figures.kills == rounds
    return figures


@needs_fork
@pytest.mark.parametrize("kind", KINDS)
def test_killed_writer_loses_nothing_returned(
    created: tuple[Store, str], store_dir: Path, tmp_path: Path, kind: str
) -> None:
    figures = _run(created, store_dir, tmp_path, kind, ROUNDS, seed=20261120)
    # the writers got work done between kills, so the kills hit writes, not only start-ups
    # (loose: under four busy loops on two cores, the fewest seen was 23 for 30 rounds)
    assert figures.acknowledged >= ROUNDS // 5
    if kind == "migration":
        assert any(k.startswith("killed while") for k in figures.outcomes), figures.outcomes
    if kind == "passwords":
        assert figures.outcomes["new"], figures.outcomes  # killed after the slot was replaced
        assert figures.outcomes["old"], figures.outcomes


@pytest.mark.slow
@needs_fork
@pytest.mark.parametrize("kind", KINDS)
def test_killed_writer_thousand_times(
    created: tuple[Store, str], store_dir: Path, tmp_path: Path, kind: str
) -> None:
    figures = _run(created, store_dir, tmp_path, kind, SLOW_ROUNDS, seed=1)
    assert figures.acknowledged > SLOW_ROUNDS // 2


def test_two_programs_migrate_an_old_store_at_once(
    created: tuple[Store, str], store_dir: Path
) -> None:
    """The GUI and the command line open a store one migration behind at the same time:
    both open it (the second finds the migration done instead of failing on it)."""
    store, recovery_key = created
    store.close()
    schemas = crash_harness.reference_schemas()
    for _ in range(2):
        crash_harness.roll_back_to_version_1(store_dir, recovery_key, schemas[1])
        assert crash_harness.open_at_once(store_dir, recovery_key) == ["ok", "ok"]
    with Store.open_with_recovery_key(store_dir, recovery_key, kdf=FAST_KDF) as reopened:
        assert crash_harness.schema_of(reopened.connection) == schemas[max(schemas)]
        assert reopened.integrity_problems() == []


def test_cipher_integrity_check_is_supported_and_reports_a_damaged_page(
    created: tuple[Store, str], store_dir: Path
) -> None:
    """The checks after each kill rely on ``PRAGMA cipher_integrity_check``: this SQLCipher
    knows it (an unknown pragma would return nothing, like a clean check) and it names a
    page whose bytes changed."""
    store, recovery_key = created
    version = str(store.connection.execute("PRAGMA cipher_version").fetchone()[0])
    assert tuple(int(p) for p in version.split()[0].split(".")[:2]) >= (4, 0), version
    store.close()
    db = store_dir / "honnin.db"
    data = bytearray(db.read_bytes())
    data[2 * 1024 + 500] ^= 0xFF  # a byte in page 3 (1024-byte pages)
    db.write_bytes(bytes(data))
    conn = crash_harness.raw_connection(store_dir, recovery_key)
    try:
        problems = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
    finally:
        conn.close()
    assert any("page 3" in p for p in problems), problems


def _read_to_the_end(zygote: crash_harness.Zygote, deadline: float) -> None:
    while True:  # the unread "pid" line first, then the end
        zygote.line(deadline, "dead")


@needs_fork
def test_a_dead_zygote_is_an_end_and_its_writer_stops(
    created: tuple[Store, str], store_dir: Path, tmp_path: Path
) -> None:
    """The failure behind the old hang: the zygote gone while its writer still writes. The
    parent sees the end of the control pipe at once, and the orphaned writer stops."""
    store, recovery_key = created
    store.close()
    zygote = crash_harness.Zygote.start(store_dir, recovery_key)
    ack_path = tmp_path / "orphan.acks"
    zygote.ack_path = ack_path
    try:
        zygote.send(f"cases 0 1 {ack_path}")
        deadline = time.monotonic() + crash_harness.WAIT_SECONDS
        crash_harness.writer_pid(zygote, ack_path, 0, deadline)
        crash_harness.wait_ack(zygote, ack_path, "ready", deadline)
        os.kill(zygote.process.pid, signal.SIGKILL)
        start = time.monotonic()
        with pytest.raises(crash_harness.HarnessError, match="the zygote ended"):
            _read_to_the_end(zygote, deadline)
        assert time.monotonic() - start < 5
        while "limit" not in ack_path.read_text():
            assert time.monotonic() < deadline, "the orphaned writer went on writing"
            time.sleep(0.05)
    finally:
        zygote.close()


@needs_fork
def test_a_silent_zygote_fails_at_the_deadline_with_its_transcript() -> None:
    """A wait on the control pipe ends at its deadline (no thread, no per-line timeout that
    a talkative writer could keep resetting) and the failure carries the transcript."""
    stand_in = "import time; print('zygote ready', flush=True); time.sleep(30)"
    zygote = crash_harness.Zygote([sys.executable, "-c", stand_in])
    try:
        start = time.monotonic()
        with pytest.raises(crash_harness.HarnessError, match="no 'pid' within") as failure:
            zygote.line(time.monotonic() + 0.3, "pid")
        assert time.monotonic() - start < 5
        assert "zygote ready" in str(failure.value)
    finally:
        zygote.process.kill()
        zygote.close()
