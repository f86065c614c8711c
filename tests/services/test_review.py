"""Review: evaluate, submit, approve / return / reject, responses, close; roles and four-eyes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop.core.cases import (
    TRANSITIONS,
    Action,
    CaseStatus,
    NotPermitted,
    TransitionNotAllowed,
)
from desktop.core.errors import InputError
from desktop.services import intake, review
from desktop.services.review import ResponseKind
from tests.services.conftest import REQUEST, Desk

S = CaseStatus


def drive(desk: Desk, status: CaseStatus) -> str:
    """A case prepared and submitted by olivia, decided by sam, brought to ``status``."""
    olivia, sam = desk.login("olivia"), desk.login("sam")
    case_id = intake.open_case(olivia, REQUEST, "case.json").case_id
    if status is S.INTAKE:
        return case_id
    review.submit(olivia, case_id)
    if status is S.IN_REVIEW:
        return case_id
    if status is S.RETURNED:
        review.return_case(sam, case_id, "送付してください")
    elif status in (S.APPROVED, S.CLOSED):
        review.approve(sam, case_id)
    elif status is S.REJECTED:
        review.reject(sam, case_id, "identity_unverifiable")
    if status is S.CLOSED:
        review.close(sam, case_id)
    return case_id


def test_evaluate_stores_decision_reasons_due_date_and_policy(desk: Desk) -> None:
    desk.policies.decide = lambda case: ("verified", [], date(2026, 12, 10))
    olivia = desk.login("olivia")
    case_id = drive(desk, S.INTAKE)
    case = review.evaluate(olivia, case_id)
    assert case.verdict is not None
    assert case.verdict.decision == "verified"
    assert case.verdict.due_on == date(2026, 12, 10)
    assert (case.verdict.policy_name, case.verdict.policy_version) == ("appi-default", "1")
    assert case.verdict.evaluated_by == "olivia"
    assert case.status is S.INTAKE
    assert desk.store.cases.get(case_id) == case
    event = list(desk.store.audit.events())[-1]
    assert event.detail["decision"] == "verified"
    assert event.detail["due_on"] == "2026-12-10"
    assert review.verdict_json(case) == {
        "decision": "verified",
        "reasons": [],
        "due_on": "2026-12-10",
        "policy": "appi-default",
        "policy_version": "1",
    }


def test_evaluate_uses_the_policy_chosen_at_init(desk: Desk) -> None:
    with desk.store.transaction():
        desk.store.settings.set("policy", "leverages")
    case = review.evaluate(desk.login("olivia"), drive(desk, S.INTAKE))
    assert case.verdict is not None
    assert case.verdict.policy_name == "leverages"


def test_reasons_are_kept_with_their_messages(desk: Desk) -> None:
    desk.policies.decide = lambda case: (
        "more_documents_needed",
        ["photo_id_or_two_documents"],
        None,
    )
    case = review.evaluate(desk.login("olivia"), drive(desk, S.INTAKE))
    assert review.verdict_json(case)["reasons"] == [
        {"code": "photo_id_or_two_documents", "message": "message for photo_id_or_two_documents"}
    ]


def test_submit_weighs_and_records_the_preparer(desk: Desk) -> None:
    case_id = drive(desk, S.INTAKE)
    case = review.submit(desk.login("oscar"), case_id)
    assert case.status is S.IN_REVIEW
    assert case.submitted_by == "oscar"
    assert case.verdict is not None


def test_approve_by_a_supervisor(desk: Desk) -> None:
    case_id = drive(desk, S.IN_REVIEW)
    desk.clock.advance(hours=2)
    case = review.approve(desk.login("sam"), case_id)
    assert case.status is S.APPROVED
    assert case.decided_by == "sam"
    assert case.decided_at == desk.clock()
    event = list(desk.store.audit.events())[-1]
    assert (event.action, event.detail["status_from"], event.detail["status_to"]) == (
        "approve",
        "in_review",
        "approved",
    )
    assert "override" not in event.detail


def test_approving_against_the_verdict_is_marked_override(desk: Desk) -> None:
    desk.policies.decide = lambda case: ("rejected", ["name_mismatch"], None)
    case_id = drive(desk, S.IN_REVIEW)
    review.approve(desk.login("sam"), case_id, "旧姓の戸籍謄本で確認")
    assert list(desk.store.audit.events())[-1].detail["override"] is True


def test_an_operator_cannot_approve_and_nothing_changes(desk: Desk) -> None:
    case_id = drive(desk, S.IN_REVIEW)
    before = desk.store.snapshot()
    with pytest.raises(NotPermitted, match="operator"):
        review.approve(desk.login("oscar"), case_id)
    assert desk.store.snapshot() == before


def test_the_preparer_cannot_approve_their_own_case(desk: Desk) -> None:
    sam = desk.login("sam")
    case_id = intake.open_case(sam, REQUEST, "case.json").case_id
    review.submit(sam, case_id)
    before = desk.store.snapshot()
    with pytest.raises(NotPermitted, match="four-eyes"):
        review.approve(sam, case_id)
    assert desk.store.snapshot() == before
    assert review.approve(desk.login("sue"), case_id).status is S.APPROVED


def test_the_resubmitter_is_the_preparer(desk: Desk) -> None:
    # sue returns olivia's case, then resubmits it herself: now sue may not approve it
    case_id = drive(desk, S.RETURNED)
    sue = desk.login("sue")
    review.submit(sue, case_id)
    with pytest.raises(NotPermitted, match="four-eyes"):
        review.approve(sue, case_id)
    assert review.approve(desk.login("sam"), case_id).status is S.APPROVED


def test_an_administrator_decides_like_a_supervisor(desk: Desk) -> None:
    case_id = drive(desk, S.IN_REVIEW)
    assert review.approve(desk.admin, case_id).status is S.APPROVED


def test_return_with_a_letter_and_resubmit(desk: Desk) -> None:
    case_id = drive(desk, S.IN_REVIEW)
    case = review.return_case(desk.login("sam"), case_id, "住民票の写しを送付してください")
    assert case.status is S.RETURNED
    assert case.decision_note == "住民票の写しを送付してください"
    assert "住民票" not in repr(list(desk.store.audit.events()))
    assert review.submit(desk.login("olivia"), case_id).status is S.IN_REVIEW


def test_return_without_a_letter_uses_the_verdicts_reasons(desk: Desk) -> None:
    desk.policies.decide = lambda case: ("more_documents_needed", ["document_expired"], None)
    case_id = drive(desk, S.IN_REVIEW)
    case = review.return_case(desk.login("sam"), case_id)
    assert case.decision_note == "message for document_expired"
    assert list(desk.store.audit.events())[-1].detail["reasons"] == ["document_expired"]


def test_return_with_nothing_to_ask_for_is_bad_input(desk: Desk) -> None:
    case_id = drive(desk, S.IN_REVIEW)
    with pytest.raises(InputError, match="what is missing"):
        review.return_case(desk.login("sam"), case_id)


def test_reject_needs_a_ground(desk: Desk) -> None:
    case_id = drive(desk, S.IN_REVIEW)
    before = desk.store.snapshot()
    with pytest.raises(InputError, match="ground"):
        review.reject(desk.login("sam"), case_id, "  ")
    assert desk.store.snapshot() == before
    case = review.reject(desk.login("sam"), case_id, "本人確認書類の氏名が一致しない")
    assert case.status is S.REJECTED
    assert list(desk.store.audit.events())[-1].detail["ground"] == "other"


def test_reject_with_a_ground_code(desk: Desk) -> None:
    case_id = drive(desk, S.IN_REVIEW)
    review.reject(desk.login("sam"), case_id, "identity_unverifiable")
    assert list(desk.store.audit.events())[-1].detail["ground"] == "identity_unverifiable"


def test_record_response_then_close(desk: Desk) -> None:
    case_id = drive(desk, S.APPROVED)
    olivia = desk.login("olivia")
    case = review.record_response(olivia, case_id, ResponseKind.DISCLOSURE_NOTICE)
    assert (case.response_kind, case.response_sent_on) == ("disclosure_notice", date(2026, 11, 23))
    with pytest.raises(NotPermitted):  # closing is a supervisor's
        review.close(olivia, case_id)
    closed = review.close(desk.login("sam"), case_id)
    assert closed.status is S.CLOSED
    assert closed.closed_at == desk.clock()


def test_a_response_that_does_not_fit_the_status(desk: Desk) -> None:
    case_id = drive(desk, S.REJECTED)
    with pytest.raises(TransitionNotAllowed):
        review.record_response(desk.login("olivia"), case_id, ResponseKind.DISCLOSURE_NOTICE)
    review.record_response(desk.login("olivia"), case_id, ResponseKind.REFUSAL)


def test_evaluate_after_the_decision_shows_the_stored_verdict(desk: Desk) -> None:
    case_id = drive(desk, S.APPROVED)
    before = desk.store.snapshot()
    desk.policies.decide = lambda case: ("rejected", ["name_mismatch"], None)
    case = review.evaluate(desk.login("sam"), case_id)
    assert case.verdict is not None
    assert case.verdict.decision == "verified"
    assert desk.store.snapshot() == before


def test_evaluate_a_decided_case_without_verdict_is_not_allowed(desk: Desk) -> None:
    case_id = drive(desk, S.APPROVED)
    stored = desk.store.cases.get(case_id)
    assert stored is not None
    with desk.store.transaction():
        desk.store.cases.update(replace(stored, verdict=None))
    with pytest.raises(TransitionNotAllowed):
        review.evaluate(desk.login("sam"), case_id)


DO = {
    Action.SUBMIT: lambda s, c: review.submit(s, c),
    Action.APPROVE: lambda s, c: review.approve(s, c),
    Action.RETURN: lambda s, c: review.return_case(s, c, "letter"),
    Action.REJECT: lambda s, c: review.reject(s, c, "harm"),
    Action.CLOSE: lambda s, c: review.close(s, c),
}
FORBIDDEN = [
    (status, action)
    for status in CaseStatus
    for action in DO
    if (status, action) not in TRANSITIONS
]


@pytest.mark.parametrize(("status", "action"), FORBIDDEN)
def test_every_forbidden_transition_is_refused_and_changes_nothing(
    desk: Desk, status: CaseStatus, action: Action
) -> None:
    case_id = drive(desk, status)
    before = desk.store.snapshot()
    with pytest.raises(TransitionNotAllowed):
        DO[action](desk.login("sue"), case_id)
    assert desk.store.snapshot() == before


@pytest.mark.parametrize(("status", "action"), sorted(TRANSITIONS, key=str))
def test_every_allowed_transition_reaches_its_status(
    desk: Desk, status: CaseStatus, action: Action
) -> None:
    case_id = drive(desk, status)
    case = DO[action](desk.login("sue"), case_id)
    assert case.status is TRANSITIONS[(status, action)]
    event = list(desk.store.audit.events())[-1]
    assert (event.detail["status_from"], event.detail["status_to"]) == (
        status.value,
        case.status.value,
    )
