"""Intake: open a case from a request (CASE.json without documents), edit it, list cases."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.core.case import case_from_json
from desktop.core.cases import Action, CaseStatus, TransitionNotAllowed
from desktop.core.errors import InputError
from desktop.services.ports import CaseRecord

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from desktop.core.case import Person
    from desktop.services.session import Session

log = logging.getLogger(__name__)

CHANNELS = frozenset({"post", "email", "web_form", "counter"})
"""How a request arrived (an intake key beside the contract's CASE.json keys)."""
EDITABLE = frozenset({CaseStatus.INTAKE, CaseStatus.RETURNED})
"""States in which the request and its pages may still change."""


def _person_json(person: Person) -> dict[str, str]:
    out = {"name": person.name}
    if person.birth_date is not None:
        out["birth_date"] = person.birth_date.isoformat()
    if person.address is not None:
        out["address"] = person.address
    return out


def validate_intake(data: object, source: str) -> dict[str, Any]:
    """Check a request (the contract's CASE.json, plus an optional ``channel``).

    The request is read by the same reader as ``honnin check`` (era dates are converted);
    a ``documents`` list, if present, is checked and then ignored: pages come in through
    ``add_page``.

    Returns:
        The intake in normalised JSON form (ISO dates), without documents.

    Raises:
        InputError: naming ``source`` and the first problem found.
    """
    if not isinstance(data, dict):
        raise InputError(source, "a case must be a JSON object")
    channel = data.get("channel")
    if channel is not None and channel not in CHANNELS:
        allowed = ", ".join(sorted(CHANNELS))
        raise InputError(source, f"channel: unknown channel {channel!r} (one of: {allowed})")
    request = case_from_json(
        {k: v for k, v in data.items() if k != "channel"}, source, documents_required=False
    )
    if not request.request_types:
        raise InputError(source, "request_types: must name at least one request type")
    intake: dict[str, Any] = {
        "received_on": request.received_on.isoformat(),
        "request_types": list(dict.fromkeys(t.value for t in request.request_types)),
        "requester": request.requester.value,
        "principal": _person_json(request.principal),
    }
    if request.representative is not None:
        intake["representative"] = _person_json(request.representative)
    if channel is not None:
        intake["channel"] = channel
    return intake


def request_json(intake: Mapping[str, Any]) -> dict[str, Any]:
    """The intake as the contract's CASE.json keys (without ``channel``), for the engine."""
    return {k: v for k, v in intake.items() if k != "channel"}


def get_case(session: Session, case_id: str) -> CaseRecord:
    """The case ``case_id``.

    Raises:
        InputError: no such case.
    """
    session.require(Action.LIST_CASES)
    case = session.store.cases.get(case_id)
    if case is None:
        raise InputError(case_id, "no such case")
    return case


def open_case(session: Session, data: object, source: str) -> CaseRecord:
    """Open a case for a request, numbered ``YEAR-NNNNNN`` by the year it was received.

    Args:
        session: an operator's or supervisor's session.
        data: the contract's CASE.json, parsed (documents ignored).
        source: the file it came from, for messages.

    Raises:
        NotPermitted: the role may not open cases.
        InputError: a bad request.
    """
    session.require(Action.OPEN_CASE)
    intake = validate_intake(data, source)
    store = session.store
    now = session.now()
    received_on = date.fromisoformat(intake["received_on"])
    with store.transaction():
        case_id = store.cases.next_id(received_on.year)
        case = CaseRecord(
            case_id=case_id,
            status=CaseStatus.INTAKE,
            received_on=received_on,
            intake=intake,
            created_by=session.user.name,
            created_at=now,
        )
        store.cases.add(case)
        session.record(
            Action.OPEN_CASE,
            case_id=case_id,
            status_to=CaseStatus.INTAKE.value,
            request_types=intake["request_types"],
            requester=intake["requester"],
            channel=intake.get("channel"),
        )
    log.info("case %s opened", case_id)
    return case


def edit_intake(session: Session, case_id: str, data: object, source: str) -> CaseRecord:
    """Replace the request of a case still in intake (or returned).

    The last verdict is dropped: it weighed the old request.

    Raises:
        NotPermitted: the role may not edit cases.
        TransitionNotAllowed: the case is past intake.
        InputError: a bad request or no such case.
    """
    session.require(Action.EDIT_CASE)
    case = get_case(session, case_id)
    require_editable(case, Action.EDIT_CASE)
    intake = validate_intake(data, source)
    changed = sorted(
        k for k in set(intake) | set(case.intake) if intake.get(k) != case.intake.get(k)
    )
    updated = replace(
        case,
        intake=intake,
        received_on=date.fromisoformat(intake["received_on"]),
        verdict=None,
    )
    with session.store.transaction():
        session.store.cases.update(updated)
        session.record(Action.EDIT_CASE, case_id=case_id, changed=changed)
    return updated


def require_editable(case: CaseRecord, action: Action) -> None:
    """Raise ``TransitionNotAllowed`` unless the case's request and pages may still change."""
    if case.status not in EDITABLE:
        raise TransitionNotAllowed(
            case.case_id, f"cannot {action} a case whose status is {case.status}"
        )


def list_cases(session: Session, status: CaseStatus | None = None) -> Sequence[CaseRecord]:
    """Cases by number, optionally only those in ``status``."""
    session.require(Action.LIST_CASES)
    return session.store.cases.list(status)


def review_queue(session: Session) -> list[CaseRecord]:
    """The cases waiting for a supervisor: by deadline (none last), then by case number."""
    session.require(Action.LIST_CASES)
    waiting = session.store.cases.list(CaseStatus.IN_REVIEW)
    return sorted(waiting, key=lambda c: (c.due_on is None, c.due_on or c.received_on, c.case_id))


def case_summary(case: CaseRecord) -> Mapping[str, Any]:
    """The contract's ``case list`` object of a case."""
    due = case.due_on
    return {
        "case_id": case.case_id,
        "status": case.status.value,
        "received_on": case.received_on.isoformat(),
        "due_on": None if due is None else due.isoformat(),
    }
