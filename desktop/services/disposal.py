"""Disposal: destroy stored images when their policy says, leaving a record of what was checked."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, cast

from desktop.core.cases import Action, CaseStatus
from desktop.services.ports import DocumentCategory, RetentionRules
from desktop.services.review import policy_in_force

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from desktop.services.ports import CaseRecord, DocumentRecord
    from desktop.services.session import Session

log = logging.getLogger(__name__)

IDENTITY_RETENTION_SETTING = "identity_retention_days"
REQUEST_FORM_RETENTION_SETTING = "request_form_retention_days"
DEFAULT_IDENTITY_RETENTION_DAYS = 365
"""Product default: identity copies kept a year after closing, unless policy or store say."""
DEFAULT_REQUEST_FORM_RETENTION_DAYS = 3 * 365
"""Product default: request forms kept three years after closing (audit trail of requests)."""

BATCH = 200
"""Pages disposed of per transaction: one commit (one fsync, some milliseconds) per batch
instead of per page; the batch still commits each page with its audit record."""

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


def _rule_of(
    category: DocumentCategory,
    status: CaseStatus,
    decided_at: datetime | None,
    closed_at: datetime | None,
    rules: RetentionRules,
    now: datetime,
) -> DisposalRule | None:
    """The one statement of when a page is due (both search paths weigh pages with it)."""
    if category is DocumentCategory.IDENTITY:
        if (
            rules.identity_after_decision
            and status in DECIDED
            and decided_at is not None
            and decided_at <= now
        ):
            return DisposalRule.AFTER_DECISION
        days = rules.identity_days
    else:
        days = rules.request_form_days
    if days is not None and closed_at is not None and closed_at + timedelta(days) <= now:
        return DisposalRule.RETENTION
    return None


def _due_rule(
    doc: DocumentRecord, case: CaseRecord, rules: RetentionRules, now: datetime
) -> DisposalRule | None:
    return _rule_of(doc.category, case.status, case.decided_at, case.closed_at, rules, now)


class _DueSearch(Protocol):
    def due_candidates(
        self,
        *,
        decided_by: datetime | None,
        identity_closed_by: datetime | None,
        request_form_closed_by: datetime | None,
    ) -> Sequence[Any]: ...

    def many(self, document_ids: Iterable[int]) -> Sequence[DocumentRecord]: ...


def _due_by_query(
    session: Session, search: _DueSearch, rules: RetentionRules, now: datetime
) -> list[DueDocument]:
    # The store picks the kept pages of decided cases past a cutoff (SQL, no page of an open
    # case read); each candidate is weighed again by ``_rule_of``, so the store's filter only
    # has to let through every page the rule wants (see tests/store/test_disposal_queries.py).
    def cutoff(days: int | None) -> datetime | None:
        return None if days is None else now - timedelta(days)

    candidates = search.due_candidates(
        decided_by=now if rules.identity_after_decision else None,
        identity_closed_by=cutoff(rules.identity_days),
        request_form_closed_by=cutoff(rules.request_form_days),
    )
    rule_of: dict[int, DisposalRule] = {}
    for c in candidates:
        rule = _rule_of(
            DocumentCategory(c.category),
            CaseStatus(c.status),
            _stamp(c.decided_at),
            _stamp(c.closed_at),
            rules,
            now,
        )
        if rule is not None:
            rule_of[int(c.document_id)] = rule
    cases: dict[str, CaseRecord | None] = {}
    out: list[DueDocument] = []
    for doc in search.many(rule_of):
        if doc.disposed_at is not None:  # disposed meanwhile by another window
            continue
        if doc.case_id not in cases:
            cases[doc.case_id] = session.store.cases.get(doc.case_id)
        case = cases[doc.case_id]
        if case is not None:
            out.append(DueDocument(doc, case, rule_of[doc.document_id]))
    return out


def _stamp(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def due_documents(session: Session) -> list[DueDocument]:
    """Every stored image that the policy in force wants destroyed by now, by document id.

    The policy in force decides (a store holds one policy at a time; a company that changes
    its policy applies the new periods to the images still kept). The store finds the
    candidates with one query; a store without that query (the services' test fake) is read
    page by page.
    """
    session.require(Action.DISPOSE)
    store = session.store
    now = session.now()
    rules = effective_rules(session, policy_in_force(session))
    if hasattr(store.documents, "due_candidates"):
        return _due_by_query(session, cast("_DueSearch", store.documents), rules, now)
    cases: dict[str, CaseRecord | None] = {}
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
    """Destroy every image that is due, ``BATCH`` pages a transaction, each with its audit record.

    The record says what existed (type, holder, category, who stored it and when), what was
    checked (the verdict and its policy, who decided and when), by whom and when it was
    destroyed. A page's disposal and its record commit together; a crash loses at most the
    batch in progress, entirely (its pages are still due at the next run).

    Returns:
        The ids of the documents whose images were destroyed, by document id.

    Raises:
        NotPermitted: the role may not dispose (operators).
    """
    session.require(Action.DISPOSE)
    disposed: list[int] = []
    store = session.store
    due = due_documents(session)
    for start in range(0, len(due), BATCH):
        with store.transaction():
            for item in due[start : start + BATCH]:
                _dispose_one(session, item)
        disposed.extend(item.document.document_id for item in due[start : start + BATCH])
    log.info("%d image(s) disposed of", len(disposed))
    return disposed


def _dispose_one(session: Session, due: DueDocument) -> None:
    doc, case = due.document, due.case
    verdict = case.verdict
    session.store.documents.dispose(doc.document_id, session.user.name, session.now())
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
