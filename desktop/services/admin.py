"""Administration: store-wide settings, accounts, the policy viewer and recovery with the key.

Every setter checks the role in the service (``Action.EDIT_SETTINGS`` or
``Action.MANAGE_USERS``) and writes its audit event in the same transaction as the change.
Settings live in the encrypted store, so they follow the store from workstation to
workstation (the company's sender, the policy, retention, idle lock and hot folder).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from desktop.core.cases import Action, Role, UserRecord
from desktop.core.errors import InputError, RefusedError
from desktop.services import accounts
from desktop.services.accounts import DEFAULT_POLICY, POLICY_SETTING
from desktop.services.disposal import (
    DEFAULT_IDENTITY_RETENTION_DAYS,
    DEFAULT_REQUEST_FORM_RETENTION_DAYS,
    IDENTITY_RETENTION_SETTING,
    REQUEST_FORM_RETENTION_SETTING,
)
from desktop.services.session import Session, system_clock

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import datetime

    from desktop.core.documents import DocumentType
    from desktop.core.policy import Policy
    from desktop.core.policy.model import IdentityRequirement
    from desktop.services.ports import PolicyEngine, Store

log = logging.getLogger(__name__)

COMPANY_NAME_SETTING = "company_name"
COMPANY_ADDRESS_SETTING = "company_address"
COMPANY_CONTACT_SETTING = "company_contact"
IDLE_LOCK_SETTING = "idle_lock_minutes"
HOT_FOLDER_SETTING = "hot_folder"

DEFAULT_IDLE_LOCK_MINUTES = 10
MIN_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES = 1, 240
MAX_RETENTION_DAYS = 100 * 365
"""A century: past this a number of days is a typing mistake, not a retention period."""
MAX_SENDER_TEXT = 500

RECOVERY_ACTOR = "recovery_key"
"""The audit log's actor of a change made with the recovery key (nobody was signed in)."""
RECOVER_ACTION = "recover_administrator"


@dataclass(frozen=True, slots=True)
class CompanySender:
    """The sender printed on letters."""

    name: str = ""
    address: str = ""
    contact: str = ""


@dataclass(frozen=True, slots=True)
class StoreSettings:
    """Every administrator setting, as stored (defaults filled in)."""

    sender: CompanySender
    policy: str
    identity_retention_days: int
    request_form_retention_days: int
    idle_lock_minutes: int
    hot_folder: str  # "" when none is set


def _int_setting(session: Session, key: str, default: int) -> int:
    value = session.store.settings.get(key)
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return number if number > 0 else default


def read_settings(session: Session) -> StoreSettings:
    """Every setting with its default; any signed-in user (the window needs the idle lock)."""
    get = session.store.settings.get
    minutes = _int_setting(session, IDLE_LOCK_SETTING, DEFAULT_IDLE_LOCK_MINUTES)
    return StoreSettings(
        sender=CompanySender(
            name=get(COMPANY_NAME_SETTING) or "",
            address=get(COMPANY_ADDRESS_SETTING) or "",
            contact=get(COMPANY_CONTACT_SETTING) or "",
        ),
        policy=get(POLICY_SETTING) or DEFAULT_POLICY,
        identity_retention_days=_int_setting(
            session, IDENTITY_RETENTION_SETTING, DEFAULT_IDENTITY_RETENTION_DAYS
        ),
        request_form_retention_days=_int_setting(
            session, REQUEST_FORM_RETENTION_SETTING, DEFAULT_REQUEST_FORM_RETENTION_DAYS
        ),
        idle_lock_minutes=min(max(minutes, MIN_IDLE_LOCK_MINUTES), MAX_IDLE_LOCK_MINUTES),
        hot_folder=get(HOT_FOLDER_SETTING) or "",
    )


def idle_lock_minutes(session: Session) -> int:
    """Minutes without input before the window locks (the store's setting, 1–240)."""
    return read_settings(session).idle_lock_minutes


def _clean_text(value: str, source: str) -> str:
    text = value.strip()
    if len(text) > MAX_SENDER_TEXT:
        raise InputError(source, f"longer than {MAX_SENDER_TEXT} characters")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
        raise InputError(source, "must not contain control characters")
    return text


def set_company_sender(session: Session, sender: CompanySender) -> CompanySender:
    """Store the company's name, address and contact (printed on letters).

    Raises:
        NotPermitted: not an administrator.
        InputError: an empty company name, a text too long or with control characters.
    """
    session.require(Action.EDIT_SETTINGS)
    clean = CompanySender(
        name=_clean_text(sender.name, "company name"),
        address=_clean_text(sender.address, "company address"),
        contact=_clean_text(sender.contact, "company contact"),
    )
    if not clean.name:
        raise InputError("company name", "is empty")
    store = session.store
    with store.transaction():
        store.settings.set(COMPANY_NAME_SETTING, clean.name)
        store.settings.set(COMPANY_ADDRESS_SETTING, clean.address)
        store.settings.set(COMPANY_CONTACT_SETTING, clean.contact)
        session.record(Action.EDIT_SETTINGS, changed="company_sender")
    return clean


def set_policy(session: Session, policy: str) -> str:
    """Put ``policy`` (a built-in name or a policy file) in force; return its canonical name.

    Raises:
        NotPermitted: not an administrator.
        InputError, PolicyError: the policy cannot be loaded (nothing is changed).
    """
    session.require(Action.EDIT_SETTINGS)
    canonical = session.policies.check_name(policy)
    store = session.store
    with store.transaction():
        store.settings.set(POLICY_SETTING, canonical)
        session.record(Action.EDIT_SETTINGS, changed=POLICY_SETTING, policy=canonical)
    log.info("policy changed")
    return canonical


def _check_days(days: int, source: str) -> int:
    if isinstance(days, bool) or not isinstance(days, int):
        raise InputError(source, "must be a whole number of days")
    if not 1 <= days <= MAX_RETENTION_DAYS:
        raise InputError(source, f"must be 1-{MAX_RETENTION_DAYS} days")
    return days


def set_retention(session: Session, *, identity_days: int, request_form_days: int) -> None:
    """Set the retention periods after closing (used where the policy names none).

    Raises:
        NotPermitted: not an administrator.
        InputError: a period outside 1–36500 days.
    """
    session.require(Action.EDIT_SETTINGS)
    _check_days(identity_days, "identity retention")
    _check_days(request_form_days, "request form retention")
    store = session.store
    with store.transaction():
        store.settings.set(IDENTITY_RETENTION_SETTING, str(identity_days))
        store.settings.set(REQUEST_FORM_RETENTION_SETTING, str(request_form_days))
        session.record(Action.EDIT_SETTINGS, changed="retention")


def set_idle_lock_minutes(session: Session, minutes: int) -> None:
    """Set the minutes without input before the window locks (1–240).

    Raises:
        NotPermitted: not an administrator.
        InputError: outside 1–240.
    """
    session.require(Action.EDIT_SETTINGS)
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise InputError("idle lock", "must be a whole number of minutes")
    if not MIN_IDLE_LOCK_MINUTES <= minutes <= MAX_IDLE_LOCK_MINUTES:
        raise InputError(
            "idle lock", f"must be {MIN_IDLE_LOCK_MINUTES}-{MAX_IDLE_LOCK_MINUTES} minutes"
        )
    store = session.store
    with store.transaction():
        store.settings.set(IDLE_LOCK_SETTING, str(minutes))
        session.record(Action.EDIT_SETTINGS, changed=IDLE_LOCK_SETTING)


def set_hot_folder(session: Session, folder: str) -> str:
    """Set the scanner's hot folder (an existing folder, stored absolute); "" clears it.

    Raises:
        NotPermitted: not an administrator.
        InputError: not an existing folder.
    """
    session.require(Action.EDIT_SETTINGS)
    value = ""
    if folder.strip():
        path = Path(folder.strip()).expanduser()
        if not path.is_dir():
            raise InputError(folder, "is not an existing folder")
        value = str(path.resolve())
    store = session.store
    with store.transaction():
        store.settings.set(HOT_FOLDER_SETTING, value)
        # the path itself stays out of the chain: it may name a person's home folder
        session.record(Action.EDIT_SETTINGS, changed=HOT_FOLDER_SETTING)
    return value


# --- accounts --------------------------------------------------------------------------------


def list_users(session: Session) -> Sequence[UserRecord]:
    """Every account, by name (administrators only)."""
    return accounts.list_users(session)


def add_user(session: Session, name: str, role: Role, password: str) -> UserRecord:
    """Add an account that can sign in at once (administrators only); see ``accounts``."""
    return accounts.add_user(session, name, Role(role), password)


def disable_user(session: Session, name: str) -> None:
    """Disable an account: it can no longer unlock the store (its key slot is removed).

    Raises:
        NotPermitted: not an administrator.
        RefusedError: one's own account, or the last active administrator.
        InputError: no such account.
    """
    accounts.set_active(session, name, False)


def enable_user(session: Session, name: str, new_password: str) -> None:
    """Enable a disabled account with a new password (disabling removed its key slot).

    Raises:
        NotPermitted: not an administrator.
        InputError: no such account or an empty password.
    """
    session.require(Action.MANAGE_USERS)
    accounts.check_password(new_password, "new password")
    accounts.set_active(session, name, True)
    accounts.change_password(session, name, new_password)


def reset_password(session: Session, name: str, new_password: str) -> None:
    """Give another account a new password (administrators only).

    Raises:
        NotPermitted: not an administrator.
        RefusedError: the account is disabled (enable it instead).
        InputError: no such account or an empty password.
    """
    session.require(Action.MANAGE_USERS)
    target = session.store.users.get(name)
    if target is not None and not target.active:
        raise RefusedError(f"the account {name!r} is disabled: enable it with a new password")
    accounts.change_password(session, name, new_password)


class RecoveryOpener(Protocol):
    """A store opener that can also open the store with its recovery key."""

    def recover(self, recovery_key: str) -> Store:
        """Open the store with the recovery key (``WrongKey``, a ``RefusedError``, if wrong)."""
        ...


def recover_administrator(
    opener: RecoveryOpener,
    policies: PolicyEngine,
    *,
    recovery_key: str,
    admin: str,
    password: str,
    now: Callable[[], datetime] = system_clock,
) -> None:
    """Set an administrator's password with the recovery key (every password lost).

    An existing administrator account gets the new password (and is enabled again if it was
    disabled); a new name becomes a new administrator. The event is recorded with the actor
    ``recovery_key``. Sign in afterwards with ``accounts.unlock``.

    Raises:
        RefusedError: a wrong recovery key, or ``admin`` names a non-administrator account.
        InputError: a bad name or an empty password.
    """
    accounts.check_user_name(admin)
    accounts.check_password(password, "new password")
    store = opener.recover(recovery_key)
    try:
        actor = Session(store, UserRecord(RECOVERY_ACTOR, Role.ADMINISTRATOR), policies, now)
        existing = store.users.get(admin)
        if existing is not None and existing.role is not Role.ADMINISTRATOR:
            raise RefusedError(f"{admin!r} is not an administrator account")
        with store.transaction():
            if existing is None:
                store.users.add(admin, Role.ADMINISTRATOR, password)
                changed = "added"
            else:
                if not existing.active:
                    store.users.set_active(admin, True)
                store.users.set_password(admin, password)
                changed = "password"
            actor.record(
                RECOVER_ACTION, account=admin, role=Role.ADMINISTRATOR.value, changed=changed
            )
    finally:
        store.close()
    log.info("administrator password set with the recovery key")


def recover_in(
    directory: str | Path | None,
    *,
    recovery_key: str,
    admin: str,
    password: str,
    now: Callable[[], datetime] = system_clock,
) -> None:
    """``recover_administrator`` on the real store in ``directory`` (default: user data)."""
    from desktop.services.paths import store_dir
    from desktop.services.workspace import FilePolicies
    from desktop.store.db import StoreOpener as SqlCipherOpener

    recover_administrator(
        SqlCipherOpener(store_dir(directory)),
        FilePolicies(),
        recovery_key=recovery_key,
        admin=admin,
        password=password,
        now=now,
    )


# --- the policy viewer -----------------------------------------------------------------------


class RuleCode(StrEnum):
    """One line of the policy checklist; the UI words it (codes with parameters, no prose)."""

    PRINCIPAL_ONE_OF = "principal_one_of"  # documents
    PRINCIPAL_PHOTO_OR_OTHERS = "principal_photo_or_others"  # documents, number
    REPRESENTATIVE_ID_ONE_OF = "representative_id_one_of"
    REPRESENTATIVE_ID_PHOTO_OR_OTHERS = "representative_id_photo_or_others"
    REPRESENTATIVE_ID_NOT_ASKED = "representative_id_not_asked"
    AUTHORITY_MINOR = "authority_minor"  # documents
    AUTHORITY_ADULT_WARD = "authority_adult_ward"  # documents
    AGENT_ID_ONE_OF = "agent_id_one_of"
    AGENT_ID_PHOTO_OR_OTHERS = "agent_id_photo_or_others"
    AGENT_ID_NOT_ASKED = "agent_id_not_asked"
    POWER_OF_ATTORNEY = "power_of_attorney"
    CERTIFICATE_AGE = "certificate_age"  # number (months)
    DEADLINE = "deadline"  # number (business days)
    NO_DEADLINE = "no_deadline"
    FEE = "fee"  # text: fee kind, number: yen or 0
    DISPOSE_AFTER_VERIFICATION = "dispose_after_verification"
    DISPOSE_AFTER_RETENTION = "dispose_after_retention"  # number: days, 0 = store setting
    REFUSAL_GROUND = "refusal_ground"  # text: the ground in Japanese


@dataclass(frozen=True, slots=True)
class PolicyRule:
    """One line of the checklist: a code, the documents it names, a number, a text."""

    code: RuleCode
    documents: tuple[str, ...] = ()
    number: int = 0
    text: str = ""
    product_default: bool = False  # not in the company's seed: the product's default


@dataclass(frozen=True, slots=True)
class PolicyView:
    """A policy as the viewer shows it."""

    name: str
    version: str
    title_ja: str
    title_en: str
    rules: tuple[PolicyRule, ...]


def _docs(types: Sequence[DocumentType]) -> tuple[str, ...]:
    return tuple(t.value for t in types)


def _identity(
    req: IdentityRequirement | None, one_of: RuleCode, photo: RuleCode, none: RuleCode
) -> PolicyRule:
    from desktop.core.policy import IdentityRule

    if req is None:
        return PolicyRule(none)
    code = one_of if req.rule is IdentityRule.ONE_OF else photo
    return PolicyRule(code, _docs(req.documents), req.others, "", req.cite.product_default)


def view_policy(policy: Policy) -> PolicyView:
    """The checklist of ``policy``: each requirement as a code with its parameters."""
    from desktop.core.policy import Disposal

    rep, agent = policy.legal_representative, policy.appointed_agent
    rules = [
        _identity(
            policy.principal,
            RuleCode.PRINCIPAL_ONE_OF,
            RuleCode.PRINCIPAL_PHOTO_OR_OTHERS,
            RuleCode.PRINCIPAL_ONE_OF,
        ),
        _identity(
            rep.identity,
            RuleCode.REPRESENTATIVE_ID_ONE_OF,
            RuleCode.REPRESENTATIVE_ID_PHOTO_OR_OTHERS,
            RuleCode.REPRESENTATIVE_ID_NOT_ASKED,
        ),
        PolicyRule(RuleCode.AUTHORITY_MINOR, _docs(rep.authority.minor)),
        PolicyRule(RuleCode.AUTHORITY_ADULT_WARD, _docs(rep.authority.adult_ward)),
        _identity(
            agent.identity,
            RuleCode.AGENT_ID_ONE_OF,
            RuleCode.AGENT_ID_PHOTO_OR_OTHERS,
            RuleCode.AGENT_ID_NOT_ASKED,
        ),
    ]
    if agent.power_of_attorney:
        rules.append(PolicyRule(RuleCode.POWER_OF_ATTORNEY))
    if policy.certificate_age is not None:
        age = policy.certificate_age
        rules.append(
            PolicyRule(
                RuleCode.CERTIFICATE_AGE,
                number=age.months,
                product_default=age.cite.product_default,
            )
        )
    if policy.deadline is not None:
        rules.append(PolicyRule(RuleCode.DEADLINE, number=policy.deadline.business_days))
    else:
        rules.append(PolicyRule(RuleCode.NO_DEADLINE))
    rules.append(
        PolicyRule(RuleCode.FEE, number=policy.fee.amount_yen or 0, text=policy.fee.kind.value)
    )
    if policy.disposal.id_copies is Disposal.AFTER_VERIFICATION:
        rules.append(PolicyRule(RuleCode.DISPOSE_AFTER_VERIFICATION))
    else:
        rules.append(
            PolicyRule(RuleCode.DISPOSE_AFTER_RETENTION, number=policy.disposal.retention_days or 0)
        )
    rules += [PolicyRule(RuleCode.REFUSAL_GROUND, text=g.ja) for g in policy.refusal_grounds]
    return PolicyView(policy.name, policy.version, policy.title_ja, policy.title_en, tuple(rules))


def policy_view(session: Session, policy: str | None = None) -> PolicyView:
    """The checklist of ``policy`` (default: the policy in force); any signed-in user.

    Raises:
        InputError, PolicyError: the policy cannot be loaded.
    """
    from desktop.services.policies import load_policy

    name = policy or read_settings(session).policy
    session.policies.check_name(name)
    return view_policy(load_policy(name))


def policy_choices() -> tuple[str, ...]:
    """The built-in policies an administrator may choose (a policy file is also accepted)."""
    from desktop.services.policies import BUILTIN_NAMES

    return BUILTIN_NAMES


# --- audit export and disposal with its record -----------------------------------------------


def export_audit_csv(session: Session, path: Path) -> int:
    """Write the audit chain as CSV for an auditor (UTF-8 with BOM for Excel); return events.

    Raises:
        NotPermitted: not an administrator.
        InputError: the file cannot be written.
    """
    from desktop.services import audit

    session.require(Action.EDIT_SETTINGS)
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            return audit.export_csv(session, out)
    except OSError as exc:
        raise InputError(str(path), f"cannot write: {exc.strerror or exc}") from None


@dataclass(frozen=True, slots=True)
class DisposalRecord:
    """What one disposal destroyed and the record kept of it (codes, ids, dates)."""

    document_id: int
    case_id: str
    document_type: str
    category: str
    rule: str
    disposed_by: str
    disposed_at: datetime | None


def due_for_disposal(session: Session) -> list[DisposalRecord]:
    """The images the policy in force wants destroyed now (nothing is destroyed yet).

    Raises:
        NotPermitted: the role may not dispose (operators).
    """
    from desktop.services.disposal import due_documents

    return [
        DisposalRecord(
            d.document.document_id,
            d.case.case_id,
            d.document.document_type.value,
            d.document.category.value,
            d.rule.value,
            "",
            None,
        )
        for d in due_documents(session)
    ]


def dispose_with_record(session: Session) -> list[DisposalRecord]:
    """Destroy every due image; return what was destroyed as the store now records it.

    The document rows stay (type, holder, who stored and who destroyed it, when); the image
    and the field values are gone. Each disposal has its audit event.

    Raises:
        NotPermitted: the role may not dispose (operators).
    """
    from desktop.services.disposal import dispose_due

    due = {r.document_id: r for r in due_for_disposal(session)}
    out: list[DisposalRecord] = []
    for document_id in dispose_due(session):
        kept = session.store.documents.get(document_id)
        before = due.get(document_id)
        if kept is None or before is None:  # pragma: no cover - rows are never deleted
            continue
        out.append(
            DisposalRecord(
                document_id,
                kept.case_id,
                kept.document_type.value,
                kept.category.value,
                before.rule,
                kept.disposed_by or "",
                kept.disposed_at,
            )
        )
    return out
