"""Benchmark of the dashboard and the yearly statistics on a store of 100 000 cases.

Builds a SQLCipher store (the shipped format) of synthetic cases received over 2026 — mixed
request types, statuses, deadlines, answers, and return/reject decisions — then times, in
the same run and on the same connection settings:

- reference: a plain ``SELECT count(*) FROM cases`` (one pass over the smallest index);
- dashboard: ``statistics.dashboard`` (status counts and open cases by deadline week);
- yearly: ``statistics.yearly_statistics`` for the whole of 2026 (every case of the store);
- quarter: the same for one quarter (a quarter of the cases).

Each figure is the median over the rounds, each round on a fresh connection (cold cache).
Targets on a 2-core machine: dashboard within 5x and a year within 50x of the reference
(50 ms and 500 ms when the reference takes 10 ms). ``--check`` then counts the year and the
quarter once more record by record (the path of stores without SQL counts: seconds) and
fails unless the figures are the same.
Run: ``python benchmarks/bench_statistics.py [--cases N] [--rounds N] [--check]``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics as stats
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.cases import Role, UserRecord  # noqa: E402
from desktop.services import statistics  # noqa: E402
from desktop.services.session import Session  # noqa: E402
from desktop.services.workspace import FilePolicies  # noqa: E402
from desktop.store import keyslots, migrate  # noqa: E402
from desktop.store.db import Store, _connect  # noqa: E402

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
TYPES = [
    "purpose_notification",
    "disclosure",
    "correction",
    "cessation_of_use",
    "cessation_of_provision",
    "provision_records",
]
STATUSES = ["intake", "in_review", "returned", "approved", "rejected", "closed"]
WEIGHTS = [10, 15, 5, 10, 5, 55]


def populate(conn: Any, cases: int, seed: int) -> None:
    """Fill a migrated database with ``cases`` synthetic cases received in 2026."""
    rng = random.Random(seed)
    case_rows, decision_rows = [], []
    for n in range(1, cases + 1):
        case_id = f"2026-{n:06d}"
        status = rng.choices(STATUSES, WEIGHTS)[0]
        received = date(2026, 1, 1) + timedelta(days=rng.randrange(320))
        due = None if rng.random() < 0.2 else received + timedelta(days=rng.randrange(10, 40))
        types = rng.sample(TYPES, rng.choice((1, 1, 1, 2)))
        intake = {
            "received_on": received.isoformat(),
            "request_types": types,
            "requester": "principal",
            "principal": {"name": f"架空 {n}", "birth_date": "1980-01-01"},
        }
        decided = sent = kind = closed = None
        if status in ("approved", "rejected", "closed"):
            decided = datetime.combine(
                received + timedelta(days=rng.randrange(1, 30)), datetime.min.time(), UTC
            )
            decision_rows.append(
                (case_id, "in_review", "rejected" if status == "rejected" else "approved", decided)
            )
            if status == "closed":
                sent = (decided.date() + timedelta(days=rng.randrange(0, 5))).isoformat()
                kind = "disclosure_notice"
                closed = decided.isoformat()
        if status == "returned" or rng.random() < 0.05:
            at = datetime.combine(received + timedelta(days=3), datetime.min.time(), UTC)
            decision_rows.append((case_id, "in_review", "returned", at))
        case_rows.append(
            (
                case_id,
                status,
                received.isoformat(),
                json.dumps(intake, ensure_ascii=False),
                None if due is None else due.isoformat(),
                "op",
                NOW.isoformat(),
                "op",
                None if decided is None else "sup",
                None if decided is None else decided.isoformat(),
                sent,
                kind,
                closed,
                NOW.isoformat(),
            )
        )
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO cases (id, status, received_on, intake, due_on, created_by, created_at,"
        " submitted_by, decided_by, decided_at, response_sent_on, response_kind, closed_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        case_rows,
    )
    conn.executemany(
        "INSERT INTO decisions (case_id, from_status, to_status, decided_by, decided_at)"
        " VALUES (?, ?, ?, 'sup', ?)",
        [(c, f, t, at.isoformat()) for c, f, t, at in decision_rows],
    )
    conn.execute("INSERT INTO case_sequences (year, last) VALUES (2026, ?)", (cases,))
    # the session re-reads its account on every action: the bench's user must exist
    conn.execute(
        "INSERT INTO users (name, role, created_at) VALUES ('bench', 'administrator', ?)",
        (NOW.isoformat(),),
    )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")


def main() -> int:
    """Build the store, run the rounds, print the medians (text and JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=ROOT / "build" / "bench-statistics")
    parser.add_argument(
        "--check",
        action="store_true",
        help="also count record by record (the path of stores without SQL counts, seconds)"
        " and fail unless both give the same figures",
    )
    args = parser.parse_args()

    folder: Path = args.dir
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    db = folder / "honnin.db"
    key = keyslots.new_key()
    conn = _connect(db, key)
    start = time.perf_counter()
    migrate.apply(conn, "bench", NOW.isoformat())
    populate(conn, args.cases, seed=11)
    conn.close()
    print(f"built {args.cases} cases: {time.perf_counter() - start:.1f} s")

    timings: dict[str, list[float]] = {}

    def timed(label: str, fn: Any) -> Any:
        begin = time.perf_counter()
        value = fn()
        timings.setdefault(label, []).append(time.perf_counter() - begin)
        return value

    user = UserRecord("bench", Role.ADMINISTRATOR)
    year = statistics.Period.year(2026)
    quarter = statistics.Period(date(2026, 4, 1), date(2026, 6, 30))
    for _ in range(args.rounds):
        for label in ("reference", "dashboard", "yearly", "quarter"):
            # a fresh connection per figure: each starts with a cold page cache
            store = Store(
                folder,
                _connect(db, key),
                key,
                "",
                user=user,
                clock=lambda: NOW,
                kdf=keyslots.DEFAULT_KDF,
            )
            session = Session(store, user, FilePolicies(), now=lambda: NOW)
            try:
                if label == "reference":
                    timed(
                        label,
                        lambda s=store: s.connection.execute(
                            "SELECT count(*) FROM cases"
                        ).fetchone(),
                    )
                elif label == "dashboard":
                    board = timed(label, lambda s=session: statistics.dashboard(s))
                elif label == "yearly":
                    figures = timed(label, lambda s=session: statistics.yearly_statistics(s, year))
                else:
                    timed(label, lambda s=session: statistics.yearly_statistics(s, quarter))
            finally:
                store.close()
    medians = {k: stats.median(v) * 1000 for k, v in timings.items()}
    ref = medians["reference"]
    print(f"{args.cases} cases, {args.rounds} rounds, medians in ms (ratio to count(*))")
    for label, value in medians.items():
        print(f"  {label:10s} {value:10.1f} ms  ({value / ref:8.1f}×)")
    print(f"  open cases by deadline: {dict(board.by_deadline)}")
    print(
        f"  2026: {figures.requests} requests, median {figures.calendar_days.median} d"
        f" ({figures.business_days.median} business d), worst {figures.calendar_days.worst} d,"
        f" returned {figures.returned}, rejected {figures.rejected}"
    )
    print(json.dumps({"cases": args.cases, "rounds": args.rounds, "medians_ms": medians}))
    if args.check:
        return check(folder, db, key, user, (year, quarter))
    return 0


class _WithoutQueries:
    """A store without its counting queries: the statistics count record by record."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name == "queries":
            raise AttributeError(name)
        return getattr(self._store, name)


def check(folder: Path, db: Path, key: bytes, user: UserRecord, periods: tuple[Any, ...]) -> int:
    """Compare the SQL counts with the record-by-record counts; 0 when equal."""
    store = Store(
        folder, _connect(db, key), key, "", user=user, clock=lambda: NOW, kdf=keyslots.DEFAULT_KDF
    )
    try:
        sql = Session(store, user, FilePolicies(), now=lambda: NOW)
        records = Session(_WithoutQueries(store), user, FilePolicies(), now=lambda: NOW)
        # (the dashboard is not compared: the cases built here have a due_on column but no
        # verdict, where a record's deadline comes from; the app writes both)
        same = True
        for period in periods:
            begin = time.perf_counter()
            slow = statistics.yearly_statistics(records, period)
            print(
                f"  record by record {period.start}..{period.end}: "
                f"{(time.perf_counter() - begin) * 1000:.0f} ms"
            )
            fast = statistics.yearly_statistics(sql, period)
            if fast != slow:
                print(f"  differ:\n    {fast}\n    {slow}")
                same = False
    finally:
        store.close()
    print(f"  SQL counts equal the record-by-record counts: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
