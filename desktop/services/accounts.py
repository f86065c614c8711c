"""Accounts: create the store with its first administrator, unlock it, add and manage users."""

from __future__ import annotations

import logging
import unicodedata
from typing import TYPE_CHECKING

from desktop.core.cases import Action, Role
from desktop.core.errors import InputError, RefusedError
from desktop.services.session import Session, system_clock

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import datetime
    from pathlib import Path

    from desktop.services.ports import PolicyEngine, StoreOpener, UserRecord

log = logging.getLogger(__name__)

POLICY_SETTING = "policy"
"""Settings key of the policy in force, chosen at ``init``."""

DEFAULT_POLICY = "appi-default"
MAX_NAME = 64


def check_user_name(name: str) -> str:
    """Return ``name`` if it can name an account; ``InputError`` otherwise.

    Account names are staff identifiers: 1–64 printable characters, no spaces at either end,
    no control characters.
    """
    if not name or len(name) > MAX_NAME or name != name.strip():
        raise InputError("user name", f"must be 1-{MAX_NAME} characters without outer spaces")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise InputError("user name", "must not contain control characters")
    return name


def check_password(password: str, source: str) -> str:
    """Return ``password`` if usable; ``InputError`` naming ``source`` otherwise."""
    if not password:
        raise InputError(source, "the password is empty")
    return password


def initialise(
    opener: StoreOpener,
    policies: PolicyEngine,
    *,
    admin: str,
    password: str,
    policy: str = DEFAULT_POLICY,
    now: Callable[[], datetime] = system_clock,
    source: str = "store",
) -> tuple[Session, str]:
    """Create a store with its first administrator and the policy in force.

    Args:
        opener: where the store goes.
        policies: the policy engine, to check ``policy`` before anything is written.
        admin: the first administrator's account name.
        password: their password.
        policy: a built-in policy name or a policy file.
        now: the clock.
        source: how the user named the store's folder, for messages.

    Returns:
        The administrator's session and the recovery key (shown once).

    Raises:
        InputError: the folder already holds a store, or a bad name, password or policy.
    """
    check_user_name(admin)
    check_password(password, "password")
    canonical = policies.check_name(policy)
    if opener.exists():
        raise InputError(source, "already holds a store")
    store, recovery_key = opener.create(admin, password)
    user = store.users.get(admin)
    if user is None:  # pragma: no cover - the store's create() just added it
        raise RuntimeError("the first administrator is missing after create")
    session = Session(store, user, policies, now)
    with store.transaction():
        store.settings.set(POLICY_SETTING, canonical)
        session.record("init", role=Role.ADMINISTRATOR.value, policy=canonical)
    log.info("store created")
    return session, recovery_key


def unlock(
    opener: StoreOpener,
    policies: PolicyEngine,
    *,
    user: str,
    password: str,
    now: Callable[[], datetime] = system_clock,
) -> Session:
    """Unlock the store as ``user``.

    Raises:
        RefusedError: wrong name or password, or a disabled account.
        InputError: the folder holds no store.
    """
    store = opener.open(user, password)
    record = store.users.get(user)
    if record is None or not record.active:
        store.close()
        raise RefusedError(f"wrong user name or password for {user!r}")
    return Session(store, record, policies, now)


def add_user(session: Session, name: str, role: Role, password: str) -> UserRecord:
    """Add an account with its own key slot (administrators only).

    Raises:
        NotPermitted: the session's user is not an administrator.
        InputError: a bad name or password, or a name already taken.
    """
    session.require(Action.MANAGE_USERS)
    check_user_name(name)
    check_password(password, "new password")
    store = session.store
    if store.users.get(name) is not None:
        raise InputError(name, "a user of that name already exists")
    with store.transaction():
        store.users.add(name, role, password)
        session.record(Action.MANAGE_USERS, account=name, role=role.value, changed="added")
    added = store.users.get(name)
    if added is None:  # pragma: no cover - just added
        raise RuntimeError("the new user is missing after add")
    log.info("user added (role %s)", role.value)
    return added


def list_users(session: Session) -> Sequence[UserRecord]:
    """Every account (administrators only)."""
    session.require(Action.MANAGE_USERS)
    return session.store.users.list()


def set_active(session: Session, name: str, active: bool) -> None:
    """Enable or disable an account (administrators only; never one's own).

    Raises:
        InputError: no such account.
        RefusedError: disabling oneself, or the last active administrator.
    """
    session.require(Action.MANAGE_USERS)
    store = session.store
    target = store.users.get(name)
    if target is None:
        raise InputError(name, "no such user")
    if not active and name == session.user.name:
        raise RefusedError("an administrator may not disable their own account")
    if not active and target.role is Role.ADMINISTRATOR:
        admins = [u for u in store.users.list() if u.role is Role.ADMINISTRATOR and u.active]
        if len(admins) <= 1:
            raise RefusedError("the last active administrator may not be disabled")
    with store.transaction():
        store.users.set_active(name, active)
        session.record(Action.MANAGE_USERS, account=name, active=active, changed="active")


def change_password(session: Session, name: str, new_password: str) -> None:
    """Change a password: one's own (everyone) or anyone's (administrators).

    Raises:
        NotPermitted: changing another user's password without being an administrator.
        InputError: an empty password or no such account.
    """
    own = name == session.user.name
    session.require(Action.CHANGE_OWN_PASSWORD if own else Action.MANAGE_USERS)
    check_password(new_password, "new password")
    store = session.store
    if store.users.get(name) is None:
        raise InputError(name, "no such user")
    with store.transaction():
        store.users.set_password(name, new_password)
        session.record(
            Action.CHANGE_OWN_PASSWORD if own else Action.MANAGE_USERS,
            account=name,
            changed="password",
        )


def backup(session: Session, dest: Path) -> None:
    """Write a consistent copy of the store (database and key slots) into ``dest``.

    The event is recorded once the copy is made (the copy's chain ends just before it).

    Raises:
        NotPermitted: not an administrator.
        InputError: ``dest`` already holds a store or cannot be written.
    """
    session.require(Action.BACKUP)
    if dest.exists() and not dest.is_dir():
        raise InputError(str(dest), "is a file, not a folder")
    session.store.backup(dest)
    with session.store.transaction():
        session.record(Action.BACKUP)
    log.info("store backed up")
