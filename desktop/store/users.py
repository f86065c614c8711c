"""User accounts: a row in the database and a key slot in the key-slot file, kept together.

A change writes the row inside the caller's transaction and rewrites the key slot before
that transaction commits: if the slot cannot be written nothing changes; if the process dies
between the two, a slot without an active account opens nothing (``Store.unlock`` refuses).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.cases import Role, UserRecord
from desktop.store.errors import Conflict, NotFound

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.store.db import Store


def _valid_name(name: str) -> str:
    if not name or len(name) > 64 or any(c.isspace() or not c.isprintable() for c in name):
        raise Conflict("user name", "a user name is 1-64 printable characters without spaces")
    return name


def _record(row: tuple[object, ...]) -> UserRecord:
    return UserRecord(name=str(row[0]), role=Role(str(row[1])), active=bool(row[2]))


class UserRepository:
    """Accounts and their key slots (implements the services' ``UserRepository`` port)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, name: str) -> UserRecord | None:
        """Return the account ``name`` (active or not), or None."""
        row = self._store.connection.execute(
            "SELECT name, role, active FROM users WHERE name = ?", (name,)
        ).fetchone()
        return None if row is None else _record(row)

    def list(self) -> Sequence[UserRecord]:
        """Return every account, by name."""
        rows = self._store.connection.execute(
            "SELECT name, role, active FROM users ORDER BY name"
        ).fetchall()
        return [_record(row) for row in rows]

    def add(self, name: str, role: Role, password: str) -> None:
        """Add an account and its key slot.

        Raises:
            Conflict: the name is taken (names are never reused: the audit log names people
                by account name) or is not a valid name.
        """
        _valid_name(name)
        store = self._store
        with store.transaction():
            if self.get(name) is not None:
                raise Conflict("user name", f"the user name {name!r} is already taken")
            store.connection.execute(
                "INSERT INTO users (name, role, active, created_at) VALUES (?, ?, 1, ?)",
                (name, Role(role).value, store.now().isoformat()),
            )
            store.write_slot(name, password)

    def set_active(self, name: str, active: bool) -> None:
        """Enable or disable an account; disabling also deletes its key slot.

        A re-enabled account needs ``set_password`` before it can unlock the store again.

        Raises:
            NotFound: no such account.
            Conflict: it is the last active administrator.
        """
        store = self._store
        with store.transaction():
            user = self.get(name)
            if user is None:
                raise NotFound("user name", f"no user named {name!r}")
            if not active and user.active and user.role is Role.ADMINISTRATOR:
                (admins,) = store.connection.execute(
                    "SELECT count(*) FROM users WHERE role = 'administrator' AND active = 1"
                ).fetchone()
                if admins <= 1:
                    raise Conflict("user name", "the last administrator cannot be removed")
            store.connection.execute(
                "UPDATE users SET active = ? WHERE name = ?", (int(active), name)
            )
            if not active:
                store.drop_slot(name)

    def set_password(self, name: str, password: str) -> None:
        """Rewrap the account's key slot under a new password (the database key is unchanged).

        Raises:
            NotFound: no active account of that name.
        """
        user = self.get(name)
        if user is None or not user.active:
            raise NotFound("user name", f"no active user named {name!r}")
        self._store.write_slot(name, password)

    def set_role(self, name: str, role: Role) -> None:
        """Change the role of an account."""
        with self._store.transaction():
            if self.get(name) is None:
                raise NotFound("user name", f"no user named {name!r}")
            self._store.connection.execute(
                "UPDATE users SET role = ? WHERE name = ?", (Role(role).value, name)
            )

    def check_password(self, name: str, password: str) -> bool:
        """Return whether ``password`` opens the key slot of ``name`` (counts no failure)."""
        return self._store.check_password(name, password)
