"""The audit chain through the services: every change recorded, verification, CSV export."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from desktop.core.cases import CaseStatus, NotPermitted
from desktop.services import audit
from tests.services.test_review import drive

if TYPE_CHECKING:
    from tests.services.conftest import Desk


def test_verify_an_intact_chain(desk: Desk) -> None:
    drive(desk, CaseStatus.CLOSED)
    check = audit.verify(desk.admin)
    assert check.intact
    assert check.events == len(list(desk.store.audit.events()))
    assert check.first_broken is None


def test_verify_names_the_first_broken_link(desk: Desk) -> None:
    drive(desk, CaseStatus.APPROVED)
    event, digest = desk.store.state.events[3]
    desk.store.state.events[3] = (replace(event, user="mallory"), digest)
    check = audit.verify(desk.login("sam"))
    assert (check.intact, check.first_broken) == (False, event.event_id)


def test_operators_may_not_verify(desk: Desk) -> None:
    with pytest.raises(NotPermitted):
        audit.verify(desk.login("olivia"))


def test_export_has_codes_and_case_numbers_but_no_personal_data(desk: Desk) -> None:
    drive(desk, CaseStatus.REJECTED)
    out = io.StringIO()
    count = audit.export_csv(desk.admin, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == count
    assert [r["action"] for r in rows[-3:]] == ["open_case", "submit", "reject"]
    reject = rows[-1]
    assert reject["case_id"] == "2026-000001"
    assert (reject["status_from"], reject["status_to"], reject["ground"]) == (
        "in_review",
        "rejected",
        "identity_unverifiable",
    )
    text = out.getvalue()
    for personal in ("架空", "1990-01-02", "東京都"):
        assert personal not in text
    # the export itself is recorded
    assert list(desk.store.audit.events())[-1].action == "export_audit"


def test_export_is_for_administrators(desk: Desk) -> None:
    with pytest.raises(NotPermitted):
        audit.export_csv(desk.login("sam"), io.StringIO())
