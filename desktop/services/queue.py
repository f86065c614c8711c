"""The supervisors' review queue and everything the review screen of one case shows.

Read-only: the queue lists the cases in review by deadline with business days left; the
detail gathers the intake, the pages, the policy's checklist (which page met which rule)
and the case's audit trail. Decisions go through ``desktop.services.review``; the few
compositions the review screen needs (a return's note, a rejection's ground) are here so
that the widgets hold no rule.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol, cast

from desktop.core.case import case_from_json
from desktop.core.cases import Action, CaseStatus, NotPermitted, is_allowed
from desktop.core.errors import InputError
from desktop.services import deadlines, review
from desktop.services.intake import get_case
from desktop.services.texts import Lang, reason_message

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import date, datetime

    from desktop.core.policy import Policy
    from desktop.services.ports import CaseRecord, DocumentRecord
    from desktop.services.session import Session
    from desktop.store.queries import PageKey

log = logging.getLogger(__name__)

DUE_SOON_BUSINESS_DAYS = 3
"""A case due within this many business days (and not overdue) counts as due soon."""

PAGE = 100
"""Rows of the queue per page (the view fetches the next page as it is scrolled)."""

TRAIL_DETAIL_KEYS = (
    "status_from",
    "status_to",
    "decision",
    "override",
    "reasons",
    "kind",
    "ground",
    "document_type",
)
"""The audit detail shown in the review screen's trail (codes only, never personal data)."""

MISSING_CODES = frozenset(
    {
        "photo_id_or_two_documents",
        "representative_id_missing",
        "authority_proof_missing",
        "power_of_attorney_missing",
    }
)
"""Reasons that name a document still to come (the items a return may ask for)."""


def require_reviewer(session: Session) -> None:
    """Raise ``NotPermitted`` unless the user may decide cases (supervisors, administrators)."""
    if not is_allowed(session.user.role, Action.APPROVE):
        raise NotPermitted(f"the review queue is for supervisors; {session.user.name} may not")


# --- the queue ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One case waiting for a supervisor.

    Attributes:
        business_days_left: business days from today to the deadline (0 on the day,
            negative when overdue); None without a deadline.
    """

    case_id: str
    received_on: date
    due_on: date | None
    business_days_left: int | None
    overdue: bool
    due_soon: bool
    principal: str
    request_types: tuple[str, ...]
    requester: str
    submitted_by: str
    decision: str | None


@dataclass(frozen=True, slots=True)
class QueuePage:
    """Some rows of the queue and the key of the rows after them (None: no more)."""

    rows: tuple[QueueRow, ...]
    after: PageKey | None


@dataclass(frozen=True, slots=True)
class ReviewQueue:
    """The first rows of the queue, oldest deadline first (no deadline last), and its counts.

    The counts are of the whole queue (counted by the store, not from ``rows``); the rows
    after ``after`` come from ``queue_page``.
    """

    rows: tuple[QueueRow, ...]
    overdue: int
    due_soon: int
    today: date
    total: int
    after: PageKey | None = None


class _Queries(Protocol):
    def case_page(
        self,
        status: CaseStatus | None = None,
        after: Any = None,
        limit: int = 50,
        *,
        order: Any = ...,
    ) -> Any: ...

    def queue_counts(self, status: CaseStatus, today: date, soon_until: date) -> Any: ...


def _sorted_in_review(session: Session) -> list[CaseRecord]:
    # A store without list queries (the services' fake): every case in review, sorted here
    # in the store's order (deadline, none last, then case number).
    waiting = session.store.cases.list(CaseStatus.IN_REVIEW)
    return sorted(waiting, key=_sort_key)


def _sort_key(case: CaseRecord) -> tuple[str, str]:
    from desktop.store.queries import NO_DUE

    return (NO_DUE if case.due_on is None else case.due_on.isoformat(), case.case_id)


def _page_of_cases(
    session: Session, after: PageKey | None, limit: int
) -> tuple[list[CaseRecord], PageKey | None]:
    from desktop.store.queries import CaseOrder, PageKey

    queries = getattr(session.store, "queries", None)
    if queries is None:
        rest = [
            c
            for c in _sorted_in_review(session)
            if after is None or _sort_key(c) > (*after.key, after.case_id)
        ]
        page = rest[:limit]
        if len(rest) <= limit:
            return page, None
        due, case_id = _sort_key(page[-1])
        return page, PageKey(CaseOrder.DUE.value, False, (due,), case_id)
    # The store orders by deadline (none last), then case number, from its index; each row
    # is completed from its case record (``limit`` reads by primary key).
    result = cast("_Queries", queries).case_page(
        CaseStatus.IN_REVIEW, after, limit, order=CaseOrder.DUE
    )
    cases = []
    for row in result.rows:
        case = session.store.cases.get(row.case_id)
        if case is not None and case.status is CaseStatus.IN_REVIEW:  # decided meanwhile
            cases.append(case)
    return cases, result.next_key


def queue_row(session: Session, case: CaseRecord, today: date) -> QueueRow:
    """The queue line of a case on ``today`` (business days as ``deadlines`` counts them)."""
    due = case.due_on
    left = deadlines.business_days_left(session, case, today)
    overdue = due is not None and due < today
    intake: Any = case.intake
    principal = intake.get("principal") or {}
    return QueueRow(
        case_id=case.case_id,
        received_on=case.received_on,
        due_on=due,
        business_days_left=left,
        overdue=overdue,
        due_soon=left is not None and not overdue and left <= DUE_SOON_BUSINESS_DAYS,
        principal=str(principal.get("name", "")),
        request_types=tuple(str(t) for t in intake.get("request_types", ())),
        requester=str(intake.get("requester", "")),
        submitted_by=case.submitted_by or case.created_by,
        decision=None if case.verdict is None else case.verdict.decision,
    )


def due_soon_until(session: Session, today: date) -> date:
    """The last deadline that counts as due soon on ``today`` (``DUE_SOON_BUSINESS_DAYS``).

    Business days left grow with the deadline, so the due-soon deadlines are the days from
    today to the day before the next business day after the last one allowed.
    """
    calendar = deadlines.business_calendar(session)
    day, counted = today, 0
    for _ in range(550):  # a year and a half: as the calendar's own guard
        following = day + timedelta(days=1)
        counted += calendar.is_business_day(following)
        if counted > DUE_SOON_BUSINESS_DAYS:
            return day
        day = following
    return day  # pragma: no cover - a calendar without business days


def queue_page(session: Session, after: PageKey | None = None, limit: int = PAGE) -> QueuePage:
    """The next ``limit`` cases of the queue after ``after`` (a previous page's ``after``).

    Raises:
        NotPermitted: the user is not a supervisor or administrator.
    """
    require_reviewer(session)
    today = session.today()
    cases, key = _page_of_cases(session, after, limit)
    return QueuePage(tuple(queue_row(session, case, today) for case in cases), key)


def review_queue(
    session: Session, *, after: PageKey | None = None, limit: int = PAGE
) -> ReviewQueue:
    """The first ``limit`` cases in review (after ``after``), and the counts of the whole queue.

    Order: oldest deadline first (no deadline last, ties by case number); the next rows come
    from ``queue_page(session, queue.after)``. Overdue: the deadline is before today (the
    session's clock). Due soon: not overdue and at most ``DUE_SOON_BUSINESS_DAYS`` business
    days left. The store counts them over its queue index (no case read).

    Raises:
        NotPermitted: the user is not a supervisor or administrator.
    """
    require_reviewer(session)
    today = session.today()
    page = queue_page(session, after, limit)
    queries = getattr(session.store, "queries", None)
    if queries is None:  # the fake: every row weighed (a handful)
        every = [queue_row(session, case, today) for case in _sorted_in_review(session)]
        total = len(every)
        overdue = sum(r.overdue for r in every)
        due_soon = sum(r.due_soon for r in every)
    else:
        counts = cast("_Queries", queries).queue_counts(
            CaseStatus.IN_REVIEW, today, due_soon_until(session, today)
        )
        total, overdue, due_soon = int(counts.total), int(counts.overdue), int(counts.due_soon)
    log.info("review queue: %d cases, %d rows read", total, len(page.rows))
    return ReviewQueue(
        rows=page.rows,
        overdue=overdue,
        due_soon=due_soon,
        today=today,
        total=total,
        after=page.after,
    )


# --- the review screen of one case ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageInfo:
    """One stored page of the case (no field values: the screen shows the masked image).

    Attributes:
        number: 1-based number among the kept pages, as the policy's reasons count them;
            None for a page whose image was disposed of.
    """

    document_id: int
    number: int | None
    document_type: str
    holder: str
    category: str
    added_by: str
    added_at: datetime
    disposed: bool


@dataclass(frozen=True, slots=True)
class RuleCheck:
    """One requirement of the policy, whether it is met, and by which pages."""

    requirement: str
    met: bool
    document_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ReasonLine:
    """One reason of the verdict: its code, its sentences, the page it concerns."""

    code: str
    text_ja: str
    text_en: str
    document_id: int | None
    missing: bool  # a document still to come (else a conflict)


@dataclass(frozen=True, slots=True)
class VerdictInfo:
    """The policy's verdict on the case's kept pages (what the supervisor decides on)."""

    decision: str
    policy: str
    policy_version: str
    due_on: date | None
    checks: tuple[RuleCheck, ...]
    reasons: tuple[ReasonLine, ...]
    used: tuple[tuple[int, str, str | None], ...]  # (document id, use, person)
    stored_decision: str | None = None  # the verdict stored at submission (approve's override)

    @property
    def approve_overrides(self) -> bool:
        """Whether approving goes against the verdict (``review.approve`` records ``override``)."""
        return (self.stored_decision or self.decision) != "verified"


@dataclass(frozen=True, slots=True)
class TrailEntry:
    """One audit event of the case: when, who, what, and the status change if any."""

    event_id: int
    at: datetime
    actor: str
    action: str
    document_id: int | None
    status_from: str | None
    status_to: str | None
    detail: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class RefusalChoice:
    """A refusal ground the policy offers: its code and its sentence in both languages."""

    code: str
    text_ja: str
    text_en: str


@dataclass(frozen=True, slots=True)
class ReviewDetail:
    """Everything the review screen of a case shows (personal data only in ``intake``)."""

    case_id: str
    status: CaseStatus
    received_on: date
    request_types: tuple[str, ...]
    requester: str
    channel: str | None
    principal: dict[str, str]
    representative: dict[str, str] | None
    submitted_by: str | None
    created_by: str
    decided_by: str | None
    decision_note: str | None
    business_days_left: int | None
    pages: tuple[PageInfo, ...]
    verdict: VerdictInfo | None
    trail: tuple[TrailEntry, ...]
    can_approve: bool
    approve_block: str | None  # why this user may not approve (four-eyes, status)
    refusal_grounds: tuple[RefusalChoice, ...]

    def kept_pages(self) -> tuple[PageInfo, ...]:
        """The pages whose image still exists."""
        return tuple(p for p in self.pages if not p.disposed)


def _person(value: Any) -> dict[str, str]:
    person = value or {}
    return {k: str(person[k]) for k in ("name", "birth_date", "address") if person.get(k)}


def _verdict(
    session: Session, case: CaseRecord, kept: Sequence[DocumentRecord], policy: Policy
) -> VerdictInfo:
    from desktop.core.policy import decide

    # Weighed again from the kept pages, like the operator's checklist: the stored verdict
    # carries codes and English sentences only, the engine's evaluation says which page met
    # which rule. The documents of ``case_document`` are the kept pages in this same order.
    evaluation = decide(case_from_json(review.case_document(session, case), case.case_id), policy)
    ids = [d.document_id for d in kept]

    def doc_id(index: int | None) -> int | None:
        return None if index is None or not 0 <= index < len(ids) else ids[index]

    checks = tuple(
        RuleCheck(
            requirement=str(c.requirement),
            met=c.met,
            document_ids=tuple(i for i in (doc_id(n) for n in c.documents) if i is not None),
        )
        for c in evaluation.checks
    )
    reasons = tuple(
        ReasonLine(
            code=str(r.code),
            text_ja=reason_message(r, Lang.JA),
            text_en=reason_message(r, Lang.EN),
            document_id=doc_id(r.document),
            missing=str(r.code) in MISSING_CODES,
        )
        for r in evaluation.reasons
    )
    used = tuple(
        (ids[u.document], str(u.use), None if u.person is None else str(u.person))
        for u in evaluation.used
        if 0 <= u.document < len(ids)
    )
    stored_due = case.due_on
    return VerdictInfo(
        decision=str(evaluation.decision),
        policy=policy.name,
        policy_version=str(policy.version),
        due_on=stored_due if stored_due is not None else evaluation.due_on,
        checks=checks,
        reasons=reasons,
        used=used,
        stored_decision=None if case.verdict is None else case.verdict.decision,
    )


def audit_trail(session: Session, case_id: str) -> tuple[TrailEntry, ...]:
    """The audit events of a case in chain order (codes, accounts, times; no personal data).

    Raises:
        NotPermitted: the user is not a supervisor or administrator.
    """
    require_reviewer(session)
    entries = []
    # The store selects one case's events by its index (no walk of the whole chain).
    for event in session.store.audit.events(case_id=case_id):
        detail = event.detail
        entries.append(
            TrailEntry(
                event_id=event.event_id,
                at=event.at,
                actor=event.user,
                action=event.action,
                document_id=event.document_id,
                status_from=_opt(detail.get("status_from")),
                status_to=_opt(detail.get("status_to")),
                detail=tuple(
                    (k, _detail_text(detail[k]))
                    for k in TRAIL_DETAIL_KEYS[2:]
                    if detail.get(k) not in (None, "", [])
                ),
            )
        )
    return tuple(entries)


def _detail_text(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


def approve_block(session: Session, case: CaseRecord) -> str | None:
    """Why this user may not approve ``case`` now (None: they may)."""
    if not is_allowed(session.user.role, Action.APPROVE):
        return "role"
    if case.status is not CaseStatus.IN_REVIEW:
        return "status"
    if case.submitted_by is not None and case.submitted_by == session.user.name:
        return "four_eyes"
    return None


def review_detail(session: Session, case_id: str) -> ReviewDetail:
    """Everything the review screen shows of a case; page images come from ``page_image``.

    Raises:
        NotPermitted: the user is not a supervisor or administrator.
        InputError: no such case.
    """
    require_reviewer(session)
    case = get_case(session, case_id)
    records = session.store.documents.for_case(case_id)
    kept = [d for d in records if d.disposed_at is None]
    numbers = {d.document_id: n for n, d in enumerate(kept, start=1)}
    pages = tuple(
        PageInfo(
            document_id=d.document_id,
            number=numbers.get(d.document_id),
            document_type=str(d.document_type),
            holder=str(d.holder),
            category=str(d.category),
            added_by=d.added_by,
            added_at=d.added_at,
            disposed=d.disposed_at is not None,
        )
        for d in records
    )
    from desktop.services import policies

    name = review.policy_in_force(session)
    policy = policies.load_policy(name)
    verdict = _verdict(session, case, kept, policy) if kept or case.verdict else None
    english = {g.code: g.en for g in policy.refusal_grounds}
    grounds = tuple(
        RefusalChoice(code, ja, english.get(code, ja))
        for code, ja in session.policies.refusal_grounds(name).items()
    )
    intake: Any = case.intake
    block = approve_block(session, case)
    return ReviewDetail(
        case_id=case.case_id,
        status=case.status,
        received_on=case.received_on,
        request_types=tuple(str(t) for t in intake.get("request_types", ())),
        requester=str(intake.get("requester", "")),
        channel=_opt(intake.get("channel")),
        principal=_person(intake.get("principal")),
        representative=_person(intake["representative"]) if intake.get("representative") else None,
        submitted_by=case.submitted_by,
        created_by=case.created_by,
        decided_by=case.decided_by,
        decision_note=case.decision_note,
        business_days_left=deadlines.business_days_left(session, case, session.today()),
        pages=pages,
        verdict=verdict,
        trail=audit_trail(session, case_id),
        can_approve=block is None,
        approve_block=block,
        refusal_grounds=grounds,
    )


# --- decisions of the review screen --------------------------------------------------------


def return_for_documents(
    session: Session, case_id: str, items: Iterable[str], text: str = ""
) -> CaseRecord:
    """Return a case in review, asking for the verdict's reasons ``items`` and ``text``.

    Args:
        session: a supervisor's session.
        case_id: the case.
        items: reason codes of the verdict the supervisor ticked as missing (the audit
            event records them; the request_documents letter lists them in Japanese).
        text: the supervisor's own words for the letter (other items, remarks).

    Raises:
        InputError: nothing ticked and no text, a code not of the verdict, or no such case.
        NotPermitted / TransitionNotAllowed: as ``review.return_case``.
    """
    codes = list(dict.fromkeys(code for code in items if code.strip()))
    if not codes and not text.strip():
        raise InputError(case_id, "choose what is missing or write it")
    return review.return_case(session, case_id, text.strip() or None, items=codes or None)


def reject_with_ground(session: Session, case_id: str, ground: str, reason: str) -> CaseRecord:
    """Reject a case in review on one of the policy's refusal grounds, with the reason.

    Raises:
        InputError: the ground is not the policy's, or no reason was written.
        NotPermitted / TransitionNotAllowed: as ``review.reject``.
    """
    require_reviewer(session)
    grounds = session.policies.refusal_grounds(review.policy_in_force(session))
    if ground not in grounds:
        raise InputError(case_id, f"unknown refusal ground {ground!r} for the policy in force")
    if not reason.strip():
        raise InputError(case_id, "write the reason for the rejection")
    return review.reject(session, case_id, ground, reason=reason.strip())
