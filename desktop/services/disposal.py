"""Disposal: destroy stored images when their policy says, leaving a record of what was checked."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from desktop.core.cases import Action, CaseStatus
from desktop.services.ports import DocumentCategory, RetentionRules
from desktop.services.review import policy_in_force

if TYPE_CHECKING:
    from datetime import datetime

    from desktop.services.ports import CaseRecord, DocumentRecord
    from desktop.services.session import Session

log = logging.getLogger(__name__)

IDENTITY_RETENTION_SETTING = "identity_retention_days"
REQUEST_FORM_RETENTION_SETTING = "request_form_retention_days"
DEFAULT_IDENTITY_RETENTION_DAYS = 365
"""Product default: identity copies kept a year after closing, unless policy or store say."""
DEFAULT_REQUEST_FORM_RETENTION_DAYS = 3 * 365
"""Product default: request forms kept three years after closing (audit trail of requests)."""

DECIDED = frozenset({CaseStatus.APPROVED, CaseStatus.REJECTED, CaseStatus.CLOSED})
"""States in which the verification decision has been made."""


class DisposalRule(StrEnum):
    """Why an image became due (recorded in the audit chain)."""

    AFTER_DECISION = "after_decision"  # the policy destroys identity images once decided
    RETENTION = "retention"  # the retention period after closing has passed


@dataclass(frozen=True, slots=True)
class DueDocument:
    """A stored image whose time has come, and the rule that says so."""

    document: DocumentRecord
    case: CaseRecord
    rule: DisposalRule


def _setting_days(session: Session, key: str, default: int) -> int:
    value = session.store.settings.get(key)
    if value is None:
        return default
    try:
        days = int(value)
    except ValueError:
        return default
    return days if days > 0 else default


def effective_rules(session: Session, policy: str) -> RetentionRules:
    """The policy's disposal rules with the store's retention settings filled in."""
    rules = session.policies.retention(policy)
    return RetentionRules(
        identity_after_decision=rules.identity_after_decision,
        identity_days=rules.identity_days
        or _setting_days(session, IDENTITY_RETENTION_SETTING, DEFAULT_IDENTITY_RETENTION_DAYS),
        request_form_days=rules.request_form_days
        or _setting_days(
            session, REQUEST_FORM_RETENTION_SETTING, DEFAULT_REQUEST_FORM_RETENTION_DAYS
        ),
    )


def _due_rule(
    doc: DocumentRecord, case: CaseRecord, rules: RetentionRules, now: datetime
) -> DisposalRule | None:
    if doc.category is DocumentCategory.IDENTITY:
        if (
            rules.identity_after_decision
            and case.status in DECIDED
            and case.decided_at is not None
            and case.decided_at <= now
        ):
            return DisposalRule.AFTER_DECISION
        days = rules.identity_days
    else:
        days = rules.request_form_days
    if days is not None and case.closed_at is not None and case.closed_at + timedelta(days) <= now:
        return DisposalRule.RETENTION
    return None


def due_documents(session: Session) -> list[DueDocument]:
    """Every stored image that the policy in force wants destroyed by now.

    The policy in force decides (a store holds one policy at a time; a company that changes
    its policy applies the new periods to the images still kept).
    """
    session.require(Action.DISPOSE)
    store = session.store
    now = session.now()
    cases: dict[str, CaseRecord | None] = {}
    rules = effective_rules(session, policy_in_force(session))
    out: list[DueDocument] = []
    for doc in store.documents.kept():
        if doc.case_id not in cases:
            cases[doc.case_id] = store.cases.get(doc.case_id)
        case = cases[doc.case_id]
        if case is None:  # pragma: no cover - the store keeps documents with their case
            continue
        rule = _due_rule(doc, case, rules, now)
        if rule is not None:
            out.append(DueDocument(doc, case, rule))
    return out


def dispose_due(session: Session) -> list[int]:
    """Destroy every image that is due, one transaction each, each with its audit record.

    The record says what existed (type, holder, category, who stored it and when), what was
    checked (the verdict and its policy, who decided and when), by whom and when it was
    destroyed.

    Returns:
        The ids of the documents whose images were destroyed.

    Raises:
        NotPermitted: the role may not dispose (operators).
    """
    session.require(Action.DISPOSE)
    disposed: list[int] = []
    store = session.store
    for due in due_documents(session):
        doc, case = due.document, due.case
        verdict = case.verdict
        with store.transaction():
            store.documents.dispose(doc.document_id, session.user.name, session.now())
            session.record(
                Action.DISPOSE,
                case_id=doc.case_id,
                document_id=doc.document_id,
                rule=due.rule.value,
                document_type=doc.document_type.value,
                holder=doc.holder.value,
                category=doc.category.value,
                regions=sorted({r.kind for r in doc.regions}),
                fields_read=sorted(doc.fields),
                added_by=doc.added_by,
                added_at=doc.added_at.isoformat(),
                checked=case.status.value,
                decision=None if verdict is None else verdict.decision,
                policy=None if verdict is None else verdict.policy_name,
                policy_version=None if verdict is None else verdict.policy_version,
                decided_by=case.decided_by,
                decided_at=None if case.decided_at is None else case.decided_at.isoformat(),
            )
        disposed.append(doc.document_id)
    log.info("%d image(s) disposed of", len(disposed))
    return disposed
