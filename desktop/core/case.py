"""The request as the policy engine sees it (the contract's CASE.json), and its validation."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.core.documents import DocumentType
from desktop.core.eras import parse_date
from desktop.core.errors import InputError

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

_E = TypeVar("_E", bound=StrEnum)


class Requester(StrEnum):
    """Who makes the request; values are the contract's codes."""

    PRINCIPAL = "principal"  # 本人
    LEGAL_REPRESENTATIVE = "legal_representative"  # 法定代理人 (parent of a minor, guardian)
    APPOINTED_AGENT = "appointed_agent"  # 任意代理人 (power of attorney)


class Holder(StrEnum):
    """Whose document it is; values are the contract's codes."""

    PRINCIPAL = "principal"
    REPRESENTATIVE = "representative"  # the legal representative or the appointed agent


class RequestType(StrEnum):
    """What is asked for; values are the contract's codes (APPI Arts. 32–35)."""

    PURPOSE_NOTIFICATION = "purpose_notification"
    DISCLOSURE = "disclosure"
    CORRECTION = "correction"
    CESSATION_OF_USE = "cessation_of_use"
    CESSATION_OF_PROVISION = "cessation_of_provision"
    PROVISION_RECORDS = "provision_records"


@dataclass(frozen=True, slots=True)
class Person:
    """The principal or the representative as the request names them."""

    name: str
    birth_date: date | None = None
    address: str | None = None


@dataclass(frozen=True, slots=True)
class CaseDocument:
    """One enclosed document and the fields read from it (None: not shown or not read)."""

    type: DocumentType
    holder: Holder = Holder.PRINCIPAL
    name: str | None = None
    birth_date: date | None = None
    address: str | None = None
    expiry_date: date | None = None
    issued_on: date | None = None


@dataclass(frozen=True, slots=True)
class Case:
    """One data-subject request with its documents."""

    received_on: date
    request_types: tuple[RequestType, ...]
    requester: Requester
    principal: Person
    representative: Person | None = None
    documents: tuple[CaseDocument, ...] = ()


def age_on(birth_date: date, day: date) -> int:
    """Return the age in whole years on ``day`` (the birthday itself counts as attained)."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


# --- reading CASE.json --------------------------------------------------------------------
# The messages name the key path and never repeat a personal value (names, dates, addresses).


class _Reader:
    """Reads one decoded JSON object into the case model, naming the key path on failure."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, message: str) -> InputError:
        return InputError(self.source, f"{path}: {message}")

    def obj(self, value: Any, path: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"must be an object, not {_json_type(value)}")
        return value

    def required(self, obj: Mapping[str, Any], path: str, key: str) -> Any:
        if key not in obj or obj[key] is None:
            raise self.fail(_join(path, key), "missing field")
        return obj[key]

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"must be a string, not {_json_type(value)}")
        if not value.strip():
            raise self.fail(path, "must not be empty")
        return value

    def optional_text(self, obj: Mapping[str, Any], path: str, key: str) -> str | None:
        value = obj.get(key)
        if value is None or value == "":
            return None
        return self.text(value, _join(path, key))

    def day(self, value: Any, path: str) -> date:
        text = self.text(value, path)
        try:
            return parse_date(text)
        except ValueError as exc:
            raise self.fail(path, f"bad date: {exc}") from None

    def optional_date(self, obj: Mapping[str, Any], path: str, key: str) -> date | None:
        value = obj.get(key)
        if value is None or value == "":
            return None
        return self.day(value, _join(path, key))

    def code(self, value: Any, path: str, enum: type[_E], what: str) -> _E:
        text = self.text(value, path)
        try:
            return enum(text)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            raise self.fail(path, f"unknown {what} {text!r} (one of: {allowed})") from None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _person(r: _Reader, value: Any, path: str) -> Person:
    obj = r.obj(value, path)
    return Person(
        name=r.text(r.required(obj, path, "name"), _join(path, "name")),
        birth_date=r.optional_date(obj, path, "birth_date"),
        address=r.optional_text(obj, path, "address"),
    )


def _document(r: _Reader, value: Any, path: str) -> CaseDocument:
    obj = r.obj(value, path)
    doc_type = r.code(r.required(obj, path, "type"), f"{path}.type", DocumentType, "document type")
    # Without a holder a document is the principal's: the principal's identity is always
    # what a request must prove, and proof of authority or a power of attorney counts
    # whoever's it is anyway (contract: "How documents are weighed").
    holder = Holder.PRINCIPAL
    if obj.get("holder") is not None:
        holder = r.code(obj["holder"], f"{path}.holder", Holder, "holder")
    return CaseDocument(
        type=doc_type,
        holder=holder,
        name=r.optional_text(obj, path, "name"),
        birth_date=r.optional_date(obj, path, "birth_date"),
        address=r.optional_text(obj, path, "address"),
        expiry_date=r.optional_date(obj, path, "expiry_date"),
        issued_on=r.optional_date(obj, path, "issued_on"),
    )


def case_from_json(data: Any, source: str, *, documents_required: bool = True) -> Case:
    """Build a case from the decoded CASE.json of the contract.

    Args:
        data: the decoded JSON value.
        source: the file name, for error messages.
        documents_required: whether ``documents`` must be present (``check``: yes;
            ``case open``: no, pages are added later).

    Raises:
        InputError: a key is missing, unknown or of the wrong type, a date is bad, or a code
            (requester, request type, document type, holder) is unknown. The message names
            the key path (``documents[1].type``).
    """
    r = _Reader(source)
    obj = r.obj(data, "(top level)")
    received_on = r.day(r.required(obj, "", "received_on"), "received_on")
    types_value = r.required(obj, "", "request_types")
    if not isinstance(types_value, list):
        raise r.fail("request_types", f"must be a list, not {_json_type(types_value)}")
    request_types = tuple(
        r.code(v, f"request_types[{i}]", RequestType, "request type")
        for i, v in enumerate(types_value)
    )
    requester = r.code(r.required(obj, "", "requester"), "requester", Requester, "requester")
    principal = _person(r, r.required(obj, "", "principal"), "principal")
    representative: Person | None = None
    if requester is Requester.PRINCIPAL:
        if obj.get("representative") is not None:
            representative = _person(r, obj["representative"], "representative")
    else:
        representative = _person(r, r.required(obj, "", "representative"), "representative")
    docs_value = r.required(obj, "", "documents") if documents_required else obj.get("documents")
    if docs_value is None:
        docs_value = []
    if not isinstance(docs_value, list):
        raise r.fail("documents", f"must be a list, not {_json_type(docs_value)}")
    documents = tuple(_document(r, v, f"documents[{i}]") for i, v in enumerate(docs_value))
    return Case(received_on, request_types, requester, principal, representative, documents)
