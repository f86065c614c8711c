"""Label tables of the UI: codes (document types, mask kinds, statuses…) to translated words.

Source strings are English and marked with ``QT_TRANSLATE_NOOP`` so that ``pyside6-lupdate``
finds them; ``label()`` translates at the moment of display, so a language switch applies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.core.case import Holder, Requester, RequestType
from desktop.core.cases import CaseStatus, DocumentCategory
from desktop.core.documents import DocumentType, FieldName, SensitiveKind
from desktop.core.reasons import Decision

if TYPE_CHECKING:
    from collections.abc import Mapping

CONTEXT = "Texts"


def _n(text: object) -> str:
    # QT_TRANSLATE_NOOP is typed as returning object; the strings stay plain str.
    return str(text)


DOCUMENT_TYPES: Mapping[str, str] = {
    DocumentType.DRIVERS_LICENSE: _n(QT_TRANSLATE_NOOP("Texts", "Driver's licence")),
    DocumentType.PASSPORT: _n(QT_TRANSLATE_NOOP("Texts", "Passport")),
    DocumentType.MY_NUMBER_CARD: _n(QT_TRANSLATE_NOOP("Texts", "My Number card")),
    DocumentType.RESIDENCE_CARD: _n(QT_TRANSLATE_NOOP("Texts", "Residence card")),
    DocumentType.HEALTH_INSURANCE_CARD: _n(QT_TRANSLATE_NOOP("Texts", "Health insurance card")),
    DocumentType.PENSION_BOOK: _n(QT_TRANSLATE_NOOP("Texts", "Pension book")),
    DocumentType.FAMILY_REGISTER: _n(QT_TRANSLATE_NOOP("Texts", "Family register")),
    DocumentType.RESIDENCE_CERTIFICATE: _n(QT_TRANSLATE_NOOP("Texts", "Residence certificate")),
    DocumentType.SEAL_CERTIFICATE: _n(QT_TRANSLATE_NOOP("Texts", "Seal certificate")),
    DocumentType.REGISTERED_MATTERS_CERTIFICATE: _n(
        QT_TRANSLATE_NOOP("Texts", "Certificate of registered matters")
    ),
    DocumentType.POWER_OF_ATTORNEY: _n(QT_TRANSLATE_NOOP("Texts", "Power of attorney")),
    DocumentType.UNKNOWN: _n(QT_TRANSLATE_NOOP("Texts", "Unknown document")),
}

SENSITIVE_KINDS: Mapping[str, str] = {
    SensitiveKind.PERMANENT_DOMICILE: _n(QT_TRANSLATE_NOOP("Texts", "Permanent domicile")),
    SensitiveKind.INSURER_NUMBER: _n(QT_TRANSLATE_NOOP("Texts", "Insurer number")),
    SensitiveKind.INSURED_SYMBOL_NUMBER: _n(
        QT_TRANSLATE_NOOP("Texts", "Insured person's symbol and number")
    ),
    SensitiveKind.INDIVIDUAL_NUMBER: _n(QT_TRANSLATE_NOOP("Texts", "Individual number")),
    SensitiveKind.BASIC_PENSION_NUMBER: _n(QT_TRANSLATE_NOOP("Texts", "Basic pension number")),
    SensitiveKind.RESIDENT_RECORD_CODE: _n(QT_TRANSLATE_NOOP("Texts", "Resident record code")),
}

LETTER_KINDS: Mapping[str, str] = {
    "request_documents": _n(QT_TRANSLATE_NOOP("Texts", "Request for further documents")),
    "refusal": _n(QT_TRANSLATE_NOOP("Texts", "Refusal (ground and reason)")),
    "purpose_notification": _n(QT_TRANSLATE_NOOP("Texts", "Notice of the purpose of use")),
    "disclosure_notice": _n(QT_TRANSLATE_NOOP("Texts", "Disclosure notice (cover letter)")),
    "completion": _n(QT_TRANSLATE_NOOP("Texts", "Correction / cessation done")),
}
"""Letter kinds (the contract's codes, ``services.review.ResponseKind``) in words."""

CASE_STATUSES: Mapping[str, str] = {
    CaseStatus.INTAKE: _n(QT_TRANSLATE_NOOP("Texts", "Intake")),
    CaseStatus.IN_REVIEW: _n(QT_TRANSLATE_NOOP("Texts", "In review")),
    CaseStatus.RETURNED: _n(QT_TRANSLATE_NOOP("Texts", "Returned")),
    CaseStatus.APPROVED: _n(QT_TRANSLATE_NOOP("Texts", "Approved")),
    CaseStatus.REJECTED: _n(QT_TRANSLATE_NOOP("Texts", "Rejected")),
    CaseStatus.CLOSED: _n(QT_TRANSLATE_NOOP("Texts", "Closed")),
}

REQUEST_TYPES: Mapping[str, str] = {
    RequestType.PURPOSE_NOTIFICATION: _n(
        QT_TRANSLATE_NOOP("Texts", "Notification of purpose of use")
    ),
    RequestType.DISCLOSURE: _n(QT_TRANSLATE_NOOP("Texts", "Disclosure")),
    RequestType.CORRECTION: _n(QT_TRANSLATE_NOOP("Texts", "Correction, addition or deletion")),
    RequestType.CESSATION_OF_USE: _n(QT_TRANSLATE_NOOP("Texts", "Cessation of use or erasure")),
    RequestType.CESSATION_OF_PROVISION: _n(
        QT_TRANSLATE_NOOP("Texts", "Cessation of provision to third parties")
    ),
    RequestType.PROVISION_RECORDS: _n(
        QT_TRANSLATE_NOOP("Texts", "Disclosure of third-party provision records")
    ),
}

REQUESTERS: Mapping[str, str] = {
    Requester.PRINCIPAL: _n(QT_TRANSLATE_NOOP("Texts", "The principal")),
    Requester.LEGAL_REPRESENTATIVE: _n(QT_TRANSLATE_NOOP("Texts", "Legal representative")),
    Requester.APPOINTED_AGENT: _n(QT_TRANSLATE_NOOP("Texts", "Appointed agent")),
}

HOLDERS: Mapping[str, str] = {
    Holder.PRINCIPAL: _n(QT_TRANSLATE_NOOP("Texts", "Principal's document")),
    Holder.REPRESENTATIVE: _n(QT_TRANSLATE_NOOP("Texts", "Representative's document")),
}

CATEGORIES: Mapping[str, str] = {
    DocumentCategory.IDENTITY: _n(QT_TRANSLATE_NOOP("Texts", "Identity or authority document")),
    DocumentCategory.REQUEST_FORM: _n(QT_TRANSLATE_NOOP("Texts", "Request form")),
}

CHANNELS: Mapping[str, str] = {
    "post": _n(QT_TRANSLATE_NOOP("Texts", "Post")),
    "email": _n(QT_TRANSLATE_NOOP("Texts", "Email")),
    "web_form": _n(QT_TRANSLATE_NOOP("Texts", "Web form")),
    "counter": _n(QT_TRANSLATE_NOOP("Texts", "Counter")),
}

FIELDS: Mapping[str, str] = {
    FieldName.NAME: _n(QT_TRANSLATE_NOOP("Texts", "Name")),
    FieldName.BIRTH_DATE: _n(QT_TRANSLATE_NOOP("Texts", "Date of birth")),
    FieldName.ADDRESS: _n(QT_TRANSLATE_NOOP("Texts", "Address")),
    FieldName.EXPIRY_DATE: _n(QT_TRANSLATE_NOOP("Texts", "Valid until")),
    FieldName.ISSUED_ON: _n(QT_TRANSLATE_NOOP("Texts", "Issued on")),
    FieldName.DOCUMENT_NUMBER: _n(QT_TRANSLATE_NOOP("Texts", "Document number")),
}

DECISIONS: Mapping[str, str] = {
    Decision.VERIFIED: _n(QT_TRANSLATE_NOOP("Texts", "Identity verified")),
    Decision.MORE_DOCUMENTS_NEEDED: _n(QT_TRANSLATE_NOOP("Texts", "More documents needed")),
    Decision.REJECTED: _n(QT_TRANSLATE_NOOP("Texts", "Cannot be verified")),
}

PAGE_STATES: Mapping[str, str] = {
    "waiting": _n(QT_TRANSLATE_NOOP("Texts", "Waiting")),
    "analysing": _n(QT_TRANSLATE_NOOP("Texts", "Analysing")),
    "ready": _n(QT_TRANSLATE_NOOP("Texts", "To review")),
    "stored": _n(QT_TRANSLATE_NOOP("Texts", "Stored (masked)")),
    "failed": _n(QT_TRANSLATE_NOOP("Texts", "Failed")),
    "cancelled": _n(QT_TRANSLATE_NOOP("Texts", "Cancelled")),
    "disposed": _n(QT_TRANSLATE_NOOP("Texts", "Image disposed of")),
}


LANGUAGE_CODE = _n(QT_TRANSLATE_NOOP("Texts", "en"))
"""Translated to the code of the language loaded ("ja"), so code can follow the installed .qm."""


def ui_language() -> str:
    """The language the UI speaks now: "ja" when the Japanese translation is loaded, else "en"."""
    return "ja" if QCoreApplication.translate(CONTEXT, LANGUAGE_CODE) == "ja" else "en"


def label(table: Mapping[str, str], code: str) -> str:
    """The translated label of ``code`` in ``table``; the code itself when it is unknown."""
    source = table.get(str(code))
    if source is None:
        return str(code)
    return QCoreApplication.translate(CONTEXT, source)
