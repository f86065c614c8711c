"""Migrations: numbered files, one transaction each, user_version, released files frozen."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import pytest

from desktop.store import migrate
from desktop.store.db import DB_NAME, Store
from desktop.store.errors import SchemaMismatch
from tests.store.conftest import ADMIN, ADMIN_PASSWORD, FAST_KDF

if TYPE_CHECKING:
    from pathlib import Path

RELEASED = {
    # A released migration is never edited: add the next file instead. Pin each file here
    # when it ships; the store also refuses to open when an applied file has changed.
    "0001_initial.sql": "abf1046e84936231e2dd9aeea6bb902c3542f66f69df97b47c5279206dd32989",
}


def test_released_migrations_are_unchanged() -> None:
    found = {m.name: m.sha256 for m in migrate.discover()}
    for name, digest in RELEASED.items():
        assert found[name] == digest, f"{name} was edited after release; add a new migration"


def test_migrations_are_numbered_without_gaps() -> None:
    versions = [m.version for m in migrate.discover()]
    assert versions == list(range(1, len(versions) + 1))


def test_schema_parses_on_plain_sqlite() -> None:
    conn = sqlite3.connect(":memory:")
    applied = migrate.apply(conn, "memory", "2026-11-20T09:00:00+00:00")
    assert applied == [m.version for m in migrate.discover()]
    assert migrate.current_version(conn) == len(applied)


def test_user_version_is_the_last_migration(store: Store) -> None:
    count = len(migrate.discover())
    assert migrate.current_version(store.connection) == count
    recorded = store.connection.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
    assert recorded == count


def test_a_failing_migration_changes_nothing(tmp_path: Path) -> None:
    good = migrate.discover()
    bad = migrate.Migration(
        len(good) + 1, "9999_bad.sql", "CREATE TABLE t (a); INSERT INTO nope VALUES (1);", "x"
    )
    conn = sqlite3.connect(tmp_path / "plain.db", isolation_level=None)
    migrate.apply(conn, "plain", "now", good)
    with pytest.raises(sqlite3.OperationalError):
        migrate.apply(conn, "plain", "now", [*good, bad])
    assert migrate.current_version(conn) == len(good)
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 't'").fetchone() is None


def test_pending_migration_is_applied_on_unlock(
    created: tuple[Store, str], store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created[0].close()
    folder = tmp_path / "db"
    folder.mkdir()
    shipped = migrate.discover()
    for m in shipped:
        (folder / m.name).write_text(m.sql, encoding="utf-8")
    pending = len(shipped) + 1
    (folder / f"{pending:04d}_add_note.sql").write_text(
        "ALTER TABLE letters ADD COLUMN note TEXT;\n"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    monkeypatch.setattr(migrate.discover, "__defaults__", (folder,))
    with Store.unlock(store_dir, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF) as store:
        assert migrate.current_version(store.connection) == pending
        columns = [r[1] for r in store.connection.execute("PRAGMA table_info(letters)")]
        assert "note" in columns


def test_edited_released_migration_is_refused(
    created: tuple[Store, str], store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created[0].close()
    folder = tmp_path / "db"
    folder.mkdir()
    for m in migrate.discover():
        (folder / m.name).write_text(m.sql + "\n-- edited\n", encoding="utf-8")
    monkeypatch.setattr(migrate.discover, "__defaults__", (folder,))
    with pytest.raises(SchemaMismatch, match="differs"):
        Store.unlock(store_dir, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF)


def test_store_from_a_newer_version_is_refused(created: tuple[Store, str], store_dir: Path) -> None:
    created[0].connection.execute("PRAGMA user_version = 99")
    created[0].close()
    with pytest.raises(SchemaMismatch, match="newer version"):
        Store.unlock(store_dir, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF)
    assert (store_dir / DB_NAME).exists()
