"""The audit log: an append-only hash chain of events, and its verification.

Each event's hash is SHA-256 over a canonical JSON serialisation of the event that includes
the previous event's hash, so changing, inserting or deleting an event breaks every later
link. Deleting the *last* events leaves a shorter chain that is still consistent in itself;
the chain head kept (MAC'd) in the key-slot file catches that, and a restored older database.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop.core.cases import AuditEvent, ChainCheck

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from sqlcipher3 import dbapi2

    from desktop.store.db import Store
    from desktop.store.keyslots import ChainHead

GENESIS = "0" * 64
"""prev_hash of the first event."""

PERSONAL_KEYS = frozenset({"name", "birth_date", "address", "fields", "text", "ocr", "note"})
"""Detail keys that would carry personal data; details are refused when they hold one."""


def canonical(
    event_id: int,
    at: str,
    actor: str,
    action: str,
    case_id: str | None,
    document_id: int | None,
    details_json: str,
    prev_hash: str,
) -> bytes:
    """Return the bytes an event's hash covers (sorted keys, no spaces, UTF-8)."""
    return json.dumps(
        {
            "id": event_id,
            "at": at,
            "actor": actor,
            "action": action,
            "case_id": case_id,
            "document_id": document_id,
            "details": details_json,
            "prev_hash": prev_hash,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode("utf-8")


def event_hash(*fields: Any) -> str:
    """Return the SHA-256 (hex) of ``canonical(*fields)``."""
    return hashlib.sha256(canonical(*fields)).hexdigest()


def timestamp(at: datetime) -> str:
    """Return ``at`` as the log writes it; naive times are refused (ambiguous in an audit)."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("audit timestamps need a time zone")
    return at.isoformat(timespec="microseconds")


def append(
    conn: dbapi2.Connection,
    *,
    at: datetime,
    user: str,
    action: str,
    case_id: str | None = None,
    document_id: int | None = None,
    detail: Mapping[str, Any] | None = None,
) -> int:
    """Append one event; the caller holds the write transaction. Return its id.

    Raises:
        ValueError: ``detail`` holds a key that would carry personal data.
    """
    detail = dict(detail or {})
    leaked = PERSONAL_KEYS & detail.keys()
    if leaked:
        raise ValueError(f"audit details must not carry personal data: {sorted(leaked)}")
    detail_json = json.dumps(detail, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    row = conn.execute("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
    event_id, prev_hash = (1, GENESIS) if row is None else (int(row[0]) + 1, str(row[1]))
    stamp = timestamp(at)
    digest = event_hash(event_id, stamp, user, action, case_id, document_id, detail_json, prev_hash)
    conn.execute(
        "INSERT INTO audit_events"
        " (id, at, actor, action, case_id, document_id, details, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (event_id, stamp, user, action, case_id, document_id, detail_json, prev_hash, digest),
    )
    return event_id


_COLUMNS = "id, at, actor, action, case_id, document_id, details, prev_hash, hash"


def _well_typed(row: tuple[Any, ...]) -> bool:
    """Whether each column holds the type the log writes.

    SQLite keeps whatever type was stored: a forger may leave a BLOB or a number where text
    belongs, which the hash recipe (JSON) cannot take; such an event is a broken link, not a
    crash of the verification.
    """
    event_id, at, actor, action, case_id, document_id, details, prev_hash, stored = row
    return (
        type(event_id) is int
        and all(isinstance(v, str) for v in (at, actor, action, details, prev_hash, stored))
        and (case_id is None or isinstance(case_id, str))
        and (document_id is None or type(document_id) is int)
    )


def verify_chain(conn: dbapi2.Connection, head: ChainHead | None, head_ok: bool) -> ChainCheck:
    """Walk the chain from the first event; name the first broken link.

    Args:
        conn: the connection (read only).
        head: the chain head recorded in the key-slot file, if any.
        head_ok: whether the head's MAC holds (a forged head counts as a break).

    Returns:
        (intact, events, first_broken): first_broken is the id of the first event whose
        hash, link or position is wrong, or the first event the head vouches for that is
        missing or different (the log was cut short or an older copy restored).
    """
    prev_hash = GENESIS
    count = 0
    hash_at_head: str | None = None
    for row in conn.execute(f"SELECT {_COLUMNS} FROM audit_events ORDER BY id"):
        count += 1
        if not _well_typed(row):
            return ChainCheck(False, count, count)
        event_id, at, actor, action, case_id, document_id, details, stored_prev, stored = row
        expected = event_hash(
            event_id, at, actor, action, case_id, document_id, details, stored_prev
        )
        if (
            event_id != count
            or stored_prev != prev_hash
            or not hmac.compare_digest(expected.encode(), str(stored).encode())
        ):
            return ChainCheck(False, count, count)
        prev_hash = str(stored)
        if head is not None and count == head.events:
            hash_at_head = prev_hash
    if head is not None:
        if not head_ok:
            return ChainCheck(False, count, min(head.events, count + 1))
        if head.events > count:
            return ChainCheck(False, count, count + 1)
        if head.events > 0 and hash_at_head != head.hash:
            return ChainCheck(False, count, head.events)
    return ChainCheck(True, count, None)


class AuditLog:
    """The audit hash chain (implements the services' ``AuditLog`` port)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def append(
        self,
        *,
        at: datetime,
        user: str,
        action: str,
        case_id: str | None = None,
        document_id: int | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> int:
        """Append one event chained to the previous one; return its event id.

        Call it inside the transaction of the write it records; alone it is its own.
        """
        with self._store.transaction():
            return append(
                self._store.connection,
                at=at,
                user=user,
                action=action,
                case_id=case_id,
                document_id=document_id,
                detail=detail,
            )

    def events(self, *, after: int = 0, case_id: str | None = None) -> Iterator[AuditEvent]:
        """Yield the events with id > ``after`` (optionally of one case) in chain order."""
        conn = self._store.connection
        if case_id is None:
            cursor = conn.execute(
                f"SELECT {_COLUMNS} FROM audit_events WHERE id > ? ORDER BY id", (after,)
            )
        else:
            cursor = conn.execute(
                f"SELECT {_COLUMNS} FROM audit_events WHERE case_id = ? AND id > ? ORDER BY id",
                (case_id, after),
            )
        for row in cursor:
            yield AuditEvent(
                event_id=int(row[0]),
                at=datetime.fromisoformat(row[1]),
                user=row[2],
                action=row[3],
                case_id=row[4],
                document_id=row[5],
                detail=json.loads(row[6]),
            )

    def verify(self) -> ChainCheck:
        """Recompute the chain, check the head in the key-slot file, name the first break."""
        return self._store.verify_audit()

    def count(self) -> int:
        """Return the number of events."""
        row = self._store.connection.execute("SELECT count(*) FROM audit_events").fetchone()
        return int(row[0])
