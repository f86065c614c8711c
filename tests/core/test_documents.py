"""The document catalogue agrees with DESIGN.md's table and the contract's codes."""

from __future__ import annotations

import pytest

from desktop.core.documents import CATALOGUE, PHOTO_IDS, DocumentType, SensitiveKind, spec
from desktop.core.reasons import Decision, ReasonCode, decision_for

CONTRACT_TYPES = [
    "drivers_license",
    "passport",
    "my_number_card",
    "residence_card",
    "health_insurance_card",
    "pension_book",
    "family_register",
    "residence_certificate",
    "seal_certificate",
    "registered_matters_certificate",
    "power_of_attorney",
    "unknown",
]


def test_every_contract_type_is_catalogued() -> None:
    assert sorted(CATALOGUE) == sorted(CONTRACT_TYPES)
    assert [t.value for t in DocumentType] == CONTRACT_TYPES


def test_photo_ids_are_the_four_of_design() -> None:
    assert {t.value for t in PHOTO_IDS} == {
        "drivers_license",
        "passport",
        "my_number_card",
        "residence_card",
    }


@pytest.mark.parametrize(
    ("type_", "kinds"),
    [
        ("health_insurance_card", {"insurer_number", "insured_symbol_number"}),
        ("pension_book", {"basic_pension_number"}),
        ("family_register", {"permanent_domicile"}),
        (
            "residence_certificate",
            {"permanent_domicile", "individual_number", "resident_record_code"},
        ),
        ("passport", {"permanent_domicile"}),
        ("residence_card", set()),
        ("seal_certificate", set()),
    ],
)
def test_masked_kinds(type_: str, kinds: set[str]) -> None:
    assert {k.value for k in spec(DocumentType(type_)).masked} == kinds


def test_passport_shows_no_address() -> None:
    assert "address" not in spec(DocumentType.PASSPORT).fields
    assert SensitiveKind.PERMANENT_DOMICILE in spec(DocumentType.PASSPORT).masked


def test_decisions_follow_codes() -> None:
    assert decision_for(set()) is Decision.VERIFIED
    assert decision_for({ReasonCode.ADDRESS_MISMATCH}) is Decision.MORE_DOCUMENTS_NEEDED
    assert (
        decision_for({ReasonCode.ADDRESS_MISMATCH, ReasonCode.NAME_MISMATCH}) is Decision.REJECTED
    )
