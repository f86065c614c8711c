"""Stored pages: metadata and masks in ``documents``/``masks``, the masked PNG apart.

The image lives in its own table so that listing pages never reads blobs, and disposal is
one DELETE: with ``secure_delete`` on, SQLite overwrites the freed pages, and the
``documents`` row stays as the record of what was checked, by whom and when destroyed.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from desktop.core.case import Holder
from desktop.core.cases import DocumentCategory, DocumentRecord, MaskOrigin, RegionRecord
from desktop.core.documents import DocumentType
from desktop.store.errors import NotFound

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from desktop.store.db import Store

_COLUMNS = (
    "id, case_id, holder, document_type, category, fields, width, height,"
    " added_by, added_at, disposed_by, disposed_at"
)


class DueCandidate(NamedTuple):
    """A kept page that may be due for disposal, with what the rules weigh.

    ``category`` and ``status`` are the stored codes; the dates are the case's ISO texts.
    """

    document_id: int
    case_id: str
    category: str
    status: str
    decided_at: str | None
    closed_at: str | None


DECIDED_CODES = ("approved", "rejected", "closed")
"""The statuses in which the verification decision has been made (``CaseStatus`` codes)."""

# Kept pages of decided cases whose deadline has come. The cases are found by status
# (cases_status_id), their pages by case (documents_case): only decided cases' rows are read,
# not every kept page. julianday() reads the offset of the ISO texts, so stamps written in
# another time zone compare as instants. A case is closed only from a decided or open status
# and closing is final, so ``closed_at`` is set only on cases in ``DECIDED_CODES``.
_DUE_CANDIDATES = (
    "SELECT d.id, d.case_id, d.category, c.status, c.decided_at, c.closed_at"
    " FROM cases c JOIN documents d ON d.case_id = c.id"
    f" WHERE c.status IN ({', '.join(repr(code) for code in DECIDED_CODES)})"
    " AND d.disposed_at IS NULL AND ("
    "(d.category = 'identity' AND julianday(c.decided_at) <= julianday(?))"
    " OR julianday(c.closed_at) <= julianday(CASE d.category WHEN 'identity' THEN ? ELSE ? END)"
    ") ORDER BY d.id"
)
_CHUNK = 500
"""Ids per ``IN (...)`` list (well under SQLite's 999 variables of old builds)."""


class DocumentRepository:
    """Pages (implements the services' ``DocumentRepository`` port)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def _regions(self, document_id: int) -> tuple[RegionRecord, ...]:
        rows = self._store.connection.execute(
            "SELECT kind, x, y, w, h, origin FROM masks WHERE document_id = ? ORDER BY id",
            (document_id,),
        ).fetchall()
        return tuple(
            RegionRecord(str(r[0]), (int(r[1]), int(r[2]), int(r[3]), int(r[4])), MaskOrigin(r[5]))
            for r in rows
        )

    def _record(
        self, row: Sequence[Any], regions: tuple[RegionRecord, ...] | None = None
    ) -> DocumentRecord:
        return DocumentRecord(
            document_id=int(row[0]),
            case_id=str(row[1]),
            holder=Holder(row[2]),
            document_type=DocumentType(row[3]),
            category=DocumentCategory(row[4]),
            fields=json.loads(row[5]),
            regions=self._regions(int(row[0])) if regions is None else regions,
            width=int(row[6]),
            height=int(row[7]),
            added_by=str(row[8]),
            added_at=datetime.fromisoformat(row[9]),
            disposed_by=row[10],
            disposed_at=None if row[11] is None else datetime.fromisoformat(row[11]),
        )

    def _write_regions(self, document_id: int, regions: Sequence[RegionRecord]) -> None:
        conn = self._store.connection
        conn.execute("DELETE FROM masks WHERE document_id = ?", (document_id,))
        conn.executemany(
            "INSERT INTO masks (document_id, kind, x, y, w, h, origin)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    document_id,
                    region.kind,
                    *(int(v) for v in region.box),
                    MaskOrigin(getattr(region, "origin", MaskOrigin.AUTOMATIC)).value,
                )
                for region in regions
            ],
        )

    def add(self, document: DocumentRecord, image: bytes) -> int:
        """Store a page and its masked PNG; return its new document id.

        Raises:
            NotFound: the case does not exist.
        """
        store = self._store
        with store.transaction():
            conn = store.connection
            if conn.execute("SELECT 1 FROM cases WHERE id = ?", (document.case_id,)).fetchone():
                cursor = conn.execute(
                    "INSERT INTO documents (case_id, holder, document_type, category, fields,"
                    " width, height, image_sha256, added_by, added_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        document.case_id,
                        Holder(document.holder).value,
                        DocumentType(document.document_type).value,
                        DocumentCategory(document.category).value,
                        json.dumps(dict(document.fields), ensure_ascii=False, sort_keys=True),
                        document.width,
                        document.height,
                        hashlib.sha256(image).hexdigest(),
                        document.added_by,
                        document.added_at.isoformat(),
                    ),
                )
            else:
                raise NotFound(document.case_id, "no such case")
            document_id = int(cursor.lastrowid or 0)
            conn.execute(
                "INSERT INTO document_images (document_id, png) VALUES (?, ?)",
                (document_id, image),
            )
            self._write_regions(document_id, document.regions)
        return document_id

    def get(self, document_id: int) -> DocumentRecord | None:
        """Return the page's metadata, or None."""
        row = self._store.connection.execute(
            f"SELECT {_COLUMNS} FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return None if row is None else self._record(row)

    def image(self, document_id: int) -> bytes | None:
        """Return the masked PNG, or None once disposed (or no such page).

        The caller records the read in the audit log (services: ``view_document``).
        """
        row = self._store.connection.execute(
            "SELECT png FROM document_images WHERE document_id = ?", (document_id,)
        ).fetchone()
        return None if row is None else bytes(row[0])

    def for_case(self, case_id: str) -> Sequence[DocumentRecord]:
        """Return the pages of a case, by document id (disposed ones included)."""
        rows = self._store.connection.execute(
            f"SELECT {_COLUMNS} FROM documents WHERE case_id = ? ORDER BY id", (case_id,)
        ).fetchall()
        return [self._record(row) for row in rows]

    def kept(self) -> Sequence[DocumentRecord]:
        """Return every page whose image still exists, by document id."""
        rows = self._store.connection.execute(
            f"SELECT {_COLUMNS} FROM documents WHERE disposed_at IS NULL ORDER BY id"
        ).fetchall()
        return [self._record(row) for row in rows]

    def due_candidates(
        self,
        *,
        decided_by: datetime | None,
        identity_closed_by: datetime | None,
        request_form_closed_by: datetime | None,
    ) -> list[DueCandidate]:
        """Return the kept pages of decided cases that a disposal rule may make due now.

        Args:
            decided_by: identity pages of cases decided at or before it (None: that rule
                is off).
            identity_closed_by: identity pages of cases closed at or before it (None: kept).
            request_form_closed_by: other pages of cases closed at or before it (None: kept).

        The comparison is SQLite's (milliseconds): a page within a millisecond of its time
        may come back early, so the caller weighs each candidate with its own rule.
        Ordered by document id.
        """
        rows = self._store.connection.execute(
            _DUE_CANDIDATES,
            (_iso(decided_by), _iso(identity_closed_by), _iso(request_form_closed_by)),
        ).fetchall()
        return [DueCandidate(int(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4], r[5]) for r in rows]

    def many(self, document_ids: Iterable[int]) -> list[DocumentRecord]:
        """Return the pages of ``document_ids`` (unknown ids left out), by document id.

        Rows and masks are read ``_CHUNK`` ids per query instead of one query per page.
        """
        ids = sorted(set(document_ids))
        conn = self._store.connection
        out: list[DocumentRecord] = []
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            regions: dict[int, list[RegionRecord]] = {}
            for r in conn.execute(
                f"SELECT document_id, kind, x, y, w, h, origin FROM masks"
                f" WHERE document_id IN ({marks}) ORDER BY document_id, id",
                chunk,
            ):
                regions.setdefault(int(r[0]), []).append(
                    RegionRecord(
                        str(r[1]),
                        (int(r[2]), int(r[3]), int(r[4]), int(r[5])),
                        MaskOrigin(r[6]),
                    )
                )
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM documents WHERE id IN ({marks}) ORDER BY id", chunk
            ).fetchall()
            out.extend(self._record(row, tuple(regions.get(int(row[0]), ()))) for row in rows)
        return out

    def update(self, document: DocumentRecord) -> None:
        """Replace the metadata of a page (type, fields, holder, category, masks).

        Raises:
            NotFound: no such page.
        """
        store = self._store
        with store.transaction():
            cursor = store.connection.execute(
                "UPDATE documents SET holder = ?, document_type = ?, category = ?, fields = ?"
                " WHERE id = ?",
                (
                    Holder(document.holder).value,
                    DocumentType(document.document_type).value,
                    DocumentCategory(document.category).value,
                    json.dumps(dict(document.fields), ensure_ascii=False, sort_keys=True),
                    document.document_id,
                ),
            )
            if cursor.rowcount == 0:
                raise NotFound(str(document.document_id), "no such document")
            self._write_regions(document.document_id, document.regions)

    def dispose(self, document_id: int, by: str, at: datetime) -> None:
        """Destroy the image and the field values; keep type, holder, masks and dates.

        Raises:
            NotFound: no such page.
        """
        store = self._store
        with store.transaction():
            conn = store.connection
            cursor = conn.execute(
                "UPDATE documents SET fields = '{}', disposed_by = ?, disposed_at = ?"
                " WHERE id = ? AND disposed_at IS NULL",
                (by, at.isoformat(), document_id),
            )
            if cursor.rowcount == 0 and self.get(document_id) is None:
                raise NotFound(str(document_id), "no such document")
            conn.execute("DELETE FROM document_images WHERE document_id = ?", (document_id,))


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()
