"""In-memory fakes of the service ports: a store with rollback, a hash-chained audit, a policy."""

from __future__ import annotations

import copy
import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from desktop.core.errors import InputError, RefusedError
from desktop.services.ports import (
    AuditEvent,
    CaseRecord,
    ChainCheck,
    DocumentRecord,
    PolicyOutcome,
    Reason,
    RetentionRules,
    UserRecord,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence
    from datetime import date, datetime
    from pathlib import Path

    from desktop.core.cases import CaseStatus, Role


@dataclass
class _State:
    users: dict[str, UserRecord] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)
    cases: dict[str, CaseRecord] = field(default_factory=dict)
    documents: dict[int, DocumentRecord] = field(default_factory=dict)
    images: dict[int, bytes] = field(default_factory=dict)
    events: list[tuple[AuditEvent, str]] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)
    next_document: int = 1
    letters: dict[int, FakeLetter] = field(default_factory=dict)
    letter_pdfs: dict[int, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class FakeLetter:
    """A stored letter's record (the fake's ``StoredLetter``)."""

    letter_id: int
    case_id: str
    kind: str
    created_by: str
    created_at: datetime
    delivery_channel: str | None = None
    delivered_on: date | None = None
    delivered_by: str | None = None


def _digest(previous: str, event: AuditEvent) -> str:
    body = json.dumps(
        [
            previous,
            event.event_id,
            event.at.isoformat(),
            event.user,
            event.action,
            event.case_id,
            event.document_id,
            dict(event.detail),
        ],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(body.encode()).hexdigest()


class FakeStore:
    """Implements ``desktop.services.ports.Store`` in memory; a failed transaction rolls back."""

    def __init__(self) -> None:
        self.state = _State()
        self.in_transaction = False
        self.closed = False
        self.backups: list[Path] = []

    @property
    def users(self) -> FakeUsers:
        return FakeUsers(self)

    @property
    def cases(self) -> FakeCases:
        return FakeCases(self)

    @property
    def documents(self) -> FakeDocuments:
        return FakeDocuments(self)

    @property
    def letters(self) -> FakeLetters:
        return FakeLetters(self)

    @property
    def audit(self) -> FakeAudit:
        return FakeAudit(self)

    @property
    def settings(self) -> FakeSettings:
        return FakeSettings(self)

    def _write(self) -> _State:
        if not self.in_transaction:
            raise AssertionError("a write outside store.transaction()")
        return self.state

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.in_transaction:
            raise AssertionError("nested transaction")
        saved = copy.deepcopy(self.state)
        self.in_transaction = True
        try:
            yield
        except BaseException:
            self.state = saved
            raise
        finally:
            self.in_transaction = False

    def backup(self, dest: Path) -> None:
        self.backups.append(dest)

    def close(self) -> None:
        self.closed = True

    def snapshot(self) -> _State:
        """A deep copy of everything, to compare before and after a refused call."""
        return copy.deepcopy(self.state)


@dataclass
class FakeUsers:
    store: FakeStore

    def get(self, name: str) -> UserRecord | None:
        return self.store.state.users.get(name)

    def list(self) -> Sequence[UserRecord]:
        return sorted(self.store.state.users.values(), key=lambda u: u.name)

    def add(self, name: str, role: Role, password: str) -> None:
        state = self.store._write()
        state.users[name] = UserRecord(name, role)
        state.passwords[name] = password

    def set_active(self, name: str, active: bool) -> None:
        state = self.store._write()
        state.users[name] = replace(state.users[name], active=active)

    def set_password(self, name: str, password: str) -> None:
        self.store._write().passwords[name] = password


@dataclass
class FakeCases:
    store: FakeStore

    def next_id(self, year: int) -> str:
        prefix = f"{year}-"
        taken = [int(k[len(prefix) :]) for k in self.store.state.cases if k.startswith(prefix)]
        return f"{prefix}{max(taken, default=0) + 1:06d}"

    def add(self, case: CaseRecord) -> None:
        state = self.store._write()
        assert case.case_id not in state.cases
        state.cases[case.case_id] = case

    def get(self, case_id: str) -> CaseRecord | None:
        return self.store.state.cases.get(case_id)

    def update(self, case: CaseRecord) -> None:
        state = self.store._write()
        assert case.case_id in state.cases
        state.cases[case.case_id] = case

    def list(self, status: CaseStatus | None = None) -> Sequence[CaseRecord]:
        return [
            c
            for _, c in sorted(self.store.state.cases.items())
            if status is None or c.status == status
        ]


@dataclass
class FakeDocuments:
    store: FakeStore

    def add(self, document: DocumentRecord, image: bytes) -> int:
        state = self.store._write()
        document_id = state.next_document
        state.next_document += 1
        state.documents[document_id] = replace(document, document_id=document_id)
        state.images[document_id] = image
        return document_id

    def get(self, document_id: int) -> DocumentRecord | None:
        return self.store.state.documents.get(document_id)

    def image(self, document_id: int) -> bytes | None:
        return self.store.state.images.get(document_id)

    def for_case(self, case_id: str) -> Sequence[DocumentRecord]:
        return [d for _, d in sorted(self.store.state.documents.items()) if d.case_id == case_id]

    def kept(self) -> Sequence[DocumentRecord]:
        return [
            d for i, d in sorted(self.store.state.documents.items()) if i in self.store.state.images
        ]

    def update(self, document: DocumentRecord) -> None:
        self.store._write().documents[document.document_id] = document

    def dispose(self, document_id: int, by: str, at: datetime) -> None:
        state = self.store._write()
        del state.images[document_id]
        state.documents[document_id] = replace(
            state.documents[document_id], fields={}, disposed_by=by, disposed_at=at
        )


@dataclass
class FakeLetters:
    store: FakeStore

    def add(self, case_id: str, kind: str, pdf: bytes, by: str, at: datetime) -> int:
        state = self.store._write()
        assert case_id in state.cases
        letter_id = max(state.letters, default=0) + 1
        state.letters[letter_id] = FakeLetter(letter_id, case_id, kind, by, at)
        state.letter_pdfs[letter_id] = pdf
        return letter_id

    def get(self, letter_id: int) -> FakeLetter | None:
        return self.store.state.letters.get(letter_id)

    def pdf(self, letter_id: int) -> bytes | None:
        return self.store.state.letter_pdfs.get(letter_id)

    def for_case(self, case_id: str) -> Sequence[FakeLetter]:
        return [v for _, v in sorted(self.store.state.letters.items()) if v.case_id == case_id]

    def record_delivery(
        self, letter_id: int, channel: str, on: date, by: str, at: datetime
    ) -> None:
        state = self.store._write()
        state.letters[letter_id] = replace(
            state.letters[letter_id], delivery_channel=channel, delivered_on=on, delivered_by=by
        )


@dataclass
class FakeAudit:
    store: FakeStore

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
        state = self.store._write()
        event = AuditEvent(
            event_id=len(state.events) + 1,
            at=at,
            user=user,
            action=str(action),
            case_id=case_id,
            document_id=document_id,
            detail=json.loads(json.dumps(dict(detail or {}))),
        )
        previous = state.events[-1][1] if state.events else ""
        state.events.append((event, _digest(previous, event)))
        return event.event_id

    def events(self, *, after: int = 0, case_id: str | None = None) -> Iterator[AuditEvent]:
        return iter(
            [
                e
                for e, _ in self.store.state.events
                if e.event_id > after and (case_id is None or e.case_id == case_id)
            ]
        )

    def verify(self) -> ChainCheck:
        previous = ""
        for event, digest in self.store.state.events:
            if _digest(previous, event) != digest:
                return ChainCheck(False, len(self.store.state.events), event.event_id)
            previous = digest
        return ChainCheck(True, len(self.store.state.events), None)


@dataclass
class FakeSettings:
    store: FakeStore

    def get(self, key: str) -> str | None:
        return self.store.state.settings.get(key)

    def set(self, key: str, value: str) -> None:
        self.store._write().settings[key] = value


class FakeOpener:
    """Implements ``StoreOpener`` around one ``FakeStore``."""

    def __init__(self) -> None:
        self.store: FakeStore | None = None

    def exists(self) -> bool:
        return self.store is not None

    def create(self, admin: str, password: str) -> tuple[FakeStore, str]:
        from desktop.core.cases import Role

        self.store = FakeStore()
        with self.store.transaction():
            self.store.users.add(admin, Role.ADMINISTRATOR, password)
        return self.store, "00" * 32

    def open(self, user: str, password: str) -> FakeStore:
        if self.store is None:
            raise InputError("store", "no store here")
        if self.store.state.passwords.get(user) != password:
            raise RefusedError(f"wrong user name or password for {user!r}")
        return self.store


@dataclass
class FakePolicies:
    """Implements ``PolicyEngine``: the decision comes from a function the test sets."""

    decide: Callable[[Mapping[str, Any]], tuple[str, list[str], date | None]] = field(
        default=lambda case: ("verified", [], None)
    )
    rules: RetentionRules = field(
        default_factory=lambda: RetentionRules(
            identity_after_decision=False, identity_days=30, request_form_days=365
        )
    )
    known: frozenset[str] = frozenset({"appi-default", "leverages", "whi"})
    seen: list[Mapping[str, Any]] = field(default_factory=list)

    def check_name(self, policy: str) -> str:
        if policy not in self.known:
            raise InputError(policy, "no such policy")
        return policy

    def evaluate(self, policy: str, case: Mapping[str, Any], source: str) -> PolicyOutcome:
        self.check_name(policy)
        self.seen.append(case)
        decision, codes, due = self.decide(case)
        return PolicyOutcome(
            decision,
            tuple(Reason(c, f"message for {c}") for c in codes),
            due,
            policy,
            "1",
            reasons_ja=tuple(f"理由 {c}" for c in codes),
            title_ja="架空ポリシー",
        )

    def retention(self, policy: str) -> RetentionRules:
        return self.rules

    def refusal_grounds(self, policy: str) -> Mapping[str, str]:
        return {
            "harm_to_rights": "本人または第三者の権利利益を害するおそれがあるため",
            "identity_unverifiable": "ご本人であることを確認できなかったため",
        }
