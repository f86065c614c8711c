"""The store's search for pages due for disposal agrees with the disposal rule page by page."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import pytest

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
from desktop.services import disposal
from desktop.services.ports import RetentionRules
from desktop.services.session import Session
from desktop.services.workspace import FilePolicies

if TYPE_CHECKING:
    from desktop.store.db import Store

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
ZONES = [UTC, timezone(timedelta(hours=9)), timezone(timedelta(hours=-5))]
RULE_SETS = [
    RetentionRules(True, 30, 365),
    RetentionRules(False, 30, 365),
    RetentionRules(True, None, None),
    RetentionRules(False, 1, 2),
    RetentionRules(False, None, 7),
]


def _page(case_id: str, category: DocumentCategory, n: int) -> DocumentRecord:
    return DocumentRecord(
        0,
        case_id,
        Holder.PRINCIPAL,
        DocumentType.PASSPORT,
        category,
        {"name": f"架空 {n}"},
        (RegionRecord("permanent_domicile", (1, 2, 3, 4)), RegionRecord("my_number", (5, 6, 7, 8))),
        120,
        80,
        "sagyou",
        NOW - timedelta(days=400),
    )


def _near(rng: random.Random, anchors: list[datetime]) -> datetime:
    """A stamp close to one of ``anchors`` (seconds to a day either side, in any zone)."""
    offset = rng.choice([0, 0.0004, 1, 60, 3600, 5 * 3600, 86400, 3 * 86400])
    at = rng.choice(anchors) + timedelta(seconds=rng.choice([-1, 1]) * offset)
    return at.astimezone(rng.choice(ZONES))


def fill(store: Store, cases: int = 240, seed: int = 7) -> None:
    """Cases in every status; decided and closed times close to every rule set's cutoffs."""
    rng = random.Random(seed)
    anchors = [NOW] + [
        NOW - timedelta(days=d)
        for r in RULE_SETS
        for d in (r.identity_days, r.request_form_days)
        if d is not None
    ]
    with store.transaction():  # one commit: the fill is not what is tested
        for n in range(cases):
            status = rng.choice(list(CaseStatus))
            decided = status in disposal.DECIDED and rng.random() < 0.9
            closed = status is CaseStatus.CLOSED and rng.random() < 0.95
            case_id = store.cases.next_id(2026)
            store.cases.add(
                CaseRecord(
                    case_id=case_id,
                    status=status,
                    received_on=date(2025, 1, 6),
                    intake={"principal": {"name": f"架空 {n}"}},
                    created_by="sagyou",
                    created_at=NOW - timedelta(days=500),
                    decided_by="kantoku" if decided else None,
                    decided_at=_near(rng, anchors) if decided else None,
                    closed_at=_near(rng, anchors) if closed else None,
                )
            )
            for k in range(rng.randrange(3)):
                category = rng.choice([DocumentCategory.IDENTITY, DocumentCategory.REQUEST_FORM])
                document_id = store.documents.add(_page(case_id, category, n), b"png %d" % k)
                if rng.random() < 0.15:
                    store.documents.dispose(document_id, "kanri", NOW - timedelta(days=1))


def session(store: Store) -> Session:
    return Session(store, UserRecord("kanri", Role.ADMINISTRATOR), FilePolicies(), lambda: NOW)


def by_python(store: Store, rules: RetentionRules, now: datetime) -> list[tuple[int, str]]:
    """Every kept page weighed by the rule itself, one page and case at a time."""
    out = []
    for doc in store.documents.kept():
        case = store.cases.get(doc.case_id)
        assert case is not None
        rule = disposal._due_rule(doc, case, rules, now)
        if rule is not None:
            out.append((doc.document_id, rule.value))
    return out


@pytest.mark.parametrize("rules", RULE_SETS, ids=str)
def test_the_query_finds_exactly_the_pages_the_rule_wants(
    store: Store, rules: RetentionRules
) -> None:
    fill(store)
    checked = 0
    for now in (NOW, NOW + timedelta(hours=12), NOW + timedelta(days=2)):
        expected = by_python(store, rules, now)
        found = disposal._due_by_query(session(store), store.documents, rules, now)
        assert [(d.document.document_id, d.rule.value) for d in found] == expected
        for due in found:
            assert due.document == store.documents.get(due.document.document_id)
            assert due.case == store.cases.get(due.document.case_id)
        checked += len(expected)
    assert checked > 20  # the data put pages on both sides of the cutoffs


def test_candidates_are_kept_pages_of_decided_cases_only(store: Store) -> None:
    fill(store)
    candidates = store.documents.due_candidates(
        decided_by=NOW + timedelta(days=9999),
        identity_closed_by=NOW + timedelta(days=9999),
        request_form_closed_by=NOW + timedelta(days=9999),
    )
    assert candidates
    assert [c.document_id for c in candidates] == sorted(c.document_id for c in candidates)
    for c in candidates:
        doc = store.documents.get(c.document_id)
        case = store.cases.get(c.case_id)
        assert doc is not None
        assert case is not None
        assert doc.disposed_at is None
        assert case.status in disposal.DECIDED
        assert (c.category, c.status) == (doc.category.value, case.status.value)
    # every rule off: nothing
    assert not store.documents.due_candidates(
        decided_by=None, identity_closed_by=None, request_form_closed_by=None
    )


def _decided_with_one_page(
    store: Store, status: CaseStatus, name: str, decided_at: datetime, page: int
) -> None:
    """A decided case with one identity page, added in one transaction."""
    with store.transaction():
        case_id = store.cases.next_id(2026)
        store.cases.add(
            CaseRecord(
                case_id=case_id,
                status=status,
                received_on=date(2026, 11, 2),
                intake={"principal": {"name": name}},
                created_by="sagyou",
                created_at=NOW,
                decided_by="kantoku",
                decided_at=decided_at,
            )
        )
        store.documents.add(_page(case_id, DocumentCategory.IDENTITY, page), b"png")


def test_a_stamp_in_another_zone_compares_as_an_instant(store: Store) -> None:
    jst = timezone(timedelta(hours=9))
    _decided_with_one_page(
        store,
        CaseStatus.APPROVED,
        "架空 太郎",
        (NOW + timedelta(hours=1)).astimezone(jst),  # 19:00 +09:00
        1,
    )
    # as text "2026-11-20T19:00+09:00" sorts after "2026-11-20T09:30+00:00"; as an instant
    # (10:00 UTC) too: not yet due at 09:30 UTC, due at 10:00 UTC
    early = NOW + timedelta(minutes=30)
    assert not store.documents.due_candidates(
        decided_by=early, identity_closed_by=None, request_form_closed_by=None
    )
    late = NOW + timedelta(hours=1)
    assert (
        len(
            store.documents.due_candidates(
                decided_by=late, identity_closed_by=None, request_form_closed_by=None
            )
        )
        == 1
    )
    # and one that text order gets wrong: decided 09:00 UTC written as 04:00 -05:00
    _decided_with_one_page(
        store,
        CaseStatus.REJECTED,
        "架空 花子",
        NOW.astimezone(timezone(timedelta(hours=-5))),
        2,
    )
    assert not store.documents.due_candidates(
        decided_by=NOW - timedelta(hours=2), identity_closed_by=None, request_form_closed_by=None
    )


def test_many_reads_the_same_records_as_get(store: Store) -> None:
    fill(store, cases=40)
    ids = [*(d.document_id for d in store.documents.kept()[:17]), 999_999]
    records = store.documents.many(reversed(ids))
    assert [r.document_id for r in records] == sorted(ids)[:-1]
    assert records == [store.documents.get(i) for i in sorted(ids)[:-1]]
    assert all(len(r.regions) == 2 for r in records)
    assert store.documents.many([]) == []


def test_the_search_reads_decided_cases_by_index_not_every_page(store: Store) -> None:
    from desktop.store import documents as repository

    plan = " ".join(
        str(row[-1])
        for row in store.connection.execute(
            "EXPLAIN QUERY PLAN " + repository._DUE_CANDIDATES, (None, None, None)
        )
    )
    assert "SCAN d" not in plan, plan
    assert "SCAN documents" not in plan, plan
