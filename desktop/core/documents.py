"""The document catalogue: every document type, what it shows and what must be masked."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping


class DocumentType(StrEnum):
    """Document types of the command-line contract; values are the contract's codes."""

    DRIVERS_LICENSE = "drivers_license"  # 運転免許証
    PASSPORT = "passport"  # 旅券
    MY_NUMBER_CARD = "my_number_card"  # 個人番号カード
    RESIDENCE_CARD = "residence_card"  # 在留カード
    HEALTH_INSURANCE_CARD = "health_insurance_card"  # 被保険者証 / 資格確認書
    PENSION_BOOK = "pension_book"  # 年金手帳 / 基礎年金番号通知書
    FAMILY_REGISTER = "family_register"  # 戸籍謄本・抄本
    RESIDENCE_CERTIFICATE = "residence_certificate"  # 住民票の写し
    SEAL_CERTIFICATE = "seal_certificate"  # 印鑑登録証明書
    REGISTERED_MATTERS_CERTIFICATE = "registered_matters_certificate"  # 登記事項証明書
    POWER_OF_ATTORNEY = "power_of_attorney"  # 委任状
    UNKNOWN = "unknown"


class SensitiveKind(StrEnum):
    """Kinds of region that must never be stored unmasked (contract's codes)."""

    PERMANENT_DOMICILE = "permanent_domicile"  # 本籍 / 本籍地 / Registered Domicile
    INSURER_NUMBER = "insurer_number"  # 保険者番号
    INSURED_SYMBOL_NUMBER = "insured_symbol_number"  # 記号・番号・枝番, QR code
    INDIVIDUAL_NUMBER = "individual_number"  # 個人番号 (My Number)
    BASIC_PENSION_NUMBER = "basic_pension_number"  # 基礎年金番号
    RESIDENT_RECORD_CODE = "resident_record_code"  # 住民票コード


class FieldName(StrEnum):
    """Fields read off a document; values are the contract's keys."""

    NAME = "name"
    BIRTH_DATE = "birth_date"
    ADDRESS = "address"
    EXPIRY_DATE = "expiry_date"
    ISSUED_ON = "issued_on"
    DOCUMENT_NUMBER = "document_number"


class Validity(StrEnum):
    """How a document's validity on the received date is judged."""

    EXPIRY = "expiry"  # valid while expiry_date >= received_on
    ISSUED = "issued"  # a certificate: judged by the policy's age limit on issued_on
    NONE = "none"  # no date printed (pension book): always valid


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    """What the catalogue knows of one document type.

    Attributes:
        type: the document type.
        photo: it carries the holder's photograph (a "photo ID").
        validity: how its validity is judged.
        fields: the fields it shows.
        masked: kinds of region that must be masked before storage.
        identity: it can prove who its holder is.
        authority: it can prove a representative's authority.
        label_ja: the name a Japanese requester knows it by.
        label_en: its English name.
    """

    type: DocumentType
    photo: bool
    validity: Validity
    fields: frozenset[FieldName]
    masked: frozenset[SensitiveKind]
    identity: bool
    authority: bool
    label_ja: str
    label_en: str


_F = FieldName
_S = SensitiveKind
_PERSON = frozenset({_F.NAME, _F.BIRTH_DATE, _F.ADDRESS})


def _spec(
    type_: DocumentType,
    *,
    photo: bool = False,
    validity: Validity,
    fields: frozenset[FieldName],
    masked: frozenset[SensitiveKind] = frozenset(),
    identity: bool = True,
    authority: bool = False,
    ja: str,
    en: str,
) -> DocumentSpec:
    return DocumentSpec(type_, photo, validity, fields, masked, identity, authority, ja, en)


_SPECS = (
    _spec(
        DocumentType.DRIVERS_LICENSE,
        photo=True,
        validity=Validity.EXPIRY,
        fields=_PERSON | {_F.EXPIRY_DATE, _F.ISSUED_ON, _F.DOCUMENT_NUMBER},
        masked=frozenset({_S.PERMANENT_DOMICILE}),  # pre-IC licences only print 本籍
        ja="運転免許証",
        en="driver's licence",
    ),
    _spec(
        DocumentType.PASSPORT,
        photo=True,
        validity=Validity.EXPIRY,
        # No address since the 2020 design: a passport proves identity, not address.
        fields=frozenset(
            {_F.NAME, _F.BIRTH_DATE, _F.EXPIRY_DATE, _F.ISSUED_ON, _F.DOCUMENT_NUMBER}
        ),
        masked=frozenset({_S.PERMANENT_DOMICILE}),  # Registered Domicile prefecture
        ja="パスポート（旅券）",
        en="passport",
    ),
    _spec(
        DocumentType.MY_NUMBER_CARD,
        photo=True,
        validity=Validity.EXPIRY,
        fields=_PERSON | {_F.EXPIRY_DATE},
        masked=frozenset({_S.INDIVIDUAL_NUMBER}),  # back: the number and its QR code
        ja="マイナンバーカード（個人番号カード）表面",
        en="My Number card (front)",
    ),
    _spec(
        DocumentType.RESIDENCE_CARD,
        photo=True,
        validity=Validity.EXPIRY,
        fields=_PERSON | {_F.EXPIRY_DATE, _F.ISSUED_ON, _F.DOCUMENT_NUMBER},
        ja="在留カード",
        en="residence card",
    ),
    _spec(
        DocumentType.HEALTH_INSURANCE_CARD,
        validity=Validity.EXPIRY,
        fields=_PERSON | {_F.EXPIRY_DATE, _F.ISSUED_ON},
        masked=frozenset({_S.INSURER_NUMBER, _S.INSURED_SYMBOL_NUMBER}),
        authority=True,  # a parent's card listing the child, for a minor principal only
        ja="健康保険証（資格確認書）",
        en="health insurance card",
    ),
    _spec(
        DocumentType.PENSION_BOOK,
        validity=Validity.NONE,
        fields=frozenset({_F.NAME, _F.BIRTH_DATE, _F.ISSUED_ON}),
        masked=frozenset({_S.BASIC_PENSION_NUMBER}),
        ja="年金手帳（基礎年金番号通知書）",
        en="pension book",
    ),
    _spec(
        DocumentType.FAMILY_REGISTER,
        validity=Validity.ISSUED,
        fields=frozenset({_F.NAME, _F.BIRTH_DATE, _F.ISSUED_ON}),
        masked=frozenset({_S.PERMANENT_DOMICILE}),  # 本籍 and 筆頭者
        authority=True,
        ja="戸籍謄本・抄本",
        en="family register",
    ),
    _spec(
        DocumentType.RESIDENCE_CERTIFICATE,
        validity=Validity.ISSUED,
        fields=_PERSON | {_F.ISSUED_ON},
        masked=frozenset({_S.PERMANENT_DOMICILE, _S.INDIVIDUAL_NUMBER, _S.RESIDENT_RECORD_CODE}),
        ja="住民票の写し",
        en="residence certificate",
    ),
    _spec(
        DocumentType.SEAL_CERTIFICATE,
        validity=Validity.ISSUED,
        fields=_PERSON | {_F.ISSUED_ON},
        ja="印鑑登録証明書",
        en="seal registration certificate",
    ),
    _spec(
        DocumentType.REGISTERED_MATTERS_CERTIFICATE,
        validity=Validity.ISSUED,
        fields=_PERSON | {_F.ISSUED_ON},
        masked=frozenset({_S.PERMANENT_DOMICILE}),  # the ward's 本籍
        identity=False,
        authority=True,
        ja="登記事項証明書（成年後見）",
        en="certificate of registered matters",
    ),
    _spec(
        DocumentType.POWER_OF_ATTORNEY,
        validity=Validity.NONE,
        fields=frozenset({_F.NAME, _F.ADDRESS, _F.ISSUED_ON}),
        identity=False,
        ja="委任状",
        en="power of attorney (letter of proxy)",
    ),
    _spec(
        DocumentType.UNKNOWN,
        validity=Validity.NONE,
        fields=frozenset(),
        identity=False,
        ja="不明な書類",
        en="unknown document",
    ),
)

CATALOGUE: Mapping[DocumentType, DocumentSpec] = MappingProxyType({s.type: s for s in _SPECS})
"""Every document type of the contract, keyed by type."""

PHOTO_IDS = frozenset(t for t, s in CATALOGUE.items() if s.photo)
IDENTITY_DOCUMENTS = frozenset(t for t, s in CATALOGUE.items() if s.identity)


def spec(type_: DocumentType) -> DocumentSpec:
    """Return the catalogue entry of a document type."""
    return CATALOGUE[type_]
