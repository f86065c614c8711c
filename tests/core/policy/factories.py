"""Synthetic cases for the policy tests: invented people, documents built from the catalogue."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.case import Case, CaseDocument, Holder, Person, Requester, RequestType
from desktop.core.documents import CATALOGUE, DocumentType, FieldName, Validity
from desktop.core.policy import Policy, parse

POLICY_DIR = Path(__file__).resolve().parents[3] / "resources" / "policies"
BUILTINS = (
    "whi",
    "works-applications",
    "persol-cross-technology",
    "line-works",
    "leverages",
    "appi-default",
)
PHOTO_OR_TWO = (
    "whi",
    "works-applications",
    "persol-cross-technology",
    "line-works",
    "appi-default",
)
WITH_AGE_LIMIT = ("persol-cross-technology", "line-works", "appi-default")
WITHOUT_AGE_LIMIT = ("whi", "works-applications")

RECEIVED = date(2026, 11, 20)
ADDRESS = "東京都渋谷区渋谷二丁目24番12号"
PRINCIPAL = Person("高橋 一郎", date(1985, 4, 12), ADDRESS)
CHILD = Person("高橋 さくら", date(2015, 6, 1), ADDRESS)
PARENT = Person("高橋 美咲", date(1983, 9, 30), ADDRESS)
WARD = Person("高橋 正男", date(1940, 2, 3), "東京都世田谷区桜丘三丁目5番8号")
GUARDIAN = Person("鈴木 弁護", date(1970, 7, 7), "東京都千代田区丸の内一丁目1番1号")
AGENT = Person("佐藤 次郎", date(1979, 12, 1), "東京都新宿区西新宿二丁目8番1号")

T = DocumentType


def load(name: str) -> Policy:
    """A built-in policy, parsed by the core from its file's text."""
    path = POLICY_DIR / f"{name}.toml"
    return parse(path.read_text(encoding="utf-8"), path.name)


def doc(
    type_: DocumentType,
    who: Person = PRINCIPAL,
    holder: Holder | None = Holder.PRINCIPAL,
    **overrides: Any,
) -> CaseDocument:
    """A document of ``who`` showing what its type shows, valid on RECEIVED."""
    spec = CATALOGUE[type_]
    fields: dict[str, Any] = {}
    if FieldName.NAME in spec.fields:
        fields["name"] = who.name
    if FieldName.BIRTH_DATE in spec.fields:
        fields["birth_date"] = who.birth_date
    if FieldName.ADDRESS in spec.fields:
        fields["address"] = who.address
    if spec.validity is Validity.EXPIRY:
        fields["expiry_date"] = date(2029, 5, 12)
    if spec.validity is Validity.ISSUED:
        fields["issued_on"] = date(2026, 11, 1)
    document = CaseDocument(type=type_, holder=holder, **fields)
    return replace(document, **overrides)


def rep_doc(type_: DocumentType, who: Person, **overrides: Any) -> CaseDocument:
    """A document held by the representative."""
    return doc(type_, who, Holder.REPRESENTATIVE, **overrides)


def case(
    *documents: CaseDocument,
    requester: Requester = Requester.PRINCIPAL,
    principal: Person = PRINCIPAL,
    representative: Person | None = None,
    received_on: date = RECEIVED,
) -> Case:
    """A disclosure request with these documents."""
    return Case(
        received_on=received_on,
        request_types=(RequestType.DISCLOSURE,),
        requester=requester,
        principal=principal,
        representative=representative,
        documents=tuple(documents),
    )


def minor_case(*documents: CaseDocument, **kw: Any) -> Case:
    """A parent asks for a child of 11."""
    kw.setdefault("principal", CHILD)
    kw.setdefault("representative", PARENT)
    return case(*documents, requester=Requester.LEGAL_REPRESENTATIVE, **kw)


def ward_case(*documents: CaseDocument, **kw: Any) -> Case:
    """A guardian asks for an adult ward."""
    kw.setdefault("principal", WARD)
    kw.setdefault("representative", GUARDIAN)
    return case(*documents, requester=Requester.LEGAL_REPRESENTATIVE, **kw)


def agent_case(*documents: CaseDocument, **kw: Any) -> Case:
    """An agent appointed by power of attorney asks for an adult."""
    kw.setdefault("representative", AGENT)
    return case(*documents, requester=Requester.APPOINTED_AGENT, **kw)
