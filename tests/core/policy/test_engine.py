"""The policy engine against each built-in policy: cases read off the seeds."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import pytest

from desktop.core.calendar import BusinessCalendar
from desktop.core.case import Holder, Person
from desktop.core.policy import Evaluation, RepresentativeKind, Requirement, Use, decide
from desktop.core.policy.engine import add_months, representative_kind
from desktop.core.reasons import Decision
from tests.core.policy.factories import (
    ADDRESS,
    AGENT,
    BUILTINS,
    CHILD,
    GUARDIAN,
    PARENT,
    PHOTO_OR_TWO,
    PRINCIPAL,
    RECEIVED,
    WARD,
    WITH_AGE_LIMIT,
    WITHOUT_AGE_LIMIT,
    T,
    agent_case,
    case,
    doc,
    load,
    minor_case,
    rep_doc,
    ward_case,
)

if TYPE_CHECKING:
    from desktop.core.case import Case, CaseDocument

V = Decision.VERIFIED
M = Decision.MORE_DOCUMENTS_NEEDED
R = Decision.REJECTED


def run(c: Case, policy: str) -> Evaluation:
    return decide(c, load(policy))


def codes(ev: Evaluation) -> list[str]:
    return [r.code.value for r in ev.reasons]


def assert_verdict(ev: Evaluation, decision: Decision, expected: list[str]) -> None:
    assert (ev.decision, codes(ev)) == (decision, expected)


# --- the principal: one photo ID or two other documents (seeds 000, 001; product default) ---

PHOTO_OR_TWO_TABLE = [
    # (id, documents, decision, codes)
    ("licence", [doc(T.DRIVERS_LICENSE)], V, []),
    ("passport", [doc(T.PASSPORT)], V, []),
    ("my number card", [doc(T.MY_NUMBER_CARD)], V, []),
    ("residence card", [doc(T.RESIDENCE_CARD)], V, []),
    ("one health card", [doc(T.HEALTH_INSURANCE_CARD)], M, ["photo_id_or_two_documents"]),
    ("one pension book", [doc(T.PENSION_BOOK)], M, ["photo_id_or_two_documents"]),
    ("health card + pension", [doc(T.HEALTH_INSURANCE_CARD), doc(T.PENSION_BOOK)], V, []),
    (
        "pension + family register",
        [doc(T.PENSION_BOOK), doc(T.FAMILY_REGISTER)],
        V,
        [],
    ),
    (
        "residence certificate + seal certificate",
        [doc(T.RESIDENCE_CERTIFICATE), doc(T.SEAL_CERTIFICATE)],
        V,
        [],
    ),
    (
        "two of the same type are not two documents",
        [doc(T.HEALTH_INSURANCE_CARD), doc(T.HEALTH_INSURANCE_CARD)],
        M,
        ["photo_id_or_two_documents"],
    ),
    ("nothing", [], M, ["photo_id_or_two_documents"]),
    (
        "expired licence alone",
        [doc(T.DRIVERS_LICENSE, expiry_date=date(2026, 11, 19))],
        M,
        ["photo_id_or_two_documents", "document_expired"],
    ),
    (
        "licence expiring on the day received is valid",
        [doc(T.DRIVERS_LICENSE, expiry_date=RECEIVED)],
        V,
        [],
    ),
    (
        "expired licence beside a valid passport is not used",
        [doc(T.DRIVERS_LICENSE, expiry_date=date(2025, 1, 1)), doc(T.PASSPORT)],
        V,
        [],
    ),
    (
        "expired licence + one health card",
        [doc(T.DRIVERS_LICENSE, expiry_date=date(2025, 1, 1)), doc(T.HEALTH_INSURANCE_CARD)],
        M,
        ["photo_id_or_two_documents", "document_expired"],
    ),
    (
        "expired passport + health card + pension",
        [
            doc(T.PASSPORT, expiry_date=date(2025, 1, 1)),
            doc(T.HEALTH_INSURANCE_CARD),
            doc(T.PENSION_BOOK),
        ],
        V,
        [],
    ),
    (
        "certificate of registered matters proves no identity",
        [doc(T.REGISTERED_MATTERS_CERTIFICATE), doc(T.HEALTH_INSURANCE_CARD)],
        M,
        ["photo_id_or_two_documents", "document_not_accepted"],
    ),
    (
        "unknown document",
        [doc(T.UNKNOWN)],
        M,
        ["photo_id_or_two_documents", "document_not_accepted"],
    ),
    (
        "a representative's licence does not count for the principal",
        [rep_doc(T.DRIVERS_LICENSE, PARENT)],
        M,
        ["photo_id_or_two_documents"],
    ),
    (
        "licence without expiry read counts",
        [doc(T.DRIVERS_LICENSE, expiry_date=None)],
        V,
        [],
    ),
]


@pytest.mark.parametrize("policy", PHOTO_OR_TWO)
@pytest.mark.parametrize(
    ("documents", "decision", "expected"),
    [pytest.param(d, dec, exp, id=i) for i, d, dec, exp in PHOTO_OR_TWO_TABLE],
)
def test_principal_photo_or_two(
    policy: str, documents: list[CaseDocument], decision: Decision, expected: list[str]
) -> None:
    ev = run(case(*documents), policy)
    assert_verdict(ev, decision, expected)
    assert ev.due_on is None  # none of these policies sets a response period


@pytest.mark.parametrize("policy", PHOTO_OR_TWO)
def test_reasons_name_person_document_and_params(policy: str) -> None:
    ev = run(
        case(doc(T.HEALTH_INSURANCE_CARD), doc(T.DRIVERS_LICENSE, expiry_date=date(2025, 1, 1))),
        policy,
    )
    requirement, expired = ev.reasons
    assert requirement.person is Holder.PRINCIPAL
    assert requirement.document is None
    assert dict(requirement.params)["rule"] == "photo_or_others"
    assert dict(requirement.params)["others"] == "2"
    assert (expired.person, expired.document) == (Holder.PRINCIPAL, 1)
    assert dict(expired.params) == {"type": "drivers_license", "expiry_date": "2025-01-01"}
    # the health card counted toward the unmet requirement
    assert [(u.document, u.use) for u in ev.used] == [(0, Use.IDENTITY)]
    assert [(c.requirement, c.met) for c in ev.checks] == [(Requirement.PRINCIPAL_IDENTITY, False)]


# --- certificates: 3 months for persol, line-works, appi-default; no limit for whi, WA ------

OLD_REGISTER = doc(T.FAMILY_REGISTER, issued_on=date(2026, 7, 1))


@pytest.mark.parametrize("policy", WITH_AGE_LIMIT)
def test_certificate_too_old(policy: str) -> None:
    ev = run(case(doc(T.HEALTH_INSURANCE_CARD), OLD_REGISTER), policy)
    assert_verdict(ev, M, ["photo_id_or_two_documents", "certificate_too_old"])
    too_old = ev.reasons[1]
    assert dict(too_old.params) == {
        "type": "family_register",
        "max_age_months": "3",
        "issued_on": "2026-07-01",
    }


@pytest.mark.parametrize("policy", WITHOUT_AGE_LIMIT)
def test_certificate_age_not_limited(policy: str) -> None:
    assert run(case(doc(T.HEALTH_INSURANCE_CARD), OLD_REGISTER), policy).decision is V


@pytest.mark.parametrize("policy", WITH_AGE_LIMIT)
@pytest.mark.parametrize(
    ("issued_on", "decision"),
    [
        (date(2026, 8, 20), V),  # exactly three months before
        (date(2026, 8, 19), M),  # a day more
        (None, M),  # an unknown issue date cannot meet the limit
    ],
)
def test_certificate_age_boundary(policy: str, issued_on: date | None, decision: Decision) -> None:
    register = doc(T.FAMILY_REGISTER, issued_on=issued_on)
    ev = run(case(doc(T.PENSION_BOOK), register), policy)
    assert ev.decision is decision


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 8, 20), 3, date(2026, 11, 20)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),  # no 30 February: the month's last day
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 10, 31), 2, date(2026, 12, 31)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


# --- conflicts: names, birth dates, addresses (contract) -----------------------------------


@pytest.mark.parametrize("policy", BUILTINS)
@pytest.mark.parametrize(
    ("overrides", "decision", "expected"),
    [
        pytest.param({"name": "高橋　一郎"}, V, [], id="full-width space"),
        pytest.param({"name": "髙橋一郎"}, V, [], id="はしごだか"),
        pytest.param({"name": "ﾀｶﾊｼ ｲﾁﾛｳ"}, R, ["name_mismatch"], id="reading is no name"),
        pytest.param({"name": "高橋 次郎"}, R, ["name_mismatch"], id="other name"),
        pytest.param({"birth_date": date(1985, 4, 13)}, R, ["birth_date_mismatch"], id="birth"),
        pytest.param(
            {"name": "田中 一郎", "birth_date": date(1990, 1, 1)},
            R,
            ["name_mismatch", "birth_date_mismatch"],
            id="both",
        ),
        pytest.param({"address": "東京都渋谷区渋谷2-24-12"}, V, [], id="address forms"),
        pytest.param({"address": "渋谷区渋谷二丁目２４番１２号"}, V, [], id="no prefecture"),
        pytest.param({"address": "東京都渋谷区渋谷2-24-13"}, M, ["address_mismatch"], id="moved"),
        pytest.param({"address": None}, V, [], id="address not read"),
        pytest.param({"name": None, "birth_date": None}, V, [], id="nothing read"),
    ],
)
def test_licence_fields_against_request(
    policy: str, overrides: dict[str, Any], decision: Decision, expected: list[str]
) -> None:
    ev = run(case(doc(T.DRIVERS_LICENSE, **overrides)), policy)
    assert_verdict(ev, decision, expected)
    if expected:
        assert all(r.person is Holder.PRINCIPAL for r in ev.reasons)


@pytest.mark.parametrize("policy", BUILTINS)
def test_passport_address_not_compared(policy: str) -> None:
    ev = run(case(doc(T.PASSPORT, address="大阪府大阪市北区梅田1-1-1")), policy)
    assert_verdict(ev, V, [])


@pytest.mark.parametrize("policy", BUILTINS)
def test_passport_name_in_latin_letters_is_not_a_conflict(policy: str) -> None:
    # A Japanese passport prints the name in Latin letters only; it cannot be compared with
    # the kanji of the request, so it is neither a match nor a conflict.
    ev = run(case(doc(T.PASSPORT, name="TAKAHASHI ICHIRO")), policy)
    assert_verdict(ev, V, [])


@pytest.mark.parametrize("policy", BUILTINS)
def test_latin_name_against_latin_request_is_compared(policy: str) -> None:
    foreign = Person("SMITH JANE", PRINCIPAL.birth_date, None)
    ev = run(case(doc(T.PASSPORT, name="SMITH JOHN"), principal=foreign), policy)
    assert_verdict(ev, R, ["name_mismatch"])


@pytest.mark.parametrize("policy", BUILTINS)
def test_matching_document_preferred_to_conflicting_one(policy: str) -> None:
    ev = run(case(doc(T.DRIVERS_LICENSE, name="高橋 次郎"), doc(T.PASSPORT)), policy)
    assert_verdict(ev, V, [])
    assert [u.document for u in ev.used] == [1]


@pytest.mark.parametrize("policy", BUILTINS)
def test_document_showing_address_preferred(policy: str) -> None:
    moved = doc(T.DRIVERS_LICENSE, address="東京都渋谷区渋谷1-1-1")
    ev = run(case(moved, doc(T.MY_NUMBER_CARD)), policy)
    assert_verdict(ev, V, [])
    assert [u.document for u in ev.used] == [1]


@pytest.mark.parametrize("policy", PHOTO_OR_TWO)
def test_address_cured_by_a_document_showing_it(policy: str) -> None:
    moved = doc(T.DRIVERS_LICENSE, address="東京都渋谷区渋谷1-1-1")
    certificate = doc(T.RESIDENCE_CERTIFICATE)
    ev = run(case(moved, certificate), policy)
    assert_verdict(ev, V, [])
    # the pair licence + certificate is two documents and shows the address: preferred
    assert [u.document for u in ev.used] == [0, 1]


def test_leverages_address_cured_by_a_document_off_the_list() -> None:
    moved = doc(T.DRIVERS_LICENSE, address="東京都渋谷区渋谷1-1-1")
    ev = run(case(moved, doc(T.RESIDENCE_CERTIFICATE)), "leverages")
    assert_verdict(ev, V, [])
    assert [(u.document, u.use, u.person) for u in ev.used] == [
        (0, Use.IDENTITY, Holder.PRINCIPAL),
        (1, Use.ADDRESS, Holder.PRINCIPAL),
    ]


@pytest.mark.parametrize("policy", PHOTO_OR_TWO)
def test_address_not_cured_by_a_conflicting_or_invalid_document(policy: str) -> None:
    moved = doc(T.DRIVERS_LICENSE, address="東京都渋谷区渋谷1-1-1")
    other_person = doc(T.RESIDENCE_CERTIFICATE, name="田中 花子")
    expired = doc(T.MY_NUMBER_CARD, expiry_date=date(2020, 1, 1))
    ev = run(case(moved, other_person, expired), policy)
    assert_verdict(ev, M, ["address_mismatch"])


@pytest.mark.parametrize("policy", PHOTO_OR_TWO)
def test_conflict_on_a_partial_set_is_shown(policy: str) -> None:
    ev = run(case(doc(T.HEALTH_INSURANCE_CARD, name="田中 花子")), policy)
    assert_verdict(ev, R, ["photo_id_or_two_documents", "name_mismatch"])


# --- leverages (seed 004): one of a list; 14 business days --------------------------------

LEVERAGES_TABLE = [
    ("licence", [doc(T.DRIVERS_LICENSE)], V, []),
    ("health card alone suffices", [doc(T.HEALTH_INSURANCE_CARD)], V, []),
    ("my number card", [doc(T.MY_NUMBER_CARD)], V, []),
    ("pension book", [doc(T.PENSION_BOOK)], V, []),
    ("residence card", [doc(T.RESIDENCE_CARD)], V, []),
    ("passport", [doc(T.PASSPORT)], V, []),
    (
        "residence certificate is not on the list",
        [doc(T.RESIDENCE_CERTIFICATE)],
        M,
        ["photo_id_or_two_documents", "document_not_accepted"],
    ),
    (
        "family register is not on the list",
        [doc(T.FAMILY_REGISTER), doc(T.SEAL_CERTIFICATE)],
        M,
        ["photo_id_or_two_documents", "document_not_accepted", "document_not_accepted"],
    ),
    (
        "expired health card",
        [doc(T.HEALTH_INSURANCE_CARD, expiry_date=date(2025, 12, 1))],
        M,
        ["photo_id_or_two_documents", "document_expired"],
    ),
    (
        "no age limit on certificates, but not accepted",
        [doc(T.PENSION_BOOK), doc(T.RESIDENCE_CERTIFICATE, issued_on=date(2020, 1, 1))],
        V,
        [],
    ),
    ("nothing", [], M, ["photo_id_or_two_documents"]),
]


@pytest.mark.parametrize(
    ("documents", "decision", "expected"),
    [pytest.param(d, dec, exp, id=i) for i, d, dec, exp in LEVERAGES_TABLE],
)
def test_leverages_principal(
    documents: list[CaseDocument], decision: Decision, expected: list[str]
) -> None:
    ev = run(case(*documents), "leverages")
    assert_verdict(ev, decision, expected)
    assert ev.due_on == (None if decision is M else date(2026, 12, 11))


def test_leverages_requirement_params_name_the_list() -> None:
    ev = run(case(), "leverages")
    params = dict(ev.reasons[0].params)
    assert params["rule"] == "one_of"
    assert params["documents"].split(",") == [
        "drivers_license",
        "health_insurance_card",
        "my_number_card",
        "pension_book",
        "residence_card",
        "passport",
    ]


@pytest.mark.parametrize(
    ("received_on", "due_on"),
    [
        (date(2026, 11, 20), date(2026, 12, 11)),  # 23 Nov (勤労感謝の日) not counted
        (date(2026, 12, 22), date(2027, 1, 18)),  # 29 Dec – 3 Jan and 成人の日 (11 Jan)
        (date(2026, 4, 28), date(2026, 5, 22)),  # Golden Week: 29 Apr, 3–6 May (6th: 振替休日)
        (date(2026, 9, 18), date(2026, 10, 14)),  # 21 Sep 敬老の日, 22 国民の休日, 23 秋分, 12 Oct
    ],
)
def test_leverages_due_on(received_on: date, due_on: date) -> None:
    ev = run(case(doc(T.DRIVERS_LICENSE), received_on=received_on), "leverages")
    assert ev.decision is V
    assert ev.due_on == due_on


def test_leverages_rejected_case_still_has_a_deadline() -> None:
    ev = run(case(doc(T.DRIVERS_LICENSE, name="山本 一郎")), "leverages")
    assert_verdict(ev, R, ["name_mismatch"])
    assert ev.due_on == date(2026, 12, 11)


def test_calendar_is_injected() -> None:
    closed = BusinessCalendar(closed_on=frozenset({date(2026, 11, 24)}))
    ev = decide(case(doc(T.DRIVERS_LICENSE)), load("leverages"), closed)
    assert ev.due_on == date(2026, 12, 14)


# --- legal representatives -----------------------------------------------------------------

CHILD_PASSPORT = doc(T.PASSPORT, CHILD)
PARENT_LICENCE = rep_doc(T.DRIVERS_LICENSE, PARENT)
# a family register lists parent and child; its name field shows the head of the household
REGISTER = doc(T.FAMILY_REGISTER, PARENT, Holder.REPRESENTATIVE)
PARENT_CARD = rep_doc(T.HEALTH_INSURANCE_CARD, PARENT)


@pytest.mark.parametrize("policy", BUILTINS)
@pytest.mark.parametrize(
    ("documents", "decision", "expected"),
    [
        pytest.param([CHILD_PASSPORT, PARENT_LICENCE, REGISTER], V, [], id="complete"),
        pytest.param(
            [PARENT_LICENCE, REGISTER], M, ["photo_id_or_two_documents"], id="no child ID"
        ),
        pytest.param(
            [CHILD_PASSPORT, REGISTER], M, ["representative_id_missing"], id="no parent ID"
        ),
        pytest.param(
            [CHILD_PASSPORT, PARENT_LICENCE], M, ["authority_proof_missing"], id="no proof"
        ),
        pytest.param(
            [],
            M,
            ["photo_id_or_two_documents", "representative_id_missing", "authority_proof_missing"],
            id="nothing",
        ),
        pytest.param(
            [CHILD_PASSPORT, PARENT_LICENCE, PARENT_CARD], V, [], id="parent's card lists child"
        ),
        pytest.param(
            [CHILD_PASSPORT, PARENT_LICENCE, doc(T.REGISTERED_MATTERS_CERTIFICATE, PARENT, None)],
            V,
            [],
            id="registered matters",
        ),
        pytest.param(
            [CHILD_PASSPORT, rep_doc(T.DRIVERS_LICENSE, PARENT, name="高橋 美香"), REGISTER],
            R,
            ["name_mismatch"],
            id="parent's name conflicts",
        ),
        pytest.param(
            [
                CHILD_PASSPORT,
                rep_doc(T.DRIVERS_LICENSE, PARENT, expiry_date=date(2026, 1, 1)),
                PARENT_CARD,
            ],
            None,  # depends on the policy: the card is ID enough for leverages, not for whi
            None,
            id="expired parent licence",
        ),
    ],
)
def test_parent_of_minor(
    policy: str,
    documents: list[CaseDocument],
    decision: Decision | None,
    expected: list[str] | None,
) -> None:
    ev = run(minor_case(*documents), policy)
    assert ev.representative_kind is RepresentativeKind.MINOR
    if decision is None:
        if policy == "leverages":
            assert_verdict(ev, V, [])
        else:
            assert_verdict(ev, M, ["representative_id_missing", "document_expired"])
            assert ev.reasons[0].person is Holder.REPRESENTATIVE
        return
    assert_verdict(ev, decision, expected or [])
    if "representative_id_missing" in codes(ev):
        missing = next(r for r in ev.reasons if r.code.value == "representative_id_missing")
        assert missing.person is Holder.REPRESENTATIVE


@pytest.mark.parametrize("policy", BUILTINS)
def test_one_document_is_id_and_proof(policy: str) -> None:
    # leverages: the parent's card is both the parent's ID and the proof over the child
    ev = run(minor_case(CHILD_PASSPORT, PARENT_CARD, PARENT_LICENCE), policy)
    assert_verdict(ev, V, [])
    uses = {(u.document, u.use) for u in ev.used}
    assert (2, Use.IDENTITY) in uses or (1, Use.IDENTITY) in uses
    assert (1, Use.AUTHORITY) in uses


def test_leverages_card_is_id_and_proof_at_once() -> None:
    ev = run(minor_case(CHILD_PASSPORT, PARENT_CARD), "leverages")
    assert_verdict(ev, V, [])
    assert {(u.document, u.use) for u in ev.used} == {
        (0, Use.IDENTITY),
        (1, Use.IDENTITY),
        (1, Use.AUTHORITY),
    }


@pytest.mark.parametrize("policy", PHOTO_OR_TWO)
def test_whi_parent_with_two_documents_one_being_the_register(policy: str) -> None:
    ev = run(minor_case(CHILD_PASSPORT, PARENT_CARD, REGISTER), policy)
    assert_verdict(ev, V, [])


def test_leverages_representative_id_list() -> None:
    passport = rep_doc(T.PASSPORT, PARENT)
    ev = run(minor_case(CHILD_PASSPORT, passport, REGISTER), "leverages")
    assert_verdict(ev, M, ["representative_id_missing", "document_not_accepted"])
    assert (ev.reasons[1].person, ev.reasons[1].document) == (Holder.REPRESENTATIVE, 1)


@pytest.mark.parametrize("policy", BUILTINS)
def test_expired_proof_of_authority(policy: str) -> None:
    card = rep_doc(T.HEALTH_INSURANCE_CARD, PARENT, expiry_date=date(2026, 3, 31))
    ev = run(minor_case(CHILD_PASSPORT, PARENT_LICENCE, card), policy)
    assert ev.decision is M
    assert codes(ev)[0] == "authority_proof_missing"
    assert "document_expired" in codes(ev)
    assert dict(ev.reasons[0].params)["kind"] == "minor"


@pytest.mark.parametrize("policy", WITH_AGE_LIMIT)
def test_old_family_register_as_proof(policy: str) -> None:
    old = doc(T.FAMILY_REGISTER, PARENT, None, issued_on=date(2025, 1, 10))
    ev = run(minor_case(CHILD_PASSPORT, PARENT_LICENCE, old), policy)
    assert_verdict(ev, M, ["authority_proof_missing", "certificate_too_old"])


WARD_CARD = doc(T.HEALTH_INSURANCE_CARD, WARD)
WARD_PENSION = doc(T.PENSION_BOOK, WARD)
GUARDIAN_LICENCE = rep_doc(T.DRIVERS_LICENSE, GUARDIAN)
REGISTERED = doc(T.REGISTERED_MATTERS_CERTIFICATE, GUARDIAN, None)


@pytest.mark.parametrize("policy", BUILTINS)
@pytest.mark.parametrize(
    ("documents", "decision", "expected"),
    [
        pytest.param([WARD_CARD, WARD_PENSION, GUARDIAN_LICENCE, REGISTERED], V, [], id="complete"),
        pytest.param(
            [WARD_CARD, WARD_PENSION, GUARDIAN_LICENCE],
            M,
            ["authority_proof_missing"],
            id="no proof",
        ),
        pytest.param(
            [WARD_CARD, WARD_PENSION, GUARDIAN_LICENCE, rep_doc(T.HEALTH_INSURANCE_CARD, GUARDIAN)],
            M,
            ["authority_proof_missing", "document_not_accepted"],
            id="a card proves no guardianship",
        ),
        pytest.param(
            [WARD_CARD, WARD_PENSION, REGISTERED],
            M,
            ["representative_id_missing"],
            id="no guardian ID",
        ),
        pytest.param(
            [GUARDIAN_LICENCE, REGISTERED],
            M,
            ["photo_id_or_two_documents"],
            id="no ward ID",
        ),
        pytest.param(
            [
                WARD_CARD,
                WARD_PENSION,
                rep_doc(T.DRIVERS_LICENSE, GUARDIAN, birth_date=date(1971, 7, 7)),
                REGISTERED,
            ],
            R,
            ["birth_date_mismatch"],
            id="guardian birth date conflicts",
        ),
        pytest.param(
            [
                WARD_CARD,
                WARD_PENSION,
                rep_doc(T.DRIVERS_LICENSE, GUARDIAN, address="東京都港区芝公園4-2-8"),
                REGISTERED,
            ],
            M,
            ["address_mismatch"],
            id="guardian moved",
        ),
    ],
)
def test_guardian_of_adult_ward(
    policy: str, documents: list[CaseDocument], decision: Decision, expected: list[str]
) -> None:
    ev = run(ward_case(*documents), policy)
    assert ev.representative_kind is RepresentativeKind.ADULT_WARD
    assert_verdict(ev, decision, expected)
    if "address_mismatch" in expected:
        assert ev.reasons[0].person is Holder.REPRESENTATIVE


@pytest.mark.parametrize(
    ("policy", "decision", "expected"),
    [
        ("whi", V, []),
        ("works-applications", V, []),
        ("persol-cross-technology", V, []),
        ("line-works", V, []),
        ("appi-default", V, []),
        ("leverages", M, ["authority_proof_missing", "document_not_accepted"]),
    ],
)
def test_family_register_for_an_adult_ward(
    policy: str, decision: Decision, expected: list[str]
) -> None:
    register = doc(T.FAMILY_REGISTER, WARD, None)
    ev = run(ward_case(WARD_CARD, WARD_PENSION, GUARDIAN_LICENCE, register), policy)
    assert_verdict(ev, decision, expected)


@pytest.mark.parametrize(
    ("birth_date", "kind"),
    [
        (date(2008, 11, 21), RepresentativeKind.MINOR),  # 18 tomorrow
        (date(2008, 11, 20), RepresentativeKind.ADULT_WARD),  # 18 today
        (None, RepresentativeKind.ADULT_WARD),  # unknown: no card as proof
    ],
)
def test_minority_on_the_received_date(birth_date: date | None, kind: RepresentativeKind) -> None:
    principal = Person("高橋 さくら", birth_date, ADDRESS)
    c = case(principal=principal, representative=PARENT, requester=minor_case().requester)
    assert representative_kind(c) is kind


@pytest.mark.parametrize("policy", BUILTINS)
def test_eighteen_year_old_needs_guardianship_proof(policy: str) -> None:
    adult = Person("高橋 さくら", date(2008, 11, 20), ADDRESS)
    documents = [doc(T.PASSPORT, adult), PARENT_LICENCE, PARENT_CARD]
    ev = run(minor_case(*documents, principal=adult), policy)
    assert ev.decision is M
    assert "authority_proof_missing" in codes(ev)


# --- appointed agents ---------------------------------------------------------------------

POA = doc(T.POWER_OF_ATTORNEY, PRINCIPAL, None)
AGENT_LICENCE = rep_doc(T.DRIVERS_LICENSE, AGENT)


@pytest.mark.parametrize("policy", BUILTINS)
@pytest.mark.parametrize(
    ("documents", "decision", "expected"),
    [
        pytest.param([doc(T.DRIVERS_LICENSE), AGENT_LICENCE, POA], V, [], id="complete"),
        pytest.param(
            [doc(T.DRIVERS_LICENSE), AGENT_LICENCE],
            M,
            ["power_of_attorney_missing"],
            id="no power of attorney",
        ),
        pytest.param(
            [doc(T.DRIVERS_LICENSE), POA], M, ["representative_id_missing"], id="no agent ID"
        ),
        pytest.param([AGENT_LICENCE, POA], M, ["photo_id_or_two_documents"], id="no principal ID"),
        pytest.param(
            [],
            M,
            ["photo_id_or_two_documents", "representative_id_missing", "power_of_attorney_missing"],
            id="nothing",
        ),
        pytest.param(
            [doc(T.DRIVERS_LICENSE), rep_doc(T.DRIVERS_LICENSE, AGENT, name="佐藤 三郎"), POA],
            R,
            ["name_mismatch"],
            id="agent name conflicts",
        ),
        pytest.param(
            [doc(T.DRIVERS_LICENSE), rep_doc(T.POWER_OF_ATTORNEY, AGENT), AGENT_LICENCE],
            V,
            [],
            id="power of attorney counts whoever's",
        ),
    ],
)
def test_appointed_agent(
    policy: str, documents: list[CaseDocument], decision: Decision, expected: list[str]
) -> None:
    ev = run(agent_case(*documents), policy)
    assert ev.representative_kind is None
    assert_verdict(ev, decision, expected)


def test_leverages_agent_needs_licence_or_health_card() -> None:
    ev = run(agent_case(doc(T.PASSPORT), rep_doc(T.MY_NUMBER_CARD, AGENT), POA), "leverages")
    assert_verdict(ev, M, ["representative_id_missing", "document_not_accepted"])
    ev = run(agent_case(doc(T.PASSPORT), rep_doc(T.HEALTH_INSURANCE_CARD, AGENT), POA), "leverages")
    assert_verdict(ev, V, [])
    assert ev.due_on == date(2026, 12, 11)


def test_representative_documents_ignored_when_the_principal_asks() -> None:
    ev = run(case(doc(T.DRIVERS_LICENSE), rep_doc(T.DRIVERS_LICENSE, AGENT, name="x")), "whi")
    assert_verdict(ev, V, [])


def test_representative_unnamed_on_request_is_not_compared() -> None:
    c = agent_case(doc(T.DRIVERS_LICENSE), AGENT_LICENCE, POA, representative=None)
    assert_verdict(decide(c, load("whi")), V, [])


def test_document_used_elsewhere_gets_no_not_accepted_reason() -> None:
    # leverages: the principal's family register proves authority; it is no ID for her, but
    # since it is used, it is not called "not accepted".
    register = doc(T.FAMILY_REGISTER, CHILD)
    ev = run(minor_case(register, PARENT_LICENCE), "leverages")
    assert_verdict(ev, M, ["photo_id_or_two_documents"])


def test_principal_address_compared_only_when_on_request() -> None:
    principal = Person(PRINCIPAL.name, PRINCIPAL.birth_date, None)
    ev = run(case(doc(T.DRIVERS_LICENSE, address="どこか"), principal=principal), "whi")
    assert_verdict(ev, V, [])
