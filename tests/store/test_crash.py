"""Kill a writing process (SIGKILL) at random moments: the store always opens intact.

A ``python -c`` child imports the store once and forks one writer per round, so a round
costs milliseconds instead of an interpreter start. Each writer opens the store, then
opens cases in a loop (case, page with a blob, audit event, sometimes a disposal, in one
transaction) and prints each case id once its transaction has returned. The test kills the
writer with SIGKILL after a random delay — sometimes before it has even opened the store —
then checks that the store opens, both integrity checks pass, the audit chain is intact,
and every printed case is there.
"""

from __future__ import annotations

import collections
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import pytest

from desktop.store.db import Store
from tests.store.conftest import FAST_KDF

ZYGOTE = r"""
import dataclasses, os, sys, time
WRITER_LIMIT = 5000  # a round kills its writer within 0.1 s, long before this
from datetime import UTC, date, datetime
from pathlib import Path
from desktop.core.case import Holder
from desktop.core.cases import (CaseRecord, CaseStatus, DocumentCategory, DocumentRecord,
    RegionRecord)
from desktop.core.documents import DocumentType
from desktop.store.db import Store

folder, key = Path(sys.argv[1]), sys.argv[2]

def write(seed):
    store = Store.open_with_recovery_key(folder, key)
    # one write(2) per line: a kill never leaves half a line for the next one to join
    os.write(1, b"ready\n")
    now = datetime(2026, 11, 20, tzinfo=UTC)
    n = 0
    while True:
        n += 1
        if n > WRITER_LIMIT:
            # the parent lost track of this writer: fall silent, so its 60 s wait fails the
            # test instead of reading an endless stream of cases
            time.sleep(3600)
        with store.transaction():
            case_id = store.cases.next_id(2026)
            store.cases.add(CaseRecord(case_id, CaseStatus.INTAKE, date(2026, 11, 20),
                {"principal": {"name": f"架空 {seed}-{n}"}}, "w", now))
            doc = DocumentRecord(0, case_id, Holder.PRINCIPAL, DocumentType.PASSPORT,
                DocumentCategory.IDENTITY, {"n": str(n)},
                (RegionRecord("permanent_domicile", (1, 2, 3, 4)),), 10, 10, "w", now)
            document_id = store.documents.add(doc, os.urandom(1500 + (n * 7919) % 3000))
            store.audit.append(at=now, user="w", action="open_case", case_id=case_id,
                document_id=document_id)
            if n % 4 == 0:
                store.documents.dispose(document_id, "w", now)
        os.write(1, f"case {case_id}\n".encode())

for line in sys.stdin:
    seed = int(line)
    pid = os.fork()
    if pid == 0:
        try:
            write(seed)
        except BaseException as exc:
            print("error", type(exc).__name__, str(exc).replace("\n", " "), flush=True)
        finally:
            os._exit(1)
    print("pid", pid, flush=True)
    os.waitpid(pid, 0)
    print("dead", flush=True)
"""


class _Lines:
    """The child's output, read by a thread so that a silent child fails the test, not hangs it."""

    def __init__(self, stream: IO[str]) -> None:
        self._queue: queue.Queue[str] = queue.Queue()
        self.transcript: collections.deque[str] = collections.deque(maxlen=20)
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line)
        self._queue.put("")

    def until(self, word: str) -> list[str]:
        lines: list[str] = []
        while True:
            try:
                line = self._queue.get(timeout=60)
            except queue.Empty:
                raise AssertionError(f"no {word!r} within 60 s: {list(self.transcript)}") from None
            self.transcript.append(line.strip())
            if not line:
                raise AssertionError(f"the child ended before {word!r}")
            if line.startswith("error "):
                raise AssertionError(f"the writer failed: {line.strip()}")
            if line.split()[0] == word:
                return [*lines, line]
            if line.startswith("dead"):
                raise AssertionError(f"the writer ended before {word!r}: {list(self.transcript)}")
            lines.append(line)


def _kill_rounds(folder: Path, recovery_key: str, rounds: int, seed: int) -> int:
    rng = random.Random(seed)
    root = Path(__file__).resolve().parents[2]
    promised: set[str] = set()
    with subprocess.Popen(
        [sys.executable, "-c", ZYGOTE, str(folder), recovery_key],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
    ) as zygote:
        assert zygote.stdin is not None
        assert zygote.stdout is not None
        output = _Lines(zygote.stdout)
        try:
            for number in range(rounds):
                zygote.stdin.write(f"{number}\n")
                zygote.stdin.flush()
                # the writer's "ready" (even a first case) may come before the zygote's "pid"
                lines = output.until("pid")
                pid = int(lines[-1].split()[1])
                if rng.random() < 0.15:
                    time.sleep(rng.uniform(0, 0.01))  # during the open itself
                elif not any(line.strip() == "ready" for line in lines):
                    lines += output.until("ready")
                    time.sleep(rng.uniform(0, 0.1))
                else:
                    time.sleep(rng.uniform(0, 0.1))
                os.kill(pid, signal.SIGKILL)
                lines += output.until("dead")
                promised |= {line.split()[1] for line in lines if line.startswith("case ")}
                _check(folder, recovery_key, promised)
            zygote.stdin.close()
            assert zygote.wait(timeout=30) == 0
        finally:
            if zygote.poll() is None:
                zygote.kill()
    return len(promised)


def _check(folder: Path, recovery_key: str, promised: set[str]) -> None:
    with Store.open_with_recovery_key(folder, recovery_key, kdf=FAST_KDF) as store:
        assert store.integrity_problems() == []
        stored = {row[0] for row in store.connection.execute("SELECT id FROM cases")}
        missing = promised - stored
        assert not missing, f"cases lost after a kill: {sorted(missing)[:5]}"
        check = store.audit.verify()
        assert check.intact, check


@pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")
def test_killed_writer_never_loses_a_returned_case(
    created: tuple[Store, str], store_dir: Path
) -> None:
    store, recovery_key = created
    store.close()
    cases = _kill_rounds(store_dir, recovery_key, rounds=60, seed=20261120)
    assert cases > 60  # the writers got work done between kills


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")
def test_killed_writer_thousand_times(created: tuple[Store, str], store_dir: Path) -> None:
    store, recovery_key = created
    store.close()
    assert _kill_rounds(store_dir, recovery_key, rounds=1000, seed=1) > 1000
