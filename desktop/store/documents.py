"""Stored pages: metadata and masks in ``documents``/``masks``, the masked PNG apart.

The image lives in its own table so that listing pages never reads blobs, and disposal is
one DELETE: with ``secure_delete`` on, SQLite overwrites the freed pages, and the
``documents`` row stays as the record of what was checked, by whom and when destroyed.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop.core.case import Holder
from desktop.core.cases import DocumentCategory, DocumentRecord, MaskOrigin, RegionRecord
from desktop.core.documents import DocumentType
from desktop.store.errors import NotFound

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.store.db import Store

_COLUMNS = (
    "id, case_id, holder, document_type, category, fields, width, height,"
    " added_by, added_at, disposed_by, disposed_at"
)


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

    def _record(self, row: Sequence[Any]) -> DocumentRecord:
        return DocumentRecord(
            document_id=int(row[0]),
            case_id=str(row[1]),
            holder=Holder(row[2]),
            document_type=DocumentType(row[3]),
            category=DocumentCategory(row[4]),
            fields=json.loads(row[5]),
            regions=self._regions(int(row[0])),
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
