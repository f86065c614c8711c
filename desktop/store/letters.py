"""Letters written to requesters: the PDF, who wrote it, and how and when it was delivered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from desktop.store.errors import NotFound

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.store.db import Store

_COLUMNS = "id, case_id, kind, created_by, created_at, delivery_channel, delivered_on, delivered_by"


@dataclass(frozen=True, slots=True)
class LetterRecord:
    """One stored letter (without its PDF: listing letters never reads the blobs)."""

    letter_id: int
    case_id: str
    kind: str
    created_by: str
    created_at: datetime
    delivery_channel: str | None = None
    delivered_on: date | None = None
    delivered_by: str | None = None


def _record(row: Sequence[Any]) -> LetterRecord:
    return LetterRecord(
        letter_id=int(row[0]),
        case_id=str(row[1]),
        kind=str(row[2]),
        created_by=str(row[3]),
        created_at=datetime.fromisoformat(row[4]),
        delivery_channel=row[5],
        delivered_on=None if row[6] is None else date.fromisoformat(row[6]),
        delivered_by=row[7],
    )


class LetterRepository:
    """Letters (implements the services' ``LetterRepository`` port)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, case_id: str, kind: str, pdf: bytes, by: str, at: datetime) -> int:
        """Store a letter of a case; return its id.

        Raises:
            NotFound: the case does not exist.
        """
        with self._store.transaction():
            conn = self._store.connection
            if conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is None:
                raise NotFound(case_id, "no such case")
            cursor = conn.execute(
                "INSERT INTO letters (case_id, kind, pdf, created_by, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (case_id, kind, pdf, by, at.isoformat()),
            )
        return int(cursor.lastrowid or 0)

    def get(self, letter_id: int) -> LetterRecord | None:
        """The letter's record, or None."""
        row = self._store.connection.execute(
            f"SELECT {_COLUMNS} FROM letters WHERE id = ?", (letter_id,)
        ).fetchone()
        return None if row is None else _record(row)

    def pdf(self, letter_id: int) -> bytes | None:
        """The letter's PDF, or None."""
        row = self._store.connection.execute(
            "SELECT pdf FROM letters WHERE id = ?", (letter_id,)
        ).fetchone()
        return None if row is None else bytes(row[0])

    def for_case(self, case_id: str) -> Sequence[LetterRecord]:
        """The letters of a case, oldest first."""
        rows = self._store.connection.execute(
            f"SELECT {_COLUMNS} FROM letters WHERE case_id = ? ORDER BY id", (case_id,)
        ).fetchall()
        return [_record(r) for r in rows]

    def record_delivery(
        self, letter_id: int, channel: str, on: date, by: str, at: datetime
    ) -> None:
        """Record how (``post`` or ``email_attachment``), when and by whom it went out.

        Raises:
            NotFound: no such letter.
        """
        with self._store.transaction():
            cursor = self._store.connection.execute(
                "UPDATE letters SET delivery_channel = ?, delivered_on = ?, delivered_by = ?,"
                " delivery_recorded_at = ? WHERE id = ?",
                (channel, on.isoformat(), by, at.isoformat(), letter_id),
            )
            if cursor.rowcount == 0:
                raise NotFound(str(letter_id), "no such letter")
