"""Properties of the engine over random cases: the contract's rules hold whatever is sent."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.case import Case, CaseDocument, Holder, Person, Requester, RequestType
from desktop.core.documents import DocumentType
from desktop.core.policy import Requirement, decide
from desktop.core.reasons import Decision, ReasonCode, decision_for
from tests.core.policy.factories import BUILTINS, load

POLICIES = {name: load(name) for name in BUILTINS}
NAMES = ["高橋 一郎", "髙橋 一郎", "田中 花子"]
BIRTHS = [date(1985, 4, 12), date(2015, 6, 1), None]
ADDRESSES = [
    "東京都渋谷区渋谷二丁目24番12号",
    "渋谷区渋谷2-24-12",
    "大阪府大阪市北区梅田1-1-1",
    None,
]
DATES = [date(2020, 1, 1), date(2026, 8, 1), date(2026, 11, 20), date(2030, 1, 1), None]

REQUIREMENT_CODES = {
    ReasonCode.PHOTO_ID_OR_TWO_DOCUMENTS: Requirement.PRINCIPAL_IDENTITY,
    ReasonCode.REPRESENTATIVE_ID_MISSING: Requirement.REPRESENTATIVE_IDENTITY,
    ReasonCode.AUTHORITY_PROOF_MISSING: Requirement.AUTHORITY,
    ReasonCode.POWER_OF_ATTORNEY_MISSING: Requirement.POWER_OF_ATTORNEY,
}
DOCUMENT_CODES = {
    ReasonCode.DOCUMENT_NOT_ACCEPTED,
    ReasonCode.DOCUMENT_EXPIRED,
    ReasonCode.CERTIFICATE_TOO_OLD,
}

documents = st.builds(
    CaseDocument,
    type=st.sampled_from(list(DocumentType)),
    holder=st.sampled_from([Holder.PRINCIPAL, Holder.REPRESENTATIVE, None]),
    name=st.sampled_from([*NAMES, None]),
    birth_date=st.sampled_from(BIRTHS),
    address=st.sampled_from(ADDRESSES),
    expiry_date=st.sampled_from(DATES),
    issued_on=st.sampled_from(DATES),
)
people = st.builds(
    Person,
    name=st.sampled_from(NAMES),
    birth_date=st.sampled_from(BIRTHS),
    address=st.sampled_from(ADDRESSES),
)
cases = st.builds(
    Case,
    received_on=st.just(date(2026, 11, 20)),
    request_types=st.just((RequestType.DISCLOSURE,)),
    requester=st.sampled_from(list(Requester)),
    principal=people,
    representative=st.one_of(st.none(), people),
    documents=st.lists(documents, max_size=7).map(tuple),
)


@settings(max_examples=300, deadline=None)
@given(c=cases, name=st.sampled_from(BUILTINS))
def test_contract_rules_hold(c: Case, name: str) -> None:
    policy = POLICIES[name]
    ev = decide(c, policy)
    found = {r.code for r in ev.reasons}
    assert ev.decision is decision_for(found)
    assert (ev.decision is Decision.VERIFIED) == (not ev.reasons)
    if ev.decision is Decision.MORE_DOCUMENTS_NEEDED or policy.deadline is None:
        assert ev.due_on is None
    else:
        assert ev.due_on is not None
        assert ev.due_on > c.received_on
    # every unmet requirement gives its own code, and only those
    unmet = {check.requirement for check in ev.checks if not check.met}
    assert unmet == {REQUIREMENT_CODES[code] for code in found & REQUIREMENT_CODES.keys()}
    # document codes come beside a requirement's code, never instead of it
    if found & DOCUMENT_CODES:
        assert found & REQUIREMENT_CODES.keys()
    for reason in ev.reasons:
        if reason.code in DOCUMENT_CODES:
            assert reason.document is not None
            assert reason.document not in {u.document for u in ev.used}
    # an identity document is used only for its holder
    for use in ev.used:
        assert 0 <= use.document < len(c.documents)
        if use.person is not None:
            assert c.documents[use.document].holder is use.person
    # the principal is always weighed; representatives only when they ask
    weighed = {check.requirement for check in ev.checks}
    assert Requirement.PRINCIPAL_IDENTITY in weighed
    if c.requester is Requester.PRINCIPAL:
        assert weighed == {Requirement.PRINCIPAL_IDENTITY}
        assert all(use.person is not Holder.REPRESENTATIVE for use in ev.used)
