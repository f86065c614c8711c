"""Reason codes of a policy decision (the contract's codes) and the decisions they lead to."""

from __future__ import annotations

from enum import StrEnum


class Decision(StrEnum):
    """The outcome of weighing one case against a policy."""

    VERIFIED = "verified"
    MORE_DOCUMENTS_NEEDED = "more_documents_needed"
    REJECTED = "rejected"


class ReasonCode(StrEnum):
    """Why a case is not verified; values are the contract's codes."""

    # cured by sending more documents
    PHOTO_ID_OR_TWO_DOCUMENTS = "photo_id_or_two_documents"
    DOCUMENT_NOT_ACCEPTED = "document_not_accepted"
    DOCUMENT_EXPIRED = "document_expired"
    CERTIFICATE_TOO_OLD = "certificate_too_old"
    REPRESENTATIVE_ID_MISSING = "representative_id_missing"
    AUTHORITY_PROOF_MISSING = "authority_proof_missing"
    POWER_OF_ATTORNEY_MISSING = "power_of_attorney_missing"
    ADDRESS_MISMATCH = "address_mismatch"
    # a conflict of identity: a supervisor looks at it
    NAME_MISMATCH = "name_mismatch"
    BIRTH_DATE_MISMATCH = "birth_date_mismatch"


REJECTING_CODES = frozenset({ReasonCode.NAME_MISMATCH, ReasonCode.BIRTH_DATE_MISMATCH})
"""Codes that make the decision "rejected"; every other code asks for more documents."""


def decision_for(codes: frozenset[ReasonCode] | set[ReasonCode]) -> Decision:
    """Return the decision a set of reason codes leads to."""
    if not codes:
        return Decision.VERIFIED
    if codes & REJECTING_CODES:
        return Decision.REJECTED
    return Decision.MORE_DOCUMENTS_NEEDED
