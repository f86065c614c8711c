"""Benchmark of the encrypted store against plain SQLite: same schema, same code, same run.

Builds 100 000 synthetic cases (persons, two pages of metadata with masks each, audit chain)
in three databases — the store as shipped (SQLCipher, v3 format, 1024-byte pages), plain
SQLite (the standard library's ``sqlite3``), and for reference SQLCipher with 4096-byte
pages (what the v3 format would cost without Debian's 3.4.1 tool to satisfy) — then times,
on each, the same operations through the same repository code:

- open: connect, key, pragmas, first read of the schema (Argon2id unlock timed apart);
- queue: the first page (50 rows) of the review queue sorted by due date, cold after open;
- search: a search by name (prefix of a family name);
- insert: open a case (number, case row, persons) with its audit event, one transaction.

Each round opens a fresh connection and runs the four in order; the figure is the median
over the rounds. Run: ``python benchmarks/bench_store.py [--cases N] [--rounds N]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.cases import CaseRecord, CaseStatus  # noqa: E402
from desktop.store import keyslots, migrate  # noqa: E402
from desktop.store.audit import GENESIS, event_hash  # noqa: E402
from desktop.store.db import Store, _connect  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable

FAMILY = ["架空", "仮野", "試田", "模擬", "例川", "偽山", "創作", "想像", "虚木", "夢野"]
GIVEN = ["一郎", "花子", "太郎", "次郎", "桜", "蓮", "陽葵", "湊", "結衣", "大翔"]
STATUSES = ["intake", "in_review", "returned", "approved", "rejected", "closed"]
WEIGHTS = [10, 20, 5, 10, 5, 50]
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


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


def _cipher_4096_connect(path: Path, key: bytes) -> Any:
    """SQLCipher v3 settings but 4096-byte pages: what the 1024-byte page costs."""
    import sqlcipher3

    conn = sqlcipher3.connect(str(path), isolation_level=None, timeout=10.0)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA cipher_compatibility = 3")
    conn.execute("PRAGMA cipher_page_size = 4096")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.execute("PRAGMA journal_mode = WAL").fetchone()
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


@dataclass
class Variant:
    """One database under test."""

    label: str
    connect: Callable[[Path, bytes], Any]
    path: Path
    timings: dict[str, list[float]] = field(default_factory=dict)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)}{rng.choice(FAMILY)[0]} {rng.choice(GIVEN)}"


def populate(conn: Any, cases: int, seed: int) -> None:
    """Fill a migrated database with ``cases`` synthetic cases (identical for every seed)."""
    rng = random.Random(seed)
    prev = GENESIS
    event_id = 0
    conn.execute("BEGIN")
    case_rows, person_rows, doc_rows, mask_rows, event_rows = [], [], [], [], []
    doc_id = 0
    for n in range(1, cases + 1):
        case_id = f"2026-{n:06d}"
        status = rng.choices(STATUSES, WEIGHTS)[0]
        received = date(2026, 1, 1) + timedelta(days=rng.randrange(320))
        due = None if rng.random() < 0.2 else received + timedelta(days=rng.randrange(10, 40))
        principal = {"name": _name(rng), "birth_date": "1980-01-01", "address": "架空県夢見町1-2-3"}
        intake = {
            "received_on": received.isoformat(),
            "request_types": ["disclosure"],
            "requester": "principal",
            "principal": principal,
        }
        verdict = None
        if due is not None:
            verdict = json.dumps(
                {
                    "decision": "verified",
                    "reasons": [],
                    "due_on": due.isoformat(),
                    "policy_name": "leverages",
                    "policy_version": "1",
                    "evaluated_at": NOW.isoformat(),
                    "evaluated_by": "op",
                }
            )
        case_rows.append(
            (
                case_id,
                status,
                received.isoformat(),
                json.dumps(intake, ensure_ascii=False),
                None if due is None else due.isoformat(),
                verdict,
                "op",
                NOW.isoformat(),
                NOW.isoformat(),
            )
        )
        person_rows.append(
            (case_id, "principal", principal["name"], principal["name"].replace(" ", ""))
        )
        for page in range(2):
            doc_id += 1
            doc_rows.append(
                (
                    doc_id,
                    case_id,
                    "principal",
                    "drivers_license" if page == 0 else "health_insurance_card",
                    "identity",
                    json.dumps({"name": principal["name"], "expiry_date": "2029-05-12"}),
                    1200,
                    800,
                    hashlib.sha256(f"{doc_id}".encode()).hexdigest(),
                    "op",
                    NOW.isoformat(),
                )
            )
            mask_rows.append((doc_id, "permanent_domicile", 10, 20, 300, 40, "automatic"))
        for action, document in (("open_case", None), ("add_document", doc_id)):
            event_id += 1
            details = json.dumps({"status_to": status}, separators=(",", ":"))
            at = NOW.isoformat(timespec="microseconds")
            digest = event_hash(event_id, at, "op", action, case_id, document, details, prev)
            event_rows.append(
                (event_id, at, "op", action, case_id, document, details, prev, digest)
            )
            prev = digest
    conn.executemany(
        "INSERT INTO cases (id, status, received_on, intake, due_on, verdict, created_by,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        case_rows,
    )
    conn.executemany(
        "INSERT INTO persons (case_id, role, name, name_key) VALUES (?, ?, ?, ?)", person_rows
    )
    conn.executemany(
        "INSERT INTO documents (id, case_id, holder, document_type, category, fields, width,"
        " height, image_sha256, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        doc_rows,
    )
    conn.executemany(
        "INSERT INTO masks (document_id, kind, x, y, w, h, origin) VALUES (?, ?, ?, ?, ?, ?, ?)",
        mask_rows,
    )
    conn.executemany(
        "INSERT INTO audit_events (id, at, actor, action, case_id, document_id, details,"
        " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        event_rows,
    )
    conn.execute("INSERT INTO case_sequences (year, last) VALUES (2026, ?)", (cases,))
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")


def _store_on(conn: Any, folder: Path) -> Store:
    # The same Store class and repositories on every variant; an empty store id keeps the
    # key-slot head out of it (timed on its own below).
    return Store(folder, conn, b"", "", user=None, clock=lambda: NOW, kdf=keyslots.DEFAULT_KDF)


def one_round(variant: Variant, key: bytes, number: int) -> None:
    """Open, first queue page, search, insert: time each."""

    def timed(label: str, start: float) -> None:
        variant.timings.setdefault(label, []).append(time.perf_counter() - start)

    start = time.perf_counter()
    conn = variant.connect(variant.path, key)
    migrate.current_version(conn)
    timed("open", start)
    store = _store_on(conn, variant.path.parent)
    try:
        start = time.perf_counter()
        page = store.queries.case_page(CaseStatus.IN_REVIEW, limit=50)
        timed("queue", start)
        assert len(page.rows) == 50
        start = time.perf_counter()
        found = store.queries.search_by_name(FAMILY[number % len(FAMILY)] + FAMILY[0][0])
        timed("search", start)
        assert found
        start = time.perf_counter()
        with store.transaction():
            case_id = store.cases.next_id(2026)
            store.cases.add(
                CaseRecord(
                    case_id=case_id,
                    status=CaseStatus.INTAKE,
                    received_on=date(2026, 11, 20),
                    intake={"principal": {"name": "架空 新規"}},
                    created_by="op",
                    created_at=NOW,
                )
            )
            store.audit.append(at=NOW, user="op", action="open_case", case_id=case_id)
        timed("insert", start)
    finally:
        conn.close()


def main() -> int:
    """Run the benchmark and print the figures (Markdown table and JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--dir", type=Path, default=ROOT / "build" / "bench-store")
    parser.add_argument("--no-4096", action="store_true", help="skip the 4096-byte reference")
    args = parser.parse_args()

    folder: Path = args.dir
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    key = keyslots.new_key()
    variants = [
        Variant("sqlcipher (v3, 1024 B pages)", _connect, folder / "cipher" / "honnin.db"),
        Variant("plain sqlite3", _plain_connect, folder / "plain" / "honnin.db"),
    ]
    if not args.no_4096:
        variants.append(
            Variant("sqlcipher 4096 B pages", _cipher_4096_connect, folder / "c4096" / "honnin.db")
        )
    for variant in variants:
        variant.path.parent.mkdir()
        conn = variant.connect(variant.path, key)
        start = time.perf_counter()
        migrate.apply(conn, variant.label, NOW.isoformat())
        populate(conn, args.cases, seed=7)
        conn.close()
        size = variant.path.stat().st_size / 1e6
        print(f"built {variant.label}: {time.perf_counter() - start:.1f} s, {size:.0f} MB")

    for number in range(args.rounds):
        for variant in variants:  # interleaved, so drift hits every variant alike
            one_round(variant, key, number)

    # the parts of the product that plain SQLite does not have, timed on their own
    extra: dict[str, float] = {}
    start = time.perf_counter()
    keyslots.unwrap(
        keyslots.wrap(key, "u", "password", "id", keyslots.DEFAULT_KDF), "password", "id"
    )
    extra["argon2id unwrap (default cost) ms"] = (time.perf_counter() - start) * 1000 / 2
    head_file = folder / "head.json"
    slot_file = keyslots.SlotFile("id", keyslots.key_check(key), {})
    start = time.perf_counter()
    for _ in range(20):
        keyslots.save(head_file, slot_file)
    extra["key-slot file write (chain head) ms"] = (time.perf_counter() - start) * 1000 / 20

    ops = ["open", "queue", "search", "insert"]
    medians = {v.label: {op: statistics.median(v.timings[op]) for op in ops} for v in variants}
    base = medians["plain sqlite3"]
    print()
    print(f"{args.cases} cases, {args.rounds} rounds, medians in ms (ratio to plain sqlite3)")
    print("| operation | " + " | ".join(v.label for v in variants) + " |")
    print("|---|" + "---|" * len(variants))
    for op in [*ops, "workload"]:
        cells = []
        for variant in variants:
            if op == "workload":
                value, ref = sum(medians[variant.label].values()), sum(base.values())
            else:
                value, ref = medians[variant.label][op], base[op]
            cells.append(f"{value * 1000:.2f} ({value / ref:.2f}×)")
        print(f"| {op} | " + " | ".join(cells) + " |")
    for label, value in extra.items():
        print(f"{label}: {value:.2f}")
    cipher = medians[variants[0].label]
    ratio = sum(cipher.values()) / sum(base.values())
    print(
        json.dumps(
            {
                "date": datetime.now(UTC).date().isoformat(),
                "machine": machine(),
                "cases": args.cases,
                "rounds": args.rounds,
                "medians_ms": {
                    label: {op: round(v * 1000, 3) for op, v in m.items()}
                    for label, m in medians.items()
                },
                "workload_ratio": round(ratio, 3),
                "extra_ms": {k: round(v, 3) for k, v in extra.items()},
            },
            ensure_ascii=False,
        )
    )
    shutil.rmtree(folder, ignore_errors=True)
    queue_ok = cipher["queue"] <= 0.100
    print(f"queue page ≤ 100 ms: {queue_ok}; workload ratio {ratio:.2f} ≤ 1.3: {ratio <= 1.3}")
    return 0 if queue_ok and ratio <= 1.3 else 1


def machine() -> str:
    """The processor, cores, OS, Python, SQLCipher and SQLite of this run (also bench_load)."""
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    import sqlcipher3

    probe = sqlcipher3.connect(":memory:")
    version = probe.execute("PRAGMA cipher_version").fetchone()[0]
    probe.close()
    return (
        f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()},"
        f" Python {platform.python_version()}, SQLCipher {version},"
        f" sqlite3 {sqlite3.sqlite_version}"
    )


if __name__ == "__main__":
    sys.exit(main())
