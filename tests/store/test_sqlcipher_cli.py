"""Debian's sqlcipher tool (3.4.1) opens the store given only the recovery key."""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

from desktop.store.db import DB_NAME, Store
from tests.store.conftest import open_case

if TYPE_CHECKING:
    from pathlib import Path

SQLCIPHER = shutil.which("sqlcipher")


def _run_cli(db: Path, recovery_key: str, sql: str) -> subprocess.CompletedProcess[str]:
    assert SQLCIPHER is not None
    digits = recovery_key.replace("-", "")
    script = f"PRAGMA key = \"x'{digits}'\";\n{sql}\n"
    return subprocess.run(
        [SQLCIPHER, str(db)], input=script, capture_output=True, text=True, timeout=30, check=False
    )


@pytest.mark.skipif(SQLCIPHER is None, reason="Debian's sqlcipher tool is not installed")
def test_debian_sqlcipher_reads_the_store_with_the_recovery_key(
    created: tuple[Store, str], store_dir: Path
) -> None:
    store, recovery_key = created
    case_id = open_case(store, "架空 七郎")
    # read while the writer is still open too: the tool must cope with the WAL
    result = _run_cli(store_dir / DB_NAME, recovery_key, "SELECT id, status FROM cases;")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{case_id}|intake"
    store.close()
    result = _run_cli(
        store_dir / DB_NAME,
        recovery_key,
        "SELECT name FROM persons; SELECT count(*) FROM audit_events; PRAGMA integrity_check;",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["架空", "七郎", "1", "ok"]


@pytest.mark.skipif(SQLCIPHER is None, reason="Debian's sqlcipher tool is not installed")
def test_debian_sqlcipher_refuses_a_wrong_key(created: tuple[Store, str], store_dir: Path) -> None:
    created[0].close()
    result = _run_cli(store_dir / DB_NAME, "ab" * 32, "SELECT count(*) FROM cases;")
    assert result.returncode != 0
    assert "not a database" in result.stderr
