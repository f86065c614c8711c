"""Cases, pages, settings and list views against the real SQLCipher store."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import pytest

from desktop.core.case import Holder
from desktop.core.cases import (
    CaseStatus,
    DocumentCategory,
    DocumentRecord,
    MaskOrigin,
    Reason,
    RegionRecord,
    Verdict,
)
from desktop.core.documents import DocumentType
from desktop.store.cases import name_key
from desktop.store.errors import Conflict, NotFound
from tests.store.conftest import OPERATOR, open_case

if TYPE_CHECKING:
    from desktop.store.db import Store

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40  # stands in for a masked page
AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def _verdict(due_on: date | None) -> Verdict:
    return Verdict(
        decision="verified",
        reasons=(Reason("address_mismatch", "…"),),
        due_on=due_on,
        policy_name="leverages",
        policy_version="1",
        evaluated_at=AT,
        evaluated_by=OPERATOR,
    )


def _document(case_id: str, **changes: Any) -> DocumentRecord:
    record = DocumentRecord(
        document_id=0,
        case_id=case_id,
        holder=Holder.PRINCIPAL,
        document_type=DocumentType.HEALTH_INSURANCE_CARD,
        category=DocumentCategory.IDENTITY,
        fields={"name": "架空 太郎", "birth_date": "1985-04-12"},
        regions=(
            RegionRecord("insurer_number", (10, 20, 30, 40)),
            RegionRecord("insured_symbol_number", (50, 60, 70, 80), MaskOrigin.OPERATOR),
        ),
        width=1200,
        height=800,
        added_by=OPERATOR,
        added_at=AT,
    )
    return dataclasses.replace(record, **changes)


def test_case_numbers_count_per_year(store: Store) -> None:
    first = open_case(store, "架空 一")
    second = open_case(store, "架空 二")
    other_year = open_case(store, "架空 三", received_on=date(2027, 1, 5))
    assert (first, second, other_year) == ("2026-000001", "2026-000002", "2027-000001")
    assert store.cases.next_id(2026) == "2026-000003"


def test_taken_case_number_is_a_conflict(store: Store) -> None:
    case_id = open_case(store, "架空 一")
    case = store.cases.get(case_id)
    assert case is not None
    with pytest.raises(Conflict):
        store.cases.add(case)


def test_case_round_trip_and_update(store: Store) -> None:
    case_id = open_case(store, "架空 太郎")
    case = store.cases.get(case_id)
    assert case is not None
    assert case.status is CaseStatus.INTAKE
    assert case.intake["principal"]["name"] == "架空 太郎"
    submitted = dataclasses.replace(
        case,
        status=CaseStatus.IN_REVIEW,
        submitted_by=OPERATOR,
        verdict=_verdict(date(2026, 12, 10)),
    )
    store.cases.update(submitted)
    again = store.cases.get(case_id)
    assert again == submitted
    assert again is not None
    assert again.due_on == date(2026, 12, 10)
    assert store.cases.decisions(case_id)[0][:3] == ("intake", "in_review", OPERATOR)
    assert [c.case_id for c in store.cases.list(CaseStatus.IN_REVIEW)] == [case_id]
    assert store.cases.list(CaseStatus.INTAKE) == []


def test_unknown_case(store: Store) -> None:
    assert store.cases.get("2026-999999") is None
    with pytest.raises(NotFound):
        store.cases.require("2026-999999")
    with pytest.raises(NotFound):
        store.documents.add(_document("2026-999999"), PNG)


def test_documents_keep_masks_with_their_origin(store: Store) -> None:
    case_id = open_case(store, "架空 太郎")
    document_id = store.documents.add(_document(case_id), PNG)
    stored = store.documents.get(document_id)
    assert stored == _document(case_id, document_id=document_id)
    assert [r.origin for r in stored.regions] == [MaskOrigin.AUTOMATIC, MaskOrigin.OPERATOR]
    assert store.documents.image(document_id) == PNG
    assert [d.document_id for d in store.documents.for_case(case_id)] == [document_id]
    corrected = dataclasses.replace(
        stored, document_type=DocumentType.PENSION_BOOK, regions=stored.regions[:1]
    )
    store.documents.update(corrected)
    assert store.documents.get(document_id) == corrected


def test_disposal_destroys_the_image_and_keeps_the_record(store: Store) -> None:
    case_id = open_case(store, "架空 太郎")
    kept = store.documents.add(_document(case_id), PNG)
    gone = store.documents.add(_document(case_id), PNG)
    store.documents.dispose(gone, OPERATOR, AT)
    record = store.documents.get(gone)
    assert record is not None
    assert (record.disposed_by, record.disposed_at) == (OPERATOR, AT)
    assert record.fields == {}
    assert record.document_type is DocumentType.HEALTH_INSURANCE_CARD
    assert store.documents.image(gone) is None
    assert [d.document_id for d in store.documents.kept()] == [kept]
    # the image's hash stays as the record of what was checked
    digest = store.connection.execute(
        "SELECT image_sha256 FROM documents WHERE id = ?", (gone,)
    ).fetchone()[0]
    assert len(digest) == 64
    with pytest.raises(NotFound):
        store.documents.dispose(999, OPERATOR, AT)


def test_settings(store: Store) -> None:
    assert store.settings.get("policy") is None
    store.settings.set("policy", "leverages")
    store.settings.set("policy", "whi")
    assert store.settings.get("policy") == "whi"


def test_review_queue_pages_by_due_date(store: Store) -> None:
    dues = [date(2026, 12, 1 + (n * 7) % 20) for n in range(23)] + [None, None]
    with store.transaction():
        for n, due in enumerate(dues):
            case_id = open_case(store, f"架空 {n}")
            case = store.cases.get(case_id)
            assert case is not None
            store.cases.update(
                dataclasses.replace(case, status=CaseStatus.IN_REVIEW, verdict=_verdict(due))
            )
        open_case(store, "架空 待機")  # still in intake: not in the queue
    seen: list[tuple[str, str]] = []
    key = None
    pages = 0
    while True:
        page = store.queries.case_page(CaseStatus.IN_REVIEW, key, limit=10)
        pages += 1
        seen += [(row.due_on or "9999-12-31", row.case_id) for row in page.rows]
        key = page.next_key
        if key is None:
            break
    assert pages == 3
    assert len(seen) == 25
    assert seen == sorted(seen)
    assert seen[-1][0] == "9999-12-31"  # no deadline sorts last
    counts = store.queries.count_by_status()
    assert (counts["in_review"], counts["intake"], counts["closed"]) == (25, 1, 0)
    plan = " ".join(
        str(row[-1])
        for row in store.connection.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM cases c WHERE status = 'in_review'"
            " ORDER BY ifnull(c.due_on, '9999-12-31'), c.id LIMIT 10"
        )
    )
    assert "cases_queue" in plan
    assert "TEMP B-TREE" not in plan


def test_search_by_name_folds_width_case_and_spaces(store: Store) -> None:
    yamada = open_case(store, "架空　太郎")
    latin = open_case(store, "Quillon VASTARBE")
    open_case(store, "別名 次郎")
    assert [r.case_id for r in store.queries.search_by_name("架空")] == [yamada]
    assert [r.case_id for r in store.queries.search_by_name("架空 太")] == [yamada]
    assert [r.case_id for r in store.queries.search_by_name("ｑｕｉｌｌｏｎ ｖａｓ")] == [latin]
    assert store.queries.search_by_name("  ") == []
    assert name_key("Ｑｕｉｌｌｏｎ　Vastarbe") == "quillonvastarbe"
