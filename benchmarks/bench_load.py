"""Benchmark of the store under load against plain SQLite: same schema, same code, same run.

Builds the load of ``tests/reliability/test_load.py`` (100 000 synthetic cases with three
identity pages each, tiny PNGs as images; 10 000 of the cases decided under a policy that
destroys identity copies right after verification) in two databases — the store as shipped
(SQLCipher, v3 format, 1024-byte pages) and plain SQLite (the standard library's
``sqlite3`` with the store's pragmas) — through the same Store class, repositories and
services, then times on each:

- build: a sample of cases through the repositories, the rest by plain SQL, one transaction
  each, then a checkpoint and ``ANALYZE``;
- first page: ``services.caselist.list_case_page`` (100 rows, by due date), cold (first call
  after open) and warm (median of 5), and the review queue's first page: the store query,
  and ``services.queue.review_queue`` (100 rows and the counts of the whole queue);
- disposal: ``services.disposal.dispose_due`` of every due page (``disposal.BATCH`` pages a
  transaction), per 1 000 pages, and the search for due pages alone.

Run: ``python benchmarks/bench_load.py [--cases N] [--disposed N]``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_store import machine  # noqa: E402
from desktop.store import keyslots, migrate  # noqa: E402
from desktop.store.db import Store, _connect  # noqa: E402
from tests.reliability import test_load as load  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable


def _plain_connect(path: Path, _key: bytes) -> Any:
    """Plain SQLite with the store's pragmas (no key, no cipher)."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=10.0)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _store_on(conn: Any, folder: Path) -> Store:
    # The same Store class and repositories on both variants; an empty store id keeps the
    # key-slot file (the chain head, two fsyncs a second) out of the comparison.
    return Store(folder, conn, b"", "", user=None, clock=lambda: load.NOW, kdf=keyslots.DEFAULT_KDF)


def measure(
    label: str, connect: Callable[[Path, bytes], Any], folder: Path, key: bytes, size: load.Size
) -> load.LoadFigures:
    """Build, list, dispose on one variant; return its figures."""
    folder.mkdir(parents=True)
    path = folder / "honnin.db"
    figures = load.LoadFigures(size.cases, size.cases * size.pages_per_case)
    conn = connect(path, key)
    migrate.apply(conn, label, load.NOW.isoformat())
    # the supervisor's account row (services re-read it on every action); no key slot here
    conn.execute(
        "INSERT INTO users (name, role, active, created_at) VALUES (?, 'supervisor', 1, ?)",
        (load.SUPERVISOR, load.NOW.isoformat()),
    )
    store = _store_on(conn, folder)
    try:
        load.build(store, size, figures)
    finally:
        conn.close()
    conn = connect(path, key)
    store = _store_on(conn, folder)
    try:
        load.time_lists(store, figures, cold=True)
        disposed = load.dispose(store, figures)
        load.check_disposal(store, size, disposed)
    finally:
        conn.close()
    megabytes = path.stat().st_size / 1e6
    print(f"{label}: {megabytes:.0f} MB")
    for line in figures.lines():
        print(f"  {line}")
    return figures


ROWS: list[tuple[str, Callable[[load.LoadFigures], float]]] = [
    ("build s", lambda f: f.build_seconds),
    ("first page cold ms", lambda f: f.first_page_cold_ms),
    ("first page warm ms", lambda f: f.first_page_warm_ms),
    ("review queue page ms", lambda f: f.queue_page_ms),
    ("review queue service first page ms", lambda f: f.queue_service_ms),
    ("disposal s per 1 000 pages", lambda f: f.disposal_per_1000),
    ("finding due pages s", lambda f: f.due_seconds),
]


def main() -> int:
    """Run the benchmark and print the figures (Markdown table and JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=load.FULL.cases)
    parser.add_argument("--disposed", type=int, default=load.FULL.disposed_cases)
    parser.add_argument("--dir", type=Path, default=ROOT / "build" / "bench-load")
    args = parser.parse_args()
    size = load.Size(cases=args.cases, disposed_cases=args.disposed)

    folder: Path = args.dir
    shutil.rmtree(folder, ignore_errors=True)
    key = keyslots.new_key()
    results = {
        "sqlcipher (store)": measure("sqlcipher (store)", _connect, folder / "cipher", key, size),
        "plain sqlite3": measure("plain sqlite3", _plain_connect, folder / "plain", key, size),
    }
    cipher, plain = results["sqlcipher (store)"], results["plain sqlite3"]
    print()
    print(
        f"{size.cases} cases, {size.cases * size.pages_per_case} pages,"
        f" {size.disposed_cases * size.pages_per_case} disposed (ratio to plain sqlite3)"
    )
    print("| figure | sqlcipher (store) | plain sqlite3 |")
    print("|---|---|---|")
    for name, value in ROWS:
        ratio = value(cipher) / max(value(plain), 1e-9)
        print(f"| {name} | {value(cipher):.2f} ({ratio:.2f}×) | {value(plain):.2f} |")
    print(
        json.dumps(
            {
                "date": datetime.now(UTC).date().isoformat(),
                "machine": machine(),
                "cases": size.cases,
                "disposed_cases": size.disposed_cases,
                "figures": {
                    label: {name: round(value(f), 3) for name, value in ROWS}
                    for label, f in results.items()
                },
                "pages_per_second": {
                    label: {
                        "sql": round(f.raw_pages_per_second),
                        "repositories": round(f.repository_pages_per_second),
                    }
                    for label, f in results.items()
                },
            },
            ensure_ascii=False,
        )
    )
    shutil.rmtree(folder, ignore_errors=True)
    page_ok = cipher.first_page_cold_ms <= 1000 and cipher.first_page_warm_ms <= 200
    print(f"first page cold ≤ 1 s and warm ≤ 200 ms: {page_ok}")
    return 0 if page_ok else 1


if __name__ == "__main__":
    sys.exit(main())
