"""The audit chain: verify it, and export it as CSV for auditors (no personal data)."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any

from desktop.core.cases import Action

if TYPE_CHECKING:
    from typing import TextIO

    from desktop.services.ports import ChainCheck
    from desktop.services.session import Session

CSV_COLUMNS = (
    "event_id",
    "at",
    "user",
    "action",
    "case_id",
    "document_id",
    "status_from",
    "status_to",
    "decision",
    "reasons",
    "due_on",
    "policy",
    "policy_version",
    "override",
    "ground",
    "document_type",
    "holder",
    "category",
    "regions",
    "rule",
    "role",
    "account",
    "changed",
    "kind",
    "sent_on",
)
"""Columns of the export: ids, codes, dates and staff accounts; never a requester's data."""


def verify(session: Session) -> ChainCheck:
    """Recompute the audit chain and name its first broken link.

    Raises:
        NotPermitted: the role may not verify the audit chain.
    """
    session.require(Action.VERIFY_AUDIT)
    return session.store.audit.verify()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return str(value)


def export_csv(session: Session, out: TextIO) -> int:
    """Write every audit event as one CSV row (header first); return the number of events.

    Only the columns of ``CSV_COLUMNS`` are written: case numbers, document ids, codes, dates
    and the staff accounts that acted — no requester's name, address, birth date, field value
    or free text (those never enter the chain either).

    Raises:
        NotPermitted: not an administrator.
    """
    # Exporting the chain is an administrator's task; core.cases has no action of its own
    # for it yet, so it goes with the other administrator-only one, settings.
    session.require(Action.EDIT_SETTINGS)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for event in session.store.audit.events():
        row: dict[str, Any] = {
            "event_id": event.event_id,
            "at": event.at.isoformat(timespec="seconds"),
            "user": event.user,
            "action": event.action,
            "case_id": event.case_id,
            "document_id": event.document_id,
        }
        for key in CSV_COLUMNS[6:]:
            row[key] = event.detail.get(key)
        writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
        count += 1
    with session.store.transaction():
        session.record("export_audit", count=count)
    return count
