"""Schema migrations: db/NNNN_name.sql applied in order, one transaction each.

``PRAGMA user_version`` is the number of the last migration applied; ``schema_migrations``
keeps each file's SHA-256 so that an edited released migration is noticed instead of
silently leaving stores with different schemas.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.store.errors import SchemaMismatch

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlcipher3 import dbapi2

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "db"
"""The repository's db/ folder (PyInstaller bundles it as data at the same place)."""

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    """One migration file."""

    version: int
    name: str
    sql: str
    sha256: str


def discover(folder: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Return the migrations in ``folder``, numbered 1, 2, 3 … without gaps."""
    found: list[Migration] = []
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if match is None:
            raise SchemaMismatch(str(path), "migration file name must be NNNN_name.sql")
        data = path.read_bytes()
        found.append(
            Migration(
                version=int(match.group(1)),
                name=path.name,
                sql=data.decode("utf-8"),
                sha256=hashlib.sha256(data).hexdigest(),
            )
        )
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise SchemaMismatch(migration.name, f"expected migration number {expected:04d}")
    return found


def current_version(conn: dbapi2.Connection) -> int:
    """Return ``PRAGMA user_version``."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def apply(
    conn: dbapi2.Connection,
    source: str,
    applied_at: str,
    migrations: Sequence[Migration] | None = None,
) -> list[int]:
    """Bring the schema up to date; return the versions applied.

    Each migration runs in its own transaction together with its ``user_version`` and
    ``schema_migrations`` record, so a crash leaves the store at a migration boundary.
    Two programs may open an old store at once (the GUI and the command line): the second
    waits for the write lock, finds the migration applied, and goes on without it.

    Raises:
        SchemaMismatch: the store is newer than this program, or a released file changed.
    """
    migrations = discover() if migrations is None else migrations
    version = current_version(conn)
    if version > len(migrations):
        raise SchemaMismatch(source, f"made by a newer version (schema {version})")
    if version > 0:
        _check_released(conn, source, migrations[:version])
    applied: list[int] = []
    for migration in migrations[version:]:
        if current_version(conn) >= migration.version:
            continue  # applied by another program meanwhile (checked below)
        # executescript commits any open transaction first, so BEGIN/COMMIT go in the script.
        script = (
            "BEGIN IMMEDIATE;\n"
            f"{migration.sql}\n;\n"
            "INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES "
            f"({migration.version}, '{migration.name}', '{migration.sha256}', "
            f"'{applied_at}');\n"
            f"PRAGMA user_version = {migration.version};\n"
            "COMMIT;"
        )
        try:
            conn.executescript(script)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if current_version(conn) < migration.version:
                raise
            # Another program applied it while this one waited for the write lock (its
            # version was read before the lock): its statements failed on the objects
            # that program made, and were rolled back.
            log.info("migration %s was applied by another program", migration.version)
            continue
        log.info("applied migration %s", migration.version)
        applied.append(migration.version)
    final = current_version(conn)
    if final > version + len(applied):
        _check_released(conn, source, migrations[:final])
    return applied


def _check_released(conn: dbapi2.Connection, source: str, released: Sequence[Migration]) -> None:
    recorded = dict(conn.execute("SELECT version, sha256 FROM schema_migrations").fetchall())
    for migration in released:
        if recorded.get(migration.version) != migration.sha256:
            raise SchemaMismatch(
                source, f"migration {migration.name} differs from the one this store applied"
            )
