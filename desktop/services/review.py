"""Review: weigh a case against the policy, submit, approve / return / reject, respond, close."""

from __future__ import annotations

import logging
from dataclasses import replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from desktop.core.cases import (
    Action,
    CaseStatus,
    TransitionNotAllowed,
    check_four_eyes,
    next_status,
)
from desktop.core.errors import InputError
from desktop.core.reasons import Decision
from desktop.services import deadlines
from desktop.services.accounts import DEFAULT_POLICY, POLICY_SETTING
from desktop.services.intake import get_case, request_json
from desktop.services.ports import Verdict

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from desktop.services.ports import CaseRecord
    from desktop.services.session import Session

log = logging.getLogger(__name__)

EVALUABLE = frozenset({CaseStatus.INTAKE, CaseStatus.RETURNED, CaseStatus.IN_REVIEW})
"""States in which the policy may (re)weigh a case; later the verdict is part of the record."""


class ResponseKind(StrEnum):
    """Notices sent to a requester (the contract's letter kinds)."""

    REQUEST_DOCUMENTS = "request_documents"
    REFUSAL = "refusal"
    PURPOSE_NOTIFICATION = "purpose_notification"
    DISCLOSURE_NOTICE = "disclosure_notice"
    COMPLETION = "completion"


RESPONSES_BY_STATUS: dict[CaseStatus, frozenset[ResponseKind]] = {
    CaseStatus.RETURNED: frozenset({ResponseKind.REQUEST_DOCUMENTS}),
    CaseStatus.APPROVED: frozenset(
        {
            ResponseKind.PURPOSE_NOTIFICATION,
            ResponseKind.DISCLOSURE_NOTICE,
            ResponseKind.COMPLETION,
            ResponseKind.REFUSAL,  # identity verified, yet a refusal ground applies
        }
    ),
    CaseStatus.REJECTED: frozenset({ResponseKind.REFUSAL}),
}
"""Which notices may be recorded as sent in each state."""


def policy_in_force(session: Session) -> str:
    """The store's policy (chosen at ``init``)."""
    return session.store.settings.get(POLICY_SETTING) or DEFAULT_POLICY


ENGINE_FIELDS = ("name", "birth_date", "address", "expiry_date", "issued_on")
"""The fields of a page the policy engine weighs (CASE.json's document keys)."""


def case_document(session: Session, case: CaseRecord) -> dict[str, Any]:
    """The contract's CASE.json of a case: its request and the fields of its kept pages."""
    documents: list[dict[str, Any]] = []
    for doc in session.store.documents.for_case(case.case_id):
        if doc.disposed_at is not None:
            continue
        entry: dict[str, Any] = {"type": doc.document_type.value, "holder": doc.holder.value}
        entry.update({k: doc.fields[k] for k in ENGINE_FIELDS if doc.fields.get(k)})
        documents.append(entry)
    return {**request_json(case.intake), "documents": documents}


def evaluate(session: Session, case_id: str) -> CaseRecord:
    """Weigh the case's documents against the policy in force and store the verdict.

    A decided case is not weighed again: it is returned with the verdict it was decided on.

    Raises:
        NotPermitted: the role may not evaluate.
        TransitionNotAllowed: the case is decided already.
        InputError: no such case, or a policy that cannot be loaded.
    """
    session.require(Action.EVALUATE)
    case = get_case(session, case_id)
    if case.status not in EVALUABLE:
        # Decided: the verdict it was decided on is part of the record (and its pages may be
        # disposed of), so it is shown as stored rather than weighed again.
        if case.verdict is not None:
            return case
        raise TransitionNotAllowed(case_id, f"cannot evaluate a case whose status is {case.status}")
    updated = replace(case, verdict=_weigh(session, case))
    with session.store.transaction():
        session.store.cases.update(updated)
        _record_verdict(session, Action.EVALUATE, updated)
    return updated


def _weigh(session: Session, case: CaseRecord) -> Verdict:
    outcome = session.policies.evaluate(
        policy_in_force(session), case_document(session, case), case.case_id
    )
    # The policy counts from received_on; a returned case's clock restarts when its
    # documents come (deadlines.clock_start).
    due_on = deadlines.restart(session, case, outcome.due_on, deadlines.clock_start(session, case))
    return Verdict(
        decision=outcome.decision,
        reasons=outcome.reasons,
        due_on=due_on,
        policy_name=outcome.policy_name,
        policy_version=outcome.policy_version,
        evaluated_at=session.now(),
        evaluated_by=session.user.name,
    )


def _record_verdict(session: Session, action: str, case: CaseRecord, **extra: Any) -> None:
    verdict = case.verdict
    assert verdict is not None
    session.record(
        action,
        case_id=case.case_id,
        decision=verdict.decision,
        reasons=[r.code for r in verdict.reasons],
        due_on=None if verdict.due_on is None else verdict.due_on.isoformat(),
        policy=verdict.policy_name,
        policy_version=verdict.policy_version,
        **extra,
    )


def submit(session: Session, case_id: str) -> CaseRecord:
    """Submit a case for review; the policy weighs it once more and the submitter is recorded.

    Raises:
        NotPermitted: the role may not submit.
        TransitionNotAllowed: the case is not in intake or returned.
        InputError: no such case.
    """
    session.require(Action.SUBMIT)
    case = get_case(session, case_id)
    status = next_status(case_id, case.status, Action.SUBMIT)
    updated = replace(
        case,
        status=status,
        submitted_by=session.user.name,
        verdict=_weigh(session, case),
        decided_by=None,
        decided_at=None,
        decision_note=None,
    )
    with session.store.transaction():
        session.store.cases.update(updated)
        _record_verdict(
            session,
            Action.SUBMIT,
            updated,
            status_from=case.status.value,
            status_to=status.value,
        )
    log.info("case %s submitted", case_id)
    return updated


def _decide(
    session: Session, case_id: str, action: Action, note: str | None, **extra: Any
) -> CaseRecord:
    session.require(action)
    case = get_case(session, case_id)
    status = next_status(case_id, case.status, action)
    check_four_eyes(action, session.user.name, case.submitted_by)
    updated = replace(
        case,
        status=status,
        decided_by=session.user.name,
        decided_at=session.now(),
        decision_note=note,
    )
    with session.store.transaction():
        session.store.cases.update(updated)
        session.record(
            action,
            case_id=case_id,
            status_from=case.status.value,
            status_to=status.value,
            decision=None if case.verdict is None else case.verdict.decision,
            policy=None if case.verdict is None else case.verdict.policy_name,
            **extra,
        )
    log.info("case %s: %s", case_id, action.value)
    return updated


def approve(session: Session, case_id: str, note: str | None = None) -> CaseRecord:
    """Approve a case in review: identity verified.

    A supervisor may approve against the policy's verdict (after checking the evidence);
    the audit event then carries ``override``.

    Raises:
        NotPermitted: not a supervisor, or the supervisor submitted the case (four-eyes).
        TransitionNotAllowed: the case is not in review.
        InputError: no such case.
    """
    session.require(Action.APPROVE)
    case = get_case(session, case_id)
    override = case.verdict is None or case.verdict.decision != Decision.VERIFIED
    return _decide(session, case_id, Action.APPROVE, note, override=True if override else None)


def return_case(
    session: Session,
    case_id: str,
    letter: str | None = None,
    *,
    items: Sequence[str] | None = None,
) -> CaseRecord:
    """Return a case in review for more documents.

    Args:
        session: a supervisor's session.
        case_id: the case.
        letter: what the requester is asked to send; by default the verdict's reasons.
        items: the verdict's reason codes the supervisor picked as missing (the audit event
            records them, and the request_documents letter lists just those); by default
            all of the verdict's reasons.

    Raises:
        InputError: an item that is not one of the verdict's reasons.
        NotPermitted / TransitionNotAllowed / InputError as ``approve`` (no four-eyes).
    """
    session.require(Action.RETURN)
    case = get_case(session, case_id)
    reasons = [] if case.verdict is None else [r.code for r in case.verdict.reasons]
    if items:
        unknown = sorted(set(items) - set(reasons))
        if unknown:
            raise InputError(case_id, f"not a reason of the verdict: {', '.join(unknown)}")
        reasons = [code for code in reasons if code in set(items)]
    if letter is None or not letter.strip():
        if case.verdict is None or not case.verdict.reasons:
            raise InputError(case_id, "say what is missing (--reason): the policy names nothing")
        letter = "\n".join(r.message for r in case.verdict.reasons if r.code in reasons)
    return _decide(session, case_id, Action.RETURN, letter.strip(), reasons=reasons)


def reject(
    session: Session, case_id: str, ground: str | None, *, reason: str | None = None
) -> CaseRecord:
    """Reject a case in review, with a ground.

    Args:
        session: a supervisor's session.
        case_id: the case.
        ground: a refusal-ground code of the policy (``identity_unverifiable`` ...) or the
            ground in words (kept on the case only; the audit chain records the code, or
            ``other``).
        reason: the supervisor's explanation for the refusal letter (APPI Art. 36); kept on
            the case after the ground, on the lines below it (``decision_note``).

    Raises:
        InputError: no ground given, or no such case.
        NotPermitted / TransitionNotAllowed as ``approve``.
    """
    session.require(Action.REJECT)
    if ground is None or not ground.strip():
        raise InputError(case_id, "a rejection needs a ground (--reason)")
    ground = ground.strip()
    grounds = session.policies.refusal_grounds(policy_in_force(session))
    code = ground if ground in grounds else "other"
    note = ground if not reason or not reason.strip() else f"{ground}\n{reason.strip()}"
    return _decide(session, case_id, Action.REJECT, note, ground=code)


def record_response(
    session: Session, case_id: str, kind: ResponseKind, sent_on: date | None = None
) -> CaseRecord:
    """Record that a notice was sent to the requester.

    Raises:
        NotPermitted: the role may not write letters.
        TransitionNotAllowed: that notice does not fit the case's status.
        InputError: no such case.
    """
    session.require(Action.WRITE_LETTER)
    case = get_case(session, case_id)
    if not response_allowed(case, kind):
        raise TransitionNotAllowed(
            case_id, f"cannot record a {kind} notice for a case whose status is {case.status}"
        )
    sent = session.today() if sent_on is None else sent_on
    with session.store.transaction():
        return store_response(session, case, kind, sent)


def response_allowed(case: CaseRecord, kind: ResponseKind) -> bool:
    """Whether a ``kind`` notice may be recorded as sent for the case in its status."""
    return kind in RESPONSES_BY_STATUS.get(case.status, frozenset())


def store_response(
    session: Session, case: CaseRecord, kind: ResponseKind, sent: date
) -> CaseRecord:
    """Write the response onto the case and audit it; call inside the write's transaction."""
    updated = replace(case, response_sent_on=sent, response_kind=kind.value)
    session.store.cases.update(updated)
    session.record(
        "record_response", case_id=case.case_id, kind=kind.value, sent_on=sent.isoformat()
    )
    return updated


def close(session: Session, case_id: str) -> CaseRecord:
    """Close a case: answered, refused, never completed by the requester, or withdrawn.

    Raises:
        NotPermitted: the role may not close cases.
        TransitionNotAllowed: the table has no close from the case's status.
        InputError: no such case.
    """
    session.require(Action.CLOSE)
    case = get_case(session, case_id)
    status = next_status(case_id, case.status, Action.CLOSE)
    updated = replace(case, status=status, closed_at=session.now())
    with session.store.transaction():
        session.store.cases.update(updated)
        session.record(
            Action.CLOSE, case_id=case_id, status_from=case.status.value, status_to=status.value
        )
    return updated


def verdict_json(case: CaseRecord) -> dict[str, Any]:
    """The contract's ``check`` object of a case's last verdict."""
    verdict = case.verdict
    if verdict is None:
        raise InputError(case.case_id, "the case has not been evaluated")
    return {
        "decision": verdict.decision,
        "reasons": [{"code": r.code, "message": r.message} for r in verdict.reasons],
        "due_on": None if verdict.due_on is None else verdict.due_on.isoformat(),
        "policy": verdict.policy_name,
        "policy_version": verdict.policy_version,
    }
