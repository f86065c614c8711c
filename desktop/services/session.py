"""An unlocked store with its user and clock: what every use case receives first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from desktop.core.cases import Action, NotPermitted, authorise

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from desktop.services.ports import PolicyEngine, Store, UserRecord

AUDIT_DETAIL_KEYS = frozenset(
    {
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
        "unintended_collection",
        "role",
        "account",
        "active",
        "changed",
        "kind",
        "sent_on",
        "rule",
        "added_by",
        "added_at",
        "decided_by",
        "decided_at",
        "checked",
        "fields_read",
        "request_types",
        "requester",
        "channel",
        "count",
        "events",
    }
)
"""The only keys an audit event's detail may carry: codes, ids, dates and staff accounts.

Requesters' names, addresses, birth dates, field values and free text never enter the chain,
so the audit export carries no personal data beyond case numbers.
"""


def system_clock() -> datetime:
    """Now, in the workstation's time zone (dates of Japanese help desks are local dates)."""
    return datetime.now().astimezone()


@dataclass(frozen=True, slots=True)
class Session:
    """A user working on an unlocked store.

    Attributes:
        store: the unlocked store.
        user: the account that unlocked it.
        policies: the policy engine (built-in and file policies).
        now: the clock; tests pass a fixed one.
    """

    store: Store
    user: UserRecord
    policies: PolicyEngine
    now: Callable[[], datetime] = field(default=system_clock)

    def today(self) -> date:
        """Today's date by the session's clock."""
        return self.now().date()

    def require(self, action: Action) -> None:
        """Raise ``NotPermitted`` (a ``RefusedError``) unless the user may ``action`` now.

        The account is read again from the store (one lookup by its unique name) rather than
        trusted from unlock: an account disabled, removed or demoted by an administrator
        while this session is open loses its rights at its next action, not when it locks.
        The role read at unlock is checked first, without a read: a promotion takes effect
        at the next sign-in, a loss of rights at once.
        """
        authorise(self.user.role, action)
        current = self.store.users.get(self.user.name)
        if current is None:
            raise NotPermitted(f"the account {self.user.name!r} has been removed; sign in again")
        if not current.active:
            raise NotPermitted(f"the account {self.user.name!r} has been disabled")
        authorise(current.role, action)

    def record(
        self,
        action: str,
        *,
        case_id: str | None = None,
        document_id: int | None = None,
        **detail: Any,
    ) -> int:
        """Append an audit event by this user, now; call it inside the write's transaction.

        Raises:
            ValueError: a detail key outside ``AUDIT_DETAIL_KEYS`` (a programming error).
        """
        unknown = set(detail) - AUDIT_DETAIL_KEYS
        if unknown:
            raise ValueError(f"audit detail keys not allowed: {sorted(unknown)}")
        clean: Mapping[str, Any] = {k: v for k, v in detail.items() if v is not None}
        return self.store.audit.append(
            at=self.now(),
            user=self.user.name,
            action=action,
            case_id=case_id,
            document_id=document_id,
            detail=clean,
        )
