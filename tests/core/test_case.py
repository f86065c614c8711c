"""Reading CASE.json into the case model: what is accepted and how mistakes are named."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from desktop.core.case import (
    Case,
    CaseDocument,
    Holder,
    Person,
    Requester,
    RequestType,
    age_on,
    case_from_json,
)
from desktop.core.documents import DocumentType
from desktop.core.errors import InputError

GOOD: dict[str, Any] = {
    "received_on": "2026-11-20",
    "request_types": ["disclosure", "purpose_notification"],
    "requester": "legal_representative",
    "principal": {"name": "高橋 さくら", "birth_date": "平成27年6月1日", "address": "東京都渋谷区"},
    "representative": {"name": "高橋 美咲", "birth_date": "1983-09-30"},
    "documents": [
        {
            "type": "drivers_license",
            "holder": "representative",
            "name": "高橋 美咲",
            "birth_date": "1983-09-30",
            "address": "東京都渋谷区",
            "expiry_date": "令和11年5月12日",
        },
        {"type": "family_register", "issued_on": "2026-11-01", "name": ""},
        {"type": "power_of_attorney"},
    ],
}


def test_good_case() -> None:
    c = case_from_json(GOOD, "case.json")
    assert c == Case(
        received_on=date(2026, 11, 20),
        request_types=(RequestType.DISCLOSURE, RequestType.PURPOSE_NOTIFICATION),
        requester=Requester.LEGAL_REPRESENTATIVE,
        principal=Person("高橋 さくら", date(2015, 6, 1), "東京都渋谷区"),
        representative=Person("高橋 美咲", date(1983, 9, 30), None),
        documents=(
            CaseDocument(
                DocumentType.DRIVERS_LICENSE,
                Holder.REPRESENTATIVE,
                "高橋 美咲",
                date(1983, 9, 30),
                "東京都渋谷区",
                date(2029, 5, 12),
                None,
            ),
            CaseDocument(DocumentType.FAMILY_REGISTER, issued_on=date(2026, 11, 1)),
            CaseDocument(DocumentType.POWER_OF_ATTORNEY),
        ),
    )


def test_principal_case_without_representative_or_documents() -> None:
    data: dict[str, Any] = {
        "received_on": "2026-11-20",
        "request_types": [],
        "requester": "principal",
        "principal": {"name": "高橋 一郎"},
        "representative": None,
    }
    c = case_from_json(data, "c.json", documents_required=False)
    assert (c.representative, c.documents, c.request_types) == (None, (), ())
    data["representative"] = {"name": "高橋 美咲"}
    assert case_from_json(data, "c.json", documents_required=False).representative == Person(
        "高橋 美咲"
    )


def _broken(path: list[str | int], value: Any = ...) -> dict[str, Any]:
    data = copy.deepcopy(GOOD)
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["received_on"], ..., "received_on: missing field"),
        (["received_on"], "2026-13-01", "received_on: bad date"),
        (["received_on"], 20261120, "received_on: must be a string, not a number"),
        (["received_on"], "  ", "received_on: must not be empty"),
        (["request_types"], ..., "request_types: missing field"),
        (["request_types"], "disclosure", "request_types: must be a list, not a string"),
        (["request_types", 1], "deletion", "request_types[1]: unknown request type 'deletion'"),
        (["requester"], "friend", "requester: unknown requester 'friend'"),
        (["requester"], None, "requester: missing field"),
        (["principal"], ..., "principal: missing field"),
        (["principal"], ["x"], "principal: must be an object, not a list"),
        (["principal", "name"], ..., "principal.name: missing field"),
        (["principal", "birth_date"], "昨日", "principal.birth_date: bad date"),
        (["principal", "address"], True, "principal.address: must be a string, not true/false"),
        (["representative"], ..., "representative: missing field"),
        (["documents"], ..., "documents: missing field"),
        (["documents"], {}, "documents: must be a list, not an object"),
        (["documents", 0, "type"], ..., "documents[0].type: missing field"),
        (["documents", 0, "type"], "library_card", "documents[0].type: unknown document type"),
        (["documents", 0, "holder"], "agent", "documents[0].holder: unknown holder 'agent'"),
        (["documents", 0, "expiry_date"], "2029-02-30", "documents[0].expiry_date: bad date"),
        (["documents", 2], "委任状", "documents[2]: must be an object, not a string"),
        (["documents", 1, "name"], 3.5, "documents[1].name: must be a string, not a number"),
        (["documents", 1, "name"], [1], "documents[1].name: must be a string, not a list"),
    ],
)
def test_mistakes_name_the_key_path(path: list[str | int], value: Any, message: str) -> None:
    with pytest.raises(InputError) as caught:
        case_from_json(_broken(path, value), "case.json")
    assert caught.value.source == "case.json"
    assert caught.value.message.startswith(message)
    assert caught.value.line is None


def test_top_level_must_be_an_object() -> None:
    with pytest.raises(InputError, match=r"\(top level\): must be an object, not null"):
        case_from_json(None, "case.json")


def test_messages_do_not_repeat_personal_values() -> None:
    with pytest.raises(InputError) as caught:
        case_from_json(_broken(["principal", "birth_date"], "昭和九十九年"), "case.json")
    assert "九十九" not in str(caught.value)


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(2008, 11, 20), date(2026, 11, 20), 18),
        (date(2008, 11, 21), date(2026, 11, 20), 17),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
    ],
)
def test_age_on(birth: date, day: date, age: int) -> None:
    assert age_on(birth, day) == age


def test_document_without_holder_is_the_principals() -> None:
    data = copy.deepcopy(GOOD)
    del data["documents"][0]["holder"]
    assert case_from_json(data, "case.json").documents[0].holder is Holder.PRINCIPAL


def test_keys_the_contract_does_not_name_are_ignored() -> None:
    data = copy.deepcopy(GOOD)
    data["note"] = "scanned twice"
    data["principal"]["kana"] = "タカハシ サクラ"
    data["documents"][0]["number"] = "123456789012"
    assert case_from_json(data, "case.json") == case_from_json(GOOD, "case.json")
