"""Cases: rows of ``cases`` (the request as JSON), their persons for search, decisions."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlcipher3 import dbapi2

from desktop.core.cases import CaseRecord, CaseStatus, Reason, Verdict
from desktop.store.errors import Conflict, NotFound

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from desktop.store.db import Store
    from desktop.store.queries import CasePage, PageKey

_COLUMNS = (
    "id, status, received_on, intake, verdict, created_by, created_at, submitted_by,"
    " decided_by, decided_at, decision_note, response_sent_on, response_kind, closed_at"
)


def name_key(name: str) -> str:
    """Fold a name for search: NFKC (width), case, and no spaces (山田 太郎 = 山田太郎)."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(folded.split())


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _datetime(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def verdict_to_json(verdict: Verdict | None) -> str | None:
    """Serialise a verdict for the ``verdict`` column."""
    if verdict is None:
        return None
    return json.dumps(
        {
            "decision": verdict.decision,
            "reasons": [{"code": r.code, "message": r.message} for r in verdict.reasons],
            "due_on": _iso(verdict.due_on),
            "policy_name": verdict.policy_name,
            "policy_version": verdict.policy_version,
            "evaluated_at": verdict.evaluated_at.isoformat(),
            "evaluated_by": verdict.evaluated_by,
        },
        ensure_ascii=False,
    )


def verdict_from_json(text: str | None) -> Verdict | None:
    """Read the ``verdict`` column."""
    if text is None:
        return None
    raw = json.loads(text)
    return Verdict(
        decision=raw["decision"],
        reasons=tuple(Reason(r["code"], r["message"]) for r in raw["reasons"]),
        due_on=_date(raw["due_on"]),
        policy_name=raw["policy_name"],
        policy_version=raw["policy_version"],
        evaluated_at=datetime.fromisoformat(raw["evaluated_at"]),
        evaluated_by=raw["evaluated_by"],
    )


def _record(row: Sequence[Any]) -> CaseRecord:
    return CaseRecord(
        case_id=row[0],
        status=CaseStatus(row[1]),
        received_on=date.fromisoformat(row[2]),
        intake=json.loads(row[3]),
        verdict=verdict_from_json(row[4]),
        created_by=row[5],
        created_at=datetime.fromisoformat(row[6]),
        submitted_by=row[7],
        decided_by=row[8],
        decided_at=_datetime(row[9]),
        decision_note=row[10],
        response_sent_on=_date(row[11]),
        response_kind=row[12],
        closed_at=_datetime(row[13]),
    )


def _persons(intake: Mapping[str, Any]) -> list[tuple[str, str, str | None, str | None]]:
    """(role, name, birth_date, address) of the principal and representative in an intake."""
    found = []
    for role in ("principal", "representative"):
        person = intake.get(role)
        if isinstance(person, dict) and isinstance(person.get("name"), str):
            birth = person.get("birth_date")
            address = person.get("address")
            found.append(
                (
                    role,
                    person["name"],
                    birth if isinstance(birth, str) else None,
                    address if isinstance(address, str) else None,
                )
            )
    return found


class CaseRepository:
    """Cases (implements the services' ``CaseRepository`` port)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def next_id(self, year: int) -> str:
        """Return the next free case number of ``year`` (``2026-000001``).

        Call it in the same transaction as ``add``: the number is taken by ``add``.
        """
        row = self._store.connection.execute(
            "SELECT last FROM case_sequences WHERE year = ?", (year,)
        ).fetchone()
        return f"{year:04d}-{(0 if row is None else int(row[0])) + 1:06d}"

    def add(self, case: CaseRecord) -> None:
        """Store a new case (and its persons, for search).

        Raises:
            Conflict: the case number is taken (another writer came first).
        """
        store = self._store
        year, _, sequence = case.case_id.partition("-")
        with store.transaction():
            conn = store.connection
            try:
                conn.execute(
                    f"INSERT INTO cases ({_COLUMNS}, due_on, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*self._values(case), _iso(case.due_on), store.now().isoformat()),
                )
            except dbapi2.IntegrityError:
                raise Conflict(case.case_id, "this case number is already taken") from None
            conn.execute(
                "INSERT INTO case_sequences (year, last) VALUES (?, ?)"
                " ON CONFLICT (year) DO UPDATE SET last = max(last, excluded.last)",
                (int(year), int(sequence)),
            )
            self._write_persons(case)

    @staticmethod
    def _values(case: CaseRecord) -> tuple[Any, ...]:
        return (
            case.case_id,
            CaseStatus(case.status).value,
            case.received_on.isoformat(),
            json.dumps(dict(case.intake), ensure_ascii=False, sort_keys=True),
            verdict_to_json(case.verdict),
            case.created_by,
            case.created_at.isoformat(),
            case.submitted_by,
            case.decided_by,
            _iso(case.decided_at),
            case.decision_note,
            _iso(case.response_sent_on),
            case.response_kind,
            _iso(case.closed_at),
        )

    def _write_persons(self, case: CaseRecord) -> None:
        conn = self._store.connection
        conn.execute("DELETE FROM persons WHERE case_id = ?", (case.case_id,))
        conn.executemany(
            "INSERT INTO persons (case_id, role, name, name_key, birth_date, address)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (case.case_id, role, name, name_key(name), birth, address)
                for role, name, birth, address in _persons(case.intake)
            ],
        )

    def get(self, case_id: str) -> CaseRecord | None:
        """Return the case, or None."""
        row = self._store.connection.execute(
            f"SELECT {_COLUMNS} FROM cases WHERE id = ?", (case_id,)
        ).fetchone()
        return None if row is None else _record(row)

    def require(self, case_id: str) -> CaseRecord:
        """Return the case.

        Raises:
            NotFound: no case with that number.
        """
        case = self.get(case_id)
        if case is None:
            raise NotFound(case_id, "no such case")
        return case

    def update(self, case: CaseRecord) -> None:
        """Replace the stored case with ``case``; a status change is also kept in ``decisions``.

        Raises:
            NotFound: no case with that number.
        """
        store = self._store
        with store.transaction():
            conn = store.connection
            old = conn.execute("SELECT status FROM cases WHERE id = ?", (case.case_id,)).fetchone()
            if old is None:
                raise NotFound(case.case_id, "no such case")
            values = self._values(case)
            conn.execute(
                "UPDATE cases SET status = ?, received_on = ?, intake = ?, verdict = ?,"
                " created_by = ?, created_at = ?, submitted_by = ?, decided_by = ?,"
                " decided_at = ?, decision_note = ?, response_sent_on = ?, response_kind = ?,"
                " closed_at = ?, due_on = ?, updated_at = ? WHERE id = ?",
                (*values[1:], _iso(case.due_on), store.now().isoformat(), case.case_id),
            )
            if old[0] != case.status:
                self._record_decision(case, str(old[0]))
            self._write_persons(case)

    def _record_decision(self, case: CaseRecord, from_status: str) -> None:
        store = self._store
        by = {
            CaseStatus.IN_REVIEW: case.submitted_by,
            CaseStatus.CLOSED: None,
        }.get(case.status, case.decided_by)
        verdict = case.verdict
        store.connection.execute(
            "INSERT INTO decisions (case_id, from_status, to_status, verdict, reasons, note,"
            " decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                case.case_id,
                from_status,
                CaseStatus(case.status).value,
                None if verdict is None else verdict.decision,
                json.dumps([] if verdict is None else [r.code for r in verdict.reasons]),
                case.decision_note,
                by or case.decided_by or case.created_by,
                (case.decided_at or store.now()).isoformat(),
            ),
        )

    def list(self, status: CaseStatus | None = None) -> Sequence[CaseRecord]:
        """Return every case, optionally of one status, by case number (small stores, CLI)."""
        conn = self._store.connection
        if status is None:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM cases ORDER BY id").fetchall()
        else:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM cases WHERE status = ? ORDER BY id",
                (CaseStatus(status).value,),
            ).fetchall()
        return [_record(row) for row in rows]

    def list_cases(
        self, status: CaseStatus | None = None, after: PageKey | None = None, limit: int = 50
    ) -> CasePage:
        """Return one keyset page of case rows by due date (see ``Queries.case_page``)."""
        return self._store.queries.case_page(status, after, limit)

    def decisions(self, case_id: str) -> Sequence[tuple[str, str, str, str]]:
        """Return the status changes of a case: (from, to, by, at), oldest first."""
        rows = self._store.connection.execute(
            "SELECT from_status, to_status, decided_by, decided_at FROM decisions"
            " WHERE case_id = ? ORDER BY id",
            (case_id,),
        ).fetchall()
        return [(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]
