"""Letters: Japanese PDF with the case number, the policy's reasons and grounds; roles."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader

from desktop.core.cases import CaseStatus, TransitionNotAllowed
from desktop.core.errors import InputError
from desktop.services import letters
from desktop.services.review import ResponseKind
from tests.services.test_review import drive

if TYPE_CHECKING:
    from tests.services.conftest import Desk


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(autouse=True)
def _needs_a_japanese_font(desk: Desk) -> None:
    try:
        letters.find_font(desk.admin)
    except InputError:
        pytest.skip("no Japanese TrueType font installed")


def test_request_documents_lists_the_reasons_in_japanese(desk: Desk) -> None:
    desk.policies.decide = lambda case: ("more_documents_needed", ["document_expired"], None)
    case_id = drive(desk, CaseStatus.RETURNED)
    pdf = letters.write_letter(desk.login("olivia"), case_id, ResponseKind.REQUEST_DOCUMENTS)
    text = text_of(pdf)
    assert f"受付番号：{case_id}" in text
    assert "架空 花子 様" in text
    assert "理由 document_expired" in text
    assert "送付してください" in text  # the supervisor's own words
    assert "令和8年11月23日" in text  # today, by the injected clock
    event = list(desk.store.audit.events())[-1]
    assert (event.action, event.detail["kind"]) == ("write_letter", "request_documents")


def test_refusal_uses_the_policy_ground_sentence(desk: Desk) -> None:
    case_id = drive(desk, CaseStatus.INTAKE)
    from desktop.services import review

    review.submit(desk.login("olivia"), case_id)
    review.reject(desk.login("sam"), case_id, "identity_unverifiable")
    text = text_of(letters.write_letter(desk.login("olivia"), case_id, ResponseKind.REFUSAL))
    assert "ご本人であることを確認できなかったため" in text


@pytest.mark.parametrize(
    "kind",
    [ResponseKind.COMPLETION, ResponseKind.DISCLOSURE_NOTICE, ResponseKind.PURPOSE_NOTIFICATION],
)
def test_notices_need_an_approved_case(desk: Desk, kind: ResponseKind) -> None:
    with pytest.raises(TransitionNotAllowed):
        letters.write_letter(desk.login("olivia"), drive(desk, CaseStatus.IN_REVIEW), kind)
    pdf = letters.write_letter(desk.login("olivia"), drive(desk, CaseStatus.APPROVED), kind)
    assert letters.TITLES[kind] in text_of(pdf)


def test_administrators_write_letters_too(desk: Desk) -> None:
    case_id = drive(desk, CaseStatus.INTAKE)
    assert letters.write_letter(desk.admin, case_id, ResponseKind.REQUEST_DOCUMENTS).startswith(
        b"%PDF-"
    )
