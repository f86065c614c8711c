"""The child side of the crash harness: a zygote that forks one writer per round.

Run as ``python -m tests.store.crash_writers FOLDER RECOVERY_KEY`` from the repository root.
The zygote imports the store, the services and the imaging once, then reads one command
per line on stdin, ``<kind> <round> <seed> <ack file>``, forks a writer for it and reports on
stdout (the control pipe) only ``pid <round> <pid>`` after the fork and ``dead <round> <pid>
<status>`` once the writer is reaped. EOF on stdin ends it.

A writer never writes to the control pipe. It detaches from it at once, then appends to its
own acknowledgement file: ``start <pid>``, ``opening``, ``ready``, then one line per write
whose call has returned (``case <id>``, ``doc <id> <sha256>``, ``disposed <id>``,
``password <n>``, ``migrated``), or ``error <type> <message>``. Each line is one
``write(2)`` to an O_APPEND file, so a SIGKILL never leaves half a line, and the parent
reads the file only after the zygote has reaped the writer. Keeping acknowledgements off
the control pipe means a talkative writer can neither delay nor bury the zygote's lines.

A writer that outlives its purpose stops by itself: after ``WRITER_SECONDS`` or as soon
as its zygote is gone (the parent then lost track of it), so nothing runs on unobserved.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw

from desktop.core.case import Holder
from desktop.core.cases import (
    CaseRecord,
    CaseStatus,
    DocumentCategory,
    DocumentRecord,
    RegionRecord,
    Role,
    UserRecord,
)
from desktop.core.documents import DocumentType
from desktop.imaging import redact  # noqa: F401  # preloaded: add_page measures masks with it
from desktop.services import accounts, disposal, documents
from desktop.services.session import Session
from desktop.services.workspace import FilePolicies
from desktop.store.db import Store
from desktop.store.keyslots import KdfParams

if TYPE_CHECKING:
    from collections.abc import Callable

WRITER_SECONDS = 30.0
"""A round kills its writer within a second; one still running after this was lost."""
FAST_KDF = KdfParams(time_cost=1, memory_cost=1024, parallelism=1)  # as tests/store/conftest
ADMIN = "kanri"  # the accounts of tests/store/conftest.py
OPERATOR = "sagyou"
INTAKE_CASES = 40
"""Cases in intake that the document writer adds pages to (made by the parent's setup)."""
REGION = (10, 8, 40, 16)
"""The sensitive box of the synthetic pages, burned in black."""


def password(round_number: int, n: int) -> str:
    """The ``n``-th password the password writer of ``round_number`` sets (n >= 1)."""
    return f"パス-{round_number}-{n}"


def page_png(seed: int) -> tuple[bytes, int, int]:
    """A small synthetic page (light grey, text-like strokes) with ``REGION`` burned in, as
    (PNG, width, height)."""
    rng = random.Random(seed)
    width, height = 96 + rng.randrange(32), 64 + rng.randrange(16)
    image = Image.new("RGB", (width, height), (235, 235, 230))
    draw = ImageDraw.Draw(image)
    for y in range(6, height - 6, 9):
        draw.line([(4, y), (width - 4 - rng.randrange(20), y)], fill=(90, 90, 90), width=2)
    x, y, w, h = REGION
    draw.rectangle([x, y, x + w - 1, y + h - 1], fill=(0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue(), width, height


PAGES = [page_png(seed) for seed in range(8)]


class Acks:
    """The writer's acknowledgement file: one ``write(2)`` per line."""

    def __init__(self, path: str) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def say(self, line: str) -> None:
        os.write(self._fd, (line + "\n").encode("utf-8"))


def _now() -> datetime:
    return datetime.now(UTC)


class Writer:
    """One writer process: opens the store, then writes until killed."""

    def __init__(self, folder: Path, key: str, round_number: int, seed: int, acks: Acks) -> None:
        self.folder = folder
        self.key = key
        self.round = round_number
        self.rng = random.Random(seed)
        self.acks = acks
        self.zygote = os.getppid()
        self.deadline = time.monotonic() + WRITER_SECONDS

    def alive(self) -> bool:
        """Whether to go on: the zygote still waits for this writer and time is left."""
        return os.getppid() == self.zygote and time.monotonic() < self.deadline

    def open(self) -> Store:
        self.acks.say("opening")
        store = Store.open_with_recovery_key(self.folder, self.key, kdf=FAST_KDF)
        self.acks.say("ready")
        return store

    def session(self, store: Store, name: str, role: Role) -> Session:
        return Session(store, UserRecord(name, role), FilePolicies(), _now)

    # ------------------------------------------------------------------ kinds

    def cases(self) -> None:
        """Case, page with a blob, audit event, sometimes a disposal: one transaction each."""
        store = self.open()
        n = 0
        while self.alive():
            n += 1
            now = _now()
            with store.transaction():
                case_id = store.cases.next_id(2026)
                store.cases.add(
                    CaseRecord(
                        case_id,
                        CaseStatus.INTAKE,
                        date(2026, 11, 20),
                        {"principal": {"name": f"架空 {self.round}-{n}"}},
                        "w",
                        now,
                    )
                )
                doc = DocumentRecord(
                    0,
                    case_id,
                    Holder.PRINCIPAL,
                    DocumentType.PASSPORT,
                    DocumentCategory.IDENTITY,
                    {"n": str(n)},
                    (RegionRecord("permanent_domicile", (1, 2, 3, 4)),),
                    10,
                    10,
                    "w",
                    now,
                )
                image = self.rng.randbytes(1500 + (n * 7919) % 3000)
                document_id = store.documents.add(doc, image)
                store.audit.append(
                    at=now, user="w", action="open_case", case_id=case_id, document_id=document_id
                )
                if n % 4 == 0:
                    store.documents.dispose(document_id, "w", now)
            self.acks.say(f"case {case_id}")

    def documents(self) -> None:
        """``services.documents.add_page`` of small masked pages into cases in intake."""
        store = self.open()
        session = self.session(store, OPERATOR, Role.OPERATOR)
        case_ids = [c.case_id for c in store.cases.list(CaseStatus.INTAKE)]
        while self.alive():
            image, width, height = self.rng.choice(PAGES)
            page = documents.MaskedPage(
                image=image,
                width=width,
                height=height,
                document_type=DocumentType.HEALTH_INSURANCE_CARD,
                fields={"name": "架空 花子", "expiry_date": "2029-05-12"},
                regions=(RegionRecord("insurer_number", REGION),),
            )
            record = documents.add_page(
                session, self.rng.choice(case_ids), page, holder=Holder.PRINCIPAL
            )
            self.acks.say(f"doc {record.document_id} {hashlib.sha256(image).hexdigest()}")

    def disposal(self) -> None:
        """An approved case with two pages, then ``services.disposal.dispose_due``."""
        store = self.open()
        session = self.session(store, ADMIN, Role.ADMINISTRATOR)
        while self.alive():
            now = _now()
            added: list[int] = []
            with store.transaction():
                case_id = store.cases.next_id(2026)
                store.cases.add(
                    CaseRecord(
                        case_id,
                        CaseStatus.APPROVED,
                        date(2026, 11, 2),
                        {"principal": {"name": "架空 太郎"}},
                        OPERATOR,
                        now - timedelta(days=3),
                        submitted_by=OPERATOR,
                        decided_by=ADMIN,
                        decided_at=now - timedelta(days=1),
                    )
                )
                for page in range(2):
                    image, width, height = self.rng.choice(PAGES)
                    record = DocumentRecord(
                        0,
                        case_id,
                        Holder.PRINCIPAL,
                        DocumentType.DRIVERS_LICENSE,
                        DocumentCategory.IDENTITY,
                        {"name": "架空 太郎", "page": str(page)},
                        (RegionRecord("permanent_domicile", REGION),),
                        width,
                        height,
                        OPERATOR,
                        now - timedelta(days=2),
                    )
                    added.append(store.documents.add(record, image))
            for document_id in added:
                self.acks.say(f"doc {document_id} -")
            for document_id in disposal.dispose_due(session):
                self.acks.say(f"disposed {document_id}")

    def passwords(self) -> None:
        """``services.accounts.change_password`` of the operator, by the administrator."""
        store = self.open()
        session = self.session(store, ADMIN, Role.ADMINISTRATOR)
        n = 0
        while self.alive():
            n += 1
            accounts.change_password(session, OPERATOR, password(self.round, n))
            self.acks.say(f"password {n}")

    def migration(self) -> None:
        """Open a store one migration behind (the migration runs), then open cases."""
        store = self.open()
        self.acks.say("migrated")
        store.close()
        self.cases()


KINDS: dict[str, Callable[[Writer], None]] = {
    "cases": Writer.cases,
    "documents": Writer.documents,
    "disposal": Writer.disposal,
    "passwords": Writer.passwords,
    "migration": Writer.migration,
}


def _child(folder: Path, key: str, kind: str, round_number: int, seed: int, ack_path: str) -> None:
    # Off the control pipe at once: only the zygote writes there, so its death is an EOF.
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    acks = Acks(ack_path)
    acks.say(f"start {os.getpid()}")
    try:
        KINDS[kind](Writer(folder, key, round_number, seed, acks))
        acks.say("limit")
    except BaseException as exc:  # noqa: BLE001  # any failure is reported, then the writer ends
        acks.say(f"error {type(exc).__name__} {str(exc).replace(chr(10), ' ')}")
    finally:
        os._exit(1)


def main() -> None:
    """The zygote: fork one writer per command line, report its pid and its end."""
    folder, key = Path(sys.argv[1]), sys.argv[2]
    os.write(1, b"zygote ready\n")
    for line in sys.stdin:
        kind, round_text, seed_text, ack_path = line.split()
        round_number = int(round_text)
        pid = os.fork()
        if pid == 0:
            _child(folder, key, kind, round_number, int(seed_text), ack_path)
        os.write(1, f"pid {round_number} {pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        os.write(1, f"dead {round_number} {pid} {status}\n".encode())


if __name__ == "__main__":
    main()
