"""Case states, the allowed transitions, roles and rights as data; the stored records.

The record dataclasses (cases, pages, accounts, audit events) live here, in the core,
so that the store can build them and the services' ports can name them without either
importing the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from desktop.core.errors import InputError, RefusedError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from datetime import date, datetime

    from desktop.core.case import Holder
    from desktop.core.documents import DocumentType


class CaseStatus(StrEnum):
    """Where a case stands; values are the contract's status codes."""

    INTAKE = "intake"  # opened, documents being added
    IN_REVIEW = "in_review"  # submitted, waits for a supervisor
    RETURNED = "returned"  # more documents asked for (letter request_documents)
    APPROVED = "approved"  # identity verified, the response may be sent
    REJECTED = "rejected"  # refused (identity conflict or a refusal ground)
    CLOSED = "closed"  # answered or withdrawn; nothing more happens


class Role(StrEnum):
    """Account roles."""

    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    ADMINISTRATOR = "administrator"


class Action(StrEnum):
    """Everything a user may do; values are also the audit log's action codes."""

    OPEN_CASE = "open_case"
    EDIT_CASE = "edit_case"
    ADD_DOCUMENT = "add_document"
    VIEW_DOCUMENT = "view_document"
    EVALUATE = "evaluate"
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    REJECT = "reject"
    CLOSE = "close"
    WRITE_LETTER = "write_letter"
    LIST_CASES = "list_cases"
    DISPOSE = "dispose"
    MANAGE_USERS = "manage_users"
    CHANGE_OWN_PASSWORD = "change_own_password"
    EDIT_SETTINGS = "edit_settings"
    VERIFY_AUDIT = "verify_audit"
    BACKUP = "backup"


TRANSITIONS: Mapping[tuple[CaseStatus, Action], CaseStatus] = MappingProxyType(
    {
        # the one table of the case life cycle: (from, action) -> to
        (CaseStatus.INTAKE, Action.SUBMIT): CaseStatus.IN_REVIEW,
        (CaseStatus.RETURNED, Action.SUBMIT): CaseStatus.IN_REVIEW,  # more documents came
        (CaseStatus.IN_REVIEW, Action.APPROVE): CaseStatus.APPROVED,
        (CaseStatus.IN_REVIEW, Action.RETURN): CaseStatus.RETURNED,
        (CaseStatus.IN_REVIEW, Action.REJECT): CaseStatus.REJECTED,
        (CaseStatus.APPROVED, Action.CLOSE): CaseStatus.CLOSED,  # response sent
        (CaseStatus.REJECTED, Action.CLOSE): CaseStatus.CLOSED,  # refusal sent
        (CaseStatus.RETURNED, Action.CLOSE): CaseStatus.CLOSED,  # requester never replied
        (CaseStatus.INTAKE, Action.CLOSE): CaseStatus.CLOSED,  # request withdrawn
    }
)
"""Every allowed status change; any pair not listed is not allowed."""

# Roles are cumulative: a supervisor can do an operator's work, and an administrator a
# supervisor's. Small help desks have two or three people, and the store's first account is
# an administrator; four-eyes, not the role, keeps anyone from approving their own case.
_OPERATOR = frozenset(Role)
_SUPERVISOR = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})
_ADMIN = frozenset({Role.ADMINISTRATOR})
_EVERYONE = frozenset(Role)

PERMISSIONS: Mapping[Action, frozenset[Role]] = MappingProxyType(
    {
        # case work: operators prepare; supervisors (and administrators) also decide
        Action.OPEN_CASE: _OPERATOR,
        Action.EDIT_CASE: _OPERATOR,
        Action.ADD_DOCUMENT: _OPERATOR,
        Action.VIEW_DOCUMENT: _OPERATOR,
        Action.EVALUATE: _OPERATOR,
        Action.SUBMIT: _OPERATOR,
        Action.WRITE_LETTER: _OPERATOR,
        Action.APPROVE: _SUPERVISOR,
        Action.RETURN: _SUPERVISOR,
        Action.REJECT: _SUPERVISOR,
        Action.CLOSE: _SUPERVISOR,
        # administration
        Action.LIST_CASES: _EVERYONE,
        Action.DISPOSE: _SUPERVISOR,
        Action.MANAGE_USERS: _ADMIN,
        Action.CHANGE_OWN_PASSWORD: _EVERYONE,
        Action.EDIT_SETTINGS: _ADMIN,
        Action.VERIFY_AUDIT: _SUPERVISOR,
        Action.BACKUP: _ADMIN,
    }
)
"""Which roles may do each action."""

FOUR_EYES_ACTIONS = frozenset({Action.APPROVE})
"""Actions the preparer of a case (the user who submitted it) may not do on it."""


class TransitionNotAllowed(InputError):
    """The action does not apply to a case in its present status (exit 2)."""


class NotPermitted(RefusedError):
    """The user's role may not do this, or four-eyes forbids it (exit 3)."""


def is_allowed(role: Role, action: Action) -> bool:
    """Return whether ``role`` may do ``action``."""
    return role in PERMISSIONS.get(action, frozenset())


def authorise(role: Role, action: Action) -> None:
    """Raise NotPermitted unless ``role`` may do ``action``."""
    if not is_allowed(role, action):
        raise NotPermitted(f"the role {role} may not {action}")


def next_status(case_id: str, status: CaseStatus, action: Action) -> CaseStatus:
    """Return the status a case reaches by ``action``.

    Raises:
        TransitionNotAllowed: the table has no such change from ``status``.
    """
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise TransitionNotAllowed(
            case_id, f"cannot {action} a case whose status is {status}"
        ) from None


def check_four_eyes(action: Action, actor: str, preparer: str | None) -> None:
    """Raise NotPermitted when ``actor`` prepared the case and ``action`` needs a second person."""
    if action in FOUR_EYES_ACTIONS and preparer is not None and actor == preparer:
        raise NotPermitted(f"four-eyes: the preparer of a case may not {action} it")


def allowed_actions(status: CaseStatus) -> frozenset[Action]:
    """Return the status-changing actions that apply to a case in ``status``."""
    return frozenset(action for (source, action) in TRANSITIONS if source == status)


# --- stored records ------------------------------------------------------------------------


class MaskOrigin(StrEnum):
    """Who placed a mask: the analysis or the operator (moved or added by hand)."""

    AUTOMATIC = "automatic"
    OPERATOR = "operator"


class DocumentCategory(StrEnum):
    """What a stored page is, for disposal: identity evidence or the request form itself."""

    IDENTITY = "identity"  # identity documents, proofs of authority, powers of attorney
    REQUEST_FORM = "request_form"  # 開示等請求書: kept for the request-form retention period


@dataclass(frozen=True, slots=True)
class UserRecord:
    """One account of the store."""

    name: str
    role: Role
    active: bool = True


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason code of a verdict and its English sentence (codes, document numbers only)."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Verdict:
    """The policy engine's verdict as stored on a case."""

    decision: str
    reasons: tuple[Reason, ...]
    due_on: date | None
    policy_name: str
    policy_version: str
    evaluated_at: datetime
    evaluated_by: str


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """One data-subject request and where it stands.

    Attributes:
        case_id: ``YYYY-NNNNNN`` (year of received_on, sequence of that year).
        intake: the request as in the contract's CASE.json, without documents (personal
            data: stored encrypted, never logged).
        submitted_by: who last submitted it for review (the preparer: four-eyes).
    """

    case_id: str
    status: CaseStatus
    received_on: date
    intake: Mapping[str, Any]
    created_by: str
    created_at: datetime
    submitted_by: str | None = None
    verdict: Verdict | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_note: str | None = None
    response_sent_on: date | None = None
    response_kind: str | None = None
    closed_at: datetime | None = None

    @property
    def due_on(self) -> date | None:
        """The response deadline of the last verdict."""
        return None if self.verdict is None else self.verdict.due_on


@dataclass(frozen=True, slots=True)
class RegionRecord:
    """One masked region: its kind (contract code), ``[x, y, w, h]`` in page pixels, origin."""

    kind: str
    box: tuple[int, int, int, int]
    origin: MaskOrigin = MaskOrigin.AUTOMATIC


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """One stored page: metadata always, the masked image until disposal."""

    document_id: int
    case_id: str
    holder: Holder
    document_type: DocumentType
    category: DocumentCategory
    fields: Mapping[str, str]
    regions: tuple[RegionRecord, ...]
    width: int
    height: int
    added_by: str
    added_at: datetime
    disposed_by: str | None = None
    disposed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One link of the audit chain. ``detail`` holds codes and ids only, never personal data."""

    event_id: int
    at: datetime
    user: str
    action: str
    case_id: str | None = None
    document_id: int | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """The result of verifying the audit chain (contract: ``audit verify``)."""

    intact: bool
    events: int
    first_broken: int | None

    def __iter__(self) -> Iterator[bool | int | None]:
        """Unpack as ``intact, events, first_broken``."""
        return iter((self.intact, self.events, self.first_broken))
