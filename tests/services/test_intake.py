"""Intake: opening, validating, editing and listing cases."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from desktop.core.cases import CaseStatus, TransitionNotAllowed
from desktop.core.errors import InputError
from desktop.services import intake, review
from tests.services.conftest import REQUEST, Desk


def test_open_case_numbers_by_received_year_and_audits(desk: Desk) -> None:
    olivia = desk.login("olivia")
    first = intake.open_case(olivia, REQUEST, "case.json")
    second = intake.open_case(olivia, REQUEST, "case.json")
    assert (first.case_id, second.case_id) == ("2026-000001", "2026-000002")
    assert first.status is CaseStatus.INTAKE
    assert first.received_on == date(2026, 11, 20)
    assert first.created_by == "olivia"
    assert first.due_on is None
    event = list(desk.store.audit.events())[-1]
    assert (event.action, event.case_id, event.user) == ("open_case", "2026-000002", "olivia")
    # no personal data in the chain
    assert "架空" not in repr(list(desk.store.audit.events()))


def test_documents_in_case_json_are_ignored(desk: Desk) -> None:
    data = {**REQUEST, "documents": [{"type": "passport", "holder": "principal"}]}
    case = intake.open_case(desk.login("olivia"), data, "case.json")
    assert "documents" not in case.intake


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"received_on": "2026-13-01"}, "received_on"),
        ({"received_on": None}, "received_on"),
        ({"request_types": []}, "request_types"),
        ({"request_types": ["gossip"]}, "unknown request type"),
        ({"requester": "neighbour"}, "unknown requester"),
        ({"principal": {"birth_date": "1990-01-02"}}, "principal.name"),
        ({"principal": {"name": "架空 花子", "birth_date": "yesterday"}}, "birth_date"),
        ({"requester": "appointed_agent"}, "representative"),
        ({"channel": "pigeon"}, "channel"),
    ],
)
def test_bad_requests_are_input_errors_naming_the_file(
    desk: Desk, patch: dict[str, object], message: str
) -> None:
    data = {**copy.deepcopy(REQUEST), **patch}
    before = desk.store.snapshot()
    with pytest.raises(InputError, match=message) as err:
        intake.open_case(desk.login("olivia"), data, "req.json")
    assert str(err.value).startswith("req.json: ")
    assert desk.store.snapshot() == before


def test_not_an_object(desk: Desk) -> None:
    with pytest.raises(InputError, match="JSON object"):
        intake.open_case(desk.login("olivia"), [1, 2], "req.json")


def test_administrator_may_open_cases(desk: Desk) -> None:
    assert intake.open_case(desk.admin, REQUEST, "case.json").status is CaseStatus.INTAKE


def test_edit_intake_drops_the_old_verdict(desk: Desk) -> None:
    olivia = desk.login("olivia")
    case = intake.open_case(olivia, REQUEST, "case.json")
    review.evaluate(olivia, case.case_id)
    data = {**REQUEST, "received_on": "2026-11-21", "channel": "post"}
    edited = intake.edit_intake(olivia, case.case_id, data, "case2.json")
    assert edited.verdict is None
    assert edited.received_on == date(2026, 11, 21)
    event = list(desk.store.audit.events())[-1]
    assert event.detail["changed"] == ["channel", "received_on"]


def test_edit_after_submit_is_not_allowed(desk: Desk) -> None:
    olivia = desk.login("olivia")
    case = intake.open_case(olivia, REQUEST, "case.json")
    review.submit(olivia, case.case_id)
    with pytest.raises(TransitionNotAllowed):
        intake.edit_intake(olivia, case.case_id, REQUEST, "case.json")


def test_unknown_case(desk: Desk) -> None:
    with pytest.raises(InputError, match="no such case"):
        intake.get_case(desk.login("olivia"), "2026-999999")


def test_list_and_filter(desk: Desk) -> None:
    olivia = desk.login("olivia")
    a = intake.open_case(olivia, REQUEST, "case.json")
    intake.open_case(olivia, REQUEST, "case.json")
    review.submit(olivia, a.case_id)
    assert [c.case_id for c in intake.list_cases(desk.admin)] == ["2026-000001", "2026-000002"]
    in_review = intake.list_cases(olivia, CaseStatus.IN_REVIEW)
    assert [c.case_id for c in in_review] == ["2026-000001"]
    assert intake.case_summary(in_review[0]) == {
        "case_id": "2026-000001",
        "status": "in_review",
        "received_on": "2026-11-20",
        "due_on": None,
    }


def test_review_queue_is_sorted_by_deadline(desk: Desk) -> None:
    dues = iter([None, date(2026, 12, 10), date(2026, 12, 1)])
    desk.policies.decide = lambda case: ("verified", [], next(dues))
    olivia = desk.login("olivia")
    ids = [intake.open_case(olivia, REQUEST, "case.json").case_id for _ in range(3)]
    for case_id in ids:
        review.submit(olivia, case_id)
    intake.open_case(olivia, REQUEST, "case.json")  # in intake: not in the queue
    queue = intake.review_queue(desk.login("sam"))
    assert [c.case_id for c in queue] == [ids[2], ids[1], ids[0]]
