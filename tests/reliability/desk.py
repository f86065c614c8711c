"""A real SQLCipher store with staff of every role, for the tamper, access and privacy tests."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlcipher3
from PIL import Image, ImageDraw

from desktop.cli import main
from desktop.core.cases import Role
from desktop.core.documents import DocumentType
from desktop.services import accounts, workspace
from desktop.services.documents import MaskedPage
from desktop.store.db import DB_NAME, SLOTS_NAME, StoreOpener, parse_recovery_key
from desktop.store.keyslots import KdfParams
from tests.clock import Clock

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

    from desktop.services.session import Session

FAST_KDF = KdfParams(time_cost=1, memory_cost=1024, parallelism=1)
"""Argon2id at its cheapest: tests only (production derives each slot for about 0.2 s)."""

ADMIN = "kanri"
STAFF = (
    ("olivia", Role.OPERATOR),
    ("oscar", Role.OPERATOR),
    ("sam", Role.SUPERVISOR),
    ("sue", Role.SUPERVISOR),
    ("ada", Role.ADMINISTRATOR),
)
"""Accounts added after the first administrator (two of each role, for four-eyes)."""

REQUEST = {
    "received_on": "2026-11-20",
    "request_types": ["disclosure"],
    "requester": "principal",
    "principal": {"name": "架空 花子", "birth_date": "1990-01-02", "address": "東京都架空区1-2-3"},
}
"""An invented request (CASE.json without documents)."""


def password(name: str) -> str:
    """The test password of account ``name``."""
    return f"pw-{name}-secret"


def opener(folder: Path) -> StoreOpener:
    """The store in ``folder`` with cheap key derivation."""
    return StoreOpener(folder, kdf=FAST_KDF)


def create(folder: Path, clock: Clock | None = None) -> tuple[Session, str]:
    """Create a store with the first administrator and ``STAFF``; return the admin's session
    and the recovery key."""
    now = clock or Clock()
    session, key = accounts.initialise(
        opener(folder), workspace.FilePolicies(), admin=ADMIN, password=password(ADMIN), now=now
    )
    for name, role in STAFF:
        accounts.add_user(session, name, role, password(name))
    return session, key


def login(folder: Path, name: str, clock: Clock | None = None) -> Session:
    """Unlock the store in ``folder`` as ``name`` through the services."""
    return accounts.unlock(
        opener(folder),
        workspace.FilePolicies(),
        user=name,
        password=password(name),
        now=clock or Clock(),
    )


def page_png(size: tuple[int, int] = (240, 150)) -> bytes:
    """A synthetic page without personal data: grey strokes on paper."""
    im = Image.new("RGB", size, (235, 235, 230))
    draw = ImageDraw.Draw(im)
    for y in range(12, size[1] - 12, 16):
        draw.line([(10, y), (size[0] - 10, y)], fill=(90, 90, 90), width=2)
    out = io.BytesIO()
    im.save(out, format="PNG")
    return out.getvalue()


def masked_page(
    document_type: DocumentType = DocumentType.DRIVERS_LICENSE,
    fields: dict[str, str] | None = None,
) -> MaskedPage:
    """A masked page (nothing to mask) with the given fields, ready for ``add_page``."""
    return MaskedPage(
        image=page_png(),
        width=240,
        height=150,
        document_type=document_type,
        fields=dict(fields or {}),
    )


def raw_connect(folder: Path, recovery_key: str) -> sqlcipher3.Connection:
    """Open the database directly with the recovery key, as Debian's ``sqlcipher`` would."""
    key = parse_recovery_key(recovery_key)
    conn = sqlcipher3.connect(str(folder / DB_NAME), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA cipher_compatibility = 3")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def slots_path(folder: Path) -> Path:
    """The key-slot file of the store in ``folder``."""
    return folder / SLOTS_NAME


@dataclass(frozen=True)
class Run:
    """One `honnin` run: exit status and what it printed."""

    code: int
    out: str
    err: str

    def json(self) -> dict[str, object]:
        data = json.loads(self.out)
        assert isinstance(data, dict)
        return data


class Cli:
    """Runs `honnin` in-process against one store; the key derivation is made cheap."""

    def __init__(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, root: Path
    ) -> None:
        self.capsys = capsys
        self.root = root
        monkeypatch.setattr(workspace, "opener", opener)

    def pw_file(self, name: str) -> Path:
        path = self.root / f"{name}.pw"
        if not path.exists():
            path.write_text(password(name) + "\n", encoding="utf-8")
        return path

    def run(self, *argv: str) -> Run:
        self.capsys.readouterr()
        code = main(list(argv))
        captured = self.capsys.readouterr()
        return Run(code, captured.out, captured.err)

    def as_(self, user: str, folder: Path, *argv: str) -> Run:
        """Run ``argv`` as ``user`` on the store in ``folder``."""
        return self.run(
            *argv,
            "--store",
            str(folder),
            "--user",
            user,
            "--password-file",
            str(self.pw_file(user)),
        )
