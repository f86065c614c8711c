"""The case list queries: every order both ways, filters and search in SQL, keyset pages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from desktop.core.cases import CaseRecord, CaseStatus, Verdict
from desktop.store.queries import NO_DUE, CaseOrder, CaseRow, PageKey

if TYPE_CHECKING:
    from desktop.store.db import Store

AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
COUNT = 61
STATUSES = list(CaseStatus)
FAMILY = ["架空", "仮名", "見本", "ｶｸｳ", "Quillon"]
ACCOUNTS = ["kanri", "sagyou", "kantoku"]


def _operator(i: int) -> str:
    # Prepared cases belong to their preparer, the others to whoever opened them.
    return ACCOUNTS[(i // 2) % 3] if i % 2 else ACCOUNTS[i % 3]


@pytest.fixture
def generated(store: Store) -> Store:
    """``COUNT`` invented cases with repeated dates, statuses and names (ties everywhere)."""
    with store.transaction():
        for i in range(COUNT):
            received = date(2026, 1, 1) + timedelta(days=i % 9)
            due = received + timedelta(days=i % 4) if i % 5 else None
            store.cases.add(
                CaseRecord(
                    case_id=f"2026-{(i * 37) % 1000 + 1:06d}",  # not in insertion order
                    status=STATUSES[i % len(STATUSES)],
                    received_on=received,
                    intake={
                        "received_on": received.isoformat(),
                        "request_types": ["disclosure"],
                        "requester": "principal",
                        "principal": {"name": f"{FAMILY[i % 5]} 太郎{i}"},
                    },
                    created_by=ACCOUNTS[i % 3],
                    created_at=AT,
                    submitted_by=ACCOUNTS[(i // 2) % 3] if i % 2 else None,
                    verdict=None
                    if due is None
                    else Verdict("pending", (), due, "appi-default", "1", AT, "kanri"),
                )
            )
    return store


def _sort_key(order: CaseOrder, row: CaseRow) -> tuple[str, ...]:
    due = row.due_on or NO_DUE
    return {
        CaseOrder.CASE_ID: (row.case_id,),
        CaseOrder.RECEIVED: (row.received_on, row.case_id),
        CaseOrder.STATUS: (row.status, due, row.case_id),
        CaseOrder.DUE: (due, row.case_id),
    }[order]


def _all_pages(store: Store, limit: int, **query: object) -> tuple[list[CaseRow], int]:
    rows: list[CaseRow] = []
    key: PageKey | None = None
    pages = 0
    while True:
        page = store.queries.case_page(after=key, limit=limit, **query)  # type: ignore[arg-type]
        pages += 1
        assert len(page.rows) <= limit
        rows += page.rows
        key = page.next_key
        if key is None:
            return rows, pages


@pytest.mark.parametrize("order", list(CaseOrder))
@pytest.mark.parametrize("descending", [False, True])
def test_each_order_pages_without_gaps_or_repeats(
    generated: Store, order: CaseOrder, descending: bool
) -> None:
    rows, pages = _all_pages(generated, 7, order=order, descending=descending)
    assert pages == 9  # 61 rows by 7
    ids = [r.case_id for r in rows]
    assert len(ids) == len(set(ids)) == COUNT
    keys = [_sort_key(order, r) for r in rows]
    assert keys == sorted(keys, reverse=descending)
    whole = generated.queries.case_page(limit=1000, order=order, descending=descending)
    assert whole.rows == rows
    assert whole.next_key is None


def test_due_order_puts_cases_without_deadline_last(generated: Store) -> None:
    rows = generated.queries.case_page(limit=1000).rows
    assert rows[-1].due_on is None
    assert rows[0].due_on is not None
    first = generated.queries.case_page(limit=1, descending=True).rows[0]
    assert first.due_on is None


def _expected(store: Store, keep: object) -> list[str]:
    rows = store.queries.case_page(limit=1000, order=CaseOrder.CASE_ID).rows
    cases = {c.case_id: c for c in store.cases.list()}
    return [r.case_id for r in rows if keep(r, cases[r.case_id])]  # type: ignore[operator]


@pytest.mark.parametrize("order", list(CaseOrder))
@pytest.mark.parametrize("broad", [False, True])
def test_filters_and_search_page_in_every_order(
    generated: Store, order: CaseOrder, broad: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.store import queries

    if broad:  # every search walks the order's index instead of sorting its matches
        monkeypatch.setattr(queries, "BROAD_SEARCH", 0)

    def ids(**query: object) -> list[str]:
        rows, _pages = _all_pages(generated, 4, order=order, **query)
        keys = [_sort_key(order, r) for r in rows]
        assert keys == sorted(keys)
        return sorted(r.case_id for r in rows)

    status = CaseStatus.RETURNED
    assert ids(status=status) == _expected(generated, lambda r, c: r.status == status.value)
    for account in ACCOUNTS:
        mine = _expected(generated, lambda r, c, a=account: (c.submitted_by or c.created_by) == a)
        assert mine
        assert ids(assignee=account) == mine
        both = ids(assignee=account, status=CaseStatus.INTAKE)
        assert both == [i for i in mine if i in ids(status=CaseStatus.INTAKE)]
    assert ids(assignee="nobody") == []
    # Names fold width, case and spaces; a case number matches by its start.
    named = _expected(generated, lambda r, c: (r.principal or "").startswith("ｶｸｳ"))
    assert len(named) == 12
    assert ids(search="カクウ") == ids(search=" ｶｸｳ ") == named
    assert ids(search="quillon太郎4") == ["2026-000149", "2026-000629", "2026-000814"]  # 4, 44, 49
    assert ids(search="2026-0001") == _expected(
        generated, lambda r, c: r.case_id.startswith("2026-0001")
    )
    assert ids(search="２０２６－００００７５") == ["2026-000075"]
    assert ids(search="2026-000075", status=CaseStatus.INTAKE) == []
    assert ids(search="   ") == ids()
    assert ids(search="zz") == []


def test_a_key_of_another_order_is_refused(generated: Store) -> None:
    page = generated.queries.case_page(limit=5, order=CaseOrder.RECEIVED)
    assert page.next_key is not None
    with pytest.raises(ValueError, match="another order"):
        generated.queries.case_page(after=page.next_key, order=CaseOrder.DUE)
    with pytest.raises(ValueError, match="another order"):
        generated.queries.case_page(after=page.next_key, order=CaseOrder.RECEIVED, descending=True)


@pytest.mark.parametrize("order", list(CaseOrder))
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(
    "where", ["", "c.status = 'intake'", "ifnull(c.submitted_by, c.created_by) = 'kanri'"]
)
def test_every_list_order_walks_an_index(
    generated: Store, order: CaseOrder, descending: bool, where: str
) -> None:
    from desktop.store import queries

    direction = " DESC" if descending else ""
    terms = (*queries._ORDER_TERMS[order], "c.id")
    sql = "EXPLAIN QUERY PLAN SELECT c.id FROM cases c"
    if where:
        sql += f" WHERE {where}"
    sql += " ORDER BY " + ", ".join(t + direction for t in terms) + " LIMIT 10"
    plan = " ".join(str(row[-1]) for row in generated.connection.execute(sql))
    assert "INDEX" in plan
    assert "TEMP B-TREE" not in plan
