"""The letters repository: PDF kept apart from the listing, delivery recorded, migration 0003."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import pytest
from sqlcipher3 import dbapi2

from desktop.store import migrate
from desktop.store.db import NotFound, Store
from tests.store.conftest import ADMIN, ADMIN_PASSWORD, FAST_KDF, OPERATOR, open_case

if TYPE_CHECKING:
    from pathlib import Path

AT = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)


def test_letters_are_stored_listed_and_read_back(store: Store) -> None:
    case_id = open_case(store, "架空 太郎")
    other = open_case(store, "架空 次郎")
    first = store.letters.add(case_id, "request_documents", b"%PDF-1.4 one", OPERATOR, AT)
    second = store.letters.add(case_id, "refusal", b"%PDF-1.4 two", ADMIN, AT)
    store.letters.add(other, "completion", b"%PDF-1.4 three", OPERATOR, AT)
    listed = store.letters.for_case(case_id)
    assert [(x.letter_id, x.kind, x.created_by) for x in listed] == [
        (first, "request_documents", OPERATOR),
        (second, "refusal", ADMIN),
    ]
    assert listed[0].created_at == AT
    assert listed[0].delivery_channel is None
    assert listed[0].delivered_on is None
    assert store.letters.pdf(second) == b"%PDF-1.4 two"
    assert store.letters.get(second) == listed[1]
    assert store.letters.get(999) is None
    assert store.letters.pdf(999) is None


def test_a_letter_needs_its_case(store: Store) -> None:
    with pytest.raises(NotFound):
        store.letters.add("2026-999999", "refusal", b"%PDF", OPERATOR, AT)


def test_delivery_is_recorded_and_survives_reopening(
    created: tuple[Store, str], store_dir: Path
) -> None:
    store = created[0]
    case_id = open_case(store, "架空 太郎")
    letter_id = store.letters.add(case_id, "refusal", b"%PDF-1.4", OPERATOR, AT)
    store.letters.record_delivery(letter_id, "email_attachment", date(2026, 11, 25), ADMIN, AT)
    store.close()
    again = Store.unlock(store_dir, ADMIN, ADMIN_PASSWORD, kdf=FAST_KDF)
    try:
        letter = again.letters.get(letter_id)
        assert letter is not None
        assert (letter.delivery_channel, letter.delivered_on, letter.delivered_by) == (
            "email_attachment",
            date(2026, 11, 25),
            ADMIN,
        )
    finally:
        again.close()


def test_delivery_of_an_unknown_letter(store: Store) -> None:
    with pytest.raises(NotFound):
        store.letters.record_delivery(42, "post", date(2026, 11, 25), ADMIN, AT)


def test_the_schema_refuses_an_unknown_channel(store: Store) -> None:
    case_id = open_case(store, "架空 太郎")
    letter_id = store.letters.add(case_id, "refusal", b"%PDF-1.4", OPERATOR, AT)
    with pytest.raises(dbapi2.IntegrityError):
        store.letters.record_delivery(letter_id, "fax", date(2026, 11, 25), ADMIN, AT)
    letter = store.letters.get(letter_id)
    assert letter is not None
    assert letter.delivery_channel is None


def test_migration_0003_adds_the_delivery_columns(store: Store) -> None:
    names = [m.name for m in migrate.discover()]
    assert "0003_letters.sql" in names
    columns = {row[1] for row in store.connection.execute("PRAGMA table_info(letters)")}
    assert {"delivery_channel", "delivered_on", "delivered_by", "delivery_recorded_at"} <= columns
