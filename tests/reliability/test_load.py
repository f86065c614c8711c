"""Load: a store with many cases and pages stays responsive, and disposal finishes.

The store is built with cases of synthetic, invented requesters and three identity pages
each (tiny PNGs as images). The bulk goes in with one transaction of plain SQL through the
store's own connection: the repositories, one page at a time, are measured on a sample too
(``rate via repositories``) and are several times slower. Then:

- the first page of the case list (``services.caselist.list_case_page``), cold after the
  store is opened and warm, and the first page of the review queue: the store's query, and
  the service (``services.queue.review_queue``: one page and the counts of the whole queue);
- ``services.disposal.dispose_due`` destroys the images of every decided case (the policy
  in force destroys identity copies right after verification: ``leverages``); afterwards no
  image row of those pages is left, every ``documents`` row is still there, disposed, and
  the audit chain verifies.

The default run builds ``SMALL`` cases; ``--run-slow`` builds ``FULL`` (100 000 cases,
300 000 pages, 10 000 cases disposed of) and prints the figures. ``benchmarks/bench_load.py``
runs the same steps against plain SQLite for ratios.
"""

from __future__ import annotations

import io
import json
import random
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from PIL import Image

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
from desktop.services import caselist, disposal
from desktop.services import queue as review_queue
from desktop.services.session import Session
from desktop.services.workspace import FilePolicies
from desktop.store.cases import name_key
from desktop.store.db import Store
from desktop.store.queries import CaseOrder
from tests.store.conftest import ADMIN, ADMIN_PASSWORD, FAST_KDF

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True, slots=True)
class Size:
    """How big a load run is."""

    cases: int
    disposed_cases: int
    pages_per_case: int = 3


SMALL = Size(cases=5_000, disposed_cases=500)
FULL = Size(cases=100_000, disposed_cases=10_000)
SAMPLE_CASES = 300
"""Cases written through the repositories to measure their rate (part of the total)."""
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
SUPERVISOR = "kantoku"
FAMILY = ["架空", "仮野", "試田", "模擬", "例川", "偽山", "創作", "想像", "虚木", "夢野"]
GIVEN = ["一郎", "花子", "太郎", "次郎", "桜", "蓮", "陽葵", "湊", "結衣", "大翔"]
OPEN_STATUSES = ["intake", "in_review", "returned"]
OPEN_WEIGHTS = [60, 25, 15]
DECIDED_STATUSES = ["approved", "rejected", "closed"]
DOCUMENT_TYPES = ["drivers_license", "health_insurance_card", "passport"]


def tiny_png(shade: int) -> bytes:
    """An 8 × 8 grey PNG (under 100 bytes): the stand-in for a masked page."""
    out = io.BytesIO()
    Image.new("L", (8, 8), shade).save(out, format="PNG")
    return out.getvalue()


PNGS = [tiny_png(shade) for shade in range(0, 256, 32)]


@dataclass
class LoadFigures:
    """What one load run measured (seconds unless named otherwise)."""

    cases: int
    pages: int
    build_seconds: float = 0.0
    repository_pages_per_second: float = 0.0
    raw_pages_per_second: float = 0.0
    first_page_cold_ms: float = 0.0
    first_page_warm_ms: float = 0.0
    queue_page_ms: float = 0.0
    queue_service_ms: float = 0.0
    in_review: int = 0
    disposed_pages: int = 0
    disposal_seconds: float = 0.0
    due_seconds: float = 0.0

    @property
    def disposal_per_1000(self) -> float:
        """Seconds of ``dispose_due`` per 1 000 pages destroyed."""
        return self.disposal_seconds * 1000 / max(self.disposed_pages, 1)

    def lines(self) -> list[str]:
        return [
            f"load: {self.cases} cases, {self.pages} pages built in {self.build_seconds:.1f} s"
            f" (pages/s: {self.raw_pages_per_second:.0f} by SQL,"
            f" {self.repository_pages_per_second:.0f} via repositories)",
            f"load: case list first page {self.first_page_cold_ms:.1f} ms cold,"
            f" {self.first_page_warm_ms:.1f} ms warm;"
            f" review queue page {self.queue_page_ms:.1f} ms (store query),"
            f" {self.queue_service_ms:.1f} ms (service, with counts; {self.in_review} in review)",
            f"load: disposal of {self.disposed_pages} pages in {self.disposal_seconds:.1f} s"
            f" ({self.disposal_per_1000:.2f} s per 1 000 pages; finding them alone"
            f" {self.due_seconds:.1f} s)",
        ]


def _case_row(n: int, rng: random.Random, decided: bool) -> dict[str, Any]:
    """One synthetic case (invented name) as column values of ``cases``."""
    received = date(2026, 1, 5) + timedelta(days=rng.randrange(300))
    due = None if rng.random() < 0.2 else received + timedelta(days=rng.randrange(10, 40))
    name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
    status = (
        rng.choice(DECIDED_STATUSES) if decided else rng.choices(OPEN_STATUSES, OPEN_WEIGHTS)[0]
    )
    intake = {
        "received_on": received.isoformat(),
        "request_types": ["disclosure"],
        "requester": "principal",
        "principal": {"name": name, "birth_date": "1980-01-01", "address": "架空県夢見町1-2-3"},
    }
    return {
        "id": f"2026-{n:06d}",
        "status": status,
        "received": received,
        "due": due,
        "name": name,
        "intake": intake,
        "submitted_by": None if status == "intake" else "sagyou",
        "decided_at": NOW - timedelta(days=1 + rng.randrange(30)) if decided else None,
    }


def _is_decided(n: int, size: Size) -> bool:
    # spread the decided cases over the whole range of case numbers
    return (n * size.disposed_cases) // size.cases != ((n - 1) * size.disposed_cases) // size.cases


def _verdict(due: date | None) -> str | None:
    if due is None:
        return None
    return json.dumps(
        {
            "decision": "verified",
            "reasons": [],
            "due_on": due.isoformat(),
            "policy_name": "leverages",
            "policy_version": "1",
            "evaluated_at": NOW.isoformat(),
            "evaluated_by": "sagyou",
        }
    )


def insert_with_repositories(store: Store, size: Size, first: int, count: int) -> int:
    """Write cases ``first``… through ``store.cases`` / ``store.documents``, one transaction;
    return the number of pages written."""
    rng = random.Random(first)
    pages = 0
    with store.transaction():
        for n in range(first, first + count):
            row = _case_row(n, rng, _is_decided(n, size))
            store.cases.add(
                CaseRecord(
                    case_id=row["id"],
                    status=CaseStatus(row["status"]),
                    received_on=row["received"],
                    intake=row["intake"],
                    created_by="sagyou",
                    created_at=NOW,
                    submitted_by=row["submitted_by"],
                    decided_by=SUPERVISOR if row["decided_at"] else None,
                    decided_at=row["decided_at"],
                )
            )
            for page in range(size.pages_per_case):
                store.documents.add(
                    DocumentRecord(
                        0,
                        row["id"],
                        Holder.PRINCIPAL,
                        DocumentType(DOCUMENT_TYPES[page % len(DOCUMENT_TYPES)]),
                        DocumentCategory.IDENTITY,
                        {"name": row["name"], "expiry_date": "2029-05-12"},
                        (RegionRecord("permanent_domicile", (10, 20, 300, 40)),),
                        1200,
                        800,
                        "sagyou",
                        NOW,
                    ),
                    PNGS[(n + page) % len(PNGS)],
                )
                pages += 1
    return pages


def insert_with_sql(conn: Any, size: Size, first: int, count: int) -> int:
    """Write cases ``first``… with plain SQL (executemany) on ``conn``, one transaction;
    return the number of pages written. Same rows as the repositories write (no verdict
    objects: the verdict JSON is the store's own format)."""
    rng = random.Random(first)
    cases, persons, documents, images, masks = [], [], [], [], []
    (last_doc,) = conn.execute("SELECT ifnull(max(id), 0) FROM documents").fetchone()
    document_id = int(last_doc)
    stamp = NOW.isoformat()
    for n in range(first, first + count):
        row = _case_row(n, rng, _is_decided(n, size))
        due = row["due"]
        cases.append(
            (
                row["id"],
                row["status"],
                row["received"].isoformat(),
                json.dumps(row["intake"], ensure_ascii=False),
                None if due is None else due.isoformat(),
                _verdict(due),
                "sagyou",
                stamp,
                row["submitted_by"],
                SUPERVISOR if row["decided_at"] else None,
                row["decided_at"].isoformat() if row["decided_at"] else None,
                stamp,
            )
        )
        persons.append((row["id"], "principal", row["name"], name_key(row["name"])))
        for page in range(size.pages_per_case):
            document_id += 1
            fields = {"name": row["name"], "expiry_date": "2029-05-12"}
            documents.append(
                (
                    document_id,
                    row["id"],
                    "principal",
                    DOCUMENT_TYPES[page % len(DOCUMENT_TYPES)],
                    "identity",
                    json.dumps(fields, ensure_ascii=False, sort_keys=True),
                    1200,
                    800,
                    None,
                    "sagyou",
                    stamp,
                )
            )
            images.append((document_id, PNGS[(n + page) % len(PNGS)]))
            masks.append((document_id, "permanent_domicile", 10, 20, 300, 40, "automatic"))
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            "INSERT INTO cases (id, status, received_on, intake, due_on, verdict, created_by,"
            " created_at, submitted_by, decided_by, decided_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            cases,
        )
        conn.executemany(
            "INSERT INTO persons (case_id, role, name, name_key) VALUES (?, ?, ?, ?)", persons
        )
        conn.executemany(
            "INSERT INTO documents (id, case_id, holder, document_type, category, fields,"
            " width, height, image_sha256, added_by, added_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            documents,
        )
        conn.executemany("INSERT INTO document_images (document_id, png) VALUES (?, ?)", images)
        conn.executemany(
            "INSERT INTO masks (document_id, kind, x, y, w, h, origin)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            masks,
        )
        conn.execute(
            "INSERT INTO case_sequences (year, last) VALUES (2026, ?)"
            " ON CONFLICT (year) DO UPDATE SET last = max(last, excluded.last)",
            (first + count - 1,),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return len(documents)


def build(store: Store, size: Size, figures: LoadFigures) -> None:
    """Fill ``store``: a sample through the repositories (timed), the rest by SQL (timed)."""
    start = time.perf_counter()
    sample = min(SAMPLE_CASES, size.cases)
    pages = insert_with_repositories(store, size, 1, sample)
    figures.repository_pages_per_second = pages / (time.perf_counter() - start)
    middle = time.perf_counter()
    pages = insert_with_sql(store.connection, size, sample + 1, size.cases - sample)
    figures.raw_pages_per_second = pages / max(time.perf_counter() - middle, 1e-9)
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.connection.execute("ANALYZE")
    store.settings.set("policy", "leverages")  # identity copies go right after verification
    figures.build_seconds = time.perf_counter() - start


def session_of(store: Store) -> Session:
    """A supervisor's session on ``store`` (lists cases, disposes of images)."""
    return Session(store, UserRecord(SUPERVISOR, Role.SUPERVISOR), FilePolicies(), lambda: NOW)


def time_lists(store: Store, figures: LoadFigures, *, cold: bool) -> None:
    """First page of the case list (cold: first call on this store) and of the queue."""
    session = session_of(store)
    start = time.perf_counter()
    page = caselist.list_case_page(session)
    elapsed = (time.perf_counter() - start) * 1000
    assert len(page.rows) == 100
    if cold:
        figures.first_page_cold_ms = elapsed
    warm = []
    for _ in range(5):
        start = time.perf_counter()
        caselist.list_case_page(session)
        warm.append((time.perf_counter() - start) * 1000)
    figures.first_page_warm_ms = statistics.median(warm)
    queue = []
    for _ in range(5):
        start = time.perf_counter()
        rows = store.queries.case_page(CaseStatus.IN_REVIEW, limit=50, order=CaseOrder.DUE).rows
        queue.append((time.perf_counter() - start) * 1000)
        assert rows
        assert all(row.status == "in_review" for row in rows)
    figures.queue_page_ms = statistics.median(queue)
    service = []
    for _ in range(5):
        start = time.perf_counter()
        first = review_queue.review_queue(session)
        service.append((time.perf_counter() - start) * 1000)
    figures.queue_service_ms = statistics.median(service)
    (in_review,) = store.connection.execute(
        "SELECT count(*) FROM cases WHERE status = 'in_review'"
    ).fetchone()
    assert first.total == in_review
    assert len(first.rows) == min(in_review, review_queue.PAGE)
    assert first.after is not None
    figures.in_review = in_review


def dispose(store: Store, figures: LoadFigures) -> list[int]:
    """Run ``dispose_due`` (timed; the search for due pages also alone); return the ids."""
    session = session_of(store)
    start = time.perf_counter()
    due = disposal.due_documents(session)
    figures.due_seconds = time.perf_counter() - start
    assert len(due) > 0
    start = time.perf_counter()
    done = disposal.dispose_due(session)
    figures.disposal_seconds = time.perf_counter() - start
    figures.disposed_pages = len(done)
    return done


def check_disposal(store: Store, size: Size, disposed: list[int]) -> None:
    """No image of a decided case is left; every documents row is still there."""
    conn = store.connection
    (pages,) = conn.execute("SELECT count(*) FROM documents").fetchone()
    assert pages == size.cases * size.pages_per_case
    (left,) = conn.execute(
        "SELECT count(*) FROM document_images i JOIN documents d ON d.id = i.document_id"
        " JOIN cases c ON c.id = d.case_id"
        " WHERE c.status IN ('approved', 'rejected', 'closed')"
    ).fetchone()
    assert left == 0, f"{left} image(s) of decided cases left"
    (gone,) = conn.execute(
        "SELECT count(*) FROM documents WHERE disposed_at IS NOT NULL AND fields = '{}'"
        " AND id NOT IN (SELECT document_id FROM document_images)"
    ).fetchone()
    assert gone == len(disposed) == size.disposed_cases * size.pages_per_case
    (kept,) = conn.execute("SELECT count(*) FROM document_images").fetchone()
    assert kept == pages - len(disposed)
    chain = store.audit.verify()
    assert chain.intact, chain


def run(folder: Path, recovery_key: str, size: Size) -> LoadFigures:
    """Build, list, dispose, check; return the figures."""
    figures = LoadFigures(size.cases, size.cases * size.pages_per_case)
    with Store.open_with_recovery_key(folder, recovery_key, kdf=FAST_KDF) as store:
        store.users.add(SUPERVISOR, Role.SUPERVISOR, "架空-pw")
        build(store, size, figures)
    with Store.open_with_recovery_key(folder, recovery_key, kdf=FAST_KDF) as store:
        time_lists(store, figures, cold=True)
        disposed = dispose(store, figures)
        check_disposal(store, size, disposed)
        time_lists(store, figures, cold=False)  # still fast with the disposals recorded
    for line in figures.lines():
        print(line)
    return figures


@pytest.fixture
def empty_store(tmp_path: Path) -> tuple[Path, str]:
    """A new, closed store (cheap key derivation) and its recovery key."""
    folder = tmp_path / "store"
    store, recovery_key = Store.create(folder, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF)
    store.close()
    return folder, recovery_key


def test_load_small(empty_store: tuple[Path, str]) -> None:
    figures = run(*empty_store, SMALL)
    # generous bounds: a loaded CI machine must not fail them, a regression (a scan per
    # row, a page read per case) does
    assert figures.first_page_cold_ms < 500
    assert figures.first_page_warm_ms < 200
    assert figures.queue_page_ms < 100
    assert figures.queue_service_ms < 300
    assert figures.disposal_per_1000 < 5


@pytest.mark.slow
def test_load_full(empty_store: tuple[Path, str]) -> None:
    figures = run(*empty_store, FULL)
    assert figures.first_page_cold_ms < 1000
    assert figures.first_page_warm_ms < 200
    assert figures.queue_page_ms < 100
    assert figures.queue_service_ms < 300  # 33 ms measured with 22 365 in review
    # measured 0.26 s per 1 000 pages and 1.6 s to find the 30 000 (a commit per page and a
    # read of every kept page took 3.6 s per 1 000 and 23 s)
    assert figures.disposal_per_1000 < 2
    assert figures.due_seconds < 8
