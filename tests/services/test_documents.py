"""Documents: only masked pages are stored; reading them back; corrections."""

from __future__ import annotations

import pytest

from desktop.core.case import Holder
from desktop.core.cases import TransitionNotAllowed
from desktop.core.documents import DocumentType
from desktop.core.errors import InputError
from desktop.services import documents, intake, review
from desktop.services.documents import MaskedPage, UnmaskedPageError
from desktop.services.ports import RegionRecord
from tests.services.conftest import REQUEST, Desk, png

BOX = (40, 30, 60, 20)
REGION = RegionRecord("insurer_number", BOX)


def masked(**kw: object) -> MaskedPage:
    values: dict[str, object] = {
        "image": png(black=[BOX]),
        "width": 200,
        "height": 120,
        "document_type": DocumentType.HEALTH_INSURANCE_CARD,
        "fields": {"name": "架空 花子", "birth_date": "1990-01-02"},
        "regions": (REGION,),
    }
    values.update(kw)
    return MaskedPage(**values)  # type: ignore[arg-type]


def open_case(desk: Desk) -> str:
    return intake.open_case(desk.login("olivia"), REQUEST, "case.json").case_id


def test_a_masked_page_is_stored_and_read_back(desk: Desk) -> None:
    case_id = open_case(desk)
    olivia = desk.login("olivia")
    page = masked()
    record = documents.add_page(olivia, case_id, page, holder=Holder.PRINCIPAL)
    assert record.document_id == 1
    event = list(desk.store.audit.events())[-1]
    assert documents.page_image(olivia, case_id, 1) == page.image
    viewed = list(desk.store.audit.events())[-1]
    assert (viewed.action, viewed.user, viewed.document_id) == ("view_document", "olivia", 1)
    assert event.action == "add_document"
    assert event.detail["regions"] == ["insurer_number"]
    assert event.detail["document_type"] == "health_insurance_card"
    assert "架空" not in repr(event)


def test_an_unmasked_page_is_refused_and_nothing_is_stored(desk: Desk) -> None:
    case_id = open_case(desk)
    before = desk.store.snapshot()
    with pytest.raises(UnmaskedPageError, match="insurer_number"):
        documents.add_page(
            desk.login("olivia"), case_id, masked(image=png()), holder=Holder.PRINCIPAL
        )
    assert desk.store.snapshot() == before


def test_a_partly_masked_region_is_refused(desk: Desk) -> None:
    case_id = open_case(desk)
    half = (BOX[0], BOX[1], BOX[2] // 2, BOX[3])
    with pytest.raises(UnmaskedPageError):
        documents.add_page(
            desk.login("olivia"), case_id, masked(image=png(black=[half])), holder=Holder.PRINCIPAL
        )


def test_a_region_outside_the_page_is_refused(desk: Desk) -> None:
    case_id = open_case(desk)
    outside = RegionRecord("individual_number", (500, 500, 10, 10))
    with pytest.raises(UnmaskedPageError):
        documents.add_page(
            desk.login("olivia"), case_id, masked(regions=(outside,)), holder=Holder.PRINCIPAL
        )


def test_one_unmasked_page_refuses_the_whole_batch(desk: Desk) -> None:
    case_id = open_case(desk)
    before = desk.store.snapshot()
    with pytest.raises(UnmaskedPageError, match="page 2"):
        documents.add_pages(
            desk.login("olivia"),
            case_id,
            [masked(), masked(image=png())],
            holder=Holder.PRINCIPAL,
        )
    assert desk.store.snapshot() == before


def test_a_page_without_sensitive_regions_needs_no_mask(desk: Desk) -> None:
    case_id = open_case(desk)
    page = masked(image=png(), regions=(), document_type=DocumentType.PASSPORT)
    assert documents.add_page(desk.login("olivia"), case_id, page, holder=Holder.PRINCIPAL)


def test_my_number_is_logged_as_unintended_collection(desk: Desk) -> None:
    case_id = open_case(desk)
    region = RegionRecord("individual_number", BOX)
    page = masked(document_type=DocumentType.MY_NUMBER_CARD, regions=(region,))
    documents.add_page(desk.login("olivia"), case_id, page, holder=Holder.PRINCIPAL)
    assert list(desk.store.audit.events())[-1].detail["unintended_collection"] is True


def test_representative_document_for_a_principal_request_is_bad_input(desk: Desk) -> None:
    case_id = open_case(desk)
    with pytest.raises(InputError, match="representative"):
        documents.add_page(desk.login("olivia"), case_id, masked(), holder=Holder.REPRESENTATIVE)


def test_administrator_may_do_an_operators_work(desk: Desk) -> None:
    # Roles are cumulative: small desks have two or three people.
    case_id = open_case(desk)
    documents.add_page(desk.admin, case_id, masked(), holder=Holder.PRINCIPAL)
    assert documents.page_image(desk.admin, case_id, 1).startswith(b"\x89PNG")


def test_no_pages_after_submit(desk: Desk) -> None:
    case_id = open_case(desk)
    review.submit(desk.login("olivia"), case_id)
    with pytest.raises(TransitionNotAllowed):
        documents.add_page(desk.login("olivia"), case_id, masked(), holder=Holder.PRINCIPAL)


def test_page_of_another_case_is_not_found(desk: Desk) -> None:
    a, b = open_case(desk), open_case(desk)
    documents.add_page(desk.login("olivia"), a, masked(), holder=Holder.PRINCIPAL)
    with pytest.raises(InputError, match="no document 1"):
        documents.page_image(desk.login("olivia"), b, 1)


def test_correct_page_updates_fields_and_audits_names_only(desk: Desk) -> None:
    case_id = open_case(desk)
    olivia = desk.login("olivia")
    documents.add_page(olivia, case_id, masked(), holder=Holder.PRINCIPAL)
    fixed = documents.correct_page(
        olivia, case_id, 1, fields={"name": "架空 花子", "birth_date": "1990-01-03"}
    )
    assert fixed.fields["birth_date"] == "1990-01-03"
    event = list(desk.store.audit.events())[-1]
    assert event.detail["changed"] == ["fields"]
    assert "1990-01-03" not in repr(event)
    unchanged = documents.correct_page(olivia, case_id, 1, fields=dict(fixed.fields))
    assert unchanged == fixed
    assert list(desk.store.audit.events())[-1] == event


def test_evaluation_sees_the_stored_fields(desk: Desk) -> None:
    case_id = open_case(desk)
    olivia = desk.login("olivia")
    documents.add_page(olivia, case_id, masked(), holder=Holder.PRINCIPAL)
    review.evaluate(olivia, case_id)
    seen = desk.policies.seen[-1]
    assert seen["documents"] == [
        {
            "type": "health_insurance_card",
            "holder": "principal",
            "name": "架空 花子",
            "birth_date": "1990-01-02",
        }
    ]
    assert seen["principal"]["name"] == "架空 花子"
