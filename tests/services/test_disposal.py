"""Disposal: images destroyed when the policy says, with a record of what was checked."""

from __future__ import annotations

import pytest

from desktop.core.case import Holder
from desktop.core.cases import CaseStatus, NotPermitted
from desktop.core.documents import DocumentType
from desktop.services import disposal, documents, review
from desktop.services.documents import MaskedPage
from desktop.services.ports import DocumentCategory, RetentionRules
from tests.services.conftest import Desk, png
from tests.services.test_review import drive

PAGE = MaskedPage(png(), 200, 120, DocumentType.PASSPORT, {"name": "架空 花子"})


def with_pages(desk: Desk, status: CaseStatus) -> tuple[str, int, int]:
    """A case with one identity page and one request-form page, brought to ``status``."""
    case_id = drive(desk, CaseStatus.INTAKE)
    olivia = desk.login("olivia")
    ident = documents.add_page(olivia, case_id, PAGE, holder=Holder.PRINCIPAL)
    form = documents.add_page(
        olivia, case_id, PAGE, holder=Holder.PRINCIPAL, category=DocumentCategory.REQUEST_FORM
    )
    sam = desk.login("sam")
    if status is not CaseStatus.INTAKE:
        review.submit(olivia, case_id)
        if status is CaseStatus.REJECTED:
            review.reject(sam, case_id, "harm")
        elif status in (CaseStatus.APPROVED, CaseStatus.CLOSED):
            review.approve(sam, case_id)
        if status is CaseStatus.CLOSED:
            review.close(sam, case_id)
    return case_id, ident.document_id, form.document_id


def test_after_decision_policy_destroys_identity_images_once_decided(desk: Desk) -> None:
    desk.policies.rules = RetentionRules(True, None, 365)
    _, open_ident, _ = with_pages(desk, CaseStatus.IN_REVIEW)
    case_id, ident, form = with_pages(desk, CaseStatus.APPROVED)
    assert disposal.dispose_due(desk.admin) == [ident]
    assert desk.store.documents.image(ident) is None
    assert desk.store.documents.image(form) is not None  # the request form is kept
    assert desk.store.documents.image(open_ident) is not None  # not decided yet
    record = desk.store.documents.get(ident)
    assert record is not None
    assert (record.disposed_by, record.disposed_at) == ("admin", desk.clock())
    assert record.fields == {}
    assert record.document_type is DocumentType.PASSPORT
    event = list(desk.store.audit.events())[-1]
    assert event.action == "dispose"
    assert (event.case_id, event.document_id) == (case_id, ident)
    assert event.detail["rule"] == "after_decision"
    assert event.detail["document_type"] == "passport"
    assert event.detail["added_by"] == "olivia"
    assert event.detail["decided_by"] == "sam"
    assert event.detail["checked"] == "approved"
    assert event.detail["fields_read"] == ["name"]
    assert "架空" not in repr(event)
    # a second run finds nothing
    assert disposal.dispose_due(desk.admin) == []


def test_rejected_cases_count_as_decided(desk: Desk) -> None:
    desk.policies.rules = RetentionRules(True, None, None)
    _, ident, _ = with_pages(desk, CaseStatus.REJECTED)
    assert disposal.dispose_due(desk.login("sam")) == [ident]


def test_retention_periods_run_from_closing(desk: Desk) -> None:
    desk.policies.rules = RetentionRules(False, 30, 365)
    _, ident, form = with_pages(desk, CaseStatus.CLOSED)
    _, open_ident, _ = with_pages(desk, CaseStatus.APPROVED)
    assert disposal.dispose_due(desk.admin) == []
    desk.clock.advance(days=29, hours=23)
    assert disposal.dispose_due(desk.admin) == []
    desk.clock.advance(hours=1)
    assert disposal.dispose_due(desk.admin) == [ident]
    desk.clock.advance(days=335)
    assert disposal.dispose_due(desk.admin) == [form]
    assert desk.store.documents.image(open_ident) is not None
    assert list(desk.store.audit.events())[-1].detail["rule"] == "retention"


def test_without_policy_periods_the_store_settings_apply(desk: Desk) -> None:
    desk.policies.rules = RetentionRules(False, None, None)
    _, ident, form = with_pages(desk, CaseStatus.CLOSED)
    desk.clock.advance(days=364)
    assert disposal.dispose_due(desk.admin) == []
    desk.clock.advance(days=1)
    assert disposal.dispose_due(desk.admin) == [ident]  # default: a year
    with desk.store.transaction():
        desk.store.settings.set("request_form_retention_days", "400")
    desk.clock.advance(days=34)
    assert disposal.dispose_due(desk.admin) == []
    desk.clock.advance(days=1)
    assert disposal.dispose_due(desk.admin) == [form]


def test_operators_may_not_dispose(desk: Desk) -> None:
    desk.policies.rules = RetentionRules(True, None, None)
    with_pages(desk, CaseStatus.APPROVED)
    before = desk.store.snapshot()
    with pytest.raises(NotPermitted):
        disposal.dispose_due(desk.login("olivia"))
    assert desk.store.snapshot() == before


def test_disposed_page_cannot_be_read(desk: Desk) -> None:
    desk.policies.rules = RetentionRules(True, None, None)
    case_id, ident, _ = with_pages(desk, CaseStatus.APPROVED)
    disposal.dispose_due(desk.admin)
    with pytest.raises(Exception, match="disposed"):
        documents.page_image(desk.login("sam"), case_id, ident)
