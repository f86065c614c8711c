"""No byte of a requester's name reaches the disk in the clear: database, WAL, slots, temp."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

NAME = "鴇田 朔良"  # invented
LATIN = "Oriel Vantakker"  # invented
ADDRESS = "架空県幻市夢見町3-14-15"

CHILD = r"""
import dataclasses, sys
from datetime import UTC, date, datetime
from pathlib import Path
from desktop.core.case import Holder
from desktop.core.cases import (CaseRecord, CaseStatus, DocumentCategory, DocumentRecord,
    Reason, RegionRecord, Role, Verdict)
from desktop.core.documents import DocumentType
from desktop.store.db import Store
from desktop.store.keyslots import KdfParams

name, latin, address, folder = sys.argv[1:5]
now = datetime(2026, 11, 20, tzinfo=UTC)
store, _key = Store.create(Path(folder), "kanri", "pw", kdf=KdfParams("argon2id", 1, 1024, 1))
store.users.add("sagyou", Role.OPERATOR, "pw2")
for n in range(40):
    person = {"name": name if n % 2 else latin, "birth_date": "1990-01-02", "address": address}
    with store.transaction():
        case_id = store.cases.next_id(2026)
        store.cases.add(CaseRecord(case_id, CaseStatus.INTAKE, date(2026, 11, 20),
            {"principal": person, "representative": {"name": latin}}, "sagyou", now))
        doc = DocumentRecord(0, case_id, Holder.PRINCIPAL, DocumentType.DRIVERS_LICENSE,
            DocumentCategory.IDENTITY, {"name": name, "address": address},
            (RegionRecord("permanent_domicile", (1, 2, 3, 4)),), 640, 400, "sagyou", now)
        image = (name * 50 + latin * 50).encode("utf-8") + (name * 50).encode("utf-16-le")
        document_id = store.documents.add(doc, image)
        store.audit.append(at=now, user="sagyou", action="add_document", case_id=case_id,
            document_id=document_id)
    case = store.cases.get(case_id)
    store.cases.update(dataclasses.replace(case, status=CaseStatus.IN_REVIEW,
        submitted_by="sagyou", decision_note=f"{name} に書類を依頼",
        verdict=Verdict("rejected", (Reason("name_mismatch", name),), None, "whi", "1", now,
            "sagyou")))
    if n % 3 == 0:
        store.documents.dispose(document_id, "sagyou", now)
assert store.queries.search_by_name(name[:2])
store.connection.execute("SELECT * FROM persons ORDER BY address DESC, name").fetchall()
print("ready", flush=True)
sys.stdin.readline()
store.close()
"""


def _needles() -> list[bytes]:
    texts = [NAME, LATIN, ADDRESS, *NAME.split(), *LATIN.split()]
    return [t.encode(enc) for t in texts for enc in ("utf-8", "utf-16-le", "utf-16-be")]


def _leaks(folders: list[Path]) -> list[str]:
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                found += [f"{path.name}: {n!r}" for n in _needles() if n in data]
    return found


def test_scanner_finds_the_name_in_a_plain_database(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "plain.db")
    conn.execute("CREATE TABLE t (a)")
    conn.execute("INSERT INTO t VALUES (?)", (NAME,))
    conn.commit()
    conn.close()
    (tmp_path / "utf16.txt").write_bytes(LATIN.encode("utf-16-be"))
    leaks = _leaks([tmp_path])
    assert any("plain.db" in leak for leak in leaks)
    assert any("utf16.txt" in leak for leak in leaks)


def test_no_byte_of_a_name_in_clear_anywhere(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    temp_dir = tmp_path / "tmp"
    temp_dir.mkdir()
    env = dict(os.environ, TMPDIR=str(temp_dir), SQLITE_TMPDIR=str(temp_dir))
    root = Path(__file__).resolve().parents[2]
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, NAME, LATIN, ADDRESS, str(store_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
        env=env,
    ) as child:
        assert child.stdout is not None
        assert child.stdin is not None
        try:
            assert child.stdout.readline().strip() == "ready"
            # the writer is still open: the WAL holds the latest pages
            wal = store_dir / "honnin.db-wal"
            assert wal.exists()
            assert wal.stat().st_size > 0
            assert _leaks([store_dir, temp_dir]) == []
            child.stdin.write("\n")
            child.stdin.flush()
            assert child.wait(timeout=60) == 0
        finally:
            if child.poll() is None:
                child.kill()
    assert _leaks([store_dir, temp_dir]) == []
    names = {p.name for p in store_dir.iterdir()}
    assert names <= {
        "honnin.db",
        "honnin.db-wal",
        "honnin.db-shm",
        "honnin.keys.json",
        "honnin.lock",
    }
