"""The repository ports the services need: ``Protocol``s the store implements (and tests fake).

The services speak only to these interfaces, so the SQLCipher store (and a later PostgreSQL
one) is a second implementation, not a rewrite. Records are frozen dataclasses of plain
values; the store maps them to rows. Every write happens inside ``Store.transaction()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

# The records are core types (the store builds them too); re-exported here for the services.
from desktop.core.cases import (
    AuditEvent,
    CaseRecord,
    ChainCheck,
    DocumentCategory,
    DocumentRecord,
    MaskOrigin,
    Reason,
    RegionRecord,
    UserRecord,
    Verdict,
)

__all__ = [
    "AuditEvent",
    "AuditLog",
    "CaseRecord",
    "CaseRepository",
    "ChainCheck",
    "DocumentCategory",
    "DocumentRecord",
    "DocumentRepository",
    "LetterRepository",
    "MaskOrigin",
    "PolicyEngine",
    "PolicyOutcome",
    "Reason",
    "RegionRecord",
    "RetentionRules",
    "SettingsRepository",
    "Store",
    "StoreOpener",
    "StoredLetter",
    "UserRecord",
    "UserRepository",
    "Verdict",
]

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence
    from contextlib import AbstractContextManager
    from datetime import date, datetime
    from pathlib import Path

    from desktop.core.cases import CaseStatus, Role


@dataclass(frozen=True, slots=True)
class PolicyOutcome:
    """What the policy engine decides for one case (the contract's ``check`` output)."""

    decision: str
    reasons: tuple[Reason, ...]
    due_on: date | None
    policy_name: str
    policy_version: str
    reasons_ja: tuple[str, ...] = ()  # the reasons in Japanese, for letters to requesters
    title_ja: str = ""  # the policy's title, for letters


@dataclass(frozen=True, slots=True)
class RetentionRules:
    """When a policy wants stored images destroyed.

    Attributes:
        identity_after_decision: destroy identity-document images as soon as the case is
            decided (approved or rejected), e.g. leverages.
        identity_days: otherwise, days after the case is closed; None: the store's setting.
        request_form_days: days after closing for request-form images; None: the store's
            setting (policies name no period for request forms yet).
    """

    identity_after_decision: bool
    identity_days: int | None = None
    request_form_days: int | None = None


class UserRepository(Protocol):
    """Accounts and their key slots."""

    def get(self, name: str) -> UserRecord | None:
        """The account named ``name``, or None."""
        ...

    def list(self) -> Sequence[UserRecord]:
        """Every account, by name."""
        ...

    def add(self, name: str, role: Role, password: str) -> None:
        """Add an account and its key slot (the name is known to be free)."""
        ...

    def set_active(self, name: str, active: bool) -> None:
        """Enable or disable an account (a disabled one cannot unlock the store)."""
        ...

    def set_password(self, name: str, password: str) -> None:
        """Rewrap the account's key slot with a new password."""
        ...


class CaseRepository(Protocol):
    """Cases."""

    def next_id(self, year: int) -> str:
        """The next free case number of ``year`` (``2026-000001``)."""
        ...

    def add(self, case: CaseRecord) -> None:
        """Store a new case."""
        ...

    def get(self, case_id: str) -> CaseRecord | None:
        """The case, or None."""
        ...

    def update(self, case: CaseRecord) -> None:
        """Replace the stored case with ``case`` (same id)."""
        ...

    def list(self, status: CaseStatus | None = None) -> Sequence[CaseRecord]:
        """Cases, optionally of one status, by case id."""
        ...


class DocumentRepository(Protocol):
    """Stored pages (masked only) and their metadata."""

    def add(self, document: DocumentRecord, image: bytes) -> int:
        """Store a page and its masked PNG; return its new document id."""
        ...

    def get(self, document_id: int) -> DocumentRecord | None:
        """The page's metadata, or None."""
        ...

    def image(self, document_id: int) -> bytes | None:
        """The masked PNG, or None once disposed."""
        ...

    def for_case(self, case_id: str) -> Sequence[DocumentRecord]:
        """The pages of a case, by document id (disposed ones included)."""
        ...

    def kept(self) -> Sequence[DocumentRecord]:
        """Every page whose image still exists, by document id."""
        ...

    def update(self, document: DocumentRecord) -> None:
        """Replace the metadata of a page (type, fields, holder)."""
        ...

    def dispose(self, document_id: int, by: str, at: datetime) -> None:
        """Destroy the image and the field values; keep type, holder and dates."""
        ...


class AuditLog(Protocol):
    """The audit hash chain."""

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
        """Append one event chained to the previous one; return its event id."""
        ...

    def events(self, *, after: int = 0, case_id: str | None = None) -> Iterator[AuditEvent]:
        """The events with id > ``after`` (optionally of one case only) in chain order."""
        ...

    def verify(self) -> ChainCheck:
        """Recompute the chain and name the first broken link."""
        ...


class StoredLetter(Protocol):
    """A stored letter's record (its PDF is read apart: listing never reads the blobs)."""

    @property
    def letter_id(self) -> int: ...

    @property
    def case_id(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def created_by(self) -> str: ...

    @property
    def created_at(self) -> datetime: ...

    @property
    def delivery_channel(self) -> str | None: ...

    @property
    def delivered_on(self) -> date | None: ...

    @property
    def delivered_by(self) -> str | None: ...


class LetterRepository(Protocol):
    """Letters written to requesters, and how each was delivered."""

    def add(self, case_id: str, kind: str, pdf: bytes, by: str, at: datetime) -> int:
        """Store a letter of a case; return its letter id."""
        ...

    def get(self, letter_id: int) -> StoredLetter | None:
        """The letter's record, or None."""
        ...

    def pdf(self, letter_id: int) -> bytes | None:
        """The letter's PDF, or None."""
        ...

    def for_case(self, case_id: str) -> Sequence[StoredLetter]:
        """The letters of a case, oldest first."""
        ...

    def record_delivery(
        self, letter_id: int, channel: str, on: date, by: str, at: datetime
    ) -> None:
        """Record how (``post``, ``email_attachment``), on which date and by whom it went out."""
        ...


class SettingsRepository(Protocol):
    """Store-wide settings (the policy in force, retention), kept in the encrypted store."""

    def get(self, key: str) -> str | None:
        """The value of ``key``, or None."""
        ...

    def set(self, key: str, value: str) -> None:
        """Set ``key``."""
        ...


class Store(Protocol):
    """An unlocked store: repositories and the transaction that groups writes."""

    @property
    def users(self) -> UserRepository: ...

    @property
    def cases(self) -> CaseRepository: ...

    @property
    def documents(self) -> DocumentRepository: ...

    @property
    def letters(self) -> LetterRepository: ...

    @property
    def audit(self) -> AuditLog: ...

    @property
    def settings(self) -> SettingsRepository: ...

    def transaction(self) -> AbstractContextManager[None]:
        """Group writes: all of them land, or none (an exception rolls back)."""
        ...

    def backup(self, dest: Path) -> None:
        """Write a consistent copy of the database and its key-slot file into ``dest``."""
        ...

    def close(self) -> None:
        """Drop the key and close the connection."""
        ...


class StoreOpener(Protocol):
    """Creates and unlocks stores in one folder."""

    def exists(self) -> bool:
        """True when the folder already holds a store."""
        ...

    def create(self, admin: str, password: str) -> tuple[Store, str]:
        """Create the store with its first administrator; return it and the recovery key."""
        ...

    def open(self, user: str, password: str) -> Store:
        """Unlock the store as ``user``; ``RefusedError`` on a wrong name or password."""
        ...


class PolicyEngine(Protocol):
    """The company's verification policies: weighs a case, says how long images are kept."""

    def check_name(self, policy: str) -> str:
        """Return the canonical name of ``policy``; ``InputError`` if it cannot be loaded."""
        ...

    def evaluate(self, policy: str, case: Mapping[str, Any], source: str) -> PolicyOutcome:
        """Weigh ``case`` (contract CASE.json, documents included) against ``policy``."""
        ...

    def retention(self, policy: str) -> RetentionRules:
        """The disposal periods ``policy`` sets."""
        ...

    def refusal_grounds(self, policy: str) -> Mapping[str, str]:
        """The refusal grounds ``policy`` offers: code to the Japanese sentence of notices."""
        ...
